package costing

import (
	"fmt"
	"math"
	"math/bits"
	"slices"
	"sync"

	"github.com/shopspring/decimal"

	"camcost/model"
)

// Controlled rounding (docs/metodo.md §12).
//
// A rounding problem has elements, each an exact amount in units of the
// last place (cents, say), and two laminar families of sets of elements, A
// and B: within a family two sets are disjoint or one contains the other.
// A rounding gives every element an integer, floor or ceiling of its exact
// value, such that the sum over every set of A and of B is also the floor or
// the ceiling of that set's exact sum: every element and every set ends
// within one unit of its exact value, and an exact value that is already
// whole (zero, a ledger total in cents) stays as it is.
//
// Such a rounding always exists: set A as a tree of arcs from a source
// down to the elements, B as a tree of arcs from the elements up to a sink,
// and the exact amounts are a flow in which every arc carries the exact sum
// of its set. Every flow between integer bounds has an integer solution, so
// bounding each arc by the floor and the ceiling of its exact value leaves
// an integer flow. Among these the solver takes one of least cost, where
// each arc costs its distance from the exact value, so that the rounding is
// the closest to the exact values: a figure is the nearest cent unless a
// sum it belongs to needs otherwise. Ties go to the order of the arcs (sets
// of A, elements, sets of B, each in the order the caller lists them, map
// order): of two equally close choices, the earlier figure is rounded up.

// crSet is a set of a family: its parent set in the same family, or -1.
type crSet struct {
	parent int
}

// crElem is an element: its exact value in units and its smallest set in A
// and in B (-1 for none).
type crElem struct {
	x    decimal.Decimal
	a, b int
	// With fixed, the value is c·10^exp, which x would hold with that
	// coefficient and exponent, and x is unset: the engine's elements,
	// made without a decimal each (crElemOf).
	c     i128
	exp   int32
	fixed bool
}

// crElemOf returns the element of value x, with sets a and b: the value
// as the coefficient and exponent of x.decimal(), or that decimal when x
// is slow or does not give them exactly.
func crElemOf(x amt, a, b int) crElem {
	if !x.slow && x.exp >= -model.FlowPlaces {
		if c, ok := x.v.quoPow10(int(x.exp) + model.FlowPlaces); ok {
			return crElem{a: a, b: b, c: c, exp: x.exp, fixed: true}
		}
	}
	return crElem{x: x.decimal(), a: a, b: b}
}

// value returns the value of e as a decimal.
func (e *crElem) value() decimal.Decimal {
	if e.fixed {
		return decimalOf(e.c, e.exp)
	}
	return e.x
}

// exponent returns the exponent of e.value().
func (e *crElem) exponent() int32 {
	if e.fixed {
		return e.exp
	}
	return e.x.Exponent()
}

// remainderScale is how finely remainders are compared: to 1/10,000 of a
// unit, so noise far below a unit (the float solution of the reciprocal
// method, the last digits of a split) cannot decide a choice.
const remainderScale = 10000

// crObserve, set only by tests, sees every problem given to
// controlledRound: the benchmarks and differential tests take realistic
// problems from it. The roundings of a run go on two goroutines (finish):
// crObserveMu makes the calls one at a time, in no fixed order.
var (
	crObserve   func(elems []crElem, setsA, setsB []crSet)
	crObserveMu sync.Mutex
)

// controlledRound rounds elems so that every set of the families setsA and
// setsB (each listed parents first or in any order; sets refer to their
// parents by index) sums to the floor or ceiling of its exact sum. It
// returns the rounded elements in units, in a fresh slice: w holds only
// the rounding's scratch memory, which the next rounding reuses.
func (w *crWork) controlledRound(elems []crElem, setsA, setsB []crSet) ([]int64, error) {
	if crObserve != nil {
		crObserveMu.Lock()
		crObserve(elems, setsA, setsB)
		crObserveMu.Unlock()
	}
	return w.round(elems, setsA, setsB)
}

// round is controlledRound in the buffers of w.
func (w *crWork) round(elems []crElem, setsA, setsB []crSet) ([]int64, error) {
	p, err := w.newCRNet(elems, setsA, setsB)
	if err != nil {
		return nil, err
	}
	if err := p.net.solve(); err != nil {
		return nil, err
	}
	for n, k := range p.elem {
		if k >= 0 {
			p.out[k] += p.net.flow(p.ids[n])
		}
	}
	return p.out, nil
}

// crWork holds the buffers of a rounding, which the roundings of a
// Compute, and of a Workspace, reuse (engineBufs): what a rounding returns
// is never in them. Fresh memory costs its first touch on every page; the
// roundings of a body would take a few megabytes of it.
type crWork struct {
	// exactValues
	frac, liveA, liveB []bool
	rem                []uint64
	remA, remB         []u128
	// newCRNet
	kidsA, kidsB, vA, vB      []int32
	weightA, weightB, weightE []int64
	ids, elem                 []int
	// the network and its solution
	arcs              []fnArc
	ex                []int64
	first, fill, at   []int32
	rows              []fnEdge
	pot               []int64
	inZ               []bool
	level, iter, best []int32
	mark, seen        []uint32
	toT, atIn         []int32
	heap              fnHeap
	in, starts        []int32
	filled, queue     []int32
	byLevel           [][]int32
}

// zeroed returns s with length n, all zero, reusing its array if it can.
func zeroed[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	s = s[:n]
	clear(s)
	return s
}

// crNet is the network of a rounding problem, before it is solved.
type crNet struct {
	net  *flowNet
	out  []int64 // floor of every element
	ids  []int   // arc of each item with a vertex or element
	elem []int   // element of each arc, -1 for a set
}

// crExact holds what the arcs need of the exact values of a problem: the
// floor and the remainder of every element and the sum of every set.
// Sums are exact either way: in fixed point (128-bit integers counting
// 10^-places units) when every amount fits, else in decimal.
type crExact struct {
	out          []int64 // floor of every element
	frac         []bool  // whether an element is not whole
	liveA, liveB []bool  // whether a set holds an element that is not whole
	fixed        bool
	// fixed point: remainders (amount minus floor) in units of pow =
	// 10^places, of every element and summed over the elements of every
	// set; the floors of a set's elements add up to the floor of its sum
	// less the whole units of its remainders.
	pow        uint64
	rem        []uint64
	remA, remB []u128
	// decimal: exact sums and sums of floors of every set.
	sumA, sumB     []decimal.Decimal
	floorA, floorB []int64
}

func (a *u128) add(x uint64) {
	var c uint64
	a.lo, c = bits.Add64(a.lo, x, 0)
	a.hi += c
}

// exactValues returns the floors and sums of a problem, or the error of an
// amount out of range.
func exactValues(elems []crElem, setsA, setsB []crSet) (*crExact, error) {
	return new(crWork).exactValues(elems, setsA, setsB)
}

// exactValues is exactValues with the buffers of w; out is fresh.
func (w *crWork) exactValues(elems []crElem, setsA, setsB []crSet) (*crExact, error) {
	w.frac = zeroed(w.frac, len(elems))
	w.liveA = zeroed(w.liveA, len(setsA))
	w.liveB = zeroed(w.liveB, len(setsB))
	x := &crExact{
		out:   make([]int64, len(elems)),
		frac:  w.frac,
		liveA: w.liveA,
		liveB: w.liveB,
	}
	if x.fixedValues(w, elems, setsA, setsB) {
		return x, nil
	}
	clear(x.liveA)
	clear(x.liveB)
	// Exact sums and sums of floors of every set.
	out, frac, liveA, liveB := x.out, x.frac, x.liveA, x.liveB
	sumA, floorA := make([]decimal.Decimal, len(setsA)), make([]int64, len(setsA))
	sumB, floorB := make([]decimal.Decimal, len(setsB)), make([]int64, len(setsB))
	for k, e := range elems {
		ex := e.value()
		fl := ex.Floor()
		if !fl.Equal(fl.Truncate(0)) || fl.Abs().GreaterThan(decimal.NewFromInt(math.MaxInt64/4)) {
			return nil, fmt.Errorf("costing: amount %s out of range", ex)
		}
		out[k] = fl.IntPart()
		frac[k] = !fl.Equal(ex)
		for s := e.a; s >= 0; s = setsA[s].parent {
			sumA[s] = sumA[s].Add(ex)
			floorA[s] += out[k]
			liveA[s] = liveA[s] || frac[k]
		}
		for s := e.b; s >= 0; s = setsB[s].parent {
			sumB[s] = sumB[s].Add(ex)
			floorB[s] += out[k]
			liveB[s] = liveB[s] || frac[k]
		}
	}
	x.sumA, x.floorA, x.sumB, x.floorB = sumA, floorA, sumB, floorB
	return x, nil
}

// fixedValues fills x in fixed point and reports whether it could: every
// amount has at most 18 decimals and a coefficient of at most 128 bits,
// its floor is within the range the rounding accepts and the floors add
// up, in absolute value, to less than 2^62, so that the decimal
// computation could not overflow either.
func (x *crExact) fixedValues(w *crWork, elems []crElem, setsA, setsB []crSet) bool {
	places := int64(0)
	for k := range elems {
		places = max(places, -int64(elems[k].exponent()))
	}
	if places > 18 { // 2·10^places must fit in 64 bits
		return false
	}
	x.pow = pow10u[places]
	w.rem = zeroed(w.rem, len(elems))
	x.rem = w.rem
	var total uint64 // of the floors in absolute value
	for k := range elems {
		e := &elems[k]
		var hi, lo uint64
		neg := e.x.Sign() < 0
		switch {
		case e.fixed:
			m := e.c.abs()
			hi, lo, neg = m.hi, m.lo, e.c.neg()
		case e.x.NumDigits() <= 18:
			lo = absU(e.x.CoefficientInt64())
		default:
			c := e.x.Coefficient()
			if c.BitLen() > 128 {
				return false
			}
			for i, w := range c.Bits() {
				sh := uint(i * bits.UintSize)
				if sh < 64 {
					lo |= uint64(w) << sh
				} else {
					hi |= uint64(w) << (sh - 64)
				}
			}
		}
		var fl, rem uint64 // floor in absolute value, remainder
		switch exp := e.exponent(); {
		case hi == 0 && lo == 0:
		case exp >= 0:
			if hi != 0 || int(exp) >= len(pow10u) {
				return false
			}
			var over uint64
			over, fl = bits.Mul64(lo, pow10u[exp])
			if over != 0 {
				return false
			}
		default:
			d := pow10u[-exp]
			if hi >= d {
				return false
			}
			fl, rem = bits.Div64(hi, lo, d)
			if fl > math.MaxInt64/4 {
				return false
			}
			if neg && rem != 0 {
				fl, rem = fl+1, d-rem
			}
			rem *= pow10u[places+int64(exp)]
		}
		if fl > math.MaxInt64/4 {
			return false
		}
		if total += fl; total >= 1<<62 {
			return false
		}
		x.out[k] = int64(fl)
		if neg {
			x.out[k] = -int64(fl)
		}
		x.rem[k] = rem
		x.frac[k] = rem != 0
	}
	w.remA, w.remB = zeroed(w.remA, len(setsA)), zeroed(w.remB, len(setsB))
	x.remA, x.remB = w.remA, w.remB
	for k, e := range elems {
		if !x.frac[k] {
			continue
		}
		r := x.rem[k]
		for s := e.a; s >= 0; s = setsA[s].parent {
			x.remA[s].add(r)
			x.liveA[s] = true
		}
		for s := e.b; s >= 0; s = setsB[s].parent {
			x.remB[s].add(r)
			x.liveB[s] = true
		}
	}
	x.fixed = true
	return true
}

// setBounds returns the bounds of the arc of a set of family A (b false)
// or B, in units above the sum of the floors of its elements, and its
// remainder in 1/remainderScale of a unit, rounded half up.
func (x *crExact) setBounds(b bool, s int) (lo, hi, q int64) {
	if x.fixed {
		var r u128
		if b {
			r = x.remB[s]
		} else {
			r = x.remA[s]
		}
		// The remainders sum to less than pow times the number of
		// elements: hi < pow.
		units, rest := bits.Div64(r.hi, r.lo, x.pow)
		lo, hi = int64(units), int64(units)
		if rest != 0 {
			hi++
		}
		return lo, hi, x.scaled(rest)
	}
	var sum decimal.Decimal
	var floorSum int64
	if b {
		sum, floorSum = x.sumB[s], x.floorB[s]
	} else {
		sum, floorSum = x.sumA[s], x.floorA[s]
	}
	fl := sum.Floor()
	lo = fl.IntPart() - floorSum
	hi = lo
	if !fl.Equal(sum) {
		hi++
	}
	return lo, hi, remainderUnits(sum.Sub(fl))
}

// elemRemainder returns the remainder of element k as setBounds does.
func (x *crExact) elemRemainder(elems []crElem, k int) int64 {
	if x.fixed {
		return x.scaled(x.rem[k])
	}
	ex := elems[k].value()
	return remainderUnits(ex.Sub(ex.Floor()))
}

// remainderUnits is a remainder in 1/remainderScale of a unit, rounded.
func remainderUnits(rem decimal.Decimal) int64 {
	return rem.Mul(decimal.NewFromInt(remainderScale)).Round(0).IntPart()
}

// scaled is remainderUnits of the remainder r/pow (0 <= r < pow), exactly:
// floor(r·remainderScale/pow + 1/2), as Round(0) rounds half away from
// zero.
func (x *crExact) scaled(r uint64) int64 {
	hi, lo := bits.Mul64(r, 2*remainderScale)
	var c uint64
	lo, c = bits.Add64(lo, x.pow, 0)
	q, _ := bits.Div64(hi+c, lo, 2*x.pow)
	return int64(q)
}

// newCRNet builds the network of a rounding problem in the buffers of w.
func (w *crWork) newCRNet(elems []crElem, setsA, setsB []crSet) (*crNet, error) {
	x, err := w.exactValues(elems, setsA, setsB)
	if err != nil {
		return nil, err
	}
	frac, liveA, liveB := x.frac, x.liveA, x.liveB

	// Vertices: source 0, sink 1, then the sets of A and of B that hold a
	// fractional element; a set with a single such item (element or set)
	// below it has the same bounds as that item and needs no vertex.
	const src, snk = 0, 1
	w.kidsA, w.kidsB = zeroed(w.kidsA, len(setsA)), zeroed(w.kidsB, len(setsB))
	kidsA, kidsB := w.kidsA, w.kidsB
	for k, e := range elems {
		if frac[k] {
			if e.a >= 0 {
				kidsA[e.a]++
			}
			if e.b >= 0 {
				kidsB[e.b]++
			}
		}
	}
	for s, set := range setsA {
		if liveA[s] && set.parent >= 0 {
			kidsA[set.parent]++
		}
	}
	for s, set := range setsB {
		if liveB[s] && set.parent >= 0 {
			kidsB[set.parent]++
		}
	}
	w.vA, w.vB = zeroed(w.vA, len(setsA)), zeroed(w.vB, len(setsB))
	vA, vB := w.vA, w.vB
	nv := 2
	for s := range setsA {
		vA[s] = -1
		if kidsA[s] > 1 {
			vA[s] = int32(nv)
			nv++
		}
	}
	for s := range setsB {
		vB[s] = -1
		if kidsB[s] > 1 {
			vB[s] = int32(nv)
			nv++
		}
	}
	// atA is the vertex of set s or of the nearest set above it in A.
	atA := func(s int) int {
		for ; s >= 0; s = setsA[s].parent {
			if vA[s] >= 0 {
				return int(vA[s])
			}
		}
		return src
	}
	atB := func(s int) int {
		for ; s >= 0; s = setsB[s].parent {
			if vB[s] >= 0 {
				return int(vB[s])
			}
		}
		return snk
	}
	upA := func(s int) int { return atA(setsA[s].parent) }
	upB := func(s int) int { return atB(setsB[s].parent) }
	// A set without a vertex counts in the cost through the single item
	// below it: every figure weighs the same, however the sets nest.
	w.weightA, w.weightB = zeroed(w.weightA, len(setsA)), zeroed(w.weightB, len(setsB))
	w.weightE = zeroed(w.weightE, len(elems))
	weightA, weightB, weightE := w.weightA, w.weightB, w.weightE
	for s := range setsA {
		weightA[s] = 1
	}
	for s := range setsB {
		weightB[s] = 1
	}
	for k := range elems {
		weightE[k] = 1
	}
	// The item below a set without a vertex is found by walking up from
	// every live item: its nearest ancestors without vertex pass their
	// weight to it.
	for k, e := range elems {
		if !frac[k] {
			continue
		}
		for s := e.a; s >= 0 && liveA[s] && vA[s] < 0 && kidsA[s] == 1; s = setsA[s].parent {
			weightE[k] += weightA[s]
		}
		for s := e.b; s >= 0 && liveB[s] && vB[s] < 0 && kidsB[s] == 1; s = setsB[s].parent {
			weightE[k] += weightB[s]
		}
	}
	for t := range setsA {
		if vA[t] < 0 {
			continue
		}
		for s := setsA[t].parent; s >= 0 && vA[s] < 0 && kidsA[s] == 1; s = setsA[s].parent {
			weightA[t] += weightA[s]
		}
	}
	for t := range setsB {
		if vB[t] < 0 {
			continue
		}
		for s := setsB[t].parent; s >= 0 && vB[s] < 0 && kidsB[s] == 1; s = setsB[s].parent {
			weightB[t] += weightB[s]
		}
	}
	// Arcs in map order of their sets and elements, which the caller
	// numbered in that order; a set's bounds are in units above the sum of
	// the floors of its elements. They go straight into the network: a
	// first pass counts them and finds their largest weight, which the
	// costs need.
	narcs := 0
	var maxW int64
	for s := range setsA {
		if vA[s] >= 0 {
			narcs++
			maxW = max(maxW, weightA[s])
		}
	}
	for k := range elems {
		if frac[k] {
			narcs++
			maxW = max(maxW, weightE[k])
		}
	}
	for s := range setsB {
		if vB[s] >= 0 {
			narcs++
			maxW = max(maxW, weightB[s])
		}
	}
	// Cost of the optional unit of an arc: its distance from the exact
	// value grows by 1-2r (r the remainder), scaled; the rank breaks ties
	// so that earlier arcs are rounded up first.
	rank := int64(narcs) + 1
	scale := rank
	if float64(scale)*float64(rank)*float64(maxW)*remainderScale*float64(nv+2) > math.MaxInt64/4 {
		scale, rank = 1, 0
	}
	p := &crNet{
		net:  w.newFlowNet(nv, narcs),
		out:  x.out,
		ids:  w.ids[:0],
		elem: w.elem[:0],
	}
	arc := func(from, to int, lo, hi, q int64, elem int, weight int64) {
		n := len(p.ids)
		cost := weight * (remainderScale - 2*q) * scale * rank
		if rank > 0 {
			cost -= rank - int64(n)
		} else {
			cost = weight * (remainderScale - 2*q)
		}
		p.ids = append(p.ids, p.net.add(from, to, lo, hi, cost))
		p.elem = append(p.elem, elem)
	}
	for s := range setsA {
		if vA[s] >= 0 {
			lo, hi, q := x.setBounds(false, s)
			arc(upA(s), int(vA[s]), lo, hi, q, -1, weightA[s])
		}
	}
	for k, e := range elems {
		if frac[k] {
			arc(atA(e.a), atB(e.b), 0, 1, x.elemRemainder(elems, k), k, weightE[k])
		}
	}
	for s := range setsB {
		if vB[s] >= 0 {
			lo, hi, q := x.setBounds(true, s)
			arc(int(vB[s]), upB(s), lo, hi, q, -1, weightB[s])
		}
	}
	p.net.addReturn(snk, src)
	w.ids, w.elem = p.ids, p.elem
	return p, nil
}

// flowNet is a network for a min-cost circulation whose arcs have integer
// bounds lo <= flow <= hi, with hi-lo at most 1 except for the return arc,
// and a cost per unit of flow above lo.
//
// Each arc is a pair of residual edges, numbered 2k (forward) and 2k+1
// (backward) in the order they are added; solve lays them out per tail
// vertex (compressed rows), each vertex's edges in the reverse of the order
// they were added, which is the order in which a linked list of edges
// pushed at its head would list them.
type flowNet struct {
	n     int
	arcs  []fnArc // the pairs of residual edges, in order of addition
	ex    []int64 // excess of each vertex at the start
	at    []int32 // slot of each residual edge in the rows, after solve
	first []int32 // first slot of each vertex in the rows
	rows  []fnEdge
	w     *crWork // buffers
}

// fnArc is an arc as added: residual edges 2k (u->v, capacity capF, cost
// cost) and 2k+1 (v->u, capacity capB, cost -cost), and the lower bound
// of the arc.
type fnArc struct {
	u, v       int32
	capF, capB int64
	cost       int64
	base       int64
}

// fnEdge is a residual edge in the rows of its tail.
type fnEdge struct {
	to, rev int32 // head vertex, slot of the reverse edge
	cap     int64
	cost    int64
}

func newFlowNet(n, arcs int) *flowNet {
	return new(crWork).newFlowNet(n, arcs)
}

// newFlowNet returns a network in the buffers of w.
func (w *crWork) newFlowNet(n, arcs int) *flowNet {
	m := arcs + 1 + n // and arcs from the super source or to the sink
	if cap(w.arcs) < m {
		w.arcs = make([]fnArc, 0, m)
	}
	w.ex = zeroed(w.ex, n)
	return &flowNet{
		n:    n,
		arcs: w.arcs[:0],
		ex:   w.ex,
		w:    w,
	}
}

// add adds an arc u->v with lo <= flow <= hi <= lo+1 and returns its id.
// The arc starts at its cheaper bound: lo when the unit above costs
// nothing or more, hi otherwise, so that every residual edge costs zero or
// more.
func (g *flowNet) add(u, v int, lo, hi, cost int64) int {
	id := 2 * len(g.arcs)
	start := lo
	if cost < 0 {
		start = hi
	}
	g.arcs = append(g.arcs, fnArc{int32(u), int32(v), hi - start, start - lo, cost, lo})
	g.ex[v] += start
	g.ex[u] -= start
	return id
}

// addReturn adds a free arc u->v of unbounded capacity both ways.
func (g *flowNet) addReturn(u, v int) {
	g.arcs = append(g.arcs, fnArc{int32(u), int32(v), math.MaxInt64 / 4, math.MaxInt64 / 4, 0, 0})
}

// flow returns the flow of arc id after solve.
func (g *flowNet) flow(id int) int64 {
	return g.arcs[id/2].base + g.rows[g.at[id^1]].cap
}

// solve routes the excess of every vertex to the vertices short of flow
// along shortest paths, which keeps the circulation of least cost. It runs
// the rounds of the first implementation (kept as flowNetRef in
// controlled_ref_test.go), each a Dijkstra from the super source s on
// reduced costs up to the super sink t, then blocking flows on the tight
// edges (reduced cost zero), with far less work, and ends with the same
// circulation.
//
// Which of the circulations of least cost comes out is fixed by the
// sequence of augmenting paths, and that by three things, the same here:
//
//  1. The potentials after each Dijkstra: every vertex v gains
//     min(d(v), d(t)), d its distance from s (t is never scanned). A vertex
//     nearer than d(t) leaves the heap before t with its exact distance;
//     any other has a distance, or a tentative one, of d(t) or more. So the
//     potentials do not depend on how ties leave the heap.
//  2. The levels: the fewest edges on a tight path from s, as a
//     breadth-first search finds them. Along a tight path the capped
//     distance min(d, d(t)) never falls, so a tight path to a vertex at
//     d(t) or less is a shortest path, and the level of such a vertex is
//     the fewest edges of a shortest path to it, which a Dijkstra ordering
//     vertices by distance, then by edges from s, finds. Levels beyond that
//     of t do not matter (3).
//  3. The depth-first searches from s down the levels on tight edges with
//     capacity, each vertex trying its edges in the reverse of their order
//     of addition (kept by the rows) and resuming where it stopped, until
//     none reaches t (a blocking flow). A vertex that cannot reach t down
//     the levels when a blocking flow starts never can during it (it fills
//     edges down the levels and opens edges up them): the search would find
//     nothing there and change nothing, so it is skipped, as are the
//     vertices at the level of t or deeper. A search backwards from t finds
//     the others.
//
// After a blocking flow the first implementation searches the levels again
// and runs another blocking flow if t is still reached on tight edges, else
// a Dijkstra. Here a Dijkstra always comes next: if t is reached on tight
// edges its distance is zero and no potential moves, so the levels and the
// blocking flow that follow are the same.
//
// Most of a Dijkstra would be the same in every round: the vertices s
// reaches on tight edges are at distance zero and keep their potentials
// and, mostly, their levels. So solve keeps them from round to round, in Z:
// the vertices s reaches on tight edges with capacity without passing
// through t, with their levels. Each Dijkstra starts from Z, on the edges
// from Z to the other vertices (the frontier, in a heap that outlives the
// rounds and drops stale entries as they come up); the vertices it reaches
// at d(t) or less join Z, where they are tight-reachable once potentials
// move. Inside Z potentials stay, and edges change only where a blocking
// flow fills them up (those it opens lead back up the levels and shorten
// no tight path): afterwards repair finds, level by level, the vertices
// left without a tight edge from the level above, gives them their new
// levels, takes out of Z those that s no longer reaches, and takes t out.
func (g *flowNet) solve() error {
	// Super source and sink.
	s, t := int32(g.n), int32(g.n+1)
	var need int64
	for v := range g.n {
		switch {
		case g.ex[v] > 0:
			g.arcs = append(g.arcs, fnArc{u: s, v: int32(v), capF: g.ex[v]})
			need += g.ex[v]
		case g.ex[v] < 0:
			g.arcs = append(g.arcs, fnArc{u: int32(v), v: t, capF: -g.ex[v]})
		}
	}
	n := g.n + 2
	w := g.w
	w.arcs = g.arcs
	// Rows: the edges of vertex v are rows[first[v]:first[v+1]], last
	// added first.
	w.first = zeroed(w.first, n+1)
	first := w.first
	for _, a := range g.arcs {
		first[a.u+1]++
		first[a.v+1]++
	}
	for v := range n {
		first[v+1] += first[v]
	}
	w.fill = zeroed(w.fill, n)
	fill := w.fill
	copy(fill, first[1:])
	w.at = zeroed(w.at, 2*len(g.arcs))
	g.at = w.at
	for k, a := range g.arcs {
		fill[a.u]--
		g.at[2*k] = fill[a.u]
		fill[a.v]--
		g.at[2*k+1] = fill[a.v]
	}
	w.rows = zeroed(w.rows, 2*len(g.arcs))
	g.rows = w.rows
	for k, a := range g.arcs {
		f, b := g.at[2*k], g.at[2*k+1]
		g.rows[f] = fnEdge{to: a.v, rev: b, cap: a.capF, cost: a.cost}
		g.rows[b] = fnEdge{to: a.u, rev: f, cap: a.capB, cost: -a.cost}
	}
	g.first = first
	w.pot, w.inZ, w.level = zeroed(w.pot, n), zeroed(w.inZ, n), zeroed(w.level, n)
	w.iter, w.best = zeroed(w.iter, n), zeroed(w.best, n)
	w.mark, w.seen = zeroed(w.mark, n), zeroed(w.seen, n)
	w.toT, w.atIn = zeroed(w.toT, n), zeroed(w.atIn, n)
	for l := range w.byLevel {
		w.byLevel[l] = w.byLevel[l][:0]
	}
	r := &fnRound{
		g:       g,
		s:       s,
		t:       t,
		pot:     w.pot,
		toT:     w.toT,
		atIn:    w.atIn,
		inZ:     w.inZ,
		level:   w.level,
		iter:    w.iter,
		mark:    w.mark,
		best:    w.best,
		seen:    w.seen,
		heap:    w.heap[:0],
		in:      w.in[:0],
		starts:  w.starts[:0],
		filled:  w.filled[:0],
		queue:   w.queue[:0],
		byLevel: w.byLevel,
	}
	defer func() {
		w.heap, w.in, w.starts, w.filled, w.queue, w.byLevel = r.heap, r.in, r.starts, r.filled, r.queue, r.byLevel
	}()
	// The edge into t of each vertex that has one (at most one: the arc
	// of its deficit).
	for v := range w.toT {
		w.toT[v] = -1
	}
	for i := first[t]; i < first[t+1]; i++ {
		r.toT[g.rows[i].to] = g.rows[i].rev
	}
	r.inZ[s] = true
	r.frontier(s)
	for need > 0 {
		if !r.dijkstra() {
			return fmt.Errorf("costing: internal error: the rounding constraints cannot be met (%d units left)", need)
		}
		need = r.blockingFlow(need)
		r.repair()
		if fnRoundCheck != nil {
			fnRoundCheck(r)
		}
	}
	return nil
}

// fnRoundCheck, set only by tests, sees the state of solve after every
// round.
var fnRoundCheck func(r *fnRound)

// fnRound is the state solve keeps from round to round.
type fnRound struct {
	g    *flowNet
	s, t int32
	// pot is the potential of a vertex in Z, and the potential less sigma
	// of a vertex out of Z: raising those by d(t) is raising sigma.
	pot   []int64
	sigma int64
	inZ   []bool
	level []int32 // edges from s on a shortest tight path, in Z
	heap  fnHeap  // frontier: edges from Z to the other vertices, lazily
	iter  []int32 // next edge to try in the blocking flow
	// mark[v] == stamp: v leads down the levels to t (blocking flow), or
	// lost its level (repair)
	mark  []uint32
	stamp uint32
	seen  []uint32 // seen[v] == stamp: v was checked (repair)
	best  []int32  // new level of a vertex that lost its own (repair)
	// toT[v] is the slot of the edge from v into t, -1 for none; in
	// lists the vertices of Z with such an edge, in no order, and atIn[v]
	// is 1 + the place of v in it, 0 for none. Most edges into t start
	// out of Z, where neither the blocking flow nor repair need them.
	toT, atIn []int32
	in        []int32
	// the slots of the edges from s that start the blocking flow
	starts  []int32
	filled  []int32 // slots of the edges a blocking flow filled up
	queue   []int32
	byLevel [][]int32
}

// frontier puts the edges with capacity from u, in Z, to vertices out of Z
// in the frontier heap, keyed by their reduced cost plus sigma, then by
// the level they would give.
func (r *fnRound) frontier(u int32) {
	g := r.g
	pu, h := r.pot[u], r.level[u]+1
	for i := g.first[u]; i < g.first[u+1]; i++ {
		e := &g.rows[i]
		if e.cap > 0 && !r.inZ[e.to] {
			r.heap.push(fnItem{key: e.cost + pu - r.pot[e.to], h: h, slot: i})
		}
	}
}

// dijkstra moves into Z every vertex at distance d(t) or less from Z and
// raises potentials, and reports whether t was reached.
func (r *fnRound) dijkstra() bool {
	g := r.g
	reached := false
	var dt int64
	for len(r.heap) > 0 {
		it := r.heap[0]
		d := it.key - r.sigma
		if reached && d > dt {
			break
		}
		r.heap.pop()
		e := &g.rows[it.slot]
		u, w := g.rows[e.rev].to, e.to
		if e.cap <= 0 || r.inZ[w] || !r.inZ[u] || u == r.t || r.level[u]+1 != it.h || it.key != e.cost+r.pot[u]-r.pot[w] {
			continue // stale
		}
		// w is at distance d: its potential rises by d; so do those of
		// the vertices out of Z by d(t), through sigma, once d(t) known.
		r.inZ[w], r.level[w] = true, it.h
		r.pot[w] += it.key
		if r.toT[w] >= 0 {
			r.in = append(r.in, w)
			r.atIn[w] = int32(len(r.in))
		}
		if w == r.t {
			reached, dt = true, d
			continue
		}
		r.frontier(w)
	}
	if reached {
		r.sigma += dt
	}
	return reached
}

// blockingFlow pushes up to need units from s to t along paths down the
// levels on tight edges, as the first implementation's depth-first
// search did, and returns what is left of need.
func (r *fnRound) blockingFlow(need int64) int64 {
	g, rows, t := r.g, r.g.rows, r.t
	r.stamp++
	if r.stamp == 0 {
		clear(r.mark)
		clear(r.seen)
		r.stamp = 1
	}
	// The vertices that lead down the levels to t on tight edges, found
	// backwards from t; the edges from s to those one level down, in row
	// order, are where the search starts.
	r.mark[t] = r.stamp
	r.queue = r.queue[:0]
	r.starts = r.starts[:0]
	for _, x := range r.in {
		if j := r.toT[x]; rows[j].cap > 0 {
			r.lead(x, j, t)
		}
	}
	for q := 0; q < len(r.queue); q++ {
		w := r.queue[q]
		for i := g.first[w]; i < g.first[w+1]; i++ {
			r.lead(rows[i].to, rows[i].rev, w)
		}
	}
	slices.Sort(r.starts)
	r.filled = r.filled[:0]
	for k := 0; k < len(r.starts) && need > 0; {
		i := r.starts[k]
		if e := &rows[i]; e.cap > 0 {
			if f := r.augment(e.to, min(need, e.cap)); f > 0 {
				r.push(i, f)
				need -= f
				continue
			}
		}
		k++
	}
	return need
}

// lead marks x if its tight edge in slot j leads one level down to w,
// which leads to t.
func (r *fnRound) lead(x, j, w int32) {
	e := &r.g.rows[j]
	if !r.inZ[x] || x == r.t || r.mark[x] == r.stamp || r.level[x] != r.level[w]-1 || e.cap <= 0 || e.cost+r.pot[x]-r.pot[w] != 0 {
		return
	}
	if x == r.s {
		r.starts = append(r.starts, j)
		return
	}
	r.mark[x] = r.stamp
	r.iter[x] = r.g.first[x]
	r.queue = append(r.queue, x)
}

// augment pushes up to limit units from v to t along edges of reduced cost
// zero that go one level down, and returns how much it pushed.
func (r *fnRound) augment(v int32, limit int64) int64 {
	if v == r.t {
		return limit
	}
	rows := r.g.rows
	lw := r.level[v] + 1
	for end := r.g.first[v+1]; r.iter[v] < end; r.iter[v]++ {
		e := &rows[r.iter[v]]
		w := e.to
		if e.cap <= 0 || r.mark[w] != r.stamp || r.level[w] != lw || e.cost+r.pot[v]-r.pot[w] != 0 {
			continue
		}
		if f := r.augment(w, min(limit, e.cap)); f > 0 {
			r.push(r.iter[v], f)
			return f
		}
	}
	return 0
}

// push sends f units along the edge in slot i.
func (r *fnRound) push(i int32, f int64) {
	e := &r.g.rows[i]
	e.cap -= f
	r.g.rows[e.rev].cap += f
	if e.cap == 0 {
		r.filled = append(r.filled, i)
	}
}

// open reports whether the edge in slot j, from x in Z (not t) to w, has
// capacity and reduced cost zero.
func (r *fnRound) open(j, x, w int32) bool {
	e := &r.g.rows[j]
	return e.cap > 0 && x != r.t && r.inZ[x] && e.cost+r.pot[x]-r.pot[w] == 0
}

// repair brings Z and its levels up to date after a blocking flow filled
// up the edges in r.filled, and takes t out of Z: the next Dijkstra finds
// it again, at distance zero if a tight edge still leads to it, and with
// it its level.
func (r *fnRound) repair() {
	g, rows := r.g, r.g.rows
	r.stamp++
	if r.stamp == 0 {
		clear(r.mark)
		clear(r.seen)
		r.stamp = 1
	}
	lost := r.stamp // mark of the vertices that lost their level
	add := func(l, v int32) {
		for int(l) >= len(r.byLevel) {
			r.byLevel = append(r.byLevel, nil)
		}
		r.byLevel[l] = append(r.byLevel[l], v)
	}
	take := func(l int32) (int32, bool) {
		b := r.byLevel[l]
		if len(b) == 0 {
			return 0, false
		}
		r.byLevel[l] = b[:len(b)-1]
		return b[len(b)-1], true
	}
	// The heads of the filled edges (all went one level down) may have
	// lost every tight edge from the level above; so may, in turn, the
	// vertices one level down from a vertex that lost its level. Levels in
	// order, so that those above are settled.
	var maxL int32 = -1
	for _, i := range r.filled {
		if w := rows[i].to; w != r.t {
			add(r.level[w], w)
			maxL = max(maxL, r.level[w])
		}
	}
	r.queue = r.queue[:0] // the vertices that lost their level
	for l := int32(1); l <= maxL; l++ {
		for {
			w, ok := take(l)
			if !ok {
				break
			}
			if r.seen[w] == lost {
				continue
			}
			r.seen[w] = lost
			if r.supported(w, lost) {
				continue
			}
			r.mark[w] = lost
			r.queue = append(r.queue, w)
			for i := g.first[w]; i < g.first[w+1]; i++ {
				y := rows[i].to
				if y != r.t && r.inZ[y] && r.level[y] == l+1 && r.mark[y] != lost && r.open(i, w, y) {
					add(l+1, y)
					maxL = max(maxL, l+1)
				}
			}
		}
	}
	if len(r.queue) > 0 {
		r.relevel(lost, add, take)
	}
	// t leaves Z.
	t := r.t
	r.inZ[t] = false
	r.pot[t] -= r.sigma
	for _, x := range r.in {
		if j := r.toT[x]; rows[j].cap > 0 {
			r.heap.push(fnItem{key: rows[j].cost + r.pot[x] - r.pot[t], h: r.level[x] + 1, slot: j})
		}
	}
}

// relevel gives new levels to the vertices in r.queue, which lost theirs:
// from the tight edges of the vertices that kept theirs, then among
// themselves, nearest first. Those that s no longer reaches leave Z.
func (r *fnRound) relevel(lost uint32, add func(l, v int32), take func(l int32) (int32, bool)) {
	g, rows := r.g, r.g.rows
	const none = math.MaxInt32
	maxL := int32(-1)
	for _, w := range r.queue {
		r.best[w] = none
		for i := g.first[w]; i < g.first[w+1]; i++ {
			if x, j := rows[i].to, rows[i].rev; r.mark[x] != lost && r.open(j, x, w) {
				r.best[w] = min(r.best[w], r.level[x]+1)
			}
		}
		if r.best[w] != none {
			add(r.best[w], w)
			maxL = max(maxL, r.best[w])
		}
	}
	for l := int32(1); l <= maxL; l++ {
		for {
			w, ok := take(l)
			if !ok {
				break
			}
			if r.mark[w] != lost || r.best[w] != l {
				continue
			}
			r.mark[w] = 0 // settled
			r.level[w] = l
			for i := g.first[w]; i < g.first[w+1]; i++ {
				if y := rows[i].to; r.mark[y] == lost && l+1 < r.best[y] && r.open(i, w, y) {
					r.best[y] = l + 1
					add(l+1, y)
					maxL = max(maxL, l+1)
				}
			}
		}
	}
	// Those left unsettled leave Z; the others have new levels. Either
	// way the frontier gains edges.
	for _, w := range r.queue {
		if r.mark[w] == lost {
			r.inZ[w] = false
			r.pot[w] -= r.sigma
			if k := r.atIn[w]; k > 0 { // out of in, the last in its place
				last := r.in[len(r.in)-1]
				r.in[k-1], r.atIn[last] = last, k
				r.in, r.atIn[w] = r.in[:len(r.in)-1], 0
			}
		}
	}
	for _, w := range r.queue {
		if r.inZ[w] {
			r.frontier(w)
			continue
		}
		for i := g.first[w]; i < g.first[w+1]; i++ {
			if x, j := rows[i].to, rows[i].rev; x != r.t && r.inZ[x] && rows[j].cap > 0 {
				r.heap.push(fnItem{key: rows[j].cost + r.pot[x] - r.pot[w], h: r.level[x] + 1, slot: j})
			}
		}
	}
}

// supported reports whether w has a tight edge from a vertex one level
// up that has not lost its level.
func (r *fnRound) supported(w int32, lost uint32) bool {
	g, rows := r.g, r.g.rows
	for i := g.first[w]; i < g.first[w+1]; i++ {
		if x, j := rows[i].to, rows[i].rev; r.mark[x] != lost && r.level[x] == r.level[w]-1 && r.open(j, x, w) {
			return true
		}
	}
	return false
}

// fnItem is an edge of the frontier: its slot, its reduced cost plus
// sigma when it was put in the heap and the level it would give.
type fnItem struct {
	key  int64
	h    int32
	slot int32
}

func (x fnItem) less(y fnItem) bool {
	return x.key < y.key || x.key == y.key && x.h < y.h
}

// lessBit is x.less(*y) as 1 or 0, computed without branches.
func (x *fnItem) lessBit(y *fnItem) int {
	return bit(x.key < y.key) | bit(x.key == y.key)&bit(x.h < y.h)
}

// bit is 1 for true, 0 for false; the compiler makes it a SETcc.
func bit(b bool) int {
	if b {
		return 1
	}
	return 0
}

// fnHeap is a binary min-heap of frontier edges.
type fnHeap []fnItem

func (h *fnHeap) push(x fnItem) {
	*h = append(*h, x)
	a := *h
	i := len(a) - 1
	for i > 0 {
		p := (i - 1) / 2
		if !x.less(a[p]) {
			break
		}
		a[i] = a[p]
		i = p
	}
	a[i] = x
}

func (h *fnHeap) pop() fnItem {
	a := *h
	top := a[0]
	last := len(a) - 1
	x := a[last]
	a = a[:last]
	*h = a
	if last == 0 {
		return top
	}
	i := 0
	for {
		// The smaller child, chosen without a branch: which one it is
		// cannot be predicted.
		c := 2*i + 1
		if c+1 < last {
			c += a[c+1].lessBit(&a[c])
		} else if c >= last {
			break
		}
		if !a[c].less(x) {
			break
		}
		a[i] = a[c]
		i = c
	}
	a[i] = x
	return top
}
