package outputs

import (
	"fmt"
	"io"
	"strings"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"camcost/indicators"
	"camcost/model"
	"camcost/variance"
)

// Sheet names of the workbooks of camcost confronta.
const (
	SheetConfSintesi   = "Sintesi"
	SheetConfProcessi  = "Processi"
	SheetConfUnitari   = "Costi unitari"
	SheetConfPareto    = "Pareto"
	SheetConfImpianto  = "Differenze di impianto"
	SheetConfEnti      = "Enti"
	confTitleRows      = 4 // title, heading, status line, note
	confHeaderRow      = confTitleRows + 2
	confFirstData      = confHeaderRow + 2
	largeChange        = "0.1" // a change of costo pieno the Processi sheet colours, as a fraction
	largeChangePercent = "10%"
)

// confronto holds what the sheets of a comparison workbook share.
type confronto struct {
	bc             *BodyComparison
	st             *styles
	labelA, labelB string
	heading        string
	up, down       int // conditional styles of large increases and decreases
}

// sideLabel names a run in headers: PRIMA or DOPO, with its year.
func sideLabel(which string, m *Manifest) string {
	if m.Anno != "" {
		return which + " " + m.Anno
	}
	return which
}

// runDescription says which run a side is, for the second line of a sheet.
func runDescription(which string, m *Manifest) string {
	parts := []string{}
	if m.Anno != "" {
		parts = append(parts, "esercizio "+m.Anno)
	}
	parts = append(parts, "metodo "+m.Settings.Method, "esecuzione "+m.RunID)
	return which + ": " + strings.Join(parts, ", ")
}

// WriteConfrontoWorkbook writes confronto.xlsx: the change of every
// node's costo pieno between two runs of a body, decomposed, for managers.
func WriteConfrontoWorkbook(w io.Writer, bc *BodyComparison, info RunInfo) error {
	ma, mb := bc.A.Manifest, bc.B.Manifest
	f, st, err := newWorkbook("Confronto dei costi dei processi", "Confronto dei costi dei processi di "+mb.Ente, info)
	if err != nil {
		return err
	}
	c := &confronto{bc: bc, st: st, labelA: sideLabel("PRIMA", ma), labelB: sideLabel("DOPO", mb),
		heading: mb.Ente + " – " + runDescription("PRIMA", ma) + " · " + runDescription("DOPO", mb)}
	if c.up, err = f.NewConditionalStyle(&excelize.Style{Font: &excelize.Font{Color: colBadText}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{colBad}}}); err != nil {
		f.Close()
		return err
	}
	if c.down, err = f.NewConditionalStyle(&excelize.Style{Font: &excelize.Font{Color: colOKText}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{colOK}}}); err != nil {
		f.Close()
		return err
	}
	return writeSheets(f, w,
		sheetStep{SheetConfSintesi, c.sintesi},
		sheetStep{SheetConfProcessi, c.processi},
		sheetStep{SheetConfUnitari, c.unitari},
		sheetStep{SheetConfPareto, c.pareto},
		sheetStep{SheetConfImpianto, c.impianto},
	)
}

// titles writes the first rows of a comparison sheet: title, the two runs,
// the status line (whether the set-up differs) and a note.
func (c *confronto) titles(s *sheet, title, note string, cols []column) {
	st := c.st
	s.set(1, 1, title, st.title)
	s.set(1, 2, c.heading, st.subtitle)
	status, style := "Stesso metodo e stessi driver di supporto: le differenze vengono dai dati (e dalla mappa, se è cambiata).", st.okBig
	if c.bc.Changed {
		status, style = "ATTENZIONE – "+changedText(c.bc)+": le cifre cambiano anche senza alcun cambiamento nei dati. "+
			"Il foglio «Differenze di impianto» le elenca.", st.badBig
	}
	s.merge(1, 3, len(cols), 3, status, style)
	s.height(3, max(24, textHeight(status, totalWidth(cols), 13)))
	s.note(4, len(cols), totalWidth(cols), note, st.noteWrap)
}

// changedText says what differs in the set-up of the two runs.
func changedText(bc *BodyComparison) string {
	ma, mb := bc.A.Manifest, bc.B.Manifest
	var what []string
	if ma.Settings.Method != mb.Settings.Method {
		what = append(what, fmt.Sprintf("il metodo di ribaltamento è cambiato (%s in PRIMA, %s in DOPO)", ma.Settings.Method, mb.Settings.Method))
	}
	for _, d := range bc.Differences {
		if strings.HasPrefix(d.Aspect, "Driver di supporto del tema") && d.Alarm {
			what = append(what, fmt.Sprintf("il driver di supporto del tema %s è cambiato (%s in PRIMA, %s in DOPO)",
				strings.TrimPrefix(d.Aspect, "Driver di supporto del tema "), d.A, d.B))
		}
	}
	return strings.Join(what, "; ")
}

const decompositionNote = "Variazione = costo pieno DOPO − costo pieno PRIMA, scomposta per ogni attività (e nodo di coordinamento, " +
	"formazione, servizio senza attività), con P = costo diretto del personale e costo per FTE = P ÷ FTE: " +
	"«dovuto agli FTE» = (FTE DOPO − FTE PRIMA) × costo per FTE di PRIMA (tutto P se in PRIMA gli FTE erano zero); " +
	"«dovuto al costo per FTE» = variazione di P − dovuto agli FTE; «dovuto agli altri costi diretti» = variazione del costo diretto " +
	"delle altre voci; «dovuto ai ribaltamenti» = variazione di quote ricevute meno ceduto. Ogni parte è al centesimo e le quattro parti " +
	"sommano esattamente la variazione. Le parti di un nodo superiore sono le somme di quelle dei suoi figli: il suo «dovuto agli FTE» " +
	"comprende anche lo spostamento di tempo tra i figli. Un codice presente in un solo calcolo vale zero nell'altro."

// confColumns are the figure columns of the Sintesi and Processi tables.
func (c *confronto) confColumns(fte bool) []column {
	var cols []column
	if fte {
		cols = append(cols, column{c.labelA, "FTE", 11}, column{c.labelB, "FTE", 11})
	}
	return append(cols,
		column{c.labelA, "Costo pieno", 17}, column{c.labelB, "Costo pieno", 17},
		column{"€", "Variazione", 16}, column{"%", "Variazione", 9},
		column{"Dovuto agli FTE", groupParts, 16}, column{"Dovuto al costo per FTE", groupParts, 16},
		column{"Dovuto agli altri costi diretti", groupParts, 16}, column{"Dovuto ai ribaltamenti", groupParts, 16})
}

const groupParts = "Scomposizione della variazione"

// change is the relative change of costo pieno, nil when PRIMA is zero.
func change(a, delta decimal.Decimal) any {
	if a.IsZero() {
		return nil
	}
	return delta.DivRound(a.Abs(), 6)
}

// figureCells writes the figures of a row from column col on.
func (c *confronto) figureCells(s *sheet, col, row int, r variance.Row, fte bool, euro, fteStyle, pct int) {
	if fte {
		s.set(col, row, r.A.FTE, fteStyle)
		s.set(col+1, row, r.B.FTE, fteStyle)
		col += 2
	}
	for k, v := range []any{r.A.Full, r.B.Full, r.Delta, change(r.A.Full, r.Delta), r.Parts.FTE, r.Parts.Pay, r.Parts.OtherDirect, r.Parts.Allocation} {
		style := euro
		if k == 3 {
			style = pct
		}
		s.set(col+k, row, v, style)
	}
}

// sintesi writes the change by macro funzione and by tema, and the bridge
// from PRIMA's total to DOPO's.
func (c *confronto) sintesi(f *excelize.File) error {
	if err := f.SetSheetName("Sheet1", SheetConfSintesi); err != nil {
		return err
	}
	s := c.st.sheetOf(f, SheetConfSintesi)
	st := c.st
	cols := append([]column{{"Codice", "", 8}, {"Denominazione", "", 46}}, c.confColumns(false)...)
	s.widths(widthsOf(cols)...)
	c.titles(s, "Confronto dei costi dei processi – Sintesi", decompositionNote+" "+vocabularyNote, cols)
	s.put(headerBlocks(cols, confHeaderRow, st))
	s.height(confHeaderRow+1, 45)
	cmp := c.bc.Cmp
	var macros, temi []int
	for i, n := range cmp.Map.Nodes() {
		switch n.Level {
		case model.LevelMacro:
			macros = append(macros, i)
		case model.LevelTema:
			temi = append(temi, i)
		}
	}
	total := cmp.Total()
	row := confFirstData
	writeRows := func(title string, idx []int, ls levelStyles) {
		s.merge(1, row, len(cols), row, title, st.sectionLeft)
		row++
		for _, i := range idx {
			n := cmp.Map.At(i)
			s.set(1, row, string(n.Code), ls.code)
			s.set(2, row, n.Name+statusSuffix(cmp.Rows[i].Status), ls.name)
			c.figureCells(s, 3, row, cmp.Rows[i], false, ls.euro, ls.fte, st.pct)
			row++
		}
		s.set(1, row, "", st.totalText)
		s.set(2, row, "Totale ente", st.totalText)
		c.figureCells(s, 3, row, total, false, st.totalEuro, st.totalFTE, st.totalPct)
		row += 2
	}
	writeRows("Per macro funzione", macros, st.level[model.LevelMacro])
	row = c.bridge(s, row, total)
	plain := st.level[model.LevelFunzione]
	plain.name = st.text
	writeRows("Per tema (macroprocesso)", temi, plain)
	end := "Le macro funzioni di supporto (A e B) cedono tutto il loro costo ai processi primari: il loro costo pieno è zero in " +
		"entrambi i calcoli e le loro parti si compensano (più FTE o più costi diretti sono compensati da più ceduto). " +
		"Il foglio Processi scende fino alle attività."
	s.note(row, len(cols), totalWidth(cols), end, st.noteWrap)
	s.freeze(2, confHeaderRow+1)
	s.print(confHeaderRow + 1)
	return s.err
}

// statusSuffix marks a node that only one run has.
func statusSuffix(st variance.Status) string {
	switch st {
	case variance.OnlyA:
		return " (solo in PRIMA)"
	case variance.OnlyB:
		return " (solo in DOPO)"
	}
	return ""
}

// bridge writes the table and the chart that go from PRIMA's costo pieno
// to DOPO's by the four parts, from row on, and returns the first row
// after them. The chart stacks each step on an invisible base; when a
// step would go below zero it shows the steps as plain columns instead.
func (c *confronto) bridge(s *sheet, row int, total variance.Row) int {
	st := c.st
	s.merge(1, row, 10, row, "Dal costo pieno di "+c.labelA+" a quello di "+c.labelB, st.sectionLeft)
	row++
	head := row
	for k, h := range []string{"Passaggio", "Importo", "Base (invisibile nel grafico)", "Aumento", "Diminuzione", "Totale"} {
		s.set(2+k, row, h, st.header)
	}
	s.height(row, 30)
	row++
	steps := []struct {
		label string
		value decimal.Decimal
		total bool
	}{
		{"Costo pieno " + c.labelA, total.A.Full, true},
		{"Dovuto agli FTE", total.Parts.FTE, false},
		{"Dovuto al costo per FTE", total.Parts.Pay, false},
		{"Dovuto agli altri costi diretti", total.Parts.OtherDirect, false},
		{"Dovuto ai ribaltamenti", total.Parts.Allocation, false},
		{"Costo pieno " + c.labelB, total.B.Full, true},
	}
	first := row
	stacked := true
	cum := decimal.Zero
	for _, sp := range steps {
		var base, up, down, tot decimal.Decimal
		if sp.total {
			tot, cum = sp.value, sp.value
		} else {
			after := cum.Add(sp.value)
			base = decimal.Min(cum, after)
			if sp.value.IsPositive() {
				up = sp.value
			} else {
				down = sp.value.Neg()
			}
			cum = after
		}
		if base.IsNegative() || tot.IsNegative() {
			stacked = false
		}
		s.set(2, row, sp.label, st.text)
		s.set(3, row, sp.value, st.euro)
		for k, v := range []decimal.Decimal{base, up, down, tot} {
			s.set(4+k, row, v, st.euroDash)
		}
		row++
	}
	last := row - 1
	if s.err == nil {
		cats := absRange(SheetConfSintesi, 2, first, 2, last)
		series := func(col int, fill excelize.Fill) excelize.ChartSeries {
			return excelize.ChartSeries{Name: absRange(SheetConfSintesi, col, head, col, head), Categories: cats,
				Values: absRange(SheetConfSintesi, col, first, col, last), Fill: fill}
		}
		chart := &excelize.Chart{
			Type:       excelize.ColStacked,
			VaryColors: ptr(false),
			Series: []excelize.ChartSeries{series(4, excelize.Fill{Type: "pattern", Pattern: 0}), series(7, solid(colChartBar)),
				series(5, solid(colChartRed)), series(6, solid("70AD47"))},
			Title:     chartTitle("Dal costo pieno di " + c.labelA + " a quello di " + c.labelB),
			Legend:    excelize.ChartLegend{Position: "none"},
			Dimension: excelize.ChartDimension{Width: 900, Height: 340},
			GapWidth:  ptr(uint(60)),
			XAxis:     excelize.ChartAxis{Font: axisFont},
			YAxis:     excelize.ChartAxis{MajorGridLines: true, Font: axisFont, NumFmt: excelize.ChartNumFmt{CustomNumFmt: `#,##0 [$€-410]`}},
			Format:    excelize.GraphicOptions{AltText: "Ponte dal costo pieno di " + c.labelA + " a quello di " + c.labelB, OffsetX: 4, OffsetY: 4},
		}
		if !stacked {
			chart.Type = excelize.Col
			chart.Series = []excelize.ChartSeries{series(3, solid(colChartBar))}
		}
		s.fail(s.f.AddChart(SheetConfSintesi, cell(2, row+1), chart))
	}
	return row + 20
}

// processi writes every node of either run, foldable by level.
func (c *confronto) processi(f *excelize.File) error {
	if _, err := f.NewSheet(SheetConfProcessi); err != nil {
		return err
	}
	s := c.st.sheetOf(f, SheetConfProcessi)
	st := c.st
	cols := append([]column{{"Codice", "", 13}, {"Denominazione", "", 58}, {"Livello", "", 22}, {"Presente in", "", 12}}, c.confColumns(true)...)
	s.widths(widthsOf(cols)...)
	note := decompositionNote + " In colore le variazioni di almeno il " + largeChangePercent + " del costo pieno di PRIMA " +
		"(rosso gli aumenti, verde le diminuzioni). Usare i pulsanti di struttura (1-5) a sinistra per chiudere o aprire i livelli."
	c.titles(s, "Confronto dei costi dei processi – Albero completo della mappa", note, cols)
	s.put(headerBlocks(cols, confHeaderRow, st))
	s.height(confHeaderRow+1, 45)
	cmp := c.bc.Cmp
	row := confFirstData
	for i, n := range cmp.Map.Nodes() {
		r := cmp.Rows[i]
		ls := st.level[n.Level]
		s.set(1, row, string(n.Code), ls.code)
		s.set(2, row, n.Name, ls.name)
		s.set(3, row, levelLabel(n.Level), ls.text)
		s.set(4, row, presence(r.Status), ls.text)
		c.figureCells(s, 5, row, r, true, ls.euro, ls.fte, st.pct)
		if lvl := int(n.Level - model.LevelMacro); lvl > 0 && s.err == nil {
			s.fail(f.SetRowOutlineLevel(SheetConfProcessi, row, uint8(lvl)))
		}
		row++
	}
	last := row - 1
	// Columns: 4 lead, 2 FTE, then costo pieno A, B, variation €, %.
	deltaCol, pctCol := 4+2+3, 4+2+4
	if last >= confFirstData && s.err == nil {
		p := fmt.Sprintf("$%s%d", colName(pctCol), confFirstData)
		ref := cell(deltaCol, confFirstData) + ":" + cell(pctCol, last)
		s.fail(f.SetConditionalFormat(SheetConfProcessi, ref, []excelize.ConditionalFormatOptions{
			{Type: "formula", Criteria: fmt.Sprintf("AND(ISNUMBER(%s),%s>=%s)", p, p, largeChange), Format: &c.up},
			{Type: "formula", Criteria: fmt.Sprintf("AND(ISNUMBER(%s),%s<=-%s)", p, p, largeChange), Format: &c.down},
		}))
		s.filter(1, confHeaderRow+1, len(cols), last)
	}
	// Summary rows sit above their details; the filter replaced the sheet
	// properties, so this comes after it.
	s.fail(f.SetSheetProps(SheetConfProcessi, &excelize.SheetPropsOptions{OutlineSummaryBelow: ptr(false)}))
	s.freeze(2, confHeaderRow+1)
	s.print(confHeaderRow + 1)
	return s.err
}

// presence says in which runs a node is, in words.
func presence(st variance.Status) string {
	switch st {
	case variance.OnlyA:
		return "solo PRIMA"
	case variance.OnlyB:
		return "solo DOPO"
	}
	return "entrambi"
}

// unitari writes the unit costs of the measures both runs have.
func (c *confronto) unitari(f *excelize.File) error {
	if _, err := f.NewSheet(SheetConfUnitari); err != nil {
		return err
	}
	s := c.st.sheetOf(f, SheetConfUnitari)
	st := c.st
	cols := []column{{"Codice", "", 12}, {"Nodo della mappa", "", 40}, {"Misura", "", 28},
		{c.labelA, "Quantità", 12}, {c.labelB, "Quantità", 12},
		{c.labelA, "Costo considerato", 16}, {c.labelB, "Costo considerato", 16},
		{c.labelA, "Costo unitario", 14}, {c.labelB, "Costo unitario", 14},
		{"€", "Variazione del costo unitario", 13}, {"%", "Variazione del costo unitario", 9}}
	s.widths(widthsOf(cols)...)
	note := "Per ogni misura della tabella volumi presente in entrambi i calcoli (stesso codice e stessa misura): costo unitario = " +
		"costo considerato ÷ quantità, al centesimo, come in indicatori.xlsx, da cui sono letti quantità e costo considerato " +
		"(il costo pieno del nodo; per i nodi che ribaltano il loro costo, il costo prima del ribaltamento)."
	c.titles(s, "Confronto dei costi unitari dei volumi", note, cols)
	s.put(headerBlocks(cols, confHeaderRow, st))
	s.height(confHeaderRow+1, 30)
	cmp := c.bc.Cmp
	name := func(code model.Code) string {
		if n, ok := cmp.Map.Node(code); ok {
			return n.Name
		}
		return ""
	}
	row := confFirstData
	for _, u := range c.bc.Units {
		s.set(1, row, string(u.A.Code), st.code)
		s.set(2, row, name(u.A.Code), st.text)
		s.set(3, row, u.A.Misura, st.text)
		s.set(4, row, u.A.Quantity, st.number)
		s.set(5, row, u.B.Quantity, st.number)
		for k, v := range []variance.Volume{u.A, u.B} {
			if v.HasCost {
				s.set(6+k, row, v.Cost, st.euro)
			}
			if unit, ok := v.Unit(); ok {
				s.set(8+k, row, unit, st.euro)
			} else {
				s.set(8+k, row, "non calcolabile", st.notCalc)
			}
		}
		if d, ok := u.Delta(); ok {
			a, _ := u.A.Unit()
			s.set(10, row, d, st.euroRed)
			s.set(11, row, change(a, d), st.pct)
		}
		row++
	}
	if len(c.bc.Units) > 0 {
		s.filter(1, confHeaderRow+1, len(cols), row-1)
	} else {
		why := "Nessuna misura dei volumi è presente in entrambi i calcoli."
		switch {
		case !c.bc.VolumesA || !c.bc.VolumesB:
			why = "Uno dei due calcoli non ha indicatori.xlsx: i costi unitari non sono confrontabili."
		}
		s.merge(1, row, len(cols), row, why, st.notCalc)
		row++
	}
	row++
	for _, part := range []struct {
		title string
		vols  []variance.Volume
	}{{"Misure solo in PRIMA", c.bc.UnitsOnlyA}, {"Misure solo in DOPO", c.bc.UnitsOnlyB}} {
		if len(part.vols) == 0 {
			continue
		}
		s.merge(1, row, len(cols), row, part.title, st.sectionLeft)
		row++
		for _, v := range part.vols {
			s.set(1, row, string(v.Code), st.code)
			s.set(2, row, name(v.Code), st.text)
			s.set(3, row, v.Misura, st.text)
			row++
		}
		row++
	}
	s.freeze(3, confHeaderRow+1)
	s.print(confHeaderRow + 1)
	return s.err
}

// paretoLine is a processo of either run in the Pareto comparison.
type paretoLine struct {
	node   int
	a, b   *indicators.Ranked
	change string
}

// paretoLines ranks the processi (regular funzioni) of each run by costo
// pieno with variance.Pareto, and lists those ranked in either run: by
// their rank in DOPO, then those of PRIMA only by their rank there.
func paretoLines(cmp *variance.Comparison) []paretoLine {
	var procs []int
	var fullA, fullB []decimal.Decimal
	for i, n := range cmp.Map.Nodes() {
		if indicators.IsProcess(n) {
			procs = append(procs, i)
			fullA = append(fullA, cmp.Rows[i].A.Full)
			fullB = append(fullB, cmp.Rows[i].B.Full)
		}
	}
	ra, rb := indicators.Pareto(fullA), indicators.Pareto(fullB)
	byA := map[int]*indicators.Ranked{}
	for k := range ra {
		byA[ra[k].Index] = &ra[k]
	}
	var out []paretoLine
	seen := map[int]bool{}
	for k := range rb {
		r := &rb[k]
		seen[r.Index] = true
		out = append(out, paretoLine{node: procs[r.Index], a: byA[r.Index], b: r})
	}
	for k := range ra {
		if r := &ra[k]; !seen[r.Index] {
			out = append(out, paretoLine{node: procs[r.Index], a: r})
		}
	}
	for k := range out {
		l := &out[k]
		switch {
		case l.a == nil:
			l.change = "nuovo in DOPO"
		case l.b == nil:
			l.change = "assente in DOPO"
		case l.a.Class != l.b.Class:
			l.change = l.a.Class + " → " + l.b.Class
		}
	}
	return out
}

// pareto writes the ABC classes of the processi in both runs and those
// that changed class.
func (c *confronto) pareto(f *excelize.File) error {
	if _, err := f.NewSheet(SheetConfPareto); err != nil {
		return err
	}
	s := c.st.sheetOf(f, SheetConfPareto)
	st := c.st
	cmp := c.bc.Cmp
	cols := []column{{"Codice", "", 10}, {"Processo (funzione)", "", 44}, {"Tema (macroprocesso)", "", 34},
		{"Costo pieno", c.labelA, 16}, {"Rango", c.labelA, 7}, {"Classe", c.labelA, 7},
		{"Costo pieno", c.labelB, 16}, {"Rango", c.labelB, 7}, {"Classe", c.labelB, 7},
		{"Cambio di classe", "", 14}}
	// The summaries sit beside the table, after a narrow gap.
	s.widths(append(widthsOf(cols), 3, 10, 11, 16, 11, 16)...)
	note := "Processi = funzioni ordinarie della mappa con costo pieno diverso da zero, in ordine decrescente di costo pieno in DOPO " +
		"(a parità, per codice), poi quelli presenti solo in PRIMA. Classi ABC calcolate in ciascun calcolo sulla quota cumulata del costo " +
		"pieno dei processi che PRECEDONO il processo: classe A finché è sotto l'80%, B finché è sotto il 95%, C oltre; il primo processo " +
		"è sempre in classe A e quello che attraversa l'80% resta in A. (Questa convenzione può dare una classe diversa da quella del foglio " +
		"Pareto di costi-dei-processi.xlsx, che considera la quota cumulata compreso il processo.)"
	c.titles(s, "Analisi di Pareto dei processi: classi ABC a confronto", note, cols)
	s.put(headerBlocks(cols, confHeaderRow, st))
	s.height(confHeaderRow+1, 20)
	lines := paretoLines(cmp)
	row := confFirstData
	type classSum struct {
		n    [2]int
		full [2]decimal.Decimal
	}
	byClass := map[string]*classSum{"A": {}, "B": {}, "C": {}}
	var changed []paretoLine
	for _, l := range lines {
		n := cmp.Map.At(l.node)
		s.set(1, row, string(n.Code), st.code)
		s.set(2, row, n.Name, st.text)
		if t := cmp.Map.AncestorAt(l.node, model.LevelTema); t >= 0 {
			s.set(3, row, nodeLabel(cmp.Map.At(t)), st.text)
		}
		for k, r := range []*indicators.Ranked{l.a, l.b} {
			col := 4 + 3*k
			if r == nil {
				s.set(col, row, "–", st.centered)
				continue
			}
			s.set(col, row, r.Value, st.euro)
			s.set(col+1, row, r.Rank, st.centered)
			s.set(col+2, row, r.Class, st.classes[r.Class])
			if cs := byClass[r.Class]; cs != nil {
				cs.n[k]++
				cs.full[k] = cs.full[k].Add(r.Value)
			}
		}
		if l.change != "" {
			s.set(10, row, l.change, st.textBold)
			changed = append(changed, l)
		}
		row++
	}
	if len(lines) > 0 {
		s.filter(1, confHeaderRow+1, len(cols), row-1)
	}

	// Beside the table: the summary by class, then the processi that
	// changed class.
	sc := len(cols) + 2
	s.put([]block{
		{sc, confHeaderRow, sc + 4, confHeaderRow, "Riepilogo per classe", st.headerGroup},
		{sc, confHeaderRow + 1, sc, confHeaderRow + 1, "Classe", st.header},
		{sc + 1, confHeaderRow + 1, sc + 1, confHeaderRow + 1, "Processi " + c.labelA, st.header},
		{sc + 2, confHeaderRow + 1, sc + 2, confHeaderRow + 1, "Costo pieno " + c.labelA, st.header},
		{sc + 3, confHeaderRow + 1, sc + 3, confHeaderRow + 1, "Processi " + c.labelB, st.header},
		{sc + 4, confHeaderRow + 1, sc + 4, confHeaderRow + 1, "Costo pieno " + c.labelB, st.header},
	})
	for k, cl := range []string{"A", "B", "C"} {
		r := confFirstData + k
		cs := byClass[cl]
		s.set(sc, r, cl, st.classes[cl])
		s.set(sc+1, r, cs.n[0], st.integer)
		s.set(sc+2, r, cs.full[0], st.euro)
		s.set(sc+3, r, cs.n[1], st.integer)
		s.set(sc+4, r, cs.full[1], st.euro)
	}
	r := confFirstData + 4
	s.merge(sc, r, sc+4, r, fmt.Sprintf("Processi che hanno cambiato classe: %d", len(changed)), st.headerGroup)
	r++
	s.put([]block{
		{sc, r, sc, r, "Codice", st.header},
		{sc + 1, r, sc + 3, r, "Processo (funzione)", st.header},
		{sc + 4, r, sc + 4, r, "Cambio", st.header},
	})
	r++
	for _, l := range changed {
		n := cmp.Map.At(l.node)
		s.set(sc, r, string(n.Code), st.code)
		s.merge(sc+1, r, sc+3, r, n.Name, st.text)
		s.set(sc+4, r, l.change, st.textBold)
		r++
	}
	s.freeze(2, confHeaderRow+1)
	s.print(confHeaderRow + 1)
	return s.err
}

// impianto writes what differs between the runs beyond the data.
func (c *confronto) impianto(f *excelize.File) error {
	if _, err := f.NewSheet(SheetConfImpianto); err != nil {
		return err
	}
	s := c.st.sheetOf(f, SheetConfImpianto)
	st := c.st
	bc := c.bc
	cols := []column{{"Aspetto", "", 34}, {"PRIMA", "", 30}, {"DOPO", "", 30}, {"Uguale", "", 9}, {"Che cosa comporta", "", 70}}
	s.widths(widthsOf(cols)...)
	note := "Ciò che distingue i due calcoli oltre ai dati: impostazioni, mappa dei processi, versione di camcost, avvisi. " +
		"Se il metodo o i driver di supporto sono diversi, le cifre cambiano anche senza alcun cambiamento nei dati. " +
		"I due calcoli sono identificati dall'impronta SHA-256 del loro manifest.json, registrata nel manifest.json del confronto."
	c.titles(s, "Differenze di impianto tra i due calcoli", note, cols)
	s.put(headerBlocks(cols, confHeaderRow, st))
	row := confFirstData
	for _, d := range bc.Differences {
		s.set(1, row, d.Aspect, st.textBold)
		s.set(2, row, d.A, st.textWrap)
		s.set(3, row, d.B, st.textWrap)
		switch {
		case d.Same:
			s.set(4, row, "sì", st.centered)
		case d.Alarm:
			s.set(4, row, "no", st.bad)
		default:
			s.set(4, row, "no", st.textBold)
		}
		s.set(5, row, d.Effect, st.textWrap)
		s.height(row, max(15, textHeight(d.Effect, cols[4].width, 11), textHeight(d.A, cols[1].width, 11), textHeight(d.B, cols[2].width, 11)))
		row++
	}
	section := func(title string, header []string) {
		row++
		s.merge(1, row, len(cols), row, title, st.sectionLeft)
		row++
		for k, h := range header {
			s.set(1+k, row, h, st.headerLeft)
		}
		row++
	}
	cmp := bc.Cmp
	for _, part := range []struct {
		status variance.Status
		title  string
		full   string
	}{{variance.OnlyA, "Codici tolti: presenti solo in PRIMA", "Costo pieno " + c.labelA}, {variance.OnlyB, "Codici aggiunti: presenti solo in DOPO", "Costo pieno " + c.labelB}} {
		var idx []int
		for i, r := range cmp.Rows {
			if r.Status == part.status {
				idx = append(idx, i)
			}
		}
		if len(idx) == 0 {
			continue
		}
		section(fmt.Sprintf("%s (%d)", part.title, len(idx)), []string{"Codice", "Denominazione", "Livello", "", part.full})
		for _, i := range idx {
			n, r := cmp.Map.At(i), cmp.Rows[i]
			full := r.A.Full
			if part.status == variance.OnlyB {
				full = r.B.Full
			}
			s.set(1, row, string(n.Code), st.code)
			s.set(2, row, n.Name, st.text)
			s.set(3, row, levelLabel(n.Level), st.text)
			s.set(5, row, full, st.euro)
			row++
		}
	}
	if len(cmp.Renamed) > 0 {
		section(fmt.Sprintf("Denominazioni cambiate (%d)", len(cmp.Renamed)), []string{"Codice", "PRIMA", "DOPO"})
		for _, r := range cmp.Renamed {
			s.set(1, row, string(r.Code), st.code)
			s.set(2, row, r.NameA, st.textWrap)
			s.set(3, row, r.NameB, st.textWrap)
			s.height(row, max(15, textHeight(r.NameA, cols[1].width, 11), textHeight(r.NameB, cols[2].width, 11)))
			row++
		}
	}
	for _, part := range []struct {
		title string
		list  []string
	}{{"Avvisi del calcolo PRIMA", bc.A.Manifest.Warnings}, {"Avvisi del calcolo DOPO", bc.B.Manifest.Warnings}} {
		if len(part.list) == 0 {
			continue
		}
		section(fmt.Sprintf("%s (%d)", part.title, len(part.list)), nil)
		row--
		for _, w := range part.list {
			s.merge(1, row, len(cols), row, w, st.textWrap)
			s.height(row, max(15, textHeight(w, totalWidth(cols), 11)))
			row++
		}
	}
	s.freeze(0, confHeaderRow+1)
	s.print(confHeaderRow + 1)
	return s.err
}
