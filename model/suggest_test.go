package model

import "testing"

func TestEditDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"", "abc", 3},
		{"C1.1.1", "C1.1.1", 0},
		{"C1.1.1", "C1.1.2", 1},
		{"C11.1", "C1.1.1", 1},
		{"ragioneria", "Ragioneria", 1},
		{"qualità", "qualita", 1}, // one rune, not two bytes
		{"kitten", "sitting", 3},
	}
	for _, tt := range tests {
		if got := EditDistance(tt.a, tt.b); got != tt.want {
			t.Errorf("EditDistance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}
