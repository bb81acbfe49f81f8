package outputs

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"flag"
	"fmt"
	"html"
	"io"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

var update = flag.Bool("update", false, "rewrite the golden files of testdata")

// book is a workbook read back for tests.
type book struct {
	t     testing.TB
	f     *excelize.File
	parts map[string][]byte
}

func openBook(t testing.TB, data []byte) *book {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatalf("workbook not readable: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	parts := make(map[string][]byte)
	for _, zf := range zr.File {
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		parts[zf.Name] = b
	}
	return &book{t: t, f: f, parts: parts}
}

// bookCell is a stored cell: its raw value, its type and, for numbers,
// its number format.
type bookCell struct {
	ref, value string
	numeric    bool
	format     string
}

// cells returns the non-empty cells of a sheet by row, in order.
func (b *book) cells(sheet string) map[int][]bookCell {
	b.t.Helper()
	rows, err := b.f.Rows(sheet)
	if err != nil {
		b.t.Fatal(err)
	}
	defer rows.Close()
	out := make(map[int][]bookCell)
	r := 0
	for rows.Next() {
		r++
		cols, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			b.t.Fatal(err)
		}
		for c, v := range cols {
			if v == "" {
				continue
			}
			ref, _ := excelize.CoordinatesToCellName(c+1, r)
			bc := bookCell{ref: ref, value: v}
			typ, err := b.f.GetCellType(sheet, ref)
			if err != nil {
				b.t.Fatal(err)
			}
			if typ == excelize.CellTypeUnset || typ == excelize.CellTypeNumber {
				bc.numeric = true
				bc.format = b.numFmt(sheet, ref)
			}
			out[r] = append(out[r], bc)
		}
	}
	if err := rows.Error(); err != nil {
		b.t.Fatal(err)
	}
	return out
}

func (b *book) numFmt(sheet, ref string) string {
	id, err := b.f.GetCellStyle(sheet, ref)
	if err != nil {
		b.t.Fatal(err)
	}
	st, err := b.f.GetStyle(id)
	if err != nil {
		b.t.Fatal(err)
	}
	if st.CustomNumFmt != nil {
		return *st.CustomNumFmt
	}
	return fmt.Sprintf("builtin %d", st.NumFmt)
}

// value returns the raw value of a cell.
func (b *book) value(sheet, ref string) string {
	b.t.Helper()
	v, err := b.f.GetCellValue(sheet, ref, excelize.Options{RawCellValue: true})
	if err != nil {
		b.t.Fatal(err)
	}
	return v
}

type rel struct {
	ID     string `xml:"Id,attr"`
	Type   string `xml:"Type,attr"`
	Target string `xml:"Target,attr"`
}

func (b *book) rels(part string) []rel {
	dir, file := path.Split(part)
	var doc struct {
		Rels []rel `xml:"Relationship"`
	}
	data, ok := b.parts[dir+"_rels/"+file+".rels"]
	if !ok {
		return nil
	}
	if err := xml.Unmarshal(data, &doc); err != nil {
		b.t.Fatal(err)
	}
	for i := range doc.Rels {
		doc.Rels[i].Target = path.Clean(path.Join(dir, doc.Rels[i].Target))
	}
	return doc.Rels
}

// sheetPart returns the zip part of a sheet.
func (b *book) sheetPart(sheet string) string {
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			RID  string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	if err := xml.Unmarshal(b.parts["xl/workbook.xml"], &wb); err != nil {
		b.t.Fatal(err)
	}
	for _, s := range wb.Sheets {
		if s.Name == sheet {
			for _, r := range b.rels("xl/workbook.xml") {
				if r.ID == s.RID {
					return r.Target
				}
			}
		}
	}
	b.t.Fatalf("sheet %s not found", sheet)
	return ""
}

var (
	chartKindRE = regexp.MustCompile(`<(?:c:)?(bar|line|pie|area|scatter)Chart>`)
	barDirRE    = regexp.MustCompile(`<(?:c:)?barDir val="(\w+)"`)
	formulaRE   = regexp.MustCompile(`<(?:c:)?f>([^<]*)</(?:c:)?f>`)
	axisRE      = regexp.MustCompile(`<(?:c:)?valAx>`)
	titleRE     = regexp.MustCompile(`<a:t>([^<]*)</a:t>`)
	varyRE      = regexp.MustCompile(`<(?:c:)?varyColors val="1"`)
)

// charts describes the charts of a sheet: their kinds and the cells their
// series read.
func (b *book) charts(sheet string) []string {
	var out []string
	for _, r := range b.rels(b.sheetPart(sheet)) {
		if !strings.HasSuffix(r.Type, "/drawing") {
			continue
		}
		for _, cr := range b.rels(r.Target) {
			if !strings.HasSuffix(cr.Type, "/chart") {
				continue
			}
			x := string(b.parts[cr.Target])
			var kinds []string
			for _, m := range chartKindRE.FindAllStringSubmatch(x, -1) {
				kinds = append(kinds, m[1])
			}
			if m := barDirRE.FindStringSubmatch(x); m != nil {
				kinds = append(kinds, "dir="+m[1])
			}
			desc := fmt.Sprintf("chart %s, %d value axes", strings.Join(kinds, "+"), len(axisRE.FindAllString(x, -1)))
			if varyRE.MatchString(x) {
				desc += ", colours vary by point"
			}
			for _, m := range titleRE.FindAllStringSubmatch(x, -1) {
				desc += "\n    title " + html.UnescapeString(m[1])
			}
			for _, m := range formulaRE.FindAllStringSubmatch(x, -1) {
				desc += "\n    " + html.UnescapeString(m[1])
			}
			out = append(out, desc)
		}
	}
	return out
}

// dump renders a workbook as text: properties, then per sheet its panes,
// merged cells, print setup, widths, charts and every stored cell with its
// type and number format, rows with their outline level.
func (b *book) dump() string {
	b.t.Helper()
	var w strings.Builder
	props, err := b.f.GetDocProps()
	if err != nil {
		b.t.Fatal(err)
	}
	fmt.Fprintf(&w, "title: %s\nsubject: %s\ncreator: %s\ncreated: %s\nmodified: %s\nlanguage: %s\n",
		props.Title, props.Subject, props.Creator, props.Created, props.Modified, props.Language)
	names := b.f.GetDefinedName()
	slices.SortFunc(names, func(a, c excelize.DefinedName) int { return strings.Compare(a.Scope+a.Name, c.Scope+c.Name) })
	for _, n := range names {
		fmt.Fprintf(&w, "defined name %s [%s] = %s\n", n.Name, n.Scope, n.RefersTo)
	}
	for _, sheet := range b.f.GetSheetList() {
		fmt.Fprintf(&w, "\n=== sheet %s\n", sheet)
		panes, err := b.f.GetPanes(sheet)
		if err != nil {
			b.t.Fatal(err)
		}
		if panes.Freeze {
			fmt.Fprintf(&w, "frozen: %d columns, %d rows (top left %s)\n", panes.XSplit, panes.YSplit, panes.TopLeftCell)
		}
		layout, err := b.f.GetPageLayout(sheet)
		if err != nil {
			b.t.Fatal(err)
		}
		props, err := b.f.GetSheetProps(sheet)
		if err != nil {
			b.t.Fatal(err)
		}
		fmt.Fprintf(&w, "print: %s, fit to page %v, %v wide, %v tall\n", deref(layout.Orientation), deref(props.FitToPage), deref(layout.FitToWidth), deref(layout.FitToHeight))
		if props.OutlineSummaryBelow != nil && !*props.OutlineSummaryBelow {
			fmt.Fprintf(&w, "outline: summary rows above their details\n")
		}
		merged, err := b.f.GetMergeCells(sheet, true)
		if err != nil {
			b.t.Fatal(err)
		}
		var refs []string
		for _, m := range merged {
			refs = append(refs, m.GetStartAxis()+":"+m.GetEndAxis())
		}
		slices.Sort(refs)
		fmt.Fprintf(&w, "merged: %s\n", strings.Join(refs, " "))
		cells := b.cells(sheet)
		maxCol := 0
		var rows []int
		for r, cs := range cells {
			rows = append(rows, r)
			for _, c := range cs {
				col, _, _ := excelize.CellNameToCoordinates(c.ref)
				maxCol = max(maxCol, col)
			}
		}
		slices.Sort(rows)
		var widths []string
		for c := 1; c <= maxCol; c++ {
			name, _ := excelize.ColumnNumberToName(c)
			wd, err := b.f.GetColWidth(sheet, name)
			if err != nil {
				b.t.Fatal(err)
			}
			widths = append(widths, fmt.Sprintf("%s=%g", name, wd))
		}
		fmt.Fprintf(&w, "widths: %s\n", strings.Join(widths, " "))
		charts := b.charts(sheet)
		fmt.Fprintf(&w, "charts: %d\n", len(charts))
		for _, c := range charts {
			fmt.Fprintf(&w, "  %s\n", c)
		}
		for _, r := range rows {
			lvl, err := b.f.GetRowOutlineLevel(sheet, r)
			if err != nil {
				b.t.Fatal(err)
			}
			if lvl > 0 {
				fmt.Fprintf(&w, "row %d (outline %d)\n", r, lvl)
			} else {
				fmt.Fprintf(&w, "row %d\n", r)
			}
			for _, c := range cells[r] {
				if c.numeric {
					fmt.Fprintf(&w, "  %s = %s [n %s]\n", c.ref, c.value, c.format)
				} else {
					fmt.Fprintf(&w, "  %s = %q\n", c.ref, c.value)
				}
			}
		}
	}
	return w.String()
}

func deref[T any](p *T) any {
	if p == nil {
		return "-"
	}
	return *p
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	file := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the workbook written (run go test -update to accept):\n%s", file, firstDiff(string(want), got))
	}
}

// firstDiff shows the first differing line of two texts with context.
func firstDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < max(len(wl), len(gl)); i++ {
		var a, b string
		if i < len(wl) {
			a = wl[i]
		}
		if i < len(gl) {
			b = gl[i]
		}
		if a != b {
			return fmt.Sprintf("line %d:\n  want %s\n  got  %s", i+1, a, b)
		}
	}
	return "(no line differs)"
}
