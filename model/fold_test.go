package model

import (
	"strings"
	"testing"
)

func TestFold(t *testing.T) {
	at := func(row int) Position { return Position{File: "contabilita.csv", Row: row, Column: "importo"} }
	var many Problems
	for _, r := range []int{23, 24, 25, 26, 27, 28, 29, 30, 49} {
		many.Add(at(r), "la riga %d vale zero", r)
	}
	var spread Problems
	for r := 2; r < 40; r += 3 {
		spread.Add(at(r), "matricola %d non presente", r)
	}
	var three Problems
	three.Add(at(2), "importo mancante")
	three.Add(at(3), "importo mancante")
	three.Add(at(4), "importo mancante")
	mixed := Problems{{Pos: at(5), Msg: "a mano"}}
	mixed.Add(at(6), "voce %q sconosciuta", "x")
	mixed.Add(Position{File: "contabilita.csv", Row: 7, Column: "voce"}, "voce %q sconosciuta", "y")
	mixed.Add(at(8), "voce %q sconosciuta", "z")
	mixed.Add(at(9), "voce %q sconosciuta", "w")

	tests := []struct {
		name  string
		in    Problems
		want  []string
		count int
	}{
		{"nine of a kind", many, []string{
			"contabilita.csv, riga 23, colonna importo: la riga 23 vale zero (stesso problema alle righe 24-30 e 49: 9 righe in tutto)",
		}, 9},
		{"a long list", spread, []string{
			"contabilita.csv, riga 2, colonna importo: matricola 2 non presente (stesso problema alle righe 5, 8, 11, 14, 17, 20, 23 e in altre 5: 13 righe in tutto)",
		}, 13},
		{"three stay three", three, []string{
			"contabilita.csv, riga 2, colonna importo: importo mancante",
			"contabilita.csv, riga 3, colonna importo: importo mancante",
			"contabilita.csv, riga 4, colonna importo: importo mancante",
		}, 3},
		{"other columns and messages made by hand stay", mixed, []string{
			"contabilita.csv, riga 5, colonna importo: a mano",
			"contabilita.csv, riga 6, colonna importo: voce \"x\" sconosciuta",
			"contabilita.csv, riga 7, colonna voce: voce \"y\" sconosciuta",
			"contabilita.csv, riga 8, colonna importo: voce \"z\" sconosciuta",
			"contabilita.csv, riga 9, colonna importo: voce \"w\" sconosciuta",
		}, 5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			folded := tt.in.Fold()
			var got []string
			for _, p := range folded {
				got = append(got, p.Error())
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			if c := folded.Count(); c != tt.count {
				t.Errorf("Count() = %d, want %d", c, tt.count)
			}
			if again := folded.Fold(); len(again) != len(folded) || again[0].Msg != folded[0].Msg {
				t.Errorf("folding twice changed the list: %v", again)
			}
		})
	}
}

// A cause sorts before what follows from it, whatever its position.
func TestSortCauseFirst(t *testing.T) {
	var ps Problems
	ps.Add(Position{File: "personale.csv", Row: 40}, "la matricola 7 non ha righe in tempi")
	ps.Add(Position{File: "tempi.csv", Row: 12}, "il testo non è in UTF-8")
	ps[1].Cause = true
	ps.Sort()
	if got, want := ps[0].Pos.File, "tempi.csv"; got != want {
		t.Errorf("first problem in %s, want %s", got, want)
	}
}

// The line that closes a capped list counts the problems it stands for,
// not itself.
func TestCountOmitted(t *testing.T) {
	ps := Problems{{Msg: "uno"}, {Msg: "due"}, {Msg: "e altri 7 non mostrati", Times: 7}, {Msg: "avviso", Warning: true}}
	if got, want := ps.Count(), 9; got != want {
		t.Errorf("Count() = %d, want %d", got, want)
	}
	if got, want := ps.Total(), 10; got != want {
		t.Errorf("Total() = %d, want %d", got, want)
	}
}
