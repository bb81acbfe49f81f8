package costing

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/shopspring/decimal"
)

// shareDown gives what shareDownRef, the decimal implementation, gives,
// coefficients and exponents, errors included, on random values: of few
// or many decimals (more than the fixed point holds, so both paths run),
// negative, whole, with ties of remainder or remainders a hair from a
// half of the last place compared, and targets within reach or not,
// whole units or not.
func TestShareDownSameAsRef(t *testing.T) {
	exact := func(ds []decimal.Decimal) string {
		s := ""
		for _, d := range ds {
			s += fmt.Sprintf(" %se%d", d.Coefficient(), d.Exponent())
		}
		return s
	}
	fixed, errs := 0, 0
	for seed := range uint64(5000) {
		r := rand.New(rand.NewPCG(seed, 13))
		places := int32(r.IntN(6))
		values := make([]decimal.Decimal, r.IntN(12))
		for i := range values {
			switch r.IntN(7) {
			case 0: // whole units, often at a positive exponent
				values[i] = decimal.New(r.Int64N(2000)-500, int32(r.IntN(3))-int32(places))
			case 1: // ties of remainder
				values[i] = decimal.New(r.Int64N(200)*100+[]int64{25, 50, 75}[r.IntN(3)], -2-places)
			case 2: // many decimals, beyond what the fixed point holds
				values[i] = decimal.New(r.Int64N(1<<62)-1<<61, -int32(10+r.IntN(15)))
			case 3: // remainders a hair from a half of 10^-(places+4): ties
				// that rounding the remainders decides
				values[i] = decimal.New(r.Int64N(100)*1_000_000+123_400+40+r.Int64N(21), -places-6)
			case 4: // the zero value
				values[i] = decimal.Decimal{}
			default: // a few more decimals than places
				values[i] = decimal.New(r.Int64N(1<<40)-1<<38, -places-int32(r.IntN(14)))
			}
		}
		// The target: the sum of the floors plus k units, k in reach or
		// not, or off by a fraction of a unit.
		var floors decimal.Decimal
		frac := 0
		for _, v := range values {
			floors = floors.Add(v.RoundFloor(places))
			if !v.Equal(v.RoundFloor(places)) {
				frac++
			}
		}
		unit := decimal.New(1, -places)
		k := int64(r.IntN(frac + 1))
		if r.IntN(8) == 0 { // out of reach
			k = []int64{-1, int64(frac) + 1}[r.IntN(2)]
		}
		target := floors.Add(unit.Mul(decimal.NewFromInt(k)))
		if r.IntN(10) == 0 {
			target = target.Add(decimal.New(1, -places-1))
		}
		if r.IntN(4) == 0 {
			target = target.Round(places) // exponent -places
		}
		got, err := shareDown(values, target, places)
		want, werr := shareDownRef(values, target, places)
		if fmt.Sprint(err) != fmt.Sprint(werr) {
			t.Fatalf("seed %d: error %v, want %v", seed, err, werr)
		}
		if exact(got) != exact(want) {
			t.Fatalf("seed %d: shareDown(%v, %s, %d) =%s, want%s", seed, values, target, places, exact(got), exact(want))
		}
		if werr != nil {
			errs++
		} else if _, ok := shareDownFixed(values, target, places); ok {
			fixed++
		}
	}
	if fixed < 1500 || errs < 200 {
		t.Errorf("%d problems in fixed point, %d errors: want at least 1500 and 200", fixed, errs)
	}
}

func shareDownRef(values []decimal.Decimal, target decimal.Decimal, places int32) ([]decimal.Decimal, error) {
	out := make([]decimal.Decimal, len(values))
	rem := make([]decimal.Decimal, len(values))
	unit := decimal.New(1, -places)
	var sum decimal.Decimal
	var order []int
	for i, v := range values {
		out[i] = v.RoundFloor(places)
		rem[i] = v.Sub(out[i])
		sum = sum.Add(out[i])
		if rem[i].Sign() > 0 {
			order = append(order, i)
		}
	}
	missing := target.Sub(sum).Div(unit)
	k := missing.IntPart()
	if !missing.Equal(decimal.NewFromInt(k)) || k < 0 || k > int64(len(order)) {
		return nil, fmt.Errorf("costing: internal error: cannot share %s among %v", target, values)
	}
	slices.SortStableFunc(order, func(a, b int) int {
		return cmp.Compare(0, rem[a].Round(places+4).Cmp(rem[b].Round(places+4)))
	})
	for _, i := range order[:k] {
		out[i] = out[i].Add(unit)
	}
	return out, nil
}
