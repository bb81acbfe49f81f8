package inputs

import (
	"math"
	"math/rand/v2"
	"strconv"
	"testing"

	"github.com/shopspring/decimal"
)

// storedNumDecimal is storedNum as it was before numeric cells were read
// in fixed point: the double rounded to 15 digits always went through
// decimal.NewFromString. The fixed-point reading is held to it.
func storedNumDecimal(s string) (number, error) {
	i := 0
	if i < len(s) && (s[i] == '-' || s[i] == '+') {
		i++
	}
	mant, lead := 0, true
	sig := 0
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
	d, err := decimal.NewFromString(strconv.FormatFloat(x, 'g', excelDigits, 64))
	if err != nil {
		return number{}, errNotNumber
	}
	if plainDigits(d) > maxDigits {
		return number{}, errTooManyDigits
	}
	return number{wide: true, d: d}, nil
}

// sameStored fails unless storedNum reads text as storedNumDecimal does:
// the same error, or the same decimal, coefficient and exponent alike.
func sameStored(t *testing.T, text string) {
	t.Helper()
	got, err := storedNum(text)
	want, wantErr := storedNumDecimal(text)
	if err != wantErr {
		t.Fatalf("storedNum(%q): error %v, want %v", text, err, wantErr)
	}
	if err != nil {
		return
	}
	g, w := got.decimal(), want.decimal()
	if !g.Equal(w) || g.Exponent() != w.Exponent() || g.String() != w.String() {
		t.Fatalf("storedNum(%q) = %s (exponent %d), want %s (exponent %d)", text, g, g.Exponent(), w, w.Exponent())
	}
	if plainDigits(g) > maxDigits {
		t.Fatalf("storedNum(%q) = %s has more than %d digits", text, g, maxDigits)
	}
}

// storedForms writes x as workbooks and tests may store it: shortest, in
// exponent form, plain, and with 17 and 20 significant digits.
func storedForms(x float64) []string {
	forms := []string{
		strconv.FormatFloat(x, 'g', -1, 64), strconv.FormatFloat(x, 'E', -1, 64),
		strconv.FormatFloat(x, 'e', 16, 64), strconv.FormatFloat(x, 'e', 19, 64),
		strconv.FormatFloat(x, 'G', 17, 64),
	}
	if f := strconv.FormatFloat(x, 'f', -1, 64); len(f) <= 400 {
		forms = append(forms, f)
	}
	return forms
}

// TestStoredNumFixed holds numeric cells read in fixed point to their
// reading through decimal.NewFromString on edge and random values.
func TestStoredNumFixed(t *testing.T) {
	texts := []string{
		"0.30000000000000004", "1234.5600000000001", "-1234.5600000000001", "1.5E-3", "1.5e-7", "-1.5E-07",
		"1E+21", "1e21", "1E+15", "123456789012345678", "1E-15", "1E-16", "1.2345678901234567E-14",
		"1E+29", "9.99999999999999E+28", "1E+30", "1E-308", "1E+308", "4.9E-324", "2.2250738585072014E-308",
		"0.0001234567890123456", "0.00001234567890123456", "99999999999999.99", "999999999999999.9",
		"-0.000", "+0.1000000000000000055511151231257827", "100000000000000000000", "1.0E+2", "7E0",
		"12,5", "1.2.3", "E5", "1E", "Inf", "NaN", "0x1p-2", "", "-", "1e+", ".5", "5.",
	}
	for _, text := range texts {
		sameStored(t, text)
	}
	r := rand.New(rand.NewPCG(3, 4))
	for range 20000 {
		var x float64
		switch r.IntN(4) {
		case 0:
			x = math.Float64frombits(r.Uint64())
		case 1:
			x = float64(r.Int64N(1e12)) / math.Pow(10, float64(r.IntN(12)))
		case 2:
			x = float64(r.Int64N(1e6))/100 + float64(r.Int64N(1e6))/100 // sums with binary artefacts
		default:
			x = r.NormFloat64() * math.Pow(10, float64(r.IntN(70)-35))
		}
		if math.IsNaN(x) || math.IsInf(x, 0) {
			continue
		}
		for _, text := range storedForms(x) {
			sameStored(t, text)
		}
	}
}

// FuzzStoredNumFixed: storedNum reads any text as storedNumDecimal does.
func FuzzStoredNumFixed(f *testing.F) {
	f.Add("0.30000000000000004", 0.1+0.2)
	f.Add("1.5E-3", 1e-300)
	f.Add("1E+21", math.MaxFloat64)
	f.Fuzz(func(t *testing.T, text string, x float64) {
		if len(text) <= 500 {
			sameStored(t, text)
		}
		if !math.IsNaN(x) && !math.IsInf(x, 0) {
			for _, text := range storedForms(x) {
				sameStored(t, text)
			}
		}
	})
}
