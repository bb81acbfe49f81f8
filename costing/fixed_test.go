package costing

import (
	"math/big"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/shopspring/decimal"

	"camcost/model"
)

// TestMulRound: the fixed-point product is a.Mul(b).Round(SharePlaces) to
// the last digit, or declines (ok false) and the caller uses decimal.
func TestMulRound(t *testing.T) {
	tests := []struct {
		a, b string
		ok   bool
	}{
		{"1", "1", true},
		{"0", "0.3333333333333333", true},
		{"0.5", "0.0000000000000001", true},  // exactly half: away from zero
		{"-0.5", "0.0000000000000001", true}, // negative half
		{"0.4999999999999999", "0.0000000000000001", true},
		{"0.9999999999999999", "0.9999999999999999", true},
		{"-0.9999999999999999", "0.3333333333333333", true},
		{"48213.27", "0.1234567890123457", true},              // a pay and a share
		{"123456789012.34", "0.7", true},                      // k > 0 after the shift
		{"5", "7", true},                                      // k = 16: times 10^16
		{"500", "700", true},                                  // k = 16, large
		{"1e5", "1e5", false},                                 // k = 26: 10^26 does not fit
		{"1234567890123456789", "1", false},                   // 19 digits
		{"0.1234567890123456789", "1", false},                 // 19 digits
		{"1e-40", "1", false},                                 // k = -24: divisor too large
		{"1e-30", "1", true},                                  // k = -14
		{"9999999999999999.99", "9999999999999999.99", false}, // result too large
	}
	for _, tt := range tests {
		t.Run(tt.a+"*"+tt.b, func(t *testing.T) {
			a, b := decimal.RequireFromString(tt.a), decimal.RequireFromString(tt.b)
			hi, lo, neg, ok := mulRound(a, b)
			if ok != tt.ok {
				t.Fatalf("ok = %v, want %v", ok, tt.ok)
			}
			if ok {
				if got, want := fromU128(hi, lo, neg), a.Mul(b).Round(model.SharePlaces); !got.Equal(want) || got.Exponent() != want.Exponent() {
					t.Errorf("got %s (exp %d), want %s (exp %d)", got, got.Exponent(), want, want.Exponent())
				}
			}
		})
	}
}

// TestMulRoundRandom compares with decimal on random coefficients and
// exponents: shares, FTE, pays and odd exponents.
func TestMulRoundRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(14, 1))
	num := func() decimal.Decimal {
		digits := 1 + r.IntN(18)
		c := r.Int64N(int64(pow10u[digits]))
		if r.IntN(4) == 0 {
			c = -c
		}
		return decimal.New(c, int32(-r.IntN(20)+2))
	}
	var checked int
	for range 200000 {
		a, b := num(), num()
		hi, lo, neg, ok := mulRound(a, b)
		if !ok {
			continue
		}
		checked++
		got, want := fromU128(hi, lo, neg), a.Mul(b).Round(model.SharePlaces)
		if !got.Equal(want) || got.Exponent() != want.Exponent() {
			t.Fatalf("%s * %s = %s, want %s", a, b, got, want)
		}
	}
	if checked < 100000 {
		t.Errorf("only %d of 200000 products checked", checked)
	}
}

// TestFixedSums: the sums are those of Decimal.Add over the rounded
// products, untouched nodes stay decimal.Zero, and a product that does not
// fit goes through decimal.
func TestFixedSums(t *testing.T) {
	r := rand.New(rand.NewPCG(14, 2))
	const n = 7
	s := newFixedSums(n)
	want := make([]decimal.Decimal, n)
	for k := range 5000 {
		i := r.IntN(n - 1) // node n-1 is never touched
		a := decimal.New(r.Int64N(1e10)-1e9, -2)
		b := decimal.New(r.Int64N(1e16), -model.SharePlaces)
		switch {
		case k%100 == 0:
			a = decimal.RequireFromString("123456789012345678901.5") // does not fit
		case i == 0 && k%7 == 0:
			// products near 10^36 at SharePlaces: the sum of node 0
			// leaves 128 bits
			a, b = decimal.New(999999999999999999, 0), decimal.New(99, 0)
		}
		s.addProduct(i, numOf(a), numOf(b))
		want[i] = want[i].Add(a.Mul(b).Round(model.SharePlaces))
	}
	got := make([]decimal.Decimal, n)
	s.decimals(got)
	for i := range n {
		if !got[i].Equal(want[i]) || got[i].Exponent() != want[i].Exponent() || got[i].String() != want[i].String() {
			t.Errorf("node %d: %s (exp %d), want %s (exp %d)", i, got[i], got[i].Exponent(), want[i], want[i].Exponent())
		}
	}
	if s.big[0] == nil {
		t.Error("the sum of node 0 stayed within 128 bits: the test proves nothing")
	}
	if got[n-1].Exponent() != 0 || !got[n-1].IsZero() {
		t.Errorf("untouched node %s exp %d, want decimal.Zero", got[n-1], got[n-1].Exponent())
	}
}

// mulRound is mulRoundNum of two decimals, declining when a coefficient
// has more than 18 digits.
func mulRound(a, b decimal.Decimal) (hi, lo uint64, neg, ok bool) {
	x, y := numOf(a), numOf(b)
	if !x.ok || !y.ok {
		return 0, 0, false, false
	}
	return mulRoundNum(x, y)
}

func fromU128(hi, lo uint64, neg bool) decimal.Decimal {
	z := new(big.Int).SetUint64(hi)
	z.Lsh(z, 64).Or(z, new(big.Int).SetUint64(lo))
	if neg {
		z.Neg(z)
	}
	return decimal.NewFromBigInt(z, -model.SharePlaces)
}

// TestShareQuotients: the FTE of a person and the share of a booking are
// those of decimal's DivRound, value and exponent, whatever the digits of
// the inputs; quantities too large or too precise for fixed point go
// through decimal.
func TestShareQuotients(t *testing.T) {
	r := rand.New(rand.NewPCG(14, 3))
	num := func() decimal.Decimal {
		switch r.IntN(8) {
		case 0:
			return randDecimal(r)
		case 1:
			return decimal.New(r.Int64N(13), 0)
		}
		return decimal.New(r.Int64N(int64(pow10u[1+r.IntN(18)])), -int32(r.IntN(20)))
	}
	for range 100000 {
		p := model.Person{FTE: num(), Mesi: num()}
		if got, want := fteOf(&p).decimal(), p.FTE.Mul(p.Mesi).DivRound(model.Twelve, model.SharePlaces); !got.Equal(want) || got.Exponent() != want.Exponent() {
			t.Fatalf("fteOf(%s, %s) = %s, want %s", p.FTE, p.Mesi, got, want)
		}
		for _, unit := range []model.TimeUnit{model.Percent, model.Hours} {
			e := &engine{in: &model.Inputs{TimeUnit: unit}}
			b := model.Booking{Qty: num()}
			hours := num()
			if hours.IsZero() {
				continue
			}
			q, h := amtOf(b.Qty), amtOf(hours)
			got := e.bookingShare(b, q, h, !q.slow && !h.slow).decimal()
			want := b.Qty.DivRound(model.Hundred, model.SharePlaces)
			if unit == model.Hours {
				want = b.Qty.DivRound(hours, model.SharePlaces)
			}
			if !got.Equal(want) || got.Exponent() != want.Exponent() {
				t.Fatalf("%v: share of %s over %s = %s, want %s", unit, b.Qty, hours, got, want)
			}
		}
	}
}

// TestFixedSumsKey: the key of the sums is the key sparse makes of their
// decimals, entry by entry, for nodes untouched, summing to zero (in 128
// bits and beyond), and not zero, kept or not.
func TestFixedSumsKey(t *testing.T) {
	r := rand.New(rand.NewPCG(14, 3))
	for round := range 200 {
		n := 1 + r.IntN(12)
		s := newFixedSums(n)
		for range r.IntN(40) {
			i := r.IntN(n)
			a := decimal.New(r.Int64N(2e6)-1e6, -int32(r.IntN(3)))
			b := decimal.New(r.Int64N(1e16), -model.SharePlaces)
			switch r.IntN(5) {
			case 0: // leaves 128 bits
				a, b = decimal.New(999999999999999999, 0), decimal.New(99, 0)
			case 1: // and comes back to zero
				s.addProduct(i, numOf(a), numOf(b))
				a = a.Neg()
			case 2: // leaves 128 bits and comes back to zero
				a, b = decimal.New(999999999999999999, 0), decimal.New(99, 0)
				s.addProduct(i, numOf(a), numOf(b))
				s.addProduct(i, numOf(a), numOf(b))
				a = decimal.New(-2*999999999999999999, 0)
			}
			s.addProduct(i, numOf(a), numOf(b))
		}
		keep := func(i int) bool { return (i+round)%3 != 0 }
		dense := make([]decimal.Decimal, n)
		s.decimals(dense)
		got, want := s.key(keep), sparse(dense, keep)
		if !slices.Equal(got.idx, want.idx) || len(got.q) != len(want.q) {
			t.Fatalf("round %d: nodes %v, want %v", round, got.idx, want.idx)
		}
		for e := range got.q {
			if !sameDecimal(got.q[e], want.q[e]) {
				t.Fatalf("round %d node %d: %s, want %s", round, got.idx[e], got.q[e], want.q[e])
			}
		}
	}
}
