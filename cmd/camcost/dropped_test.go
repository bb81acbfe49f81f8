package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDroppedFolderValidatesAndRuns(t *testing.T) {
	in := demoFolder(t)
	code, stdout, stderr := camcost(t, in)
	if code != 0 {
		t.Fatalf("camcost %s: exit %d\n%s", in, code, stderr)
	}
	out := in + "-risultati"
	for _, want := range []string{"dati validi", "Le cartelle di lavoro sono in " + out} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "costi-dei-processi.xlsx")); err != nil {
		t.Errorf("no workbook in %s: %v", out, err)
	}
	// Dropping it again replaces the previous results.
	if code, _, stderr := camcost(t, in); code != 0 {
		t.Fatalf("second drop: exit %d\n%s", code, stderr)
	}

	// A folder with bad data is reported and nothing is written.
	bad := filepath.Join(t.TempDir(), "dati")
	os.Mkdir(bad, 0o755)
	os.WriteFile(filepath.Join(bad, "personale.csv"), []byte("matricola,qualifica\n1,D\n"), 0o644)
	code, _, stderr = camcost(t, bad)
	if code != 1 || !strings.Contains(stderr, "Nessun calcolo") {
		t.Errorf("bad folder: exit %d, stderr %q", code, stderr)
	}
	if _, err := os.Stat(bad + "-risultati"); !os.IsNotExist(err) {
		t.Errorf("bad folder: results written")
	}
	// A name that is not a folder is still an unknown command.
	if code, _, _ := camcost(t, "nonesiste"); code != 2 {
		t.Errorf("camcost nonesiste: exit %d, want 2", code)
	}
}
