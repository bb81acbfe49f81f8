package outputs

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"camcost/costing"
	"camcost/internal/fixture"
	"camcost/model"
)

// TestQuadraturaReconciles reads the reconciliation sheet back: every voce
// and every check shows a difference of 0.00, stored as a number, and a
// green Quadrato.
func TestQuadraturaReconciles(t *testing.T) {
	res := fixture.Result(t)
	b := openBook(t, writeBook(t, WriteCostiWorkbook, res))
	if got := b.value(SheetQuadratura, "A3"); !strings.HasPrefix(got, "QUADRATO") {
		t.Errorf("status = %q, want QUADRATO", got)
	}
	if fill := b.fill(SheetQuadratura, "A3"); fill != colOK {
		t.Errorf("status fill = %s, want green %s", fill, colOK)
	}
	checked := 0
	for r, row := range b.cells(SheetQuadratura) {
		esito := findCell(row, cell(6, r))
		if esito.value == "" || r <= firstData-1 {
			continue
		}
		checked++
		diff := findCell(row, cell(5, r))
		if !diff.numeric || diff.value != "0" {
			t.Errorf("row %d (%s): differenza %+v, want numeric 0", r, findCell(row, cell(2, r)).value, diff)
		}
		if esito.value != "Quadrato" || b.fill(SheetQuadratura, esito.ref) != colOK {
			t.Errorf("row %d: esito %q with fill %s", r, esito.value, b.fill(SheetQuadratura, esito.ref))
		}
		for _, c := range []int{3, 4} {
			if x := findCell(row, cell(c, r)); !x.numeric {
				t.Errorf("row %d column %d is not a number: %+v", r, c, x)
			}
		}
	}
	if want := model.NumVoci + 3; checked != want {
		t.Errorf("%d reconciliation rows, want %d (15 voci and 3 checks)", checked, want)
	}
}

// TestQuadraturaShowsDifference feeds the sheet a result whose totals do not
// reconcile, which the engine never returns: the sheet must show the
// difference in red rather than hide it.
func TestQuadraturaShowsDifference(t *testing.T) {
	res := fixture.Result(t)
	res.Totals[1].Allocated = res.Totals[1].Allocated.Add(decimal.RequireFromString("0.01"))
	b := openBook(t, writeBook(t, WriteCostiWorkbook, res))
	if got := b.value(SheetQuadratura, "A3"); !strings.HasPrefix(got, "NON QUADRATO") {
		t.Errorf("status = %q, want NON QUADRATO", got)
	}
	found := false
	for r, row := range b.cells(SheetQuadratura) {
		if findCell(row, cell(2, r)).value != "Diritti di segreteria" {
			continue
		}
		found = true
		if d := findCell(row, cell(5, r)); d.value != "0.01" || b.fill(SheetQuadratura, d.ref) != colBad {
			t.Errorf("differenza %+v with fill %s, want 0.01 in red", d, b.fill(SheetQuadratura, d.ref))
		}
	}
	if !found {
		t.Fatal("no row for Diritti di segreteria")
	}
}

func (b *book) fill(sheet, ref string) string {
	id, err := b.f.GetCellStyle(sheet, ref)
	if err != nil {
		b.t.Fatal(err)
	}
	st, err := b.f.GetStyle(id)
	if err != nil {
		b.t.Fatal(err)
	}
	if len(st.Fill.Color) == 0 {
		return ""
	}
	c := strings.ToUpper(st.Fill.Color[0])
	if len(c) == 8 { // ARGB
		c = c[2:]
	}
	return c
}

// TestParetoRanking checks the fixture's ranking by hand: costo pieno of the
// five primary processi over 6,961,024.91 €; the class follows the
// cumulative share before each processo.
//
//	D2.1 2,726,543.35  39.17%  cum  39.17%  before  0.00%  A
//	C1.1 2,114,815.44  30.38%  cum  69.55%  before 39.17%  A
//	D1.1 1,317,041.75  18.92%  cum  88.47%  before 69.55%  A
//	C1.2   444,385.16   6.38%  cum  94.85%  before 88.47%  B
//	F1.1   358,239.21   5.15%  cum 100.00%  before 94.85%  B
func TestParetoRanking(t *testing.T) {
	res := fixture.Result(t)
	rows, total := paretoRows(res, newNodeTotals(res))
	if want := "6961024.91"; total.StringFixed(2) != want {
		t.Errorf("total %s, want %s", total.StringFixed(2), want)
	}
	want := []string{"D2.1 A 0.391687", "C1.1 A 0.695495", "D1.1 A 0.884697", "C1.2 B 0.948536", "F1.1 B 1.000000"}
	var got []string
	for _, r := range rows {
		got = append(got, fmt.Sprintf("%s %s %s", res.Map.At(r.node).Code, r.class, r.cum.StringFixed(6)))
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("ranking:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestParetoClasses checks the thresholds at their edges and ties broken by
// code, on processi with made-up costs.
func TestParetoClasses(t *testing.T) {
	rows := [][3]string{{"C", "", "C"}, {"C1", "", "T"}}
	costs := map[string]string{"C1.1": "10", "C1.2": "70", "C1.3": "15", "C1.4": "4", "C1.10": "1", "C1.5": "0"}
	for _, code := range []string{"C1.1", "C1.2", "C1.3", "C1.4", "C1.5", "C1.10"} {
		rows = append(rows, [3]string{code, "", "P " + code})
	}
	m := fixture.BuildMap(t, rows)
	res := &costing.Result{Map: m, Nodes: make([]costing.Figures, m.Len())}
	for i, n := range m.Nodes() {
		if c, ok := costs[string(n.Code)]; ok {
			res.Nodes[i].Full[0] = decimal.RequireFromString(c)
		}
	}
	got, total := paretoRows(res, newNodeTotals(res))
	var line []string
	for _, r := range got {
		line = append(line, string(m.At(r.node).Code)+":"+r.class)
	}
	// Share before each: 0% A (70); 70% A (15, crossing 80%); 85% B (10);
	// 95% C (4: the edge belongs to the next class); 99% C (1). C1.5
	// costs nothing and is left out; were C1.4 and C1.10 equal, C1.4
	// would come first.
	if want := "C1.2:A C1.3:A C1.1:B C1.4:C C1.10:C"; strings.Join(line, " ") != want || !total.Equal(decimal.NewFromInt(100)) {
		t.Errorf("got %s (total %s), want %s", strings.Join(line, " "), total, want)
	}
	res.Nodes[m.Len()-1].Full[0] = decimal.NewFromInt(4) // C1.10 ties with C1.4
	got, _ = paretoRows(res, newNodeTotals(res))
	if a, b := m.At(got[3].node).Code, m.At(got[4].node).Code; a != "C1.4" || b != "C1.10" {
		t.Errorf("tie broken as %s, %s; want C1.4 before C1.10 (map order)", a, b)
	}
}

// TestParetoClassEdges checks the classes when the share before a processo
// falls exactly on a threshold: the threshold belongs to the next class.
func TestParetoClassEdges(t *testing.T) {
	for _, tc := range []struct {
		costs []string
		want  string
	}{
		{[]string{"80", "10", "5", "5"}, "A B B C"},  // before: 0, 80, 90, 95
		{[]string{"79", "15", "4", "2"}, "A A B C"},  // before: 0, 79, 94, 98
		{[]string{"100"}, "A"},                       // the only processo
		{[]string{"50", "30", "15", "5"}, "A A B C"}, // before: 0, 50, 80, 95
	} {
		rows := [][3]string{{"C", "", "C"}, {"C1", "", "T"}}
		for k := range tc.costs {
			rows = append(rows, [3]string{fmt.Sprintf("C1.%d", k+1), "", "P"})
		}
		m := fixture.BuildMap(t, rows)
		res := &costing.Result{Map: m, Nodes: make([]costing.Figures, m.Len())}
		for k, c := range tc.costs {
			i, _ := m.Index(model.Code(fmt.Sprintf("C1.%d", k+1)))
			res.Nodes[i].Full[0] = decimal.RequireFromString(c)
		}
		got, _ := paretoRows(res, newNodeTotals(res))
		var classes []string
		for _, r := range got {
			classes = append(classes, r.class)
		}
		if g := strings.Join(classes, " "); g != tc.want {
			t.Errorf("costs %v: classes %s, want %s", tc.costs, g, tc.want)
		}
	}
}

// TestParetoSheet checks the sheet's totals and percentages are numbers.
func TestParetoSheet(t *testing.T) {
	res := fixture.Result(t)
	b := openBook(t, writeBook(t, WriteCostiWorkbook, res))
	rows, _ := paretoRows(res, newNodeTotals(res))
	for k, r := range rows {
		row := firstData + k
		if got := b.value(SheetPareto, cell(2, row)); got != string(res.Map.At(r.node).Code) {
			t.Errorf("rank %d is %s, want %s", k+1, got, res.Map.At(r.node).Code)
		}
		cum, err := strconv.ParseFloat(b.value(SheetPareto, cell(7, row)), 64)
		if err != nil || cum != r.cum.InexactFloat64() {
			t.Errorf("rank %d cumulative %v, want %s", k+1, cum, r.cum)
		}
		if got := b.value(SheetPareto, cell(8, row)); got != r.class {
			t.Errorf("rank %d class %s, want %s", k+1, got, r.class)
		}
	}
	if !strings.Contains(b.value(SheetPareto, "A3"), "precedono: classe A finché è inferiore all'80%") {
		t.Error("the sheet does not state the thresholds")
	}
}

// TestMetodoSheet checks the run is described: run id, engine version,
// every input file with its hash, the warnings and the method.
func TestMetodoSheet(t *testing.T) {
	res := fixture.Result(t)
	info := fixtureInfo(res)
	b := openBook(t, writeBook(t, WriteCostiWorkbook, res))
	var text []string
	for _, row := range b.cells(SheetMetodo) {
		for _, c := range row {
			text = append(text, c.value)
		}
	}
	all := strings.Join(text, "\n")
	want := []string{info.RunID, info.Version, "Diretto (scelto)", "mq", "colonna sconosciuta, ignorata"}
	for _, f := range res.Inputs.Files {
		want = append(want, f.Name, f.SHA256)
	}
	for _, w := range want {
		if !strings.Contains(all, w) {
			t.Errorf("Metodo does not mention %q", w)
		}
	}
}
