// Package explain answers, for one node of the process map, the question a
// controller asks of a figure: why does it cost what it costs? It builds,
// from the rows of trace.csv, the node's costo pieno stage by stage: the
// ledger lines that reached it (the largest first, the rest folded into
// one row), its personnel cost by qualifica, what it received from each
// coordinamento and formazione node and from each support servizio, what a
// servizio passed to its attività, and the final rounding.
//
// It relies on one documented invariant of trace.csv only: summing the
// rows whose target lies under a node (the node included), over the four
// cost voci, gives the node's figures in costs.csv. Every trace row that
// counts is in exactly one Row of an Explanation, so the amounts of the
// rows add up exactly to the node's costo pieno; Builder.Explain checks it.
//
// The package does no I/O: package outputs reads trace.csv and costs.csv
// and renders the result, cmd/camcost wires them. The words of an
// Explanation are Italian, as a user reads them. It never names a person:
// the personnel split is by qualifica, and a qualifica with fewer than
// MinPeople people is folded with others.
package explain
