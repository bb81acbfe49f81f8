package indicators

import (
	"slices"

	"github.com/shopspring/decimal"

	"camcost/model"
)

// The ABC classes of the Pareto analysis, in percent of the total: a
// process is in class A while the cumulative share of the processes ranked
// before it is below ClassA, in class B while it is below ClassB, in class
// C after. The first process is therefore always in class A, and a process
// that crosses 80% is still in A.
var (
	ClassA = decimal.NewFromInt(80)
	ClassB = decimal.NewFromInt(95)
)

// Ranked is one value of a Pareto ranking.
type Ranked struct {
	Index     int // the value's position in the list given to Pareto
	Value     decimal.Decimal
	Rank      int             // 1 for the largest value
	Share     decimal.Decimal // of the total, a fraction to 6 places
	Cum       decimal.Decimal // cumulative share up to and including this value, a fraction to 6 places
	CumBefore decimal.Decimal // cumulative share of the values ranked before, a fraction to 6 places
	Class     string          // A, B or C
}

// Pareto ranks the values (the costi pieni of the processi, in map order) other than zero, largest first, ties by position,
// and gives each its ABC class, comparing the cumulative shares exactly.
// The result is in rank order.
func Pareto(values []decimal.Decimal) []Ranked {
	var out []Ranked
	var total decimal.Decimal
	for i, v := range values {
		if !v.IsZero() {
			out = append(out, Ranked{Index: i, Value: v})
			total = total.Add(v)
		}
	}
	slices.SortStableFunc(out, func(a, b Ranked) int { return b.Value.Cmp(a.Value) })
	var before decimal.Decimal
	for k := range out {
		r := &out[k]
		r.Rank = k + 1
		switch pct := before.Mul(model.Hundred); {
		case total.IsZero():
		case pct.LessThan(total.Mul(ClassA)):
			r.Class = "A"
		case pct.LessThan(total.Mul(ClassB)):
			r.Class = "B"
		default:
			r.Class = "C"
		}
		if !total.IsZero() {
			r.Share = r.Value.DivRound(total, 6)
			r.CumBefore = before.DivRound(total, 6)
			r.Cum = before.Add(r.Value).DivRound(total, 6)
		}
		before = before.Add(r.Value)
	}
	return out
}
