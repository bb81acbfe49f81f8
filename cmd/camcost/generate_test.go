package main

import (
	"bufio"
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func listDir(t *testing.T, dir string) []string {
	t.Helper()
	var names []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		names = append(names, filepath.ToSlash(rel))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return names
}

func TestGenerateCommand(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "prova")
	code, stdout, stderr := camcost(t, "generate", dir, "--people", "60", "--format=csv-it", "-s", "3", "--daily")
	if code != 0 {
		t.Fatalf("exit %d, stderr %s", code, stderr)
	}
	for _, want := range []string{dir, "60 persone", "csv-it", "ore per mese", "seme 3"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout %q lacks %q", stdout, want)
		}
	}
	want := []string{"camcost.toml", "contabilita.csv", "contesto.csv", "driver.csv", "personale.csv", "retribuzioni.csv", "tempi.csv", "volumi.csv"}
	if got := listDir(t, dir); !slices.Equal(got, want) {
		t.Errorf("files %v, want %v", got, want)
	}
	tempi, err := os.ReadFile(filepath.Join(dir, "tempi.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(tempi, []byte("\uFEFFmatricola;codice;ore;periodo\r\n")) {
		t.Errorf("tempi.csv starts %q, want the Italian daily header", tempi[:40])
	}

	// A second run into the same folder is refused, then forced.
	code, _, stderr = camcost(t, "generate", dir, "--people", "60")
	if code != 1 || !strings.Contains(stderr, "non è vuota") || !strings.Contains(stderr, "--force") {
		t.Errorf("into a non-empty folder: exit %d, stderr %q", code, stderr)
	}
	if code, _, stderr = camcost(t, "generate", "--force", dir, "--people", "60", "--format", "xlsx"); code != 0 {
		t.Errorf("with --force: exit %d, stderr %q", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "dati.xlsx")); err != nil {
		t.Error(err)
	}
}

func TestGenerateCommandBodies(t *testing.T) {
	dir := t.TempDir()
	code, stdout, stderr := camcost(t, "generate", dir, "--bodies", "3", "--people", "500", "--force")
	if code != 0 {
		t.Fatalf("exit %d, stderr %s", code, stderr)
	}
	if !strings.Contains(stdout, "3 enti") {
		t.Errorf("stdout %q does not mention the bodies", stdout)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 3 || !strings.HasPrefix(entries[0].Name(), "01-") || !strings.HasPrefix(entries[2].Name(), "03-") {
		t.Errorf("sub-folders %v, want 01-city, 02-city, 03-city", entries)
	}
}

func TestGenerateCommandErrors(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"generate"}, 2, "CARTELLA"},
		{[]string{"generate", dir, "altro"}, 2, "CARTELLA"},
		{[]string{"generate", dir, "--format", "ods"}, 2, `formato "ods" sconosciuto`},
		{[]string{"generate", dir, "--people"}, 2, "richiede un valore"},
		{[]string{"generate", dir, "--people", "tanti"}, 2, "non valido"},
		{[]string{"generate", dir, "--persone", "3"}, 2, "opzione sconosciuta"},
		{[]string{"generate", dir, "--people", "5"}, 2, "--people deve essere almeno 35"},
		{[]string{"generate", dir, "--people", "50", "--bodies", "2"}, 2, "tra 80 e 1200"},
	}
	for _, tt := range tests {
		code, _, stderr := camcost(t, tt.args...)
		if code != tt.code || !strings.Contains(stderr, tt.want) {
			t.Errorf("camcost %s: exit %d, stderr %q; want exit %d and %q", strings.Join(tt.args, " "), code, stderr, tt.code, tt.want)
		}
	}
}

// The commands shown in inputs/generate/README.md run as written.
func TestGenerateReadmeCommands(t *testing.T) {
	f, err := os.Open(filepath.Join("..", "..", "inputs", "generate", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	n := 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if !strings.HasPrefix(line, "camcost ") || !strings.HasPrefix(sc.Text(), "    ") {
			continue
		}
		n++
		args := strings.Fields(line)[1:]
		args[1] = filepath.Join(t.TempDir(), args[1])
		if code, _, stderr := camcost(t, args...); code != 0 {
			t.Errorf("%s: exit %d, stderr %s", line, code, stderr)
		}
	}
	if n == 0 {
		t.Error("no commands found in the README")
	}
}
