package costing

import (
	"math"
	"math/big"
	"math/bits"

	"github.com/shopspring/decimal"
)

// 128-bit integers for the engine's exact sums and splits: the values the
// stages move have at most FlowPlaces decimals and fit in 128 bits, so most
// of the work needs no big.Int. Every operation reports whether its result
// fits; when one does not, the caller goes back to decimal.Decimal. The
// tests in int128_test.go compare each operation with math/big.

// i128 is a signed 128-bit integer in two's complement.
type i128 struct {
	hi int64
	lo uint64
}

// u128 is an unsigned 128-bit integer.
type u128 struct {
	hi, lo uint64
}

func i128of(x int64) i128 { return i128{hi: x >> 63, lo: uint64(x)} }

func (a i128) isZero() bool { return a.hi == 0 && a.lo == 0 }

func (a i128) neg() bool { return a.hi < 0 }

// cmp compares a and b: -1, 0 or 1.
func (a i128) cmp(b i128) int {
	switch {
	case a.hi < b.hi:
		return -1
	case a.hi > b.hi:
		return 1
	case a.lo < b.lo:
		return -1
	case a.lo > b.lo:
		return 1
	}
	return 0
}

// int64 returns a as an int64 when it fits.
func (a i128) int64() (int64, bool) {
	x := int64(a.lo)
	return x, a.hi == x>>63
}

// add returns a+b; ok is false on overflow.
func (a i128) add(b i128) (i128, bool) {
	lo, c := bits.Add64(a.lo, b.lo, 0)
	hi := a.hi + b.hi + int64(c)
	return i128{hi, lo}, (a.hi^b.hi) < 0 || (a.hi^hi) >= 0
}

// sub returns a-b; ok is false on overflow.
func (a i128) sub(b i128) (i128, bool) {
	nb, ok := b.negate()
	if !ok {
		return i128{}, false
	}
	return a.add(nb)
}

// negate returns -a; ok is false for the smallest i128, whose opposite
// does not fit.
func (a i128) negate() (i128, bool) {
	lo, b := bits.Sub64(0, a.lo, 0)
	return i128{-a.hi - int64(b), lo}, a.hi != math.MinInt64 || a.lo != 0
}

// abs returns the magnitude of a.
func (a i128) abs() u128 {
	if a.hi < 0 {
		lo, b := bits.Sub64(0, a.lo, 0)
		return u128{uint64(-a.hi) - b, lo}
	}
	return u128{uint64(a.hi), a.lo}
}

// signed returns the magnitude u with the sign neg; ok is false when it
// does not fit.
func signed(u u128, neg bool) (i128, bool) {
	if u.hi>>63 != 0 {
		if neg && u.hi == 1<<63 && u.lo == 0 {
			return i128{math.MinInt64, 0}, true
		}
		return i128{}, false
	}
	a := i128{int64(u.hi), u.lo}
	if neg {
		a, _ = a.negate()
	}
	return a, true
}

// pow10x are the powers of ten that fit in a u128.
var pow10x = func() (p [39]u128) {
	p[0] = u128{0, 1}
	for i := 1; i < len(p); i++ {
		h1, l := bits.Mul64(p[i-1].lo, 10)
		p[i] = u128{p[i-1].hi*10 + h1, l}
	}
	return
}()

// mul returns a·b; ok is false when it does not fit in 128 bits.
func (a u128) mul(b u128) (u128, bool) {
	if a.hi != 0 && b.hi != 0 {
		return u128{}, false
	}
	h, l := bits.Mul64(a.lo, b.lo)
	h1, m1 := bits.Mul64(a.hi, b.lo)
	h2, m2 := bits.Mul64(a.lo, b.hi)
	h, c1 := bits.Add64(h, m1, 0)
	h, c2 := bits.Add64(h, m2, 0)
	return u128{h, l}, h1 == 0 && h2 == 0 && c1 == 0 && c2 == 0
}

// mulPow10 returns a·10^k, k >= 0; ok is false when it does not fit.
func (a i128) mulPow10(k int) (i128, bool) {
	if k == 0 || a.isZero() {
		return a, true
	}
	if k >= len(pow10x) {
		return i128{}, false
	}
	m, ok := a.abs().mul(pow10x[k])
	if !ok {
		return i128{}, false
	}
	return signed(m, a.neg())
}

// quoRem64 divides u by d > 0: quotient and remainder.
func (u u128) quoRem64(d uint64) (u128, uint64) {
	qh, r := u.hi/d, u.hi%d
	ql, r := bits.Div64(r, u.lo, d)
	return u128{qh, ql}, r
}

// quoPow10 returns a/10^k truncated toward zero and whether the division
// was exact, 0 <= k < len(pow10x).
func (a i128) quoPow10(k int) (i128, bool) {
	if k == 0 {
		return a, true
	}
	m := a.abs()
	exact := true
	for k > 0 {
		step := min(k, 19)
		var r uint64
		m, r = m.quoRem64(pow10x[step].lo)
		exact = exact && r == 0
		k -= step
	}
	q, _ := signed(m, a.neg())
	return q, exact
}

// mulDivRound returns a·b/c rounded half away from zero, as
// decimal.DivRound and model.Split round; ok is false when c is zero or the
// result does not fit.
func mulDivRound(a, b, c i128) (i128, bool) {
	if c.isZero() {
		return i128{}, false
	}
	ua, ub, uc := a.abs(), b.abs(), c.abs()
	neg := (a.hi < 0) != (b.hi < 0) != (c.hi < 0)
	if ua.hi == 0 && ub.hi == 0 && uc.hi == 0 {
		// Words: one division when the quotient fits one (the
		// product's high word below the divisor), as most do.
		if hi, lo := bits.Mul64(ua.lo, ub.lo); hi < uc.lo {
			q, r := bits.Div64(hi, lo, uc.lo)
			var up uint64 // 2r >= c: the dropped part is half a unit or more
			if r >= uc.lo-r {
				up = 1
			}
			q, up = bits.Add64(q, up, 0)
			return signed(u128{up, q}, neg)
		}
	}
	p := mul256(ua, ub)
	q, r := quoRem256(p, uc)
	if q[3] != 0 || q[2] != 0 {
		return i128{}, false
	}
	// 2r >= c: the dropped part is half a unit or more.
	if half, ok := sub128(uc, r); ok && !less128(r, half) {
		var carry uint64
		q[0], carry = bits.Add64(q[0], 1, 0)
		q[1] += carry
		if q[1] == 0 && carry != 0 {
			return i128{}, false
		}
	}
	return signed(u128{q[1], q[0]}, neg)
}

func less128(a, b u128) bool { return a.hi < b.hi || (a.hi == b.hi && a.lo < b.lo) }

func sub128(a, b u128) (u128, bool) {
	lo, br := bits.Sub64(a.lo, b.lo, 0)
	hi, br := bits.Sub64(a.hi, b.hi, br)
	return u128{hi, lo}, br == 0
}

// mul256 returns a·b as four words, least significant first.
func mul256(a, b u128) [4]uint64 {
	h00, l00 := bits.Mul64(a.lo, b.lo)
	if a.hi == 0 && b.hi == 0 {
		return [4]uint64{l00, h00}
	}
	h01, l01 := bits.Mul64(a.lo, b.hi)
	h10, l10 := bits.Mul64(a.hi, b.lo)
	h11, l11 := bits.Mul64(a.hi, b.hi)
	s, c1 := bits.Add64(h00, l01, 0)
	p1, c2 := bits.Add64(s, l10, 0)
	s, c3 := bits.Add64(h01, h10, 0)
	s, c4 := bits.Add64(s, l11, 0)
	p2, c5 := bits.Add64(s, c1+c2, 0)
	return [4]uint64{l00, p1, p2, h11 + c3 + c4 + c5}
}

// quoRem256 divides the four words u by v > 0 (Knuth, The Art of Computer
// Programming, vol. 2, 4.3.1, algorithm D, with one- or two-word divisors).
func quoRem256(u [4]uint64, v u128) (q [4]uint64, r u128) {
	top := 3 // the most significant word that is not zero, -1 for none
	for top >= 0 && u[top] == 0 {
		top--
	}
	if v.hi == 0 {
		var rem uint64
		for i := top; i >= 0; i-- {
			q[i], rem = bits.Div64(rem, u[i], v.lo)
		}
		return q, u128{0, rem}
	}
	s := uint(bits.LeadingZeros64(v.hi))
	vn1 := v.hi<<s | v.lo>>(64-s)
	vn0 := v.lo << s
	var un [5]uint64
	un[4] = u[3] >> (64 - s)
	for i := 3; i > 0; i-- {
		un[i] = u[i]<<s | u[i-1]>>(64-s)
	}
	un[0] = u[0] << s
	if s == 0 {
		un[4] = 0
		copy(un[:4], u[:])
	}
	for j := top - 1; j >= 0; j-- {
		var qhat, rhat, over uint64
		if un[j+2] >= vn1 {
			qhat = math.MaxUint64
			rhat, over = bits.Add64(un[j+1], vn1, 0)
		} else {
			qhat, rhat = bits.Div64(un[j+2], un[j+1], vn1)
		}
		for over == 0 {
			ph, pl := bits.Mul64(qhat, vn0)
			if ph < rhat || (ph == rhat && pl <= un[j]) {
				break
			}
			qhat--
			rhat, over = bits.Add64(rhat, vn1, 0)
		}
		// un[j..j+2] -= qhat·(vn1, vn0)
		ph0, pl0 := bits.Mul64(qhat, vn0)
		ph1, pl1 := bits.Mul64(qhat, vn1)
		p1, c := bits.Add64(ph0, pl1, 0)
		p2 := ph1 + c
		var b uint64
		un[j], b = bits.Sub64(un[j], pl0, 0)
		un[j+1], b = bits.Sub64(un[j+1], p1, b)
		un[j+2], b = bits.Sub64(un[j+2], p2, b)
		if b != 0 {
			qhat--
			un[j], c = bits.Add64(un[j], vn0, 0)
			un[j+1], c = bits.Add64(un[j+1], vn1, c)
			un[j+2] += c
		}
		q[j] = qhat
	}
	if s == 0 {
		return q, u128{un[1], un[0]}
	}
	return q, u128{un[1] >> s, un[0]>>s | un[1]<<(64-s)}
}

// bigOf sets z to a and returns it.
func (a i128) bigOf(z *big.Int) *big.Int {
	m := a.abs()
	var lo big.Int
	z.SetUint64(m.hi).Lsh(z, 64).Or(z, lo.SetUint64(m.lo))
	if a.neg() {
		z.Neg(z)
	}
	return z
}

// decimalOf returns the decimal a·10^exp.
func decimalOf(a i128, exp int32) decimal.Decimal {
	if x, ok := a.int64(); ok {
		return decimal.New(x, exp)
	}
	var z big.Int
	return decimal.NewFromBigInt(a.bigOf(&z), exp)
}

// i128From returns d in units of 10^-scale; ok is false when d has more
// than scale decimals or does not fit.
func i128From(d decimal.Decimal, scale int32) (i128, bool) {
	k := int(d.Exponent()) + int(scale)
	if k < 0 {
		return i128{}, false
	}
	var c i128
	if d.NumDigits() <= 18 {
		c = i128of(d.CoefficientInt64())
	} else {
		b := d.Coefficient()
		if b.BitLen() > 126 {
			return i128{}, false
		}
		var m big.Int
		m.Abs(b)
		lo := m.Uint64()
		hi := m.Rsh(&m, 64).Uint64()
		c, _ = signed(u128{hi, lo}, b.Sign() < 0)
	}
	return c.mulPow10(k)
}
