package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"camcost/inputs/template"
	"camcost/seeds"
)

func TestTemplateCommand(t *testing.T) {
	path := filepath.Join(t.TempDir(), "dati.xlsx")
	code, stdout, stderr := camcost(t, "template", path)
	if code != 0 {
		t.Fatalf("exit %d, stderr %s", code, stderr)
	}
	if !strings.Contains(stdout, path) {
		t.Errorf("stdout %q does not name the file", stdout)
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	m, _ := seeds.Map()
	var want bytes.Buffer
	if err := template.Write(&want, m); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want.Bytes()) {
		t.Error("the file differs from template.Write on the default map")
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if len(f.GetSheetList()) != len(template.Sheets) {
		t.Errorf("sheets %v", f.GetSheetList())
	}

	if code, _, stderr = camcost(t, "template", path); code != 1 || !strings.Contains(stderr, "--force") {
		t.Errorf("over an existing file: exit %d, stderr %q", code, stderr)
	}
	if code, _, stderr = camcost(t, "template", "--force", path); code != 0 {
		t.Errorf("with --force: exit %d, stderr %q", code, stderr)
	}
}

func TestTemplateCommandErrors(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"template"}, 2, "FILE.xlsx"},
		{[]string{"template", filepath.Join(dir, "dati.csv")}, 2, ".xlsx"},
		{[]string{"template", filepath.Join(dir, "manca", "dati.xlsx")}, 1, "non posso scrivere"},
	}
	for _, tt := range tests {
		code, _, stderr := camcost(t, tt.args...)
		if code != tt.code || !strings.Contains(stderr, tt.want) {
			t.Errorf("camcost %s: exit %d, stderr %q; want exit %d and %q", strings.Join(tt.args, " "), code, stderr, tt.code, tt.want)
		}
	}
}
