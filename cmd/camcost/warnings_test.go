package main

import (
	"slices"
	"testing"

	"camcost/model"
)

// Files left unread come first, then the warnings of the inputs, then the
// engine's, each without its own mark: the caller prints "attenzione:".
func TestWarningsOf(t *testing.T) {
	in := &model.Inputs{
		Ignored:  []model.Problem{{Pos: model.Position{File: "note.txt"}, Msg: "file ignorato"}},
		Warnings: []model.Problem{{Pos: model.Position{File: "driver.csv", Row: 1, Column: "nota"}, Msg: "colonna sconosciuta, ignorata"}},
	}
	engine := []model.Problem{
		{Pos: model.Position{File: "dati.xlsx", Sheet: "driver", Row: 4}, Msg: "quantità inutilizzate", Warning: true},
		{Msg: "senza posizione", Warning: true},
	}
	want := []string{
		"note.txt: file ignorato",
		"driver.csv, riga 1, colonna nota: colonna sconosciuta, ignorata",
		`dati.xlsx, foglio "driver", riga 4: quantità inutilizzate`,
		"senza posizione",
	}
	if got := warningsOf(in, engine); !slices.Equal(got, want) {
		t.Errorf("warningsOf = %q\nwant %q", got, want)
	}
}
