package costing

import (
	"math/big"
	"math/bits"

	"github.com/shopspring/decimal"

	"camcost/model"
)

// Sums of many products rounded to model.SharePlaces, without a big.Int per
// product: (*engine).people adds one such product per booking and person to
// three sums, which with decimal.Decimal allocated about ten values each.

// pow10u are the powers of ten that fit in a uint64.
var pow10u = func() (p [20]uint64) {
	p[0] = 1
	for i := 1; i < len(p); i++ {
		p[i] = p[i-1] * 10
	}
	return
}()

// mulRound returns a·b rounded half away from zero to model.SharePlaces
// places, as a.Mul(b).Round(model.SharePlaces) does: the coefficient at
// exponent -SharePlaces as a sign and 128-bit magnitude (hi, lo). ok is
// false when a coefficient or the result does not fit; the caller then
// uses decimal.
func mulRound(a, b decimal.Decimal) (hi, lo uint64, neg, ok bool) {
	if a.NumDigits() > 18 || b.NumDigits() > 18 {
		return 0, 0, false, false
	}
	ac, bc := a.CoefficientInt64(), b.CoefficientInt64()
	neg = (ac < 0) != (bc < 0)
	hi, lo = bits.Mul64(absU(ac), absU(bc))
	k := int(a.Exponent()) + int(b.Exponent()) + model.SharePlaces
	switch {
	case k == 0:
	case k > 0:
		if k >= len(pow10u) {
			return 0, 0, false, false
		}
		h1, l1 := bits.Mul64(lo, pow10u[k])
		h2, l2 := bits.Mul64(hi, pow10u[k])
		var carry uint64
		hi, carry = bits.Add64(h1, l2, 0)
		if h2 != 0 || carry != 0 {
			return 0, 0, false, false
		}
		lo = l1
	default:
		if -k >= len(pow10u) {
			return 0, 0, false, false
		}
		d := pow10u[-k]
		qh := hi / d
		ql, r := bits.Div64(hi%d, lo, d)
		if r >= d-r { // 2r >= d: the dropped part is half a unit or more
			var carry uint64
			ql, carry = bits.Add64(ql, 1, 0)
			qh += carry
		}
		hi, lo = qh, ql
	}
	return hi, lo, neg, true
}

func absU(x int64) uint64 {
	if x < 0 {
		return uint64(-x)
	}
	return uint64(x)
}

// fixedSums are sums of values at exponent -SharePlaces, one per node; a
// node becomes a decimal only if something was added to it, so that an
// untouched node stays decimal.Zero as with Decimal.Add.
type fixedSums struct {
	v       []big.Int
	touched []bool
	tmp     big.Int
	low     big.Int
}

func newFixedSums(n int) *fixedSums {
	return &fixedSums{v: make([]big.Int, n), touched: make([]bool, n)}
}

// addProduct adds a.Mul(b).Round(model.SharePlaces) to node i.
func (s *fixedSums) addProduct(i int, a, b decimal.Decimal) {
	s.touched[i] = true
	hi, lo, neg, ok := mulRound(a, b)
	if !ok {
		s.v[i].Add(&s.v[i], a.Mul(b).Round(model.SharePlaces).Coefficient())
		return
	}
	s.tmp.SetUint64(hi)
	s.tmp.Lsh(&s.tmp, 64)
	s.low.SetUint64(lo)
	s.tmp.Or(&s.tmp, &s.low)
	if neg {
		s.v[i].Sub(&s.v[i], &s.tmp)
	} else {
		s.v[i].Add(&s.v[i], &s.tmp)
	}
}

// decimals writes the sums into out: the node's sum at exponent
// -SharePlaces where something was added, out left as it is elsewhere.
func (s *fixedSums) decimals(out []decimal.Decimal) {
	for i := range s.v {
		if s.touched[i] {
			out[i] = decimal.NewFromBigInt(&s.v[i], -model.SharePlaces)
		}
	}
}
