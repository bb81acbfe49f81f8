package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// warningLines returns the lines of run's stderr that are warnings, without
// their "attenzione: " prefix.
func warningLines(stderr string) []string {
	var out []string
	for _, l := range strings.Split(stderr, "\n") {
		if w, ok := strings.CutPrefix(l, "attenzione: "); ok {
			out = append(out, w)
		}
	}
	return out
}

// validate shows every warning run will show, the engine's included, for
// one chamber and for several.
func TestValidateShowsWhatRunWarns(t *testing.T) {
	for name, dir := range map[string]string{
		"one chamber": demoFolder(t),
		"several":     nationalFolder(t, 2, 120),
	} {
		t.Run(name, func(t *testing.T) {
			code, stdout, stderr := camcost(t, "run", dir, "--out", filepath.Join(t.TempDir(), "out"))
			if code != 0 {
				t.Fatalf("run: exit %d\n%s", code, stderr)
			}
			warned := warningLines(stderr)
			if len(warned) == 0 {
				t.Fatalf("run warns of nothing: the case proves nothing\n%s", stdout)
			}
			code, summary, stderr := camcost(t, "validate", dir)
			if code != 0 {
				t.Fatalf("validate: exit %d\n%s", code, stderr)
			}
			if strings.Contains(summary, "Nessun avviso") {
				t.Errorf("validate says no warning, run gives %d", len(warned))
			}
			for _, w := range warned {
				// Several bodies: run names the body before the warning.
				if _, rest, ok := strings.Cut(w, ": "); ok && name == "several" {
					w = rest
				}
				if !strings.Contains(summary, w) {
					t.Errorf("validate does not show %q:\n%s", w, summary)
				}
			}
		})
	}
}

// When costing refuses the data, the reading warnings that can explain it
// come first: a person without pay makes a zero personnel key.
func TestCostingProblemsComeWithTheirCause(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"personale.csv":    "matricola,qualifica\nM1,D\nM2,C\n",
		"tempi.csv":        "matricola,codice,percentuale\nM1,C1.1.1,100\nM2,C2.1.1,100\n",
		"retribuzioni.csv": "matricola,voce,importo\nM2,stipendio,1000\nM2,rettifica,-1000\n",
		"contabilita.csv": "conto,descrizione,voce,importo,destinazione,driver\n" +
			"1,Pulizie,funzionamento,500,,\n" +
			"2,Stipendi,personale,500,,\n",
	}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	code, _, stderr := camcost(t, "validate", dir)
	if code != 1 {
		t.Fatalf("exit %d, want 1\n%s", code, stderr)
	}
	lines := strings.Split(strings.TrimSpace(stderr), "\n")
	want := []string{
		dir + ": 1 problema nei dati di input:",
		"  personale.csv, riga 2, colonna matricola: attenzione: la matricola M1 non ha righe in retribuzioni: la sua retribuzione conta zero",
		"  contabilita.csv, riga 3: la riga (conto 2 \"Stipendi\", 500,00 €) non si può attribuire: la chiave \"personale\" vale zero su tutti i nodi a cui andrebbe",
	}
	if len(lines) < len(want) {
		t.Fatalf("got\n%s\nwant at least\n%s", stderr, strings.Join(want, "\n"))
	}
	for i, w := range want {
		if lines[i] != w {
			t.Errorf("line %d = %q\nwant     %q", i, lines[i], w)
		}
	}
}
