package outputs

import (
	"fmt"
	"slices"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"camcost/costing"
	"camcost/indicators"
	"camcost/model"
)

// sectionTitle is the heading of a section of allegato C, with its letter.
func sectionTitle(s model.Section) string {
	switch s {
	case model.ProventiCorrenti:
		return "A) PROVENTI CORRENTI"
	case model.OneriCorrenti:
		return "B) ONERI CORRENTI"
	case model.GestioneFinanziaria:
		return "C) GESTIONE FINANZIARIA"
	case model.GestioneStraordinaria:
		return "D) GESTIONE STRAORDINARIA"
	case model.RettificheValore:
		return "E) RETTIFICHE DI VALORE ATTIVITÀ FINANZIARIA"
	}
	return s.Label()
}

// check is one line of the reconciliation: what the ledger says, what the
// run attributed, and where.
type check struct {
	n         int // allegato C number, 0 for the totals checks
	label     string
	ledger    decimal.Decimal
	allocated decimal.Decimal
	where     string
}

func (c check) diff() decimal.Decimal { return c.allocated.Sub(c.ledger) }

// checks returns the reconciliation of a result: one check per voce in the
// order of allegato C, then the checks on the oneri correnti as a whole.
func checks(res *costing.Result) (voci, totals []check) {
	for v, t := range res.Totals {
		info := model.Voci()[v]
		where := "fase 1: nodi della mappa (conto economico per funzioni)"
		switch {
		case info.Section == model.OneriCorrenti:
			where = "costo pieno delle attività, dopo i ribaltamenti"
		case info.Section == model.ProventiCorrenti:
			where = "fase 1: nodi della mappa (conto economico per funzioni, grado di copertura)"
		}
		voci = append(voci, check{v + 1, info.Label, t.Ledger, t.Allocated, where})
	}
	var direct, full, moved decimal.Decimal
	for i, n := range res.Map.Nodes() {
		if n.Level != model.LevelMacro {
			continue
		}
		f := res.Nodes[i]
		direct = direct.Add(costing.Total(f.Direct))
		full = full.Add(costing.Total(f.Full))
		moved = moved.Add(costing.Total(f.FromCoordination)).Add(costing.Total(f.FromSupport)).Add(costing.Total(f.ToOthers))
	}
	oneri := res.OneriCorrenti()
	totals = []check{
		{0, "Σ costo diretto = totale oneri correnti", oneri, direct, "costo diretto di tutti i nodi (fase 1)"},
		{0, "Σ costo pieno = totale oneri correnti", oneri, full, "costo pieno di tutti i nodi (dopo le fasi 2-4)"},
		{0, "Σ ricevuto + Σ ceduto = 0", decimal.Zero, moved, "quote di coordinamento, formazione e supporto ricevute meno quanto ceduto"},
	}
	return voci, totals
}

// quadratura writes the reconciliation with the ledger, per voce and for
// the oneri correnti as a whole, with a status everyone can read at once.
func (c *costi) quadratura(f *excelize.File) error {
	if _, err := f.NewSheet(SheetQuadratura); err != nil {
		return err
	}
	s := c.st.sheetOf(f, SheetQuadratura)
	st := c.st
	cols := []column{{"N.", "", 5}, {"Voce del conto economico (allegato C)", "", 46}, {"Totale contabilità", "", 19},
		{"Totale attribuito", "", 19}, {"Differenza", "", 14}, {"Esito", "", 14}, {"Dove è attribuito", "", 56}}
	s.widths(widthsOf(cols)...)
	voci, totals := checks(c.res)
	ok := true
	for _, ch := range append(slices.Clone(voci), totals...) {
		ok = ok && ch.diff().IsZero()
	}
	s.put(titleBlocks("Quadratura con la contabilità", "", c.info, len(cols), st))
	if ok {
		s.merge(1, 3, len(cols), 3, fmt.Sprintf("QUADRATO – tutte le %d voci del conto economico sono attribuite al centesimo "+
			"(differenza 0,00 € per ogni voce) e Σ costo pieno = Σ costo diretto = totale oneri correnti.", len(voci)), st.okBig)
	} else {
		s.merge(1, 3, len(cols), 3, "NON QUADRATO – alcune voci attribuite differiscono dalla contabilità: vedere le righe in rosso.", st.badBig)
	}
	s.height(3, 36)
	s.put(headerBlocks(cols, headerRow, st))
	s.height(headerRow+1, 20)
	row := firstData
	line := func(ch check) {
		if ch.n > 0 {
			s.set(1, row, ch.n, st.text)
		}
		s.set(2, row, ch.label, st.textWrap)
		s.set(3, row, ch.ledger, st.euro)
		s.set(4, row, ch.allocated, st.euro)
		if ch.diff().IsZero() {
			s.set(5, row, ch.diff(), st.euro)
			s.set(6, row, "Quadrato", st.ok)
		} else {
			s.set(5, row, ch.diff(), st.euroBad)
			s.set(6, row, "Differenza", st.bad)
		}
		s.set(7, row, ch.where, st.textWrap)
		if h := rowHeight([]string{ch.label, ch.where}, []float64{cols[1].width, cols[6].width}); h > 0 {
			s.height(row, h)
		}
		row++
	}
	sec := model.Section(255)
	for _, ch := range voci {
		if v := model.Voci()[ch.n-1]; v.Section != sec {
			sec = v.Section
			s.merge(1, row, len(cols), row, sectionTitle(sec), st.sectionLeft)
			row++
		}
		line(ch)
	}
	row++
	s.merge(1, row, len(cols), row, "CONTROLLI SUGLI ONERI CORRENTI", st.sectionLeft)
	row++
	for _, ch := range totals {
		line(ch)
	}
	row++
	end := "Il motore rifiuta un'esecuzione in cui una voce non quadra: questo foglio ne documenta il controllo. " +
		"Gli oneri correnti (voci 6-9) scendono fino alle attività; le altre voci restano sui nodi a cui la fase 1 le attribuisce " +
		"e formano il conto economico per funzioni istituzionali."
	s.note(row, len(cols), totalWidth(cols), end, st.noteWrap)
	s.freeze(0, titleRows)
	s.print(titleRows)
	return s.err
}

// paretoRow is a processo in the Pareto ranking.
type paretoRow struct {
	node  int
	full  decimal.Decimal
	share decimal.Decimal // of the total, as a fraction
	cum   decimal.Decimal // cumulative share, as a fraction
	class string
}

// paretoRows ranks the processi (regular funzioni) with costo pieno other
// than zero by costo pieno, largest first, ties by code, with their ABC
// classes (indicators.Pareto).
func paretoRows(res *costing.Result, tot *nodeTotals) ([]paretoRow, decimal.Decimal) {
	var nodes []int
	var fulls []decimal.Decimal
	for i, n := range res.Map.Nodes() {
		if indicators.IsProcess(n) {
			nodes = append(nodes, i)
			fulls = append(fulls, tot.node(i)[totFull])
		}
	}
	var rows []paretoRow
	var total decimal.Decimal
	for _, r := range indicators.Pareto(fulls) {
		rows = append(rows, paretoRow{node: nodes[r.Index], full: r.Value, share: r.Share, cum: r.Cum, class: r.Class})
		total = total.Add(r.Value)
	}
	return rows, total
}

// pareto writes the processi ranked by costo pieno with their ABC class, a
// summary by class and the Pareto chart.
func (c *costi) pareto(f *excelize.File) error {
	if _, err := f.NewSheet(SheetPareto); err != nil {
		return err
	}
	s := c.st.sheetOf(f, SheetPareto)
	st := c.st
	m := c.res.Map
	cols := []column{{"Rango", "", 7}, {"Codice", "", 10}, {"Processo (funzione)", "", 48}, {"Tema (macroprocesso)", "", 40},
		{"Costo pieno", "", 17}, {"% sul totale", "", 11}, {"% cumulata", "", 11}, {"Classe", "", 8}}
	// The summary by class sits beside the table, after a narrow gap.
	s.widths(append(widthsOf(cols), 3, 10, 11, 17, 12)...)
	note := "Processi = funzioni ordinarie della mappa con costo pieno diverso da zero, in ordine decrescente di costo pieno " +
		"(a parità, per codice). La classe dipende dalla % cumulata dei processi che precedono: classe A finché è inferiore " +
		"all'80% (il primo processo e quello che supera l'80% sono in classe A), classe B finché è inferiore al 95%, " +
		"classe C dopo."
	s.titles("Analisi di Pareto dei processi", note, c.info, len(cols), totalWidth(cols), st)
	s.put(headerBlocks(cols, headerRow, st))
	s.height(headerRow+1, 20)
	rows, total := paretoRows(c.res, c.tot)
	row := firstData
	type classSum struct {
		n    int
		full decimal.Decimal
	}
	byClass := map[string]*classSum{"A": {}, "B": {}, "C": {}}
	for k, r := range rows {
		n := m.At(r.node)
		s.set(1, row, k+1, st.centered)
		s.set(2, row, string(n.Code), st.code)
		tema := nodeLabel(m.At(m.AncestorAt(r.node, model.LevelTema)))
		s.set(3, row, n.Name, st.textWrap)
		s.set(4, row, tema, st.textWrap)
		if h := rowHeight([]string{n.Name, tema}, []float64{cols[2].width, cols[3].width}); h > 0 {
			s.height(row, h)
		}
		s.set(5, row, r.full, st.euro)
		s.set(6, row, r.share, st.pct)
		s.set(7, row, r.cum, st.pct)
		s.set(8, row, r.class, st.classes[r.class])
		if cs := byClass[r.class]; cs != nil {
			cs.n++
			cs.full = cs.full.Add(r.full)
		}
		row++
	}
	last := row - 1
	for k := 1; k <= len(cols); k++ {
		s.set(k, row, nil, st.totalText)
	}
	s.set(3, row, fmt.Sprintf("Totale (%d processi)", len(rows)), st.totalText)
	s.set(5, row, total, st.totalEuro)
	if len(rows) > 0 {
		s.set(6, row, decimal.NewFromInt(1), st.totalPct)
		s.filter(1, headerRow+1, len(cols), last)
	}

	// Summary by class, beside the table.
	sc := len(cols) + 2
	s.put([]block{
		{sc, headerRow, sc + 3, headerRow, "Riepilogo per classe", st.headerGroup},
		{sc, headerRow + 1, sc, headerRow + 1, "Classe", st.header},
		{sc + 1, headerRow + 1, sc + 1, headerRow + 1, "Processi", st.header},
		{sc + 2, headerRow + 1, sc + 2, headerRow + 1, "Costo pieno", st.header},
		{sc + 3, headerRow + 1, sc + 3, headerRow + 1, "% sul totale", st.header},
	})
	for k, cl := range []string{"A", "B", "C"} {
		r := firstData + k
		s.set(sc, r, cl, st.classes[cl])
		s.set(sc+1, r, byClass[cl].n, st.integer)
		s.set(sc+2, r, byClass[cl].full, st.euro)
		if !total.IsZero() {
			s.set(sc+3, r, byClass[cl].full.DivRound(total, 6), st.pct)
		}
	}
	if len(rows) > 0 && s.err == nil {
		cats := absRange(SheetPareto, 2, firstData, 2, last)
		s.fail(f.AddChart(SheetPareto, cell(sc, firstData+4), &excelize.Chart{
			Type:       excelize.Col,
			VaryColors: ptr(false),
			Series: []excelize.ChartSeries{{
				Name: absRange(SheetPareto, 5, headerRow, 5, headerRow), Categories: cats,
				Values: absRange(SheetPareto, 5, firstData, 5, last),
				Fill:   solid(colChartBar),
			}},
			Title:     chartTitle("Diagramma di Pareto: costo pieno dei processi e % cumulata"),
			Legend:    excelize.ChartLegend{Position: "bottom"},
			Dimension: excelize.ChartDimension{Width: 900, Height: 440},
			GapWidth:  ptr(uint(30)),
			XAxis:     excelize.ChartAxis{Font: axisFont, Alignment: excelize.Alignment{TextRotation: -90}}, // codes upright: wrapped, "D6.2" breaks at the dot
			YAxis:     excelize.ChartAxis{MajorGridLines: true, Font: axisFont, NumFmt: excelize.ChartNumFmt{CustomNumFmt: `#,##0 [$€-410]`}},
			Format:    excelize.GraphicOptions{AltText: "Diagramma di Pareto dei processi", OffsetX: 4, OffsetY: 4},
		}, &excelize.Chart{
			Type: excelize.Line,
			Series: []excelize.ChartSeries{{
				Name: absRange(SheetPareto, 7, headerRow, 7, headerRow), Categories: cats,
				Values: absRange(SheetPareto, 7, firstData, 7, last),
				Line:   excelize.LineOptions{Width: 2.25, Fill: solid(colChartRed)},
				Marker: excelize.ChartMarker{Symbol: "circle", Size: 4, Fill: solid(colChartRed)},
			}},
			YAxis: excelize.ChartAxis{Secondary: true, Maximum: ptr(1.0), Minimum: ptr(0.0), Font: axisFont, NumFmt: excelize.ChartNumFmt{CustomNumFmt: "0%"}},
		}))
	}
	s.freeze(3, titleRows)
	s.print(titleRows)
	return s.err
}
