package model

import (
	"strings"

	"github.com/shopspring/decimal"
)

// The scales of the numbers camcost reports and carries. Money is always a
// decimal.Decimal; these are the only places its precision is chosen.
const (
	// CentPlaces is the scale of reported euro amounts.
	CentPlaces = 2
	// FTEPlaces is the scale of reported FTE.
	FTEPlaces = 4
	// FlowPlaces is the scale of amounts while they move between nodes:
	// each split is rounded to it and its last part takes the remainder,
	// so every split conserves its amount exactly.
	FlowPlaces = 12
	// SharePlaces is the scale of shares and keys that are quotients.
	SharePlaces = 16
)

// Hundred and Twelve are the constants of the FTE and share formulas.
var (
	Hundred = decimal.NewFromInt(100)
	Twelve  = decimal.NewFromInt(12)
)

// Euro formats an amount as reported: two places, dot decimal separator.
func Euro(d decimal.Decimal) string { return d.StringFixed(CentPlaces) }

// FTEString formats an FTE figure as reported: four places.
func FTEString(d decimal.Decimal) string { return d.StringFixed(FTEPlaces) }

// Italian writes d rounded to places decimals the Italian way:
// dots between thousands, a comma before the decimals (-1.234.567,89).
func Italian(d decimal.Decimal, places int32) string {
	s := d.StringFixed(places)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	intPart, frac, hasFrac := strings.Cut(s, ".")
	var b strings.Builder
	b.Grow(len(s) + len(s)/3 + 1)
	if neg {
		b.WriteByte('-')
	}
	for i := 0; i < len(intPart); i++ {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteByte(intPart[i])
	}
	if hasFrac {
		b.WriteByte(',')
		b.WriteString(frac)
	}
	return b.String()
}

// ItalianShort writes d the Italian way with as many decimals as it
// has (1.234,5; 100), for quoting values in messages.
func ItalianShort(d decimal.Decimal) string {
	places := max(-d.Exponent(), 0)
	s := Italian(d, places)
	if strings.Contains(s, ",") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ",")
	}
	return s
}

// Split divides amount in proportion to keys summing to total: each part is
// amount·key/total rounded half away from zero to FlowPlaces, and the last
// part takes the remainder, so the parts add up to amount exactly. It is
// the rule by which every amount moves between nodes (docs/metodo.md).
func Split(amount decimal.Decimal, keys []decimal.Decimal, total decimal.Decimal) []decimal.Decimal {
	parts := make([]decimal.Decimal, len(keys))
	var given decimal.Decimal
	for n, q := range keys {
		if n == len(keys)-1 {
			parts[n] = amount.Sub(given)
			break
		}
		parts[n] = amount.Mul(q).DivRound(total, FlowPlaces)
		given = given.Add(parts[n])
	}
	return parts
}
