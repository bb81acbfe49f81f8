package costing

import (
	"fmt"
	"math/big"
	"testing"

	"github.com/shopspring/decimal"

	"camcost/model"
)

// Published support-allocation cases: departments of a hospital or a
// factory, some support, some operating, each with a direct cost and the
// quantities of the allocation bases. They come from the tests of BHIMA
// (IMA World Health's hospital information system,
// test/server-unit/stepdown.data.js): SAMPLE_5 (4 support, 3 operating;
// its step-down distribution is published with it), exA4 and the
// documentation example (3 support, 2 operating), ex134-136 (2 support, 2
// operating). A support department that counts in its own allocation base
// (Daycare's 5 employees, IT's 10 computers, Accounting's direct cost)
// serves itself: that share is left out and the others renormalised, as
// every method does.

type pubDept struct {
	name    string
	support bool
	direct  int64
	base    string           // allocation base of a support department
	q       map[string]int64 // quantities of every base
}

type pubCase struct {
	name  string
	depts []pubDept
}

var publishedCases = []pubCase{
	{"SAMPLE_5", []pubDept{
		{"Daycare", true, 50000, "employees", map[string]int64{"employees": 5, "computers": 2}},
		{"HR", true, 300000, "employees", map[string]int64{"employees": 4, "computers": 5}},
		{"IT", true, 200000, "computers", map[string]int64{"employees": 9, "computers": 10}},
		{"Accounting", true, 250000, "directCost", map[string]int64{"employees": 8, "computers": 10}},
		{"Cuttings", false, 500000, "", map[string]int64{"employees": 20, "computers": 6}},
		{"Assembling", false, 700000, "", map[string]int64{"employees": 50, "computers": 4}},
		{"Packaging", false, 400000, "", map[string]int64{"employees": 5, "computers": 8}},
	}},
	{"exA4", []pubDept{
		{"Administration", true, 12000000, "directCost", map[string]int64{"labWork": 0, "operations": 0}},
		{"Laboratory", true, 2000000, "labWork", map[string]int64{"labWork": 0, "operations": 0}},
		{"Theater", true, 3000000, "operations", map[string]int64{"labWork": 10, "operations": 0}},
		{"Outpatient", false, 10000000, "", map[string]int64{"labWork": 50, "operations": 20}},
		{"Wards", false, 35000000, "", map[string]int64{"labWork": 40, "operations": 80}},
	}},
	{"ex134", []pubDept{
		{"Laundry", true, 15000, "laundryVolume", map[string]int64{"area": 50000, "laundryVolume": 0, "housekeepingHours": 150}},
		{"Housekeeping", true, 30000, "housekeepingHours", map[string]int64{"area": 0, "laundryVolume": 5, "housekeepingHours": 0}},
		{"Radiology", false, 135000, "", map[string]int64{"area": 10000, "laundryVolume": 5, "housekeepingHours": 900}},
		{"Nursing", false, 170000, "", map[string]int64{"area": 140000, "laundryVolume": 90, "housekeepingHours": 1950}},
	}},
	{"ex135", []pubDept{
		{"Housekeeping", true, 30000, "housekeepingHours", map[string]int64{"area": 0, "laundryVolume": 5, "housekeepingHours": 0}},
		{"Laundry", true, 15000, "laundryVolume", map[string]int64{"area": 50000, "laundryVolume": 0, "housekeepingHours": 150}},
		{"Radiology", false, 135000, "", map[string]int64{"area": 10000, "laundryVolume": 5, "housekeepingHours": 900}},
		{"Nursing", false, 270000, "", map[string]int64{"area": 140000, "laundryVolume": 90, "housekeepingHours": 1950}},
	}},
	{"ex136", []pubDept{
		{"Housekeeping", true, 30000, "area", map[string]int64{"area": 0, "laundryVolume": 5, "housekeepingHours": 0}},
		{"Laundry", true, 15000, "laundryVolume", map[string]int64{"area": 50000, "laundryVolume": 0, "housekeepingHours": 150}},
		{"Radiology", false, 135000, "", map[string]int64{"area": 10000, "laundryVolume": 5, "housekeepingHours": 900}},
		{"Nursing", false, 270000, "", map[string]int64{"area": 140000, "laundryVolume": 90, "housekeepingHours": 1950}},
	}},
	{"documentation", []pubDept{
		{"Laundry", true, 7000, "laundryVolume", map[string]int64{"area": 50, "laundryVolume": 5, "numEmployees": 2}},
		{"Housekeeping", true, 5000, "area", map[string]int64{"area": 50, "laundryVolume": 5, "numEmployees": 2}},
		{"Administration", true, 20000, "numEmployees", map[string]int64{"area": 100, "laundryVolume": 20, "numEmployees": 2}},
		{"Surgery", false, 40000, "", map[string]int64{"area": 100, "laundryVolume": 40, "numEmployees": 4}},
		{"Pharmacy", false, 100000, "", map[string]int64{"area": 100, "laundryVolume": 20, "numEmployees": 2}},
	}},
}

// quantity is a department's quantity of a base; directCost is its direct
// cost.
func (d pubDept) quantity(base string) *big.Rat {
	if base == "directCost" {
		return new(big.Rat).SetInt64(d.direct)
	}
	return new(big.Rat).SetInt64(d.q[base])
}

// share returns the share of support department s going to department n
// among targets (s itself never among them), nil if the base is zero on
// all of them.
func (c pubCase) share(s, n int, targets []int) *big.Rat {
	base := c.depts[s].base
	total := new(big.Rat)
	for _, t := range targets {
		total.Add(total, c.depts[t].quantity(base))
	}
	if total.Sign() == 0 {
		return nil
	}
	return new(big.Rat).Quo(c.depts[n].quantity(base), total)
}

// exactFull computes, in rationals, what each department holds after
// stage 3 for an amount per department of one voce: the costo pieno of the
// operating ones (the support ones end at zero), and the total each
// support department gives away.
func (c pubCase) exactFull(method model.Method, amount []*big.Rat) (full, given []*big.Rat) {
	n := len(c.depts)
	var supports, operating []int
	for i, d := range c.depts {
		if d.support {
			supports = append(supports, i)
		} else {
			operating = append(operating, i)
		}
	}
	full = make([]*big.Rat, n)
	given = make([]*big.Rat, n)
	for i := range full {
		full[i] = new(big.Rat).Set(amount[i])
		given[i] = new(big.Rat)
	}
	others := func(s int, list []int) []int {
		var out []int
		for _, t := range list {
			if t != s {
				out = append(out, t)
			}
		}
		return out
	}
	move := func(s int, targets []int, total *big.Rat) {
		for _, t := range targets {
			if sh := c.share(s, t, targets); sh != nil {
				full[t].Add(full[t], new(big.Rat).Mul(sh, total))
			}
		}
		given[s].Set(total)
		full[s].SetInt64(0)
	}
	switch method {
	case model.MethodDiretto:
		for _, s := range supports {
			move(s, operating, new(big.Rat).Set(full[s]))
		}
	case model.MethodScalare:
		for k, s := range supports {
			move(s, append(append([]int{}, supports[k+1:]...), operating...), new(big.Rat).Set(full[s]))
		}
	case model.MethodReciproco:
		// T = d + A^T T over the support departments, by Gauss-Jordan.
		m := len(supports)
		a := make([][]*big.Rat, m)
		for r, s := range supports {
			a[r] = make([]*big.Rat, m+1)
			for col, s2 := range supports {
				v := new(big.Rat)
				if col == r {
					v.SetInt64(1)
				}
				if s2 != s {
					if sh := c.share(s2, s, others(s2, append(append([]int{}, supports...), operating...))); sh != nil {
						v.Sub(v, sh)
					}
				}
				a[r][col] = v
			}
			a[r][m] = new(big.Rat).Set(full[s])
		}
		for col := range m {
			p := col
			for a[p][col].Sign() == 0 {
				p++
			}
			a[col], a[p] = a[p], a[col]
			for r := range m {
				if r == col || a[r][col].Sign() == 0 {
					continue
				}
				f := new(big.Rat).Quo(a[r][col], a[col][col])
				for k := col; k <= m; k++ {
					a[r][k].Sub(a[r][k], new(big.Rat).Mul(f, a[col][k]))
				}
			}
		}
		for r, s := range supports {
			total := new(big.Rat).Quo(a[r][m], a[r][r])
			targets := others(s, append(append([]int{}, supports...), operating...))
			for _, t := range targets {
				if !c.depts[t].support {
					if sh := c.share(s, t, targets); sh != nil {
						full[t].Add(full[t], new(big.Rat).Mul(sh, total))
					}
				}
			}
			given[s].Set(total)
			full[s].SetInt64(0)
		}
	}
	return full, given
}

// The step-down distribution of SAMPLE_5 published with BHIMA: what each
// support department gives each department, in the order of the case
// (its own total on its own place). The exact computation above must give
// the same figures, so that it can judge the engine.
var sample5StepDown = [][]float64{
	{50000, 2083.333333333333, 4687.5, 4166.666666666666, 10416.666666666668, 26041.666666666668, 2604.166666666667},
	{0, 302083.3333333333, 29551.630434782608, 26268.115942028984, 65670.28985507246, 164175.72463768115, 16417.572463768116},
	{0, 0, 234239.1304347826, 83656.83229813664, 50194.09937888198, 33462.73291925465, 66925.4658385093},
	{0, 0, 0, 364091.6149068322, 113778.62965838506, 159290.0815217391, 91022.90372670806},
}

func TestPublishedStepDownDistribution(t *testing.T) {
	c := publishedCases[0]
	amount := make([]*big.Rat, len(c.depts))
	for i, d := range c.depts {
		amount[i] = new(big.Rat).SetInt64(d.direct)
	}
	full, given := c.exactFull(model.MethodScalare, amount)
	// What each support department gave, and the operating totals, follow
	// from the published rows.
	for s, row := range sample5StepDown {
		if got, _ := given[s].Float64(); diff(got, row[s]) {
			t.Errorf("%s gives %v, published %v", c.depts[s].name, got, row[s])
		}
	}
	for o := 4; o < 7; o++ {
		want := float64(c.depts[o].direct)
		for _, row := range sample5StepDown {
			want += row[o]
		}
		if got, _ := full[o].Float64(); diff(got, want) {
			t.Errorf("%s full %v, published %v", c.depts[o].name, got, want)
		}
	}
}

func diff(a, b float64) bool { return a-b > 1e-6 || b-a > 1e-6 }

// attivitaShapes are the attività below each operating servizio: none, a
// few in equal parts, some with unequal weights (driver "attivita").
var attivitaShapes = []struct {
	name    string
	weights []int64 // nil weights with n > 0: equal parts
	n       int
}{
	{"no attività", nil, 0},
	{"4 equal", nil, 4},
	{"6 equal", nil, 6},
	{"weights 1,2,3,7", []int64{1, 2, 3, 7}, 4},
	{"weights 3,3,1", []int64{3, 3, 1}, 3},
}

// The published cases give each operating department's costo pieno, and
// each of its attività's, within a cent of the exact value for the three
// methods and any attività below it; support departments keep nothing.
func TestPublishedCasesWithinACent(t *testing.T) {
	cent := new(big.Rat).SetFrac64(1, 100)
	for _, c := range publishedCases {
		for _, shape := range attivitaShapes {
			in := c.inputs(shape.n, shape.weights)
			for _, method := range model.Methods() {
				in.Settings.Method = method
				res, err := Compute(in)
				if err != nil {
					t.Fatalf("%s: %v", c.name, err)
				}
				label := fmt.Sprintf("%s, %s, %s", c.name, shape.name, method)
				checkRounding(t, label, in, res)
				// Exact costo pieno per voce, summed.
				total := make([]*big.Rat, len(c.depts))
				for i := range total {
					total[i] = new(big.Rat)
				}
				for _, split := range c.voceSplit() {
					full, _ := c.exactFull(method, split)
					for i := range total {
						total[i].Add(total[i], full[i])
					}
				}
				for i, d := range c.depts {
					code := pubCode(c, i)
					f, _ := res.Figures(code)
					if err := nearRat(Total(f.Full), total[i], cent); err != nil {
						t.Errorf("%s: %s (%s) costo pieno: %v", label, d.name, code, err)
					}
					if d.support || shape.n == 0 {
						continue
					}
					sum := int64(shape.n)
					if shape.weights != nil {
						sum = 0
						for _, w := range shape.weights {
							sum += w
						}
					}
					for a := range shape.n {
						w := int64(1)
						if shape.weights != nil {
							w = shape.weights[a]
						}
						want := new(big.Rat).Mul(total[i], big.NewRat(w, sum))
						fa, _ := res.Figures(model.Code(fmt.Sprintf("%s.%d", code, a+1)))
						if err := nearRat(Total(fa.Full), want, cent); err != nil {
							t.Errorf("%s: %s attività %d costo pieno: %v", label, d.name, a+1, err)
						}
					}
				}
			}
		}
	}
}

// nearRat reports whether got is less than tol away from the rational want.
func nearRat(got decimal.Decimal, want, tol *big.Rat) error {
	g, _ := new(big.Rat).SetString(got.String())
	d := new(big.Rat).Sub(g, want)
	if d.Abs(d).Cmp(tol) >= 0 {
		return fmt.Errorf("%s, exact %s", got, want.FloatString(6))
	}
	return nil
}

// pubCode is the code of department i: support ones are servizi of macro A,
// each in its own tema (a tema has one support driver), in the order of the
// case; operating ones are servizi of funzione C1.1.
func pubCode(c pubCase, i int) model.Code {
	if c.depts[i].support {
		return model.Code(fmt.Sprintf("A%d.1.1", i+1))
	}
	k := 0
	for j := range i {
		if !c.depts[j].support {
			k++
		}
	}
	return model.Code(fmt.Sprintf("C1.1.%d", k+1))
}

// voceSplit is how the direct cost of each department is booked: 55% on
// personale (to the cent), the rest on funzionamento.
func (c pubCase) voceSplit() [2][]*big.Rat {
	var out [2][]*big.Rat
	for _, d := range c.depts {
		pers := decimal.NewFromInt(d.direct).Mul(decimal.New(55, -2)).Round(2)
		p, _ := new(big.Rat).SetString(pers.String())
		out[0] = append(out[0], p)
		out[1] = append(out[1], new(big.Rat).Sub(new(big.Rat).SetInt64(d.direct), p))
	}
	return out
}

// inputs builds the case as a chamber: one servizio per department, n
// attività under each operating one (split by weights when given), the
// direct cost as two ledger lines with the servizio as destinazione, the
// allocation bases as drivers.
func (c pubCase) inputs(n int, weights []int64) *model.Inputs {
	nodes := []model.Node{
		{Code: "A", Level: model.LevelMacro, Name: "Supporto"},
		{Code: "C", Level: model.LevelMacro, Name: "Reparti"},
		{Code: "C1", Level: model.LevelTema, Parent: "C", Name: "Reparti"},
		{Code: "C1.1", Level: model.LevelFunzione, Parent: "C1", Name: "Reparti"},
	}
	in := &model.Inputs{Settings: model.DefaultSettings()}
	split := c.voceSplit()
	for i, d := range c.depts {
		code := pubCode(c, i)
		if d.support {
			tema := model.Code(fmt.Sprintf("A%d", i+1))
			nodes = append(nodes,
				model.Node{Code: tema, Level: model.LevelTema, Parent: "A", Name: d.name},
				model.Node{Code: tema + ".1", Level: model.LevelFunzione, Parent: tema, Name: d.name})
			in.Settings.SupportDrivers = append(in.Settings.SupportDrivers, model.SupportDriver{Tema: tema, Driver: d.base})
		}
		nodes = append(nodes, model.Node{Code: code, Level: model.LevelServizio, Parent: code[:len(code)-2], Name: d.name})
		if !d.support {
			for a := range n {
				ac := model.Code(fmt.Sprintf("%s.%d", code, a+1))
				nodes = append(nodes, model.Node{Code: ac, Level: model.LevelAttivita, Parent: code, Name: fmt.Sprintf("%s %d", d.name, a+1)})
				if weights != nil {
					in.Drivers = append(in.Drivers, model.DriverQty{Driver: model.DriverAttivita, Dest: model.Destination{Code: ac}, Qty: decimal.NewFromInt(weights[a])})
				}
			}
		}
		for b, q := range d.q {
			in.Drivers = append(in.Drivers, model.DriverQty{Driver: b, Dest: model.Destination{Code: code}, Qty: decimal.NewFromInt(q)})
		}
		in.Drivers = append(in.Drivers, model.DriverQty{Driver: "directCost", Dest: model.Destination{Code: code}, Qty: decimal.NewFromInt(d.direct)})
		for v, voce := range []model.Voce{model.Personale, model.Funzionamento} {
			amount, _ := decimal.NewFromString(split[v][i].FloatString(2))
			in.Ledger = append(in.Ledger, model.LedgerLine{Conto: fmt.Sprintf("%d%d", i, v), Voce: voce, Importo: amount,
				Dest: model.Destination{Code: code}, Pos: model.Position{File: "contabilita.csv", Row: len(in.Ledger) + 2}})
		}
	}
	m, err := model.NewMap(nodes)
	if err != nil {
		panic(err)
	}
	in.Map = m
	slicesSortDrivers(in.Settings.SupportDrivers)
	return in
}

func slicesSortDrivers(d []model.SupportDriver) {
	for i := 1; i < len(d); i++ {
		for j := i; j > 0 && model.CompareCodes(d[j].Tema, d[j-1].Tema) < 0; j-- {
			d[j], d[j-1] = d[j-1], d[j]
		}
	}
}
