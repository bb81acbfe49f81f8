package outputs

import (
	"fmt"
	"io"
	"math"
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"camcost/internal/detzip"
	"camcost/model"
)

// This file holds what the three workbooks share: fixed document
// properties and stable bytes, the styles, and small helpers to lay out
// sheets, written cell by cell (sheet) or streamed (streamSheet).

// Number formats. Format codes are stored in the en-US syntax of OOXML and
// shown with the reader's separators; [$€-410] is the euro sign of the
// Italian locale.
const (
	fmtEuro     = `#,##0.00 [$€-410];-#,##0.00 [$€-410]`
	fmtEuroDash = `#,##0.00 [$€-410];-#,##0.00 [$€-410];"–"`
	fmtEuroRed  = `#,##0.00 [$€-410];[Red]-#,##0.00 [$€-410]`
	fmtFTE      = `#,##0.00`
	fmtFTEDash  = `#,##0.00;-#,##0.00;"–"`
	fmtFTE4     = `#,##0.00##` // two to four decimals, for small ratios
	fmtPct      = `0.0%`
	fmtInt      = `#,##0`
	fmtNumber   = `#,##0.####`
)

// Colours of the workbooks.
const (
	colHeader   = "1F4E79" // header fill
	colMacro    = "DDEBF7" // macro funzione rows
	colTema     = "F2F7FC" // tema rows
	colTotal    = "E7E6E6" // total rows
	colOK       = "C6EFCE" // reconciled
	colOKText   = "006100"
	colBad      = "FFC7CE" // not reconciled
	colBadText  = "9C0006"
	colNote     = "595959"
	colSection  = "D9E1F2"
	colChartBar = "2E75B6"
	colChartAlt = "A5A5A5"
	colChartRed = "C00000"
)

// docProps fixes the document properties: nothing in them depends on the
// clock, so two runs of the same inputs give the same bytes.
func docProps(f *excelize.File, title, subject string, info RunInfo) error {
	return f.SetDocProps(&excelize.DocProperties{
		Title:          title,
		Subject:        subject,
		Creator:        "camcost",
		LastModifiedBy: "camcost",
		Description:    fmt.Sprintf("%s. Esecuzione %s, camcost %s.", subject, info.RunID, info.Version),
		Keywords:       "camcost; costi dei processi; " + info.RunID,
		Category:       "Controllo di gestione",
		Language:       "it-IT",
		Version:        info.Version,
		Created:        docDate(info.Anno),
		Modified:       docDate(info.Anno),
	})
}

var yearRE = regexp.MustCompile(`^(19|20)\d\d$`)

// docDate is the date the properties record: the last day of the year the
// figures describe, or a fixed date when the year is unknown.
func docDate(anno string) string {
	if yearRE.MatchString(strings.TrimSpace(anno)) {
		return strings.TrimSpace(anno) + "-12-31T00:00:00Z"
	}
	return "2000-01-01T00:00:00Z"
}

// newWorkbook starts a workbook whose bytes depend on its content only
// (detzip writes the parts in name order: excelize writes the sheets of
// stream writers from a map; saveWorkbook sorts the content types) and
// creates its styles. The workbook saves through a splicer (fastrows.go),
// which encodes the rows of its sheets.
func newWorkbook(title, subject string, info RunInfo) (*excelize.File, *styles, error) {
	f := excelize.NewFile()
	var sp *splicer
	if plainWorkbooks {
		f.SetZipWriter(detzip.New)
	} else {
		sp = new(splicer).install(f)
	}
	if err := docProps(f, title, subject, info); err != nil {
		f.Close()
		return nil, nil, err
	}
	st, err := newStyles(f)
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	st.sp = sp
	return f, st, nil
}

// plainWorkbooks makes newWorkbook leave every row to excelize, as before
// the splicer: the tests compare both ways.
var plainWorkbooks bool

// sheetStep writes one sheet of a workbook; the first renames Sheet1.
type sheetStep struct {
	name  string
	write func(*excelize.File) error
}

// writeSheets writes the sheets in order and saves the workbook to w,
// opening on its first sheet.
func writeSheets(f *excelize.File, w io.Writer, steps ...sheetStep) error {
	for _, s := range steps {
		if err := s.write(f); err != nil {
			f.Close()
			return fmt.Errorf("foglio %s: %w", s.name, err)
		}
	}
	// A new workbook opens on its first sheet already; SetActiveSheet
	// would read every stream-written sheet back to mark it.
	return saveWorkbook(f, w)
}

// saveWorkbook writes f to w and releases it. The <Default> entries of
// [Content_Types].xml are sorted first: excelize adds those of the image
// types from a map when a sheet gets a drawing (a chart), so their order
// would change from one save to the next.
//
// The zip writer writes straight to w: excelize would have it write the
// whole archive into a buffer of its own and copy that to w, a megabyte of
// fresh memory for the largest workbook. The buffer stays empty.
func saveWorkbook(f *excelize.File, w io.Writer) error {
	defer f.Close()
	if ct := f.ContentTypes; ct != nil {
		d := ct.Defaults
		sort.SliceStable(d, func(i, j int) bool { return d[i].Extension < d[j].Extension })
	}
	if zw := f.ZipWriter; zw != nil {
		f.ZipWriter = func(io.Writer) excelize.ZipWriter { return zw(w) }
	}
	return f.Write(w)
}

// styles are the cell styles of a workbook, created once per file.
type styles struct {
	title, subtitle, note, noteWrap, section, sectionLeft int
	header, headerGroup, headerLeft, headerNote           int

	text, textWrap, textBold, code  int
	textWrapPad                     int // wrapped, kept off a number on its left
	euro, euroDash, euroRed         int
	euroRedBold, euroRedTotal       int
	fte, fteDash, fte4              int
	integer, number                 int
	pct                             int
	notCalc                         int
	ok, bad, okBig, badBig, euroBad int
	integerLeft, centered           int

	totalText, totalEuro, totalFTE, totalPct int

	// ABC classes of the Pareto analysis.
	classes map[string]int

	// Rows of the process tree by level: code, name (indented), plain
	// text, euro and FTE cells.
	level map[model.Level]levelStyles

	// sp encodes the rows of the workbook's sheets.
	sp *splicer
}

type levelStyles struct {
	code, name, text, euro, fte int
}

func newStyles(f *excelize.File) (*styles, error) {
	var firstErr error
	mk := func(s *excelize.Style) int {
		id, err := f.NewStyle(s)
		if err != nil && firstErr == nil {
			firstErr = err
		}
		return id
	}
	numFmt := func(code string) *string { return &code }
	top := []excelize.Border{{Type: "top", Color: "000000", Style: 1}}
	topBottom := []excelize.Border{{Type: "top", Color: "000000", Style: 1}, {Type: "bottom", Color: "000000", Style: 6}}
	thin := []excelize.Border{
		{Type: "left", Color: "BFBFBF", Style: 1}, {Type: "right", Color: "BFBFBF", Style: 1},
		{Type: "top", Color: "BFBFBF", Style: 1}, {Type: "bottom", Color: "BFBFBF", Style: 1},
	}
	bold := &excelize.Font{Bold: true}
	wrapTop := &excelize.Alignment{WrapText: true, Vertical: "top"}
	vtop := &excelize.Alignment{Vertical: "top"}

	s := &styles{level: make(map[model.Level]levelStyles), classes: make(map[string]int)}
	s.title = mk(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14, Color: colHeader}})
	s.subtitle = mk(&excelize.Style{Font: &excelize.Font{Size: 11, Color: colNote}})
	s.note = mk(&excelize.Style{Font: &excelize.Font{Italic: true, Size: 9, Color: colNote}})
	s.noteWrap = mk(&excelize.Style{Font: &excelize.Font{Italic: true, Size: 9, Color: colNote}, Alignment: wrapTop})
	s.section = mk(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 12, Color: colHeader}, Fill: solid(colSection)})
	s.sectionLeft = mk(&excelize.Style{Font: &excelize.Font{Bold: true, Color: colHeader}, Border: []excelize.Border{{Type: "bottom", Color: colHeader, Style: 2}}})
	s.header = mk(&excelize.Style{
		Font: &excelize.Font{Bold: true, Color: "FFFFFF"}, Fill: solid(colHeader),
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "center", Horizontal: "center"},
		Border:    []excelize.Border{{Type: "left", Color: "FFFFFF", Style: 1}, {Type: "right", Color: "FFFFFF", Style: 1}},
	})
	s.headerGroup = mk(&excelize.Style{
		Font: &excelize.Font{Bold: true, Color: colHeader}, Fill: solid(colSection),
		Alignment: &excelize.Alignment{Vertical: "center", Horizontal: "center"},
		Border:    []excelize.Border{{Type: "left", Color: "FFFFFF", Style: 1}, {Type: "right", Color: "FFFFFF", Style: 1}},
	})
	s.headerLeft = mk(&excelize.Style{
		Font: &excelize.Font{Bold: true, Color: "FFFFFF"}, Fill: solid(colHeader),
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "center", Horizontal: "left"},
	})
	s.headerNote = mk(&excelize.Style{
		Font: &excelize.Font{Italic: true, Size: 8, Color: colNote}, Fill: solid(colSection),
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "top", Horizontal: "center"},
	})
	s.text = mk(&excelize.Style{Alignment: &excelize.Alignment{Vertical: "top"}})
	s.textWrap = mk(&excelize.Style{Alignment: wrapTop})
	s.textWrapPad = mk(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top", Horizontal: "left", Indent: 1}})
	s.textBold = mk(&excelize.Style{Font: bold, Alignment: &excelize.Alignment{Vertical: "top"}})
	s.code = mk(&excelize.Style{Font: &excelize.Font{Family: "Consolas", Size: 10}, Alignment: &excelize.Alignment{Vertical: "top"}})
	s.euro = mk(&excelize.Style{Alignment: vtop, CustomNumFmt: numFmt(fmtEuro)})
	s.euroDash = mk(&excelize.Style{Alignment: vtop, CustomNumFmt: numFmt(fmtEuroDash)})
	s.euroRed = mk(&excelize.Style{Alignment: vtop, CustomNumFmt: numFmt(fmtEuroRed)})
	s.euroRedBold = mk(&excelize.Style{CustomNumFmt: numFmt(fmtEuroRed), Font: bold, Border: top})
	s.euroRedTotal = mk(&excelize.Style{CustomNumFmt: numFmt(fmtEuroRed), Font: bold, Fill: solid(colTotal), Border: topBottom})
	s.fte = mk(&excelize.Style{Alignment: vtop, CustomNumFmt: numFmt(fmtFTE)})
	s.fteDash = mk(&excelize.Style{Alignment: vtop, CustomNumFmt: numFmt(fmtFTEDash)})
	s.fte4 = mk(&excelize.Style{Alignment: vtop, CustomNumFmt: numFmt(fmtFTE4)})
	s.integerLeft = mk(&excelize.Style{Alignment: &excelize.Alignment{Vertical: "top", Horizontal: "left"}, CustomNumFmt: numFmt(fmtInt)})
	s.centered = mk(&excelize.Style{Alignment: &excelize.Alignment{Vertical: "top", Horizontal: "center"}})
	s.integer = mk(&excelize.Style{Alignment: vtop, CustomNumFmt: numFmt(fmtInt)})
	s.number = mk(&excelize.Style{Alignment: vtop, CustomNumFmt: numFmt(fmtNumber)})
	s.pct = mk(&excelize.Style{Alignment: vtop, CustomNumFmt: numFmt(fmtPct)})
	s.notCalc = mk(&excelize.Style{Font: &excelize.Font{Italic: true, Color: colNote}, Alignment: wrapTop})
	s.ok = mk(&excelize.Style{Font: &excelize.Font{Bold: true, Color: colOKText}, Fill: solid(colOK), Border: thin,
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}})
	s.bad = mk(&excelize.Style{Font: &excelize.Font{Bold: true, Color: colBadText}, Fill: solid(colBad), Border: thin,
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}})
	s.euroBad = mk(&excelize.Style{Font: &excelize.Font{Bold: true, Color: colBadText}, Fill: solid(colBad), Border: thin, CustomNumFmt: numFmt(fmtEuro)})
	s.okBig = mk(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 13, Color: colOKText}, Fill: solid(colOK), Border: thin,
		Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "center", WrapText: true}})
	s.badBig = mk(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 13, Color: colBadText}, Fill: solid(colBad), Border: thin,
		Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "center", WrapText: true}})
	s.totalText = mk(&excelize.Style{Font: bold, Fill: solid(colTotal), Border: topBottom})
	s.totalEuro = mk(&excelize.Style{Font: bold, Fill: solid(colTotal), Border: topBottom, CustomNumFmt: numFmt(fmtEuro)})
	s.totalFTE = mk(&excelize.Style{Font: bold, Fill: solid(colTotal), Border: topBottom, CustomNumFmt: numFmt(fmtFTE)})
	s.totalPct = mk(&excelize.Style{Font: bold, Fill: solid(colTotal), Border: topBottom, CustomNumFmt: numFmt(fmtPct)})

	for _, c := range [][3]string{{"A", colChartBar, "FFFFFF"}, {"B", "9DC3E6", "000000"}, {"C", colMacro, "000000"}} {
		class, bg, color := c[0], c[1], c[2]
		s.classes[class] = mk(&excelize.Style{Font: &excelize.Font{Bold: true, Color: color}, Fill: solid(bg),
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top"}})
	}
	for l := model.LevelMacro; l <= model.LevelAttivita; l++ {
		var font *excelize.Font
		var bg excelize.Fill
		switch l {
		case model.LevelMacro:
			font, bg = &excelize.Font{Bold: true, Color: colHeader}, solid(colMacro)
		case model.LevelTema:
			font, bg = &excelize.Font{Bold: true}, solid(colTema)
		case model.LevelAttivita:
			font = &excelize.Font{Color: "404040"}
		}
		codeFont := &excelize.Font{Family: "Consolas", Size: 10}
		if font != nil {
			codeFont.Bold, codeFont.Color = font.Bold, font.Color
		}
		s.level[l] = levelStyles{
			code: mk(&excelize.Style{Font: codeFont, Fill: bg}),
			name: mk(&excelize.Style{Font: font, Fill: bg, Alignment: &excelize.Alignment{Indent: nameIndent(l), WrapText: true, Vertical: "top"}}),
			text: mk(&excelize.Style{Font: font, Fill: bg}),
			euro: mk(&excelize.Style{Font: font, Fill: bg, CustomNumFmt: numFmt(fmtEuroDash)}),
			fte:  mk(&excelize.Style{Font: font, Fill: bg, CustomNumFmt: numFmt(fmtFTEDash)}),
		}
	}
	return s, firstErr
}

// nameIndent is the indent of the name of a node of level l in the tree.
func nameIndent(l model.Level) int { return 2 * int(l-model.LevelMacro) }

// nameWidth is the width left to the name of a node of level l in a
// column of width w, after its indent.
func nameWidth(l model.Level, w float64) float64 { return w - 1.5*float64(nameIndent(l)) }

// textHeight estimates the height, in points, of a row whose cell holds
// text wrapped in a column of the given width (in characters of the
// default font); size is the font size. Spreadsheets do not grow rows to
// fit wrapped text written by a program, so the layout must.
func textHeight(text string, width, size float64) float64 {
	perLine := int(width * 1.2 * 11 / size)
	lines := 0
	for {
		// The paragraphs of strings.Split(text, "\n"), without its slice.
		para, rest, more := strings.Cut(text, "\n")
		n := utf8.RuneCountInString(para)
		lines += max(1, (n+perLine-1)/perLine)
		if !more {
			break
		}
		text = rest
	}
	return float64(lines)*size*1.35 + 3
}

// rowHeight is the height of a row whose cells hold texts wrapped in
// columns of the given widths (texts[i] in widths[i]): the height of the
// tallest, or 0, the default height, when every text fits on one line.
func rowHeight(texts []string, widths []float64) float64 {
	h, one := 0.0, textHeight("", 1, 11)
	for i, t := range texts {
		// A cell keeps a little padding on each side.
		if th := textHeight(t, max(1, widths[i]-1), 11); th > one {
			h = max(h, th)
		}
	}
	return h
}

// noteHeight is the height of a row holding a note (9 points, wrapped)
// across columns of the given total width.
func noteHeight(note string, width float64) float64 {
	return max(15, textHeight(note, width, 9))
}

// totalWidth adds the widths of columns.
func totalWidth(cols []column) float64 { return sum(widthsOf(cols)) }

func sum(ws []float64) float64 {
	var t float64
	for _, w := range ws {
		t += w
	}
	return t
}

// num turns an exact amount into the number a cell stores. Spreadsheets
// hold doubles; amounts to the cent of any realistic size are exact to the
// cent as doubles.
func num(d decimal.Decimal) float64 { return d.InexactFloat64() }

// cell names a cell by column and row, both from 1.
func cell(col, row int) string {
	name, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		panic(err) // col and row come from our own layout, never from input
	}
	return name
}

// colName names a column, from 1.
func colName(col int) string {
	name, err := excelize.ColumnNumberToName(col)
	if err != nil {
		panic(err)
	}
	return name
}

// sheetRef quotes a sheet name for a formula or a chart reference.
func sheetRef(sheet string) string {
	return "'" + strings.ReplaceAll(sheet, "'", "''") + "'"
}

// absRange is an absolute reference to a block of cells of sheet.
func absRange(sheet string, col1, row1, col2, row2 int) string {
	return fmt.Sprintf("%s!$%s$%d:$%s$%d", sheetRef(sheet), colName(col1), row1, colName(col2), row2)
}

// sheet writes cells of one sheet through the random-access API, keeping
// the first error so that layout code reads as a list of cells. With an
// overlay, it keeps the numbers and styles of the cells itself
// (overlay.go).
type sheet struct {
	f    *excelize.File
	name string
	err  error
	ov   *overlay
	sp   *splicer // of the overlay, nil without
}

// sheetOf is the sheet named name of f, a workbook whose styles are st,
// with an overlay when the workbook has a splicer.
func (st *styles) sheetOf(f *excelize.File, name string) *sheet {
	s := &sheet{f: f, name: name, sp: st.sp}
	if st.sp != nil {
		s.ov = st.sp.overlayOf(name)
	}
	return s
}

func (s *sheet) fail(err error) {
	if err != nil && s.err == nil {
		s.err = fmt.Errorf("foglio %q: %w", s.name, err)
	}
}

// set writes a value with a style; decimals become numbers.
func (s *sheet) set(col, row int, v any, style int) {
	if s.err != nil {
		return
	}
	if s.ov != nil {
		if text, ok := v.(string); ok {
			if i, ok := s.sp.textIndex(s.f, text); ok {
				s.ov.setText(col, row, i)
				v = nil
			}
		}
		if v != nil && !s.ov.setValue(col, row, v) {
			s.fail(s.f.SetCellValue(s.name, cell(col, row), v))
		}
		if style != 0 {
			s.ov.setStyle(col, row, col, row, style)
		}
		return
	}
	if d, ok := v.(decimal.Decimal); ok {
		v = num(d)
	}
	ref := cell(col, row)
	if v != nil {
		s.fail(s.f.SetCellValue(s.name, ref, v))
	}
	if style != 0 {
		s.fail(s.f.SetCellStyle(s.name, ref, ref, style))
	}
}

// style applies a style to a block.
func (s *sheet) style(col1, row1, col2, row2, style int) {
	switch {
	case s.err != nil:
	case s.ov != nil:
		s.ov.setStyle(col1, row1, col2, row2, style)
	default:
		s.fail(s.f.SetCellStyle(s.name, cell(col1, row1), cell(col2, row2), style))
	}
}

// merge merges a block and writes v with style in it.
func (s *sheet) merge(col1, row1, col2, row2 int, v any, style int) {
	s.set(col1, row1, v, style)
	s.style(col1, row1, col2, row2, style)
	if s.err == nil && (col1 != col2 || row1 != row2) {
		s.fail(s.f.MergeCell(s.name, cell(col1, row1), cell(col2, row2)))
		if s.ov != nil {
			s.ov.merged(col1, row1, col2, row2)
		}
	}
}

// widthsOf lists the widths of columns.
func widthsOf(cols []column) []float64 {
	out := make([]float64, len(cols))
	for i, c := range cols {
		out[i] = c.width
	}
	return out
}

// widths sets the widths of the columns from 1 on.
func (s *sheet) widths(w ...float64) {
	for i, x := range w {
		if s.err == nil {
			c := colName(i + 1)
			s.fail(s.f.SetColWidth(s.name, c, c, x))
		}
	}
}

func (s *sheet) height(row int, h float64) {
	if s.err == nil {
		s.fail(s.f.SetRowHeight(s.name, row, h))
	}
}

// freeze keeps the first rows and columns in view.
func (s *sheet) freeze(cols, rows int) {
	if s.err == nil {
		s.fail(s.f.SetPanes(s.name, freezePanes(cols, rows)))
	}
}

func freezePanes(cols, rows int) *excelize.Panes {
	pane := "bottomRight"
	switch {
	case cols == 0:
		pane = "bottomLeft"
	case rows == 0:
		pane = "topRight"
	}
	tl := cell(cols+1, rows+1)
	return &excelize.Panes{
		Freeze: true, XSplit: cols, YSplit: rows, TopLeftCell: tl, ActivePane: pane,
		Selection: []excelize.Selection{{SQRef: tl, ActiveCell: tl, Pane: pane}},
	}
}

// filter puts an autofilter on a table whose header is at row.
func (s *sheet) filter(col1, row1, col2, row2 int) {
	if s.err == nil {
		s.fail(s.f.AutoFilter(s.name, cell(col1, row1)+":"+cell(col2, row2), nil))
	}
}

// print sets landscape A4, fit to one page wide, the title rows repeated
// on every page and a footer with the page number. Call it after filter,
// which replaces the sheet properties.
func (s *sheet) print(titleRows int) {
	if s.err != nil {
		return
	}
	s.fail(printSetup(s.f, s.name, titleRows))
	s.fail(s.f.SetSheetProps(s.name, &excelize.SheetPropsOptions{FitToPage: ptr(true)}))
}

// The width, in column units of the default font, that an A4 landscape
// page holds between the margins of printSetup at 100%, and the smallest
// scale a wide table is printed at: below it a figure is too small to read.
const (
	pageWidth     = 148.0
	minPrintScale = 0.7
)

// printPages is how many pages wide a table of the given columns prints
// at minPrintScale or more, when each page repeats its first keep columns.
func printPages(cols []column, keep int) int {
	total, kept := totalWidth(cols), totalWidth(cols[:keep])
	per := pageWidth/minPrintScale - kept
	return max(1, int(math.Ceil((total-kept)/per)))
}

// printWide sets up a table too wide for one page: it spreads over as many
// pages as it takes to print at a readable scale, each page repeating the
// title rows and the first keep columns (the code and the name of a row),
// and the print area is the table, from A1 to the last column of lastRow.
func printWide(f *excelize.File, name string, cols []column, keep, titleRows, lastRow int) error {
	if err := printSetup(f, name, 0); err != nil {
		return err
	}
	if err := f.SetPageLayout(name, &excelize.PageLayoutOptions{FitToWidth: ptr(printPages(cols, keep))}); err != nil {
		return err
	}
	ref := sheetRef(name)
	if err := f.SetDefinedName(&excelize.DefinedName{
		Name: "_xlnm.Print_Titles", RefersTo: fmt.Sprintf("%s!$A:$%s,%s!$1:$%d", ref, colName(keep), ref, titleRows), Scope: name,
	}); err != nil {
		return err
	}
	return f.SetDefinedName(&excelize.DefinedName{
		Name: "_xlnm.Print_Area", RefersTo: fmt.Sprintf("%s!$A$1:$%s$%d", ref, colName(len(cols)), lastRow), Scope: name,
	})
}

// printSetup sets what every printed sheet shares; stream sheets call it
// too, and set their sheet properties before their first row.
func printSetup(f *excelize.File, name string, titleRows int) error {
	if err := f.SetPageLayout(name, &excelize.PageLayoutOptions{
		Size: ptr(9), Orientation: ptr("landscape"), FitToWidth: ptr(1), FitToHeight: ptr(0),
	}); err != nil {
		return err
	}
	if err := f.SetPageMargins(name, &excelize.PageLayoutMarginsOptions{
		Left: ptr(0.4), Right: ptr(0.4), Top: ptr(0.6), Bottom: ptr(0.6), Header: ptr(0.3), Footer: ptr(0.3),
	}); err != nil {
		return err
	}
	if err := f.SetHeaderFooter(name, &excelize.HeaderFooterOptions{
		OddFooter: "&L&8&F – &A&R&8Pagina &P di &N",
	}); err != nil {
		return err
	}
	if titleRows > 0 {
		return f.SetDefinedName(&excelize.DefinedName{
			Name: "_xlnm.Print_Titles", RefersTo: fmt.Sprintf("%s!$1:$%d", sheetRef(name), titleRows), Scope: name,
		})
	}
	return nil
}

func ptr[T any](v T) *T { return &v }

// heading is the second line of every sheet: the body and the year.
func heading(info RunInfo) string {
	h := info.Ente
	if info.Anno != "" {
		h += " – esercizio " + info.Anno
	}
	return h
}

// levelLabel names a level with the word the map's export uses for it.
func levelLabel(l model.Level) string {
	switch l {
	case model.LevelTema:
		return "Tema (macroprocesso)"
	case model.LevelFunzione:
		return "Funzione (processo)"
	case model.LevelServizio:
		return "Servizio (sottoprocesso)"
	case model.LevelAttivita:
		return "Attività (azione)"
	}
	return l.Label()
}

// vocabularyNote explains the words of the map; every sheet that speaks of
// processi carries it.
const vocabularyNote = "Livelli della mappa: macro funzione > tema (macroprocesso) > funzione (processo) > " +
	"servizio (sottoprocesso) > attività (azione). I «processi» sono le funzioni ordinarie della mappa " +
	"(esclusi i nodi di coordinamento e di formazione)."

// nodeLabel is "code name".
func nodeLabel(n model.Node) string { return string(n.Code) + " " + n.Name }

// column describes a column of a table: its header, the group header above
// it ("" for none: the header then spans both header rows) and its width.
type column struct {
	header string
	group  string
	width  float64
}

// block is a cell, or a merged range when it spans more than one cell.
type block struct {
	c1, r1, c2, r2 int
	v              any
	style          int
}

// headerBlocks lays out the two header rows of a table starting at row:
// group headers over consecutive columns sharing a group, column headers
// below them; ungrouped headers span both rows.
func headerBlocks(cols []column, row int, st *styles) []block {
	var out []block
	for i := 0; i < len(cols); {
		c := cols[i]
		if c.group == "" {
			out = append(out, block{i + 1, row, i + 1, row + 1, c.header, st.header})
			i++
			continue
		}
		j := i
		for j+1 < len(cols) && cols[j+1].group == c.group {
			j++
		}
		out = append(out, block{i + 1, row, j + 1, row, c.group, st.headerGroup})
		for k := i; k <= j; k++ {
			out = append(out, block{k + 1, row + 1, k + 1, row + 1, cols[k].header, st.header})
		}
		i = j + 1
	}
	return out
}

// titleBlocks are the first three rows of a sheet: title, body and year,
// and a note across the table's width.
func titleBlocks(title, note string, info RunInfo, width int, st *styles) []block {
	out := []block{
		{1, 1, 1, 1, title, st.title},
		{1, 2, 1, 2, heading(info), st.subtitle},
	}
	if note != "" {
		out = append(out, block{1, 3, width, 3, note, st.noteWrap})
	}
	return out
}

// note writes a note across columns 1 to lastCol of row (of total width
// width) and gives the row the height its wrapped text needs.
func (s *sheet) note(row, lastCol int, width float64, text string, style int) {
	s.merge(1, row, lastCol, row, text, style)
	s.height(row, noteHeight(text, width))
}

// titles writes the first rows of a sheet (titleBlocks) with the note
// across columns 1 to lastCol, of total width width.
func (s *sheet) titles(title, note string, info RunInfo, lastCol int, width float64, st *styles) {
	s.put(titleBlocks(title, note, info, lastCol, st))
	if note != "" {
		s.height(3, noteHeight(note, width))
	}
}

// put writes blocks on a random-access sheet.
func (s *sheet) put(bs []block) {
	for _, b := range bs {
		s.merge(b.c1, b.r1, b.c2, b.r2, b.v, b.style)
	}
}

// streamSheet writes a sheet row by row through excelize's StreamWriter or,
// when the workbook has a splicer, through appendRow.
type streamSheet struct {
	f    *excelize.File
	sw   *excelize.StreamWriter
	name string
	cols int
	sp   *splicer // nil: every row through SetRow
	run  []byte   // rows encoded by appendRow, not yet placed
	at   int      // the row of the first of them
}

// newStreamSheet adds a sheet and prepares it for streaming: sheet
// properties (fit to page, outline summaries above their details) must be
// set before the stream starts, widths and panes before the first row.
// With a splicer (nil for none), rows are encoded by appendRow.
func newStreamSheet(f *excelize.File, sp *splicer, name string, cols []column, freezeCols, freezeRows int) (*streamSheet, error) {
	if _, err := f.NewSheet(name); err != nil {
		return nil, err
	}
	if err := f.SetSheetProps(name, &excelize.SheetPropsOptions{FitToPage: ptr(true), OutlineSummaryBelow: ptr(false)}); err != nil {
		return nil, err
	}
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return nil, err
	}
	for i, c := range cols {
		if err := sw.SetColWidth(i+1, i+1, c.width); err != nil {
			return nil, err
		}
	}
	if err := sw.SetPanes(freezePanes(freezeCols, freezeRows)); err != nil {
		return nil, err
	}
	return &streamSheet{f: f, sw: sw, name: name, cols: len(cols), sp: sp}, nil
}

// blocks writes rows made of blocks (which must cover rows in order, and
// come before any row written with row) and merges the ranges.
func (s *streamSheet) blocks(bs []block, heights map[int]float64) error {
	rows := make(map[int][]any)
	var order []int
	for _, b := range bs {
		for r := b.r1; r <= b.r2; r++ {
			if rows[r] == nil {
				rows[r] = make([]any, s.cols)
				order = append(order, r)
			}
			for c := b.c1; c <= b.c2; c++ {
				cl := excelize.Cell{StyleID: b.style}
				if r == b.r1 && c == b.c1 {
					cl.Value = b.v
				}
				rows[r][c-1] = cl
			}
		}
		if b.c1 != b.c2 || b.r1 != b.r2 {
			if err := s.sw.MergeCell(cell(b.c1, b.r1), cell(b.c2, b.r2)); err != nil {
				return err
			}
		}
	}
	slices.Sort(order)
	for _, r := range order {
		if err := s.row(r, rows[r], excelize.RowOpts{Height: heights[r]}); err != nil {
			return err
		}
	}
	return nil
}

// row writes one row; decimals in cells become numbers.
func (s *streamSheet) row(r int, cells []any, opts excelize.RowOpts) error {
	if s.sp != nil {
		if s.run == nil {
			s.run = getBuf()
		}
		if b, ok := appendRow(s.run, r, cells, opts); ok {
			if len(s.run) == 0 {
				s.at = r
			}
			s.run = b
			return s.placeFull()
		}
		slowParts.Add(1)
		if err := s.place(); err != nil {
			return err
		}
	}
	for i, c := range cells {
		if cl, ok := c.(excelize.Cell); ok {
			if d, ok := cl.Value.(decimal.Decimal); ok {
				cl.Value = num(d)
				cells[i] = cl
			}
		}
	}
	return s.sw.SetRow(cell(1, r), cells, opts)
}

// cells writes one row of typed cells, as row writes the same cells as
// excelize.Cell values (tcell.any).
func (s *streamSheet) cells(r int, cells []tcell, opts excelize.RowOpts) error {
	if s.sp != nil {
		if s.run == nil {
			s.run = getBuf()
		}
		if b, ok := appendTypedRow(s.run, r, cells, opts); ok {
			if len(s.run) == 0 {
				s.at = r
			}
			s.run = b
			return s.placeFull()
		}
	}
	row := make([]any, len(cells))
	for i, c := range cells {
		row[i] = c.any()
	}
	return s.row(r, row, opts)
}

// runChunk is how many bytes of encoded rows a run holds before it is
// placed: a sheet's rows go into buffers of getBuf's size instead of one
// buffer grown by doubling, which would touch (and copy) twice the memory.
// A few placeholders more per sheet cost nothing.
const runChunk = 56 << 10

// placeFull places the run once it has reached runChunk bytes.
func (s *streamSheet) placeFull() error {
	if len(s.run) < runChunk {
		return nil
	}
	return s.place()
}

// place hands the encoded rows to the splicer and writes their
// placeholder in the stream.
func (s *streamSheet) place() error {
	if len(s.run) == 0 {
		return nil
	}
	token := s.sp.add(s.at, s.run) // the splicer gives the buffer back
	s.run = nil
	return s.sw.SetRow(cell(1, s.at), []any{token})
}

// finish puts a filter on the table, sets printing and flushes the stream.
func (s *streamSheet) finish(filterFrom, filterTo string, titleRows int) error {
	if err := s.place(); err != nil {
		return err
	}
	if filterFrom != "" {
		if err := s.f.AutoFilter(s.name, filterFrom+":"+filterTo, nil); err != nil {
			return err
		}
	}
	if err := printSetup(s.f, s.name, titleRows); err != nil {
		return err
	}
	return s.sw.Flush()
}

// finishWide is finish for a table too wide for one page (printWide),
// whose last row is lastRow.
func (s *streamSheet) finishWide(filterFrom, filterTo string, cols []column, keep, titleRows, lastRow int) error {
	if err := s.place(); err != nil {
		return err
	}
	if filterFrom != "" {
		if err := s.f.AutoFilter(s.name, filterFrom+":"+filterTo, nil); err != nil {
			return err
		}
	}
	if err := printWide(s.f, s.name, cols, keep, titleRows, lastRow); err != nil {
		return err
	}
	return s.sw.Flush()
}

// solid is a fill of one colour, for cells and charts.
func solid(color string) excelize.Fill {
	return excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{color}}
}

// axisFont is the font of chart axis labels: dark enough to read.
var axisFont = excelize.Font{Size: 9, Color: "404040"}

func chartTitle(s string) excelize.ChartTitle {
	return excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: s, Font: &excelize.Font{Bold: true, Size: 12, Color: colHeader}}}}
}
