package costing

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"camcost/inputs"
	"camcost/inputs/generate"
	"camcost/model"
	"camcost/seeds"
)

// checkResult verifies, independently of the engine's own check, that every
// cost voce conserves to the cent, that each node's figures add up, and that
// summing the trace reproduces every figure of every node.
func checkResult(res *Result) error {
	in := res.Inputs
	var ledger [model.NumVoci]decimal.Decimal
	for _, l := range in.Ledger {
		v, _ := model.VoceIndex(l.Voce)
		ledger[v] = ledger[v].Add(l.Importo)
	}
	var full, direct [model.NumVoci]decimal.Decimal
	m := res.Map
	for i, n := range m.Nodes() {
		f := res.Nodes[i]
		if n.Bookable() && len(m.ChildIndexes(i)) == 0 {
			for c, v := range model.CostVoci() {
				vi, _ := model.VoceIndex(v)
				full[vi] = full[vi].Add(f.Full[c])
				direct[vi] = direct[vi].Add(f.Direct[c])
			}
		}
		for c := range model.NumCostVoci {
			if !f.Full[c].Equal(f.Direct[c].Add(f.FromCoordination[c]).Add(f.FromSupport[c]).Add(f.ToOthers[c])) {
				return fmt.Errorf("%s: full != direct + received + given", n.Code)
			}
			if f.Full[c].Exponent() < -2 || f.Direct[c].Exponent() < -2 {
				return fmt.Errorf("%s: figure not in cents: %s", n.Code, f.Full[c])
			}
		}
		if res.Roles[i] == Support && isRegularServizio(n) && !Total(f.Full).IsZero() {
			return fmt.Errorf("support servizio %s keeps %s", n.Code, Total(f.Full))
		}
	}
	// Coordination never leaves its tema: what a tema received and what
	// its coordinamento and formazione nodes gave are each within a cent
	// of the same exact amount, so they differ by no more cents than the
	// tema has such nodes.
	for i, n := range m.Nodes() {
		if n.Level != model.LevelTema {
			continue
		}
		start, end := m.Subtree(i)
		var gave decimal.Decimal
		givers := 0
		for j := start; j < end; j++ {
			if k := m.At(j).Kind; k == model.KindCoordinamento || k == model.KindFormazione {
				gave = gave.Add(Total(res.Nodes[j].ToOthers))
				givers++
			}
		}
		got := Total(res.Nodes[i].FromCoordination)
		if d := got.Add(gave).Abs(); d.GreaterThan(decimal.New(int64(givers), -2)) {
			return fmt.Errorf("tema %s: received %s from coordination, its %d nodes gave %s", n.Code, got, givers, gave.Neg())
		}
	}
	for _, v := range model.CostVoci() {
		vi, _ := model.VoceIndex(v)
		if !full[vi].Equal(ledger[vi]) || !direct[vi].Equal(ledger[vi]) {
			return fmt.Errorf("%s: ledger %s, full %s, direct %s", v, ledger[vi], full[vi], direct[vi])
		}
	}
	if err := checkTree(res, ledger); err != nil {
		return err
	}
	// Trace: own sums per node, rolled up, equal the figures.
	type key struct {
		f Figure
		v int
	}
	own := make([]map[key]decimal.Decimal, m.Len())
	for i := range own {
		own[i] = map[key]decimal.Decimal{}
	}
	for s := range res.Steps() {
		i, ok := m.Index(s.Target)
		if !ok {
			return fmt.Errorf("trace targets unknown node %s", s.Target)
		}
		v, _ := model.VoceIndex(s.Voce)
		k := key{s.Figure, v}
		own[i][k] = own[i][k].Add(s.Amount)
	}
	for i := m.Len() - 1; i >= 0; i-- {
		f := res.Nodes[i]
		for c, v := range model.CostVoci() {
			vi, _ := model.VoceIndex(v)
			for fig, want := range map[Figure]decimal.Decimal{Direct: f.Direct[c], FromCoordination: f.FromCoordination[c], FromSupport: f.FromSupport[c], ToOthers: f.ToOthers[c]} {
				if got := own[i][key{fig, vi}]; !got.Equal(want) {
					return fmt.Errorf("trace of %s %s %s sums to %s, costs say %s", m.At(i).Code, v, fig, got, want)
				}
			}
		}
		for v, vi := range model.Voci() {
			if vi.Section == model.OneriCorrenti {
				continue
			}
			if got := own[i][key{Direct, v}]; !got.Equal(f.Stage1[v]) {
				return fmt.Errorf("trace of %s %s sums to %s, stage 1 says %s", m.At(i).Code, vi.Key, got, f.Stage1[v])
			}
		}
		if p := m.ParentIndex(i); p >= 0 {
			for k, a := range own[i] {
				own[p][k] = own[p][k].Add(a)
			}
		}
	}
	return nil
}

// checkTree verifies that every node's figures are the sums of its
// children's, that stage 1 spreads every voce of the ledger, revenues
// included, to the cent, and that the checked totals say so. A servizio
// keeps the voci other than the oneri correnti that stage 1 put on it
// (stage 4 moves only costs): for those, the trace check above covers it.
func checkTree(res *Result, ledger [model.NumVoci]decimal.Decimal) error {
	m := res.Map
	for i, n := range m.Nodes() {
		children := m.ChildIndexes(i)
		if len(children) == 0 {
			continue
		}
		var sum Figures
		for _, c := range children {
			sum.Add(res.Nodes[c])
		}
		got := res.Nodes[i]
		if n.Bookable() {
			for v, vi := range model.Voci() {
				if vi.Section != model.OneriCorrenti {
					got.Stage1[v], sum.Stage1[v] = decimal.Zero, decimal.Zero
				}
			}
		}
		if fingerprintOf(got) != fingerprintOf(sum) {
			return fmt.Errorf("%s: figures %s, its children sum to %s", n.Code, fingerprintOf(got), fingerprintOf(sum))
		}
	}
	var stage1 [model.NumVoci]decimal.Decimal
	for i, n := range m.Nodes() {
		if n.Level == model.LevelMacro {
			for v := range model.NumVoci {
				stage1[v] = stage1[v].Add(res.Nodes[i].Stage1[v])
			}
		}
	}
	if len(res.Totals) != model.NumVoci {
		return fmt.Errorf("%d totals, want one per voce (%d)", len(res.Totals), model.NumVoci)
	}
	for v, vi := range model.Voci() {
		if !stage1[v].Equal(ledger[v]) {
			return fmt.Errorf("%s: ledger %s, stage 1 of the macro funzioni %s", vi.Key, ledger[v], stage1[v])
		}
		if t := res.Totals[v]; t.Voce != vi.Key || !t.Ledger.Equal(ledger[v]) || !t.Difference().IsZero() {
			return fmt.Errorf("%s: totals %+v, ledger %s", vi.Key, t, ledger[v])
		}
	}
	return nil
}

// fingerprint renders every figure of a result, for comparisons.
func fingerprint(res *Result) string {
	var b strings.Builder
	for i, n := range res.Map.Nodes() {
		fmt.Fprintf(&b, "%s %s\n", n.Code, fingerprintOf(res.Nodes[i]))
	}
	return b.String()
}

// fingerprintOf renders the figures of one node.
func fingerprintOf(f Figures) string {
	var b strings.Builder
	b.WriteString(f.FTE.StringFixed(4))
	for c := range model.NumCostVoci {
		fmt.Fprintf(&b, " %s/%s/%s/%s/%s", f.Direct[c].StringFixed(2), f.FromCoordination[c].StringFixed(2),
			f.FromSupport[c].StringFixed(2), f.ToOthers[c].StringFixed(2), f.Full[c].StringFixed(2))
	}
	for v := range model.NumVoci {
		fmt.Fprintf(&b, " %s", f.Stage1[v].StringFixed(2))
	}
	return b.String()
}

func TestPropertiesOnRandomInputs(t *testing.T) {
	costed := 0
	for seed := range uint64(300) {
		in := randomInputs(seed)
		res, err := Compute(in)
		if err != nil {
			var ps model.Problems
			if !errors.As(err, &ps) {
				t.Fatalf("seed %d: error is not a list of problems: %v", seed, err)
			}
			continue
		}
		costed++
		if err := checkResult(res); err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		// Same result whatever the order of the input rows.
		r := rand.New(rand.NewPCG(seed, 7))
		shuffled := *in
		shuffled.People = slices.Clone(in.People)
		r.Shuffle(len(shuffled.People), func(i, j int) { shuffled.People[i], shuffled.People[j] = shuffled.People[j], shuffled.People[i] })
		shuffled.Ledger = slices.Clone(in.Ledger)
		r.Shuffle(len(shuffled.Ledger), func(i, j int) { shuffled.Ledger[i], shuffled.Ledger[j] = shuffled.Ledger[j], shuffled.Ledger[i] })
		shuffled.Drivers = slices.Clone(in.Drivers)
		r.Shuffle(len(shuffled.Drivers), func(i, j int) { shuffled.Drivers[i], shuffled.Drivers[j] = shuffled.Drivers[j], shuffled.Drivers[i] })
		res2, err := Compute(&shuffled)
		if err != nil {
			t.Fatalf("seed %d: shuffled rows fail: %v", seed, err)
		}
		if a, b := fingerprint(res), fingerprint(res2); a != b {
			t.Fatalf("seed %d: result depends on row order", seed)
		}
	}
	if costed < 100 {
		t.Errorf("only %d of 300 random inputs could be costed; the generator is too hostile to test much", costed)
	}
}

// With FTE as the only support driver, every support servizio sends to the
// receivers in proportion to their FTE, so all three methods put the same
// exact costo pieno on every receiving attività: rounded, each within a
// cent of it, they differ by a cent at most.
func TestMethodsAgreeWhenDriversAreFTE(t *testing.T) {
	compared := 0
	for seed := range uint64(200) {
		in := randomInputs(seed)
		in.Settings.SupportDrivers = nil
		var want []decimal.Decimal
		ok := true
		for _, method := range model.Methods() {
			in.Settings.Method = method
			res, err := Compute(in)
			if err != nil {
				ok = false
				break
			}
			got := receiverFull(res)
			if method == model.MethodDiretto {
				want = got
			} else if err := withinACent(got, want); err != nil {
				t.Fatalf("seed %d: %s disagrees with diretto: %v", seed, method, err)
			}
		}
		if ok {
			compared++
		}
	}
	if compared < 50 {
		t.Errorf("only %d inputs compared", compared)
	}
}

// withinACent reports the first position where got and want differ by
// more than a cent.
func withinACent(got, want []decimal.Decimal) error {
	if len(got) != len(want) {
		return fmt.Errorf("%d figures, want %d", len(got), len(want))
	}
	for k := range got {
		if d := got[k].Sub(want[k]).Abs(); d.GreaterThan(decimal.New(1, -2)) {
			return fmt.Errorf("figure %d: %s, want %s", k, got[k], want[k])
		}
	}
	return nil
}

// The same properties on realistic chambers from the generator, with the
// official map.
func TestPropertiesOnGeneratedInputs(t *testing.T) {
	m, err := seeds.Map()
	if err != nil {
		t.Fatal(err)
	}
	for _, seed := range []uint64{1, 2, 3} {
		dir := filepath.Join(t.TempDir(), "in")
		if err := generate.Generate(dir, m, generate.Config{People: 60 + 40*int(seed), Bodies: 1, Seed: seed, Format: generate.CSVIt}); err != nil {
			t.Fatal(err)
		}
		in, err := inputs.Read(dir, inputs.Options{DefaultMap: m})
		if err != nil {
			t.Fatal(err)
		}
		var want []decimal.Decimal
		for _, method := range model.Methods() {
			in.Settings.Method = method
			res, err := Compute(in)
			if err != nil {
				t.Fatalf("seed %d %s: %v", seed, method, err)
			}
			if err := checkResult(res); err != nil {
				t.Fatalf("seed %d %s: %v", seed, method, err)
			}
			// Reversed rows give the same figures.
			rev := *in
			rev.People = slices.Clone(in.People)
			slices.Reverse(rev.People)
			rev.Ledger = slices.Clone(in.Ledger)
			slices.Reverse(rev.Ledger)
			rev.Drivers = slices.Clone(in.Drivers)
			slices.Reverse(rev.Drivers)
			res2, err := Compute(&rev)
			if err != nil {
				t.Fatal(err)
			}
			if fingerprint(res) != fingerprint(res2) {
				t.Fatalf("seed %d %s: result depends on row order", seed, method)
			}
			// With FTE as every support driver the methods agree on receivers.
			fte := *in
			fte.Settings.SupportDrivers = nil
			res3, err := Compute(&fte)
			if err != nil {
				t.Fatal(err)
			}
			got := receiverFull(res3)
			if method == model.MethodDiretto {
				want = got
			} else if err := withinACent(got, want); err != nil {
				t.Fatalf("seed %d: %s disagrees with diretto on receivers: %v", seed, method, err)
			}
		}
	}
}

// receiverFull lists the costo pieno of every servizio and attività under a
// receiving servizio, in map order.
func receiverFull(res *Result) []decimal.Decimal {
	var out []decimal.Decimal
	for i, n := range res.Map.Nodes() {
		if n.Level < model.LevelServizio {
			continue
		}
		if res.Roles[res.Map.AncestorAt(i, model.LevelServizio)] == Receiver {
			out = append(out, Total(res.Nodes[i].Full))
		}
	}
	return out
}
