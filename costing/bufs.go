package costing

import (
	"sync"

	"camcost/model"
)

// engineBufs holds the largest scratch arrays of a computation: the
// amounts of the stages, the cents of the rounding and the tallies of
// rollUp. The Computes of a run reuse them (enginePool), as fresh memory
// costs its first touch on every page; a Result keeps none of them.
type engineBufs struct {
	cells   []cell
	wide    []amt
	cents   []int64
	set     []bool
	tallies []tally
}

var enginePool = sync.Pool{New: func() any { return new(engineBufs) }}

// amounts returns newAmounts(n) in the arrays of b.
func (b *engineBufs) amounts(n int) amounts {
	return amounts{cells: zeroed(b.cells, n*int(numFigures)*model.NumVoci), wide: b.wide[:0]}
}

// rounding returns newRounding(n) in the arrays of b.
func (b *engineBufs) rounding(n int) *rounding {
	size := slot(n, 0, 0)
	b.cents, b.set = zeroed(b.cents, size), zeroed(b.set, size)
	return &rounding{cents: b.cents, set: b.set}
}

// release gives the engine's buffers back to enginePool; the engine must
// not be used afterwards.
func (e *engine) release() {
	b := e.bufs
	if b == nil {
		return
	}
	e.bufs = nil
	b.cells, b.wide = e.own.cells, e.own.wide
	e.own = amounts{}
	clear(b.wide[:cap(b.wide)]) // no decimals kept alive
	enginePool.Put(b)
}
