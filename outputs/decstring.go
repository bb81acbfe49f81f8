package outputs

import (
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
)

// Fast renderings of the decimals of trace.csv, which has a row per step
// (hundreds of thousands on a large run) and three numbers per row. They
// give the same text as decimal's String and amountString (proved in
// decstring_test.go) for every decimal whose coefficient has at most 17
// digits, and fall back to decimal otherwise.

// decString is d.String().
func decString(d decimal.Decimal) string {
	c, e, ok := trimmed(d)
	if !ok {
		return d.String()
	}
	if e >= 0 {
		if c == 0 {
			return "0"
		}
		return strconv.FormatInt(c, 10) + strings.Repeat("0", e)
	}
	return withPoint(c, -e)
}

// amountText is amountString(d): two decimals when d is whole in cents,
// else every decimal up to the last that is not zero.
func amountText(d decimal.Decimal) string {
	c, e, ok := trimmed(d)
	if !ok {
		return amountString(d)
	}
	switch {
	case e >= 0:
		if c == 0 {
			return "0.00"
		}
		return strconv.FormatInt(c, 10) + strings.Repeat("0", e) + ".00"
	case e == -1:
		return withPoint(c*10, 2)
	default:
		return withPoint(c, -e)
	}
}

// trimmed returns the coefficient and exponent of d without the trailing
// zeros of its decimals, when the coefficient has at most 17 digits.
func trimmed(d decimal.Decimal) (c int64, e int, ok bool) {
	if d.NumDigits() > 17 {
		return 0, 0, false
	}
	c, e = d.CoefficientInt64(), int(d.Exponent())
	if e > 1000 || e < -1000 {
		return 0, 0, false
	}
	for e < 0 && c%10 == 0 {
		c /= 10
		e++
	}
	return c, e, true
}

// withPoint writes c·10^-places with exactly places decimals.
func withPoint(c int64, places int) string {
	neg := c < 0
	u := uint64(c)
	if neg {
		u = -u
	}
	digits := strconv.FormatUint(u, 10)
	var b strings.Builder
	b.Grow(len(digits) + places + 3)
	if neg {
		b.WriteByte('-')
	}
	if len(digits) > places {
		b.WriteString(digits[:len(digits)-places])
		b.WriteByte('.')
		b.WriteString(digits[len(digits)-places:])
	} else {
		b.WriteString("0.")
		b.WriteString(strings.Repeat("0", places-len(digits)))
		b.WriteString(digits)
	}
	return b.String()
}
