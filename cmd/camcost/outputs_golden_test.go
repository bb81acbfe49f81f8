package main

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestOutputsUnchanged pins the SHA-256 of every output file (manifest.json
// aside: it names the engine version) of the demo under each method and of
// a generated multi-body run. A refactoring must leave them identical; a
// change of figures or layout must be deliberate: review it, then rewrite
// testdata/outputs.sha256 with go test -update.
func TestOutputsUnchanged(t *testing.T) {
	demo := demoFolder(t)
	national := filepath.Join(t.TempDir(), "nazionale")
	if code, _, stderr := camcost(t, "generate", national, "--people", "1200", "--bodies", "4", "--format", "csv-it", "--seed", "3"); code != 0 {
		t.Fatalf("generate: exit %d: %s", code, stderr)
	}
	cases := []struct {
		name string
		in   string
		args []string
	}{
		{"demo", demo, nil},
		{"demo-scalare", demo, []string{"--method", "scalare"}},
		{"demo-reciproco", demo, []string{"--method", "reciproco", "--support-driver", "B2=mq"}},
		{"nazionale", national, nil},
	}
	var got strings.Builder
	for _, c := range cases {
		out := filepath.Join(t.TempDir(), c.name)
		args := append([]string{"run", c.in, "--out", out, "--quiet"}, c.args...)
		if code, _, stderr := camcost(t, args...); code != 0 {
			t.Fatalf("%s: exit %d: %s", c.name, code, stderr)
		}
		for _, line := range hashTree(t, out) {
			fmt.Fprintf(&got, "%s/%s\n", c.name, line)
		}
	}
	golden := filepath.Join("testdata", "outputs.sha256")
	if *update {
		if err := os.WriteFile(golden, []byte(got.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got.String() != string(want) {
		t.Errorf("outputs differ from testdata/outputs.sha256:\ngot:\n%s\nwant:\n%s", got.String(), want)
	}
}

// hashTree lists "path sha256" for every file under dir but the manifests,
// in path order.
func hashTree(t *testing.T, dir string) []string {
	t.Helper()
	var lines []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() == "manifest.json" {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		sum := sha256.Sum256(b)
		lines = append(lines, filepath.ToSlash(rel)+" "+hex.EncodeToString(sum[:]))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(lines)
	return lines
}
