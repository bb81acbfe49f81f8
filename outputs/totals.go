package outputs

import (
	"sync"

	"github.com/shopspring/decimal"

	"camcost/costing"
)

// The totals over the cost voci of a node's figures (costo diretto, what
// it received and gave away, costo pieno) appear in costs.csv and in
// several sheets of the workbooks; a body's are computed once, when first
// asked for, and shared by the writers of its outputs.

// Positions of the totals.
const (
	totDirect = iota
	totFromCoordination
	totFromSupport
	totToOthers
	totFull
	numTotals
)

type totals [numTotals]decimal.Decimal

// totalsOf adds up the voci of each figure of f, as costing.Total does.
func totalsOf(f *costing.Figures) totals {
	return totals{voceTotal(&f.Direct), voceTotal(&f.FromCoordination), voceTotal(&f.FromSupport),
		voceTotal(&f.ToOthers), voceTotal(&f.Full)}
}

// voceTotal is costing.Total(*a): a[0].Add(a[1])..., whose result has the
// smallest exponent of the terms and their exact sum. When every term has
// the same exponent and a small coefficient, that is the sum of the
// coefficients at that exponent, added without allocating.
func voceTotal(a *[len(costing.Figures{}.Direct)]decimal.Decimal) decimal.Decimal {
	var s decSum
	s.start(a[0])
	for _, d := range a[1:] {
		s.add(d)
	}
	return s.value()
}

// decSum adds decimals up exactly as decimal's Add does, in int64 while
// the terms share their exponent and the sum stays small. Its zero value
// is the zero Decimal, which terms are added to.
type decSum struct {
	d       decimal.Decimal // the sum so far, when not fast
	c       int64           // the sum's coefficient, when fast
	e       int32           // its exponent, when fast
	fast    bool
	started bool
}

// start makes the sum d itself, as costing.Total starts from its first
// term.
func (s *decSum) start(d decimal.Decimal) {
	s.d, s.fast, s.started = d, false, true
	if c, ok := smallCoefficient(d); ok {
		s.c, s.e, s.fast = c, d.Exponent(), true
	}
}

// add adds d. Added to the zero Decimal, d keeps its coefficient and
// exponent when its exponent is not positive (Add rescales both terms to
// the smaller exponent).
func (s *decSum) add(d decimal.Decimal) {
	if !s.started {
		s.started = true
		if c, ok := smallCoefficient(d); ok && d.Exponent() <= 0 {
			s.c, s.e, s.fast = c, d.Exponent(), true
			return
		}
		s.d = s.d.Add(d)
		return
	}
	if s.fast {
		if c, ok := smallCoefficient(d); ok && d.Exponent() == s.e {
			s.c += c
			if s.c < -maxSmall || s.c > maxSmall {
				s.d, s.fast = decimal.New(s.c, s.e), false
			}
			return
		}
		s.d, s.fast = decimal.New(s.c, s.e), false
	}
	s.d = s.d.Add(d)
}

// value is the sum.
func (s *decSum) value() decimal.Decimal {
	if s.fast {
		return decimal.New(s.c, s.e)
	}
	return s.d
}

// maxSmall bounds the coefficients and sums decSum keeps in int64: far
// from overflowing however many of them it adds.
const maxSmall = 1 << 60

// smallCoefficient returns d's coefficient when it is under maxSmall.
func smallCoefficient(d decimal.Decimal) (int64, bool) {
	if d.NumDigits() > 18 {
		return 0, false
	}
	c := d.CoefficientInt64()
	return c, c > -maxSmall && c < maxSmall
}

// nodeTotals are the totals of every node of a result, by map position.
type nodeTotals struct {
	once sync.Once
	res  *costing.Result
	v    []totals
}

func newNodeTotals(res *costing.Result) *nodeTotals { return &nodeTotals{res: res} }

// node returns the totals of the node at position i.
func (t *nodeTotals) node(i int) *totals {
	t.once.Do(func() {
		t.v = make([]totals, len(t.res.Nodes))
		for k := range t.res.Nodes {
			t.v[k] = totalsOf(&t.res.Nodes[k])
		}
	})
	return &t.v[i]
}
