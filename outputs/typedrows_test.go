package outputs

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"camcost/indicators"
)

// randomTCell draws a typed cell: texts appendRow encodes or refuses,
// decimals short and long, cells without value.
func randomTCell(r *rand.Rand) tcell {
	style := r.IntN(40)
	switch r.IntN(5) {
	case 0:
		return tcell{style: style}
	case 1, 2:
		return textCell(style, fastRowTexts[r.IntN(len(fastRowTexts))])
	case 3:
		return decCell(style, decimal.New(r.Int64N(1e12)-5e11, -int32(r.IntN(6))))
	}
	// Up to 30 digits, exponents far out of the doubles' range.
	d := decimal.New(r.Int64N(1e18), int32(r.IntN(700)-350)).Mul(decimal.New(r.Int64N(1e12)+1, 0))
	return decCell(style, d)
}

// TestAppendTypedRow checks that a row of typed cells encodes as the same
// row of excelize cells through appendRow, and is refused when that is.
func TestAppendTypedRow(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 14))
	opts := []excelize.RowOpts{{}, {Height: 33.75}, {OutlineLevel: 3}, {Height: 12, OutlineLevel: 1}, {Hidden: true}, {StyleID: 2}}
	refused := 0
	for n := range 3000 {
		cells := make([]tcell, r.IntN(30))
		asAny := make([]any, len(cells))
		for i := range cells {
			cells[i] = randomTCell(r)
			asAny[i] = cells[i].any()
		}
		o := opts[r.IntN(len(opts))]
		prefix := []byte("<row>prefix</row>")
		want, wantOK := appendRow(bytes.Clone(prefix), n+1, asAny, o)
		got, gotOK := appendTypedRow(bytes.Clone(prefix), n+1, cells, o)
		if gotOK != wantOK || !bytes.Equal(got, want) {
			t.Fatalf("row %d: got %v %q, want %v %q", n+1, gotOK, got, wantOK, want)
		}
		if !gotOK {
			refused++
		}
	}
	if refused == 0 || refused == 3000 {
		t.Fatalf("%d rows of 3000 refused: the test covers one case only", refused)
	}
}

// TestTextHeight checks textHeight against its definition by paragraphs
// of strings.Split.
func TestTextHeight(t *testing.T) {
	byParagraphs := func(text string, width, size float64) float64 {
		perLine := int(width * 1.2 * 11 / size)
		lines := 0
		for _, para := range strings.Split(text, "\n") {
			n := utf8.RuneCountInString(para)
			lines += max(1, (n+perLine-1)/perLine)
		}
		return float64(lines)*size*1.35 + 3
	}
	texts := []string{"", "\n", "\n\n", "a", "a\n", "\na", "a\nb", strings.Repeat("parola ", 40), strings.Repeat("è\n", 7) + strings.Repeat("x", 90)}
	for _, text := range texts {
		for _, w := range []float64{1, 9.5, 46, 148} {
			for _, size := range []float64{9, 11} {
				if got, want := textHeight(text, w, size), byParagraphs(text, w, size); got != want {
					t.Errorf("textHeight(%q, %v, %v) = %v, want %v", text, w, size, got, want)
				}
			}
		}
	}
}

// TestInputText checks inputText against its definition: the inputs'
// lines "name = value (source)", joined by line feeds.
func TestInputText(t *testing.T) {
	byLines := func(ind indicators.Indicator) string {
		var lines []string
		for _, in := range ind.Inputs {
			lines = append(lines, fmt.Sprintf("%s = %s (%s)", in.Name, in.Unit.Format(in.Value), in.Source))
		}
		return strings.Join(lines, "\n")
	}
	inds := []indicators.Indicator{
		{},
		{Inputs: []indicators.Input{{Name: "Costo pieno", Value: decimal.New(123456789, -2), Unit: indicators.UnitEuro, Source: "costs.csv"}}},
		{Inputs: []indicators.Input{
			{Name: "FTE", Value: decimal.New(12345, -3), Unit: indicators.UnitFTE, Source: "fogli ore"},
			{Name: "100% %s", Value: decimal.New(5, -1), Unit: indicators.UnitRatio, Source: "a\nb"},
			{Name: "", Value: decimal.New(7, 0), Unit: indicators.UnitCount, Source: ""},
		}},
	}
	inds = append(inds, indicators.Indicators(benchResult(t, benchChambers[0]))...)
	for _, ind := range inds {
		if got, want := inputText(ind), byLines(ind); got != want {
			t.Errorf("inputText = %q, want %q", got, want)
		}
	}
}
