package outputs

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"camcost/indicators"
	"camcost/model"
)

// Sheet names of the benchmarking workbook besides those of the
// indicators (benchIndicators) and of the processi (named by code).
const (
	SheetBenchSintesi    = "Sintesi"
	SheetBenchProcessi   = "Processi"
	SheetBenchEsecuzioni = "Esecuzioni"
)

// benchIndicator is an indicator of the whole body that the workbook
// compares on a sheet of its own, with a chart.
type benchIndicator struct {
	key     string
	sheet   string
	column  string // header of its column in Sintesi
	reading string // how to read a low or a high value
}

// benchIndicators are the body indicators compared, in the order of
// Sintesi and of their sheets: the four key ones first.
var benchIndicators = []benchIndicator{
	{indicators.KeyOneriPerImpresa, "Oneri per impresa", "Oneri correnti per impresa attiva",
		"Un valore basso indica un ente che spende meno per ogni impresa attiva del suo territorio. " +
			"Gli enti piccoli ripartiscono i costi fissi su meno imprese: il confronto più utile è con il proprio cluster."},
	{indicators.KeyCostoMedioFTE, "Costo medio per FTE", "Costo medio per FTE",
		"Sono gli oneri correnti, non solo quelli del personale, divisi per gli FTE: un valore alto può venire " +
			"da interventi economici elevati oltre che da costi di struttura."},
	{indicators.KeyFTEPer1000Imprese, "FTE per 1.000 imprese", "FTE per 1.000 imprese attive",
		"Un valore basso indica meno personale per le imprese servite."},
	{indicators.KeyIncidenzaSupporto, "Incidenza supporto", "Incidenza dei costi di supporto",
		"Quota del costo pieno dei processi primari che viene dai processi di supporto (macro funzioni A e B): " +
			"un valore basso indica una struttura di supporto più leggera."},
	{indicators.KeyPersonalePerImpresa, "Personale per impresa", "Costi del personale per impresa attiva",
		"Un valore basso indica un costo del personale minore per ogni impresa attiva."},
	{indicators.KeyGradoCopertura, "Grado di copertura", "Grado di copertura",
		"Qui un valore alto è favorevole: i proventi correnti coprono una parte maggiore degli oneri correnti. " +
			"La posizione 1 resta il valore più basso."},
}

// Texts of the method, printed on Sintesi and under every comparison.
const (
	quartileText = "Mediana e quartili (Q1, Q3) sono calcolati come QUARTILE.INC di Excel (interpolazione lineare, " +
		"metodo 7 di Hyndman e Fan): ordinati gli n valori, il quartile k cade nella posizione 1 + (n − 1) × k/4 e, " +
		"se questa non è intera, si interpola tra i due valori vicini. Si calcolano sugli enti per cui l'indicatore " +
		"è calcolabile; gli altri sono esclusi e contati a parte."
	rankText = "Posizione: 1 è il valore più basso; a parità di valore gli enti hanno la stessa posizione e la " +
		"successiva salta (1, 2, 2, 4), come RANK.EQ crescente di Excel. Per i costi un valore basso vuol dire costo " +
		"minore, non per forza gestione migliore: va letto con i servizi resi e i volumi."
	unclassifiedText = "Gli enti non classificati sono confrontati solo con tutti gli enti."
)

// clusterText explains where clusters come from and lists camcost's size
// classes.
func clusterText() string {
	return "Cluster: la classe dimensionale dichiarata nella tabella contesto (chiave cluster) quando c'è; " +
		"altrimenti camcost la ricava da imprese_attive con classi sue, non una classificazione ufficiale: " +
		strings.Join(indicators.SizeClassLabels(), "; ") + ". Senza cluster né imprese attive l'ente è «" + indicators.Unclassified + "». " +
		"Cluster scritti con maiuscole o spazi diversi sono lo stesso cluster."
}

// WriteBenchmarkWorkbook writes benchmarking.xlsx (docs/uscite.md, workbook 3,
// multi-body run): Sintesi with one row per body, a sheet per body
// indicator with cluster and overall quartiles, ranks and a chart, the
// index Processi and a sheet per processo comparing the costo pieno per
// impresa attiva, and the runs compared (Esecuzioni). Bodies are written
// in name order whatever the order of bodies; two bodies with the same
// name are an error.
func WriteBenchmarkWorkbook(w io.Writer, bodies []indicators.BodySummary) error {
	bn, err := newBench(bodies)
	if err != nil {
		return err
	}
	f, st, err := newWorkbook("Benchmarking tra enti", "Confronto tra "+bn.heading(), bn.info)
	if err != nil {
		return err
	}
	bn.st = st
	if err := bn.makeStyles(f); err != nil {
		f.Close()
		return err
	}
	steps := []sheetStep{{SheetBenchSintesi, bn.sintesi}}
	for _, d := range bn.compared {
		steps = append(steps, sheetStep{d.sheet, func(f *excelize.File) error { return bn.indicatorSheet(f, d) }})
	}
	steps = append(steps, sheetStep{SheetBenchProcessi, bn.processIndex})
	for k, name := range bn.sheets {
		if name != "" {
			steps = append(steps, sheetStep{name, func(f *excelize.File) error { return bn.processSheet(f, k) }})
		}
	}
	steps = append(steps, sheetStep{SheetBenchEsecuzioni, bn.esecuzioni})
	return writeSheets(f, w, steps...)
}

// bench holds what the sheets of the workbook share: the comparison and
// how the workbook names what it compares.
type bench struct {
	c        *indicators.Comparison
	labels   []string // the bodies' names in tables: ente, with the folder when two share it
	short    []string // the bodies' names in charts
	compared []benchIndicatorData
	sheets   []string // the sheet of each processo of c.Processes, "" for support processi
	info     RunInfo
	st       *styles
	bs       benchStyles
}

// benchIndicatorData is a body indicator the workbook compares.
type benchIndicatorData struct {
	benchIndicator
	*indicators.IndicatorComparison
}

// newBench compares the bodies and names the bodies and the sheets.
func newBench(bodies []indicators.BodySummary) (*bench, error) {
	c, err := indicators.Compare(bodies)
	if err != nil {
		return nil, err
	}
	bn := &bench{c: c}
	bn.names()
	bn.info = bn.runInfo()
	for _, bi := range benchIndicators {
		if d, ok := c.Indicator(bi.key); ok {
			bn.compared = append(bn.compared, benchIndicatorData{bi, d})
		}
	}
	used := reservedSheets()
	for _, p := range c.Processes {
		name := ""
		if !p.Support {
			name = processSheetName(p.Code, used)
		}
		bn.sheets = append(bn.sheets, name)
	}
	return bn, nil
}

// names chooses how bodies are named: the ente, with the folder when two
// bodies share it; in charts without the words every name starts with
// ("Camera di Commercio di").
func (bn *bench) names() {
	count := make(map[string]int)
	for _, b := range bn.c.Bodies {
		count[b.Ente]++
	}
	for _, b := range bn.c.Bodies {
		l := b.Ente
		if l == "" {
			l = b.Name
		}
		if count[b.Ente] > 1 {
			l += " (" + b.Name + ")"
		}
		bn.labels = append(bn.labels, l)
	}
	bn.short = trimCommonWords(bn.labels)
}

// trimCommonWords drops the words all names start with, when every name
// keeps at least one word.
func trimCommonWords(names []string) []string {
	if len(names) < 2 {
		return slices.Clone(names)
	}
	words := make([][]string, len(names))
	for i, n := range names {
		words[i] = strings.Fields(n)
	}
	common := 0
	for ; ; common++ {
		ok := true
		for _, w := range words {
			if common >= len(w)-1 || w[common] != words[0][common] {
				ok = false
				break
			}
		}
		if !ok {
			break
		}
	}
	out := make([]string, len(names))
	for i, w := range words {
		out[i] = strings.Join(w[common:], " ")
	}
	return out
}

// runInfo describes the workbook for its properties: an id derived from
// the runs compared, the year when the bodies share one.
func (bn *bench) runInfo() RunInfo {
	h := sha256.New()
	version := model.Version
	for _, b := range bn.c.Bodies {
		fmt.Fprintf(h, "body %s %s\n", b.Name, b.RunID)
		if b.Version != "" {
			version = b.Version
		}
	}
	info := RunInfo{RunID: hex.EncodeToString(h.Sum(nil))[:16], Version: version, Ente: bn.count()}
	if len(bn.c.Years) == 1 {
		info.Anno = bn.c.Years[0]
	}
	return info
}

// count is "N enti".
func (bn *bench) count() string {
	if len(bn.c.Bodies) == 1 {
		return "1 ente"
	}
	return fmt.Sprintf("%d enti", len(bn.c.Bodies))
}

// heading is the second line of every sheet: how many bodies, which year.
func (bn *bench) heading() string {
	h := bn.count()
	var years []string
	for _, y := range bn.c.Years {
		if y != "" {
			years = append(years, y)
		}
	}
	switch {
	case len(years) == 1 && len(bn.c.Years) == 1:
		h += " – esercizio " + years[0]
	case len(years) > 0:
		h += " – esercizi " + strings.Join(years, ", ") + " (attenzione: gli enti non si riferiscono tutti allo stesso anno)"
	}
	return h
}

// reservedSheets are the names of the sheets besides those of processi.
func reservedSheets() map[string]bool {
	out := map[string]bool{}
	for _, n := range []string{SheetBenchSintesi, SheetBenchProcessi, SheetBenchEsecuzioni} {
		out[strings.ToLower(n)] = true
	}
	for _, bi := range benchIndicators {
		out[strings.ToLower(bi.sheet)] = true
	}
	return out
}

// processSheetName makes a valid sheet name of a code, unique among used
// (lower case): at most 31 characters, none of : \ / ? * [ ].
func processSheetName(code model.Code, used map[string]bool) string {
	name := strings.Map(func(r rune) rune {
		if strings.ContainsRune(`:\/?*[]`, r) {
			return '_'
		}
		return r
	}, string(code))
	name = strings.Trim(name, "'")
	if name == "" {
		name = "processo"
	}
	if r := []rune(name); len(r) > 31 {
		name = string(r[:31])
	}
	base := name
	for k := 2; used[strings.ToLower(name)]; k++ {
		suffix := fmt.Sprintf(" (%d)", k)
		r := []rune(base)
		name = string(r[:min(len(r), 31-len(suffix))]) + suffix
	}
	used[strings.ToLower(name)] = true
	return name
}

// pageRows is about how many rows of default height a landscape page
// holds once a comparison sheet is fitted to its width.
const pageRows = 60

// benchStyles are the styles of the benchmarking workbook that the shared
// ones lack.
type benchStyles struct {
	rank, link, linkCode, formula                int
	totalInt, totalFTE4, totalLabel, supportText int
	legend                                       []int // cluster names on their chart colour
}

// Colours of the clusters in charts: a light fill for the bars and a dark
// one for the median; past the sixth cluster they repeat.
var clusterColours = [][2]string{
	{"9DC3E6", "1F4E79"}, {"F4B183", "C55A11"}, {"A9D18E", "385723"},
	{"CDB4DB", "7030A0"}, {"FFE699", "BF8F00"}, {"9FD5D1", "1E6F69"},
}

const colUnclassified = "BFBFBF"

// makeStyles creates benchStyles, and a colour for each cluster.
func (bn *bench) makeStyles(f *excelize.File) error {
	var firstErr error
	mk := func(s *excelize.Style) int {
		id, err := f.NewStyle(s)
		if err != nil && firstErr == nil {
			firstErr = err
		}
		return id
	}
	fmtp := func(code string) *string { return &code }
	topBottom := []excelize.Border{{Type: "top", Color: "000000", Style: 1}, {Type: "bottom", Color: "000000", Style: 6}}
	center := &excelize.Alignment{Horizontal: "center", Vertical: "top"}
	bold := &excelize.Font{Bold: true}
	bn.bs = benchStyles{
		rank:        mk(&excelize.Style{Alignment: center, CustomNumFmt: fmtp(fmtInt)}),
		link:        mk(&excelize.Style{Font: &excelize.Font{Color: "1265BE", Underline: "single"}, Alignment: &excelize.Alignment{Vertical: "top"}}),
		linkCode:    mk(&excelize.Style{Font: &excelize.Font{Family: "Consolas", Size: 10, Color: "1265BE", Underline: "single"}, Alignment: &excelize.Alignment{Vertical: "top"}}),
		totalInt:    mk(&excelize.Style{Font: bold, Fill: solid(colTotal), Border: topBottom, CustomNumFmt: fmtp(fmtInt)}),
		totalFTE4:   mk(&excelize.Style{Font: bold, Fill: solid(colTotal), Border: topBottom, CustomNumFmt: fmtp(fmtFTE4)}),
		formula:     mk(&excelize.Style{Font: &excelize.Font{Bold: true, Color: colHeader}, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}),
		totalLabel:  mk(&excelize.Style{Font: bold, Fill: solid(colTotal), Border: topBottom, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}),
		supportText: mk(&excelize.Style{Font: &excelize.Font{Italic: true, Color: colNote}, Fill: solid("F2F2F2"), Alignment: &excelize.Alignment{Vertical: "top", Indent: 1}}),
	}
	for i, c := range bn.c.Clusters {
		colour := colUnclassified
		if !c.Unclassified {
			colour = clusterColours[i%len(clusterColours)][0]
		}
		bn.bs.legend = append(bn.bs.legend, mk(&excelize.Style{Fill: solid(colour), Alignment: &excelize.Alignment{Vertical: "top"}}))
	}
	return firstErr
}

// valueStyle is the cell style of a value of unit u.
func (bn *bench) valueStyle(u indicators.Unit) int {
	switch u {
	case indicators.UnitFTE:
		return bn.st.fte
	case indicators.UnitFTEPer1000:
		return bn.st.fte4
	case indicators.UnitRatio:
		return bn.st.pct
	case indicators.UnitCount:
		return bn.st.integer
	}
	return bn.st.euro
}

// totalStyle is the style of a value of unit u on a total row.
func (bn *bench) totalStyle(u indicators.Unit) int {
	switch u {
	case indicators.UnitFTE:
		return bn.st.totalFTE
	case indicators.UnitFTEPer1000:
		return bn.bs.totalFTE4
	case indicators.UnitRatio:
		return bn.st.totalPct
	case indicators.UnitCount:
		return bn.bs.totalInt
	}
	return bn.st.totalEuro
}

// chartNumFmt is the number format of a chart axis of unit u.
func chartNumFmt(u indicators.Unit) string {
	switch u {
	case indicators.UnitFTE, indicators.UnitFTEPer1000:
		return "0.0"
	case indicators.UnitRatio:
		return "0%"
	case indicators.UnitCount:
		return "#,##0"
	}
	return `#,##0 [$€-410]`
}

// cellValue is a value with its style.
type cellValue struct {
	v     any
	style int
}

// compSpec describes a comparison sheet: one row per body with its value,
// the quartiles and rank of its cluster and of all bodies, then the
// indicators.Distribution by cluster and a chart.
type compSpec struct {
	sheet, title string
	formula      string
	reading      string
	lead         []column // figures of the body shown before the value
	leadCells    func(i int) []cellValue
	value        string // header of the value column
	unit         indicators.Unit
	cmp          indicators.Compared
	chart        string // chart title, "" for no chart
	chartWidth   uint   // in pixels: the width of the table, set by comparisonSheet
	back         bool   // link back to the Processi index
}

// The layout of a comparison sheet: title, heading, formula and reading
// notes, two header rows, the bodies.
const (
	compHeader = 5
	compFirst  = compHeader + 2
)

func (bn *bench) comparisonSheet(f *excelize.File, sp compSpec) error {
	if _, err := f.NewSheet(sp.sheet); err != nil {
		return err
	}
	s := bn.st.sheetOf(f, sp.sheet)
	st := bn.st
	cols := []column{{"Ente", "", 34}, {"Cluster", "", bn.clusterWidth()}}
	cols = append(cols, sp.lead...)
	cols = append(cols, column{sp.value, "", 18})
	valueCol := len(cols)
	for _, h := range []string{"Enti", "Con valore", "Q1", "Mediana", "Q3", "Posizione"} {
		cols = append(cols, column{h, "Nel cluster", 14})
	}
	for _, h := range []string{"Q1", "Mediana", "Q3", "Posizione"} {
		cols = append(cols, column{h, "Tra tutti gli enti", 14})
	}
	last := len(cols)
	width := totalWidth(cols)
	s.widths(widthsOf(cols)...)
	s.put(titleBlocks(sp.title, "", RunInfo{Ente: bn.heading()}, last, st))
	if sp.back {
		s.set(last-1, 1, "← Indice dei processi", bn.bs.link)
		if s.err == nil {
			s.fail(f.SetCellHyperLink(sp.sheet, cell(last-1, 1), sheetRef(SheetBenchProcessi)+"!A1", "Location"))
		}
	}
	s.note(3, last, width, "Formula: "+sp.formula, bn.bs.formula)
	s.note(4, last, width, sp.reading, st.noteWrap)
	s.put(headerBlocks(cols, compHeader, st))
	s.height(compHeader+1, headerHeight(cols))

	c := sp.cmp
	row := compFirst
	for i := range bn.c.Bodies {
		k := bn.c.Of[i]
		cl := bn.c.Clusters[k]
		s.set(1, row, bn.labels[i], st.text)
		s.set(2, row, cl.Name, bn.bs.legend[k])
		if sp.leadCells != nil {
			for j, cv := range sp.leadCells(i) {
				s.set(3+j, row, cv.v, cv.style)
			}
		}
		if c.OK[i] {
			s.set(valueCol, row, c.Value[i], bn.valueStyle(sp.unit))
		} else {
			text := "non calcolabile: " + c.Reason[i]
			s.set(valueCol, row, text, st.notCalc)
			s.height(row, wrappedHeight(text, cols[valueCol-1].width, 11))
		}
		col := valueCol + 1
		if cl.Unclassified {
			s.merge(col, row, col+5, row, "non classificato: confronto solo con tutti gli enti", st.notCalc)
		} else {
			d := c.ByCluster[k]
			s.set(col, row, d.Bodies, st.integer)
			s.set(col+1, row, d.Values, st.integer)
			bn.quartileCells(s, col+2, row, d, sp.unit)
			if r := c.RankCluster[i]; r > 0 {
				s.set(col+5, row, r, bn.bs.rank)
			}
		}
		col += 6
		bn.quartileCells(s, col, row, c.All, sp.unit)
		if r := c.RankAll[i]; r > 0 {
			s.set(col+3, row, r, bn.bs.rank)
		}
		row++
	}
	s.filter(1, compHeader+1, last, row-1)
	row = bn.distributionTable(s, row+1, last, width, sp)
	if sp.chart != "" {
		sp.chartWidth = uint(pixels(widthsOf(cols)))
		bn.chart(s, row+1, sp)
	}
	s.freeze(1, compHeader+1)
	s.print(compHeader + 1)
	return s.err
}

// clusterWidth is the width of a column of cluster names: the longest,
// within bounds.
func (bn *bench) clusterWidth() float64 {
	w := 22.0 // room for the definitions of the indicators.Distribution tables
	for _, c := range bn.c.Clusters {
		w = max(w, float64(utf8.RuneCountInString(c.Name))+2)
	}
	return min(w, 36)
}

// lowerFirst lowers the first letter of a name to use it inside a
// sentence, unless it starts an acronym (FTE).
func lowerFirst(s string) string {
	r := []rune(s)
	if len(r) == 0 || len(r) > 1 && unicode.IsUpper(r[1]) {
		return s
	}
	r[0] = unicode.ToLower(r[0])
	return string(r)
}

// wrappedHeight is the height, in points, of a row whose cell of the
// given width (in characters) holds text wrapped at word boundaries, in a
// font of the given size: textHeight counts characters only, which is
// short for long words in a narrow column.
func wrappedHeight(text string, width, size float64) float64 {
	perLine := max(1, int(width*1.2*11/size)-1)
	lines := 0
	for _, para := range strings.Split(text, "\n") {
		n := 0
		lines++
		for _, w := range strings.Fields(para) {
			l := utf8.RuneCountInString(w)
			switch {
			case n == 0:
				n = l
			case n+1+l <= perLine:
				n += 1 + l
			default:
				lines++
				n = l
			}
			for n > perLine { // a word longer than a line breaks
				lines++
				n -= perLine
			}
		}
	}
	return float64(lines)*size*1.35 + 3
}

// headerHeight is the height of the second header row of headerBlocks
// that lets every header show whole; bold headers are measured as a
// larger font. Headers without a group also have the first row.
func headerHeight(cols []column) float64 {
	h := 30.0
	for _, c := range cols {
		need := wrappedHeight(c.header, c.width, 12)
		if c.group == "" {
			need -= 15
		}
		h = max(h, need)
	}
	return h
}

// pixels is about the width on screen of columns of the given widths.
func pixels(widths []float64) float64 {
	var px float64
	for _, w := range widths {
		px += w*7 + 5
	}
	return px
}

// quartileCells writes Q1, median and Q3 of d from col on, when d has
// values.
func (bn *bench) quartileCells(s *sheet, col, row int, d indicators.Distribution, u indicators.Unit) {
	if d.Values == 0 {
		return
	}
	for j, v := range []decimal.Decimal{d.Q1, d.Median, d.Q3} {
		s.set(col+j, row, v, bn.valueStyle(u))
	}
}

// distributionTable writes, from row, the indicators.Distribution of the values in
// each cluster and over all bodies, and the method under it; it returns
// the next free row.
func (bn *bench) distributionTable(s *sheet, row, last int, width float64, sp compSpec) int {
	st := bn.st
	s.merge(1, row, last, row, "Distribuzione per cluster: "+lowerFirst(sp.value), st.section)
	row++
	heads := []string{"Cluster", "Come è definito", "Enti", "Con valore", "Non calcolabili", "Minimo", "Q1", "Mediana", "Q3", "Massimo"}
	for j, h := range heads {
		s.set(1+j, row, h, st.header)
	}
	s.height(row, 30)
	row++
	write := func(name string, nameStyle int, def string, d indicators.Distribution, total bool) {
		text, num, count := st.textWrap, bn.valueStyle(sp.unit), st.integer
		if total {
			text, num, count = bn.bs.totalLabel, bn.totalStyle(sp.unit), bn.bs.totalInt
			nameStyle = bn.bs.totalLabel
		}
		s.set(1, row, name, nameStyle)
		s.set(2, row, def, text)
		s.set(3, row, d.Bodies, count)
		s.set(4, row, d.Values, count)
		s.set(5, row, d.Missing(), count)
		if d.Values > 0 {
			for j, v := range []decimal.Decimal{d.Min, d.Q1, d.Median, d.Q3, d.Max} {
				s.set(6+j, row, v, num)
			}
		} else {
			s.merge(6, row, 10, row, "nessun valore", st.notCalc)
		}
		s.height(row, max(15, wrappedHeight(def, bn.clusterWidth(), 11)))
		row++
	}
	for k, cl := range bn.c.Clusters {
		if cl.Unclassified {
			d := sp.cmp.ByCluster[k]
			s.set(1, row, cl.Name, bn.bs.legend[k])
			s.set(2, row, cl.Definition(), st.textWrap)
			s.set(3, row, d.Bodies, st.integer)
			s.set(4, row, d.Values, st.integer)
			s.set(5, row, d.Missing(), st.integer)
			s.merge(6, row, 10, row, "non è un cluster: nessuna statistica", st.notCalc)
			s.height(row, wrappedHeight(cl.Definition(), bn.clusterWidth(), 11))
			row++
			continue
		}
		write(cl.Name, bn.bs.legend[k], cl.Definition(), sp.cmp.ByCluster[k], false)
	}
	write("Tutti gli enti", 0, "", sp.cmp.All, true)
	row++
	s.note(row, last, width, quartileText+" "+rankText+" "+unclassifiedText, st.noteWrap)
	return row + 1
}

// chart draws, from row, the values of the bodies that have one as
// columns grouped by cluster (in cluster order, lowest value first, in the
// cluster's colour) with the cluster's median as a line over its group,
// and writes the data it reads below it: the end of the sheet.
func (bn *bench) chart(s *sheet, row int, sp compSpec) {
	st := bn.st
	c := sp.cmp
	type entry struct{ i, k int }
	var order []entry
	var shown []int
	for k, cl := range bn.c.Clusters {
		var in []int
		for _, i := range cl.Members {
			if c.OK[i] {
				in = append(in, i)
			}
		}
		// Members are in name order: equal values stay in it.
		slices.SortStableFunc(in, func(a, b int) int { return c.Value[a].Cmp(c.Value[b]) })
		if len(in) > 0 {
			shown = append(shown, k)
		}
		for _, i := range in {
			order = append(order, entry{i, k})
		}
	}
	if len(order) == 0 {
		s.merge(1, row, 6, row, "Nessun ente ha un valore: nessun grafico.", st.notCalc)
		return
	}
	const height = 440
	dataRow := row + height/20 + 2
	s.merge(1, dataRow, 8, dataRow, "Dati del grafico: gli enti con un valore, per cluster, dal valore più basso", st.sectionLeft)
	head := dataRow + 1
	s.set(1, head, "Ente", st.header)
	s.set(2, head, "Cluster", st.header)
	col := 3
	valCol, medCol := make(map[int]int), make(map[int]int)
	for _, k := range shown {
		valCol[k] = col
		s.set(col, head, bn.c.Clusters[k].Name, st.header)
		col++
	}
	for _, k := range shown {
		if !bn.c.Clusters[k].Unclassified {
			medCol[k] = col
			s.set(col, head, "Mediana "+bn.c.Clusters[k].Name, st.header)
			col++
		}
	}
	s.height(head, 45)
	first := head + 1
	vs := bn.valueStyle(sp.unit)
	for r, e := range order {
		s.set(1, first+r, bn.short[e.i], st.text)
		s.set(2, first+r, bn.c.Clusters[e.k].Name, bn.bs.legend[e.k])
		s.set(valCol[e.k], first+r, c.Value[e.i], vs)
		if mc, ok := medCol[e.k]; ok {
			s.set(mc, first+r, c.ByCluster[e.k].Median, vs)
		}
	}
	lastRow := first + len(order) - 1
	cats := absRange(sp.sheet, 1, first, 1, lastRow)
	var bars, lines []excelize.ChartSeries
	for _, k := range shown {
		light, dark := colUnclassified, colNote
		if !bn.c.Clusters[k].Unclassified {
			light, dark = clusterColours[k%len(clusterColours)][0], clusterColours[k%len(clusterColours)][1]
		}
		bars = append(bars, excelize.ChartSeries{
			Name: absRange(sp.sheet, valCol[k], head, valCol[k], head), Categories: cats,
			Values: absRange(sp.sheet, valCol[k], first, valCol[k], lastRow), Fill: solid(light),
		})
		if mc, ok := medCol[k]; ok {
			lines = append(lines, excelize.ChartSeries{
				Name: absRange(sp.sheet, mc, head, mc, head), Categories: cats,
				Values: absRange(sp.sheet, mc, first, mc, lastRow), Fill: solid(dark),
				Line:   excelize.LineOptions{Width: 2.5},
				Marker: excelize.ChartMarker{Symbol: "dash", Size: 10, Fill: solid(dark)},
			})
		}
	}
	nonNeg := true
	for _, e := range order {
		nonNeg = nonNeg && c.Value[e.i].Sign() >= 0
	}
	yAxis := excelize.ChartAxis{MajorGridLines: true, Font: axisFont, NumFmt: excelize.ChartNumFmt{CustomNumFmt: chartNumFmt(sp.unit)}}
	if nonNeg {
		yAxis.Minimum = ptr(0.0)
	}
	xAxis := excelize.ChartAxis{Font: excelize.Font{Size: 8, Color: "404040"}}
	if len(order) > 16 {
		xAxis.Alignment.TextRotation = -45
	}
	bar := &excelize.Chart{
		Type:         excelize.Col,
		Series:       bars,
		Title:        chartTitle(sp.chart),
		Legend:       excelize.ChartLegend{Position: "bottom"},
		Dimension:    excelize.ChartDimension{Width: sp.chartWidth, Height: height},
		GapWidth:     ptr(uint(40)),
		Overlap:      ptr(100),
		ShowBlanksAs: "gap",
		XAxis:        xAxis,
		YAxis:        yAxis,
		Format:       excelize.GraphicOptions{AltText: sp.chart, OffsetX: 4, OffsetY: 4},
	}
	var combo []*excelize.Chart
	if len(lines) > 0 {
		// excelize draws the axes of the last chart of a combination:
		// they must be the same.
		combo = append(combo, &excelize.Chart{Type: excelize.Line, Series: lines, ShowBlanksAs: "gap", XAxis: xAxis, YAxis: yAxis})
	}
	if s.err == nil {
		// On paper a chart that would not fit below the tables starts a
		// page of its own rather than be cut.
		if row+height/20 > pageRows {
			s.fail(s.f.InsertPageBreak(sp.sheet, cell(1, row)))
		}
		s.fail(s.f.AddChart(sp.sheet, cell(1, row), bar, combo...))
	}
}

// indicatorSheet compares one body indicator.
func (bn *bench) indicatorSheet(f *excelize.File, d benchIndicatorData) error {
	var lead []column
	for _, in := range d.Inputs {
		lead = append(lead, column{in.Name, "Dati dell'ente", 16})
	}
	return bn.comparisonSheet(f, compSpec{
		sheet:   d.sheet,
		title:   d.Template.Name,
		formula: d.Template.Formula + ".",
		reading: d.reading,
		lead:    lead,
		leadCells: func(i int) []cellValue {
			out := make([]cellValue, len(d.Inputs))
			ind := d.ByBody[i]
			for j, in := range d.Inputs {
				out[j] = cellValue{nil, bn.valueStyle(in.Unit)}
				if ind == nil {
					continue
				}
				for _, x := range ind.Inputs {
					if x.Name == in.Name {
						out[j].v = x.Value
					}
				}
			}
			return out
		},
		value: d.Template.Name,
		unit:  d.Template.Unit,
		cmp:   d.Compared,
		chart: d.Template.Name + ": valori degli enti e mediana del cluster",
	})
}

// processSheet compares the costo pieno per impresa attiva of processo k
// of the comparison.
func (bn *bench) processSheet(f *excelize.File, k int) error {
	p := &bn.c.Processes[k]
	formula := p.Formula
	if formula == "" {
		formula = "costo pieno del processo ÷ imprese attive"
	}
	reading := "Macro funzione " + p.Macro + ". Il costo pieno comprende la quota dei processi di supporto ribaltata " +
		"sul processo: un valore basso indica un processo che costa meno per impresa attiva."
	return bn.comparisonSheet(f, compSpec{
		sheet:   bn.sheets[k],
		title:   string(p.Code) + " " + p.Name,
		formula: formula + ".",
		reading: reading,
		lead:    []column{{"Imprese attive", "Dati dell'ente", 14}, {"Costo pieno del processo", "Dati dell'ente", 17}},
		leadCells: func(i int) []cellValue {
			b := bn.c.Bodies[i]
			out := []cellValue{{nil, bn.st.integer}, {nil, bn.st.euro}}
			if b.HasImprese {
				out[0].v = b.ImpreseAttive
			}
			if p.Full.OK[i] {
				out[1].v = p.Full.Value[i]
			}
			return out
		},
		value: "Costo pieno per impresa attiva",
		unit:  indicators.UnitEuroPerImpresa,
		cmp:   p.PerImpresa,
		chart: string(p.Code) + ", costo pieno per impresa attiva: valori degli enti e mediana del cluster",
		back:  true,
	})
}

// originText is the short form of a cluster's source, for Sintesi.
func originText(c indicators.ClusterSource) string {
	switch c {
	case indicators.ClusterDeclared:
		return "dichiarato"
	case indicators.ClusterBySize:
		return "da imprese attive"
	}
	return "non classificato"
}

// sintesi writes one row per body with its size, cost and indicators, the
// medians of all bodies, the clusters and the method.
func (bn *bench) sintesi(f *excelize.File) error {
	if err := f.SetSheetName("Sheet1", SheetBenchSintesi); err != nil {
		return err
	}
	s := bn.st.sheetOf(f, SheetBenchSintesi)
	st := bn.st
	folder := 10.0
	for _, b := range bn.c.Bodies {
		folder = max(folder, min(28, float64(len([]rune(b.Name)))+2))
	}
	cols := []column{
		{"Cartella", "", folder}, {"Ente", "", 34}, {"Esercizio", "", 10}, {"Cluster", "", bn.clusterWidth()}, {"Origine del cluster", "", 15},
		{"Imprese attive", "", 12}, {"FTE", "", 11}, {"Oneri correnti", "", 17},
	}
	const firstInd = 9
	for _, d := range bn.compared {
		cols = append(cols, column{d.column, "Indicatori (un foglio ciascuno, con la distribuzione e il grafico)", 15})
	}
	notes := make([]string, len(bn.c.Bodies))
	hasNotes := false
	for i := range bn.c.Bodies {
		notes[i] = bn.sintesiNote(i)
		hasNotes = hasNotes || notes[i] != ""
	}
	if hasNotes {
		cols = append(cols, column{"Note", "", 50})
	}
	last := len(cols)
	width := totalWidth(cols)
	s.widths(widthsOf(cols)...)
	note := "Ogni ente è calcolato per conto suo, con il suo metodo e i suoi dati; qui i suoi indicatori sono messi " +
		"accanto a quelli degli enti della stessa classe dimensionale (cluster) e di tutti gli enti. Ogni indicatore " +
		"ha un foglio con lo stesso nome, con mediana, quartili, posizione e grafico; il foglio Processi porta al " +
		"costo per impresa di ogni processo. Il metodo è in fondo a questo foglio."
	s.titles("Benchmarking: confronto tra gli enti", note, RunInfo{Ente: bn.heading()}, last, width, st)
	s.put(headerBlocks(cols, headerRow, st))
	s.height(headerRow+1, headerHeight(cols))

	row := firstData
	for i, b := range bn.c.Bodies {
		k := bn.c.Of[i]
		s.set(1, row, b.Name, st.code)
		s.set(2, row, bn.labels[i], st.text)
		s.set(3, row, orDash(b.Anno), st.centered)
		s.set(4, row, bn.c.Clusters[k].Name, bn.bs.legend[k])
		s.set(5, row, originText(b.ClusterSource), st.text)
		if b.HasImprese {
			s.set(6, row, b.ImpreseAttive, st.integer)
		} else {
			s.set(6, row, "non disponibile", st.notCalc)
		}
		s.set(7, row, b.FTE, st.fte)
		s.set(8, row, b.OneriCorrenti, st.euro)
		for j, d := range bn.compared {
			if d.OK[i] {
				s.set(firstInd+j, row, d.Value[i], bn.valueStyle(d.Template.Unit))
			} else {
				s.set(firstInd+j, row, "non calcolabile", st.notCalc)
			}
		}
		if hasNotes {
			s.set(last, row, notes[i], st.noteWrap)
			s.height(row, noteHeight(notes[i], cols[last-1].width))
		}
		row++
	}
	s.filter(1, headerRow+1, last, row-1)
	for c := 1; c <= last; c++ {
		s.set(c, row, nil, bn.bs.totalLabel)
	}
	s.merge(1, row, 5, row, "Mediana di tutti gli enti", bn.bs.totalLabel)
	for j, d := range []indicators.Distribution{bn.c.Imprese.All, bn.c.FTE.All, bn.c.Oneri.All} {
		if d.Values > 0 {
			s.set(6+j, row, d.Median, bn.totalStyle([]indicators.Unit{indicators.UnitCount, indicators.UnitFTE, indicators.UnitEuro}[j]))
		}
	}
	for j, d := range bn.compared {
		if d.All.Values > 0 {
			s.set(firstInd+j, row, d.All.Median, bn.totalStyle(d.Template.Unit))
		}
	}
	row += 2

	s.merge(1, row, last, row, "Cluster (classi dimensionali)", st.section)
	row++
	for _, h := range []block{
		{1, row, 2, row, "Cluster", st.headerLeft}, {3, row, 5, row, "Come è definito", st.headerLeft},
		{6, row, 6, row, "Enti", st.header}, {7, row, 8, row, "Imprese attive: da – a", st.header},
	} {
		s.merge(h.c1, h.r1, h.c2, h.r2, h.v, h.style)
	}
	row++
	for k, cl := range bn.c.Clusters {
		s.merge(1, row, 2, row, cl.Name, bn.bs.legend[k])
		s.merge(3, row, 5, row, cl.Definition(), st.textWrap)
		s.set(6, row, len(cl.Members), st.integer)
		if cl.WithImprese > 0 {
			s.set(7, row, cl.MinImprese, st.integer)
			s.set(8, row, cl.MaxImprese, st.integer)
		}
		s.height(row, max(15, textHeight(cl.Definition(), 10+24+15, 11)))
		row++
	}
	row++
	s.merge(1, row, last, row, "Metodo", st.section)
	row++
	for _, text := range []string{
		clusterText(),
		quartileText,
		rankText + " " + unclassifiedText,
		"Gli indicatori sono quelli del file indicatori.xlsx di ciascun ente, con le stesse formule; ogni foglio " +
			"di confronto riporta la formula in alto. Gli importi sono in euro, le incidenze in percentuale.",
	} {
		s.note(row, last, width, text, st.noteWrap)
		row++
	}
	s.freeze(2, titleRows)
	s.print(titleRows)
	return s.err
}

// sintesiNote says why body i is not classified and why its indicators
// that cannot be computed are not, one reason for all that share it.
func (bn *bench) sintesiNote(i int) string {
	b := bn.c.Bodies[i]
	var notes []string
	if b.ClusterSource == indicators.ClusterUnclassified {
		notes = append(notes, "cluster: "+b.ClusterNote)
	}
	var reasons []string
	byReason := make(map[string][]string)
	for _, d := range bn.compared {
		if d.OK[i] {
			continue
		}
		r := d.Reason[i]
		if len(byReason[r]) == 0 {
			reasons = append(reasons, r)
		}
		byReason[r] = append(byReason[r], lowerFirst(d.column))
	}
	for _, r := range reasons {
		notes = append(notes, strings.Join(byReason[r], ", ")+": "+r)
	}
	return strings.Join(notes, "; ")
}

// processIndex lists the processi with the indicators.Distribution of their costo
// pieno per impresa attiva over all bodies, each linked to its sheet.
func (bn *bench) processIndex(f *excelize.File) error {
	if _, err := f.NewSheet(SheetBenchProcessi); err != nil {
		return err
	}
	s := bn.st.sheetOf(f, SheetBenchProcessi)
	st := bn.st
	const group = "Costo pieno per impresa attiva, tra tutti gli enti"
	cols := []column{
		{"Codice", "", 10}, {"Processo (funzione)", "", 64}, {"Macro funzione", "", 37},
		{"Enti con il processo", "", 12}, {"Con valore", "", 11},
		{"Minimo", group, 14}, {"Q1", group, 14}, {"Mediana", group, 14}, {"Q3", group, 14}, {"Massimo", group, 14},
	}
	const firstStat = 6
	var classified []int
	for k, cl := range bn.c.Clusters {
		if !cl.Unclassified {
			classified = append(classified, k)
			cols = append(cols, column{cl.Name, "Mediana per cluster", 14})
		}
	}
	cols = append(cols, column{"Costo pieno: mediana tra gli enti", "", 18})
	last := len(cols)
	width := totalWidth(cols)
	s.widths(widthsOf(cols)...)
	note := "Un foglio per processo confronta il costo pieno per impresa attiva di ogni ente con mediana, quartili e " +
		"posizione nel suo cluster e tra tutti gli enti: fare clic sul codice per aprirlo. I processi di supporto " +
		"(macro funzioni A e B) non hanno un foglio: il loro costo è ribaltato sui processi primari e il loro costo " +
		"pieno è zero. " + vocabularyNote
	s.titles("Processi: costo pieno per impresa attiva", note, RunInfo{Ente: bn.heading()}, last, width, st)
	s.put(headerBlocks(cols, headerRow, st))
	s.height(headerRow+1, headerHeight(cols))
	row := firstData
	for i, p := range bn.c.Processes {
		s.set(3, row, p.Macro, st.text)
		s.set(4, row, p.InMaps, st.integer)
		if p.Support {
			s.set(1, row, string(p.Code), st.code)
			s.set(2, row, p.Name, st.text)
			s.merge(5, row, last, row, "processo di supporto: il costo è ribaltato sui processi primari, nessun foglio di confronto", bn.bs.supportText)
			row++
			continue
		}
		s.set(1, row, string(p.Code), bn.bs.linkCode)
		s.set(2, row, p.Name, bn.bs.link)
		if s.err == nil {
			target := sheetRef(bn.sheets[i]) + "!A1"
			s.fail(f.SetCellHyperLink(SheetBenchProcessi, cell(1, row), target, "Location"))
			s.fail(f.SetCellHyperLink(SheetBenchProcessi, cell(2, row), target, "Location"))
		}
		d := p.PerImpresa.All
		s.set(5, row, d.Values, st.integer)
		if d.Values > 0 {
			for j, v := range []decimal.Decimal{d.Min, d.Q1, d.Median, d.Q3, d.Max} {
				s.set(firstStat+j, row, v, st.euro)
			}
		} else {
			s.merge(firstStat, row, firstStat+4, row, "nessun valore", st.notCalc)
		}
		for j, k := range classified {
			if d := p.PerImpresa.ByCluster[k]; d.Values > 0 {
				s.set(firstStat+5+j, row, d.Median, st.euro)
			}
		}
		if d := p.Full.All; d.Values > 0 {
			s.set(last, row, d.Median, st.euro)
		}
		row++
	}
	s.filter(1, headerRow+1, last, row-1)
	s.freeze(2, titleRows)
	s.print(titleRows)
	return s.err
}

// esecuzioni lists the runs compared: where each body's outputs are and
// how to trace them.
func (bn *bench) esecuzioni(f *excelize.File) error {
	if _, err := f.NewSheet(SheetBenchEsecuzioni); err != nil {
		return err
	}
	s := bn.st.sheetOf(f, SheetBenchEsecuzioni)
	st := bn.st
	cols := []column{
		{"Cartella", "", 16}, {"Ente", "", 34}, {"Esercizio", "", 10}, {"Identificativo dell'esecuzione", "", 20},
		{"Versione di camcost", "", 12}, {"Cluster", "", bn.clusterWidth()}, {"Come è stato ottenuto il cluster", "", 60},
		{"Imprese attive", "", 22},
	}
	last := len(cols)
	width := totalWidth(cols)
	s.widths(widthsOf(cols)...)
	note := "Ogni ente è calcolato per conto suo: i suoi file (costi, conto economico, indicatori, costs.csv, trace.csv) " +
		"sono nella sotto-cartella con il nome della cartella, con il suo manifest.json che riporta gli input, le loro " +
		"impronte SHA-256 e l'identificativo dell'esecuzione."
	s.titles("Esecuzioni confrontate", note, RunInfo{Ente: bn.heading()}, last, width, st)
	s.put(headerBlocks(cols, headerRow, st))
	s.height(headerRow+1, headerHeight(cols))
	row := firstData
	for i, b := range bn.c.Bodies {
		k := bn.c.Of[i]
		s.set(1, row, b.Name, st.code)
		s.set(2, row, bn.labels[i], st.text)
		s.set(3, row, orDash(b.Anno), st.centered)
		s.set(4, row, b.RunID, st.code)
		s.set(5, row, b.Version, st.text)
		s.set(6, row, bn.c.Clusters[k].Name, bn.bs.legend[k])
		s.set(7, row, b.ClusterNote, st.textWrap)
		if b.HasImprese {
			s.set(8, row, b.ImpreseAttive, st.integer)
		} else {
			s.set(8, row, "non disponibile: "+b.ImpreseReason, st.notCalc)
		}
		h := textHeight(b.ClusterNote, cols[6].width, 11)
		if !b.HasImprese {
			h = max(h, textHeight("non disponibile: "+b.ImpreseReason, cols[7].width, 11))
		}
		s.height(row, h)
		row++
	}
	s.filter(1, headerRow+1, last, row-1)
	s.freeze(2, titleRows)
	s.print(titleRows)
	return s.err
}
