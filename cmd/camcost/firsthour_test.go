package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
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

// Every help screen reads in Italian: no "(default: ...)", no file a user
// of the binary does not have; "camcost help" lists the commands.
func TestHelpIsItalian(t *testing.T) {
	screens := [][]string{{"--help"}, {"help"}, {"help", "run"}}
	for _, c := range commands() {
		screens = append(screens, []string{c.Name, "--help"})
	}
	for _, args := range screens {
		code, stdout, stderr := camcost(t, args...)
		if code != 0 {
			t.Errorf("%q: exit %d\n%s", args, code, stderr)
		}
		for _, bad := range []string{"default:", "SETTINGS.md", "inputs/", "GLOBAL", "USAGE", "OPTIONS"} {
			if strings.Contains(stdout, bad) {
				t.Errorf("%q shows %q:\n%s", args, bad, stdout)
			}
		}
	}
	_, list, _ := camcost(t, "help")
	for _, c := range commands() {
		if !strings.Contains(list, "   "+c.Name+" ") {
			t.Errorf("camcost help does not list %s:\n%s", c.Name, list)
		}
	}
	_, runHelp, _ := camcost(t, "help", "run")
	if !strings.Contains(runHelp, "camcost run CARTELLA --out USCITA") {
		t.Errorf("camcost help run:\n%s", runHelp)
	}
	_, genHelp, _ := camcost(t, "generate", "--help")
	for _, want := range []string{"(predefinito: 150)", "01-mantova"} {
		if !strings.Contains(genHelp, want) {
			t.Errorf("generate --help lacks %q:\n%s", want, genHelp)
		}
	}
	code, _, stderr := camcost(t, "help", "nessuno")
	if code != 2 || !strings.Contains(stderr, `comando "nessuno" sconosciuto`) {
		t.Errorf("help nessuno: exit %d, %s", code, stderr)
	}
}

// The file system's errors read in Italian.
func TestFileSystemErrorsInItalian(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "afile")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	demo := demoFolder(t)
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"run", demo, "--out", filepath.Join(file, "x")}, "camcost: creazione della cartella " + file + ": una parte del percorso è un file, non una cartella\n"},
		{[]string{"template", filepath.Join(file, "x.xlsx")}, "camcost: template: accesso a " + filepath.Join(file, "x.xlsx") + ": una parte del percorso è un file, non una cartella\n"},
		{[]string{"map", "--out", filepath.Join(file, "x.csv")}, "camcost: map: non posso scrivere " + filepath.Join(file, "x.csv") + ": una parte del percorso è un file, non una cartella\n"},
		{[]string{"demo", filepath.Join(file, "x")}, "camcost: demo: apertura di " + filepath.Join(file, "x") + ": una parte del percorso è un file, non una cartella\n"},
	}
	for _, tt := range tests {
		code, _, stderr := camcost(t, tt.args...)
		if code != 1 || stderr != tt.want {
			t.Errorf("%q: exit %d\n got %q\nwant %q", tt.args, code, stderr, tt.want)
		}
	}
}

// map --level takes the guide's own names of the levels.
func TestMapLevelSynonyms(t *testing.T) {
	for _, pair := range [][2]string{
		{"processo", "funzione"}, {"sottoprocesso", "servizio"}, {"macroprocesso", "tema"},
		{"azione", "attivita"}, {"Attività", "attivita"}, {"Macro funzione", "macro"},
	} {
		_, got, stderr := camcost(t, "map", "--level", pair[0])
		_, want, _ := camcost(t, "map", "--level", pair[1])
		if got != want || got == "" {
			t.Errorf("--level %s does not print the map of --level %s: %s", pair[0], pair[1], stderr)
		}
	}
}

// generate with too few people for its bodies is a usage error that gives
// the valid range.
func TestGenerateRangeIsAUsageError(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "enti")
	code, _, stderr := camcost(t, "generate", dir, "--bodies", "5")
	want := "camcost: generate: con --bodies 5, --people (il personale di tutti gli enti insieme) deve stare tra 200 e 3000 (da 40 a 600 persone per ente): vale 150\n"
	if code != 2 || stderr != want {
		t.Errorf("exit %d\n got %q\nwant %q", code, stderr, want)
	}
	if _, err := os.Stat(dir); err == nil {
		t.Errorf("a refused generate created %s", dir)
	}
}

// verify's verdict agrees with the lines above it, and names the run in
// Italian.
func TestVerifyWording(t *testing.T) {
	in := demoFolder(t)
	out := filepath.Join(t.TempDir(), "out")
	if code, _, stderr := camcost(t, "run", in, "--out", out); code != 0 {
		t.Fatal(stderr)
	}
	_, stdout, _ := camcost(t, "verify", out)
	if !strings.Contains(stdout, "riprodotti identici byte per byte (esecuzione ") || strings.Contains(stdout, "(run ") {
		t.Errorf("verify:\n%s", stdout)
	}
	if err := os.WriteFile(filepath.Join(out, "costs.csv"), []byte("changed\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, _ := camcost(t, "verify", out)
	want := "Verifica NON superata: 1 file su 6 non supera il controllo (il motivo è sulla riga di ciascuno).\n"
	if code != 1 || !strings.HasSuffix(stdout, want) || strings.Contains(stdout, "non si riproduce") {
		t.Errorf("exit %d:\n%s\nwant the last line %q", code, stdout, want)
	}
}

// The template filled in but for its retribuzioni sheet, the most likely
// first mistake, gives one problem that names the empty sheet.
func TestTemplateWithEmptyRetribuzioni(t *testing.T) {
	dir := t.TempDir()
	book := filepath.Join(dir, "modello.xlsx")
	if code, _, stderr := camcost(t, "template", book); code != 0 {
		t.Fatal(stderr)
	}
	f, err := excelize.OpenFile(book)
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string][][]any{
		"personale": {{"004127", "D", 1, 12, "Registro imprese"}, {"004128", "C", 1, 12, "Registro imprese"}},
		"tempi":     {{"004127", "C1.1.1", 100}, {"004128", "C1.1.2", 100}},
		"contabilita": {
			{"321000", "Retribuzioni", "personale", 60000.5, "", ""},
			{"325000", "Pulizie", "funzionamento", 1200, "", ""},
			{"325001", "Manutenzione", "funzionamento", 800, "", "personale"},
		},
	}
	for sheet, rs := range rows {
		for i, r := range rs {
			cell, _ := excelize.CoordinatesToCellName(1, i+2)
			if err := f.SetSheetRow(sheet, cell, &r); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := camcost(t, "validate", dir)
	want := dir + ": 1 problema nei dati di input:\n" +
		"  modello.xlsx, foglio \"retribuzioni\": la tabella retribuzioni non ha righe: compilarla con le voci di stipendio di ogni persona, oppure eliminarla (il foglio o il file): senza retribuzioni il costo del personale si ripartisce per FTE\n"
	if code != 1 || stderr != want {
		t.Errorf("exit %d\n got %q\nwant %q", code, stderr, want)
	}
}

// Command-line mistakes read in Italian, with exit status 2, global ones
// too; a global flag without its value does not crash.
func TestUsageErrorsInItalian(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"--zzz"}, "camcost: opzione sconosciuta: --zzz (vedere camcost --help)\n"},
		{[]string{"--cpuprofile"}, "camcost: l'opzione --cpuprofile richiede un valore\n"},
		{[]string{"run", "x", "--out", "y", "--quiet=3"}, "camcost: run: opzione --quiet: valore \"3\" non valido\n"},
		{[]string{"validate", "x", "--zzz"}, "camcost: validate: opzione sconosciuta: --zzz (vedere camcost validate --help)\n"},
	}
	for _, tt := range tests {
		code, stdout, stderr := camcost(t, tt.args...)
		if code != 2 || stderr != tt.want || stdout != "" {
			t.Errorf("%q: exit %d, stdout %q\n got %q\nwant %q", tt.args, code, stdout, stderr, tt.want)
		}
	}
}
