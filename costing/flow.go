package costing

import (
	"github.com/shopspring/decimal"

	"camcost/model"
)

// amt is an amount as stages 1-4 move it: the decimal.Decimal it stands
// for, value and exponent, held as an i128 count of 10^-FlowPlaces while
// it fits (at most FlowPlaces decimals, below 2^127 units), as the decimal
// itself otherwise. Its zero value is decimal's zero value. Sums and
// negations give the value and the exponent decimal's Add and Neg give
// (flow_test.go).
type amt struct {
	v    i128
	exp  int32
	slow bool
	d    decimal.Decimal // when slow
}

// amtOf holds d.
func amtOf(d decimal.Decimal) amt {
	if v, ok := i128From(d, model.FlowPlaces); ok {
		return amt{v: v, exp: d.Exponent()}
	}
	return amt{slow: true, d: d}
}

// flowAmt is a count of 10^-FlowPlaces at exponent -FlowPlaces: a part
// of a split.
func flowAmt(v i128) amt { return amt{v: v, exp: -model.FlowPlaces} }

// decimal returns the decimal a stands for.
func (a amt) decimal() decimal.Decimal {
	if a.slow {
		return a.d
	}
	if a.v.isZero() && a.exp == 0 {
		return decimal.Decimal{}
	}
	c, _ := a.v.quoPow10(int(a.exp) + model.FlowPlaces)
	return decimalOf(c, a.exp)
}

func (a amt) isZero() bool {
	if a.slow {
		return a.d.IsZero()
	}
	return a.v.isZero()
}

// add returns a+b with the exponent of a.decimal().Add(b.decimal()).
func (a amt) add(b amt) amt {
	if !a.slow && !b.slow {
		if v, ok := a.v.add(b.v); ok {
			return amt{v: v, exp: min(a.exp, b.exp)}
		}
	}
	return amtOf(a.decimal().Add(b.decimal()))
}

// negate returns -a, with its exponent as decimal's Neg keeps it.
func (a amt) negate() amt {
	if !a.slow {
		if v, ok := a.v.negate(); ok {
			return amt{v: v, exp: a.exp}
		}
	}
	return amtOf(a.decimal().Neg())
}

// amounts holds what the stages put on each node for each figure and
// voce: e.own in place of a [n][numFigures][model.NumVoci]decimal.Decimal,
// without a pointer per cell.
type amounts struct {
	cells []cell
	wide  []amt
}

// cell is an amt in 16 bytes: its count when it fits an int64 (wide ==
// 0), else wide points (1-based) to the amt in amounts.wide, as a slow
// one does. Most cells are never touched; half the bytes of an i128 are
// half the pages to touch.
type cell struct {
	v    int64
	exp  int32
	wide int32
}

func newAmounts(n int) amounts {
	return amounts{cells: make([]cell, n*int(numFigures)*model.NumVoci)}
}

// slot is the cell of node i, figure f and voce v (index into model.Voci()).
func slot(i int, f Figure, v int) int {
	return (i*int(numFigures)+int(f))*model.NumVoci + v
}

func (t *amounts) get(k int) amt {
	c := &t.cells[k]
	if c.wide > 0 {
		return t.wide[c.wide-1]
	}
	return amt{v: i128of(c.v), exp: c.exp}
}

func (t *amounts) at(i int, f Figure, v int) amt { return t.get(slot(i, f, v)) }

func (t *amounts) add(k int, a amt) {
	c := &t.cells[k]
	if c.wide == 0 && !a.slow {
		if x, ok := a.v.int64(); ok {
			if s := c.v + x; (s > c.v) == (x > 0) || x == 0 { // no overflow
				c.v, c.exp = s, min(c.exp, a.exp)
				return
			}
		}
	}
	t.set(k, t.get(k).add(a))
}

func (t *amounts) set(k int, a amt) {
	c := &t.cells[k]
	if x, ok := a.v.int64(); ok && !a.slow {
		c.v, c.exp, c.wide = x, a.exp, 0
		return
	}
	if c.wide == 0 {
		t.wide = append(t.wide, a)
		c.wide = int32(len(t.wide))
		return
	}
	t.wide[c.wide-1] = a
}

// cmp compares a and b: -1, 0 or 1.
func (a amt) cmp(b amt) int {
	if !a.slow && !b.slow {
		return a.v.cmp(b.v)
	}
	return a.decimal().Cmp(b.decimal())
}

// cmpAbs compares |a| with limit >= 0.
func (a amt) cmpAbs(limit amt) int {
	if !a.slow && !limit.slow {
		if !a.v.neg() {
			return a.v.cmp(limit.v)
		}
		if m, ok := a.v.negate(); ok {
			return m.cmp(limit.v)
		}
	}
	return a.decimal().Abs().Cmp(limit.decimal())
}

// mulPow10 returns a·10^k, k >= 0, with the exponent of decimal's
// Mul(decimal.New(1, k)).
func (a amt) mulPow10(k int) amt {
	if !a.slow {
		if v, ok := a.v.mulPow10(k); ok {
			return amt{v: v, exp: a.exp + int32(k)}
		}
	}
	return amtOf(a.decimal().Mul(decimal.New(1, int32(k))))
}

// floorRem returns the floor of a, as decimal's Floor().IntPart() gives
// it, and what a exceeds it by.
func (a amt) floorRem() (int64, amt) {
	if !a.slow {
		q, exact := a.v.quoPow10(model.FlowPlaces)
		if a.v.neg() && !exact {
			q, _ = q.sub(i128of(1))
		}
		if fl, ok := q.int64(); ok {
			whole, _ := q.mulPow10(model.FlowPlaces)
			r, _ := a.v.sub(whole)
			return fl, amt{v: r, exp: -model.FlowPlaces}
		}
	}
	d := a.decimal()
	fl := d.Floor()
	return fl.IntPart(), amtOf(d.Sub(fl))
}
