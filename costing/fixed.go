package costing

import (
	"math/big"
	"math/bits"

	"github.com/shopspring/decimal"

	"camcost/model"
)

// The quantities of (*engine).people without a decimal.Decimal per
// operation: per person and booking, a quotient rounded to
// model.SharePlaces and products rounded to it, added to sums per node.
// Each computation gives what the decimal one gives, or declines and the
// caller uses decimal (fixed_test.go compares them).

// pow10u are the powers of ten that fit in a uint64.
var pow10u = func() (p [20]uint64) {
	p[0] = 1
	for i := 1; i < len(p); i++ {
		p[i] = p[i-1] * 10
	}
	return
}()

// num is a decimal as people() uses it: coefficient and exponent when the
// coefficient fits in an int64 (ok), else the decimal itself.
type num struct {
	c   int64
	exp int32
	ok  bool
	d   decimal.Decimal
}

func numOf(d decimal.Decimal) num {
	if d.NumDigits() <= 18 {
		return num{c: d.CoefficientInt64(), exp: d.Exponent(), ok: true}
	}
	return num{d: d}
}

func (n num) decimal() decimal.Decimal {
	if n.ok {
		return decimal.New(n.c, n.exp)
	}
	return n.d
}

// shareNum is the coefficient c at -SharePlaces.
func shareNum(c i128) num {
	if x, ok := c.int64(); ok {
		return num{c: x, exp: -model.SharePlaces, ok: true}
	}
	return num{d: decimalOf(c, -model.SharePlaces)}
}

// mulRoundNum returns a·b rounded half away from zero to
// model.SharePlaces places, as a.Mul(b).Round(model.SharePlaces) does: the
// coefficient at exponent -SharePlaces as a sign and 128-bit magnitude
// (hi, lo). a and b must hold their coefficient (ok); the result's ok is
// false when it does not fit, and the caller then uses decimal.
func mulRoundNum(a, b num) (hi, lo uint64, neg, ok bool) {
	ac, bc := a.c, b.c
	neg = (ac < 0) != (bc < 0)
	hi, lo = bits.Mul64(absU(ac), absU(bc))
	k := int(a.exp) + int(b.exp) + model.SharePlaces
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

// quoRound returns ac·10^ae / bc·10^be rounded half away from zero to
// model.SharePlaces places, as decimal's DivRound does, as a coefficient
// at -SharePlaces; ok is false when bc is zero or a value does not fit.
func quoRound(ac i128, ae int32, bc i128, be int32) (i128, bool) {
	k := int(ae) - int(be) + model.SharePlaces
	var ok bool
	if k >= 0 {
		ac, ok = ac.mulPow10(k)
	} else {
		bc, ok = bc.mulPow10(-k)
	}
	if !ok {
		return i128{}, false
	}
	return mulDivRound(ac, i128of(1), bc)
}

// fteOf returns p.FTE.Mul(p.Mesi).DivRound(model.Twelve,
// model.SharePlaces).
func fteOf(p *model.Person) num {
	f, m := numOf(p.FTE), numOf(p.Mesi)
	if f.ok && m.ok {
		hi, lo := bits.Mul64(absU(f.c), absU(m.c))
		if prod, ok := signed(u128{hi, lo}, (f.c < 0) != (m.c < 0)); ok {
			if q, ok := quoRound(prod, f.exp+m.exp, i128of(12), 0); ok {
				return shareNum(q)
			}
		}
	}
	return numOf(p.FTE.Mul(p.Mesi).DivRound(model.Twelve, model.SharePlaces))
}

// fixedSums are sums of values at exponent -SharePlaces, one per node; a
// node becomes a decimal only if something was added to it, so that an
// untouched node stays decimal's zero value as with Decimal.Add.
type fixedSums struct {
	v       []i128
	touched []bool
	big     map[int]*big.Int // nodes whose sum left 128 bits
}

func newFixedSums(n int) *fixedSums {
	return &fixedSums{v: make([]i128, n), touched: make([]bool, n)}
}

// addProduct adds a.Mul(b).Round(model.SharePlaces) to node i.
func (s *fixedSums) addProduct(i int, a, b num) {
	if a.ok && b.ok {
		if hi, lo, neg, ok := mulRoundNum(a, b); ok {
			if x, ok := signed(u128{hi, lo}, neg); ok {
				s.add(i, x)
				return
			}
		}
	}
	s.addBig(i, a.decimal().Mul(b.decimal()).Round(model.SharePlaces).Coefficient())
}

// addShare adds x to node i; x is at -SharePlaces, as fteOf gives it.
func (s *fixedSums) addShare(i int, x num) {
	if x.ok && x.exp == -model.SharePlaces {
		s.add(i, i128of(x.c))
		return
	}
	s.addBig(i, x.decimal().Coefficient())
}

// add adds the coefficient x at -SharePlaces to node i.
func (s *fixedSums) add(i int, x i128) {
	s.touched[i] = true
	if s.big == nil || s.big[i] == nil {
		if v, ok := s.v[i].add(x); ok {
			s.v[i] = v
			return
		}
	}
	s.addBig(i, x.bigOf(new(big.Int)))
}

func (s *fixedSums) addBig(i int, x *big.Int) {
	s.touched[i] = true
	if s.big == nil {
		s.big = make(map[int]*big.Int)
	}
	b := s.big[i]
	if b == nil {
		b = s.v[i].bigOf(new(big.Int))
		s.big[i] = b
	}
	b.Add(b, x)
}

// decimal returns the sum of node i at exponent -SharePlaces, or
// decimal's zero value if nothing was added to it.
func (s *fixedSums) decimal(i int) decimal.Decimal {
	switch {
	case !s.touched[i]:
		return decimal.Decimal{}
	case s.big != nil && s.big[i] != nil:
		return decimal.NewFromBigInt(s.big[i], -model.SharePlaces)
	}
	return decimalOf(s.v[i], -model.SharePlaces)
}

// key returns the sums that are not zero on the nodes keep accepts, as
// sparse(dense, keep) would with the sums written into dense by decimals,
// without a decimal for the others.
func (s *fixedSums) key(keep func(i int) bool) *keyVec {
	nonzero := func(i int) bool { // an untouched node's sum is zero
		if s.big != nil && s.big[i] != nil {
			return s.big[i].Sign() != 0
		}
		return !s.v[i].isZero()
	}
	n := 0
	for i := range s.v {
		if nonzero(i) && keep(i) {
			n++
		}
	}
	k := &keyVec{idx: make([]int, 0, n), q: make([]decimal.Decimal, 0, n)}
	for i := range s.v {
		if nonzero(i) && keep(i) {
			k.add(i, s.decimal(i))
		}
	}
	return k
}

// decimals writes the sums into out: the node's sum at exponent
// -SharePlaces where something was added, out left as it is elsewhere.
func (s *fixedSums) decimals(out []decimal.Decimal) {
	for i := range s.v {
		if s.touched[i] {
			out[i] = s.decimal(i)
		}
	}
}
