package costing

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/shopspring/decimal"
)

var (
	minI128 = new(big.Int).Neg(new(big.Int).Lsh(big.NewInt(1), 127))
	maxI128 = new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 127), big.NewInt(1))
)

func fitsI128(z *big.Int) bool { return z.Cmp(minI128) >= 0 && z.Cmp(maxI128) <= 0 }

func toBig(a i128) *big.Int { return a.bigOf(new(big.Int)) }

// fromBig converts z, which must fit, through its bytes so that the test
// does not rely on the code under test.
func fromBig(z *big.Int) i128 {
	m := new(big.Int).Abs(z)
	var buf [16]byte
	m.FillBytes(buf[:])
	var u u128
	for i := range 8 {
		u.hi = u.hi<<8 | uint64(buf[i])
		u.lo = u.lo<<8 | uint64(buf[8+i])
	}
	if z.Sign() < 0 {
		lo := -u.lo
		hi := ^u.hi
		if u.lo == 0 {
			hi++
		}
		return i128{int64(hi), lo}
	}
	return i128{int64(u.hi), u.lo}
}

// randI128 draws integers of every width up to 128 bits, both signs, and
// the edges.
var maxU64 = new(big.Int).SetUint64(math.MaxUint64)

// randWord draws an integer whose magnitude fits one word, of any width.
func randWord(r *rand.Rand) *big.Int {
	z := new(big.Int).SetUint64(r.Uint64() >> uint(r.IntN(64)))
	if r.IntN(2) == 0 {
		z.Neg(z)
	}
	return z
}

func randI128(r *rand.Rand) *big.Int {
	switch r.IntN(20) {
	case 0:
		return new(big.Int).Set(maxI128)
	case 1:
		return new(big.Int).Set(minI128)
	case 2:
		return big.NewInt(int64(r.IntN(3)) - 1)
	}
	z := new(big.Int).SetUint64(r.Uint64())
	z.Lsh(z, 64).Or(z, new(big.Int).SetUint64(r.Uint64()))
	z.Rsh(z, uint(1+r.IntN(127)))
	if r.IntN(2) == 0 {
		z.Neg(z)
	}
	return z
}

// wantRound is x/y rounded half away from zero, with math/big.
func wantRound(x, y *big.Int) *big.Int {
	q, m := new(big.Int).QuoRem(x, y, new(big.Int))
	twice := new(big.Int).Abs(m)
	twice.Lsh(twice, 1)
	if twice.CmpAbs(y) >= 0 {
		if (x.Sign() < 0) != (y.Sign() < 0) {
			q.Sub(q, big.NewInt(1))
		} else {
			q.Add(q, big.NewInt(1))
		}
	}
	return q
}

func TestI128Arithmetic(t *testing.T) {
	r := rand.New(rand.NewPCG(128, 1))
	for range 100000 {
		x, y := randI128(r), randI128(r)
		a, b := fromBig(x), fromBig(y)
		if got := toBig(a); got.Cmp(x) != 0 {
			t.Fatalf("round trip of %s gives %s", x, got)
		}
		if got, want := a.cmp(b), x.Cmp(y); got != want {
			t.Fatalf("cmp(%s, %s) = %d, want %d", x, y, got, want)
		}
		if got, want := a.neg(), x.Sign() < 0; got != want {
			t.Fatalf("neg(%s) = %v, want %v", x, got, want)
		}
		if got, want := a.isZero(), x.Sign() == 0; got != want {
			t.Fatalf("isZero(%s) = %v, want %v", x, got, want)
		}
		if v, ok := a.int64(); ok != x.IsInt64() || (ok && v != x.Int64()) {
			t.Fatalf("int64(%s) = %d, %v", x, v, ok)
		}
		ops := []struct {
			name string
			f    func(i128, i128) (i128, bool)
			want *big.Int
		}{
			{"add", i128.add, new(big.Int).Add(x, y)},
			{"sub", i128.sub, new(big.Int).Sub(x, y)},
			{"negate", func(a, _ i128) (i128, bool) { return a.negate() }, new(big.Int).Neg(x)},
		}
		for _, op := range ops {
			got, ok := op.f(a, b)
			if ok != fitsI128(op.want) {
				// sub may refuse when -y does not fit even if x-y does.
				if !(op.name == "sub" && y.Cmp(minI128) == 0) {
					t.Fatalf("%s(%s, %s): ok %v, want %v", op.name, x, y, ok, !ok)
				}
				continue
			}
			if ok && toBig(got).Cmp(op.want) != 0 {
				t.Fatalf("%s(%s, %s) = %s, want %s", op.name, x, y, toBig(got), op.want)
			}
		}
		k := r.IntN(45)
		want := new(big.Int).Mul(x, new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(k)), nil))
		got, ok := a.mulPow10(k)
		if ok != fitsI128(want) || (ok && toBig(got).Cmp(want) != 0) {
			t.Fatalf("mulPow10(%s, %d) = %s, %v, want %s", x, k, toBig(got), ok, want)
		}
		k = r.IntN(len(pow10x))
		p := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(k)), nil)
		q, m := new(big.Int).QuoRem(x, p, new(big.Int))
		gq, exact := a.quoPow10(k)
		if toBig(gq).Cmp(q) != 0 || exact != (m.Sign() == 0) {
			t.Fatalf("quoPow10(%s, %d) = %s, %v, want %s, %v", x, k, toBig(gq), exact, q, m.Sign() == 0)
		}
	}
}

func TestMulDivRound(t *testing.T) {
	r := rand.New(rand.NewPCG(128, 2))
	tests := [][3]*big.Int{
		{big.NewInt(5), big.NewInt(1), big.NewInt(2)},  // exactly half: 3
		{big.NewInt(-5), big.NewInt(1), big.NewInt(2)}, // -3
		{big.NewInt(5), big.NewInt(1), big.NewInt(-2)}, // -3
		{big.NewInt(7), big.NewInt(1), big.NewInt(0)},  // no divisor
		{maxI128, maxI128, maxI128},                    // large product, exact
		{maxI128, big.NewInt(2), big.NewInt(1)},        // does not fit
		{minI128, big.NewInt(1), big.NewInt(1)},        // the smallest fits
		{minI128, big.NewInt(-1), big.NewInt(1)},       // its opposite does not
		{maxI128, maxI128, new(big.Int).Lsh(big.NewInt(1), 126)},
		// Operands of one word: the quotient in one word or not.
		{maxU64, maxU64, maxU64}, // exact, the largest word
		{big.NewInt(253921), big.NewInt(145295143558111), big.NewInt(2)},    // (2^65-1)/2: rounds up to 2^64
		{big.NewInt(-253921), big.NewInt(145295143558111), big.NewInt(2)},   // -2^64
		{big.NewInt(253921), big.NewInt(145295143558111), big.NewInt(-3)},   // rounds down
		{new(big.Int).Lsh(big.NewInt(1), 63), big.NewInt(2), big.NewInt(1)}, // product's high word = divisor
		{maxU64, maxU64, big.NewInt(1)},                                     // quotient of two words
		{big.NewInt(7), big.NewInt(3), big.NewInt(2)},                       // 10.5: 11
		{big.NewInt(7), big.NewInt(3), big.NewInt(-2)},                      // -11
		{big.NewInt(1), big.NewInt(1), big.NewInt(3)},                       // 0
	}
	for range 100000 { // every operand within a word
		x, y, z := randWord(r), randWord(r), randWord(r)
		tests = append(tests, [3]*big.Int{x, y, z})
	}
	for range 200000 {
		x, y, z := randI128(r), randI128(r), randI128(r)
		tests = append(tests, [3]*big.Int{x, y, z})
	}
	checked := 0
	for _, tt := range tests {
		x, y, z := tt[0], tt[1], tt[2]
		got, ok := mulDivRound(fromBig(x), fromBig(y), fromBig(z))
		if z.Sign() == 0 {
			if ok {
				t.Fatalf("mulDivRound(%s, %s, 0) ok", x, y)
			}
			continue
		}
		want := wantRound(new(big.Int).Mul(x, y), z)
		if ok != fitsI128(want) {
			t.Fatalf("mulDivRound(%s, %s, %s): ok %v, want %s", x, y, z, ok, want)
		}
		if ok {
			checked++
			if toBig(got).Cmp(want) != 0 {
				t.Fatalf("mulDivRound(%s, %s, %s) = %s, want %s", x, y, z, toBig(got), want)
			}
		}
	}
	if checked < 60000 {
		t.Errorf("only %d results fit", checked)
	}
}

// TestQuoRem256 checks the long division on its own, with divisors of
// every width, normalised or not.
func TestQuoRem256(t *testing.T) {
	r := rand.New(rand.NewPCG(128, 3))
	for range 200000 {
		var u [4]uint64
		for i := range u {
			u[i] = r.Uint64() >> uint(r.IntN(65)%64)
		}
		v := u128{r.Uint64() >> uint(r.IntN(64)), r.Uint64()}
		switch r.IntN(4) {
		case 0:
			v.hi = 0
		case 1:
			v.hi |= 1 << 63
		}
		if v.hi == 0 && v.lo == 0 {
			continue
		}
		x := new(big.Int)
		for i := 3; i >= 0; i-- {
			x.Lsh(x, 64).Or(x, new(big.Int).SetUint64(u[i]))
		}
		y := new(big.Int).SetUint64(v.hi)
		y.Lsh(y, 64).Or(y, new(big.Int).SetUint64(v.lo))
		wq, wr := new(big.Int).QuoRem(x, y, new(big.Int))
		q, rem := quoRem256(u, v)
		gq := new(big.Int)
		for i := 3; i >= 0; i-- {
			gq.Lsh(gq, 64).Or(gq, new(big.Int).SetUint64(q[i]))
		}
		gr := new(big.Int).SetUint64(rem.hi)
		gr.Lsh(gr, 64).Or(gr, new(big.Int).SetUint64(rem.lo))
		if gq.Cmp(wq) != 0 || gr.Cmp(wr) != 0 {
			t.Fatalf("%s / %s = %s r %s, want %s r %s", x, y, gq, gr, wq, wr)
		}
	}
}

// TestDecimalConversions: i128From takes a decimal exactly to a scale or
// declines; decimalOf gives back the same value and the exponent asked.
func TestDecimalConversions(t *testing.T) {
	r := rand.New(rand.NewPCG(128, 4))
	for range 200000 {
		x := randI128(r)
		exp := int32(r.IntN(40) - 30)
		d := decimal.NewFromBigInt(x, exp)
		scale := int32(r.IntN(20))
		got, ok := i128From(d, scale)
		want := new(big.Int).Set(x)
		fits := exp+scale >= 0
		if fits {
			want.Mul(want, new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(exp+scale)), nil))
			fits = want.BitLen() <= 126 || (x.BitLen() <= 126 && fitsI128(want))
		}
		if ok && (!fits || toBig(got).Cmp(want) != 0) {
			t.Fatalf("i128From(%s, %d) = %s, want %s (fits %v)", d, scale, toBig(got), want, fits)
		}
		if !ok && fits && x.BitLen() <= 126 {
			t.Fatalf("i128From(%s, %d) declined %s", d, scale, want)
		}
		back := decimalOf(fromBig(x), exp)
		if back.Exponent() != exp || back.Coefficient().Cmp(x) != 0 {
			t.Fatalf("decimalOf(%s, %d) = %s", x, exp, back)
		}
	}
	if _, ok := i128From(decimal.New(math.MaxInt64, 0), 20); ok {
		t.Error("MaxInt64·10^20 fits?")
	}
}
