package inputs

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"camcost/model"
)

// randomAmount writes a random number with up to places decimals, now and
// then one too large for an int64 so that sums move to decimal.Decimal,
// in the convention conv, with thousands separators half the time under
// the Italian one.
func randomAmount(r *rand.Rand, places int, conv convention) (string, decimal.Decimal) {
	var digits string
	switch r.IntN(10) {
	case 0:
		digits = fmt.Sprint(r.Int64()) + fmt.Sprint(r.IntN(1000)) // past an int64
	case 1:
		digits = "0"
	default:
		digits = fmt.Sprint(r.IntN(100000))
	}
	scale := r.IntN(places + 1)
	for len(digits) <= scale {
		digits = "0" + digits
	}
	intPart, frac := digits[:len(digits)-scale], digits[len(digits)-scale:]
	want := intPart
	if scale > 0 {
		want += "." + frac
	}
	sep := "."
	if conv == italianNumbers {
		sep = ","
		if r.IntN(2) == 0 {
			var b strings.Builder
			for i := 0; i < len(intPart); i++ {
				if i > 0 && (len(intPart)-i)%3 == 0 {
					b.WriteByte('.')
				}
				b.WriteByte(intPart[i])
			}
			intPart = b.String()
		}
	}
	text := intPart
	if scale > 0 {
		text += sep + frac
	}
	return text, decimal.RequireFromString(want)
}

// sameDecimal reports whether a and b are equal with the same exponent:
// the same decimal, as outputs render it.
func sameDecimal(a, b decimal.Decimal) bool {
	return a.Equal(b) && a.Exponent() == b.Exponent()
}

// TestTallyMatchesDecimal reads random time sheets and payrolls, their
// rows shuffled and their pairs of person and code repeated, and checks
// every booking, pay and total against sums made with decimal.Decimal,
// exponents included: the fixed-point sums, the shared decimals, the
// people found by their order in personale and the rows read as views of
// the buffer (poisoned once read past) change nothing; the matricole,
// qualifiche and units kept from personale are whole.
func TestTallyMatchesDecimal(t *testing.T) {
	poisonViews = true
	defer func() { poisonViews = false }()
	codes := []model.Code{"A1.1.1", "A1.1.1.1", "A1.1.F", "A1.C", "B2.1.1", "C1.1.1", "C1.1.1.1", "C1.1.1.2"}
	m := testMap(t)
	for seed := range uint64(20) {
		r := rand.New(rand.NewPCG(seed, 7))
		conv, sep := plainNumbers, ","
		if seed%2 == 1 {
			conv, sep = italianNumbers, ";"
		}
		people := 1 + r.IntN(40)
		if seed >= 18 {
			// More bookings than a block of them holds.
			people = 4000 + r.IntN(500)
		}
		var personale, tempi, retribuzioni []string
		type key struct {
			person int
			code   model.Code
		}
		books := map[key]decimal.Decimal{}
		pays := make([]decimal.Decimal, people)
		var payTotal decimal.Decimal
		qualifiche := []string{"Dirigente", "D", "C", "B"}
		units := []string{"Ragioneria", "Anagrafe", "anagrafe", "Servizi generali"}
		var wantStaff []string
		firstUnit := map[string]string{}
		for p := range people {
			q, u := qualifiche[r.IntN(len(qualifiche))], units[r.IntN(len(units))]
			personale = append(personale, fmt.Sprintf("M%03d%s%s%s1%s12%s%s", p, sep, q, sep, sep, sep, u))
			if _, ok := firstUnit[strings.ToLower(u)]; !ok {
				firstUnit[strings.ToLower(u)] = u
			}
			wantStaff = append(wantStaff, fmt.Sprintf("M%03d %s %s", p, q, firstUnit[strings.ToLower(u)]))
			// Every person books time: zero hours are refused.
			text, d := randomAmount(r, 3, conv)
			if d.IsZero() {
				text, d = "1", decimal.New(1, 0)
			}
			code := codes[r.IntN(len(codes))]
			tempi = append(tempi, fmt.Sprintf("M%03d%s%s%s%s", p, sep, code, sep, quote(text, sep)))
			books[key{p, code}] = books[key{p, code}].Add(d)
		}
		rows := r.IntN(300)
		if seed >= 16 {
			// Files longer than the scanner's buffer, read again and
			// again into it.
			rows = 20000 + r.IntN(1000)
		}
		if seed >= 18 {
			rows *= 2
		}
		for range rows {
			p, code := r.IntN(people), codes[r.IntN(len(codes))]
			text, d := randomAmount(r, 3, conv)
			written := string(code)
			if r.IntN(5) == 0 {
				written = strings.ToLower(written)
			}
			tempi = append(tempi, fmt.Sprintf("M%03d%s%s%s%s", p, sep, written, sep, quote(text, sep)))
			books[key{p, code}] = books[key{p, code}].Add(d)
		}
		for range rows {
			p := r.IntN(people)
			text, d := randomAmount(r, 2, conv)
			if r.IntN(4) == 0 {
				text, d = "-"+text, d.Neg()
			}
			retribuzioni = append(retribuzioni, fmt.Sprintf("M%03d%sstipendio%s%s", p, sep, sep, quote(text, sep)))
			pays[p] = pays[p].Add(d)
			payTotal = payTotal.Add(d)
		}
		if seed%4 < 2 {
			// Shuffled, or grouped by person in the order of personale
			// as exports write them.
			r.Shuffle(len(tempi), func(i, j int) { tempi[i], tempi[j] = tempi[j], tempi[i] })
			r.Shuffle(len(retribuzioni), func(i, j int) { retribuzioni[i], retribuzioni[j] = retribuzioni[j], retribuzioni[i] })
		} else {
			slices.Sort(tempi)
			slices.Sort(retribuzioni)
		}
		header := func(names ...string) string { return strings.Join(names, sep) }
		files := map[string]string{
			"personale.csv":    strings.Join(append([]string{header("matricola", "qualifica", "fte", "mesi", "unita")}, personale...), "\n") + "\n",
			"tempi.csv":        strings.Join(append([]string{header("matricola", "codice", "ore")}, tempi...), "\n") + "\n",
			"retribuzioni.csv": strings.Join(append([]string{header("matricola", "voce", "importo")}, retribuzioni...), "\n") + "\n",
			"contabilita.csv":  "conto,descrizione,voce,importo\n1,Stipendi,personale,1\n",
		}
		in, err := readFolder(t, files, Options{DefaultMap: m, Limits: Limits{MaxProblems: 1 << 20}})
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		for p, person := range in.People {
			if got := fmt.Sprintf("%s %s %s", person.Matricola, person.Qualifica, person.Unita); got != wantStaff[p] {
				t.Errorf("seed %d: person %q, want %q", seed, got, wantStaff[p])
			}
			var want []model.Booking
			for _, n := range m.Nodes() {
				if d, ok := books[key{p, n.Code}]; ok {
					want = append(want, model.Booking{Code: n.Code, Qty: d})
				}
			}
			got := person.Bookings
			same := len(got) == len(want)
			for i := 0; same && i < len(got); i++ {
				same = got[i].Code == want[i].Code && sameDecimal(got[i].Qty, want[i].Qty)
			}
			if !same {
				t.Errorf("seed %d: %s booked %v, want %v", seed, person.Matricola, got, want)
			}
			if !sameDecimal(person.Pay, pays[p]) {
				t.Errorf("seed %d: %s pay %s (exponent %d), want %s (exponent %d)", seed, person.Matricola, person.Pay, person.Pay.Exponent(), pays[p], pays[p].Exponent())
			}
		}
		wantWarn := fmt.Sprintf("il totale delle retribuzioni (%s) è diverso", model.Italian(payTotal, model.CentPlaces))
		if payTotal.Equal(decimal.New(1, 0)) {
			wantWarn = ""
		}
		var gotWarn string
		for _, w := range in.Warnings {
			if strings.Contains(w.Msg, "il totale delle retribuzioni") {
				gotWarn = w.Msg
			}
		}
		if !strings.HasPrefix(gotWarn, wantWarn) || (wantWarn == "") != (gotWarn == "") {
			t.Errorf("seed %d: warning %q, want one starting %q", seed, gotWarn, wantWarn)
		}
	}
}

// quote quotes text that holds the separator sep.
func quote(text, sep string) string {
	if strings.Contains(text, sep) {
		return `"` + text + `"`
	}
	return text
}

// TestPercentTotals: percentages may miss 100 by 0.01 and no more, in
// every scale and past an int64.
func TestPercentTotals(t *testing.T) {
	tests := []struct {
		rows string
		want string // the total reported, "" for none
	}{
		{"M1,A1.1.1,60\nM1,C1.1.1,40\n", ""},
		{"M1,A1.1.1,99.99\n", ""},
		{"M1,A1.1.1,100.01\n", ""},
		{"M1,A1.1.1,50.005\nM1,C1.1.1,49.985\n", ""},
		{"M1,A1.1.1,99.989\n", "99,989"},
		{"M1,A1.1.1,100.0100000001\n", "100,0100000001"},
		{"M1,A1.1.1,99.99\nM1,A1.1.1,0.0000000001\n", ""},
		{"M1,A1.1.1,9223372036854775807\nM1,C1.1.1,-9223372036854775707\n", ""}, // refused: negative
		{"M1,A1.1.1,9223372036854775807\nM1,C1.1.1,1\n", "9.223.372.036.854.775.808"},
		{"M1,A1.1.1,50.00000000000000000001\nM1,C1.1.1,50\n", ""},
		{"M1,A1.1.1,0\n", "0"},
	}
	for _, tt := range tests {
		f := validFolder()
		f["tempi.csv"] = "matricola,codice,percentuale\n" + tt.rows + "M2,C1.1.1,100\n"
		_, err := readFolder(t, f, Options{})
		var got string
		for _, p := range problemsOf(t, err) {
			if _, total, ok := strings.Cut(p.Msg, "sommano a "); ok {
				got, _, _ = strings.Cut(total, " invece")
			}
		}
		if got != tt.want {
			t.Errorf("%q: total reported %q, want %q (%v)", tt.rows, got, tt.want, err)
		}
	}
}

// FuzzSumCmp: sum.cmp agrees with decimal.Decimal.Cmp, in an int64 and
// past it.
func FuzzSumCmp(f *testing.F) {
	f.Add(int64(9999), uint8(2), int64(100), uint8(0), int64(1))
	f.Add(int64(1)<<62, uint8(0), int64(10001), uint8(2), int64(1)<<62)
	f.Add(int64(-5), uint8(18), int64(3), uint8(1), int64(-7))
	f.Fuzz(func(t *testing.T, a int64, as uint8, b int64, bs uint8, c int64) {
		var s sum
		s.add(number{m: a, scale: int32(as % 40)})
		s.add(number{m: c})
		n := number{m: b, scale: int32(bs % 40)}
		want := decimal.New(a, -int32(as%40)).Add(decimal.New(c, 0)).Cmp(n.decimal())
		if got := s.cmp(n); got != want {
			t.Errorf("(%d/10^%d + %d) cmp %d/10^%d = %d, want %d", a, as%40, c, b, bs%40, got, want)
		}
		if got, want := s.sign(), s.value().Sign(); got != want {
			t.Errorf("sign %d, want %d", got, want)
		}
	})
}

// TestSharedDecimals: decimals hands out values equal, exponent included,
// to decimal.New, whether shared, past the bound or too large to key.
func TestSharedDecimals(t *testing.T) {
	var c decimals
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 3 * maxShared {
		m, scale := r.Int64N(2000)-1000, int32(r.IntN(5))
		switch i % 97 {
		case 0:
			m = r.Int64() // too large to key
		case 1:
			scale = 70
		}
		got, want := c.of(m, scale), decimal.New(m, -scale)
		if !sameDecimal(got, want) || got.String() != want.String() {
			t.Fatalf("of(%d, %d) = %s (exponent %d), want %s (exponent %d)", m, scale, got, got.Exponent(), want, want.Exponent())
		}
	}
	if len(c.shared) != maxShared {
		t.Errorf("%d values kept, want the bound %d", len(c.shared), maxShared)
	}
	// A value handed out is not changed by what is done with it.
	d := c.of(5, 1)
	_ = d.Add(one).Mul(d).Neg()
	if got := c.of(5, 1); got.String() != "0.5" {
		t.Errorf("shared 0.5 became %s", got)
	}
}
