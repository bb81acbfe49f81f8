package outputs

import (
	"math/rand/v2"
	"testing"

	"github.com/shopspring/decimal"

	"camcost/costing"
	"camcost/model"
)

// sameDecimal reports whether a and b have the same coefficient and
// exponent: the same text, the same number, the same everything.
func sameDecimal(a, b decimal.Decimal) bool {
	return a.Exponent() == b.Exponent() && a.Coefficient().Cmp(b.Coefficient()) == 0
}

func randomDecimal(r *rand.Rand) decimal.Decimal {
	switch r.IntN(10) {
	case 0:
		return decimal.Decimal{}
	case 1:
		return decimal.New(r.Int64N(1e6), int32(r.IntN(3))) // positive exponent
	case 2:
		c := decimal.New(r.Int64(), 0)
		return c.Mul(c).Shift(-4) // larger than int64
	case 3:
		return decimal.New(r.Int64N(1<<62)-(1<<61), -2) // near the int64 bound
	case 4:
		return decimal.New(r.Int64N(1e9)-5e8, -int32(r.IntN(6)))
	}
	return decimal.New(r.Int64N(1e12)-5e11, -2)
}

// voceTotal and decSum give decimal's own sums, coefficient and exponent.
func TestDecSum(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for range 100000 {
		var a [model.NumCostVoci]decimal.Decimal
		same := r.IntN(2) == 0
		for i := range a {
			a[i] = randomDecimal(r)
			if same && i > 0 {
				a[i] = decimal.New(r.Int64N(1e12)-5e11, a[0].Exponent())
			}
		}
		if got, want := voceTotal(&a), costing.Total(a); !sameDecimal(got, want) {
			t.Fatalf("voceTotal(%v) = %s (exp %d), want %s (exp %d)", a, got, got.Exponent(), want, want.Exponent())
		}
		var s decSum
		var want decimal.Decimal
		for range r.IntN(30) {
			d := randomDecimal(r)
			if same {
				d = decimal.New(r.Int64N(1e12)-5e11, -2)
			}
			s.add(d)
			want = want.Add(d)
		}
		if got := s.value(); !sameDecimal(got, want) {
			t.Fatalf("decSum = %s (exp %d), want %s (exp %d)", got, got.Exponent(), want, want.Exponent())
		}
	}
	// Sums past the int64 path's bound.
	var s decSum
	var want decimal.Decimal
	for range 40 {
		d := decimal.New(1<<59+12345, -2)
		s.add(d)
		want = want.Add(d)
	}
	if got := s.value(); !sameDecimal(got, want) {
		t.Errorf("decSum of large terms = %s, want %s", got, want)
	}
}
