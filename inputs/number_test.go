package inputs

import (
	"camcost/model"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

func TestParseNumber(t *testing.T) {
	tests := []struct {
		in   string
		conv convention
		want string // "" for an error
	}{
		// Italian: comma decimals, dots only between groups of three.
		{"1.234,56", italianNumbers, "1234.56"},
		{"1234,56", italianNumbers, "1234.56"},
		{"-1.234,56", italianNumbers, "-1234.56"},
		{"+12", italianNumbers, "12"},
		{"  7,5 ", italianNumbers, "7.5"},
		{"1.234", italianNumbers, "1234"},
		{"12.345.678,9", italianNumbers, "12345678.9"},
		{"0,001", italianNumbers, "0.001"},
		{"-0", italianNumbers, "0"},
		{"000123", italianNumbers, "123"},
		{"1234.56", italianNumbers, ""},
		{"1.23.4", italianNumbers, ""},
		{"12,34,5", italianNumbers, ""},
		{"1.23", italianNumbers, ""},
		{"1.2345", italianNumbers, ""},
		{"1234.567", italianNumbers, ""},
		{".123", italianNumbers, ""},
		{"1..234", italianNumbers, ""},
		{"1.234.", italianNumbers, ""},
		{"1,", italianNumbers, ""},
		{",5", italianNumbers, ""},
		{"1.234,5.6", italianNumbers, ""},
		{"1 234,56", italianNumbers, ""},
		{"€ 12", italianNumbers, ""},
		{"12%", italianNumbers, ""},
		{"1e3", italianNumbers, ""},
		{"--1", italianNumbers, ""},
		{"-", italianNumbers, ""},
		{"", italianNumbers, ""},
		// Plain: dot decimals, no thousands separator.
		{"1234.56", plainNumbers, "1234.56"},
		{"-1234.56", plainNumbers, "-1234.56"},
		{"0.5", plainNumbers, "0.5"},
		{"100", plainNumbers, "100"},
		{"12,5", plainNumbers, ""},
		{"1,234.56", plainNumbers, ""},
		{"1.2.3", plainNumbers, ""},
		{"1.", plainNumbers, ""},
		{".5", plainNumbers, ""},
		{"1e3", plainNumbers, ""},
		{"0x10", plainNumbers, ""},
		{"NaN", plainNumbers, ""},
		{"Inf", plainNumbers, ""},
		// Beyond int64, still exact.
		{"123456789012345678901234.5", plainNumbers, "123456789012345678901234.5"},
		{"-9.223.372.036.854.775.808", italianNumbers, "-9223372036854775808"},
		{"9223372036854775807", plainNumbers, "9223372036854775807"},
		{strings.Repeat("9", 31), plainNumbers, ""},
	}
	for _, tt := range tests {
		got, err := parseDecimal(tt.in, tt.conv)
		switch {
		case tt.want == "" && err == nil:
			t.Errorf("parseDecimal(%q, %d) = %s, want an error", tt.in, tt.conv, got)
		case tt.want != "" && err != nil:
			t.Errorf("parseDecimal(%q, %d): %v, want %s", tt.in, tt.conv, err, tt.want)
		case tt.want != "" && !got.Equal(decimal.RequireFromString(tt.want)):
			t.Errorf("parseDecimal(%q, %d) = %s, want %s", tt.in, tt.conv, got, tt.want)
		}
	}
}

func TestTooManyDigits(t *testing.T) {
	if _, err := parseNumber(strings.Repeat("1", maxDigits+1), plainNumbers); err != errTooManyDigits {
		t.Errorf("err = %v, want errTooManyDigits", err)
	}
	if _, err := parseNumber(strings.Repeat("1", maxDigits), plainNumbers); err != nil {
		t.Errorf("%d digits: %v", maxDigits, err)
	}
}

func TestStoredNumber(t *testing.T) {
	tests := []struct{ in, want string }{
		{"1234.56", "1234.56"},
		{"1234.5600000000001", "1234.56"},
		{"0.30000000000000004", "0.3"},
		{"-7", "-7"},
		{"1.5E-3", "0.0015"},
		{"4.2000000000000002E-2", "0.042"},
		{"1E+20", "100000000000000000000"},
		{"12345678901234567", "12345678901234600"},
		{"99999999999999999", "100000000000000000"},
		{"0", "0"},
		{"-0", "0"},
		{"123456789012345", "123456789012345"},
		// The digit limit of numbers written as text holds for exponents:
		// 1E+29 has 30 digits, 1E-29 has 29 decimals and the 0 before them.
		{"1.2345678901234567E-300", ""},
		{"1e308", ""},
		{"1e-308", ""},
		{"1E+29", "100000000000000000000000000000"},
		{"1E+30", ""},
		{"1E-29", "0.00000000000000000000000000001"},
		{"1E-30", ""},
		{"1.5E-29", ""},
		{"1.5E-2", "0.015"},
		{"1.23456789012345E+5", "123456.789012345"},
		{"1.2345678901234567E+5", "123456.789012346"},
		{"", ""},
		{"1,5", ""},
		{"1e", ""},
		{"1E999", ""},
		{"1.000076530612245", "1.00007653061224"}, // the double is below ...245
		{"0x1p3", ""},
		{"Inf", ""},
		{"abc", ""},
		{"1.2.3", ""},
		{"NaN", ""},
	}
	for _, tt := range tests {
		got, err := storedNumber(tt.in)
		switch {
		case tt.want == "" && err == nil:
			t.Errorf("storedNumber(%q) = %s, want an error", tt.in, got)
		case tt.want != "" && err != nil:
			t.Errorf("storedNumber(%q): %v", tt.in, err)
		case tt.want != "" && !got.Equal(decimal.RequireFromString(tt.want)):
			t.Errorf("storedNumber(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestSum(t *testing.T) {
	var s sum
	for _, v := range []string{"0.1", "0.25", "9223372036854775.807", "1", "-3"} {
		n, err := parseNumber(v, plainNumbers)
		if err != nil {
			t.Fatal(err)
		}
		s.add(n)
	}
	want := decimal.RequireFromString("9223372036854774.157")
	if got := s.value(); !got.Equal(want) {
		t.Errorf("sum = %s, want %s", got, want)
	}
	if !s.wide {
		t.Errorf("sum did not move to decimal on overflow")
	}
}

// formatPlain writes d in the plain convention.
func formatPlain(d decimal.Decimal) string { return d.String() }

func FuzzParseNumber(f *testing.F) {
	for _, s := range []string{"1.234,56", "1234.56", "-0,5", "12,34,5", "1.23.4", "9223372036854775807", "+1", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, conv := range []convention{plainNumbers, italianNumbers} {
			n, err := parseNumber(s, conv)
			if err != nil {
				continue
			}
			d := n.decimal()
			// A number read in one convention, written in each, reads back
			// the same.
			for _, text := range []string{formatPlain(d), italianNoGroups(d), model.Italian(d, max(-d.Exponent(), 0))} {
				c := plainNumbers
				if text != formatPlain(d) {
					c = italianNumbers
				}
				back, err := parseDecimal(text, c)
				if err != nil {
					if err == errTooManyDigits {
						continue // leading zeros the original did not count
					}
					t.Fatalf("%q (%d) = %s, formatted %q: %v", s, conv, d, text, err)
				}
				if !back.Equal(d) {
					t.Fatalf("%q (%d) = %s, formatted %q reads %s", s, conv, d, text, back)
				}
			}
		}
	})
}

// italianNoGroups writes d with a decimal comma and no thousands separator.
func italianNoGroups(d decimal.Decimal) string {
	return strings.Replace(d.String(), ".", ",", 1)
}

func FuzzNumberRoundTrip(f *testing.F) {
	f.Add(int64(123456), int32(2))
	f.Add(int64(-1), int32(0))
	f.Add(int64(math.MinInt64), int32(5))
	f.Fuzz(func(t *testing.T, m int64, scale int32) {
		scale = max(min(scale, 12), -6)
		d := decimal.New(m, -scale)
		for _, tc := range []struct {
			text string
			conv convention
		}{
			{formatPlain(d), plainNumbers},
			{italianNoGroups(d), italianNumbers},
			{model.Italian(d, max(-d.Exponent(), 0)), italianNumbers},
		} {
			got, err := parseDecimal(tc.text, tc.conv)
			if err == errTooManyDigits {
				continue
			}
			if err != nil || !got.Equal(d) {
				t.Fatalf("%s written %q reads %s, %v", d, tc.text, got, err)
			}
		}
	})
}

func FuzzStoredNumber(f *testing.F) {
	f.Add(1234.56)
	f.Add(0.1 + 0.2)
	f.Add(-1e-300)
	f.Add(math.MaxFloat64)
	f.Fuzz(func(t *testing.T, x float64) {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return
		}
		for _, text := range []string{strconv.FormatFloat(x, 'g', -1, 64), strconv.FormatFloat(x, 'E', -1, 64), strconv.FormatFloat(x, 'f', -1, 64)} {
			if len(text) > 400 {
				continue
			}
			d, err := storedNumber(text)
			if err == errTooManyDigits {
				// Allowed only for values that may need more digits
				// than text may have: 15 significant digits need at most
				// 30 from 1E-15 to 1E+29.
				if a := math.Abs(x); a >= 1e-15 && a < 1e29 {
					t.Fatalf("storedNumber(%q): %v", text, err)
				}
				continue
			}
			if err != nil {
				t.Fatalf("storedNumber(%q): %v", text, err)
			}
			if sig := strings.TrimRight(strings.TrimPrefix(d.Coefficient().String(), "-"), "0"); len(sig) > excelDigits {
				t.Fatalf("storedNumber(%q) = %s has more than %d significant digits", text, d, excelDigits)
			}
			// The double rounded to 15 digits.
			want, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'g', excelDigits, 64), 64)
			if got := d.InexactFloat64(); got != want {
				t.Fatalf("storedNumber(%q) = %s (%g), want %g", text, d, got, want)
			}
		}
	})
}
