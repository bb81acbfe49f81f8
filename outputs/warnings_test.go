package outputs

import (
	"slices"
	"testing"

	"camcost/internal/fixture"
	"camcost/model"
)

// The engine's warnings come first, with their position and without their
// own mark: the manifest and the Metodo sheet list them as warnings.
func TestWarningTexts(t *testing.T) {
	res := fixture.Result(t)
	res.Warnings = []model.Problem{
		{Pos: model.Position{File: "driver.csv", Row: 7}, Msg: "quantità inutilizzate", Warning: true},
		{Msg: "senza posizione", Warning: true},
	}
	want := []string{
		"driver.csv, riga 7: quantità inutilizzate",
		"senza posizione",
		"driver.csv, riga 1, colonna nota: colonna sconosciuta, ignorata",
	}
	if got := warningTexts(res); !slices.Equal(got, want) {
		t.Errorf("warningTexts = %q\nwant %q", got, want)
	}
	if got := NewManifest(res, fixtureInfo(res), nil).Warnings; !slices.Equal(got, want) {
		t.Errorf("manifest warnings = %q\nwant %q", got, want)
	}
	res.Warnings, res.Inputs.Warnings = nil, nil
	if got := NewManifest(res, fixtureInfo(res), nil).Warnings; got != nil {
		t.Errorf("manifest warnings = %q, want none", got)
	}
}
