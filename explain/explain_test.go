package explain

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"camcost/costing"
	"camcost/internal/fixture"
	"camcost/model"
)

// steps turns a costing trace into the rows trace.csv holds.
func steps(res *costing.Result) []Step {
	out := make([]Step, 0, res.NumSteps())
	for s := range res.Steps() {
		st := Step{
			Stage: int(s.Stage), Target: s.Target, Driver: s.Driver, HasKey: s.HasKey, Key: s.Key, Share: s.Share,
			Amount: s.Amount, Voce: s.Voce, Figure: s.Figure.String(), Source: "arrotondamento",
		}
		switch {
		case s.Source.Line >= 0:
			l := res.Inputs.Ledger[s.Source.Line]
			st.Source = fmt.Sprintf("%s[%s]:%d", l.Pos.File, l.Pos.Sheet, l.Pos.Row)
			st.Conto, st.Descrizione = l.Conto, l.Descrizione
		case s.Source.Node != "":
			st.Source = string(s.Source.Node)
		}
		out = append(out, st)
	}
	return out
}

// figures is a node's row of costs.csv.
func figures(res *costing.Result, code model.Code) Figures {
	f, _ := res.Figures(code)
	return Figures{
		FTE: f.FTE, Direct: costing.Total(f.Direct), FromCoordination: costing.Total(f.FromCoordination),
		FromSupport: costing.Total(f.FromSupport), ToOthers: costing.Total(f.ToOthers), Full: costing.Total(f.Full),
	}
}

func explainNode(t *testing.T, res *costing.Result, trace []Step, code model.Code, opt Options, staff *Staff) *Explanation {
	t.Helper()
	b, err := New(res.Map, code, opt)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range trace {
		if b.Wants(string(s.Target), s.Source) {
			b.Add(s)
		}
	}
	b.SetStaff(staff, "")
	e, err := b.Explain(figures(res, code))
	if err != nil {
		t.Fatalf("%s: %v", code, err)
	}
	return e
}

// For every node of the fixture, under every method, with and without
// folding and the split by qualifica, the rows add up exactly to the
// node's costo pieno, and no row names a person.
func TestRowsAddUpToFull(t *testing.T) {
	for _, method := range []model.Method{model.MethodDiretto, model.MethodScalare, model.MethodReciproco} {
		in := fixture.Inputs(t)
		in.Settings.Method = method
		res, err := costing.Compute(in)
		if err != nil {
			t.Fatal(err)
		}
		trace := steps(res)
		staff := NewStaff(in, nil)
		for _, n := range res.Map.Nodes() {
			for _, opt := range []Options{{Lines: 1}, {Lines: -1}} {
				e := explainNode(t, res, trace, n.Code, opt, staff)
				var sum decimal.Decimal
				for _, r := range e.Rows() {
					sum = sum.Add(r.Amount)
					for _, p := range in.People {
						if strings.Contains(r.Description, string(p.Matricola)) {
							t.Errorf("%s %s: row %q names %s", method, n.Code, r.Description, p.Matricola)
						}
					}
				}
				want := figures(res, n.Code).Full
				if !sum.Equal(want) {
					t.Errorf("%s %s: rows sum to %s, costo pieno %s", method, n.Code, sum, want)
				}
			}
		}
	}
}

// The rows of one receiver servizio of the fixture, by stage: what each
// stage contributed, read off the trace by hand.
func TestServizioStages(t *testing.T) {
	res := fixture.Result(t)
	trace := steps(res)
	e := explainNode(t, res, trace, "C1.1.1", Options{Lines: -1}, nil)

	want := map[int]decimal.Decimal{}
	for _, s := range trace {
		if !s.Voce.IsCost() || !strings.HasPrefix(string(s.Target), "C1.1.1") {
			continue
		}
		want[s.Stage] = want[s.Stage].Add(s.Amount)
	}
	got := map[int]decimal.Decimal{}
	for _, r := range e.Rows() {
		got[r.Stage] = got[r.Stage].Add(r.Amount)
	}
	for stage := 1; stage <= 5; stage++ {
		if !got[stage].Equal(want[stage]) {
			t.Errorf("stage %d: got %s, want %s", stage, got[stage], want[stage])
		}
	}
	// Stage 4 shows each attività and the outflow, which cancel out.
	var acts []string
	for _, r := range e.Rows() {
		if r.Stage == StageAttivita {
			acts = append(acts, r.Description)
		}
	}
	if len(acts) != 3 || !strings.Contains(acts[0], "all'attività C1.1.1.") || !strings.HasPrefix(acts[2], "uscita dal servizio verso le sue attività") {
		t.Errorf("stage 4 rows: %q", acts)
	}
	if !want[StageAttivita].IsZero() {
		t.Errorf("stage 4 of a servizio sums to %s, want 0", want[StageAttivita])
	}
}

// An attività shows what it received from its servizio, figure by
// figure; a support node says why its costo pieno is zero.
func TestAttivitaAndSupport(t *testing.T) {
	res := fixture.Result(t)
	trace := steps(res)
	e := explainNode(t, res, trace, "D1.1.1.1", Options{}, nil)
	var texts []string
	for _, r := range e.Rows() {
		if r.Stage == StageAttivita {
			texts = append(texts, r.Description)
		}
	}
	if len(texts) != 2 || !slices.Contains(texts, "dal servizio D1.1.1 «Certificazione per l'estero»: costo diretto (per FTE registrati sulle attività, quota 71,43%)") {
		t.Errorf("stage 4 rows of D1.1.1.1: %q", texts)
	}

	e = explainNode(t, res, trace, "B1.1.1", Options{}, nil)
	if !e.Support || !e.Figures.Full.IsZero() {
		t.Fatalf("B1.1.1: support %v, full %s", e.Support, e.Figures.Full)
	}
	var out *Row
	for _, r := range e.Rows() {
		if r.Stage == StageSupport {
			out = &r
		}
	}
	if out == nil || !strings.HasPrefix(out.Description, "B1.1.1 «Gestione della contabilità» (servizio di supporto) ha ceduto") ||
		len(out.Details) == 0 || !strings.HasPrefix(out.Details[0].Text, "a ") {
		t.Errorf("B1.1.1 stage 3 row: %+v", out)
	}
}

// Lines folds every list but the first rows into one row that counts them.
func TestFold(t *testing.T) {
	res := fixture.Result(t)
	trace := steps(res)
	all := explainNode(t, res, trace, "C", Options{Lines: -1}, nil)
	two := explainNode(t, res, trace, "C", Options{Lines: 2}, nil)
	count := func(e *Explanation) (ledger, folded int) {
		for _, r := range e.Rows() {
			switch {
			case r.Kind == KindLedger:
				ledger++
			case r.Kind == KindFolded && r.Stage == StageDirect:
				folded = r.Count
			}
		}
		return
	}
	l1, f1 := count(all)
	l2, f2 := count(two)
	if f1 != 0 || l2 != 2 || f2 != l1-2 {
		t.Errorf("all: %d lines, %d folded; two: %d lines, %d folded", l1, f1, l2, f2)
	}
	if !two.Total().Equal(all.Total()) {
		t.Errorf("folding changed the total: %s vs %s", two.Total(), all.Total())
	}
	rows := two.Sections[0].Rows
	for i := 1; i < 2; i++ {
		if rows[i].Amount.Abs().GreaterThan(rows[i-1].Amount.Abs()) {
			t.Errorf("ledger lines not largest first: %s after %s", rows[i].Amount, rows[i-1].Amount)
		}
	}
}

// Rows of personnel cost spread by people's pay are split by qualifica;
// the engine's keys and the staff's parts must agree.
func TestPersonnelSplit(t *testing.T) {
	in := fixture.Inputs(t)
	// Six more people on C1.1.1 so that qualifiche can be shown.
	for n, q := range []string{"C", "C", "D", "D", "D", "Dirigente"} {
		in.People = append(in.People, model.Person{
			Matricola: model.Matricola(fmt.Sprintf("MAT-09%02d", n)), Qualifica: q, FTE: fixture.Dec("1"), Mesi: fixture.Dec("12"),
			Pay: fixture.Dec(fmt.Sprintf("%d", 30000+1000*n)), Bookings: []model.Booking{{Code: "C1.1.1", Qty: fixture.Dec("100")}},
		})
	}
	res, err := costing.Compute(in)
	if err != nil {
		t.Fatal(err)
	}
	trace := steps(res)
	under := func(c model.Code) bool { return strings.HasPrefix(string(c), "C1.1.1") }
	e := explainNode(t, res, trace, "C1.1.1", Options{}, NewStaff(in, under))
	var got []string
	for _, r := range e.Rows() {
		if r.Kind == KindQualifica {
			got = append(got, fmt.Sprintf("%s %d", r.Source, r.Count))
		}
	}
	// C1.1.1 and its attività: MAT-0104 and MAT-0105 (C) and the six: C
	// 4, D 3, Dirigente 1; the Dirigente alone would tell a pay, so the
	// smallest qualifica shown, D, joins him.
	if got, want := strings.Join(got, "; "), "qualifica:C 4; altre qualifiche 4"; got != want {
		t.Errorf("qualifica rows: got %q, want %q", got, want)
	}
	if len(e.Notes) > 0 && strings.Contains(strings.Join(e.Notes, " "), "non è suddiviso") {
		t.Errorf("notes: %q", e.Notes)
	}

	// Staff that does not match the run: the rows stay ledger lines.
	other := fixture.Inputs(t)
	e = explainNode(t, res, trace, "C1.1.1", Options{}, NewStaff(other, nil))
	for _, r := range e.Rows() {
		if r.Kind == KindQualifica {
			t.Errorf("split with the wrong staff: %q", r.Description)
		}
	}
	if !strings.Contains(strings.Join(e.Notes, " "), "non danno la chiave") {
		t.Errorf("notes: %q", e.Notes)
	}
}

func TestFoldQualifiche(t *testing.T) {
	group := func(name string, people ...int) *qualificaAcc {
		a := &qualificaAcc{name: name, amount: decimal.NewFromInt(int64(1000 * len(people))), people: map[int]bool{}}
		for _, p := range people {
			a.people[p] = true
		}
		return a
	}
	tests := []struct {
		name   string
		groups []*qualificaAcc
		want   string
	}{
		{"all large", []*qualificaAcc{group("C", 1, 2, 3, 4), group("D", 5, 6, 7)}, "C 4, D 3"},
		{"small ones folded", []*qualificaAcc{group("C", 1, 2, 3, 4), group("D", 5, 6), group("Dirigente", 7)}, "C 4, altre qualifiche 3"},
		{"a fold of one takes the smallest", []*qualificaAcc{group("C", 1, 2, 3, 4), group("D", 5, 6, 7), group("B", 8)}, "C 4, altre qualifiche 4"},
		{"everything folded", []*qualificaAcc{group("C", 1, 2, 3), group("B", 4)}, "altre qualifiche 4"},
		{"fewer than three people", []*qualificaAcc{group("C", 1), group("D", 2)}, "nil"},
		{"one qualifica of three", []*qualificaAcc{group("C", 1, 2, 3)}, "C 3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			byQ := map[string]*qualificaAcc{}
			for _, g := range tt.groups {
				byQ[g.name] = g
			}
			got := "nil"
			if gs := foldQualifiche(byQ); gs != nil {
				var parts []string
				for _, g := range gs {
					parts = append(parts, fmt.Sprintf("%s %d", g.name, len(g.people)))
				}
				got = strings.Join(parts, ", ")
			}
			if got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
}

func TestLookup(t *testing.T) {
	m := fixture.Result(t).Map
	tests := []struct {
		code, want string
	}{
		{"C1.1.1", ""},
		{" C1.1.1 ", ""},
		{"c1.1.1", `il codice "c1.1.1" non è un nodo della mappa dei processi di questo calcolo; forse si intende C1.1.1 «Iscrizioni e depositi»?`},
		{"C1.1.9", "forse si intende uno di questi: C1.1.1 «Iscrizioni e depositi», C1.1.2 «Certificazione anagrafica», C1.1.F"},
		{"Z1.1.1.1.1", "il nodo più vicino è Z1.1.1 «Stazioni sperimentali»"},
		{"Q", `il codice "Q" non è un nodo della mappa dei processi di questo calcolo (camcost map`},
	}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			_, err := Lookup(m, tt.code)
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("got %v, want no error", err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Errorf("got %v, want %q", err, tt.want)
			}
		})
	}
}
