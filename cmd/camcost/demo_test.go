package main

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"camcost/inputs/generate"
)

func TestDemoCommand(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "demo", "input")
	code, stdout, stderr := camcost(t, "demo", dir)
	if code != 0 {
		t.Fatalf("exit %d, stderr %s", code, stderr)
	}
	if !strings.Contains(stdout, dir) {
		t.Errorf("stdout %q does not name the folder", stdout)
	}
	for _, name := range generate.DemoFiles {
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		want, _ := fs.ReadFile(generate.Demo(), name)
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from the embedded demo", name)
		}
	}
	if code, _, stderr = camcost(t, "demo", dir); code != 1 || !strings.Contains(stderr, "non è vuota") {
		t.Errorf("demo into a non-empty folder: exit %d, stderr %q", code, stderr)
	}
	if code, _, stderr = camcost(t, "demo", dir, "--force"); code != 0 {
		t.Errorf("demo --force: exit %d, stderr %q", code, stderr)
	}
}

// The demo command writes what generate writes for the demo's config.
func TestDemoMatchesGenerate(t *testing.T) {
	dir := t.TempDir()
	cfg := generate.DemoConfig
	code, _, stderr := camcost(t, "generate", dir, "--people", strconv.Itoa(cfg.People),
		"--seed", strconv.FormatUint(cfg.Seed, 10), "--format", cfg.Format.String(), "--force")
	if code != 0 {
		t.Fatalf("exit %d, stderr %s", code, stderr)
	}
	for _, name := range generate.DemoFiles {
		got, _ := os.ReadFile(filepath.Join(dir, name))
		want, _ := fs.ReadFile(generate.Demo(), name)
		if !bytes.Equal(got, want) {
			t.Errorf("%s: generate with the demo's config differs from the embedded demo", name)
		}
	}
}

func TestDemoCommandErrors(t *testing.T) {
	for _, args := range [][]string{{"demo"}, {"demo", "a", "b"}} {
		code, _, stderr := camcost(t, args...)
		if code != 2 || !strings.Contains(stderr, "CARTELLA") {
			t.Errorf("camcost %s: exit %d, stderr %q", strings.Join(args, " "), code, stderr)
		}
	}
}
