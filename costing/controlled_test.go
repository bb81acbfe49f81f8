package costing

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/shopspring/decimal"
)

// randomFamily builds a random laminar family over n elements: a random
// forest of sets, each element placed in one set or in none. It returns
// the sets and each element's smallest set.
func randomFamily(r *rand.Rand, n int) ([]crSet, []int) {
	sets := make([]crSet, 1+r.IntN(n+1))
	for s := range sets {
		sets[s].parent = -1
		if s > 0 && r.IntN(4) > 0 {
			sets[s].parent = r.IntN(s)
		}
	}
	of := make([]int, n)
	for e := range of {
		of[e] = -1
		if r.IntN(6) > 0 {
			of[e] = r.IntN(len(sets))
		}
	}
	return sets, of
}

// members lists the elements of every set of a family.
func members(sets []crSet, of []int) [][]int {
	out := make([][]int, len(sets))
	for e, s := range of {
		for ; s >= 0; s = sets[s].parent {
			out[s] = append(out[s], e)
		}
	}
	return out
}

// randomAmount is an amount in units with up to 10 decimals, sometimes
// whole, sometimes negative, sometimes a tie at one half.
func randomAmount(r *rand.Rand) decimal.Decimal {
	switch r.IntN(6) {
	case 0:
		return decimal.NewFromInt(r.Int64N(200) - 50)
	case 1:
		return decimal.New(r.Int64N(4000)-1000, -1).Add(decimal.New(5, -2))
	}
	return decimal.New(r.Int64N(2_000_000_000_000)-500_000_000_000, -10)
}

// withinOne reports whether the integer y is the floor or ceiling of x.
func withinOne(y int64, x decimal.Decimal) bool {
	d := decimal.NewFromInt(y)
	return d.Equal(x.Floor()) || d.Equal(x.Ceil())
}

func TestControlledRoundRandom(t *testing.T) {
	for seed := range uint64(500) {
		r := rand.New(rand.NewPCG(seed, 11))
		n := 1 + r.IntN(40)
		setsA, ofA := randomFamily(r, n)
		setsB, ofB := randomFamily(r, n)
		elems := make([]crElem, n)
		for e := range elems {
			elems[e] = crElem{x: randomAmount(r), a: ofA[e], b: ofB[e]}
		}
		got, err := new(crWork).controlledRound(elems, setsA, setsB)
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		for e, el := range elems {
			if !withinOne(got[e], el.x) {
				t.Fatalf("seed %d: element %d = %d, exact %s", seed, e, got[e], el.x)
			}
		}
		for fam, m := range [][][]int{members(setsA, ofA), members(setsB, ofB)} {
			for s, list := range m {
				var y int64
				var x decimal.Decimal
				for _, e := range list {
					y += got[e]
					x = x.Add(elems[e].x)
				}
				if !withinOne(y, x) {
					t.Fatalf("seed %d: family %d set %d sums to %d, exact %s", seed, fam, s, y, x)
				}
			}
		}
	}
}

// distance is how far a rounding is from the exact values: the sum over
// the elements and over the sets of both families of |rounded - exact|, or
// -1 when some set is not within one unit.
func distance(got []int64, elems []crElem, sets ...[][]int) decimal.Decimal {
	var d decimal.Decimal
	for e, el := range elems {
		d = d.Add(decimal.NewFromInt(got[e]).Sub(el.x).Abs())
	}
	for _, m := range sets {
		for _, list := range m {
			var y int64
			var x decimal.Decimal
			for _, e := range list {
				y += got[e]
				x = x.Add(elems[e].x)
			}
			if !withinOne(y, x) {
				return decimal.NewFromInt(-1)
			}
			d = d.Add(decimal.NewFromInt(y).Sub(x).Abs())
		}
	}
	return d
}

// The rounding is the closest of all: no other choice of floors and
// ceilings that meets the sets is nearer the exact values.
func TestControlledRoundIsClosest(t *testing.T) {
	tolerance := decimal.New(1, -2) // remainders are compared to 1/10,000 of a unit
	for seed := range uint64(300) {
		r := rand.New(rand.NewPCG(seed, 12))
		n := 1 + r.IntN(10)
		setsA, ofA := randomFamily(r, n)
		setsB, ofB := randomFamily(r, n)
		elems := make([]crElem, n)
		for e := range elems {
			elems[e] = crElem{x: randomAmount(r), a: ofA[e], b: ofB[e]}
		}
		got, err := new(crWork).controlledRound(elems, setsA, setsB)
		if err != nil {
			t.Fatal(err)
		}
		mA, mB := members(setsA, ofA), members(setsB, ofB)
		have := distance(got, elems, mA, mB)
		try := make([]int64, n)
		for mask := range 1 << n {
			for e, el := range elems {
				try[e] = el.x.Floor().IntPart()
				if mask&(1<<e) != 0 {
					if el.x.Equal(el.x.Floor()) {
						goto next
					}
					try[e]++
				}
			}
			if d := distance(try, elems, mA, mB); d.Sign() >= 0 && d.Add(tolerance).LessThan(have) {
				t.Fatalf("seed %d: rounding %v at distance %s, %v is nearer (%s)", seed, got, have, try, d)
			}
		next:
		}
	}
}

// TestCrElemOf: an element made from an amt holds the value and the
// exponent of the amt's decimal, and rounds as the element made from
// that decimal: the same floors, remainders and sets in fixed point.
func TestCrElemOf(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 1))
	fixed := 0
	for range 100000 {
		d := randDecimal(r)
		a := amtOf(d)
		e := crElemOf(a, 0, 0)
		if e.fixed {
			fixed++
		}
		if got, want := e.value(), a.decimal(); !sameDecimal(got, want) || e.exponent() != want.Exponent() {
			t.Fatalf("crElemOf(%s) = %s (exp %d, %d), want exp %d", d, got, got.Exponent(), e.exponent(), want.Exponent())
		}
		sets := []crSet{{parent: -1}}
		got, gerr := exactValues([]crElem{e}, sets, sets)
		want, werr := exactValues([]crElem{{x: a.decimal(), a: 0, b: 0}}, sets, sets)
		if (gerr == nil) != (werr == nil) {
			t.Fatalf("%s: error %v, want %v", d, gerr, werr)
		}
		if gerr != nil {
			continue
		}
		if got.fixed != want.fixed || !slices.Equal(got.out, want.out) || !slices.Equal(got.frac, want.frac) ||
			!slices.Equal(got.rem, want.rem) || got.pow != want.pow || !slices.Equal(got.remA, want.remA) {
			t.Fatalf("%s: exact values %+v, want %+v", d, got, want)
		}
	}
	if fixed < 50000 {
		t.Errorf("only %d of 100000 elements without a decimal", fixed)
	}
}
