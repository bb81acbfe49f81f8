package costing

import (
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/shopspring/decimal"

	"camcost/model"
)

// randDecimal draws amounts as the engine meets them (cents, flow parts
// at 12 decimals, FTE keys at 16) and the edges: more decimals than
// FlowPlaces, coefficients beyond 128 bits, positive exponents, zeros of
// every exponent and decimal's zero value.
func randDecimal(r *rand.Rand) decimal.Decimal {
	switch r.IntN(12) {
	case 0:
		return decimal.Decimal{}
	case 1:
		return decimal.New(0, -int32(r.IntN(16)))
	case 2:
		x := randI128(r)
		x.Mul(x, big.NewInt(r.Int64N(1<<20)+1)) // may pass 128 bits
		return decimal.NewFromBigInt(x, -int32(r.IntN(30)))
	case 3:
		return decimal.New(r.Int64N(1000)-500, int32(r.IntN(30)))
	}
	c := r.Int64N(1 << uint(1+r.IntN(62)))
	if r.IntN(3) == 0 {
		c = -c
	}
	return decimal.New(c, -int32(r.IntN(18)))
}

func sameDecimal(got, want decimal.Decimal) bool {
	return got.Equal(want) && got.Exponent() == want.Exponent()
}

// TestAmtMatchesDecimal: every operation on amt gives the value and the
// exponent of the same operation on decimal.Decimal.
func TestAmtMatchesDecimal(t *testing.T) {
	r := rand.New(rand.NewPCG(12, 1))
	fixed := 0
	for range 200000 {
		x, y := randDecimal(r), randDecimal(r)
		a, b := amtOf(x), amtOf(y)
		if !a.slow {
			fixed++
		}
		if got := a.decimal(); !sameDecimal(got, x) {
			t.Fatalf("amtOf(%s) gives back %s (exp %d)", x, got, got.Exponent())
		}
		if got, want := a.add(b).decimal(), x.Add(y); !sameDecimal(got, want) {
			t.Fatalf("%s + %s = %s (exp %d), want %s (exp %d)", x, y, got, got.Exponent(), want, want.Exponent())
		}
		if got, want := a.negate().decimal(), x.Neg(); !sameDecimal(got, want) {
			t.Fatalf("-%s = %s, want %s", x, got, want)
		}
		if got, want := a.isZero(), x.IsZero(); got != want {
			t.Fatalf("isZero(%s) = %v", x, got)
		}
		if got, want := a.cmp(b), x.Cmp(y); got != want {
			t.Fatalf("cmp(%s, %s) = %d, want %d", x, y, got, want)
		}
		if got, want := a.cmpAbs(b.absAmt()), x.Abs().Cmp(y.Abs()); got != want {
			t.Fatalf("cmpAbs(%s, |%s|) = %d, want %d", x, y, got, want)
		}
		k := r.IntN(4)
		if got, want := a.mulPow10(k).decimal(), x.Mul(decimal.New(1, int32(k))); !sameDecimal(got, want) {
			t.Fatalf("%s·10^%d = %s (exp %d), want %s (exp %d)", x, k, got, got.Exponent(), want, want.Exponent())
		}
		fl, rem := a.floorRem()
		if want := x.Floor(); fl != want.IntPart() || !rem.decimal().Equal(x.Sub(want)) {
			t.Fatalf("floorRem(%s) = %d, %s, want %s", x, fl, rem.decimal(), want)
		}
	}
	if fixed < 100000 {
		t.Errorf("only %d of 200000 amounts fixed", fixed)
	}
}

func (a amt) absAmt() amt {
	if a.cmp(amt{}) < 0 {
		return a.negate()
	}
	return a
}

// TestAmountsMatchDecimal: a table of cells summed by amounts.add holds
// what Decimal.Add sums, cells leaving and re-entering fixed point and
// an int64 count: amounts as the engine meets them, and counts of
// 10^-FlowPlaces near the ends of an int64, whose sums pass them.
func TestAmountsMatchDecimal(t *testing.T) {
	r := rand.New(rand.NewPCG(12, 2))
	bigCount := func(r *rand.Rand) decimal.Decimal {
		return decimal.New(r.Int64()>>r.IntN(3)*int64(1-2*r.IntN(2)), -model.FlowPlaces)
	}
	for _, tc := range []struct {
		name       string
		draw       func(*rand.Rand) decimal.Decimal
		slow, wide bool // some cell ends slow, some ends beyond an int64 but fixed
	}{
		{"engine", randDecimal, true, false},
		{"int64 ends", bigCount, false, true},
	} {
		const n = 3
		tab := newAmounts(n)
		want := make([]decimal.Decimal, slot(n, 0, 0))
		for range 20000 {
			k := r.IntN(len(want) - 1) // the last cell stays untouched
			d := tc.draw(r)
			tab.add(k, amtOf(d))
			want[k] = want[k].Add(d)
		}
		for k := range want {
			if got := tab.get(k).decimal(); !sameDecimal(got, want[k]) {
				t.Fatalf("%s: cell %d = %s (exp %d), want %s (exp %d)", tc.name, k, got, got.Exponent(), want[k], want[k].Exponent())
			}
		}
		slow, wide := false, false
		for k := range want {
			if c := tab.cells[k]; c.wide > 0 {
				slow = slow || tab.wide[c.wide-1].slow
				wide = wide || !tab.wide[c.wide-1].slow
			}
		}
		if tc.slow && !slow || tc.wide && !wide {
			t.Errorf("%s: a cell ends slow %v, beyond an int64 %v; want %v, %v", tc.name, slow, wide, tc.slow, tc.wide)
		}
	}
}

// TestKeySplitMatchesDecimal: keyVec.sum, split and share give the sum
// of Decimal.Add, the parts of split and the shares of DivRound, for keys at every scale (FTE at 16
// decimals over tens of thousands of people, driver quantities, held
// amounts) and amounts that do or do not fit.
func TestKeySplitMatchesDecimal(t *testing.T) {
	r := rand.New(rand.NewPCG(12, 3))
	var parts []amt
	fixedSplits := 0
	for range 20000 {
		k := &keyVec{}
		n := 1 + r.IntN(8)
		big := r.IntN(2) == 0
		for i := range n {
			var q decimal.Decimal
			switch {
			case big:
				q = decimal.New(r.Int64N(1<<62), -16).Mul(decimal.New(r.Int64N(20000)+1, 0))
			case r.IntN(10) == 0:
				q = randDecimal(r)
			default:
				q = decimal.New(r.Int64N(2_000_000)-200_000, -int32(r.IntN(17)))
			}
			k.add(i, q)
		}
		var total decimal.Decimal
		for _, q := range k.q {
			total = total.Add(q)
		}
		if got := k.sum(); !sameDecimal(got, total) {
			t.Fatalf("sum of %v = %s (exp %d), want %s (exp %d)", k.q, got, got.Exponent(), total, total.Exponent())
		}
		if total.IsZero() {
			continue
		}
		amount := randDecimal(r)
		if r.IntN(2) == 0 {
			amount = decimal.New(r.Int64N(1<<62)-(1<<61), -int32(r.IntN(13)))
		}
		want := split(amount, k.q, total)
		a := amtOf(amount)
		parts = k.split(a, parts)
		if !a.slow && k.fixed() {
			fixedSplits++
		}
		for i := range want {
			if got := parts[i].decimal(); !sameDecimal(got, want[i]) {
				t.Fatalf("split(%s, %v) part %d = %s (exp %d), want %s (exp %d)", amount, k.q, i, got, got.Exponent(), want[i], want[i].Exponent())
			}
			if got, want := k.share(i), k.q[i].DivRound(total, model.SharePlaces); !sameDecimal(got, want) {
				t.Fatalf("share %d of %v = %s, want %s", i, k.q, got, want)
			}
		}
	}
	if fixedSplits < 10000 {
		t.Errorf("only %d of 20000 splits in fixed point", fixedSplits)
	}
}
