package costing

import (
	"fmt"
	"slices"

	"github.com/shopspring/decimal"

	"camcost/model"
)

// LargestRemainder rounds values to places decimals so that they sum to
// target exactly (target must have at most places decimals): every value is
// first rounded down, then the units still missing go one each to the values
// with the largest remainders, ties to the earlier value. If the target is
// below the rounded-down sum, units are taken from the smallest remainders,
// ties from the later value. Remainders are compared after rounding the
// values to places+4 decimals, so that noise far below a cent (the float
// solution of the reciprocal method, the last part of a split) cannot beat
// the order of the values.
func LargestRemainder(values []decimal.Decimal, target decimal.Decimal, places int32) ([]decimal.Decimal, error) {
	out := make([]decimal.Decimal, len(values))
	rem := make([]decimal.Decimal, len(values))
	unit := decimal.New(1, -places)
	var sum decimal.Decimal
	for i, v := range values {
		y := v.Round(places + 4)
		out[i] = y.RoundFloor(places)
		rem[i] = y.Sub(out[i])
		sum = sum.Add(out[i])
	}
	missing := target.Sub(sum).Div(unit)
	if !missing.Equal(missing.Truncate(0)) {
		return nil, fmt.Errorf("costing: target %s has more than %d decimals", target, places)
	}
	k := missing.IntPart()
	if k == 0 {
		return out, nil
	}
	n := int64(len(values))
	if n == 0 {
		return nil, fmt.Errorf("costing: nothing to round to %s", target)
	}
	order := make([]int, len(values))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return rem[b].Cmp(rem[a]) })
	step := unit
	if k < 0 {
		k = -k
		step = unit.Neg()
		slices.Reverse(order)
	}
	if all := k / n; all > 0 {
		for i := range out {
			out[i] = out[i].Add(step.Mul(decimal.NewFromInt(all)))
		}
	}
	for _, i := range order[:k%n] {
		out[i] = out[i].Add(step)
	}
	return out, nil
}

// finish rounds every figure to the cent (METHOD.md, Exactness), records
// the rounding as stage 5 steps, rolls the leaves up the tree and checks
// conservation per voce.
func (e *engine) finish() (*Result, error) {
	n := e.m.Len()
	leaves := make([]int, 0, n)
	for i, nd := range e.nodes {
		if nd.Bookable() && len(e.m.ChildIndexes(i)) == 0 {
			leaves = append(leaves, i)
		}
	}
	// Nodes that are not leaves must have passed all their cost down.
	for i := range e.nodes {
		if nd := e.nodes[i]; nd.Bookable() && len(e.m.ChildIndexes(i)) > 0 {
			for f := range numFigures {
				for c := range model.NumCostVoci {
					if v := e.own[i][f][costVoce[c]]; !v.IsZero() {
						return nil, fmt.Errorf("costing: internal error: %s keeps %s of %s on itself after stage 4", nd.Code, v, Figure(f))
					}
				}
			}
		}
	}

	var ledger [model.NumVoci]decimal.Decimal
	for _, l := range e.in.Ledger {
		v, _ := model.VoceIndex(l.Voce)
		ledger[v] = ledger[v].Add(l.Importo)
	}
	for v, t := range ledger {
		if !t.Equal(t.Round(model.CentPlaces)) {
			// inputs.Read reports each amount with more than two
			// decimals on its row: this guards other callers.
			return nil, fmt.Errorf("costing: internal error: the ledger total of %s (%s) is not in cents", model.Voci()[v].Key, t)
		}
	}

	// rounded[i][f][v]: the cents of each node itself.
	rounded := make([][numFigures][model.NumVoci]decimal.Decimal, n)
	var full [model.NumCostVoci][]decimal.Decimal // per leaf position
	for c := range model.NumCostVoci {
		full[c] = make([]decimal.Decimal, n)
		if err := e.roundCost(c, leaves, ledger[costVoce[c]], rounded, full[c]); err != nil {
			return nil, err
		}
	}
	for v, vi := range model.Voci() {
		if vi.Section == model.OneriCorrenti {
			continue
		}
		if err := e.roundOther(v, ledger[v], rounded); err != nil {
			return nil, err
		}
	}
	fte, err := e.roundFTE(leaves)
	if err != nil {
		return nil, err
	}

	// Roll up: each node's figures are its own plus its children's.
	voci := model.Voci()
	figs := make([]Figures, n)
	for i := n - 1; i >= 0; i-- {
		f := &figs[i]
		f.FTE = f.FTE.Add(fte[i])
		for c := range model.NumCostVoci {
			v := costVoce[c]
			f.Direct[c] = f.Direct[c].Add(rounded[i][Direct][v])
			f.FromCoordination[c] = f.FromCoordination[c].Add(rounded[i][FromCoordination][v])
			f.FromSupport[c] = f.FromSupport[c].Add(rounded[i][FromSupport][v])
			f.ToOthers[c] = f.ToOthers[c].Add(rounded[i][ToOthers][v])
			f.Full[c] = f.Full[c].Add(full[c][i])
		}
		for v, vi := range voci {
			if vi.Section != model.OneriCorrenti {
				f.Stage1[v] = f.Stage1[v].Add(rounded[i][Direct][v])
			}
		}
		if p := e.m.ParentIndex(i); p >= 0 {
			figs[p].Add(*f)
		}
	}
	for i := range figs {
		for c := range model.NumCostVoci {
			figs[i].Stage1[costVoce[c]] = figs[i].Direct[c]
		}
	}

	res := &Result{
		Inputs:   e.in,
		Map:      e.m,
		Settings: e.in.Settings,
		Nodes:    figs,
		Roles:    e.roles,
		Rules:    e.rules,
		TotalFTE: e.totalFTE.Round(model.FTEPlaces),
		Trace:    e.trace,
		Warnings: e.warnings,
	}
	if err := res.check(ledger); err != nil {
		return nil, err
	}
	return res, nil
}

// Add adds the figures of src to f, field by field.
func (f *Figures) Add(src Figures) {
	dst := f
	dst.FTE = dst.FTE.Add(src.FTE)
	for c := range model.NumCostVoci {
		dst.Direct[c] = dst.Direct[c].Add(src.Direct[c])
		dst.FromCoordination[c] = dst.FromCoordination[c].Add(src.FromCoordination[c])
		dst.FromSupport[c] = dst.FromSupport[c].Add(src.FromSupport[c])
		dst.ToOthers[c] = dst.ToOthers[c].Add(src.ToOthers[c])
		dst.Full[c] = dst.Full[c].Add(src.Full[c])
	}
	for v := range model.NumVoci {
		dst.Stage1[v] = dst.Stage1[v].Add(src.Stage1[v])
	}
}

// roundCost rounds the figures of cost voce c on the leaves:
//   - costo diretto by largest remainder over all leaves, to the ledger total;
//   - quota coordinamento/formazione by largest remainder per giving node,
//     to what that node gave (its own rounded costo diretto), so each
//     coordinamento and formazione node balances with its servizi;
//   - costo pieno of the leaves that keep cost (attività of receiving
//     servizi) by largest remainder to the ledger total, except where no
//     support was received, where it is costo diretto plus coordination;
//     the quota supporto is what is left;
//   - a leaf that gives its cost away (support attività, coordinamento and
//     formazione nodes) gives exactly what it holds: its costo pieno is 0.
func (e *engine) roundCost(c int, leaves []int, total decimal.Decimal, rounded [][numFigures][model.NumVoci]decimal.Decimal, full []decimal.Decimal) error {
	v := costVoce[c]
	exact := func(i int, f Figure) decimal.Decimal { return e.own[i][f][v] }

	// Costo diretto.
	vals := make([]decimal.Decimal, len(leaves))
	for n, i := range leaves {
		vals[n] = exact(i, Direct)
	}
	dr, err := LargestRemainder(vals, total, model.CentPlaces)
	if err != nil {
		return err
	}
	for n, i := range leaves {
		rounded[i][Direct][v] = dr[n]
	}

	// Quota coordinamento e formazione, per giving node.
	if err := e.roundCoordination(c, rounded); err != nil {
		return err
	}

	// Costo pieno and quota supporto of the leaves that keep cost.
	var keep, give, open []int
	pinned := decimal.Zero
	for _, i := range leaves {
		switch {
		case !e.keepsCost(i):
			give = append(give, i)
		case exact(i, FromSupport).IsZero():
			full[i] = rounded[i][Direct][v].Add(rounded[i][FromCoordination][v])
			pinned = pinned.Add(full[i])
			keep = append(keep, i)
		default:
			open = append(open, i)
			keep = append(keep, i)
		}
	}
	if len(open) == 0 && !pinned.Equal(total) {
		// Support cost reached receivers only through amounts that net
		// to zero: let every receiving leaf take part.
		open, pinned = keep, decimal.Zero
	}
	vals = vals[:0]
	for _, i := range open {
		var x decimal.Decimal
		for f := range numFigures {
			x = x.Add(exact(i, Figure(f)))
		}
		vals = append(vals, x)
	}
	if len(open) > 0 || !total.Sub(pinned).IsZero() {
		fr, err := LargestRemainder(vals, total.Sub(pinned), model.CentPlaces)
		if err != nil {
			return fmt.Errorf("costing: %s of %s reach no receiving servizio: %w", total.Sub(pinned), model.CostVoci()[c], err)
		}
		for n, i := range open {
			full[i] = fr[n]
		}
	}
	for _, i := range keep {
		rounded[i][FromSupport][v] = full[i].Sub(rounded[i][Direct][v]).Sub(rounded[i][FromCoordination][v])
	}
	for _, i := range give {
		r := &rounded[i]
		r[FromSupport][v] = exact(i, FromSupport).Round(model.CentPlaces)
		r[ToOthers][v] = r[Direct][v].Add(r[FromCoordination][v]).Add(r[FromSupport][v]).Neg()
		full[i] = decimal.Zero
	}
	for _, i := range leaves {
		for f := range numFigures {
			e.roundingStep(i, model.CostVoci()[c], Figure(f), rounded[i][f][v].Sub(exact(i, Figure(f))))
		}
	}
	return nil
}

// roundCoordination rounds what each coordinamento and formazione node gave
// in stage 2, per receiving leaf, so that it adds up to the node's own
// rounded costo diretto: what the node gives away.
func (e *engine) roundCoordination(c int, rounded [][numFigures][model.NumVoci]decimal.Decimal) error {
	v := costVoce[c]
	type share struct {
		leaf   int
		amount decimal.Decimal
	}
	given := make(map[int][]share) // giving node -> leaves and exact amounts
	var froms []int
	for _, s := range e.servizi {
		for _, fl := range e.coordIn[s] {
			if fl.voce != c {
				continue
			}
			if _, seen := given[fl.from]; !seen {
				froms = append(froms, fl.from)
			}
			if k, ok := e.s4key[s]; ok {
				for n, part := range split(fl.amount, k.q, k.total) {
					given[fl.from] = append(given[fl.from], share{k.idx[n], part})
				}
				continue
			}
			given[fl.from] = append(given[fl.from], share{s, fl.amount})
		}
	}
	slices.Sort(froms)
	for _, from := range froms {
		list := given[from]
		// Leaves in map order, each once.
		slices.SortStableFunc(list, func(a, b share) int { return a.leaf - b.leaf })
		var leaves []int
		var vals []decimal.Decimal
		for _, sh := range list {
			if n := len(leaves); n > 0 && leaves[n-1] == sh.leaf {
				vals[n-1] = vals[n-1].Add(sh.amount)
				continue
			}
			leaves = append(leaves, sh.leaf)
			vals = append(vals, sh.amount)
		}
		r, err := LargestRemainder(vals, rounded[from][Direct][v], model.CentPlaces)
		if err != nil {
			return err
		}
		for n, i := range leaves {
			rounded[i][FromCoordination][v] = rounded[i][FromCoordination][v].Add(r[n])
		}
	}
	return nil
}

// keepsCost reports whether leaf i keeps the cost it holds: the attività
// (or attività-less servizio) of a receiving servizio.
func (e *engine) keepsCost(i int) bool {
	u := e.unit[i]
	return u >= 0 && isRegularServizio(e.nodes[u]) && e.roles[u] == Receiver
}

// roundOther rounds a voce that stays where stage 1 put it (revenues and
// the financial, extraordinary and value-adjustment voci).
func (e *engine) roundOther(v int, total decimal.Decimal, rounded [][numFigures][model.NumVoci]decimal.Decimal) error {
	var holders []int
	var vals []decimal.Decimal
	for i := range e.nodes {
		if x := e.own[i][Direct][v]; !x.IsZero() {
			holders = append(holders, i)
			vals = append(vals, x)
		}
	}
	r, err := LargestRemainder(vals, total, model.CentPlaces)
	if err != nil {
		return err
	}
	for n, i := range holders {
		rounded[i][Direct][v] = r[n]
		e.roundingStep(i, model.Voci()[v].Key, Direct, r[n].Sub(vals[n]))
	}
	return nil
}

func (e *engine) roundingStep(i int, v model.Voce, f Figure, diff decimal.Decimal) {
	if diff.IsZero() {
		return
	}
	e.trace = append(e.trace, Step{Stage: StageRounding, Source: Source{Line: -1}, Target: e.nodes[i].Code, Voce: v, Figure: f, Driver: "arrotondamento", Amount: diff})
}

// roundFTE rounds the FTE of the leaves to FTEPlaces so that they sum to the
// rounded total.
func (e *engine) roundFTE(leaves []int) ([]decimal.Decimal, error) {
	vals := make([]decimal.Decimal, len(leaves))
	var total decimal.Decimal
	for n, i := range leaves {
		vals[n] = e.fteLeaf[i]
		total = total.Add(vals[n])
	}
	r, err := LargestRemainder(vals, total.Round(model.FTEPlaces), model.FTEPlaces)
	if err != nil {
		return nil, err
	}
	out := make([]decimal.Decimal, e.m.Len())
	for n, i := range leaves {
		out[i] = r[n]
	}
	return out, nil
}

// check proves conservation: for every voce the allocated total equals the
// ledger total to the cent, and every node's figures add up.
func (r *Result) check(ledger [model.NumVoci]decimal.Decimal) error {
	var alloc [model.NumVoci]decimal.Decimal
	var direct [model.NumCostVoci]decimal.Decimal
	for i, nd := range r.Map.Nodes() {
		f := r.Nodes[i]
		for c := range model.NumCostVoci {
			sum := f.Direct[c].Add(f.FromCoordination[c]).Add(f.FromSupport[c]).Add(f.ToOthers[c])
			if !sum.Equal(f.Full[c]) {
				return fmt.Errorf("costing: internal error: %s %s: direct+received+given %s != full %s", nd.Code, model.CostVoci()[c], sum, f.Full[c])
			}
		}
		if nd.Level == model.LevelMacro {
			for c := range model.NumCostVoci {
				alloc[costVoce[c]] = alloc[costVoce[c]].Add(f.Full[c])
				direct[c] = direct[c].Add(f.Direct[c])
			}
			for v, vi := range model.Voci() {
				if vi.Section != model.OneriCorrenti {
					alloc[v] = alloc[v].Add(f.Stage1[v])
				}
			}
		}
	}
	var bad []string
	for v, vi := range model.Voci() {
		r.Totals = append(r.Totals, VoceTotals{Voce: vi.Key, Ledger: ledger[v], Allocated: alloc[v]})
		if !alloc[v].Equal(ledger[v]) {
			bad = append(bad, fmt.Sprintf("%s: contabilità %s, attribuito %s", vi.Key, model.Euro(ledger[v]), model.Euro(alloc[v])))
		}
	}
	for c, v := range model.CostVoci() {
		if !direct[c].Equal(ledger[costVoce[c]]) {
			bad = append(bad, fmt.Sprintf("%s: contabilità %s, costo diretto %s", v, model.Euro(ledger[costVoce[c]]), model.Euro(direct[c])))
		}
	}
	if len(bad) > 0 {
		return fmt.Errorf("quadratura fallita, il calcolo non conserva gli importi: %v", bad)
	}
	return nil
}
