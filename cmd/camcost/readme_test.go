package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"camcost/inputs/generate"
	"camcost/seeds"
)

// The README's commands exist and answer --help; its quick start is the
// two make targets.
func TestReadmeCommands(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	text := string(readme)
	for _, want := range []string{"make demo", "make test"} {
		if !strings.Contains(text, want) {
			t.Errorf("README lacks %q", want)
		}
	}
	names := regexp.MustCompile("\\| `camcost ([a-z]+)").FindAllStringSubmatch(text, -1)
	if len(names) < 7 {
		t.Fatalf("README lists %d commands", len(names))
	}
	for _, m := range names {
		code, stdout, stderr := camcost(t, m[1], "--help")
		if code != 0 || !strings.Contains(stdout, "camcost "+m[1]) {
			t.Errorf("camcost %s --help: exit %d\n%s%s", m[1], code, stdout, stderr)
		}
	}
}

// validate accepts the demo and generated folders in every format.
func TestValidateEveryFormat(t *testing.T) {
	m, err := seeds.Map()
	if err != nil {
		t.Fatal(err)
	}
	dirs := []string{demoFolder(t)}
	for _, f := range []generate.Format{generate.CSV, generate.CSVIt, generate.XLSX} {
		dir := filepath.Join(t.TempDir(), f.String())
		if err := generate.Generate(dir, m, generate.Config{People: 80, Bodies: 1, Seed: 11, Format: f}); err != nil {
			t.Fatal(err)
		}
		dirs = append(dirs, dir)
	}
	var summaries []string
	for _, dir := range dirs {
		code, stdout, stderr := camcost(t, "validate", dir)
		if code != 0 || !strings.Contains(stdout, "dati validi") || !strings.Contains(stdout, "Prova di calcolo: riuscita") {
			t.Errorf("validate %s: exit %d\n%s%s", dir, code, stdout, stderr)
		}
		// The ledger part of the summary, which must not depend on the format.
		_, ledger, _ := strings.Cut(stdout, "Contabilità:")
		ledger, _, _ = strings.Cut(ledger, "Driver:")
		summaries = append(summaries, ledger)
	}
	for i := 2; i < len(summaries); i++ {
		if summaries[i] != summaries[1] {
			t.Errorf("the ledger of %s reads differently from the csv one:\n%s\nvs\n%s", dirs[i], summaries[i], summaries[1])
		}
	}
}
