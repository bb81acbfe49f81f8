package outputs

import (
	"strconv"

	"github.com/shopspring/decimal"

	"camcost/model"
)

// Fast renderings of the decimals of trace.csv, which has a row per step
// (hundreds of thousands on a large run) and three numbers per row. They
// give the same text as decimal's String and amountString (proved in
// decstring_test.go) for every decimal whose coefficient has at most 18
// digits, and fall back to decimal otherwise.

// decString is d.String().
func decString(d decimal.Decimal) string { return string(appendDecString(nil, d)) }

// amountText is amountString(d): two decimals when d is whole in cents,
// else every decimal up to the last that is not zero.
func amountText(d decimal.Decimal) string { return string(appendAmountText(nil, d)) }

// appendDecString appends decString(d) to b.
func appendDecString(b []byte, d decimal.Decimal) []byte {
	c, e, ok := trimmed(d)
	if !ok {
		return append(b, d.String()...)
	}
	if e >= 0 {
		if c == 0 {
			return append(b, '0')
		}
		return appendZeros(strconv.AppendInt(b, c, 10), e)
	}
	return appendWithPoint(b, c, -e)
}

// appendAmountText appends amountText(d) to b.
func appendAmountText(b []byte, d decimal.Decimal) []byte {
	c, e, ok := trimmed(d)
	if !ok {
		return append(b, amountString(d)...)
	}
	return appendTrimmedAmount(b, c, e)
}

// appendUnitsText appends amountText of units·10^-FlowPlaces.
func appendUnitsText(b []byte, units int64) []byte {
	c, e := units, -model.FlowPlaces
	for e < 0 && c%10 == 0 {
		c /= 10
		e++
	}
	return appendTrimmedAmount(b, c, e)
}

// appendTrimmedAmount appends amountText of c·10^e, c without trailing
// zeros when e < 0.
func appendTrimmedAmount(b []byte, c int64, e int) []byte {
	switch {
	case e >= 0:
		if c == 0 {
			return append(b, "0.00"...)
		}
		return append(appendZeros(strconv.AppendInt(b, c, 10), e), ".00"...)
	case e == -1:
		return append(appendWithPoint(b, c, 1), '0')
	default:
		return appendWithPoint(b, c, -e)
	}
}

// trimmed returns the coefficient and exponent of d without the trailing
// zeros of its decimals, when the coefficient has at most 18 digits.
func trimmed(d decimal.Decimal) (c int64, e int, ok bool) {
	if d.NumDigits() > 18 {
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

func appendZeros(b []byte, n int) []byte {
	for range n {
		b = append(b, '0')
	}
	return b
}

// appendWithPoint appends c·10^-places with exactly places decimals.
func appendWithPoint(b []byte, c int64, places int) []byte {
	u := uint64(c)
	if c < 0 {
		u = -u
		b = append(b, '-')
	}
	var tmp [20]byte
	digits := strconv.AppendUint(tmp[:0], u, 10)
	if len(digits) > places {
		b = append(b, digits[:len(digits)-places]...)
		b = append(b, '.')
		return append(b, digits[len(digits)-places:]...)
	}
	b = append(b, "0."...)
	b = appendZeros(b, places-len(digits))
	return append(b, digits...)
}

// appendFixed appends d.StringFixed(places), for places from 0 to 18.
func appendFixed(b []byte, d decimal.Decimal, places int) []byte {
	c, e, ok := trimmed(d)
	if !ok || -e > places {
		return append(b, d.StringFixed(int32(places))...)
	}
	if e < 0 {
		return appendZeros(appendWithPoint(b, c, -e), places+e)
	}
	if c == 0 {
		b = append(b, '0')
	} else {
		b = appendZeros(strconv.AppendInt(b, c, 10), e)
	}
	if places > 0 {
		b = appendZeros(append(b, '.'), places)
	}
	return b
}
