package model

import (
	"testing"

	"github.com/shopspring/decimal"
)

func TestItalian(t *testing.T) {
	tests := []struct {
		in     string
		places int32
		want   string
	}{
		{"1234567.891", 2, "1.234.567,89"},
		{"-1234.5", 2, "-1.234,50"},
		{"999", 0, "999"},
		{"1000", 0, "1.000"},
		{"0.5", 4, "0,5000"},
		{"-0.001", 2, "0,00"},
	}
	for _, tt := range tests {
		if got := Italian(decimal.RequireFromString(tt.in), tt.places); got != tt.want {
			t.Errorf("Italian(%s, %d) = %q, want %q", tt.in, tt.places, got, tt.want)
		}
	}
	if got := ItalianShort(decimal.RequireFromString("99.50")); got != "99,5" {
		t.Errorf("ItalianShort(99.50) = %q", got)
	}
}

func TestSplit(t *testing.T) {
	d := decimal.RequireFromString
	tests := []struct {
		amount string
		keys   []string
		want   []string
	}{
		{"100", []string{"1", "1", "1"}, []string{"33.333333333333", "33.333333333333", "33.333333333334"}},
		{"-10", []string{"2", "1"}, []string{"-6.666666666667", "-3.333333333333"}},
		{"7", []string{"5"}, []string{"7"}},
		{"1", []string{"0", "3"}, []string{"0", "1"}},
	}
	for _, tt := range tests {
		var keys []decimal.Decimal
		total := decimal.Zero
		for _, k := range tt.keys {
			keys = append(keys, d(k))
			total = total.Add(d(k))
		}
		got := Split(d(tt.amount), keys, total)
		sum := decimal.Zero
		for i, p := range got {
			sum = sum.Add(p)
			if !p.Equal(d(tt.want[i])) {
				t.Errorf("Split(%s, %v)[%d] = %s, want %s", tt.amount, tt.keys, i, p, tt.want[i])
			}
		}
		if !sum.Equal(d(tt.amount)) {
			t.Errorf("Split(%s, %v) sums to %s", tt.amount, tt.keys, sum)
		}
	}
}
