package indicators

import (
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

func TestPareto(t *testing.T) {
	for _, tc := range []struct {
		name   string
		values []string
		want   string // index:class in rank order
	}{
		// Cumulative before: 0, 50, 80 (not below 80: B), 90, 95 (C).
		{"exact thresholds", []string{"5", "50", "30", "10", "5"}, "1:A 2:A 3:B 0:B 4:C"},
		{"crossing 80 stays A", []string{"79", "20", "1"}, "0:A 1:A 2:C"},
		{"one process is A", []string{"0", "7"}, "1:A"},
		{"ties by position", []string{"10", "10", "10", "10"}, "0:A 1:A 2:A 3:A"},
		{"nothing", []string{"0"}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var vals []decimal.Decimal
			for _, v := range tc.values {
				vals = append(vals, decimal.RequireFromString(v))
			}
			var got []string
			for k, r := range Pareto(vals) {
				if r.Rank != k+1 {
					t.Errorf("rank %d at %d", r.Rank, k)
				}
				got = append(got, strings.Join([]string{string(rune('0' + r.Index)), r.Class}, ":"))
			}
			if g := strings.Join(got, " "); g != tc.want {
				t.Errorf("got %q, want %q", g, tc.want)
			}
		})
	}
	r := Pareto([]decimal.Decimal{decimal.RequireFromString("3"), decimal.RequireFromString("1")})
	if got, want := r[1].CumBefore, decimal.RequireFromString("0.75"); !got.Equal(want) {
		t.Errorf("cumulative share before %s, want %s", got, want)
	}
	if got, want := r[0].Share, decimal.RequireFromString("0.75"); !got.Equal(want) {
		t.Errorf("share %s, want %s", got, want)
	}
	if got, want := r[1].Cum, decimal.RequireFromString("1"); !got.Equal(want) {
		t.Errorf("cumulative share %s, want %s", got, want)
	}
}
