package inputs

import (
	"strings"
	"testing"
	"testing/fstest"
)

// TestCSVLines: the count that sizes the people ahead is an upper bound of
// the rows, capped at maxPresize, and 0 for a file that cannot be opened.
func TestCSVLines(t *testing.T) {
	fsys := fstest.MapFS{
		"personale.csv": {Data: []byte("matricola,qualifica\n1,D\n2,C\n")},
		"noeol.csv":     {Data: []byte("matricola,qualifica\n1,D")},
		"empty.csv":     {Data: nil},
		"blank.csv":     {Data: []byte(strings.Repeat("\n", maxPresize+10))},
	}
	tests := []struct {
		file string
		want int
	}{
		{"personale.csv", 4},
		{"noeol.csv", 2},
		{"empty.csv", 1},
		{"blank.csv", maxPresize},
		{"missing.csv", 0},
	}
	for _, tt := range tests {
		rd := &reader{fsys: countingFS{fsys, func(int64) { t.Errorf("%s: counted as progress", tt.file) }}}
		if got := rd.csvLines(&source{file: tt.file}); got != tt.want {
			t.Errorf("%s: got %d, want %d", tt.file, got, tt.want)
		}
	}
}
