package outputs

import (
	"fmt"
	"io"
	"strings"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"camcost/costing"
	"camcost/indicators"
	"camcost/model"
)

// Sheet names of the Indicatori workbook.
const (
	SheetEnte         = "Ente"
	SheetIndProcessi  = "Processi"
	SheetCostiUnitari = "Costi unitari"
	SheetElenco       = "Elenco completo"
)

// WriteIndicatoriWorkbook writes indicatori.xlsx (docs/uscite.md, workbook 3):
// the indicators of Indicators rendered for readers: the body's with their
// formulas and inputs, one row per processo, the unit costs of the volumi
// and the complete list.
func WriteIndicatoriWorkbook(w io.Writer, res *costing.Result, info RunInfo) error {
	return writeIndicatoriWorkbook(w, res, info, newNodeTotals(res))
}

func writeIndicatoriWorkbook(w io.Writer, res *costing.Result, info RunInfo, tot *nodeTotals) error {
	f, st, err := newBodyWorkbook("Indicatori", "Indicatori di "+heading(info), info)
	if err != nil {
		return err
	}
	r := &indicatori{res: res, info: info, st: st, list: indicators.Indicators(res), tot: tot}
	r.valueStyles = map[indicators.Unit]int{
		indicators.UnitEuro:           st.euro,
		indicators.UnitEuroPerFTE:     st.euro,
		indicators.UnitEuroPerImpresa: st.euro,
		indicators.UnitEuroPerUnit:    st.euro,
		indicators.UnitFTE:            st.fte,
		indicators.UnitFTEPer1000:     st.fte4,
		indicators.UnitRatio:          st.pct,
		indicators.UnitCount:          st.number,
	}
	return writeSheets(f, w,
		sheetStep{SheetEnte, r.ente},
		sheetStep{SheetIndProcessi, r.processi},
		sheetStep{SheetCostiUnitari, r.costiUnitari},
		sheetStep{SheetElenco, r.elenco},
	)
}

// notCalc is the text the workbooks show instead of an indicator that
// cannot be computed.
func notCalc(ind indicators.Indicator) string { return "non calcolabile: " + ind.Reason }

type indicatori struct {
	res         *costing.Result
	info        RunInfo
	st          *styles
	list        []indicators.Indicator
	valueStyles map[indicators.Unit]int
	tot         *nodeTotals
}

// value is what the value cell of an indicator holds: the number, or why
// there is none.
func (r *indicatori) value(ind indicators.Indicator) (any, int) {
	if !ind.Available {
		return notCalc(ind), r.st.notCalc
	}
	return ind.Value, r.valueStyles[ind.Unit]
}

// inputText lists the inputs of an indicator, one a line: name = value
// (source).
func inputText(ind indicators.Indicator) string {
	var b strings.Builder
	for i, in := range ind.Inputs {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(in.Name)
		b.WriteString(" = ")
		b.WriteString(in.Unit.Format(in.Value))
		b.WriteString(" (")
		b.WriteString(in.Source)
		b.WriteByte(')')
	}
	return b.String()
}

const indicatorNote = "Ogni indicatore riporta la formula e i dati usati, con la loro fonte. Quando manca un dato " +
	"o un denominatore è zero, l'indicatore non è calcolato e la cella dice perché, invece di mostrare zero."

// ente writes the body's indicators and the contesto table.
func (r *indicatori) ente(f *excelize.File) error {
	if err := f.SetSheetName("Sheet1", SheetEnte); err != nil {
		return err
	}
	s := r.st.sheetOf(f, SheetEnte)
	st := r.st
	// The number formats carry the units (€, %), the names the rest
	// ("per FTE"): no unit column.
	cols := []column{{"Indicatore", "", 34}, {"Valore", "", 30}, {"Formula", "", 56}, {"Dati usati (valore e fonte)", "", 90}}
	s.widths(widthsOf(cols)...)
	s.titles("Indicatori dell'ente", indicatorNote, r.info, len(cols), totalWidth(cols), st)
	row := 5
	s.merge(1, row, len(cols), row, "Indicatori dell'ente", st.section)
	row++
	for i, c := range cols {
		s.set(i+1, row, c.header, st.headerLeft)
	}
	row++
	for _, ind := range r.list {
		if !ind.Scope.IsBody() {
			continue
		}
		v, vs := r.value(ind)
		s.set(1, row, ind.Name, st.textBold)
		s.set(2, row, v, vs)
		s.set(3, row, ind.Formula, st.textWrapPad)
		s.set(4, row, inputText(ind), st.textWrap)
		h := max(textHeight(ind.Formula, cols[2].width, 11), textHeight(inputText(ind), cols[3].width, 11))
		if !ind.Available {
			h = max(h, textHeight(notCalc(ind), cols[1].width, 11))
		}
		s.height(row, h)
		row++
	}
	row++
	s.merge(1, row, len(cols), row, "Dati di contesto (tabella contesto)", st.section)
	row++
	for i, h := range []string{"Chiave", "Valore", "Uso negli indicatori", ""} {
		s.set(i+1, row, h, st.headerLeft)
	}
	row++
	uses := map[string]string{
		model.CtxEnte:              "nome dell'ente nelle intestazioni",
		model.CtxAnno:              "esercizio nelle intestazioni",
		model.CtxImpreseAttive:     "denominatore degli indicatori per impresa attiva e per 1.000 imprese",
		model.CtxImpreseRegistrate: "riportato, non usato negli indicatori",
		model.CtxCluster:           "classe dimensionale per il confronto tra enti",
	}
	ctx := r.res.Inputs.Context
	for _, e := range ctx.Entries() {
		s.set(1, row, e.Key, st.code)
		switch {
		case e.Key == model.CtxImpreseAttive && ctx.ImpreseAttive.Given:
			s.set(2, row, ctx.ImpreseAttive.Value, st.integerLeft)
		case e.Key == model.CtxImpreseRegistrate && ctx.ImpreseRegistrate.Given:
			s.set(2, row, ctx.ImpreseRegistrate.Value, st.integerLeft)
		default:
			s.set(2, row, e.Value, st.text)
		}
		use, ok := uses[e.Key]
		if !ok {
			use = "riportato, non usato negli indicatori"
		}
		s.merge(3, row, 4, row, use, st.text)
		row++
	}
	if len(ctx.Keys) == 0 {
		s.merge(1, row, len(cols), row, "La tabella contesto non è stata fornita: gli indicatori per impresa attiva non sono calcolabili.", st.notCalc)
	}
	s.freeze(0, 3)
	s.print(3)
	return s.err
}

// processColumn is a column of the Processi sheet: an indicator (key) or,
// with input set, a figure some indicator divides, so that every row
// shows the numbers its indicators come from.
type processColumn struct {
	header, key, formula, short string
	width                       float64
	input                       func(i int) decimal.Decimal // of the node at position i
}

func (r *indicatori) processColumns() []processColumn {
	imprese := "imprese attive"
	if n, reason := indicators.ImpreseAttive(r.res.Inputs.Context); reason == "" {
		imprese = fmt.Sprintf("imprese attive (%s, contesto)", indicators.UnitCount.Format(n))
	}
	support := func(i int) decimal.Decimal { return r.tot.node(i)[totFromSupport] }
	proventi := func(i int) decimal.Decimal { return indicators.Proventi(r.res.Nodes[i]) }
	return []processColumn{
		{"Costo pieno", indicators.KeyCostoPieno, "diretto + ricevuto − ceduto", "costo pieno", 17, nil},
		{"FTE", indicators.KeyFTE, "Σ fte × mesi/12 × quota di tempo", "FTE", 11, nil},
		{"Costo medio per FTE", indicators.KeyCostoMedioFTE, "costo pieno ÷ FTE", "costo medio per FTE", 15, nil},
		{"Quota supporto ricevuta", "", "fase 3", "", 16, support},
		{"Incidenza dei costi di supporto", indicators.KeyIncidenzaSupporto, "quota supporto ricevuta ÷ costo pieno", "incidenza del supporto", 14, nil},
		{"Costo pieno per impresa attiva", indicators.KeyCostoPienoPerImpresa, "costo pieno ÷ " + imprese, "costo per impresa", 15, nil},
		{"Proventi correnti attribuiti", "", "fase 1, voci 1-5 dell'allegato C", "", 17, proventi},
		{"Grado di copertura", indicators.KeyGradoCopertura, "proventi correnti attribuiti ÷ costo pieno", "grado di copertura", 13, nil},
	}
}

// processi writes one row per processo with its indicators; a note per
// row says which could not be computed and why.
func (r *indicatori) processi(f *excelize.File) error {
	if _, err := f.NewSheet(SheetIndProcessi); err != nil {
		return err
	}
	s := r.st.sheetOf(f, SheetIndProcessi)
	st := r.st
	pcs := r.processColumns()
	lead := []column{{"Codice", "", 10}, {"Processo (funzione)", "", 46}, {"Tipo", "", 11}}
	var widths []float64
	for _, c := range lead {
		widths = append(widths, c.width)
	}
	for _, pc := range pcs {
		widths = append(widths, pc.width)
	}
	widths = append(widths, 70)
	s.widths(widths...)
	last := len(widths)
	note := vocabularyNote + " " + indicatorNote
	s.titles("Indicatori per processo", note, r.info, last, sum(widths), st)
	// Names in the first header row, formulas in the second, which
	// carries the filter buttons.
	const head, formulas = 4, 5
	for i, c := range lead {
		s.merge(i+1, head, i+1, formulas, c.header, st.header)
	}
	for k, pc := range pcs {
		s.set(len(lead)+1+k, head, pc.header, st.header)
		s.set(len(lead)+1+k, formulas, pc.formula, st.headerNote)
	}
	s.merge(last, head, last, formulas, "Note (indicatori non calcolabili)", st.header)
	s.height(head, 45)
	s.height(formulas, 36)

	type rowKey struct {
		key  string
		code model.Code
	}
	byKey := make(map[rowKey]indicators.Indicator)
	for _, ind := range r.list {
		if !ind.Scope.IsBody() && ind.Key != indicators.KeyCostoUnitario {
			byKey[rowKey{ind.Key, ind.Scope.Code}] = ind
		}
	}
	support := indicators.SupportMacros(r.res)
	row := formulas + 1
	first := row
	firstPrimary := 0
	for i, n := range r.res.Map.Nodes() {
		if !indicators.IsProcess(n) {
			continue
		}
		kind := "primario"
		if support[r.res.Map.Macro(i)] {
			kind = "supporto"
		} else if firstPrimary == 0 {
			firstPrimary = row
		}
		s.set(1, row, string(n.Code), st.code)
		s.set(2, row, n.Name, st.textWrap)
		s.set(3, row, kind, st.text)
		var notes []string
		reasons := make(map[string][]string)
		for k, pc := range pcs {
			col := len(lead) + 1 + k
			if pc.input != nil {
				s.set(col, row, pc.input(i), st.euroDash)
				continue
			}
			ind, ok := byKey[rowKey{pc.key, n.Code}]
			switch {
			case !ok:
				// Only the grado di copertura is left out by design:
				// the processo received no proventi.
			case ind.Available:
				_, vs := r.value(ind)
				s.set(col, row, ind.Value, vs)
			default:
				s.set(col, row, "non calcolabile", st.notCalc)
				if len(reasons[ind.Reason]) == 0 {
					notes = append(notes, ind.Reason)
				}
				reasons[ind.Reason] = append(reasons[ind.Reason], pc.short)
			}
		}
		var text []string
		for _, reason := range notes {
			text = append(text, strings.Join(reasons[reason], ", ")+": "+reason)
		}
		note := strings.Join(text, "; ")
		s.set(last, row, note, st.noteWrap)
		s.height(row, max(noteHeight(note, widths[last-1]), rowHeight([]string{n.Name}, widths[1:2])))
		row++
	}
	if row > first {
		s.filter(1, formulas, last, row-1)
	}
	if firstPrimary > 0 && s.err == nil {
		// On paper the chart starts a page of its own.
		s.fail(f.InsertPageBreak(SheetIndProcessi, cell(1, row+1)))
		s.fail(r.coverageChart(f, pcs, len(lead), firstPrimary, row-1, row+1))
	}
	s.freeze(2, formulas)
	s.print(formulas)
	return s.err
}

// coverageChart draws the grado di copertura of the primary processi
// (rows from first to last of the Processi sheet) below the table: bars
// past 100% are processi whose proventi exceed their costo pieno.
func (r *indicatori) coverageChart(f *excelize.File, pcs []processColumn, lead, first, last, at int) error {
	col := 0
	for k, pc := range pcs {
		if pc.key == indicators.KeyGradoCopertura {
			col = lead + 1 + k
		}
	}
	n := last - first + 1
	title := "Grado di copertura dei processi primari (proventi correnti attribuiti ÷ costo pieno)"
	return f.AddChart(SheetIndProcessi, cell(2, at), &excelize.Chart{
		Type:       excelize.Bar,
		VaryColors: ptr(false),
		Series: []excelize.ChartSeries{{
			Name:       absRange(SheetIndProcessi, col, 4, col, 4),
			Categories: absRange(SheetIndProcessi, 1, first, 1, last),
			Values:     absRange(SheetIndProcessi, col, first, col, last),
			Fill:       solid(colChartBar),
		}},
		Title:     chartTitle(title),
		Legend:    excelize.ChartLegend{Position: "none"},
		Dimension: excelize.ChartDimension{Width: 900, Height: uint(max(260, 18*n+110))},
		GapWidth:  ptr(uint(40)),
		XAxis:     excelize.ChartAxis{ReverseOrder: true, Font: axisFont},
		YAxis:     excelize.ChartAxis{MajorGridLines: true, Minimum: ptr(0.0), Font: axisFont, NumFmt: excelize.ChartNumFmt{CustomNumFmt: "0%"}},
		Format:    excelize.GraphicOptions{AltText: title, OffsetX: 4, OffsetY: 4},
	})
}

// costiUnitari writes the unit cost of every volumi measure.
func (r *indicatori) costiUnitari(f *excelize.File) error {
	if _, err := f.NewSheet(SheetCostiUnitari); err != nil {
		return err
	}
	s := r.st.sheetOf(f, SheetCostiUnitari)
	st := r.st
	cols := []column{{"Codice", "", 12}, {"Nodo della mappa", "", 44}, {"Livello", "", 22}, {"Misura", "", 28},
		{"Quantità", "", 13}, {"Costo considerato", "", 18}, {"Costo unitario", "", 24}, {"Formula", "", 70}}
	s.widths(widthsOf(cols)...)
	note := "Costo unitario = costo pieno del nodo ÷ quantità prodotta (tabella volumi). Per i nodi di supporto, coordinamento " +
		"e formazione, che cedono tutto il loro costo, si usa il costo prima del ribaltamento. " + indicatorNote
	s.titles("Costi unitari dei volumi", note, r.info, len(cols), totalWidth(cols), st)
	s.put(headerBlocks(cols, headerRow, st))
	row := firstData
	for _, ind := range r.list {
		if ind.Key != indicators.KeyCostoUnitario {
			continue
		}
		s.set(1, row, string(ind.Scope.Code), st.code)
		s.set(2, row, ind.Scope.Name, st.textWrap)
		if ind.Scope.Level > 0 {
			s.set(3, row, levelLabel(ind.Scope.Level), st.text)
		}
		s.set(4, row, ind.Misura, st.textWrap)
		for _, in := range ind.Inputs {
			if in.Unit == indicators.UnitCount {
				s.set(5, row, in.Value, st.number)
			} else {
				s.set(6, row, in.Value, st.euro)
			}
		}
		v, vs := r.value(ind)
		s.set(7, row, v, vs)
		s.set(8, row, ind.Formula, st.textWrapPad)
		h := max(textHeight(ind.Formula, cols[7].width, 11), rowHeight([]string{ind.Scope.Name, ind.Misura}, []float64{cols[1].width, cols[3].width}))
		if !ind.Available {
			h = max(h, textHeight(notCalc(ind), cols[6].width, 11))
		}
		s.height(row, h)
		row++
	}
	if row == firstData {
		s.merge(1, row, len(cols), row, "Nessun costo unitario: la tabella volumi non è stata fornita. Per calcolarli aggiungere "+
			"alla cartella di input la tabella volumi (codice, misura, quantità).", st.notCalc)
	} else {
		s.filter(1, headerRow+1, len(cols), row-1)
	}
	s.freeze(2, titleRows)
	s.print(titleRows)
	return s.err
}

// elenco writes every indicator with all its fields: the list a
// benchmarking of several bodies compares.
func (r *indicatori) elenco(f *excelize.File) error {
	st := r.st
	cols := []column{{"Chiave", "", 24}, {"Codice", "", 10}, {"Ambito", "", 36}, {"Livello", "", 18}, {"Misura", "", 20},
		{"Indicatore", "", 34}, {"Valore", "", 16}, {"Unità", "", 20}, {"Calcolabile", "", 11}, {"Motivo", "", 50},
		{"Formula", "", 50}, {"Dati usati (valore e fonte)", "", 80}}
	ss, err := newStreamSheet(f, r.st.sp, SheetElenco, cols, 0, titleRows)
	if err != nil {
		return err
	}
	note := "Una riga per indicatore e ambito (ente, processo o nodo dei volumi), con la chiave usata per il confronto tra enti. " + indicatorNote
	head := append(titleBlocks("Elenco completo degli indicatori", note, r.info, len(cols), st), headerBlocks(cols, headerRow, st)...)
	if err := ss.blocks(head, map[int]float64{3: noteHeight(note, totalWidth(cols))}); err != nil {
		return err
	}
	row := firstData
	// Texts wrap, each row as tall as its longest text.
	wrapped := []int{2, 3, 4, 5, 7, 9, 10, 11}
	wrapWidths := make([]float64, len(wrapped))
	for k, c := range wrapped {
		wrapWidths[k] = cols[c].width
	}
	texts := make([]string, len(wrapped))
	cells := make([]tcell, len(cols))
	for _, ind := range r.list {
		text := func(v string) tcell { return textCell(st.textWrap, v) }
		level := ""
		if ind.Scope.Level > 0 {
			level = levelLabel(ind.Scope.Level)
		}
		code := string(ind.Scope.Code)
		if ind.Scope.IsBody() {
			level = "Ente"
		}
		cells = append(cells[:0],
			textCell(st.code, ind.Key), textCell(st.code, code),
			text(ind.Scope.Name), text(level), text(ind.Misura), text(ind.Name),
			tcell{style: st.notCalc}, text(string(ind.Unit)), text("sì"), text(ind.Reason),
			text(ind.Formula), text(strings.ReplaceAll(inputText(ind), "\n", "; ")),
		)
		if ind.Available {
			cells[6] = decCell(r.valueStyles[ind.Unit], ind.Value)
		} else {
			cells[8] = text("no")
		}
		for k, c := range wrapped {
			texts[k] = cells[c].text
		}
		if err := ss.cells(row, cells, excelize.RowOpts{Height: rowHeight(texts, wrapWidths)}); err != nil {
			return err
		}
		row++
	}
	from, to := "", ""
	if row > firstData {
		from, to = cell(1, headerRow+1), cell(len(cols), row-1)
	}
	// Too wide for one page at a readable size: each page repeats the
	// key, the code and the scope.
	return ss.finishWide(from, to, cols, 3, titleRows, max(row-1, headerRow+1))
}
