package outputs

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"camcost/costing"
	"camcost/model"
)

func TestVerifyRefusesNamesOutsideTheFolder(t *testing.T) {
	never := Rerun{
		Cost: func(string, model.Overrides) (*costing.Result, error) {
			t.Fatal("verify re-ran a tampered manifest")
			return nil, nil
		},
		Bodies: func(string) ([]string, error) { return nil, nil },
	}
	tests := []struct{ name, manifest, want string }{
		{"body", `{"input_dir":".","outputs":[],"bodies":[{"name":"../x-01-foggia"}]}`, "../x-01-foggia"},
		{"hidden body", `{"input_dir":".","outputs":[],"bodies":[{"name":".."}]}`, ".."},
		{"output", `{"input_dir":".","outputs":[{"name":"../../etc/passwd"}]}`, "../../etc/passwd"},
		{"input", `{"input_dir":".","inputs":[{"name":"/etc/passwd"}],"outputs":[]}`, "/etc/passwd"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			parent := t.TempDir()
			out := filepath.Join(parent, "out")
			os.Mkdir(out, 0o755)
			os.WriteFile(filepath.Join(out, ManifestFile), []byte(tt.manifest), 0o644)
			_, err := Verify(out, "", never)
			var unv *UnverifiableError
			if !errors.As(err, &unv) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want a refusal naming %s", err, tt.want)
			}
			if entries, _ := os.ReadDir(parent); len(entries) != 1 {
				t.Errorf("verify wrote beside the output: %v", entries)
			}
		})
	}
}

func TestRemoveStaleVerifyDirs(t *testing.T) {
	dir := t.TempDir()
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	for name, age := range map[string]time.Duration{
		verifyDirPrefix + "vecchia":  48 * time.Hour,
		verifyDirPrefix + "in-corso": time.Minute,
		"altro-programma":            48 * time.Hour,
	} {
		p := filepath.Join(dir, name)
		os.Mkdir(p, 0o755)
		os.Chtimes(p, now.Add(-age), now.Add(-age))
	}
	removeStaleVerifyDirs(dir, now)
	var left []string
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		left = append(left, e.Name())
	}
	if got, want := strings.Join(left, " "), "altro-programma "+verifyDirPrefix+"in-corso"; got != want {
		t.Errorf("left %q, want %q", got, want)
	}
}

func TestVerifyRefusesAComparison(t *testing.T) {
	out := filepath.Join(t.TempDir(), "confronto")
	os.Mkdir(out, 0o755)
	os.WriteFile(filepath.Join(out, ManifestFile), []byte(`{"format":1,"engine":"camcost","kind":"confronto","outputs":[]}`), 0o644)
	_, err := Verify(out, "", Rerun{})
	var unv *UnverifiableError
	if !errors.As(err, &unv) || !strings.Contains(err.Error(), "camcost confronta") {
		t.Errorf("err = %v, want a refusal saying it is a comparison", err)
	}
}
