package outputs

import (
	"fmt"
	"io"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"camcost/costing"
	"camcost/indicators"
	"camcost/model"
)

// Sheet names of the Costi dei processi workbook.
const (
	SheetSintesi    = "Sintesi"
	SheetProcessi   = "Processi"
	SheetAttivita   = "Attività"
	SheetQuadratura = "Quadratura"
	SheetPareto     = "Pareto"
	SheetMetodo     = "Metodo"
)

// The first rows of the tree tables: title, heading, note, then the two
// header rows; data start below them.
const (
	headerRow = 4
	firstData = headerRow + 2
	titleRows = headerRow + 1
)

// WriteCostiWorkbook writes costi-dei-processi.xlsx (docs/uscite.md, workbook
// 1): Sintesi by macro funzione and tema with a chart, the whole tree in
// Processi (foldable by level), the Attività, the reconciliation with the
// ledger, the Pareto analysis of the processi and the method of the run.
func WriteCostiWorkbook(w io.Writer, res *costing.Result, info RunInfo) error {
	return writeCostiWorkbook(w, res, info, newNodeTotals(res))
}

func writeCostiWorkbook(w io.Writer, res *costing.Result, info RunInfo, tot *nodeTotals) error {
	f, st, err := newBodyWorkbook("Costi dei processi", "Costi dei processi di "+heading(info), info)
	if err != nil {
		return err
	}
	c := &costi{res: res, info: info, st: st, support: indicators.SupportMacros(res), tot: tot}
	return writeSheets(f, w,
		sheetStep{SheetSintesi, c.sintesi},
		sheetStep{SheetProcessi, c.processi},
		sheetStep{SheetAttivita, c.attivita},
		sheetStep{SheetQuadratura, c.quadratura},
		sheetStep{SheetPareto, c.pareto},
		sheetStep{SheetMetodo, c.metodo},
	)
}

// costi holds what the sheets of the workbook share.
type costi struct {
	res     *costing.Result
	info    RunInfo
	st      *styles
	support map[int]bool
	tot     *nodeTotals
}

// figure is a numeric column of the tree tables: FTE, the costo diretto of
// a voce or a total (totalsOf).
type figure struct {
	column
	fte   bool
	voce  int // of CostVoci, or -1
	total int // position in totals, or -1
}

// of is the figure's value for figures f, whose totals are t.
func (fg figure) of(f *costing.Figures, t *totals) decimal.Decimal {
	switch {
	case fg.fte:
		return f.FTE
	case fg.voce >= 0:
		return f.Direct[fg.voce]
	}
	return t[fg.total]
}

const (
	groupDirect = "Costo diretto (fase 1) per voce dell'allegato C"
	groupMoves  = "Ribaltamenti (fasi 2 e 3)"
)

// figures are the numeric columns every tree table shows, in this order:
// FTE, costo diretto per voce and in total, what the node received and
// gave away, costo pieno.
func figures() []figure {
	out := []figure{{column: column{"FTE", "", 9}, fte: true, voce: -1, total: -1}}
	for c, v := range model.CostVoci() {
		info, _ := v.Info()
		out = append(out, figure{column: column{info.Label, groupDirect, 17}, voce: c, total: -1})
	}
	return append(out,
		figure{column: column{"Costo diretto", groupDirect, 17}, voce: -1, total: totDirect},
		figure{column: column{"Quota coordinamento e formazione", groupMoves, 16}, voce: -1, total: totFromCoordination},
		figure{column: column{"Quota supporto ricevuta", groupMoves, 17}, voce: -1, total: totFromSupport},
		figure{column: column{"Ceduto ad altri", groupMoves, 17}, voce: -1, total: totToOthers},
		figure{column: column{"Costo pieno", "", 18}, voce: -1, total: totFull},
	)
}

// nodeFigure is the value of figure fg of the node at position i.
func (c *costi) nodeFigure(fg figure, i int) decimal.Decimal {
	return fg.of(&c.res.Nodes[i], c.tot.node(i))
}

// figureColumns returns the columns of the figures, after lead columns.
func figureColumns(lead ...column) []column {
	cols := lead
	for _, fg := range figures() {
		cols = append(cols, fg.column)
	}
	return cols
}

// kindLabel says what part a node plays in the allocation.
func (c *costi) kindLabel(i int) string {
	n := c.res.Map.At(i)
	switch {
	case n.Kind == model.KindCoordinamento:
		return "coordinamento"
	case n.Kind == model.KindFormazione:
		return "formazione"
	case c.support[c.res.Map.Macro(i)]:
		return "supporto"
	}
	return "primario"
}

const kindNote = "Tipo: «supporto» i nodi delle macro funzioni A e B, il cui costo è ribaltato sui processi primari (fase 3); " +
	"«coordinamento» e «formazione» i nodi ribaltati sui servizi del proprio tema o della propria funzione (fase 2); " +
	"«primario» tutti gli altri."

// sintesi writes the summary: one table by macro funzione, a chart of
// costo diretto and costo pieno per macro funzione, one table by tema.
func (c *costi) sintesi(f *excelize.File) error {
	if err := f.SetSheetName("Sheet1", SheetSintesi); err != nil {
		return err
	}
	s := c.st.sheetOf(f, SheetSintesi)
	st := c.st
	cols := figureColumns(column{"Codice", "", 8}, column{"Denominazione", "", 46})
	cols = append(cols, column{"% del costo pieno", "", 10})
	pctCol := len(cols)
	s.widths(widthsOf(cols)...)
	note := fmt.Sprintf("Metodo di ribaltamento dei servizi di supporto: %s. %s Importi in euro; FTE = equivalenti a tempo pieno dell'anno.",
		c.res.Settings.Method, vocabularyNote)
	s.titles("Costi dei processi – Sintesi", note, c.info, len(cols), totalWidth(cols), st)
	s.put(headerBlocks(cols, headerRow, st))
	s.height(headerRow+1, 45)

	figs := figures()
	var total costing.Figures
	var macros, temi []int
	for i, n := range c.res.Map.Nodes() {
		switch n.Level {
		case model.LevelMacro:
			macros = append(macros, i)
			total.Add(c.res.Nodes[i])
		case model.LevelTema:
			temi = append(temi, i)
		}
	}
	totalTot := totalsOf(&total)
	fullTotal := totalTot[totFull]
	share := func(full decimal.Decimal) any {
		if fullTotal.IsZero() {
			return nil
		}
		return full.DivRound(fullTotal, 6)
	}
	row := firstData
	// Macro funzioni stand out as in the tree; temi read as plain rows.
	writeRows := func(title string, idx []int, ls levelStyles) (first, last int) {
		s.merge(1, row, len(cols), row, title, st.sectionLeft)
		row++
		first = row
		for _, i := range idx {
			n := c.res.Map.At(i)
			s.set(1, row, string(n.Code), ls.code)
			s.set(2, row, n.Name, ls.name)
			if h := rowHeight([]string{n.Name}, []float64{nameWidth(n.Level, cols[1].width)}); h > 0 {
				s.height(row, h)
			}
			for k, fg := range figs {
				style := ls.euro
				if fg.fte {
					style = ls.fte
				}
				s.set(3+k, row, c.nodeFigure(fg, i), style)
			}
			s.set(pctCol, row, share(c.tot.node(i)[totFull]), st.pct)
			row++
		}
		last = row - 1
		s.set(1, row, "", st.totalText)
		s.set(2, row, "Totale ente", st.totalText)
		for k, fg := range figs {
			style := st.totalEuro
			if fg.fte {
				style = st.totalFTE
			}
			s.set(3+k, row, fg.of(&total, &totalTot), style)
		}
		s.set(pctCol, row, share(fullTotal), st.totalPct)
		row += 2
		return first, last
	}
	first, last := writeRows("Per macro funzione", macros, st.level[model.LevelMacro])

	// The chart sits between the two tables: costo diretto is where the
	// ledger put the cost, costo pieno where it ends after ribaltamento.
	chartRow := row
	direct, full := 3+indexOf(figs, "Costo diretto"), 3+indexOf(figs, "Costo pieno")
	nameOf := func(col int) string {
		r := headerRow
		if cols[col-1].group != "" {
			r++
		}
		return absRange(SheetSintesi, col, r, col, r)
	}
	if s.err == nil {
		s.fail(f.AddChart(SheetSintesi, cell(2, chartRow), &excelize.Chart{
			Type:       excelize.Col,
			VaryColors: ptr(false),
			Series: []excelize.ChartSeries{
				{Name: nameOf(direct), Categories: absRange(SheetSintesi, 2, first, 2, last),
					Values: absRange(SheetSintesi, direct, first, direct, last), Fill: solid(colChartAlt)},
				{Name: nameOf(full), Categories: absRange(SheetSintesi, 2, first, 2, last),
					Values: absRange(SheetSintesi, full, first, full, last), Fill: solid(colChartBar)},
			},
			Title:     chartTitle("Costo diretto e costo pieno per macro funzione"),
			Legend:    excelize.ChartLegend{Position: "bottom"},
			Dimension: excelize.ChartDimension{Width: 960, Height: 360},
			XAxis:     excelize.ChartAxis{Font: axisFont},
			YAxis:     excelize.ChartAxis{MajorGridLines: true, Font: axisFont, NumFmt: excelize.ChartNumFmt{CustomNumFmt: `#,##0 [$€-410]`}},
			Format:    excelize.GraphicOptions{AltText: "Costo diretto e costo pieno per macro funzione", OffsetX: 4, OffsetY: 4},
		}))
	}
	row = chartRow + 20
	plain := st.level[model.LevelFunzione]
	plain.name = st.textWrap
	writeRows("Per tema (macroprocesso)", temi, plain)
	end := "Il costo diretto è dove la contabilità ha messo il costo (fase 1); il costo pieno è dove il costo arriva dopo " +
		"i ribaltamenti (fasi 2-4): le macro funzioni A e B, di supporto, cedono tutto il loro costo ai processi primari. " +
		"Il foglio Metodo spiega ogni colonna."
	s.note(row, len(cols), totalWidth(cols), end, st.noteWrap)
	s.freeze(2, titleRows)
	s.print(titleRows)
	return s.err
}

func indexOf(figs []figure, header string) int {
	for i, fg := range figs {
		if fg.header == header {
			return i
		}
	}
	panic("no figure " + header)
}

// processi writes the whole tree, every node in map order, with row outline
// levels by map level (summary rows above their details).
func (c *costi) processi(f *excelize.File) error {
	st := c.st
	cols := figureColumns(column{"Codice", "", 13}, column{"Denominazione", "", 62}, column{"Livello", "", 22}, column{"Tipo", "", 13})
	ss, err := newStreamSheet(f, c.st.sp, SheetProcessi, cols, 2, titleRows)
	if err != nil {
		return err
	}
	note := vocabularyNote + " " + kindNote + " Usare i pulsanti di struttura (1-5) a sinistra per chiudere o aprire i livelli."
	head := append(titleBlocks("Costi dei processi – Albero completo della mappa", note, c.info, len(cols), st), headerBlocks(cols, headerRow, st)...)
	if err := ss.blocks(head, map[int]float64{3: noteHeight(note, totalWidth(cols)), headerRow + 1: 45}); err != nil {
		return err
	}
	figs := figures()
	row := firstData
	cells := make([]tcell, len(cols))
	texts, widths := make([]string, 1), make([]float64, 1)
	for i, n := range c.res.Map.Nodes() {
		ls := st.level[n.Level]
		cells[0] = textCell(ls.code, string(n.Code))
		cells[1] = textCell(ls.name, n.Name)
		cells[2] = textCell(ls.text, levelLabel(n.Level))
		cells[3] = textCell(ls.text, c.kindLabel(i))
		for k, fg := range figs {
			style := ls.euro
			if fg.fte {
				style = ls.fte
			}
			cells[4+k] = decCell(style, c.nodeFigure(fg, i))
		}
		texts[0], widths[0] = n.Name, nameWidth(n.Level, cols[1].width)
		h := rowHeight(texts, widths)
		if err := ss.cells(row, cells, excelize.RowOpts{OutlineLevel: int(n.Level - model.LevelMacro), Height: h}); err != nil {
			return err
		}
		row++
	}
	return ss.finish(cell(1, headerRow+1), cell(len(cols), row-1), titleRows)
}

// leaves returns the positions of the nodes without children, in map order:
// the attività and the nodes that have none below them. Their figures add
// up to the body's.
func leaves(m *model.Map) []int {
	var out []int
	for i := range m.Len() {
		if len(m.ChildIndexes(i)) == 0 {
			out = append(out, i)
		}
	}
	return out
}

// attivita writes the attività, with the servizio, funzione, tema and macro
// funzione above each and the stage 4 rule of its servizio. Nodes without
// attività below them are listed too, so the totals are the body's.
func (c *costi) attivita(f *excelize.File) error {
	st := c.st
	m := c.res.Map
	cols := figureColumns(column{"Codice", "", 13}, column{"Attività (azione)", "", 50}, column{"Livello", "", 10},
		column{"Servizio (sottoprocesso)", "", 40}, column{"Funzione (processo)", "", 34},
		column{"Tema (macroprocesso)", "", 32}, column{"Macro funzione", "", 22})
	cols = append(cols, column{"Ripartizione sulle attività (fase 4)", "", 34})
	ruleCol := len(cols)
	ss, err := newStreamSheet(f, c.st.sp, SheetAttivita, cols, 2, titleRows)
	if err != nil {
		return err
	}
	note := vocabularyNote + " Sono elencate le attività e, perché i totali coincidano con quelli dell'ente, i nodi che non hanno " +
		"attività sotto di sé (servizi senza attività, coordinamento, formazione). L'ultima colonna dice come il costo del servizio " +
		"è stato ripartito sulle sue attività."
	head := append(titleBlocks("Costi dei processi – Attività", note, c.info, len(cols), st), headerBlocks(cols, headerRow, st)...)
	if err := ss.blocks(head, map[int]float64{3: noteHeight(note, totalWidth(cols)), headerRow + 1: 45}); err != nil {
		return err
	}
	rules := make(map[model.Code]costing.Rule, len(c.res.Rules))
	for _, r := range c.res.Rules {
		rules[r.Code] = r.Rule
	}
	figs := figures()
	// A wrapped text, or a wrapped cell without value where there is no
	// node above.
	above := func(i int, l model.Level) tcell {
		if a := m.AncestorAt(i, l); a >= 0 {
			return textCell(st.textWrap, nodeLabel(m.At(a)))
		}
		return tcell{style: st.textWrap}
	}
	row := firstData
	// The total row adds up the figures of the rows: decimal sums are
	// exact, so this is the figure of the rows' summed figures.
	sums := make([]decSum, len(figs))
	// The names are long: they wrap, and each row is as tall as its
	// longest name.
	wrapped := []int{1, 3, 4, 5, 6, ruleCol - 1}
	wrapWidths := make([]float64, len(wrapped))
	for k, c := range wrapped {
		wrapWidths[k] = cols[c].width
	}
	texts := make([]string, len(wrapped))
	cells := make([]tcell, len(cols))
	for _, i := range leaves(m) {
		n := m.At(i)
		cells[0] = textCell(st.code, string(n.Code))
		cells[1] = textCell(st.textWrap, n.Name)
		cells[2] = textCell(st.text, n.Level.Label())
		cells[3] = above(i, model.LevelServizio)
		cells[4] = above(i, model.LevelFunzione)
		cells[5] = above(i, model.LevelTema)
		cells[6] = above(i, model.LevelMacro)
		for k, fg := range figs {
			style := st.euroDash
			if fg.fte {
				style = st.fteDash
			}
			v := c.nodeFigure(fg, i)
			sums[k].add(v)
			cells[7+k] = decCell(style, v)
		}
		cells[ruleCol-1] = textCell(st.textWrap, c.ruleLabel(i, rules))
		for k, c := range wrapped {
			texts[k] = cells[c].text
		}
		if err := ss.cells(row, cells, excelize.RowOpts{Height: rowHeight(texts, wrapWidths)}); err != nil {
			return err
		}
		row++
	}
	last := row - 1
	for k := range cells {
		cells[k] = tcell{style: st.totalText}
	}
	cells[1] = textCell(st.totalText, "Totale ente (tutte le righe)")
	for k, fg := range figs {
		style := st.totalEuro
		if fg.fte {
			style = st.totalFTE
		}
		cells[7+k] = decCell(style, sums[k].value())
	}
	if err := ss.cells(row, cells, excelize.RowOpts{}); err != nil {
		return err
	}
	// Too wide for one page at a readable size: each page repeats the
	// code and the name.
	return ss.finishWide(cell(1, headerRow+1), cell(len(cols), last), cols, 2, titleRows, row)
}

// ruleLabel says how stage 4 treated the servizio of leaf i.
func (c *costi) ruleLabel(i int, rules map[model.Code]costing.Rule) string {
	m := c.res.Map
	n := m.At(i)
	switch n.Kind {
	case model.KindCoordinamento:
		return "non si applica: coordinamento, ribaltato in fase 2"
	case model.KindFormazione:
		return "non si applica: formazione, ribaltata in fase 2"
	}
	s := m.AncestorAt(i, model.LevelServizio)
	if s < 0 {
		return "non si applica: nessun servizio"
	}
	if r, ok := rules[m.At(s).Code]; ok {
		return r.String()
	}
	return ""
}
