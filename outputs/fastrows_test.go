package outputs

import (
	"bytes"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

// fastRowTexts are texts appendRow encodes itself or leaves to SetRow.
var fastRowTexts = []string{
	"", "Costo pieno", "Attività (azione)", "à è € – «»", " lead", "trail ", "\tx", "x\n", "\r", "a\nb", "a\r\nb",
	"<b>&amp;</b>", `"quoted" 'single'`, "l'ente", "a>b", "_x0041_", "a_x00e9_b", "_x005F_", "x_", "_X0041_", "\x01ctl", "\x7fdel",
	"\xffbad", "\uFFFE", "\uFFFD", "&#xA; lit", "a\x00b", "\xed\xa0\x80sur", "\U0010FFFF", "𝄞 clef", "\u0085", "non si applica: coordinamento, ribaltato in fase 2",
	strings.Repeat("lungo ", 6000),
}

// randomCell draws a value as the sheets pass them to streamSheet.row,
// and some they do not.
func randomCell(r *rand.Rand) any {
	text := func() string { return fastRowTexts[r.IntN(len(fastRowTexts))] }
	number := func() float64 {
		switch r.IntN(8) {
		case 0:
			return 0
		case 1:
			return math.Copysign(0, -1)
		case 2:
			return float64(r.Int64N(1e18)) / math.Pow10(r.IntN(20))
		case 3:
			return r.NormFloat64() * math.Pow10(r.IntN(40)-20)
		case 4:
			return math.MaxFloat64 * float64(1-2*r.IntN(2))
		case 5:
			return 0.1 + 0.2
		default:
			return math.Round(r.NormFloat64()*1e8) / 100
		}
	}
	switch r.IntN(14) {
	case 0:
		return nil
	case 1:
		return text()
	case 2:
		return number()
	case 3:
		return r.IntN(2000) - 1000
	case 4:
		return excelize.Cell{StyleID: r.IntN(40)}
	case 5, 6:
		return excelize.Cell{StyleID: r.IntN(40), Value: text()}
	case 7, 8:
		return excelize.Cell{StyleID: r.IntN(40), Value: number()}
	case 9:
		return excelize.Cell{StyleID: r.IntN(40), Value: decimal.New(r.Int64N(1e12)-5e11, -int32(r.IntN(6)))}
	case 10:
		return excelize.Cell{StyleID: 3, Value: r.IntN(100)}
	case 11:
		// Left to SetRow: a formula, a boolean, a bare decimal, NaN.
		return []any{excelize.Cell{Formula: "SUM(A1:A2)"}, true, decimal.New(12345, -2), math.NaN(), math.Inf(-1)}[r.IntN(5)]
	case 12:
		return excelize.Cell{StyleID: 7, Value: int64(r.IntN(100))}
	}
	return ""
}

// testStreamWorkbook is a new workbook for the stream sheets of a test,
// its splicer (nil when withSplicer is false: rows through SetRow) and n
// columns HA, HB, ...
func testStreamWorkbook(t *testing.T, ente string, n int, withSplicer bool) (*excelize.File, *styles, *splicer, []column) {
	t.Helper()
	f, st, err := newWorkbook("Prova", "Prova", RunInfo{RunID: "x", Version: "v", Ente: ente})
	if err != nil {
		t.Fatal(err)
	}
	var sp *splicer
	if withSplicer {
		sp = st.sp
	}
	cols := make([]column, n)
	for i := range cols {
		cols[i] = column{header: "H" + string(rune('A'+i)), width: 10}
	}
	return f, st, sp, cols
}

// writeRandomSheet writes the same random rows into a stream sheet of a
// new workbook, with or without a splicer, and returns the saved bytes.
func writeRandomSheet(t *testing.T, seed uint64, withSplicer bool) ([]byte, *splicer) {
	t.Helper()
	r := rand.New(rand.NewPCG(seed, 42))
	f, st, sp, cols := testStreamWorkbook(t, "Ente & <Co>", 12, withSplicer)
	if err := f.SetSheetName("Sheet1", "Uno"); err != nil {
		t.Fatal(err)
	}
	for k, name := range []string{"Due", "Tre"} {
		ss, err := newStreamSheet(f, sp, name, cols, 1, 2)
		if err != nil {
			t.Fatal(err)
		}
		head := append(titleBlocks("Titolo", "Nota _x0041_ \"lunga\"", RunInfo{Ente: "Ente"}, len(cols), st), headerBlocks(cols, headerRow, st)...)
		if err := ss.blocks(head, map[int]float64{3: 30}); err != nil {
			t.Fatal(err)
		}
		row := firstData
		for range 150 + 50*k {
			cells := make([]any, r.IntN(len(cols)+1))
			for i := range cells {
				cells[i] = randomCell(r)
			}
			opts := excelize.RowOpts{OutlineLevel: r.IntN(8)}
			switch r.IntN(4) {
			case 0:
				opts.Height = 15 + float64(r.IntN(3000))/7
			case 1:
				opts.Height = 47.550000000000004
			}
			opts.Height = min(opts.Height, excelize.MaxRowHeight)
			if err := ss.row(row, cells, opts); err != nil {
				t.Fatal(err)
			}
			row += 1 + r.IntN(2)
		}
		if err := ss.finishWide(cell(1, headerRow+1), cell(len(cols), row-1), cols, 2, titleRows, row-1); err != nil {
			t.Fatal(err)
		}
	}
	var out bytes.Buffer
	if err := saveWorkbook(f, &out); err != nil {
		t.Fatal(err)
	}
	return out.Bytes(), sp
}

// TestAppendRowMatchesSetRow: a workbook whose stream sheets are encoded
// by appendRow and spliced in has the bytes of the one written through
// StreamWriter.SetRow, for texts that need escaping and values of every
// kind, some of which appendRow leaves to SetRow.
func TestAppendRowMatchesSetRow(t *testing.T) {
	for seed := range uint64(6) {
		want, _ := writeRandomSheet(t, seed, false)
		got, sp := writeRandomSheet(t, seed, true)
		if !bytes.Equal(got, want) {
			t.Errorf("seed %d: workbook with spliced rows differs from the one written by SetRow (%d bytes, want %d)", seed, len(got), len(want))
		}
		// Rows left to SetRow split the encoded ones into several runs.
		if len(sp.splices) < 4 {
			t.Errorf("seed %d: %d runs of encoded rows, want several", seed, len(sp.splices))
		}
	}
}

func TestAppendRowCell(t *testing.T) {
	tests := []struct {
		cells []any
		opts  excelize.RowOpts
		want  string
		ok    bool
	}{
		{[]any{"a", nil, 1.5}, excelize.RowOpts{}, `<row r="7"><c r="A7" t="inlineStr"><is><t>a</t></is></c><c r="C7"><v>1.5</v></c></row>`, true},
		{[]any{excelize.Cell{StyleID: 3}}, excelize.RowOpts{Height: 20.5, OutlineLevel: 2},
			`<row r="7" ht="20.5" customHeight="1" outlineLevel="2"><c r="A7" s="3"></c></row>`, true},
		{[]any{excelize.Cell{StyleID: 4, Value: " x&y\n"}}, excelize.RowOpts{},
			"<row r=\"7\"><c r=\"A7\" s=\"4\" t=\"inlineStr\"><is><t xml:space=\"preserve\"> x&amp;y\n</t></is></c></row>", true},
		{[]any{excelize.Cell{Value: decimal.RequireFromString("-1234.50")}}, excelize.RowOpts{}, `<row r="7"><c r="A7"><v>-1234.5</v></c></row>`, true},
		{[]any{0.1 + 0.2, 123456789012345678.0}, excelize.RowOpts{}, `<row r="7"><c r="A7"><v>0.3</v></c><c r="B7"><v>123456789012345000</v></c></row>`, true},
		{[]any{"_x0041_"}, excelize.RowOpts{}, "", false},
		{[]any{true}, excelize.RowOpts{}, "", false},
		{[]any{"a"}, excelize.RowOpts{Height: 410}, "", false},
	}
	for _, tt := range tests {
		got, ok := appendRow([]byte("prefix"), 7, tt.cells, tt.opts)
		if ok != tt.ok || string(got) != "prefix"+tt.want {
			t.Errorf("appendRow(%v, %+v) = %q, %v; want %q, %v", tt.cells, tt.opts, got, ok, "prefix"+tt.want, tt.ok)
		}
	}
}

// A decimal in a cell is written as its own text when that is the text
// of the number it becomes, and as that number otherwise.
func TestAppendRowDecimals(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 8))
	check := func(d decimal.Decimal) {
		t.Helper()
		got, ok := appendRow(nil, 1, []any{excelize.Cell{Value: d}}, excelize.RowOpts{})
		want, wantOK := appendRow(nil, 1, []any{excelize.Cell{Value: num(d)}}, excelize.RowOpts{})
		if ok != wantOK || string(got) != string(want) {
			t.Fatalf("decimal %s: %q, %v; as a number %q, %v", d, got, ok, want, wantOK)
		}
	}
	for _, s := range []string{"0", "0.00", "-0.01", "1e20", "1e-20", "123456789012345", "1234567890123456", "0.1", "1e300", "1e-300", "1e400",
		"-99999999999999.9", "0.000000000000000000000000001234"} {
		check(decimal.RequireFromString(s))
	}
	for range 300000 {
		pow := int64(1)
		for range 1 + r.IntN(18) {
			pow *= 10
		}
		c := r.Int64N(pow)
		if r.IntN(2) == 0 {
			c = -c
		}
		check(decimal.New(c, int32(r.IntN(60)-40)))
	}
}

// TestLongRunsSplit: a sheet whose encoded rows pass runChunk bytes is
// spliced from several runs, each placed when it reaches runChunk, and the
// workbook has the bytes of the one written through SetRow.
func TestLongRunsSplit(t *testing.T) {
	write := func(withSplicer bool) ([]byte, *splicer) {
		f, _, sp, cols := testStreamWorkbook(t, "Ente", 8, withSplicer)
		ss, err := newStreamSheet(f, sp, "Lungo", cols, 1, 1)
		if err != nil {
			t.Fatal(err)
		}
		r := rand.New(rand.NewPCG(3, 9))
		for row := 1; row <= 4000; row++ {
			cells := make([]tcell, len(cols))
			cells[0] = textCell(1, fmt.Sprintf("Attività numero %d & altre", row))
			for i := 1; i < len(cells); i++ {
				cells[i] = decCell(2, decimal.New(r.Int64N(1e9), -2))
			}
			if err := ss.cells(row, cells, excelize.RowOpts{OutlineLevel: row % 4}); err != nil {
				t.Fatal(err)
			}
		}
		if err := ss.finish("A1", "H4000", 1); err != nil {
			t.Fatal(err)
		}
		var out bytes.Buffer
		if err := saveWorkbook(f, &out); err != nil {
			t.Fatal(err)
		}
		return out.Bytes(), sp
	}
	want, _ := write(false)
	got, sp := write(true)
	if !bytes.Equal(got, want) {
		t.Fatalf("workbook with spliced rows differs from the one written by SetRow (%d bytes, want %d)", len(got), len(want))
	}
	// No cell here is left to SetRow, so only runChunk splits the rows:
	// 4,000 rows of about 400 bytes make 28 runs of 56 KiB, not one.
	if n := len(sp.splices); n < 20 {
		t.Fatalf("%d runs of encoded rows, want more than 20", n)
	}
}
