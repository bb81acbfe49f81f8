package outputs

import (
	"bytes"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"camcost/costing"
	"camcost/internal/detzip"
	"camcost/internal/fixture"
)

// withPlainWorkbooks runs fn with every workbook written by excelize alone.
func withPlainWorkbooks(fn func()) {
	plainWorkbooks = true
	defer func() { plainWorkbooks = false }()
	fn()
}

// TestWorkbooksSameWithoutSplicer: every workbook camcost writes has the
// same bytes whether its rows are encoded by appendRow and encodeSheetData
// or by excelize, and the encoders leave nothing to excelize.
func TestWorkbooksSameWithoutSplicer(t *testing.T) {
	tricky := fixture.Inputs(t)
	for i := range tricky.Ledger {
		tricky.Ledger[i].Descrizione = fastRowTexts[i%len(fastRowTexts)]
	}
	trickyRes, err := costing.Compute(tricky)
	if err != nil {
		t.Fatal(err)
	}
	results := map[string]*costing.Result{
		"fixture": fixture.Result(t), "bare": fixture.BareResult(t), "tricky": trickyRes,
		"medium": benchResult(t, benchChambers[0]),
	}
	type writer struct {
		name  string
		write func(io.Writer) error
	}
	var writers []writer
	for name, res := range results {
		for _, wb := range workbooks {
			writers = append(writers, writer{name + "/" + wb.file, func(w io.Writer) error { return wb.write(w, res, fixtureInfo(res)) }})
		}
	}
	bodies := goldenBodies(t)
	writers = append(writers, writer{BenchWorkbook, func(w io.Writer) error { return WriteBenchmarkWorkbook(w, bodies) }})
	dir, _ := fixtureBody(t)
	e := explainFixture(t, dir, "C1.1.1")
	writers = append(writers, writer{"spiega", func(w io.Writer) error {
		return WriteExplanationWorkbook(w, e, fixtureInfo(results["fixture"]), "diretto")
	}})
	for _, w := range writers {
		var want bytes.Buffer
		withPlainWorkbooks(func() {
			if err := w.write(&want); err != nil {
				t.Fatal(err)
			}
		})
		slow := slowParts.Load()
		var got bytes.Buffer
		if err := w.write(&got); err != nil {
			t.Fatal(err)
		}
		if n := slowParts.Load() - slow; n != 0 {
			t.Errorf("%s: %d rows or sheets left to excelize", w.name, n)
		}
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			t.Errorf("%s differs from the workbook written by excelize alone (%d bytes, want %d)", w.name, got.Len(), want.Len())
		}
	}

	// The comparison of two runs writes its workbooks in a folder.
	a, b := twoYears(t)
	var plain string
	withPlainWorkbooks(func() { plain, _ = writeConfronto(t, a, b) })
	fast, _ := writeConfronto(t, a, b)
	entries, err := os.ReadDir(plain)
	if err != nil {
		t.Fatal(err)
	}
	for _, en := range entries {
		if filepath.Ext(en.Name()) != ".xlsx" {
			continue
		}
		if !bytes.Equal(readFile(t, filepath.Join(fast, en.Name())), readFile(t, filepath.Join(plain, en.Name()))) {
			t.Errorf("confronto %s differs from the workbook written by excelize alone", en.Name())
		}
	}

	// The comparison of two multi-body runs adds confronto-enti.xlsx.
	next := compute(t, nextYear(t))
	c, err := NewConfronto(Side{multiRun(t, "a", fixture.Result(t)), "../a"}, Side{multiRun(t, "b", next, next), "../b"})
	if err != nil {
		t.Fatal(err)
	}
	write := func() string {
		out := filepath.Join(t.TempDir(), "c")
		if err := os.Mkdir(out, 0o755); err != nil {
			t.Fatal(err)
		}
		if _, err := c.Write(out); err != nil {
			t.Fatal(err)
		}
		return out
	}
	withPlainWorkbooks(func() { plain = write() })
	slow := slowParts.Load()
	fast = write()
	if n := slowParts.Load() - slow; n != 0 {
		t.Errorf("multi-body confronto: %d rows or sheets left to excelize", n)
	}
	if !bytes.Equal(readFile(t, filepath.Join(fast, ConfrontoEntiWorkbook)), readFile(t, filepath.Join(plain, ConfrontoEntiWorkbook))) {
		t.Errorf("confronto %s differs from the workbook written by excelize alone", ConfrontoEntiWorkbook)
	}
}

// writeRandomCells writes random cells, styles, merges and heights on a
// sheet written cell by cell, then saves the workbook through the splicer
// or straight through detzip.
func writeRandomCells(t *testing.T, seed uint64, splice bool) []byte {
	t.Helper()
	r := rand.New(rand.NewPCG(seed, 7))
	f, st, err := newWorkbook("Prova", "Prova", RunInfo{RunID: "x", Version: "v", Ente: "Ente"})
	if err != nil {
		t.Fatal(err)
	}
	if !splice {
		f.SetZipWriter(detzip.New)
	}
	if err := f.SetSheetName("Sheet1", "Uno"); err != nil {
		t.Fatal(err)
	}
	for k, name := range []string{"Uno", "Due"} {
		if k > 0 {
			if _, err := f.NewSheet(name); err != nil {
				t.Fatal(err)
			}
		}
		s := &sheet{f: f, name: name}
		if splice {
			s = st.sheetOf(f, name) // with an overlay
		}
		s.widths(8, 40, 12, 12, 30)
		s.titles("Titolo", "Una nota che va a capo", RunInfo{Ente: "Ente & Co"}, 5, 102, st)
		for row := 5; row < 120; row += 1 + r.IntN(3) {
			for col := 1; col <= 5+r.IntN(4); col++ {
				var v any
				switch r.IntN(9) {
				case 0:
					v = nil
				case 1:
					v = fastRowTexts[r.IntN(len(fastRowTexts))]
				case 2:
					v = r.NormFloat64() * math.Pow10(r.IntN(20)-8)
				case 3:
					v = decimal.New(r.Int64N(1e12)-5e11, -int32(r.IntN(5)))
				case 4:
					v = r.IntN(1000) - 500
				case 5:
					v = ""
				default:
					v = []string{"Quadrato", "supporto", "primario", "A", "B"}[r.IntN(5)]
				}
				s.set(col, row, v, []int{0, st.text, st.euro, st.textWrap, st.totalText}[r.IntN(5)])
			}
			switch r.IntN(6) {
			case 0:
				s.height(row, 15+float64(r.IntN(400))/3)
			case 1:
				s.merge(1, row, 3, row, "Sezione", st.sectionLeft)
			case 2:
				s.style(2, row, 6, row, st.totalEuro)
			}
		}
		// Cells written again: a number over a text, a text over a
		// number, values of other types, styles over merged blocks.
		for range 150 {
			col, row := 1+r.IntN(9), 1+r.IntN(125)
			var v any
			switch r.IntN(8) {
			case 0:
				v = fastRowTexts[r.IntN(len(fastRowTexts))]
			case 1:
				v = r.NormFloat64()
			case 2:
				v = []any{math.NaN(), math.Inf(1), true, int64(7), uint8(3), 2.5e-300, "x"}[r.IntN(7)]
			case 3:
				v = r.IntN(10)
			case 4:
				s.style(col, row, col+r.IntN(3), row+r.IntN(3), st.totalPct)
				continue
			case 5:
				s.merge(col, row, col+1+r.IntN(2), row, nil, st.note)
				continue
			}
			s.set(col, row, v, []int{0, st.pct, st.code}[r.IntN(3)])
		}
		s.freeze(2, 4)
		s.filter(1, 4, 5, 30)
		s.print(4)
		if s.err != nil {
			t.Fatal(s.err)
		}
	}
	var out bytes.Buffer
	if err := saveWorkbook(f, &out); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// TestEncodeSheetDataMatchesExcelize: sheets written cell by cell with
// random values, styles, merges and heights save to the same bytes with
// their rows encoded by encodeSheetData and marshalled by excelize.
func TestEncodeSheetDataMatchesExcelize(t *testing.T) {
	for seed := range uint64(8) {
		slow := slowParts.Load()
		got := writeRandomCells(t, seed, true)
		if n := slowParts.Load() - slow; n != 0 {
			t.Errorf("seed %d: %d sheets left to excelize", seed, n)
		}
		if want := writeRandomCells(t, seed, false); !bytes.Equal(got, want) {
			t.Errorf("seed %d: workbook differs from the one excelize marshals (%d bytes, want %d)", seed, len(got), len(want))
		}
	}
}

// A cell encodeSheetData does not know, a formula, leaves the sheet to
// excelize, with the same bytes: the overlay's cells are written into
// excelize's model first.
func TestEncodeSheetDataLeavesFormulas(t *testing.T) {
	write := func(splice bool) []byte {
		f, st, s := testSheet(t, RunInfo{}, splice)
		s.set(1, 1, 1.5, st.euro)
		s.set(1, 2, 2, 0)
		s.set(2, 3, "testo", st.text)
		s.merge(1, 5, 3, 5, 42.25, st.totalEuro)
		s.set(2, 5, 7.0, st.pct) // into the merged block's first cell
		if err := f.SetCellFormula("Sheet1", "A3", "SUM(A1:A2)"); err != nil {
			t.Fatal(err)
		}
		return savedBytes(t, f, s)
	}
	checkLeftToExcelize(t, write)
}

// testSheet is Sheet1 of a new workbook, written cell by cell through the
// splicer and its overlay (splice) or through excelize alone and saved by
// detzip: the two ways the byte comparisons of these tests set side by
// side.
func testSheet(t *testing.T, info RunInfo, splice bool) (*excelize.File, *styles, *sheet) {
	t.Helper()
	f, st, err := newWorkbook("Prova", "Prova", info)
	if err != nil {
		t.Fatal(err)
	}
	if splice {
		return f, st, st.sheetOf(f, "Sheet1")
	}
	f.SetZipWriter(detzip.New)
	return f, st, &sheet{f: f, name: "Sheet1"}
}

// savedBytes saves f, whose sheet s is written, and returns its bytes.
func savedBytes(t *testing.T, f *excelize.File, s *sheet) []byte {
	t.Helper()
	if s.err != nil {
		t.Fatal(s.err)
	}
	var out bytes.Buffer
	if err := saveWorkbook(f, &out); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// checkLeftToExcelize checks a workbook whose one sheet holds a formula:
// written through the splicer (write(true)), that sheet is left to
// excelize, and the bytes are those of excelize alone (write(false)).
func checkLeftToExcelize(t *testing.T, write func(splice bool) []byte) {
	t.Helper()
	slow := slowParts.Load()
	got := write(true)
	if n := slowParts.Load() - slow; n != 1 {
		t.Errorf("%d sheets left to excelize, want 1", n)
	}
	if want := write(false); !bytes.Equal(got, want) {
		t.Error("workbook with a formula differs from the one excelize marshals")
	}
}
