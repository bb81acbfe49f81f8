package main

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"camcost/costing"
	"camcost/inputs"
	"camcost/inputs/generate"
	"camcost/outputs"
	"camcost/seeds"
)

// nationalFolder generates a multi-body input folder.
func nationalFolder(t *testing.T, bodies, people int) string {
	t.Helper()
	m, err := seeds.Map()
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "nazionale")
	if err := generate.Generate(dir, m, generate.Config{People: people, Bodies: bodies, Seed: 3, Format: generate.CSVIt}); err != nil {
		t.Fatal(err)
	}
	return dir
}

// A run over 60 chambers writes every body's outputs and the benchmarking
// workbook, verifies, and gives each body exactly the outputs of running it
// alone.
func TestNationalRun(t *testing.T) {
	in := nationalFolder(t, 60, 2400)
	out := filepath.Join(t.TempDir(), "out")
	code, stdout, stderr := camcost(t, "run", in, "--out", out)
	if code != 0 {
		t.Fatalf("run: exit %d\n%s", code, stderr)
	}
	if !strings.Contains(stdout, "60 enti calcolati") {
		t.Errorf("stdout: %s", stdout)
	}
	bodies, _ := inputs.Bodies(in)
	if len(bodies) != 60 {
		t.Fatalf("%d bodies generated", len(bodies))
	}
	for _, f := range []string{"benchmarking.xlsx", "manifest.json"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Error(err)
		}
	}
	code, stdout, stderr = camcost(t, "verify", out)
	if code != 0 || !strings.Contains(stdout, "Verifica superata: 362 file") {
		t.Fatalf("verify: exit %d\n%s%s", code, stdout, stderr)
	}
	// Each body alone gives the same files (the manifests differ only in
	// where the inputs are, seen from the output folder).
	for _, b := range []string{bodies[0], bodies[29], bodies[59]} {
		alone := filepath.Join(t.TempDir(), b)
		if code, _, stderr := camcost(t, "run", filepath.Join(in, b), "--out", alone); code != 0 {
			t.Fatalf("%s alone: %s", b, stderr)
		}
		for _, f := range []string{"costs.csv", "trace.csv", "costi-dei-processi.xlsx", "conto-economico-per-funzioni.xlsx", "indicatori.xlsx"} {
			x, err1 := os.ReadFile(filepath.Join(out, b, f))
			y, err2 := os.ReadFile(filepath.Join(alone, f))
			if err1 != nil || err2 != nil || !bytes.Equal(x, y) {
				t.Errorf("%s/%s differs from the run of the body alone", b, f)
			}
		}
	}
}

func TestNationalBadBodyFailsCleanly(t *testing.T) {
	in := nationalFolder(t, 3, 200)
	bodies, _ := inputs.Bodies(in)
	bad := filepath.Join(in, bodies[1], "contabilita.csv")
	f, err := os.OpenFile(bad, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("999999;Spese misteriose;spese_varie;12,50;;\r\n")
	f.Close()
	parent := t.TempDir()
	out := filepath.Join(parent, "out")
	code, stdout, stderr := camcost(t, "run", in, "--out", out)
	if code != 1 {
		t.Fatalf("exit %d, want 1", code)
	}
	if stdout != "" || !strings.Contains(stderr, filepath.Join(in, bodies[1])+": 1 problema nei dati di input:") ||
		!strings.Contains(stderr, `voce "spese_varie" sconosciuta`) || !strings.Contains(stderr, "nessun risultato scritto") {
		t.Errorf("stdout %q\nstderr %s", stdout, stderr)
	}
	if entries, _ := os.ReadDir(parent); len(entries) != 0 {
		t.Errorf("a failed national run left %v", entries)
	}
}

func TestValidateNational(t *testing.T) {
	in := nationalFolder(t, 4, 300)
	code, stdout, stderr := camcost(t, "validate", in)
	if code != 0 || !strings.Contains(stdout, "4 enti, dati validi") {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	bodies, _ := inputs.Bodies(in)
	os.Remove(filepath.Join(in, bodies[2], "tempi.csv"))
	code, _, stderr = camcost(t, "validate", in)
	if code != 1 || !strings.Contains(stderr, bodies[2]+": 1 problema nei dati di input:") ||
		!strings.Contains(stderr, "manca la tabella tempi") || !strings.Contains(stderr, "validate: 1 ente con dati non validi") {
		t.Errorf("exit %d\n%s", code, stderr)
	}
}

// A stray file at the top of a folder of bodies, and an output folder
// written inside it, do not turn it into something else.
func TestNationalFolderDetection(t *testing.T) {
	in := nationalFolder(t, 2, 100)
	os.WriteFile(filepath.Join(in, "elenco.csv"), []byte("ente\nuno\n"), 0o644)
	out := filepath.Join(in, "risultati")
	if code, _, stderr := camcost(t, "run", in, "--out", out); code != 0 {
		t.Fatalf("first run: %s", stderr)
	}
	code, stdout, stderr := camcost(t, "run", in, "--out", out)
	if code != 0 || !strings.Contains(stdout, "2 enti calcolati") {
		t.Fatalf("second run, with the output inside the inputs: exit %d\n%s%s", code, stdout, stderr)
	}
	// A changed input of one body stops verify, naming the body.
	bodies, _ := inputs.Bodies(in)
	os.WriteFile(filepath.Join(in, bodies[1], "camcost.toml"), []byte("metodo = \"scalare\"\n"), 0o644)
	code, _, stderr = camcost(t, "verify", out)
	if code != 1 || !strings.Contains(stderr, "ente "+bodies[1]+": gli input non sono quelli del calcolo registrato") {
		t.Errorf("verify: exit %d\n%s", code, stderr)
	}
}

// A body whose files fail to write after every body was costed fails the
// run while benchmarking.xlsx is being written beside it: the run waits
// for the workbook, names the body, and leaves nothing behind.
func TestNationalWriteFailsDuringBenchmark(t *testing.T) {
	in := nationalFolder(t, 4, 200)
	bodies, _ := inputs.Bodies(in)
	bad := bodies[1]
	defer func(w func(string, *costing.Result, outputs.RunInfo, int) (*outputs.Manifest, error)) { writeBody = w }(writeBody)
	sawBench := false
	writeBody = func(dir string, res *costing.Result, info outputs.RunInfo, n int) (*outputs.Manifest, error) {
		if filepath.Base(dir) != bad {
			return outputs.WriteBodyParallel(dir, res, info, n)
		}
		// Fail only once the other bodies are costed and the workbook
		// has started.
		bench := filepath.Join(filepath.Dir(dir), outputs.BenchWorkbook)
		for range 1000 {
			if _, err := os.Stat(bench); err == nil {
				sawBench = true
				break
			}
			time.Sleep(10 * time.Millisecond)
		}
		return nil, errors.New("disco pieno")
	}
	parent := t.TempDir()
	out := filepath.Join(parent, "out")
	code, stdout, stderr := camcost(t, "run", in, "--out", out)
	if !sawBench {
		t.Fatal("benchmarking.xlsx was not started while the last body was written")
	}
	if code != 1 || stdout != "" || !strings.Contains(stderr, filepath.Join(in, bad)+": disco pieno") || !strings.Contains(stderr, "nessun risultato scritto") {
		t.Errorf("exit %d\nstdout %q\nstderr %s", code, stdout, stderr)
	}
	if entries, _ := os.ReadDir(parent); len(entries) != 0 {
		t.Errorf("a failed national run left %v", entries)
	}
}
