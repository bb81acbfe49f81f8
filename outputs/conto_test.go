package outputs

import (
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"camcost/internal/fixture"
	"camcost/model"
)

// TestContoLines checks allegato C by hand on the fixture's ledger:
//
//	proventi correnti  6,441,320.10   oneri correnti  6,961,024.91
//	gestione corrente   -519,704.81
//	finanziaria 12,345.67 - 1,000.00 = 11,345.67
//	straordinaria 20,000.00 - 5,250.00 = 14,750.00
//	rettifiche 1,000.00 - 3,000.00 = -2,000.00
//	disavanzo -519,704.81 + 11,345.67 + 14,750.00 - 2,000.00 = -495,609.14
func TestContoLines(t *testing.T) {
	res := fixture.Result(t)
	cols, omitted := contoColumns(res)
	var codes []string
	for _, c := range cols {
		codes = append(codes, string(c.code))
	}
	if got := strings.Join(codes, " "); got != "A B C D F" {
		t.Errorf("columns %s, want A B C D F", got)
	}
	if len(omitted) != 1 || omitted[0].Code != "Z" {
		t.Errorf("omitted %v, want Z", omitted)
	}
	want := map[string]string{
		"Totale proventi correnti (A)":                         "6441320.10",
		"Totale oneri correnti (B)":                            "6961024.91",
		"Risultato della gestione corrente (A-B)":              "-519704.81",
		"Risultato della gestione finanziaria":                 "11345.67",
		"Risultato della gestione straordinaria":               "14750.00",
		"Differenza rettifiche di valore attività finanziaria": "-2000.00",
		"Disavanzo/Avanzo economico esercizio (A-B ±C ±D ±E)":  "-495609.14",
	}
	voci := 0
	for _, l := range contoLines(res, cols) {
		if l.kind == lineVoce {
			voci++
			if ledger := res.Totals[l.n-1].Ledger; !l.total.Equal(ledger) {
				t.Errorf("voce %d %s total %s, ledger %s", l.n, l.label, l.total, ledger)
			}
		}
		if w, ok := want[l.label]; ok {
			delete(want, l.label)
			if l.total.StringFixed(2) != w {
				t.Errorf("%s = %s, want %s", l.label, l.total.StringFixed(2), w)
			}
			var sum decimal.Decimal
			for _, v := range l.byCol {
				sum = sum.Add(v)
			}
			if !sum.Equal(l.total) {
				t.Errorf("%s: columns add up to %s, total %s", l.label, sum, l.total)
			}
		}
	}
	if voci != model.NumVoci || len(want) > 0 {
		t.Errorf("%d voci (want 15); rows not found: %v", voci, want)
	}
}

// TestContoColumnsOnlyWhenNotZero: F disappears when all its figures are
// zero, and the total's heading follows.
func TestContoColumnsOnlyWhenNotZero(t *testing.T) {
	res := fixture.Result(t)
	i, _ := res.Map.Index("F")
	res.Nodes[i].Stage1 = [model.NumVoci]decimal.Decimal{}
	cols, omitted := contoColumns(res)
	if len(cols) != 4 || len(omitted) != 2 {
		t.Fatalf("columns %v, omitted %v; want A-D and F, Z omitted", cols, omitted)
	}
	b := openBook(t, writeBook(t, WriteContoWorkbook, res))
	if got := b.value(SheetConto, "G4"); got != "TOTALE (A+B+C+D)" {
		t.Errorf("total heading %q", got)
	}
}

// TestContoSheet: the disavanzo is a number, in the red-negative format,
// in the TOTALE column of the last row of the table.
func TestContoSheet(t *testing.T) {
	b := openBook(t, writeBook(t, WriteContoWorkbook, fixture.Result(t)))
	for r, row := range b.cells(SheetConto) {
		if !strings.HasPrefix(findCell(row, cell(2, r)).value, "Disavanzo/Avanzo") {
			continue
		}
		c := findCell(row, cell(8, r))
		if !c.numeric || c.value != "-495609.14" || !strings.Contains(c.format, "[Red]-") {
			t.Errorf("disavanzo cell %+v", c)
		}
		return
	}
	t.Fatal("no Disavanzo/Avanzo row")
}
