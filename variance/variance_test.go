package variance

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"camcost/model"
)

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// figs builds a leaf's figures: fte, personale, other direct, from
// coordination, from support, to others; full follows.
func figs(fte, pers, other, fc, fs, to string) Figures {
	f := Figures{FTE: dec(fte), Personale: dec(pers), FromCoordination: dec(fc), FromSupport: dec(fs), ToOthers: dec(to)}
	f.Direct = f.Personale.Add(dec(other))
	f.Full = f.Direct.Add(f.Allocation())
	return f
}

func TestDecompose(t *testing.T) {
	for _, tc := range []struct {
		name string
		a, b Figures
		want Parts // FTE, Pay, OtherDirect, Allocation
	}{{
		// c_a = 40,000 per FTE; +0.5 FTE = +20,000; pay 70,000 - 60,000.
		name: "more time, same pay",
		a:    figs("1", "40000.00", "1000.00", "0", "500.00", "0"),
		b:    figs("1.5", "60000.00", "1000.00", "0", "500.00", "0"),
		want: Parts{dec("20000"), dec("0"), dec("0"), dec("0")},
	}, {
		name: "same time, higher pay, more supplies, more support",
		a:    figs("2", "80000.00", "1000.00", "100.00", "500.00", "0"),
		b:    figs("2", "84000.00", "1500.00", "100.00", "650.00", "0"),
		want: Parts{dec("0"), dec("4000"), dec("500"), dec("150")},
	}, {
		// c_a = 100/3 per FTE; 0.0001 × 100/3 = 0.00333 -> 0.00; the
		// pay takes the 2 cents.
		name: "rounding goes to pay",
		a:    figs("3", "100.00", "0", "0", "0", "0"),
		b:    figs("3.0001", "100.02", "0", "0", "0", "0"),
		want: Parts{dec("0"), dec("0.02"), dec("0"), dec("0")},
	}, {
		// (0.00015 ... ) half a cent rounds away from zero.
		name: "half a cent",
		a:    figs("2", "1.00", "0", "0", "0", "0"),
		b:    figs("2.0100", "1.01", "0", "0", "0", "0"),
		want: Parts{dec("0.01"), dec("0"), dec("0"), dec("0")},
	}, {
		name: "new leaf: fte_a zero",
		a:    Figures{},
		b:    figs("0.5", "20000.00", "300.00", "10.00", "90.00", "0"),
		want: Parts{dec("20000"), dec("0"), dec("300"), dec("100")},
	}, {
		name: "leaf gone",
		a:    figs("0.5", "20000.00", "300.00", "10.00", "90.00", "0"),
		b:    Figures{},
		want: Parts{dec("-20000"), dec("0"), dec("-300"), dec("-100")},
	}, {
		name: "support leaf gives everything away",
		a:    figs("1", "30000.00", "5000.00", "0", "0", "-35000.00"),
		b:    figs("1.2", "37200.00", "5000.00", "0", "0", "-42200.00"),
		want: Parts{dec("6000"), dec("1200"), dec("0"), dec("-7200")},
	}, {
		name: "personnel cost without time",
		a:    figs("0", "1000.00", "0", "0", "0", "0"),
		b:    figs("0", "1500.00", "0", "0", "0", "0"),
		want: Parts{dec("500"), dec("0"), dec("0"), dec("0")},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			got := Decompose(tc.a, tc.b)
			if !got.FTE.Equal(tc.want.FTE) || !got.Pay.Equal(tc.want.Pay) || !got.OtherDirect.Equal(tc.want.OtherDirect) || !got.Allocation.Equal(tc.want.Allocation) {
				t.Errorf("got %v, want %v", got, tc.want)
			}
			if delta := tc.b.Full.Sub(tc.a.Full); !got.Sum().Equal(delta) {
				t.Errorf("parts add up to %s, delta %s", got.Sum(), delta)
			}
		})
	}
}

// buildMap builds a map from codes: levels and parents follow from the
// codes, ".C" is a coordinamento node and ".F" a formazione one.
func buildMap(t testing.TB, codes []string) *model.Map {
	t.Helper()
	var nodes []model.Node
	for _, c := range codes {
		n := model.Node{Code: model.Code(c), Name: "nodo " + c}
		segs := strings.Split(c, ".")
		switch {
		case len(segs) == 1 && len(c) == 1:
			n.Level = model.LevelMacro
		case len(segs) == 1:
			n.Level, n.Parent = model.LevelTema, model.Code(c[:1])
		default:
			n.Level = model.Level(len(segs) + 1)
			n.Parent = model.Code(strings.Join(segs[:len(segs)-1], "."))
		}
		switch last := segs[len(segs)-1]; {
		case len(segs) == 1:
		case last == "C":
			n.Kind = model.KindCoordinamento
		case last == "F":
			n.Kind = model.KindFormazione
		}
		nodes = append(nodes, n)
	}
	m, err := model.NewMap(nodes)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// rollUp makes a run from leaf figures: every parent is the sum of its
// children.
func rollUp(m *model.Map, leaf map[model.Code]Figures) Run {
	r := Run{Map: m, Nodes: make([]Figures, m.Len())}
	for i := m.Len() - 1; i >= 0; i-- {
		if len(m.ChildIndexes(i)) == 0 {
			r.Nodes[i] = leaf[m.At(i).Code]
		}
		if p := m.ParentIndex(i); p >= 0 {
			r.Nodes[p].Add(r.Nodes[i])
		}
	}
	return r
}

// randomUniverse lists the codes of a random map with every kind of node.
func randomUniverse(r *rand.Rand) []string {
	var codes []string
	for _, macro := range []string{"A", "B", "C", "D"}[:2+r.IntN(3)] {
		codes = append(codes, macro)
		for t := 1; t <= 1+r.IntN(2); t++ {
			tema := fmt.Sprintf("%s%d", macro, t)
			codes = append(codes, tema)
			if r.IntN(2) == 0 {
				codes = append(codes, tema+".C")
			}
			for f := 1; f <= 1+r.IntN(3); f++ {
				fn := fmt.Sprintf("%s.%d", tema, f)
				codes = append(codes, fn)
				if r.IntN(3) == 0 {
					codes = append(codes, fn+".F")
				}
				for s := 1; s <= r.IntN(3); s++ {
					sv := fmt.Sprintf("%s.%d", fn, s)
					codes = append(codes, sv)
					for a := 1; a <= r.IntN(4); a++ {
						codes = append(codes, fmt.Sprintf("%s.%d", sv, a))
					}
				}
			}
		}
	}
	return codes
}

// randomRun keeps a random part of the universe (every macro funzione,
// and each other node with its parent) and gives its leaves random
// figures in cents and FTE to four places, zero now and then.
func randomRun(t testing.TB, r *rand.Rand, universe []string) Run {
	kept := map[string]bool{}
	var codes []string
	for _, c := range universe {
		parent := ""
		if i := strings.LastIndex(c, "."); i >= 0 {
			parent = c[:i]
		} else if len(c) > 1 {
			parent = c[:1]
		}
		if parent != "" && (!kept[parent] || r.IntN(8) == 0) {
			continue
		}
		kept[c] = true
		codes = append(codes, c)
	}
	m := buildMap(t, codes)
	cents := func(max int64) decimal.Decimal {
		if r.IntN(6) == 0 {
			return decimal.Zero
		}
		return decimal.New(r.Int64N(max), -2)
	}
	leaf := map[model.Code]Figures{}
	for i, n := range m.Nodes() {
		if len(m.ChildIndexes(i)) > 0 {
			continue
		}
		f := Figures{
			FTE:              decimal.New(r.Int64N(30000), -4),
			Personale:        cents(8_000_000),
			FromCoordination: cents(500_000),
			FromSupport:      cents(2_000_000),
			ToOthers:         cents(3_000_000).Neg(),
		}
		if r.IntN(5) == 0 {
			f.FTE = decimal.Zero
		}
		f.Direct = f.Personale.Add(cents(4_000_000))
		f.Full = f.Direct.Add(f.Allocation())
		leaf[n.Code] = f
	}
	return rollUp(m, leaf)
}

// The parts add up to delta at every node, at every level, and every
// parent's parts are the sums of its children's, on random pairs of runs
// whose maps differ (nodes added, removed, servizi gaining or losing
// their attività).
func TestPartsAddUpProperty(t *testing.T) {
	r := rand.New(rand.NewPCG(15, 2026))
	for k := range 500 {
		universe := randomUniverse(r)
		a, b := randomRun(t, r, universe), randomRun(t, r, universe)
		c, err := Compare(a, b)
		if err != nil {
			t.Fatalf("case %d: %v", k, err)
		}
		for i, row := range c.Rows {
			n := c.Map.At(i)
			if got, want := row.Parts.Sum(), row.Delta; !got.Equal(want) {
				t.Fatalf("case %d, %s: parts add up to %s, delta %s", k, n.Code, got, want)
			}
			for _, p := range []decimal.Decimal{row.Parts.FTE, row.Parts.Pay, row.Parts.OtherDirect, row.Parts.Allocation} {
				if !p.Equal(p.Round(2)) {
					t.Fatalf("case %d, %s: part %s is not in cents", k, n.Code, p)
				}
			}
			if kids := c.Map.ChildIndexes(i); len(kids) > 0 && row.Status != OnlyA && row.Status != OnlyB {
				var sum Parts
				for _, ch := range kids {
					sum.Add(c.Rows[ch].Parts)
				}
				own := Parts{}
				ia, _ := a.Map.Index(n.Code)
				ib, _ := b.Map.Index(n.Code)
				leafA, leafB := len(a.Map.ChildIndexes(ia)) == 0, len(b.Map.ChildIndexes(ib)) == 0
				if leafA || leafB {
					var oa, ob Figures
					if leafA {
						oa = a.Nodes[ia]
					}
					if leafB {
						ob = b.Nodes[ib]
					}
					own = Decompose(oa, ob)
				}
				sum.Add(own)
				if !(sum.FTE.Equal(row.Parts.FTE) && sum.Pay.Equal(row.Parts.Pay) &&
					sum.OtherDirect.Equal(row.Parts.OtherDirect) && sum.Allocation.Equal(row.Parts.Allocation)) {
					t.Fatalf("case %d, %s: parts %v, children's %v", k, n.Code, row.Parts, sum)
				}
			}
			var want Status
			_, inA := a.Map.Index(n.Code)
			_, inB := b.Map.Index(n.Code)
			switch {
			case !inA:
				want = OnlyB
			case !inB:
				want = OnlyA
			}
			if row.Status != want {
				t.Fatalf("case %d, %s: status %s, want %s", k, n.Code, row.Status, want)
			}
		}
		// Level by level, the parts of the nodes of the level add up to
		// their deltas; at the top, to the change of the whole body.
		tot := c.Total()
		if !tot.Parts.Sum().Equal(tot.Delta) {
			t.Fatalf("case %d: the body's parts add up to %s, delta %s", k, tot.Parts.Sum(), tot.Delta)
		}
		if want := b.Nodes[0].Full.Sub(a.Nodes[0].Full); c.Map.At(0).Code == "A" && !c.Rows[0].Delta.Equal(want) {
			t.Fatalf("case %d: delta of A %s, want %s", k, c.Rows[0].Delta, want)
		}
		for l := model.LevelMacro; l <= model.LevelAttivita; l++ {
			var sum Parts
			var delta decimal.Decimal
			for i, n := range c.Map.Nodes() {
				if n.Level == l {
					sum.Add(c.Rows[i].Parts)
					delta = delta.Add(c.Rows[i].Delta)
				}
			}
			if !sum.Sum().Equal(delta) {
				t.Fatalf("case %d, level %s: parts add up to %s, deltas to %s", k, l, sum.Sum(), delta)
			}
		}
	}
}
