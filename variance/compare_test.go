package variance

import (
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"camcost/model"
)

// A servizio that gains attività: in PRIMA its cost is its own, in DOPO
// its attività's; each attività starts from nothing. Every row still adds
// up, and the servizio's parts are its own plus its new attività's:
// C1.1.1 own -80,000 FTE (2 FTE at 40,000 leave), -2,000 other, -8,000
// allocation; its attività +63,000 and +42,000 FTE (fte_a is 0, so all of
// P), +2,000 other, +10,000 allocation.
func TestCompareServizioGainsAttivita(t *testing.T) {
	before := buildMap(t, []string{"C", "C1", "C1.1", "C1.1.1", "C1.1.2"})
	after := buildMap(t, []string{"C", "C1", "C1.1", "C1.1.1", "C1.1.1.1", "C1.1.1.2", "C1.2"})
	a := rollUp(before, map[model.Code]Figures{
		"C1.1.1": figs("2", "80000.00", "2000.00", "0", "8000.00", "0"),
		"C1.1.2": figs("1", "30000.00", "0", "0", "3000.00", "0"),
	})
	b := rollUp(after, map[model.Code]Figures{
		"C1.1.1.1": figs("1.5", "63000.00", "1000.00", "0", "6000.00", "0"),
		"C1.1.1.2": figs("1", "42000.00", "1000.00", "0", "4000.00", "0"),
	})
	c, err := Compare(a, b)
	if err != nil {
		t.Fatal(err)
	}
	want := map[model.Code]struct {
		status      Status
		delta       string
		fte, pay    string
		other, allo string
	}{
		"C":        {Both, "-6000", "-5000", "0", "0", "-1000"},
		"C1.1":     {Both, "-6000", "-5000", "0", "0", "-1000"},
		"C1.1.1":   {Both, "27000", "25000", "0", "0", "2000"},
		"C1.1.1.1": {OnlyB, "70000", "63000", "0", "1000", "6000"},
		"C1.1.1.2": {OnlyB, "47000", "42000", "0", "1000", "4000"},
		"C1.1.2":   {OnlyA, "-33000", "-30000", "0", "0", "-3000"},
		"C1.2":     {OnlyB, "0", "0", "0", "0", "0"},
	}
	for code, w := range want {
		i, ok := c.Map.Index(code)
		if !ok {
			t.Fatalf("%s missing from the comparison", code)
		}
		r := c.Rows[i]
		got := []decimal.Decimal{r.Delta, r.Parts.FTE, r.Parts.Pay, r.Parts.OtherDirect, r.Parts.Allocation}
		for k, s := range []string{w.delta, w.fte, w.pay, w.other, w.allo} {
			if !got[k].Equal(dec(s)) {
				t.Errorf("%s: got %v, want %s %s %s %s %s", code, got, w.delta, w.fte, w.pay, w.other, w.allo)
				break
			}
		}
		if r.Status != w.status {
			t.Errorf("%s: status %s, want %s", code, r.Status, w.status)
		}
	}
	tot := c.Total()
	if got, want := tot.Delta, dec("-6000"); !got.Equal(want) {
		t.Errorf("total delta %s, want %s", got, want)
	}
}

func TestCompareRefuses(t *testing.T) {
	m := buildMap(t, []string{"C", "C1", "C1.1"})
	good := rollUp(m, map[model.Code]Figures{"C1.1": figs("1", "100.00", "0", "0", "0", "0")})
	broken := rollUp(m, map[model.Code]Figures{"C1.1": figs("1", "100.00", "0", "0", "0", "0")})
	broken.Nodes[0].FTE = dec("1.0001")
	rowBroken := rollUp(m, map[model.Code]Figures{"C1.1": figs("1", "100.00", "0", "0", "0", "0")})
	rowBroken.Nodes[2].Full = dec("100.01")
	rowBroken.Nodes[1].Full = dec("100.01")
	rowBroken.Nodes[0].Full = dec("100.01")
	// The same code as a coordinamento node in one map.
	other, err := model.NewMap([]model.Node{
		{Code: "C", Level: model.LevelMacro, Name: "C"},
		{Code: "C1", Level: model.LevelTema, Parent: "C", Name: "C1"},
		{Code: "C1.1", Level: model.LevelFunzione, Parent: "C1", Kind: model.KindCoordinamento, Name: "C1.1"},
	})
	if err != nil {
		t.Fatal(err)
	}
	clash := rollUp(other, nil)
	for _, tc := range []struct {
		name string
		a, b Run
		want string
	}{
		{"parent not the sum", good, broken, "le cifre di DOPO non sono coerenti: C fte: 1.0001 diverso dalla somma dei figli (1)"},
		{"row does not add up", rowBroken, good, "le cifre di PRIMA non sono coerenti: C full: costo pieno 100.01 diverso da"},
		{"same code, another kind", good, clash, "C1.1 è funzione (regular, padre \"C1\") in PRIMA e funzione (coordinamento, padre \"C1\") in DOPO"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Compare(tc.a, tc.b)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %v, want %q", err, tc.want)
			}
		})
	}
}

func TestCompareRenamed(t *testing.T) {
	m := buildMap(t, []string{"C", "C1", "C1.1"})
	nodes := append([]model.Node(nil), m.Nodes()...)
	nodes[2].Name = "Registro delle imprese"
	m2, err := model.NewMap(nodes)
	if err != nil {
		t.Fatal(err)
	}
	c, err := Compare(rollUp(m, nil), rollUp(m2, nil))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(c.Renamed), 1; got != want {
		t.Fatalf("%d renamed, want %d", got, want)
	}
	if got := c.Renamed[0]; got.Code != "C1.1" || got.NameA != "nodo C1.1" || got.NameB != "Registro delle imprese" {
		t.Errorf("got %+v", got)
	}
	if got, want := c.Rows[2].Node.Name, "Registro delle imprese"; got != want {
		t.Errorf("row named %q, want DOPO's name %q", got, want)
	}
}

func TestUnitCosts(t *testing.T) {
	v := func(code, misura, qty, cost string, has bool) Volume {
		return Volume{Code: model.Code(code), Misura: misura, Quantity: dec(qty), Cost: dec(cost), HasCost: has}
	}
	a := []Volume{v("C1.1.1", "pratiche", "1000", "50000.00", true), v("D1.1.1", "certificati", "300", "9000.00", true),
		v("B1.1.1", "mandati", "0", "1000.00", true), v("A1", "atti", "3", "0", false)}
	b := []Volume{v("B1.1.1", "mandati", "400", "1000.00", true), v("C1.1.1", "pratiche", "1200", "54000.00", true),
		v("C1.1.1", "pratiche telematiche", "10", "1.00", true)}
	both, onlyA, onlyB := UnitCosts(a, b)
	if len(both) != 2 || len(onlyA) != 2 || len(onlyB) != 1 {
		t.Fatalf("both %d, only A %d, only B %d", len(both), len(onlyA), len(onlyB))
	}
	if got := both[0].A.Code; got != "B1.1.1" {
		t.Errorf("first pair %s, want map order", got)
	}
	if _, ok := both[0].Delta(); ok {
		t.Error("a zero quantity in PRIMA gives a delta")
	}
	d, ok := both[1].Delta()
	if !ok || !d.Equal(dec("-5")) {
		t.Errorf("delta %s %v, want -5 (45 - 50)", d, ok)
	}
	if _, ok := onlyA[0].Unit(); ok || onlyA[0].Code != "A1" {
		t.Errorf("only in PRIMA: %+v", onlyA[0])
	}
	if u, _ := onlyB[0].Unit(); !u.Equal(dec("0.1")) {
		t.Errorf("unit %s, want 0.10", u)
	}
}
