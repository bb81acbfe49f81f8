package outputs

import (
	"archive/zip"
	"bytes"
	"io"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"camcost/costing"
	"camcost/internal/fixture"
	"camcost/model"
)

// workbookWriter is the signature of the three workbook writers.
type workbookWriter func(io.Writer, *costing.Result, RunInfo) error

var workbooks = []struct {
	file  string
	write workbookWriter
}{
	{CostiWorkbook, WriteCostiWorkbook},
	{ContoWorkbook, WriteContoWorkbook},
	{IndicWorkbook, WriteIndicatoriWorkbook},
}

func writeBook(t testing.TB, write workbookWriter, res *costing.Result) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := write(&b, res, fixtureInfo(res)); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestWorkbooksGolden reads every workbook back and compares its text dump
// with testdata: the fixture chamber, and the bare one (reciprocal method,
// no volumi, no contesto) whose indicators must explain what is missing.
func TestWorkbooksGolden(t *testing.T) {
	for _, fx := range []struct {
		name string
		res  func(testing.TB) *costing.Result
	}{{"", fixture.Result}, {"-bare", fixture.BareResult}} {
		res := fx.res(t)
		for _, wb := range workbooks {
			name := strings.TrimSuffix(wb.file, ".xlsx") + fx.name
			t.Run(name, func(t *testing.T) {
				golden(t, name+".golden.txt", openBook(t, writeBook(t, wb.write, res)).dump())
			})
		}
	}
}

// TestWorkbooksByteIdentical writes each workbook 20 times: the bytes must
// not change, zip part order included (excelize writes the sheets of
// stream writers from a map) and [Content_Types].xml too (excelize adds the
// image types of a drawing from a map).
func TestWorkbooksByteIdentical(t *testing.T) {
	res := fixture.Result(t)
	for _, wb := range workbooks {
		t.Run(wb.file, func(t *testing.T) {
			first := writeBook(t, wb.write, res)
			for i := range 19 {
				if again := writeBook(t, wb.write, res); !bytes.Equal(first, again) {
					t.Fatalf("write %d differs from the first (%d and %d bytes)", i+2, len(again), len(first))
				}
			}
			zr, err := zip.NewReader(bytes.NewReader(first), int64(len(first)))
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, f := range zr.File {
				names = append(names, f.Name)
				if !f.Modified.IsZero() && f.Modified.Year() > 1980 {
					t.Errorf("part %s carries a modification time %v", f.Name, f.Modified)
				}
			}
			if !slices.IsSorted(names) {
				t.Errorf("parts not in name order: %v", names)
			}
		})
	}
}

// TestProcessiFiguresAreNumbers checks every figure of every node in the
// Processi sheet: a numeric cell with a number format, holding the figure.
func TestProcessiFiguresAreNumbers(t *testing.T) {
	res := fixture.Result(t)
	b := openBook(t, writeBook(t, WriteCostiWorkbook, res))
	cells := b.cells(SheetProcessi)
	figs := figures()
	for i, n := range res.Map.Nodes() {
		row := cells[firstData+i]
		if len(row) == 0 || row[0].value != string(n.Code) {
			t.Fatalf("row %d does not hold node %s: %v", firstData+i, n.Code, row)
		}
		for k, fg := range figs {
			ref := cell(5+k, firstData+i)
			c := findCell(row, ref)
			if !c.numeric {
				t.Errorf("%s (%s, %s) is not a number: %+v", ref, n.Code, fg.header, c)
				continue
			}
			tot := totalsOf(&res.Nodes[i])
			want := fg.of(&res.Nodes[i], &tot)
			got, err := strconv.ParseFloat(c.value, 64)
			if err != nil || got != want.InexactFloat64() {
				t.Errorf("%s (%s, %s) = %s, want %s", ref, n.Code, fg.header, c.value, want)
			}
			if fg.fte && !strings.Contains(c.format, "0.00") || !fg.fte && !strings.Contains(c.format, "[$€-410]") {
				t.Errorf("%s (%s, %s) has number format %q", ref, n.Code, fg.header, c.format)
			}
		}
		lvl, _ := b.f.GetRowOutlineLevel(SheetProcessi, firstData+i)
		if want := uint8(n.Level - model.LevelMacro); lvl != want {
			t.Errorf("row of %s has outline level %d, want %d", n.Code, lvl, want)
		}
	}
}

func findCell(row []bookCell, ref string) bookCell {
	for _, c := range row {
		if c.ref == ref {
			return c
		}
	}
	return bookCell{ref: ref}
}

// TestEuroCellsAreNumbers checks, in every sheet of every workbook, that a
// cell whose text looks like an amount is never text: amounts are numbers
// with a format.
func TestEuroCellsAreNumbers(t *testing.T) {
	res := fixture.Result(t)
	amount := func(s string) bool {
		_, err := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "€")), 64)
		return err == nil && strings.Contains(s, ".")
	}
	for _, wb := range workbooks {
		b := openBook(t, writeBook(t, wb.write, res))
		euro := 0
		for _, sheet := range b.f.GetSheetList() {
			for _, row := range b.cells(sheet) {
				for _, c := range row {
					if !c.numeric && amount(c.value) {
						t.Errorf("%s %s!%s holds the amount %q as text", wb.file, sheet, c.ref, c.value)
					}
					if c.numeric && strings.Contains(c.format, "€") {
						euro++
					}
				}
			}
		}
		if euro == 0 {
			t.Errorf("%s has no euro cells", wb.file)
		}
	}
}

// TestNoPersonalData searches every cell of every workbook for the
// matricole and the individual pay of the fixture's staff.
func TestNoPersonalData(t *testing.T) {
	for _, res := range []*costing.Result{fixture.Result(t), fixture.BareResult(t)} {
		var needles []string
		var pays []decimal.Decimal
		for _, p := range res.Inputs.People {
			needles = append(needles, string(p.Matricola))
			pays = append(pays, p.Pay)
			needles = append(needles, model.Italian(p.Pay, 2), p.Pay.StringFixed(2))
		}
		for _, wb := range workbooks {
			b := openBook(t, writeBook(t, wb.write, res))
			for _, sheet := range b.f.GetSheetList() {
				for _, row := range b.cells(sheet) {
					for _, c := range row {
						for _, n := range needles {
							if strings.Contains(c.value, n) {
								t.Errorf("%s %s!%s = %q shows personal data %q", wb.file, sheet, c.ref, c.value, n)
							}
						}
						if c.numeric {
							v, _ := decimal.NewFromString(c.value)
							for _, p := range pays {
								if v.Equal(p) {
									t.Errorf("%s %s!%s = %s equals a person's pay", wb.file, sheet, c.ref, c.value)
								}
							}
						}
					}
				}
			}
			for name, part := range b.parts {
				for _, p := range res.Inputs.People {
					if bytes.Contains(part, []byte(p.Matricola)) {
						t.Errorf("%s part %s contains matricola %s", wb.file, name, p.Matricola)
					}
				}
			}
		}
	}
}
