package indicators

import (
	"slices"

	"github.com/shopspring/decimal"
)

// The statistics of the comparison of bodies, in exact decimals. There is
// one method, the one a reader can check in a spreadsheet: quartiles as
// Excel's QUARTILE.INC (and PERCENTILE.INC, R's default, type 7 of Hyndman
// and Fan), ranks as RANK.EQ in ascending order.

// Distribution describes an indicator over a group of bodies: how many
// there are, how many have a value, and the quartiles of those values.
// Bodies without a value are left out of the quartiles and counted.
type Distribution struct {
	Bodies int // bodies in the group
	Values int // of which have a value
	// Min, Q1, Median, Q3 and Max are meaningful when Values > 0.
	Min, Q1, Median, Q3, Max decimal.Decimal
}

// Missing is the number of bodies of the group without a value.
func (d Distribution) Missing() int { return d.Bodies - d.Values }

// Describe computes the distribution of the values of a group of bodies,
// of which missing have no value.
func Describe(values []decimal.Decimal, missing int) Distribution {
	d := Distribution{Bodies: len(values) + missing, Values: len(values)}
	if len(values) == 0 {
		return d
	}
	sorted := slices.Clone(values)
	slices.SortFunc(sorted, decimal.Decimal.Cmp)
	d.Min, d.Q1, d.Median, d.Q3, d.Max = quartile(sorted, 0), quartile(sorted, 1), quartile(sorted, 2), quartile(sorted, 3), quartile(sorted, 4)
	return d
}

// quartile returns quartile k (0 to 4: minimum, Q1, median, Q3, maximum)
// of n sorted values, as QUARTILE.INC does: the value at position
// h = (n − 1) × k / 4 counted from 0, interpolated linearly between the
// two values around it when h is not whole. The fraction of h is 0, ¼, ½
// or ¾, so the result is exact.
func quartile(sorted []decimal.Decimal, k int) decimal.Decimal {
	pos := (len(sorted) - 1) * k
	i, rem := pos/4, pos%4
	if rem == 0 {
		return sorted[i]
	}
	frac := decimal.New(int64(rem)*25, -2)
	return sorted[i].Add(sorted[i+1].Sub(sorted[i]).Mul(frac))
}

// Ranks returns the position of each value in ascending order, as RANK.EQ
// with ascending order does: 1 for the lowest, equal values share the
// lowest position they would take, and the next value skips as many
// positions as there were ties (1, 2, 2, 4).
func Ranks(values []decimal.Decimal) []int {
	sorted := slices.Clone(values)
	slices.SortFunc(sorted, decimal.Decimal.Cmp)
	out := make([]int, len(values))
	for i, v := range values {
		// The number of values below v: the first index of v in sorted.
		below, _ := slices.BinarySearchFunc(sorted, v, decimal.Decimal.Cmp)
		out[i] = 1 + below
	}
	return out
}
