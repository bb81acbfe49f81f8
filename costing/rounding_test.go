package costing

import (
	"errors"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/shopspring/decimal"

	"camcost/inputs"
	"camcost/inputs/generate"
	"camcost/model"
	"camcost/seeds"
)

// slack absorbs the noise that separates the engine's 12-decimal figures
// from what the rounding rounds (docs/metodo.md §12): a ten-thousandth
// of a unit.
var slack = decimal.New(1, -4)

// checkBounds verifies the bounds of docs/metodo.md §12 on every node
// of res against the exact figures:
//   - FTE, quota coordinamento, quota supporto, ceduto ad altri, costo
//     pieno, costo diretto of each voce, stage 1 of each other voce and of
//     each section of the conto economico: less than one unit (0.0001 FTE,
//     0.01 EUR) from the exact value, and equal to it when it is whole;
//   - the total costo diretto, which is the sum of its voci: less than one
//     unit per voce whose costo diretto is not exact and less than one unit
//     per figure among costo pieno, ceduto and quote that is not exact,
//     whichever is fewer (so less than 4 units);
//   - the quote and costo pieno of a single voce: within two units on the
//     leaves and, over the body, the costo pieno of each voce is the
//     ledger's.
//
// It returns the largest error of each column, in units.
func checkBounds(res *Result, exact []exactNode) (map[string]*colError, error) {
	errs := roundingErrors(res, exact)
	cols := columns()
	byName := map[string]column{}
	for _, c := range cols {
		byName[c.name] = c
	}
	one := decimal.NewFromInt(1)
	unitOf := func(c column) decimal.Decimal {
		if c.fte {
			return decimal.New(1, -model.FTEPlaces)
		}
		return decimal.New(1, -model.CentPlaces)
	}
	errOf := func(c column, i int) decimal.Decimal {
		return c.round(res.Nodes[i]).Sub(c.exact(exact[i])).Div(unitOf(c))
	}
	within := []string{"fte", "from_coordination", "from_support", "to_others", "full"}
	for _, v := range model.CostVoci() {
		within = append(within, "direct_"+string(v))
	}
	for _, vi := range model.Voci() {
		if vi.Section != model.OneriCorrenti {
			within = append(within, "stage1_"+string(vi.Key))
		}
	}
	for i, n := range res.Map.Nodes() {
		leaf := len(res.Map.ChildIndexes(i)) == 0
		for _, name := range within {
			c := byName[name]
			d := errOf(c, i)
			if d.Abs().GreaterThanOrEqual(one.Add(slack)) {
				return errs, fmt.Errorf("%s %s: %s, exact %s: off by %s units", n.Code, name, c.round(res.Nodes[i]), c.exact(exact[i]), d)
			}
			x := c.exact(exact[i]).Div(unitOf(c))
			if x.Sub(x.Round(0)).Abs().LessThan(slack) && !c.round(res.Nodes[i]).Div(unitOf(c)).Equal(x.Round(0)) {
				return errs, fmt.Errorf("%s %s: %s, exact %s is whole", n.Code, name, c.round(res.Nodes[i]), c.exact(exact[i]))
			}
		}
		// The sections of the conto economico.
		var secRound, secExact [model.RettificheValore + 1]decimal.Decimal
		for v, vi := range model.Voci() {
			if vi.Section != model.OneriCorrenti {
				secRound[vi.Section] = secRound[vi.Section].Add(res.Nodes[i].Stage1[v])
				secExact[vi.Section] = secExact[vi.Section].Add(exact[i].fig[Direct][v])
			}
		}
		for s := range secRound {
			if d := secRound[s].Sub(secExact[s]).Abs().Mul(centsPerEuro); d.GreaterThanOrEqual(one.Add(slack)) {
				return errs, fmt.Errorf("%s section %d: %s, exact %s", n.Code, s, secRound[s], secExact[s])
			}
		}
		// The total costo diretto.
		voci, figs := 0, 0
		for _, v := range model.CostVoci() {
			if !errOf(byName["direct_"+string(v)], i).IsZero() {
				voci++
			}
		}
		for _, name := range []string{"from_coordination", "from_support", "to_others", "full"} {
			if !errOf(byName[name], i).IsZero() {
				figs++
			}
		}
		if d := errOf(byName["direct"], i).Abs(); d.GreaterThanOrEqual(decimal.NewFromInt(int64(min(voci, figs))).Add(slack)) {
			return errs, fmt.Errorf("%s direct off by %s units, %d voci and %d figures not exact", n.Code, d, voci, figs)
		}
		// Quote of a single voce, on the leaves.
		if leaf {
			for _, v := range model.CostVoci() {
				for _, f := range []string{"from_coordination_", "from_support_", "to_others_", "full_"} {
					if d := errOf(byName[f+string(v)], i).Abs(); d.GreaterThanOrEqual(decimal.NewFromInt(2).Add(slack)) {
						return errs, fmt.Errorf("%s %s%s off by %s units", n.Code, f, v, d)
					}
				}
			}
		}
	}
	return errs, nil
}

// checkSums verifies that every parent equals the sum of its children (and,
// for FTE, of what was booked on the parent itself, within a unit of its
// exact value) and every row adds up, for every figure.
func checkSums(res *Result, exact []exactNode) error {
	m := res.Map
	for i, n := range m.Nodes() {
		f := res.Nodes[i]
		for c := range model.NumCostVoci {
			row := f.Direct[c].Add(f.FromCoordination[c]).Add(f.FromSupport[c]).Add(f.ToOthers[c])
			if !row.Equal(f.Full[c]) {
				return fmt.Errorf("%s %s: direct+from_coordination+from_support+to_others = %s, full %s", n.Code, model.CostVoci()[c], row, f.Full[c])
			}
		}
		kids := m.ChildIndexes(i)
		if len(kids) == 0 {
			continue
		}
		var sum Figures
		for _, k := range kids {
			sum.Add(res.Nodes[k])
		}
		for c := range model.NumCostVoci {
			for _, pair := range [][2]decimal.Decimal{{f.Direct[c], sum.Direct[c]}, {f.FromCoordination[c], sum.FromCoordination[c]},
				{f.FromSupport[c], sum.FromSupport[c]}, {f.ToOthers[c], sum.ToOthers[c]}, {f.Full[c], sum.Full[c]}} {
				if !pair[0].Equal(pair[1]) {
					return fmt.Errorf("%s %s: %s, its children %s", n.Code, model.CostVoci()[c], pair[0], pair[1])
				}
			}
		}
		// FTE may also be booked on the node itself.
		ownExact := exact[i].fte
		for _, k := range kids {
			ownExact = ownExact.Sub(exact[k].fte)
		}
		if d := f.FTE.Sub(sum.FTE).Sub(ownExact).Abs(); d.GreaterThanOrEqual(decimal.New(1, -model.FTEPlaces)) {
			return fmt.Errorf("%s: FTE %s, its children %s, booked on itself %s", n.Code, f.FTE, sum.FTE, ownExact)
		}
	}
	// FTE: the body's total is the time sheets' total rounded once.
	var total decimal.Decimal
	for i := range m.Nodes() {
		if m.ParentIndex(i) < 0 {
			total = total.Add(res.Nodes[i].FTE)
		}
	}
	if !total.Equal(res.TotalFTE) {
		return fmt.Errorf("FTE of the macro funzioni sum to %s, total %s", total, res.TotalFTE)
	}
	return nil
}

// checkRounding runs every check of the rounding on a result.
func checkRounding(t *testing.T, label string, in *model.Inputs, res *Result) map[string]*colError {
	t.Helper()
	if err := checkResult(res); err != nil {
		t.Fatalf("%s: %v", label, err)
	}
	exact := exactFigures(t, in)
	if err := checkSums(res, exact); err != nil {
		t.Fatalf("%s: %v", label, err)
	}
	errs, err := checkBounds(res, exact)
	if err != nil {
		t.Fatalf("%s: %v", label, err)
	}
	return errs
}

func TestRoundingBoundsOnRandomInputs(t *testing.T) {
	costed := 0
	for seed := range uint64(200) {
		in := randomInputs(seed)
		for _, method := range model.Methods() {
			in.Settings.Method = method
			res, err := Compute(in)
			if err != nil {
				var ps model.Problems
				if !errors.As(err, &ps) {
					t.Fatalf("seed %d %s: %v", seed, method, err)
				}
				continue
			}
			costed++
			checkRounding(t, fmt.Sprintf("seed %d %s", seed, method), in, res)
		}
	}
	if costed < 200 {
		t.Errorf("only %d random inputs costed", costed)
	}
}

// generatedChamber writes a generated chamber of the given size with the
// official map and reads it back.
func generatedChamber(t *testing.T, cfg generate.Config) *model.Inputs {
	t.Helper()
	m, err := seeds.Map()
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "in")
	if err := generate.Generate(dir, m, cfg); err != nil {
		t.Fatal(err)
	}
	in, err := inputs.Read(dir, inputs.Options{DefaultMap: m})
	if err != nil {
		t.Fatal(err)
	}
	return in
}

// The bounds hold on generated chambers from 150 to 6,000 people, for the
// three methods; -v prints the largest error of every column.
func TestRoundingBoundsOnGeneratedChambers(t *testing.T) {
	cfgs := []generate.Config{generate.DemoConfig, {People: 1000, Seed: 7, Format: generate.CSV}, {People: 6000, Seed: 1, Format: generate.CSV}}
	if testing.Short() {
		cfgs = cfgs[:1]
	}
	for _, cfg := range cfgs {
		in := generatedChamber(t, cfg)
		for _, method := range model.Methods() {
			in.Settings.Method = method
			res, err := Compute(in)
			if err != nil {
				t.Fatal(err)
			}
			errs := checkRounding(t, fmt.Sprintf("%d people %s", cfg.People, method), in, res)
			t.Logf("%d people, %s: largest error per column, in units\n%s", cfg.People, method, errorReport(errs))
		}
	}
}
