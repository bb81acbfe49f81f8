package costing

import (
	"fmt"
	"math"
	"math/bits"

	"github.com/shopspring/decimal"
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
}

// remainderScale is how finely remainders are compared: to 1/10,000 of a
// unit, so noise far below a unit (the float solution of the reciprocal
// method, the last digits of a split) cannot decide a choice.
const remainderScale = 10000

// crObserve, set only by tests, sees every problem given to
// controlledRound: the benchmarks and differential tests take realistic
// problems from it.
var crObserve func(elems []crElem, setsA, setsB []crSet)

// controlledRound rounds elems so that every set of the families setsA and
// setsB (each listed parents first or in any order; sets refer to their
// parents by index) sums to the floor or ceiling of its exact sum. It
// returns the rounded elements in units.
func controlledRound(elems []crElem, setsA, setsB []crSet) ([]int64, error) {
	if crObserve != nil {
		crObserve(elems, setsA, setsB)
	}
	p, err := newCRNet(elems, setsA, setsB)
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

type u128 struct{ hi, lo uint64 }

func (a *u128) add(x uint64) {
	var c uint64
	a.lo, c = bits.Add64(a.lo, x, 0)
	a.hi += c
}

// exactValues returns the floors and sums of a problem, or the error of an
// amount out of range.
func exactValues(elems []crElem, setsA, setsB []crSet) (*crExact, error) {
	x := &crExact{
		out:   make([]int64, len(elems)),
		frac:  make([]bool, len(elems)),
		liveA: make([]bool, len(setsA)),
		liveB: make([]bool, len(setsB)),
	}
	if x.fixedValues(elems, setsA, setsB) {
		return x, nil
	}
	clear(x.liveA)
	clear(x.liveB)
	// Exact sums and sums of floors of every set.
	out, frac, liveA, liveB := x.out, x.frac, x.liveA, x.liveB
	sumA, floorA := make([]decimal.Decimal, len(setsA)), make([]int64, len(setsA))
	sumB, floorB := make([]decimal.Decimal, len(setsB)), make([]int64, len(setsB))
	for k, e := range elems {
		fl := e.x.Floor()
		if !fl.Equal(fl.Truncate(0)) || fl.Abs().GreaterThan(decimal.NewFromInt(math.MaxInt64/4)) {
			return nil, fmt.Errorf("costing: amount %s out of range", e.x)
		}
		out[k] = fl.IntPart()
		frac[k] = !fl.Equal(e.x)
		for s := e.a; s >= 0; s = setsA[s].parent {
			sumA[s] = sumA[s].Add(e.x)
			floorA[s] += out[k]
			liveA[s] = liveA[s] || frac[k]
		}
		for s := e.b; s >= 0; s = setsB[s].parent {
			sumB[s] = sumB[s].Add(e.x)
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
func (x *crExact) fixedValues(elems []crElem, setsA, setsB []crSet) bool {
	places := int32(0)
	for _, e := range elems {
		places = max(places, -e.x.Exponent())
	}
	if places > 18 { // 2·10^places must fit in 64 bits
		return false
	}
	x.pow = pow10u[places]
	x.rem = make([]uint64, len(elems))
	var total uint64 // of the floors in absolute value
	for k, e := range elems {
		var hi, lo uint64
		neg := e.x.Sign() < 0
		if e.x.NumDigits() <= 18 {
			lo = absU(e.x.CoefficientInt64())
		} else {
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
		switch exp := e.x.Exponent(); {
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
			if neg && rem != 0 {
				fl, rem = fl+1, d-rem
			}
			rem *= pow10u[places+exp]
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
	x.remA, x.remB = make([]u128, len(setsA)), make([]u128, len(setsB))
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
	e := elems[k]
	return remainderUnits(e.x.Sub(e.x.Floor()))
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

// newCRNet builds the network of a rounding problem.
func newCRNet(elems []crElem, setsA, setsB []crSet) (*crNet, error) {
	x, err := exactValues(elems, setsA, setsB)
	if err != nil {
		return nil, err
	}
	frac, liveA, liveB := x.frac, x.liveA, x.liveB

	// Vertices: source 0, sink 1, then the sets of A and of B that hold a
	// fractional element; a set with a single such item (element or set)
	// below it has the same bounds as that item and needs no vertex.
	const src, snk = 0, 1
	kidsA, kidsB := make([]int, len(setsA)), make([]int, len(setsB))
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
	vA, vB := make([]int, len(setsA)), make([]int, len(setsB))
	nv := 2
	for s := range setsA {
		vA[s] = -1
		if kidsA[s] > 1 {
			vA[s] = nv
			nv++
		}
	}
	for s := range setsB {
		vB[s] = -1
		if kidsB[s] > 1 {
			vB[s] = nv
			nv++
		}
	}
	// atA is the vertex of set s or of the nearest set above it in A.
	atA := func(s int) int {
		for ; s >= 0; s = setsA[s].parent {
			if vA[s] >= 0 {
				return vA[s]
			}
		}
		return src
	}
	atB := func(s int) int {
		for ; s >= 0; s = setsB[s].parent {
			if vB[s] >= 0 {
				return vB[s]
			}
		}
		return snk
	}
	upA := func(s int) int { return atA(setsA[s].parent) }
	upB := func(s int) int { return atB(setsB[s].parent) }
	// A set without a vertex counts in the cost through the single item
	// below it: every figure weighs the same, however the sets nest.
	weightA, weightB := make([]int64, len(setsA)), make([]int64, len(setsB))
	weightE := make([]int64, len(elems))
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
	// the floors of its elements.
	type pending struct {
		from, to int
		lo, hi   int64
		q        int64 // remainder in 1/remainderScale of a unit
		elem     int
		weight   int64
	}
	var arcs []pending
	for s := range setsA {
		if vA[s] >= 0 {
			lo, hi, q := x.setBounds(false, s)
			arcs = append(arcs, pending{upA(s), vA[s], lo, hi, q, -1, weightA[s]})
		}
	}
	for k, e := range elems {
		if !frac[k] {
			continue
		}
		arcs = append(arcs, pending{atA(e.a), atB(e.b), 0, 1, x.elemRemainder(elems, k), k, weightE[k]})
	}
	for s := range setsB {
		if vB[s] >= 0 {
			lo, hi, q := x.setBounds(true, s)
			arcs = append(arcs, pending{vB[s], upB(s), lo, hi, q, -1, weightB[s]})
		}
	}
	// Cost of the optional unit of an arc: its distance from the exact
	// value grows by 1-2r (r the remainder), scaled; the rank breaks ties
	// so that earlier arcs are rounded up first.
	rank := int64(len(arcs)) + 1
	var maxW int64
	for _, a := range arcs {
		maxW = max(maxW, a.weight)
	}
	scale := rank
	if float64(scale)*float64(rank)*float64(maxW)*remainderScale*float64(nv+2) > math.MaxInt64/4 {
		scale, rank = 1, 0
	}
	p := &crNet{
		net:  newFlowNet(nv, len(arcs)),
		out:  x.out,
		ids:  make([]int, len(arcs)),
		elem: make([]int, len(arcs)),
	}
	for n, a := range arcs {
		q := a.q
		cost := a.weight * (remainderScale - 2*q) * scale * rank
		if rank > 0 {
			cost -= rank - int64(n)
		} else {
			cost = a.weight * (remainderScale - 2*q)
		}
		p.ids[n] = p.net.add(a.from, a.to, a.lo, a.hi, cost)
		p.elem[n] = a.elem
	}
	p.net.addReturn(snk, src)
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
	tail  []int32 // tail vertex of each residual edge, in order of addition
	to    []int32 // head vertex of each residual edge
	cap   []int64 // residual capacity at the start
	cost  []int64
	base  []int64 // lower bound of the arc, on its forward edge
	ex    []int64 // excess of each vertex at the start
	at    []int32 // slot of each residual edge in the rows, after solve
	first []int32 // first slot of each vertex in the rows
	rows  []fnEdge
}

// fnEdge is a residual edge in the rows of its tail.
type fnEdge struct {
	to, rev int32 // head vertex, slot of the reverse edge
	cap     int64
	cost    int64
}

func newFlowNet(n, arcs int) *flowNet {
	m := 2*arcs + 2
	return &flowNet{
		n:    n,
		tail: make([]int32, 0, m),
		to:   make([]int32, 0, m),
		cap:  make([]int64, 0, m),
		cost: make([]int64, 0, m),
		base: make([]int64, 0, m),
		ex:   make([]int64, n),
	}
}

func (g *flowNet) edge(u, v int, c, cost, base int64) {
	g.tail = append(g.tail, int32(u))
	g.to = append(g.to, int32(v))
	g.cap = append(g.cap, c)
	g.cost = append(g.cost, cost)
	g.base = append(g.base, base)
}

// add adds an arc u->v with lo <= flow <= hi <= lo+1 and returns its id.
// The arc starts at its cheaper bound: lo when the unit above costs
// nothing or more, hi otherwise, so that every residual edge costs zero or
// more.
func (g *flowNet) add(u, v int, lo, hi, cost int64) int {
	id := len(g.to)
	start := lo
	if cost < 0 {
		start = hi
	}
	g.edge(u, v, hi-start, cost, lo)
	g.edge(v, u, start-lo, -cost, 0)
	g.ex[v] += start
	g.ex[u] -= start
	return id
}

// addReturn adds a free arc u->v of unbounded capacity both ways.
func (g *flowNet) addReturn(u, v int) {
	g.edge(u, v, math.MaxInt64/4, 0, 0)
	g.edge(v, u, math.MaxInt64/4, 0, 0)
}

// flow returns the flow of arc id after solve.
func (g *flowNet) flow(id int) int64 {
	return g.base[id] + g.rows[g.at[id^1]].cap
}

// solve routes the excess of every vertex to the vertices short of flow
// along shortest paths (successive shortest paths with potentials, a
// blocking flow on the tight edges after each Dijkstra), which keeps the
// circulation of least cost.
//
// This is the algorithm of the first implementation (a binary heap with
// stale entries, a breadth-first search of the tight edges after each
// Dijkstra, repeated until it misses the sink, a depth-first blocking flow
// trying each vertex's edges in list order), done with less work. Among
// all the circulations of least cost, the one it finds is fixed by the
// sequence of augmenting paths, and that sequence by three things only,
// which both compute alike:
//
//   - the potentials after each Dijkstra. Every vertex v gains
//     min(d(v), d(t)), d the distance from the super source s in reduced
//     costs: a vertex nearer than d(t) leaves the heap before the sink t
//     with its exact distance, any other has a distance, or a tentative
//     one, of d(t) or more. So the potentials are the same however the
//     heap orders its ties.
//   - the level of each vertex on the tight edges (reduced cost zero after
//     the potentials move): the fewest edges on a tight path from s. Tight
//     paths are the shortest paths of that Dijkstra: the capped distance
//     min(d, d(t)) never falls along one, so a tight path to a vertex
//     nearer than d(t) stays among such vertices, where tight means
//     d(w) = d(v) + cost; one to a vertex at d(t) reaches it by such
//     edges too, and no tight path leads farther. So the level of v is the
//     fewest edges of a shortest path to v, which Dijkstra finds by
//     ordering the vertices by distance, then by edges from s: it labels
//     every vertex below t in that order, and only vertices at the level
//     of t or below it (which cannot lead down the levels to t) stay
//     unlabelled.
//   - the order in which the depth-first augmentation tries the edges of a
//     vertex: the reverse of the order of addition, kept by the rows.
//     Skipping a vertex that cannot reach t down the levels, or an edge
//     without capacity, changes nothing: the search would have found no
//     path there and changed no capacity.
//
// After a blocking flow the next round starts with Dijkstra, not with
// another breadth-first search: if t can still be reached on tight edges
// its distance is zero and no potential moves (distances are never
// negative), so the levels and the blocking flow that follow are the ones
// the search would have found; if it cannot, the search would have failed
// and Dijkstra come next anyway.
func (g *flowNet) solve() error {
	// Super source and sink.
	s, t := g.n, g.n+1
	var need int64
	for v := range g.n {
		switch {
		case g.ex[v] > 0:
			g.edge(s, v, g.ex[v], 0, 0)
			g.edge(v, s, 0, 0, 0)
			need += g.ex[v]
		case g.ex[v] < 0:
			g.edge(v, t, -g.ex[v], 0, 0)
			g.edge(t, v, 0, 0, 0)
		}
	}
	n := g.n + 2
	// Rows: the edges of vertex v are rows[first[v]:first[v+1]], last
	// added first.
	first := make([]int32, n+1)
	g.first = first
	for _, u := range g.tail {
		first[u+1]++
	}
	for v := range n {
		first[v+1] += first[v]
	}
	fill := make([]int32, n)
	copy(fill, first[1:])
	g.at = make([]int32, len(g.tail))
	for e, u := range g.tail {
		fill[u]--
		g.at[e] = fill[u]
	}
	g.rows = make([]fnEdge, len(g.tail))
	for e := range g.tail {
		g.rows[g.at[e]] = fnEdge{to: g.to[e], rev: g.at[e^1], cap: g.cap[e], cost: g.cost[e]}
	}
	rows := g.rows
	// The edges out of s and into t only lose capacity (no path comes
	// back to s or leaves t): the slots of those that have some left, in
	// row order.
	var out, in []int32
	for i := first[s]; i < first[s+1]; i++ {
		if rows[i].cap > 0 {
			out = append(out, i)
		}
	}
	for i := first[t]; i < first[t+1]; i++ {
		if rows[rows[i].rev].cap > 0 {
			in = append(in, i)
		}
	}

	// The potential of v is pot[v] plus an offset common to all vertices,
	// which reduced costs do not see: raising every vertex by d(t) is
	// raising the offset, and only the vertices nearer than d(t) move.
	// (Differences of potentials are exact even if pot wraps around.)
	pot := make([]int64, n)
	const inf = math.MaxInt64
	dist := make([]int64, n)
	for v := range dist {
		dist[v] = inf
	}
	level := make([]int32, n) // edges from s on a shortest path
	state := make([]uint8, n) // labelled (left the heap), useful
	iter := make([]int32, n)  // next edge to try in the blocking flow
	reached := make([]int32, 0, n)
	near := make([]int32, 0, n)
	var h distHeap
	for need > 0 {
		for _, v := range reached {
			dist[v], state[v] = inf, 0
		}
		// Dijkstra on reduced costs, vertices in order of distance, then
		// of level, up to the sink. Most vertices are at the distance of
		// the vertex that has just left the heap (most often zero: the
		// tight edges of the last round): those wait in order of level in
		// a queue instead of the heap, which holds the farther ones and
		// may hold stale entries.
		reached = append(reached[:0], int32(s))
		dist[s], level[s] = 0, 0
		near = append(near[:0], int32(s))
		next := 0
		var at int64 // distance of the vertices in near
		h = h[:0]
		for {
			var v int32
			if next < len(near) && (len(h) == 0 || h[0].d > at || h[0].d == at && h[0].h >= level[near[next]]) {
				v = near[next]
				next++
			} else {
				if len(h) == 0 {
					break
				}
				it := h.pop()
				v = it.v
				if it.d != dist[v] || it.h != level[v] || state[v] != 0 {
					continue
				}
				if it.d != at {
					at, near, next = it.d, near[:0], 0
				}
			}
			state[v] = labelled
			iter[v] = first[v]
			if v == int32(t) {
				break
			}
			pv, lw := pot[v], level[v]+1
			lo, hi := first[v], first[v+1]
			if v == int32(s) {
				lo, hi = 0, 0
				k := 0
				for _, i := range out {
					if rows[i].cap > 0 {
						out[k] = i
						k++
					}
				}
				out = out[:k]
			}
			for k := lo; k < hi || v == int32(s) && int(k) < len(out); k++ {
				i := k
				if v == int32(s) {
					i = out[k]
				}
				e := &rows[i]
				if e.cap <= 0 {
					continue
				}
				w := e.to
				nd := at + e.cost + pv - pot[w]
				if nd < dist[w] || nd == dist[w] && lw < level[w] {
					if dist[w] == inf {
						reached = append(reached, w)
					}
					dist[w], level[w] = nd, lw
					if nd == at {
						near = append(near, w)
					} else {
						h.push(distItem{d: nd, h: lw, v: w})
					}
				}
			}
		}
		dt := dist[t]
		if dt == inf {
			return fmt.Errorf("costing: internal error: the rounding constraints cannot be met (%d units left)", need)
		}
		for _, v := range reached {
			if dist[v] < dt {
				pot[v] += dist[v] - dt
			}
		}
		// The vertices that lead down the levels to t on tight edges.
		state[t] |= useful
		k := 0
		for _, i := range in {
			if rows[rows[i].rev].cap > 0 {
				in[k] = i
				k++
			}
		}
		in = in[:k]
		near = append(near[:0], int32(t))
		for q := 0; q < len(near); q++ {
			w := near[q]
			lv := level[w] - 1
			rw := rows[first[w]:first[w+1]]
			if w == int32(t) {
				rw = nil
			}
			for k := 0; k < len(rw) || w == int32(t) && k < len(in); k++ {
				var e *fnEdge
				if w == int32(t) {
					e = &rows[in[k]]
				} else {
					e = &rw[k]
				}
				u := e.to
				back := &rows[e.rev]
				if state[u] == labelled && level[u] == lv && back.cap > 0 && back.cost+pot[u]-pot[w] == 0 {
					state[u] |= useful
					near = append(near, u)
				}
			}
		}
		// A blocking flow on them.
		for k := 0; k < len(out) && need > 0; {
			e := &rows[out[k]]
			w := e.to
			if e.cap > 0 && state[w]&useful != 0 && level[w] == 1 && e.cost+pot[s]-pot[w] == 0 {
				if f := g.augment(w, int32(t), min(need, e.cap), level, iter, state, pot); f > 0 {
					e.cap -= f
					rows[e.rev].cap += f
					need -= f
					continue
				}
			}
			k++
		}
	}
	return nil
}

// Marks of a vertex in a round of solve.
const (
	labelled = 1 << iota // its distance and level are final
	useful               // it leads down the levels to t
)

// augment pushes up to limit units from v to t along edges of reduced cost
// zero that go one level down, and returns how much it pushed.
func (g *flowNet) augment(v, t int32, limit int64, level, iter []int32, state []uint8, pot []int64) int64 {
	if v == t {
		return limit
	}
	rows := g.rows
	lw := level[v] + 1
	for end := g.first[v+1]; iter[v] < end; iter[v]++ {
		e := &rows[iter[v]]
		w := e.to
		if e.cap <= 0 || state[w]&useful == 0 || level[w] != lw || e.cost+pot[v]-pot[w] != 0 {
			continue
		}
		if f := g.augment(w, t, min(limit, e.cap), level, iter, state, pot); f > 0 {
			e.cap -= f
			rows[e.rev].cap += f
			return f
		}
	}
	return 0
}

type distItem struct {
	d    int64
	h, v int32 // level, vertex
}

// distHeap is a binary min-heap of distances, then levels.
type distHeap []distItem

func (x distItem) less(y distItem) bool {
	return x.d < y.d || x.d == y.d && x.h < y.h
}

func (h *distHeap) push(x distItem) {
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

func (h *distHeap) pop() distItem {
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
		c := 2*i + 1
		if c >= last {
			break
		}
		if c+1 < last && a[c+1].less(a[c]) {
			c++
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
