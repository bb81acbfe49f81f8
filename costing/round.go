package costing

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/shopspring/decimal"

	"camcost/model"
)

// The final rounding (stage 5, docs/metodo.md §12).
//
// After stage 4 every amount sits on a leaf of the map with up to 12
// decimals. The rounding brings each leaf's amounts to the cent and each
// leaf's FTE to four decimals; the figures of every other node are the sums
// of its leaves, so parents always equal the sum of their children and
// every row adds up. The leaves are rounded so that the figures of every
// node, not only of the leaves, stay within one unit of their exact value:
//
//   - FTE: top-down by largest remainder, from the total of the time
//     sheets rounded once;
//   - oneri correnti: one controlled rounding (controlled.go) of the costo
//     diretto of each voce and the quota coordinamento and quota supporto
//     of each leaf, whose sets are, on one side, the costo diretto of each
//     voce and the two quote of every node and, on the other, the costo
//     pieno and the ceduto ad altri of every node. A leaf either keeps what
//     it holds (costo pieno = diretto + quote, ceduto 0) or gives all of it
//     away (ceduto = -(diretto + quote), costo pieno 0). The total costo
//     diretto of a node is the sum of its voci and absorbs what is left;
//   - the other voci (revenues, financial and extraordinary items): one
//     controlled rounding of each voce and of each section of the conto
//     economico on every node.
//
// Every adjustment of a leaf is a stage 5 step of the trace.

// finish rounds every figure (docs/metodo.md, Exactness), records the rounding
// as stage 5 steps, rolls the leaves up the tree and checks conservation.
func (e *engine) finish() (*Result, error) {
	n := e.m.Len()
	// Nodes that are not leaves must have passed all their cost down.
	for i := range e.nodes {
		if len(e.m.ChildIndexes(i)) == 0 {
			continue
		}
		for f := range numFigures {
			for c := range model.NumCostVoci {
				if v := e.own.at(i, Figure(f), costVoce[c]); !v.isZero() {
					return nil, fmt.Errorf("costing: internal error: %s keeps %s of %s on itself after stage 4", e.nodes[i].Code, v.decimal(), Figure(f))
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

	// The cents of each node itself.
	// The roundings of the oneri correnti, of the other sections and of
	// the FTE read the engine and write apart (different slots of rounded):
	// the last two go beside the first, the largest. Errors come in that
	// order whatever the timing.
	rounded := e.bufs.rounding(n)
	var fte []decimal.Decimal
	var othersErr, fteErr error
	others := make(chan struct{})
	go func() {
		defer close(others)
		if othersErr = e.roundOthers(rounded); othersErr == nil {
			fte, fteErr = e.roundFTE()
		}
		// The keys of the trace are all made: their shares, which
		// only Steps reads, are computed here too.
		e.trace.seal()
	}()
	costsErr := e.roundCosts(ledger, rounded)
	<-others
	for _, err := range [...]error{costsErr, othersErr, fteErr} {
		if err != nil {
			return nil, err
		}
	}
	for i := range n {
		for f := range numFigures {
			for v := range model.NumVoci {
				k := slot(i, f, v)
				own := e.own.get(k)
				if !rounded.set[k] && own.isZero() {
					continue
				}
				e.roundingStep(i, v, f, rounded.amt(k).add(own.negate()))
			}
		}
	}

	figs, err := e.rollUp(rounded)
	if err != nil {
		return nil, err
	}
	for i := range figs {
		figs[i].FTE = fte[i]
	}

	// A copy, so that the Result does not keep the engine alive.
	trace := new(stepLog)
	*trace = e.trace // sealed beside roundCosts
	res := &Result{
		Inputs:   e.in,
		Map:      e.m,
		Settings: e.in.Settings,
		Nodes:    figs,
		Roles:    e.roles,
		Rules:    e.rules,
		TotalFTE: e.totalFTE.Round(model.FTEPlaces),
		trace:    trace,
		Warnings: e.warnings,

		bookingNodes: e.bookingNodes,
	}
	if err := res.check(ledger); err != nil {
		return nil, err
	}
	return res, nil
}

// rounding holds the cents of each node itself, by slot: a figure the
// rounding set is a decimal at -CentPlaces, one it did not set stays
// decimal's zero value.
type rounding struct {
	cents []int64
	set   []bool
}

func (r *rounding) put(k int, cents int64) {
	r.cents[k], r.set[k] = cents, true
}

// amt returns the rounded figure of slot k as the decimal it stands for.
func (r *rounding) amt(k int) amt {
	if !r.set[k] {
		return amt{}
	}
	return centsAmt(i128of(r.cents[k]))
}

// centsAmt is a number of cents at -CentPlaces.
func centsAmt(c i128) amt {
	v, ok := c.mulPow10(model.FlowPlaces - model.CentPlaces)
	if !ok {
		return amtOf(decimalOf(c, -model.CentPlaces))
	}
	return amt{v: v, exp: -model.CentPlaces}
}

// The figures of a node in rollUp: the four moved figures, the costo pieno
// of each cost voce and the stage 1 amount of each voce.
const (
	tallyFull   = int(numFigures) * model.NumCostVoci
	tallyStage1 = tallyFull + model.NumCostVoci
	tallySize   = tallyStage1 + model.NumVoci
)

// tally sums cents up the tree; set tells whether a rounded figure went
// into the sum, which then is a decimal at -CentPlaces as decimal's Add
// makes it, else decimal's zero value.
type tally struct {
	v   [tallySize]i128
	set [tallySize]bool
}

func (t *tally) add(j int, c i128, set bool) {
	t.v[j], _ = t.v[j].add(c) // int64 cents: no overflow below 2^64 terms
	t.set[j] = t.set[j] || set
}

func (t *tally) decimal(j int) decimal.Decimal {
	switch {
	case !t.set[j]:
		return decimal.Decimal{}
	case t.v[j].isZero():
		return zeroCents
	}
	return decimalOf(t.v[j], -model.CentPlaces)
}

// shared returns entry j of t, which is set, as a decimal: the decimal of
// a child whose entry j is the same if there is one, else a new one.
func (t *tally) shared(j int, kids []int, tallies []tally, figs []Figures) decimal.Decimal {
	for _, k := range kids {
		if u := &tallies[k]; u.set[j] && u.v[j] == t.v[j] {
			return *figs[k].at(j)
		}
	}
	return t.decimal(j)
}

// zeroCents is 0 at exponent -CentPlaces, which a third of the figures
// are: they share its coefficient (a Decimal never changes it).
var zeroCents = decimal.New(0, -model.CentPlaces)

// rollUp gives each node its figures: its own and its children's. It
// checks that every node's costo pieno is the sum of its four figures.
func (e *engine) rollUp(r *rounding) ([]Figures, error) {
	n := e.m.Len()
	e.bufs.tallies = zeroed(e.bufs.tallies, n)
	tallies := e.bufs.tallies
	for i := n - 1; i >= 0; i-- {
		t := &tallies[i]
		for c := range model.NumCostVoci {
			v := costVoce[c]
			for f := range numFigures {
				k := slot(i, f, v)
				x := i128of(r.cents[k])
				t.add(int(f)*model.NumCostVoci+c, x, r.set[k])
				t.add(tallyFull+c, x, r.set[k])
			}
		}
		for v := range model.NumVoci {
			k := slot(i, Direct, v)
			t.add(tallyStage1+v, i128of(r.cents[k]), r.set[k])
		}
		if p := e.m.ParentIndex(i); p >= 0 {
			for j := range tallySize {
				tallies[p].add(j, t.v[j], t.set[j])
			}
		}
	}
	for i := range tallies {
		t := &tallies[i]
		for c := range model.NumCostVoci {
			var sum i128
			for fig := range numFigures {
				sum, _ = sum.add(t.v[int(fig)*model.NumCostVoci+c])
			}
			if sum != t.v[tallyFull+c] {
				return nil, fmt.Errorf("costing: internal error: %s %s: direct+received+given %s != full %s", e.nodes[i].Code, model.CostVoci()[c], decimalOf(sum, -model.CentPlaces), t.decimal(tallyFull+c))
			}
		}
	}
	// Children before parents, so that a figure equal to the same figure
	// of a child shares its decimal: a node with one child has all of
	// them, and a Decimal never changes its coefficient.
	figs := make([]Figures, n)
	for i := n - 1; i >= 0; i-- {
		t, f := &tallies[i], &figs[i]
		kids := e.m.ChildIndexes(i)
		for j := range tallySize {
			if !t.set[j] {
				continue
			}
			*f.at(j) = t.shared(j, kids, tallies, figs)
		}
	}
	return figs, nil
}

// at returns the figure that entry j of a tally sums.
func (f *Figures) at(j int) *decimal.Decimal {
	switch {
	case j < tallyFull:
		c := j % model.NumCostVoci
		switch Figure(j / model.NumCostVoci) {
		case Direct:
			return &f.Direct[c]
		case FromCoordination:
			return &f.FromCoordination[c]
		case FromSupport:
			return &f.FromSupport[c]
		}
		return &f.ToOthers[c]
	case j < tallyStage1:
		return &f.Full[j-tallyFull]
	}
	return &f.Stage1[j-tallyStage1]
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

var (
	centsPerEuro = decimal.New(1, model.CentPlaces)
	// noise is an amount too small to be anything but the rounding of a
	// split to FlowPlaces decimals: a millionth of a euro.
	noise = amtOf(decimal.New(1, -6))
	// centNoise is noise in cents.
	centNoise = amtOf(decimal.New(1, -4))
)

// nodeSets appends one set per node of the map to a family, under a new
// top set that stands for the whole body, and returns the index of the
// first node's set: node i has set first+i.
func (e *engine) nodeSets(sets []crSet) ([]crSet, int) {
	top := len(sets)
	sets = append(sets, crSet{parent: -1})
	first := len(sets)
	for i := range e.nodes {
		p := top
		if q := e.m.ParentIndex(i); q >= 0 {
			p = first + q
		}
		sets = append(sets, crSet{parent: p})
	}
	return sets, first
}

// costElem places an element of the rounding of the oneri correnti: a
// figure of a cost voce (index into model.CostVoci()) of a leaf.
type costElem struct {
	leaf, c int
	fig     Figure
}

// moved are the figures a leaf's rounding chooses; the fourth, ceduto ad
// altri or costo pieno, follows from them.
var moved = [...]Figure{Direct, FromCoordination, FromSupport}

// roundCosts rounds the oneri correnti of the leaves into rounded.
//
// Each leaf holds, for each cost voce, a costo diretto, a quota
// coordinamento and a quota supporto; it either keeps them (its costo pieno
// is their sum, it cedes nothing: the attività of receiving servizi) or
// gives them all away (its ceduto ad altri is minus their sum, its costo
// pieno is 0: support attività, coordinamento and formazione nodes). These
// three amounts per voce are the elements of a controlled rounding whose
// sets are, in family A, the costo diretto of each voce and the quota
// coordinamento and quota supporto over all voci, of every node and of the
// body and, in family B, the costo pieno and the ceduto ad altri over all
// voci, of every node and of the body. Afterwards the costo pieno of each voce over the body is
// brought back to the ledger by moving single cents between voci inside a
// leaf's quote (balance).
func (e *engine) roundCosts(ledger [model.NumVoci]decimal.Decimal, rounded *rounding) error {
	nn := len(e.nodes) + 1 // the sets of nodeSets
	b := &e.bufs.costs
	setsA := emptyCap(b.setsA, (model.NumCostVoci+2)*nn)
	setsB := emptyCap(b.setsB, 2*nn)
	var direct [model.NumCostVoci]int
	for c := range model.NumCostVoci {
		setsA, direct[c] = e.nodeSets(setsA)
	}
	setsA, coord := e.nodeSets(setsA)
	setsA, support := e.nodeSets(setsA)
	setsB, keep := e.nodeSets(setsB)
	setsB, give := e.nodeSets(setsB)

	// At most one element per figure that is not zero, and one for the
	// figure the drift goes into.
	most := 0
	for i := range e.nodes {
		if len(e.m.ChildIndexes(i)) > 0 {
			continue
		}
		for c := range model.NumCostVoci {
			for _, f := range moved {
				if !e.own.at(i, f, costVoce[c]).isZero() {
					most++
				}
			}
			most++
		}
	}
	elems := emptyCap(b.elems, most)
	xs := emptyCap(b.xs, most) // the exact value of each element, in cents
	where := emptyCap(b.where, most)
	b.gives = zeroed(b.gives, len(e.nodes))
	gives := b.gives
	for i := range e.nodes {
		if len(e.m.ChildIndexes(i)) > 0 {
			continue
		}
		for c := range model.NumCostVoci {
			v := costVoce[c]
			var own [numFigures]amt
			for f := range numFigures {
				own[f] = e.own.at(i, f, v)
			}
			held := own[Direct].add(own[FromCoordination]).add(own[FromSupport])
			// A leaf keeps when it ceded nothing, gives when it keeps
			// nothing; either up to the noise of the last decimals of a
			// split (the last attività of a support servizio takes what the
			// others leave). The noise goes to a quota, so that the exact
			// costo pieno and ceduto of the leaf are what the rounding
			// rounds and the costo pieno of the body stays the ledger's.
			var drift amt
			switch full := held.add(own[ToOthers]); {
			case own[ToOthers].cmpAbs(noise) < 0:
				drift = own[ToOthers]
			case full.cmpAbs(noise) < 0:
				gives[i][c] = true
				drift = full.negate()
			default:
				return fmt.Errorf("costing: internal error: %s both keeps %s and gives %s of %s", e.nodes[i].Code, full.decimal(), own[ToOthers].decimal(), model.CostVoci()[c])
			}
			b := keep + i
			if gives[i][c] {
				b = give + i
			}
			into := FromSupport
			if own[FromSupport].isZero() && !own[FromCoordination].isZero() {
				into = FromCoordination
			}
			for _, f := range moved {
				x := own[f]
				if f == into {
					x = x.add(drift)
				}
				if x.isZero() {
					continue
				}
				a := coord + i
				switch f {
				case Direct:
					a = direct[c] + i
				case FromSupport:
					a = support + i
				}
				x = x.mulPow10(model.CentPlaces)
				elems = append(elems, crElemOf(x, a, b))
				xs = append(xs, x)
				where = append(where, costElem{i, c, f})
			}
		}
	}
	// The reciprocal method solves its system in floats: what support
	// servizi give may miss what they hold by far less than a cent. That
	// difference belongs to the receivers, so it goes to the quota
	// supporto of the first receiving leaf of the voce, and the costo pieno
	// of each voce over the body is exactly the ledger's.
	for c := range model.NumCostVoci {
		kept := amtOf(ledger[costVoce[c]]).mulPow10(model.CentPlaces)
		first := -1
		for k, w := range where {
			if w.c == c && !gives[w.leaf][c] {
				kept = kept.add(xs[k].negate())
				if first < 0 && w.fig == FromSupport {
					first = k
				}
			}
		}
		if kept.isZero() {
			continue
		}
		if first < 0 || kept.cmpAbs(centNoise) > 0 {
			return fmt.Errorf("costing: internal error: the receivers of %s keep %s cents less than the ledger", model.CostVoci()[c], kept.decimal())
		}
		xs[first] = xs[first].add(kept)
		elems[first] = crElemOf(xs[first], elems[first].a, elems[first].b)
	}
	b.setsA, b.setsB, b.elems, b.xs, b.where = setsA, setsB, elems, xs, where
	got, err := b.cr.controlledRound(elems, setsA, setsB)
	if err != nil {
		return err
	}
	b.cents = zeroed(b.cents, len(e.nodes))
	cents := b.cents
	for k, w := range where {
		cents[w.leaf][w.fig][w.c] = got[k]
	}
	if err := e.balance(ledger, xs, where, got, cents, gives); err != nil {
		return err
	}
	for i := range e.nodes {
		for c := range model.NumCostVoci {
			v := costVoce[c]
			var held int64
			for _, f := range moved {
				rounded.put(slot(i, f, v), cents[i][f][c])
				held += cents[i][f][c]
			}
			if gives[i][c] {
				rounded.put(slot(i, ToOthers, v), -held)
			}
		}
	}
	return nil
}

// balance makes the costo pieno of every cost voce over the body equal its
// ledger total. The controlled rounding keeps the total over the voci, the
// costo diretto of each voce and the quote of every node; the costo pieno of
// a single voce may still be off by a few cents. Each missing cent is moved
// from a voce with too much to one with too little inside one quota of one
// leaf that keeps its cost, which changes no total, no costo diretto and no
// costo pieno of any node: where possible between a figure rounded up and a
// figure rounded down, so that both stay within a cent of their exact
// value, choosing the move that departs least from the exact values (ties
// by map order). xs are the exact values of the elements got rounds.
func (e *engine) balance(ledger [model.NumVoci]decimal.Decimal, xs []amt, where []costElem, got []int64, cents [][numFigures][model.NumCostVoci]int64, gives [][model.NumCostVoci]bool) error {
	var off [model.NumCostVoci]int64
	for c := range model.NumCostVoci {
		off[c] = -ledger[costVoce[c]].Mul(centsPerEuro).IntPart()
	}
	for i := range e.nodes {
		for c := range model.NumCostVoci {
			if !gives[i][c] {
				for _, f := range moved {
					off[c] += cents[i][f][c]
				}
			}
		}
	}
	if off == [model.NumCostVoci]int64{} {
		return nil
	}
	// at[leaf][fig][c] is 1 + the element of that figure and voce of the
	// leaf, 0 for none.
	b := &e.bufs.costs
	b.at = zeroed(b.at, len(e.nodes))
	at := b.at
	for k, w := range where {
		at[w.leaf][w.fig][w.c] = int32(k + 1)
	}
	// The floor and the remainder of each element.
	b.floor, b.rem = zeroed(b.floor, len(xs)), zeroed(b.rem, len(xs))
	floor, rem := b.floor, b.rem
	for k, x := range xs {
		floor[k], rem[k] = x.floorRem()
	}
	// The remainders as counts of 10^-FlowPlaces, when every one is held
	// so (each is below 10^FlowPlaces): the costs of the moves are then
	// those counts too, exact in an int64, and compare as the amts would.
	b.remU = zeroed(b.remU, len(xs))
	remU := b.remU
	fast := true
	for k := range rem {
		v, ok := rem[k].v.int64()
		if rem[k].slow || !ok {
			fast = false
			break
		}
		remU[k] = v
	}
	one := amtOf(decimal.New(1, 0))
	for {
		from, to := -1, -1
		for c := range model.NumCostVoci {
			if off[c] > 0 && from < 0 {
				from = c
			}
			if off[c] < 0 && to < 0 {
				to = c
			}
		}
		if from < 0 && to < 0 {
			return nil
		}
		if from < 0 || to < 0 {
			return fmt.Errorf("costing: internal error: costo pieno by voce off by %v cents", off)
		}
		// Best move: cost is the change of |rounded - exact| of the two
		// figures, taking a cent from element k and giving it to j;
		// within bounds when the first was rounded up and the second
		// down. With g = got[k] - floor[k] and h = got[j] - floor[j], the
		// change is, for k: -1 when g >= 2, 2r-1 when g = 1, 1 when g <=
		// 0; for j: 1 when h >= 1, 1-2r when h = 0, -1 when h <= -1 (r
		// the remainder).
		best, bestJ, bestIn := -1, -1, false
		var bestCost amt
		var bestCostU int64
		for k, w := range where {
			if w.c != from || w.fig == Direct || gives[w.leaf][from] || gives[w.leaf][to] {
				continue
			}
			j := int(at[w.leaf][w.fig][to]) - 1
			if j < 0 {
				continue
			}
			g, h := got[k]-floor[k], got[j]-floor[j]
			in := g > 0 && (h < 0 || (h == 0 && !rem[j].isZero()))
			if best >= 0 && (!in && bestIn) {
				continue // no better whatever its cost
			}
			var units int64
			switch {
			case g >= 2:
				units--
			case g == 1:
				units--
			default:
				units++
			}
			switch {
			case h >= 1:
				units++
			case h == 0:
				units++
			default:
				units--
			}
			if fast {
				cost := units * int64(pow10u[model.FlowPlaces])
				if g == 1 {
					cost += 2 * remU[k]
				}
				if h == 0 {
					cost -= 2 * remU[j]
				}
				if best < 0 || (in && !bestIn) || (in == bestIn && cost < bestCostU) {
					best, bestJ, bestIn, bestCostU = k, j, in, cost
				}
				continue
			}
			var cost amt
			if g == 1 {
				cost = rem[k].add(rem[k])
			}
			if h == 0 {
				cost = cost.add(rem[j].negate()).add(rem[j].negate())
			}
			for ; units > 0; units-- {
				cost = cost.add(one)
			}
			for ; units < 0; units++ {
				cost = cost.add(one.negate())
			}
			if best < 0 || (in && !bestIn) || (in == bestIn && cost.cmp(bestCost) < 0) {
				best, bestJ, bestIn, bestCost = k, j, in, cost
			}
		}
		if best < 0 {
			return fmt.Errorf("costing: internal error: no leaf can bring the costo pieno of %s and %s back to the ledger", model.CostVoci()[from], model.CostVoci()[to])
		}
		k, j := best, bestJ
		got[k]--
		got[j]++
		cents[where[k].leaf][where[k].fig][from]--
		cents[where[j].leaf][where[j].fig][to]++
		off[from]--
		off[to]++
	}
}

// roundOthers rounds the voci that stay where stage 1 put them (revenues
// and the financial, extraordinary and value-adjustment voci): for each
// section of the conto economico, one controlled rounding whose sets are
// each voce of the section on every node (family A) and the section on
// every node (family B).
func (e *engine) roundOthers(rounded *rounding) error {
	var sections []model.Section
	for _, vi := range voci {
		if vi.Section != model.OneriCorrenti && !slices.Contains(sections, vi.Section) {
			sections = append(sections, vi.Section)
		}
	}
	for _, sec := range sections {
		nv, nelems := 0, 0
		for v, vi := range voci {
			if vi.Section == sec {
				nv++
				for i := range e.nodes {
					if !e.own.at(i, Direct, v).isZero() {
						nelems++
					}
				}
			}
		}
		nn := len(e.nodes) + 1 // the sets of nodeSets
		b := &e.bufs.others
		setsA, setsB := emptyCap(b.setsA, nv*nn), emptyCap(b.setsB, nn)
		perVoce := map[int]int{}
		for v, vi := range voci {
			if vi.Section == sec {
				setsA, perVoce[v] = e.nodeSets(setsA)
			}
		}
		setsB, total := e.nodeSets(setsB)
		elems := emptyCap(b.elems, nelems)
		where := emptyCap(b.where, nelems) // slots
		for i := range e.nodes {
			for v, vi := range voci {
				if vi.Section != sec {
					continue
				}
				x := e.own.at(i, Direct, v)
				if x.isZero() {
					continue
				}
				elems = append(elems, crElemOf(x.mulPow10(model.CentPlaces), perVoce[v]+i, total+i))
				where = append(where, slot(i, Direct, v))
			}
		}
		b.setsA, b.setsB, b.elems, b.where = setsA, setsB, elems, where
		got, err := b.cr.controlledRound(elems, setsA, setsB)
		if err != nil {
			return err
		}
		for k, w := range where {
			rounded.put(w, got[k])
		}
	}
	return nil
}

func (e *engine) roundingStep(i, v int, f Figure, diff amt) {
	if diff.isZero() {
		return
	}
	r := fromLine(-1)
	r.stage, r.kd, r.entry, r.voce, r.figure = StageRounding, e.trace.keyDriver(nil, "arrotondamento"), int32(i), uint8(v), f
	e.trace.add(r, diff)
}

// roundFTE rounds the FTE top-down: the body's total to four decimals,
// then each node's rounded FTE shared among its children (and the FTE
// booked on the node itself) by largest remainder. It returns the rounded
// FTE of every node, its own and its children's.
func (e *engine) roundFTE() ([]decimal.Decimal, error) {
	n := e.m.Len()
	exact := make([]decimal.Decimal, n)
	var total decimal.Decimal
	var tops []int
	for i := n - 1; i >= 0; i-- {
		exact[i] = exact[i].Add(e.fteLeaf[i])
		if p := e.m.ParentIndex(i); p >= 0 {
			exact[p] = exact[p].Add(exact[i])
		} else {
			total = total.Add(exact[i])
		}
	}
	for i := range n {
		if e.m.ParentIndex(i) < 0 {
			tops = append(tops, i)
		}
	}
	out := make([]decimal.Decimal, n)
	// share gives target to the items: the node's own FTE (own >= 0) and
	// its children.
	share := func(own int, kids []int, target decimal.Decimal) error {
		var vals []decimal.Decimal
		if own >= 0 {
			vals = append(vals, e.fteLeaf[own])
		}
		for _, k := range kids {
			vals = append(vals, exact[k])
		}
		r, err := shareDown(vals, target, model.FTEPlaces)
		if err != nil {
			return err
		}
		if own >= 0 {
			r = r[1:]
		}
		for n, k := range kids {
			out[k] = r[n]
		}
		return nil
	}
	if err := share(-1, tops, total.Round(model.FTEPlaces)); err != nil {
		return nil, err
	}
	for i := range n {
		if kids := e.m.ChildIndexes(i); len(kids) > 0 {
			if err := share(i, kids, out[i]); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}

// shareDown rounds values to places decimals so that they sum to target,
// which must be within one unit of their sum: every value is rounded down,
// then the units still missing go one each to the values with the largest
// remainders (compared to places+4 decimals, so that noise far below a unit
// cannot beat the order of the values; ties to the earlier value). Each
// result is the floor or the ceiling of its value, so within one unit of
// it, and a value already at places decimals stays as it is.
func shareDown(values []decimal.Decimal, target decimal.Decimal, places int32) ([]decimal.Decimal, error) {
	if out, ok := shareDownFixed(values, target, places); ok {
		return out, nil
	}
	out := make([]decimal.Decimal, len(values))
	rem := make([]decimal.Decimal, len(values))
	unit := decimal.New(1, -places)
	var sum decimal.Decimal
	var order []int
	for i, v := range values {
		out[i] = v.RoundFloor(places)
		rem[i] = v.Sub(out[i])
		sum = sum.Add(out[i])
		if rem[i].Sign() > 0 {
			order = append(order, i)
		}
	}
	missing := target.Sub(sum).Div(unit)
	k := missing.IntPart()
	if !missing.Equal(decimal.NewFromInt(k)) || k < 0 || k > int64(len(order)) {
		return nil, fmt.Errorf("costing: internal error: cannot share %s among %v", target, values)
	}
	slices.SortStableFunc(order, func(a, b int) int {
		return cmp.Compare(0, rem[a].Round(places+4).Cmp(rem[b].Round(places+4)))
	})
	for _, i := range order[:k] {
		out[i] = out[i].Add(unit)
	}
	return out, nil
}

// check proves conservation: for every voce the allocated total equals the
// ledger total to the cent (rollUp checked that every node's figures add
// up).
func (r *Result) check(ledger [model.NumVoci]decimal.Decimal) error {
	var alloc [model.NumVoci]decimal.Decimal
	var direct [model.NumCostVoci]decimal.Decimal
	for i, nd := range r.Map.Nodes() {
		if nd.Level != model.LevelMacro {
			continue
		}
		f := r.Nodes[i]
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
