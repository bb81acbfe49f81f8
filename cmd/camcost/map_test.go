package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"camcost/outputs"
	"camcost/seeds"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// camcost runs the CLI in-process and returns its exit status and output.
func camcost(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(append([]string{"camcost"}, args...), &out, &errb)
	return code, out.String(), errb.String()
}

func TestMapGoldenCSV(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.csv")
	code, stdout, stderr := camcost(t, "map", "--out", path)
	if code != 0 {
		t.Fatalf("exit %d, stderr %s", code, stderr)
	}
	if !strings.Contains(stdout, path) {
		t.Errorf("stdout %q does not name the file written", stdout)
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "map.golden.csv")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
		for i := 0; i < len(gl) && i < len(wl); i++ {
			if gl[i] != wl[i] {
				t.Fatalf("map --out x.csv differs from %s at line %d:\ngot  %s\nwant %s", golden, i+1, gl[i], wl[i])
			}
		}
		t.Fatalf("map --out x.csv has %d lines, %s has %d", len(gl), golden, len(wl))
	}
	if !bytes.HasPrefix(got, []byte("code,level,kind,parent,name\nA,macro,regular,,Governo Camerale\n")) {
		t.Errorf("unexpected start:\n%.80s", got)
	}
	if bytes.Contains(got, []byte("\r")) || bytes.HasPrefix(got, []byte("\xEF\xBB\xBF")) {
		t.Error("CSV must use \\n line ends and no BOM")
	}
}

func TestMapOutFormats(t *testing.T) {
	m, err := seeds.Map()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()

	js := filepath.Join(dir, "mappa.JSON") // the extension is case-insensitive
	if code, _, stderr := camcost(t, "map", "-o", js); code != 0 {
		t.Fatalf("json: exit %d: %s", code, stderr)
	}
	data, err := os.ReadFile(js)
	if err != nil {
		t.Fatal(err)
	}
	var recs []map[string]string
	if err := json.Unmarshal(data, &recs); err != nil {
		t.Fatalf("json: %v", err)
	}
	if len(recs) != m.Len() || recs[0]["code"] != "A" || recs[len(recs)-1]["code"] != "Z1.C" {
		t.Errorf("json: %d records from %v to %v", len(recs), recs[0], recs[len(recs)-1])
	}

	var xlsx [2][]byte
	for i := range xlsx {
		p := filepath.Join(dir, "mappa.xlsx")
		if code, _, stderr := camcost(t, "map", "--out", p); code != 0 {
			t.Fatalf("xlsx: exit %d: %s", code, stderr)
		}
		if xlsx[i], err = os.ReadFile(p); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(xlsx[0], xlsx[1]) {
		t.Error("xlsx: two runs wrote different bytes")
	}
	f, err := excelize.OpenReader(bytes.NewReader(xlsx[0]))
	if err != nil {
		t.Fatalf("xlsx does not open: %v", err)
	}
	defer f.Close()
	rows, err := f.GetRows(outputs.MapSheet)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != m.Len()+1 {
		t.Errorf("xlsx: %d rows, want %d", len(rows), m.Len()+1)
	}
	// Row 5 is A1.1.1, a servizio: three levels below its macro.
	if lvl, _ := f.GetRowOutlineLevel(outputs.MapSheet, 5); rows[4][0] != "A1.1.1" || lvl != 3 {
		t.Errorf("xlsx: row 5 = %v at outline level %d, want A1.1.1 at 3", rows[4], lvl)
	}
}

func TestMapPrint(t *testing.T) {
	code, stdout, stderr := camcost(t, "map", "--level", "servizio")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	wantStart := "A  Governo Camerale\n" +
		"  A1  Pianificazione, monitoraggio e controllo dell'Ente\n" +
		"    A1.1  Performance camerale\n" +
		"      A1.1.1  Pianificazione e programmazione camerale\n" +
		"      A1.1.2  Monitoraggio e sistema dei controlli\n"
	if !strings.HasPrefix(stdout, wantStart) {
		t.Errorf("output starts\n%s\nwant\n%s", stdout[:len(wantStart)], wantStart)
	}
	for _, want := range []string{"\n\nB  Processi di supporto\n", "\n      Z1.1.3  Altre attività al di fuori del perimetro ordinario della mission camerale\n", "\n    Z1.C  Coordinamento Extra\n"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	if strings.Contains(stdout, "A1.1.1.1") {
		t.Error("--level servizio printed attività")
	}

	_, all, _ := camcost(t, "map")
	if !strings.Contains(all, "\n        A1.1.1.1  Relazione Previsionale e Programmatica\n") {
		t.Error("map without --level does not print attività")
	}
	if lines := strings.Count(all, "\n"); lines != 537+5 { // every node, and a blank line between macro funzioni
		t.Errorf("map printed %d lines, want 542", lines)
	}

	if _, macro, _ := camcost(t, "map", "--level", "MACRO"); macro != "A  Governo Camerale\n\nB  Processi di supporto\n\nC  Trasparenza, semplificazione e tutela\n\nD  Sviluppo della competitività\n\nF  Altri servizi camerale\n\nZ  Fuori perimetro\n" {
		t.Errorf("--level MACRO printed\n%s", macro)
	}
}

func TestMapErrors(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"unknown extension", []string{"map", "--out", filepath.Join(dir, "mappa.txt")}, `non so scrivere`},
		{"no extension", []string{"map", "--out", filepath.Join(dir, "mappa")}, `l'estensione deve essere .csv, .xlsx o .json`},
		{"unknown level", []string{"map", "--level", "ufficio"}, `livello "ufficio" sconosciuto`},
		{"stray argument", []string{"map", "mappa.csv"}, `argomento inatteso "mappa.csv"`},
		{"missing folder", []string{"map", "--out", filepath.Join(dir, "nessuna", "mappa.csv")}, "non posso scrivere " + filepath.Join(dir, "nessuna", "mappa.csv") + ": "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := camcost(t, tt.args...)
			if code == 0 {
				t.Fatalf("exit 0, want an error; stdout %q", stdout)
			}
			if !strings.HasPrefix(stderr, "camcost: map: ") || !strings.Contains(stderr, tt.want) {
				t.Errorf("stderr %q, want camcost: map: ... %s", stderr, tt.want)
			}
		})
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("failed runs left files behind: %v", entries)
	}
}

func TestMapHelpHasAnExample(t *testing.T) {
	code, stdout, _ := camcost(t, "map", "--help")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{"Esempi:", "camcost map --out mappa.xlsx", "--level LIVELLO"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("help lacks %q:\n%s", want, stdout)
		}
	}
}
