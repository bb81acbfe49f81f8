package costing

import (
	"fmt"
	"math"

	"github.com/shopspring/decimal"
)

// The implementation of controlledRound and its solver as they were before
// they were made faster (commit 37175cb), verbatim but for the names: the
// differential tests hold the fast version to exactly its results.

// controlledRoundRef rounds elems so that every set of the families setsA and
// setsB (each listed parents first or in any order; sets refer to their
// parents by index) sums to the floor or ceiling of its exact sum. It
// returns the rounded elements in units.
func controlledRoundRef(elems []crElem, setsA, setsB []crSet) ([]int64, error) {
	out := make([]int64, len(elems))
	frac := make([]bool, len(elems))
	// Exact sums and sums of floors of every set.
	sumA, floorA := make([]decimal.Decimal, len(setsA)), make([]int64, len(setsA))
	sumB, floorB := make([]decimal.Decimal, len(setsB)), make([]int64, len(setsB))
	liveA, liveB := make([]bool, len(setsA)), make([]bool, len(setsB))
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
	net := newFlowNetRef(nv)
	// Arcs in map order of their sets and elements, which the caller
	// numbered in that order; a set's bounds are in units above the sum of
	// the floors of its elements.
	type pending struct {
		from, to int
		lo, hi   int64
		rem      decimal.Decimal
		elem     int
		weight   int64
	}
	var arcs []pending
	setArc := func(sum decimal.Decimal, floorSum int64, from, to int, w int64) {
		fl := sum.Floor()
		lo := fl.IntPart() - floorSum
		hi := lo
		if !fl.Equal(sum) {
			hi++
		}
		arcs = append(arcs, pending{from, to, lo, hi, sum.Sub(fl), -1, w})
	}
	for s := range setsA {
		if vA[s] >= 0 {
			setArc(sumA[s], floorA[s], upA(s), vA[s], weightA[s])
		}
	}
	for k, e := range elems {
		if !frac[k] {
			continue
		}
		arcs = append(arcs, pending{atA(e.a), atB(e.b), 0, 1, e.x.Sub(e.x.Floor()), k, weightE[k]})
	}
	for s := range setsB {
		if vB[s] >= 0 {
			setArc(sumB[s], floorB[s], vB[s], upB(s), weightB[s])
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
	ids := make([]int, len(arcs))
	for n, a := range arcs {
		q := a.rem.Mul(decimal.NewFromInt(remainderScale)).Round(0).IntPart()
		cost := a.weight * (remainderScale - 2*q) * scale * rank
		if rank > 0 {
			cost -= rank - int64(n)
		} else {
			cost = a.weight * (remainderScale - 2*q)
		}
		ids[n] = net.add(a.from, a.to, a.lo, a.hi, cost)
	}
	net.addReturn(snk, src)
	if err := net.solve(); err != nil {
		return nil, err
	}
	for n, a := range arcs {
		if a.elem >= 0 {
			out[a.elem] += net.flow(ids[n])
		}
	}
	return out, nil
}

// flowNetRef is a network for a min-cost circulation whose arcs have integer
// bounds lo <= flow <= hi, with hi-lo at most 1 except for the return arc,
// and a cost per unit of flow above lo.
type flowNetRef struct {
	n    int
	head []int   // first residual edge of each vertex, -1 if none
	next []int   // next residual edge of the same tail
	to   []int   // head vertex of each residual edge
	cap  []int64 // residual capacity
	cost []int64
	base []int64 // lower bound of the arc, on its forward edge
	ex   []int64 // excess of each vertex at the start
}

func newFlowNetRef(n int) *flowNetRef {
	g := &flowNetRef{n: n, head: make([]int, n), ex: make([]int64, n)}
	for i := range g.head {
		g.head[i] = -1
	}
	return g
}

func (g *flowNetRef) edge(u, v int, c, cost, base int64) {
	g.to = append(g.to, v)
	g.cap = append(g.cap, c)
	g.cost = append(g.cost, cost)
	g.base = append(g.base, base)
	g.next = append(g.next, g.head[u])
	g.head[u] = len(g.to) - 1
}

// add adds an arc u->v with lo <= flow <= hi <= lo+1 and returns its id.
// The arc starts at its cheaper bound: lo when the unit above costs
// nothing or more, hi otherwise, so that every residual edge costs zero or
// more.
func (g *flowNetRef) add(u, v int, lo, hi, cost int64) int {
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
func (g *flowNetRef) addReturn(u, v int) {
	g.edge(u, v, math.MaxInt64/4, 0, 0)
	g.edge(v, u, math.MaxInt64/4, 0, 0)
}

// flow returns the flow of arc id after solve.
func (g *flowNetRef) flow(id int) int64 {
	return g.base[id] + g.cap[id^1]
}

// solve routes the excess of every vertex to the vertices short of flow
// along shortest paths (successive shortest paths with potentials, a
// blocking flow on the tight edges after each Dijkstra), which keeps the
// circulation of least cost.
func (g *flowNetRef) solve() error {
	// Super source and sink.
	s, t := g.n, g.n+1
	g.head = append(g.head, -1, -1)
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
	pot := make([]int64, n)
	dist := make([]int64, n)
	level := make([]int, n)
	iter := make([]int, n)
	const inf = math.MaxInt64
	var h distHeapRef
	queue := make([]int, 0, n)
	for need > 0 {
		// Dijkstra on reduced costs, up to the sink.
		for i := range dist {
			dist[i] = inf
		}
		dist[s] = 0
		h = h[:0]
		h.push(distItemRef{s, 0})
		for len(h) > 0 {
			it := h.pop()
			if it.d > dist[it.v] {
				continue
			}
			if it.v == t {
				break
			}
			for e := g.head[it.v]; e >= 0; e = g.next[e] {
				if g.cap[e] <= 0 {
					continue
				}
				w := g.to[e]
				nd := it.d + g.cost[e] + pot[it.v] - pot[w]
				if nd < dist[w] {
					dist[w] = nd
					h.push(distItemRef{w, nd})
				}
			}
		}
		if dist[t] == inf {
			return fmt.Errorf("costing: internal error: the rounding constraints cannot be met (%d units left)", need)
		}
		for v := range pot {
			if dist[v] < dist[t] {
				pot[v] += dist[v]
			} else {
				pot[v] += dist[t]
			}
		}
		// Blocking flows on the edges of reduced cost zero.
		for {
			for i := range level {
				level[i] = -1
			}
			level[s] = 0
			queue = append(queue[:0], s)
			for q := 0; q < len(queue); q++ {
				v := queue[q]
				for e := g.head[v]; e >= 0; e = g.next[e] {
					w := g.to[e]
					if g.cap[e] > 0 && level[w] < 0 && g.cost[e]+pot[v]-pot[w] == 0 {
						level[w] = level[v] + 1
						queue = append(queue, w)
					}
				}
			}
			if level[t] < 0 {
				break
			}
			copy(iter, g.head)
			for {
				f := g.augment(s, t, need, level, iter, pot)
				if f == 0 {
					break
				}
				need -= f
			}
			if need == 0 {
				break
			}
		}
	}
	return nil
}

// augment pushes up to limit units from v to t along edges of reduced cost
// zero that go one level down, and returns how much it pushed.
func (g *flowNetRef) augment(v, t int, limit int64, level, iter []int, pot []int64) int64 {
	if v == t {
		return limit
	}
	for ; iter[v] >= 0; iter[v] = g.next[iter[v]] {
		e := iter[v]
		w := g.to[e]
		if g.cap[e] <= 0 || level[w] != level[v]+1 || g.cost[e]+pot[v]-pot[w] != 0 {
			continue
		}
		if f := g.augment(w, t, min(limit, g.cap[e]), level, iter, pot); f > 0 {
			g.cap[e] -= f
			g.cap[e^1] += f
			return f
		}
	}
	return 0
}

type distItemRef struct {
	v int
	d int64
}

// distHeapRef is a binary min-heap of distances, ties by vertex.
type distHeapRef []distItemRef

func (h distHeapRef) less(i, j int) bool {
	if h[i].d != h[j].d {
		return h[i].d < h[j].d
	}
	return h[i].v < h[j].v
}

func (h *distHeapRef) push(x distItemRef) {
	*h = append(*h, x)
	a := *h
	for i := len(a) - 1; i > 0; {
		p := (i - 1) / 2
		if !a.less(i, p) {
			break
		}
		a[i], a[p] = a[p], a[i]
		i = p
	}
}

func (h *distHeapRef) pop() distItemRef {
	a := *h
	top := a[0]
	last := len(a) - 1
	a[0] = a[last]
	a = a[:last]
	for i := 0; ; {
		l, r, m := 2*i+1, 2*i+2, i
		if l < len(a) && a.less(l, m) {
			m = l
		}
		if r < len(a) && a.less(r, m) {
			m = r
		}
		if m == i {
			break
		}
		a[i], a[m] = a[m], a[i]
		i = m
	}
	*h = a
	return top
}
