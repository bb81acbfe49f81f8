package outputs

import (
	"bytes"
	"math"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"camcost/internal/fixture"
)

// demoBooks writes the costi and indicatori workbooks of the demo, whose
// names are those of the full map.
func demoBooks(t *testing.T) map[string]*excelize.File {
	t.Helper()
	res := demoResult(t)
	info := NewRunInfo(res, "demo")
	out := map[string]*excelize.File{}
	for name, write := range map[string]workbookWriter{CostiWorkbook: WriteCostiWorkbook, IndicWorkbook: WriteIndicatoriWorkbook} {
		var b bytes.Buffer
		if err := write(&b, res, info); err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenReader(&b)
		if err != nil {
			t.Fatal(err)
		}
		out[name] = f
	}
	return out
}

// Text in a table is never cut off: a text longer than its column wraps,
// in a row tall enough for its lines. Widths are in characters of the
// default font (the width of a digit of Calibri 11); text runs about 1.2
// characters a unit, more in a smaller font.
func TestTextFits(t *testing.T) {
	books := demoBooks(t)
	sheets := map[string][]string{
		CostiWorkbook: {SheetSintesi, SheetProcessi, SheetAttivita, SheetPareto, SheetQuadratura},
		IndicWorkbook: {SheetElenco, SheetIndProcessi, SheetCostiUnitari},
	}
	for book, names := range sheets {
		f := books[book]
		for _, sh := range names {
			t.Run(book+"/"+sh, func(t *testing.T) {
				merged, err := f.GetMergeCells(sh)
				if err != nil {
					t.Fatal(err)
				}
				inMerge := map[string]bool{}
				for _, m := range merged {
					inMerge[m.GetStartAxis()] = true
				}
				rows, err := f.GetRows(sh, excelize.Options{RawCellValue: true})
				if err != nil {
					t.Fatal(err)
				}
				bad := 0
				for r := firstData; r <= len(rows); r++ {
					for c, v := range rows[r-1] {
						ref, _ := excelize.CoordinatesToCellName(c+1, r)
						if typ, _ := f.GetCellType(sh, ref); v == "" || inMerge[ref] || typ == excelize.CellTypeNumber || typ == excelize.CellTypeUnset {
							continue
						}
						col, _ := excelize.ColumnNumberToName(c + 1)
						width, _ := f.GetColWidth(sh, col)
						n := float64(utf8.RuneCountInString(v))
						if n <= width*1.1 {
							continue
						}
						sid, _ := f.GetCellStyle(sh, ref)
						st, _ := f.GetStyle(sid)
						wrap := st != nil && st.Alignment != nil && st.Alignment.WrapText
						indent, size := 0.0, 11.0
						if st != nil && st.Alignment != nil {
							indent = 1.5 * float64(st.Alignment.Indent)
						}
						if st != nil && st.Font != nil && st.Font.Size > 0 {
							size = st.Font.Size
						}
						lines := math.Ceil(n / ((width - indent - 1) * 1.2 * 11 / size))
						height, _ := f.GetRowHeight(sh, r)
						if !wrap || height < lines*size*1.2 {
							if bad++; bad <= 3 {
								t.Errorf("%s: %d characters in a column %g wide (wrap %v, %g points for %g lines): %.50s…", ref, int(n), width, wrap, height, lines, v)
							}
						}
					}
				}
				if bad > 3 {
					t.Errorf("and %d more cells cut off", bad-3)
				}
			})
		}
	}
}

// The wide tables print landscape at a readable scale, over as many pages
// as it takes, each page repeating the title rows and the columns that
// name a row; the print area is the table.
func TestWideTablesPrintReadably(t *testing.T) {
	books := demoBooks(t)
	for _, tt := range []struct {
		book, sheet, keep string
	}{
		{CostiWorkbook, SheetAttivita, "$A:$B"},
		{IndicWorkbook, SheetElenco, "$A:$C"},
	} {
		t.Run(tt.sheet, func(t *testing.T) {
			f := books[tt.book]
			layout, err := f.GetPageLayout(tt.sheet)
			if err != nil {
				t.Fatal(err)
			}
			if layout.Orientation == nil || *layout.Orientation != "landscape" {
				t.Errorf("orientation %v, want landscape", layout.Orientation)
			}
			cols, err := f.GetCols(tt.sheet)
			if err != nil {
				t.Fatal(err)
			}
			var total, kept float64
			keepCols := map[string]int{"$A:$B": 2, "$A:$C": 3}[tt.keep]
			for i := range cols {
				name, _ := excelize.ColumnNumberToName(i + 1)
				w, _ := f.GetColWidth(tt.sheet, name)
				total += w
				if i < keepCols {
					kept += w
				}
			}
			pages := 1
			if layout.FitToWidth != nil {
				pages = *layout.FitToWidth
			}
			// An A4 landscape page holds about 148 units at 100%.
			scale := float64(pages) * 148 / (total - kept + float64(pages)*kept)
			if scale < 0.65 {
				t.Errorf("%d pages wide for %g units: printed at %.0f%%", pages, total, 100*scale)
			}
			var titles, area string
			for _, dn := range f.GetDefinedName() {
				if dn.Scope != tt.sheet {
					continue
				}
				switch dn.Name {
				case "_xlnm.Print_Titles":
					titles = dn.RefersTo
				case "_xlnm.Print_Area":
					area = dn.RefersTo
				}
			}
			if !strings.Contains(titles, tt.keep) || !strings.Contains(titles, "$1:$5") {
				t.Errorf("print titles %q, want columns %s and rows 1-5", titles, tt.keep)
			}
			last, _ := excelize.ColumnNumberToName(len(cols))
			rows, _ := f.GetRows(tt.sheet)
			if want := "$A$1:$" + last + "$"; !strings.Contains(area, want) || !strings.HasSuffix(area, "$"+strconv.Itoa(len(rows))) {
				t.Errorf("print area %q, want %s%d", area, want, len(rows))
			}
		})
	}
}

// Every row of the stage 4 rules in Metodo names its servizi, the row of
// the FTE registrati sulle attività too.
func TestMetodoNamesTheServiziOfEveryRule(t *testing.T) {
	res := fixture.Result(t)
	b := openBook(t, writeBook(t, WriteCostiWorkbook, res))
	counts := map[string]int{}
	for _, r := range res.Rules {
		counts[r.Rule.String()]++
	}
	seen := 0
	for _, row := range b.cells(SheetMetodo) {
		if len(row) < 3 || counts[row[0].value] == 0 {
			continue
		}
		seen++
		if len(row) < 4 || row[3].value == "" {
			t.Errorf("Metodo row %q (%d servizi) names none", row[0].value, counts[row[0].value])
		}
	}
	if seen == 0 {
		t.Fatal("no rule row found in Metodo")
	}
}
