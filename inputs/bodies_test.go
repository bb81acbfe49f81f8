package inputs

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func TestBodies(t *testing.T) {
	write := func(path string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte("x\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	root := t.TempDir()
	multi := filepath.Join(root, "nazionale")
	write(filepath.Join(multi, "02-lecce", "tempi.csv"))
	write(filepath.Join(multi, "01-bergamo", "dati.xlsx"))
	write(filepath.Join(multi, "03-torino", "camcost.toml"))
	write(filepath.Join(multi, "note", "appunti.txt"))        // not a run folder
	write(filepath.Join(multi, ".nascosta", "tempi.csv"))     // hidden
	write(filepath.Join(multi, "risultati", "manifest.json")) // an output folder
	write(filepath.Join(multi, "risultati", "costs.csv"))     // ... even with tables
	write(filepath.Join(multi, "vecchi", "personale.csv"))    // a run folder
	write(filepath.Join(multi, "vecchi", outputMarker))       // ... that is an output
	single := filepath.Join(root, "singolo")
	write(filepath.Join(single, "personale.csv"))
	write(filepath.Join(single, "sotto", "tempi.csv"))

	tests := []struct {
		dir  string
		want []string
	}{
		{multi, []string{"01-bergamo", "02-lecce", "03-torino"}},
		{single, nil},
		{filepath.Join(multi, "note"), nil},
	}
	for _, tt := range tests {
		got, err := Bodies(tt.dir)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Bodies(%s) = %q, want %q", tt.dir, got, tt.want)
		}
	}
	if _, err := Bodies(filepath.Join(root, "manca")); err == nil {
		t.Error("Bodies of a missing folder gave no error")
	}
}
