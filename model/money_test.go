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
