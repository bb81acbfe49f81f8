// Package indicators computes what camcost reports beside the costs: the
// indicators of one body, and the comparison of several bodies in a
// multi-body run (docs/uscite.md, workbook 3). It sits between costing and
// outputs: it reads a costing.Result and the typed contesto of its inputs,
// does no I/O and writes no workbook; outputs renders what it computes.
//
// Indicators lists the indicators of a body (oneri correnti per impresa
// attiva, costo medio per FTE, incidenza dei costi di supporto, grado di
// copertura, the costo pieno of each processo, the unit cost of each
// volume...), each with its formula, its inputs and their sources, or,
// when an input is missing or a denominator is zero, the reason it cannot
// be computed: never a silent zero.
//
// Summarize keeps of a body's result the little a comparison needs (a
// BodySummary, with no per-person data), so that a multi-body run can
// cost bodies one after another. Compare groups the summaries in clusters
// (declared in contesto, else camcost's size classes by imprese attive)
// and sets each body's figures beside the quartiles and ranks of its
// cluster and of all bodies. Describe and Ranks are the statistics, in
// exact decimals, as Excel's QUARTILE.INC and RANK.EQ compute them.
package indicators
