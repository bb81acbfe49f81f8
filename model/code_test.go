package model

import (
	"slices"
	"testing"
)

func TestCompareCodes(t *testing.T) {
	tests := []struct {
		a, b Code
		want int
	}{
		{"A1.1.2", "A1.1.10", -1},
		{"A1.1.10", "A1.1.2", 1},
		{"A1", "A1.1", -1},
		{"A", "A1", -1},
		{"A1.1", "A1.C", -1},
		{"A1.1.9", "A1.1.F", -1},
		{"A1.9", "A10", -1},
		{"A1.C", "A2", -1},
		{"B", "A9.9.9.9", 1},
		{"C2.10.1", "C2.9.1", 1},
		{"Z1.1.1", "Z1.1.1", 0},
		{"A1.01", "A1.1", 1}, // same value, more leading zeros after
	}
	for _, tt := range tests {
		if got := CompareCodes(tt.a, tt.b); got != tt.want {
			t.Errorf("CompareCodes(%s, %s) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
		if got := CompareCodes(tt.b, tt.a); got != -tt.want {
			t.Errorf("CompareCodes(%s, %s) = %d, want %d", tt.b, tt.a, got, -tt.want)
		}
	}
}

func TestMapOrderIsDepthFirst(t *testing.T) {
	codes := []Code{"A1.1.10", "A1.C", "A", "A1.1.2", "A1", "A1.1", "A1.1.F", "A1.1.2.1", "A10", "A1.10", "B", "B1"}
	slices.SortFunc(codes, CompareCodes)
	want := []Code{"A", "A1", "A1.1", "A1.1.2", "A1.1.2.1", "A1.1.10", "A1.1.F", "A1.10", "A1.C", "A10", "B", "B1"}
	if !slices.Equal(codes, want) {
		t.Errorf("sorted = %v\nwant     %v", codes, want)
	}
}

func FuzzCompareCodes(f *testing.F) {
	f.Add("A1.1.2", "A1.1.10", "A1.C")
	f.Fuzz(func(t *testing.T, a, b, c string) {
		x, y, z := Code(a), Code(b), Code(c)
		if CompareCodes(x, y) != -CompareCodes(y, x) {
			t.Fatalf("not antisymmetric: %q %q", a, b)
		}
		if (CompareCodes(x, y) == 0) != (a == b) {
			t.Fatalf("equal codes disagree: %q %q", a, b)
		}
		if CompareCodes(x, y) <= 0 && CompareCodes(y, z) <= 0 && CompareCodes(x, z) > 0 {
			t.Fatalf("not transitive: %q %q %q", a, b, c)
		}
	})
}
