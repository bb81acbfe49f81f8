package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// demoFolder writes the embedded demo inputs into a temporary folder.
func demoFolder(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "input")
	if code, _, stderr := camcost(t, "demo", dir); code != 0 {
		t.Fatalf("demo: exit %d: %s", code, stderr)
	}
	return dir
}

func TestRunDemoTwiceIsByteIdentical(t *testing.T) {
	in := demoFolder(t)
	parent := t.TempDir()
	a, b := filepath.Join(parent, "a"), filepath.Join(parent, "b")
	for _, out := range []string{a, b} {
		code, stdout, stderr := camcost(t, "run", in, "--out", out)
		if code != 0 {
			t.Fatalf("run: exit %d: %s", code, stderr)
		}
		if !strings.Contains(stdout, "quadratura al centesimo per ogni voce") {
			t.Errorf("stdout does not report the reconciliation:\n%s", stdout)
		}
	}
	names := listDir(t, a)
	for _, want := range []string{"costs.csv", "trace.csv", "manifest.json"} {
		if !contains(names, want) {
			t.Errorf("output lacks %s: %v", want, names)
		}
	}
	for _, name := range names {
		x, _ := os.ReadFile(filepath.Join(a, name))
		y, err := os.ReadFile(filepath.Join(b, name))
		if err != nil || !bytes.Equal(x, y) {
			t.Errorf("%s differs between two runs of the same inputs", name)
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestRunBadInputWritesNothing(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "input")
	out := filepath.Join(dir, "output")
	if err := os.CopyFS(in, os.DirFS("../../costing/testdata/fase1")); err != nil {
		t.Fatal(err)
	}
	// A driver nobody defined and a key that is zero everywhere.
	bad := "conto,descrizione,voce,importo,destinazione,driver\n" +
		"325000,Spese,funzionamento,100,,metri\n" +
		"325001,Spese,funzionamento,100,C1.1.1.2,\n"
	if err := os.WriteFile(filepath.Join(in, "contabilita.csv"), []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := camcost(t, "run", in, "--out", out)
	if code != 1 {
		t.Fatalf("exit %d, want 1; stderr %s", code, stderr)
	}
	if stdout != "" || !strings.Contains(stderr, `contabilita.csv, riga 2, colonna driver: driver "metri" sconosciuto`) {
		t.Errorf("stdout %q, stderr %q", stdout, stderr)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("a failed run left %s behind", out)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("a failed run left files beside the output: %v", entries)
	}
}

func TestRunZeroKeyIsAnError(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "input")
	if err := os.CopyFS(in, os.DirFS("../../costing/testdata/fase1")); err != nil {
		t.Fatal(err)
	}
	write := func(name, content string) {
		if err := os.WriteFile(filepath.Join(in, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// Nobody books time under C1.2 any more; a line and a driver point there.
	write("tempi.csv", "matricola,codice,percentuale\n1,C1.1.1.1,50\n1,C1.1.2,50\n2,C1.1.1,100\n3,D1.1.1,100\n4,D1.1.1,100\n")
	write("driver.csv", "driver,codice,quantita\nmq,C1.1,90\nmq,D1.1.1,60\npratiche,C1.2,5\n")
	write("contabilita.csv", "conto,descrizione,voce,importo,destinazione,driver\n"+
		"325000,Spese generali,funzionamento,1000,,\n"+
		"325001,Sportello SUAP,funzionamento,100,C1.2,\n"+
		"325002,Pratiche SUAP,funzionamento,100,,pratiche\n")
	out := filepath.Join(dir, "out")
	code, _, stderr := camcost(t, "run", in, "--out", out)
	for _, want := range []string{
		`contabilita.csv, riga 3: la riga (conto 325001 "Sportello SUAP", 100,00 €) non si può attribuire: la chiave "fte" (destinazione C1.2) vale zero su tutti i nodi a cui andrebbe`,
		`driver.csv, riga 4: la quantità 5 del driver "pratiche" non si può ripartire: nessuno ha registrato tempo sotto C1.2`,
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("a failed run left %s behind", out)
	}
}

func TestRunRefusesForeignFolder(t *testing.T) {
	in := demoFolder(t)
	out := t.TempDir()
	os.WriteFile(filepath.Join(out, "lettera.docx"), []byte("x"), 0o644)
	code, _, stderr := camcost(t, "run", in, "--out", out)
	if code != 1 || !strings.Contains(stderr, "non contiene un output di camcost") {
		t.Errorf("exit %d, stderr %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(out, "lettera.docx")); err != nil {
		t.Errorf("the user's file is gone: %v", err)
	}
}

func TestRunMethodsAndSupportDriverFlags(t *testing.T) {
	in := demoFolder(t)
	for _, args := range [][]string{
		{"--method", "scalare"},
		{"--method", "reciproco", "--support-driver", "B2=fte", "--support-driver", "A2=personale"},
	} {
		out := filepath.Join(t.TempDir(), "out")
		code, stdout, stderr := camcost(t, append([]string{"run", in, "--out", out}, args...)...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, stderr)
		}
		if !strings.Contains(stdout, "metodo "+args[1]) {
			t.Errorf("%v: %s", args, stdout)
		}
		man, _ := os.ReadFile(filepath.Join(out, "manifest.json"))
		if !strings.Contains(string(man), `"method": "`+args[1]+`"`) {
			t.Errorf("%v: manifest does not record the method", args)
		}
	}
	code, _, stderr := camcost(t, "run", in, "--out", filepath.Join(t.TempDir(), "x"), "--method", "casuale")
	if code == 0 || !strings.Contains(stderr, "casuale") {
		t.Errorf("unknown method accepted: exit %d %s", code, stderr)
	}
}

func TestVerify(t *testing.T) {
	parent := t.TempDir()
	in := filepath.Join(parent, "input")
	out := filepath.Join(parent, "output")
	if code, _, stderr := camcost(t, "demo", in); code != 0 {
		t.Fatal(stderr)
	}
	if code, _, stderr := camcost(t, "run", in, "--out", out, "--method", "reciproco"); code != 0 {
		t.Fatal(stderr)
	}
	code, stdout, stderr := camcost(t, "verify", out)
	if code != 0 || !strings.Contains(stdout, "Verifica superata") {
		t.Fatalf("untouched run: exit %d\n%s%s", code, stdout, stderr)
	}
	// A copy of the inputs elsewhere verifies with --inputs.
	moved := filepath.Join(t.TempDir(), "archivio")
	os.CopyFS(moved, os.DirFS(in))
	if code, stdout, stderr := camcost(t, "verify", out, "--inputs", moved); code != 0 {
		t.Fatalf("inputs moved: exit %d\n%s%s", code, stdout, stderr)
	}
	// A changed output is found.
	costs := filepath.Join(out, "costs.csv")
	orig, _ := os.ReadFile(costs)
	os.WriteFile(costs, append(orig, '\n'), 0o644)
	code, stdout, _ = camcost(t, "verify", out)
	if code != 1 || !strings.Contains(stdout, "costs.csv: riprodotto identico, ma il file nella cartella è stato modificato dopo il calcolo") {
		t.Errorf("changed output: exit %d\n%s", code, stdout)
	}
	os.WriteFile(costs, orig, 0o644)
	// A changed input is refused, naming the file.
	os.WriteFile(filepath.Join(in, "camcost.toml"), []byte("metodo = \"scalare\"\n"), 0o644)
	code, _, stderr = camcost(t, "verify", out)
	if code != 1 || !strings.Contains(stderr, "camcost.toml: è cambiato dopo il calcolo") {
		t.Errorf("changed input: exit %d\n%s", code, stderr)
	}
}

func TestUnknownCommand(t *testing.T) {
	code, _, stderr := camcost(t, "costa", "x")
	if code != 2 || !strings.Contains(stderr, `comando "costa" sconosciuto`) {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}

// The run id covers everything the outputs depend on: an override equal
// to the settings file still shows in the workbooks, so it changes the id.
func TestRunIDCoversOverrides(t *testing.T) {
	in := demoFolder(t)
	ids := map[string]bool{}
	for _, extra := range [][]string{nil, {"--method", "diretto"}} {
		out := filepath.Join(t.TempDir(), "out")
		if code, _, stderr := camcost(t, append([]string{"run", in, "--out", out}, extra...)...); code != 0 {
			t.Fatal(stderr)
		}
		man, err := os.ReadFile(filepath.Join(out, "manifest.json"))
		if err != nil {
			t.Fatal(err)
		}
		_, id, _ := strings.Cut(string(man), `"run_id": "`)
		ids[id[:16]] = true
	}
	if len(ids) != 2 {
		t.Errorf("run ids %v: an override must change the run id", ids)
	}
}

func TestRunBadOverridesAreUsageErrors(t *testing.T) {
	in := demoFolder(t)
	for _, args := range [][]string{
		{"run", in, "--out", filepath.Join(t.TempDir(), "o"), "--method", "foo"},
		{"run", in, "--out", filepath.Join(t.TempDir(), "o"), "--support-driver", "garbage"},
		{"validate", in, "--method", "foo"},
		{"validate", in, "--support-driver", "B2"},
	} {
		code, _, stderr := camcost(t, args...)
		if code != 2 || !strings.Contains(stderr, "opzione --") {
			t.Errorf("%q: exit %d, stderr %q; want exit 2 naming the option", args, code, stderr)
		}
	}
}
