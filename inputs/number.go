package inputs

import (
	"cmp"
	"errors"
	"math"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
)

// convention is how the text of a cell writes numbers.
type convention uint8

const (
	// plainNumbers: 1234.56, a dot as decimal separator and no thousands
	// separator. CSV files separated by commas use it.
	plainNumbers convention = iota
	// italianNumbers: 1.234,56 or 1234,56, a comma as decimal separator and
	// dots only as thousands separators in groups of three. CSV files
	// separated by semicolons and text cells of workbooks use it.
	italianNumbers
)

// maxDigits bounds the digits of a number written as text. No amount or
// quantity of a chamber needs more; the bound keeps a hostile cell from
// making decimal arithmetic arbitrarily slow.
const maxDigits = 30

// excelDigits is the precision of Excel's arithmetic: it shows and computes
// with 15 significant digits of the doubles it stores.
const excelDigits = 15

var (
	errNotNumber     = errors.New("not a number")
	errTooManyDigits = errors.New("too many digits")
)

// number is an exact decimal as read from a cell: m / 10^scale while it fits
// an int64, else d. It lets the time sheet be summed without allocating.
type number struct {
	m     int64
	scale int32
	wide  bool
	d     decimal.Decimal
}

// decimal returns n as a decimal.Decimal.
func (n number) decimal() decimal.Decimal {
	if n.wide {
		return n.d
	}
	return decimal.New(n.m, -n.scale)
}

func (n number) sign() int {
	if n.wide {
		return n.d.Sign()
	}
	switch {
	case n.m < 0:
		return -1
	case n.m > 0:
		return 1
	}
	return 0
}

// parseNumber reads s, a number written as text under conv: an optional
// sign, digits (with thousands separators in groups of three under the
// Italian convention) and optionally a decimal separator followed by
// digits. Surrounding spaces are ignored; anything else is errNotNumber,
// never a guess: "1234.56" is not Italian, "12,5" is not plain.
func parseNumber(s string, conv convention) (number, error) {
	s = trim(s)
	dec, thou := byte('.'), byte(0)
	if conv == italianNumbers {
		dec, thou = ',', '.'
	}
	i := 0
	neg := false
	if i < len(s) && (s[i] == '-' || s[i] == '+') {
		neg = s[i] == '-'
		i++
	}
	var m uint64
	digits, scale := 0, 0
	wide := false
	push := func(c byte) {
		digits++
		if wide {
			return
		}
		if m > (math.MaxInt64-9)/10 {
			wide = true
			return
		}
		m = m*10 + uint64(c-'0')
	}
	// Integer part, with the thousands separators checked as we go: the
	// first group has 1 to 3 digits, every later group exactly 3.
	group, groups := 0, 0
	for ; i < len(s); i++ {
		c := s[i]
		if isDigit(c) {
			push(c)
			group++
			continue
		}
		if thou != 0 && c == thou {
			if group == 0 || (groups == 0 && group > 3) || (groups > 0 && group != 3) {
				return number{}, errNotNumber
			}
			groups++
			group = 0
			continue
		}
		break
	}
	if group == 0 || (groups > 0 && group != 3) {
		return number{}, errNotNumber
	}
	if i < len(s) && s[i] == dec {
		i++
		for ; i < len(s) && isDigit(s[i]); i++ {
			push(s[i])
			scale++
		}
		if scale == 0 {
			return number{}, errNotNumber
		}
	}
	if i != len(s) {
		return number{}, errNotNumber
	}
	if digits > maxDigits {
		return number{}, errTooManyDigits
	}
	if wide {
		// Rare: rebuild the digits without separators for big arithmetic.
		var b strings.Builder
		if neg {
			b.WriteByte('-')
		}
		for j := 0; j < len(s); j++ {
			switch c := s[j]; {
			case isDigit(c):
				b.WriteByte(c)
			case c == dec:
				b.WriteByte('.')
			}
		}
		d, err := decimal.NewFromString(b.String())
		if err != nil {
			return number{}, errNotNumber
		}
		return number{wide: true, d: d}, nil
	}
	v := int64(m)
	if neg {
		v = -v
	}
	return number{m: v, scale: int32(scale)}, nil
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// parseDecimal is parseNumber returning a decimal.Decimal.
func parseDecimal(s string, conv convention) (decimal.Decimal, error) {
	n, err := parseNumber(s, conv)
	if err != nil {
		return decimal.Decimal{}, err
	}
	return n.decimal(), nil
}

// storedNumber reads the value of a numeric cell of a workbook: the text of
// an IEEE double as the file stores it (1234.56, -7, 1.5E-3,
// 1234.5600000000001). The double is rounded to 15 significant digits, the
// precision Excel computes and displays with, so that binary artefacts such
// as 1234.5600000000001 read as the 1234.56 the user typed. The rounding is
// of the double itself, not of its text, so that it is done once.
func storedNumber(s string) (decimal.Decimal, error) {
	n, err := storedNum(s)
	return n.decimal(), err
}

// storedNum is storedNumber returning a number.
func storedNum(s string) (number, error) {
	// Check the grammar here: strconv.ParseFloat also takes "Inf", "NaN"
	// and hexadecimal.
	i := 0
	if i < len(s) && (s[i] == '-' || s[i] == '+') {
		i++
	}
	mant, lead := 0, true
	sig := 0 // significant digits
	for ; i < len(s) && isDigit(s[i]); i++ {
		mant++
		if lead = lead && s[i] == '0'; !lead {
			sig++
		}
	}
	if i < len(s) && s[i] == '.' {
		i++
		for ; i < len(s) && isDigit(s[i]); i++ {
			mant++
			if lead = lead && s[i] == '0'; !lead {
				sig++
			}
		}
	}
	if mant == 0 || mant > 400 {
		return number{}, errNotNumber
	}
	if i == len(s) && sig <= excelDigits && mant <= maxDigits {
		// Up to 15 digits a decimal survives the trip through a double
		// unchanged: the text is the value.
		return parseNumber(s, plainNumbers)
	}
	if i < len(s) && (s[i] == 'E' || s[i] == 'e') {
		i++
		if i < len(s) && (s[i] == '-' || s[i] == '+') {
			i++
		}
		start := i
		for ; i < len(s) && isDigit(s[i]); i++ {
		}
		if i == start {
			return number{}, errNotNumber
		}
	}
	if i != len(s) {
		return number{}, errNotNumber
	}
	x, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(x, 0) {
		return number{}, errNotNumber
	}
	if x == 0 {
		return number{}, nil
	}
	var buf [32]byte
	text := strconv.AppendFloat(buf[:0], x, 'g', excelDigits, 64)
	if n, ok := fixedG(text); ok {
		// 1.5E-3 or 0.30000000000000004 in a numeric cell, the common
		// case: no decimal.Decimal.
		if n.plainDigits() > maxDigits {
			return number{}, errTooManyDigits
		}
		return n, nil
	}
	d, err := decimal.NewFromString(string(text))
	if err != nil {
		return number{}, errNotNumber
	}
	if plainDigits(d) > maxDigits {
		// 1E+308 or 1E-308: the limit of numbers written as text holds.
		return number{}, errTooManyDigits
	}
	return number{wide: true, d: d}, nil
}

// fixedG reads text as strconv.FormatFloat writes it in the 'g' format
// with 15 digits (-1.5e-07, 1234.56, 1e+21) into the number that
// decimal.NewFromString makes of it, coefficient and exponent alike: all
// its digits over 10^(decimals-exponent). ok is false when that number
// has a positive exponent (1e+21) or text is not of that form.
func fixedG(text []byte) (number, bool) {
	i := 0
	neg := i < len(text) && text[i] == '-'
	if neg {
		i++
	}
	var m int64
	digits, scale := 0, 0
	for ; i < len(text) && isDigit(text[i]); i++ {
		m = m*10 + int64(text[i]-'0')
		digits++
	}
	if i < len(text) && text[i] == '.' {
		for i++; i < len(text) && isDigit(text[i]); i++ {
			m = m*10 + int64(text[i]-'0')
			digits++
			scale++
		}
	}
	// 15 significant digits, after at most 4 zeros (0.0001234): no
	// overflow.
	if digits == 0 || digits > excelDigits+5 {
		return number{}, false
	}
	if i < len(text) && text[i] == 'e' {
		i++
		sign := 1
		switch {
		case i < len(text) && text[i] == '-':
			sign = -1
			i++
		case i < len(text) && text[i] == '+':
			i++
		}
		e, start := 0, i
		for ; i < len(text) && isDigit(text[i]) && e < 1000; i++ {
			e = e*10 + int(text[i]-'0')
		}
		if i == start {
			return number{}, false
		}
		scale -= sign * e
	}
	if i != len(text) || scale < 0 {
		return number{}, false
	}
	if neg {
		m = -m
	}
	return number{m: m, scale: int32(scale)}, true
}

// plainDigits is plainDigits of n.decimal(), for n not wide.
func (n number) plainDigits() int {
	m := n.m
	digits := 1
	for ; m >= 10 || m <= -10; m /= 10 {
		digits++
	}
	return max(digits-int(n.scale), 1) + int(n.scale)
}

// plainDigits counts the digits of d written without exponent, as
// parseNumber counts them: 0.015 has 4, 1E+20 has 21.
func plainDigits(d decimal.Decimal) int {
	n := len(d.Coefficient().String())
	if d.Sign() < 0 {
		n--
	}
	e := int(d.Exponent())
	if e >= 0 {
		return n + e
	}
	return max(n+e, 1) - e
}

// decimals hands out the decimal.Decimal of fixed-point values, one shared
// value for each value and scale seen (up to maxShared): a decimal.Decimal
// is immutable, so people and bookings may share one, and a time sheet of
// hundreds of thousands of rows holds a few hundred distinct quantities.
// Each decimal.New costs two allocations that the garbage collector then
// scans for as long as the inputs live.
type decimals struct {
	shared map[uint64]decimal.Decimal // by fixedKey
}

// maxShared bounds the values decimals keeps: past it, values are made
// afresh, as they would be without it.
const maxShared = 1 << 12

// fixedKey packs m and scale in a key, ok false when they do not fit.
func fixedKey(m int64, scale int32) (uint64, bool) {
	const bits = 6
	if scale < 0 || scale >= 1<<bits || m >= 1<<(63-bits) || m < -1<<(63-bits) {
		return 0, false
	}
	return uint64(m)<<bits | uint64(scale), true
}

// of returns m / 10^scale, as decimal.New(m, -scale) makes it.
func (c *decimals) of(m int64, scale int32) decimal.Decimal {
	k, ok := fixedKey(m, scale)
	if !ok {
		return decimal.New(m, -scale)
	}
	if d, ok := c.shared[k]; ok {
		return d
	}
	d := decimal.New(m, -scale)
	if len(c.shared) < maxShared {
		if c.shared == nil {
			c.shared = make(map[uint64]decimal.Decimal)
		}
		c.shared[k] = d
	}
	return d
}

// number returns n.decimal().
func (c *decimals) number(n number) decimal.Decimal {
	if n.wide {
		return n.d
	}
	return c.of(n.m, n.scale)
}

// sum returns s.value().
func (c *decimals) sum(s *sum) decimal.Decimal {
	if s.wide {
		return s.d
	}
	return c.of(s.m, s.scale)
}

// sum adds numbers exactly, in an int64 while the total fits and in a
// decimal.Decimal after that.
type sum struct {
	m     int64
	scale int32
	wide  bool
	d     decimal.Decimal
}

func (s *sum) add(n number) {
	if !s.wide && !n.wide {
		if m, scale, ok := addFixed(s.m, s.scale, n.m, n.scale); ok {
			s.m, s.scale = m, scale
			return
		}
	}
	if !s.wide {
		s.d = decimal.New(s.m, -s.scale)
		s.wide = true
	}
	s.d = s.d.Add(n.decimal())
}

func (s *sum) value() decimal.Decimal {
	if s.wide {
		return s.d
	}
	return decimal.New(s.m, -s.scale)
}

// alignFixed brings a/10^as and b/10^bs to their larger scale, reporting
// false on int64 overflow.
func alignFixed(a int64, as int32, b int64, bs int32) (int64, int64, int32, bool) {
	ok := true
	for as < bs && ok {
		a, ok = mul10(a)
		as++
	}
	for bs < as && ok {
		b, ok = mul10(b)
		bs++
	}
	return a, b, as, ok
}

// addFixed adds a/10^as and b/10^bs, reporting false on int64 overflow.
func addFixed(a int64, as int32, b int64, bs int32) (int64, int32, bool) {
	a, b, as, ok := alignFixed(a, as, b, bs)
	if !ok {
		return 0, 0, false
	}
	r := a + b
	if (r > a) != (b > 0) {
		return 0, 0, false
	}
	return r, as, true
}

func mul10(v int64) (int64, bool) {
	if v > math.MaxInt64/10 || v < math.MinInt64/10 {
		return 0, false
	}
	return v * 10, true
}

// fixedSums are sums by index, kept in 9 bytes each where a sum takes 32:
// m / 10^scale while it fits an int64, else in wide (scale -1).
type fixedSums struct {
	m     []int64
	scale []int8
	wide  map[int]decimal.Decimal
}

func newFixedSums(n int) *fixedSums {
	return &fixedSums{m: make([]int64, n), scale: make([]int8, n)}
}

// at returns sum i.
func (fs *fixedSums) at(i int) sum {
	if fs.scale[i] < 0 {
		return sum{wide: true, d: fs.wide[i]}
	}
	return sum{m: fs.m[i], scale: int32(fs.scale[i])}
}

// add adds n to sum i.
func (fs *fixedSums) add(i int, n number) {
	s := fs.at(i)
	s.add(n)
	if !s.wide && s.scale <= math.MaxInt8 {
		fs.m[i], fs.scale[i] = s.m, int8(s.scale)
		return
	}
	if !s.wide {
		s.d = decimal.New(s.m, -s.scale)
	}
	if fs.wide == nil {
		fs.wide = make(map[int]decimal.Decimal)
	}
	fs.scale[i], fs.wide[i] = -1, s.d
}

// addSum adds the sum o.
func (s *sum) addSum(o *sum) { s.add(number(*o)) }

func (s *sum) sign() int { return number(*s).sign() }

// cmp compares s with n.
func (s *sum) cmp(n number) int {
	if !s.wide && !n.wide {
		if a, b, _, ok := alignFixed(s.m, s.scale, n.m, n.scale); ok {
			return cmp.Compare(a, b)
		}
	}
	return s.value().Cmp(n.decimal())
}
