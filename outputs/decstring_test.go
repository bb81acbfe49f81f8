package outputs

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/shopspring/decimal"

	"camcost/model"
)

// TestDecString: the fast renderings give decimal's text, digit for digit.
func TestDecString(t *testing.T) {
	tests := []string{
		"0", "0.00", "-0.05", "0.5", "-0.5", "5", "500", "1e3", "0e5", "1.10", "-1.1",
		"12345.678", "0.0000000000000001", "-0.0000000000000001", "123.4500000000000000",
		"99999999999999999", "-99999999999999999", "999999999999999999", "0.3333333333333333",
		"1234567890123456789.123", "48213.27", "-48213.2", "7e-20", "1e-1001",
	}
	for _, s := range tests {
		d := decimal.RequireFromString(s)
		if got, want := decString(d), d.String(); got != want {
			t.Errorf("decString(%s) = %q, want %q", s, got, want)
		}
		if got, want := amountText(d), amountString(d); got != want {
			t.Errorf("amountText(%s) = %q, want %q", s, got, want)
		}
	}
}

func TestDecStringRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(14, 3))
	pow := int64(1)
	for range 200000 {
		digits := 1 + r.IntN(18)
		pow = 1
		for range digits {
			pow *= 10
		}
		c := r.Int64N(pow)
		switch r.IntN(4) {
		case 0:
			c = -c
		case 1:
			c -= c % 1000 // trailing zeros
		}
		d := decimal.New(c, int32(r.IntN(24)-20))
		if got, want := decString(d), d.String(); got != want {
			t.Fatalf("decString(%d e%d) = %q, want %q", c, d.Exponent(), got, want)
		}
		if got, want := amountText(d), amountString(d); got != want {
			t.Fatalf("amountText(%d e%d) = %q, want %q", c, d.Exponent(), got, want)
		}
	}
}

// TestUnitsText: the text of an amount given as a count of 10^-12 € is
// amountString of the decimal it stands for, for every int64.
func TestUnitsText(t *testing.T) {
	r := rand.New(rand.NewPCG(14, 4))
	cases := []int64{0, 1, -1, 10, 1e10, -1e10, 1e12, 123456789012, math.MaxInt64, math.MinInt64, math.MinInt64 + 1}
	for range 200000 {
		c := r.Int64() >> r.IntN(63)
		switch r.IntN(4) {
		case 0:
			c = -c
		case 1:
			c -= c % 1_000_000_000 // trailing zeros: whole cents and more
		}
		cases = append(cases, c)
	}
	for _, c := range cases {
		d := decimal.New(c, -model.FlowPlaces)
		if got, want := string(appendUnitsText(nil, c)), amountString(d); got != want {
			t.Fatalf("appendUnitsText(%d) = %q, want %q", c, got, want)
		}
	}
}
