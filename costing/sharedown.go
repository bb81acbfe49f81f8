package costing

import (
	"cmp"
	"slices"

	"github.com/shopspring/decimal"
)

// shareDownFixed is shareDown in int64 counts of 10^-scale, scale the most
// decimals of the values and the target: it reports false, and shareDown
// computes in decimals, when scale is beyond 18, a count does not fit in
// 2^62, the target is not a whole number of units or cannot be reached
// (shareDown's error). The results are the decimals shareDown gives,
// each the floor or the ceiling of its value at exponent -places, as
// RoundFloor and adding a unit leave it.
func shareDownFixed(values []decimal.Decimal, target decimal.Decimal, places int32) ([]decimal.Decimal, bool) {
	scale := -min(target.Exponent(), -places)
	for _, v := range values {
		scale = max(scale, -v.Exponent())
	}
	if scale > 18 || places < 0 || places+4 > 18 {
		return nil, false
	}
	count := func(d decimal.Decimal) (int64, bool) {
		c, ok := i128From(d, scale)
		if !ok {
			return 0, false
		}
		x, ok := c.int64()
		return x, ok && x < 1<<62 && x > -1<<62
	}
	unit := int64(pow10u[scale-places]) // 10^-places in counts
	// The floor of each value in units and its remainder in counts, the
	// remainder rounded half up to places+4 decimals as key.
	n := len(values)
	floor := make([]int64, n)
	key := make([]int64, n)
	var order []int
	var sum i128 // of the floors, in units
	for i, v := range values {
		x, ok := count(v)
		if !ok {
			return nil, false
		}
		q, r := x/unit, x%unit
		if r < 0 {
			q, r = q-1, r+unit
		}
		floor[i] = q
		if r > 0 {
			if sh := scale - places - 4; sh > 0 {
				d := int64(pow10u[sh])
				key[i] = (r + d/2) / d
			} else {
				key[i] = r * int64(pow10u[-sh])
			}
			order = append(order, i)
		}
		if sum, ok = sum.add(i128of(q)); !ok {
			return nil, false
		}
	}
	t, ok := count(target)
	if !ok || t%unit != 0 {
		return nil, false
	}
	missing, ok := i128of(t / unit).sub(sum)
	k, fits := missing.int64()
	if !ok || !fits || k < 0 || k > int64(len(order)) {
		return nil, false
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(key[b], key[a]) })
	for _, i := range order[:k] {
		floor[i]++
	}
	out := make([]decimal.Decimal, n)
	for i, q := range floor {
		out[i] = decimal.New(q, -places)
	}
	return out, true
}
