package costing

import (
	"camcost/model"
)

// engineBufs holds the largest scratch arrays of a computation: the
// amounts of the stages, the cents of the rounding and the tallies of
// rollUp. The Computes of a Workspace reuse them, as fresh memory costs
// its first touch on every page; a Result keeps none of them.
type engineBufs struct {
	cells   []cell
	wide    []amt
	cents   []int64
	set     []bool
	tallies []tally
	// the sums of people: sums[:nsums] are in use
	sums  []*fixedSums
	nsums int
	// the roundings of the oneri correnti (roundCosts, balance) and of
	// the other sections (roundOthers), which run side by side
	costs struct {
		setsA, setsB []crSet
		elems        []crElem
		xs, rem      []amt
		where        []costElem
		gives        [][model.NumCostVoci]bool
		cents        [][numFigures][model.NumCostVoci]int64
		at           [][numFigures][model.NumCostVoci]int32
		floor, remU  []int64
		cr           crWork
	}
	others struct {
		setsA, setsB []crSet
		elems        []crElem
		where        []int
		cr           crWork
	}
}

// A Workspace keeps the scratch memory of Compute from one call to the
// next: a process that costs many bodies gives each of its workers one,
// and the bodies after the first find their arrays ready. A single
// Compute needs none: what a Workspace keeps would only hold memory the
// writing of the outputs can use. A Workspace is for one goroutine at a
// time; its zero value is ready to use.
type Workspace struct {
	b engineBufs
}

// Compute is the package's Compute in the memory of w.
func (w *Workspace) Compute(in *model.Inputs) (*Result, error) {
	res, err := compute(in, &w.b)
	w.b.clean()
	return res, err
}

// amounts returns newAmounts(n) in the arrays of b.
func (b *engineBufs) amounts(n int) amounts {
	b.cells = zeroed(b.cells, n*int(numFigures)*model.NumVoci)
	return amounts{cells: b.cells, wide: b.wide[:0]}
}

// fixedSums returns newFixedSums(n) in arrays of b, which the engine keeps
// until the end of the computation.
func (b *engineBufs) fixedSums(n int) *fixedSums {
	if b.nsums == len(b.sums) {
		b.sums = append(b.sums, new(fixedSums))
	}
	s := b.sums[b.nsums]
	b.nsums++
	s.v, s.touched, s.big = zeroed(s.v, n), zeroed(s.touched, n), nil
	return s
}

// rounding returns the rounding of n nodes, none set, in the arrays of b.
func (b *engineBufs) rounding(n int) *rounding {
	size := slot(n, 0, 0)
	b.cents, b.set = zeroed(b.cents, size), zeroed(b.set, size)
	return &rounding{cents: b.cents, set: b.set}
}

// clean drops the decimals the buffers of b point to, so that a kept b
// keeps none alive.
func (b *engineBufs) clean() {
	b.nsums = 0
	for _, s := range b.sums {
		s.big = nil
	}
	clear(b.wide[:cap(b.wide)])
	clear(b.costs.elems[:cap(b.costs.elems)])
	clear(b.costs.xs[:cap(b.costs.xs)])
	clear(b.costs.rem[:cap(b.costs.rem)])
	clear(b.others.elems[:cap(b.others.elems)])
}

// emptyCap returns s emptied, with room for n, reusing its array if it can.
func emptyCap[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, 0, n)
	}
	return s[:0]
}
