package indicators

import (
	"slices"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

func decs(s string) []decimal.Decimal {
	var out []decimal.Decimal
	for _, f := range strings.Fields(s) {
		out = append(out, decimal.RequireFromString(f))
	}
	return out
}

// TestDescribe checks the quartiles against values computed by hand with
// QUARTILE.INC: for n sorted values, quartile k sits at position
// h = (n − 1)·k/4 from 0, interpolated between the values around it.
func TestDescribe(t *testing.T) {
	for _, tc := range []struct {
		name    string
		values  string
		missing int
		// min q1 median q3 max
		want string
	}{
		// n = 5: h = 1, 2, 3, whole: Q1 = x1, median = x2, Q3 = x3.
		{"odd", "5 1 4 2 3", 0, "1 2 3 4 5"},
		// n = 6: h = 1.25, 2.5, 3.75. Q1 = 20 + 0.25 × 10 = 22.5;
		// median = 30 + 0.5 × 10 = 35; Q3 = 40 + 0.75 × 10 = 47.5.
		{"even", "60 10 50 20 40 30", 0, "10 22.5 35 47.5 60"},
		// n = 4: h = 0.75, 1.5, 2.25. Q1 = 100 + 0.75 × 20 = 115;
		// median = 120 + 0.5 × 80 = 160; Q3 = 200 + 0.25 × 200 = 250.
		{"four", "400 100 200 120", 0, "100 115 160 250 400"},
		// One value: every quartile is that value.
		{"one", "531.96", 0, "531.96 531.96 531.96 531.96 531.96"},
		// Ties: 5 5 5 7, h = 0.75, 1.5, 2.25: Q1 = 5, median = 5,
		// Q3 = 5 + 0.25 × 2 = 5.5.
		{"ties", "5 7 5 5", 0, "5 5 5 5.5 7"},
		// Cents: n = 2, h = 0.25, 0.5, 0.75. Q1 = 100.01 + 0.25 × 0.01 =
		// 100.0125, exact; median = 100.015; Q3 = 100.0175.
		{"exact", "100.02 100.01", 0, "100.01 100.0125 100.015 100.0175 100.02"},
		// Three bodies cannot be computed: they are counted, not used.
		// n = 3: h = 0.5, 1, 1.5. Q1 = 0.25 + 0.5 × 0.05 = 0.275;
		// median = 0.3; Q3 = 0.3 + 0.5 × 0.1 = 0.35.
		{"unavailable", "0.4 0.25 0.3", 3, "0.25 0.275 0.3 0.35 0.4"},
		// Negative amounts (corrections) sort below zero.
		{"negative", "-10 0 10 20 30", 0, "-10 0 10 20 30"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			values := decs(tc.values)
			orig := slices.Clone(values)
			d := Describe(values, tc.missing)
			if want := len(orig) + tc.missing; d.Bodies != want || d.Values != len(orig) || d.Missing() != tc.missing {
				t.Errorf("bodies %d, values %d, missing %d; want %d, %d, %d", d.Bodies, d.Values, d.Missing(), want, len(orig), tc.missing)
			}
			got := []decimal.Decimal{d.Min, d.Q1, d.Median, d.Q3, d.Max}
			for k, w := range decs(tc.want) {
				if !got[k].Equal(w) {
					t.Errorf("quartile %d = %s, want %s", k, got[k], w)
				}
			}
			if !slices.EqualFunc(values, orig, decimal.Decimal.Equal) {
				t.Errorf("describe reordered its input: %v", values)
			}
		})
	}
}

func TestDescribeNoValues(t *testing.T) {
	d := Describe(nil, 2)
	if d.Bodies != 2 || d.Values != 0 || d.Missing() != 2 {
		t.Errorf("got %+v, want 2 bodies, none with a value", d)
	}
}

// TestRanks checks the ranks of RANK.EQ in ascending order: 1 for the
// lowest value, ties share the lowest position, the next skips.
func TestRanks(t *testing.T) {
	for _, tc := range []struct {
		values string
		want   []int
	}{
		{"30 10 20", []int{3, 1, 2}},
		{"5 7 5 5", []int{1, 4, 1, 1}},
		{"2 1 2 3", []int{2, 1, 2, 4}},
		{"42", []int{1}},
		{"1.50 1.5 -1", []int{2, 2, 1}}, // 1.50 and 1.5 are the same value
		{"", []int{}},
	} {
		if got := Ranks(decs(tc.values)); !slices.Equal(got, tc.want) {
			t.Errorf("Ranks(%s) = %v, want %v", tc.values, got, tc.want)
		}
	}
}
