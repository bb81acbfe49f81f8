package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"camcost/model"
)

// golden compares got with testdata/name, rewriting it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("output differs from %s:\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

// The ok folder is an Italian CSV export with every table and a settings
// file; the summary is checked whole.
func TestValidateSummary(t *testing.T) {
	code, stdout, stderr := camcost(t, "validate", "testdata/validate/ok")
	if code != 0 || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	golden(t, "validate-ok.golden", stdout)
}

// The bad folder breaks four rules; an option breaks a fifth. Every problem
// is listed on stderr and the exit status is 1.
func TestValidateProblems(t *testing.T) {
	code, stdout, stderr := camcost(t, "validate", "testdata/validate/bad", "--support-driver", "B2=metri")
	if code != 1 || stdout != "" {
		t.Fatalf("exit %d, stdout %q; want 1 and nothing", code, stdout)
	}
	golden(t, "validate-bad.golden", stderr)
}

func TestValidateFlagsBeforeAndAfter(t *testing.T) {
	for _, args := range [][]string{
		{"validate", "--method", "reciproco", "--support-driver", "B2=fte", "testdata/validate/ok"},
		{"validate", "testdata/validate/ok", "--method=reciproco", "--support-driver", "B2=fte"},
		{"validate", "--support-driver=B2=mq", "testdata/validate/ok", "--method", "Reciproco", "--support-driver", "B2=fte"},
	} {
		code, stdout, stderr := camcost(t, args...)
		if code != 0 {
			t.Fatalf("%q: exit %d: %s", args, code, stderr)
		}
		for _, want := range []string{
			"metodo di ribaltamento  reciproco\n",
			"driver di supporto      B2 = fte\n",
			"da                      file camcost.toml e riga di comando (--",
		} {
			if !strings.Contains(stdout, want) {
				t.Errorf("%q: output lacks %q:\n%s", args, want, stdout)
			}
		}
	}
}

func TestValidateUsage(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"validate"}, "camcost: validate: indicare una (sola) cartella di input, es. camcost validate dati/2024\n"},
		{[]string{"validate", "a", "b"}, "camcost: validate: indicare una (sola) cartella di input, es. camcost validate dati/2024\n"},
		{[]string{"validate", "testdata/validate/ok", "--metodo", "x"}, "camcost: validate: opzione sconosciuta: --metodo (vedere camcost validate --help)\n"},
		{[]string{"validate", "testdata/validate/ok", "--method"}, "camcost: validate: l'opzione --method richiede un valore\n"},
	}
	for _, tt := range tests {
		code, stdout, stderr := camcost(t, tt.args...)
		if code != 2 || stdout != "" || stderr != tt.want {
			t.Errorf("%q: exit %d, stdout %q, stderr %q; want 2 and %q", tt.args, code, stdout, stderr, tt.want)
		}
	}
	code, stdout, _ := camcost(t, "validate", "testdata/validate/ok", "--help")
	if code != 0 || !strings.Contains(stdout, "camcost validate dati/2024 --method scalare") {
		t.Errorf("help after the folder: exit %d, %q", code, stdout)
	}
}

func TestValidateMissingFolder(t *testing.T) {
	code, _, stderr := camcost(t, "validate", filepath.Join(t.TempDir(), "nessuna"))
	if code != 1 || !strings.HasPrefix(stderr, "camcost: validate: lettura della cartella: ") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}

// A workbook with every table as a sheet, numbers in numeric cells.
func TestValidateWorkbook(t *testing.T) {
	dir := t.TempDir()
	f := excelize.NewFile()
	defer f.Close()
	type sheet struct {
		name string
		rows [][]any
	}
	sheets := []sheet{
		{"Personale", [][]any{{"matricola", "qualifica", "fte"}, {"M1", "D", 1}, {"M2", "C", 0.5}}},
		{"Tempi", [][]any{{"matricola", "codice", "ore"}, {"M1", "C1.1.1", 1500}, {"M2", "C1.1.1.1", 700.5}, {"M2", "A1.1.1", 100}}},
		{"Contabilità", [][]any{{"conto", "descrizione", "voce", "importo"}, {321000, "Stipendi", "personale", 60000.25}}},
		{"Mappa", nil},
	}
	mappa, err := os.ReadFile("testdata/validate/ok/mappa.csv")
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(strings.TrimSpace(string(mappa)), "\n") {
		row := []any{}
		for _, v := range strings.Split(line, ",") {
			row = append(row, v)
		}
		sheets[3].rows = append(sheets[3].rows, row)
	}
	for i, s := range sheets {
		if i == 0 {
			f.SetSheetName("Sheet1", s.name)
		} else if _, err := f.NewSheet(s.name); err != nil {
			t.Fatal(err)
		}
		for r, row := range s.rows {
			cell, _ := excelize.CoordinatesToCellName(1, r+1)
			if err := f.SetSheetRow(s.name, cell, &row); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := f.SaveAs(filepath.Join(dir, "dati.xlsx")); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := camcost(t, "validate", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{
		"Mappa dei processi:  da dati.xlsx, 17 nodi\n",
		"Personale:           2 persone, FTE totali 1,5000 (fte × mesi / 12)\n",
		"Tempi:               in ore, 3 imputazioni per persona e codice\n",
		"Retribuzioni:        assenti: il costo del personale si ripartisce per FTE\n",
		"60.000,25 €  (1 riga)\n",
		"byte  (personale, tempi, contabilita, mappa)\n",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, stdout)
		}
	}
}

// Without a mappa table the embedded default map applies.
func TestValidateDefaultMap(t *testing.T) {
	m, err := defaultMap()
	if err != nil {
		t.Fatal(err)
	}
	// One person on the first receiving servizio of the map, so the dry
	// run of the engine has somewhere to put the cost.
	var bookable model.Code
	for _, n := range m.Nodes() {
		if n.Level == model.LevelServizio && n.Kind == model.KindRegular && n.Code[0] == 'C' {
			bookable = n.Code
			break
		}
	}
	dir := t.TempDir()
	for name, content := range map[string]string{
		"personale.csv":   "matricola,qualifica\nM1,D\n",
		"tempi.csv":       "matricola,codice,percentuale\nM1," + string(bookable) + ",100\n",
		"contabilita.csv": "conto,descrizione,voce,importo\n1,Stipendi,personale,1000\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	code, stdout, stderr := camcost(t, "validate", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if want := "Mappa dei processi:  predefinita, "; !strings.Contains(stdout, want) {
		t.Errorf("output lacks %q:\n%s", want, stdout)
	}
}
