package outputs

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeTo(name, content string) func(string) error {
	return func(tmp string) error {
		if err := os.WriteFile(filepath.Join(tmp, ManifestFile), []byte(`{"outputs":[{"name":"`+name+`"}]}`), 0o644); err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(tmp, name), []byte(content), 0o644)
	}
}

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestAtomic(t *testing.T) {
	ctx := context.Background()
	parent := t.TempDir()
	out := filepath.Join(parent, "out")

	if err := Atomic(ctx, out, writeTo("a.csv", "uno")); err != nil {
		t.Fatal(err)
	}
	if got := read(t, filepath.Join(out, "a.csv")); got != "uno" {
		t.Errorf("first run wrote %q", got)
	}

	// A failing run leaves the previous output untouched and nothing else.
	boom := errors.New("boom")
	err := Atomic(ctx, out, func(tmp string) error {
		writeTo("a.csv", "mezzo")(tmp)
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v, want boom", err)
	}
	if got := read(t, filepath.Join(out, "a.csv")); got != "uno" {
		t.Errorf("failed run changed the output: %q", got)
	}
	if entries, _ := os.ReadDir(parent); len(entries) != 1 {
		t.Errorf("failed run left files beside the output: %v", entries)
	}

	// An interrupted run writes nothing either.
	cctx, cancel := context.WithCancel(ctx)
	err = Atomic(cctx, out, func(tmp string) error {
		cancel()
		return writeTo("a.csv", "interrotto")(tmp)
	})
	if !errors.Is(err, ErrInterrupted) {
		t.Fatalf("err = %v, want ErrInterrupted", err)
	}
	if got := read(t, filepath.Join(out, "a.csv")); got != "uno" {
		t.Errorf("interrupted run changed the output: %q", got)
	}

	// A second successful run replaces the whole folder.
	if err := Atomic(ctx, out, writeTo("b.csv", "due")); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(out, "a.csv")); !os.IsNotExist(err) {
		t.Errorf("old file survived the replacement")
	}

	// What a killed run leaves behind is cleaned up by the next one.
	stale := filepath.Join(parent, ".out"+tempDirSuffix)
	os.MkdirAll(stale, 0o755)
	if err := Atomic(ctx, out, writeTo("c.csv", "tre")); err != nil {
		t.Fatal(err)
	}
	if entries, _ := os.ReadDir(parent); len(entries) != 1 {
		t.Errorf("stale temporary folder left: %v", entries)
	}

	// A folder that is not a camcost output is never replaced.
	foreign := filepath.Join(parent, "documenti")
	os.MkdirAll(foreign, 0o755)
	os.WriteFile(filepath.Join(foreign, "lettera.txt"), []byte("x"), 0o644)
	if err := Atomic(ctx, foreign, writeTo("a.csv", "x")); !errors.Is(err, ErrNotOutput) {
		t.Errorf("err = %v, want ErrNotOutput", err)
	}
	if got := read(t, filepath.Join(foreign, "lettera.txt")); got != "x" {
		t.Errorf("foreign folder touched")
	}
}

func TestAtomicKeepsWhatTheUserAdded(t *testing.T) {
	ctx := context.Background()
	out := filepath.Join(t.TempDir(), "out")
	write := func(tmp string) error {
		os.WriteFile(filepath.Join(tmp, "costs.csv"), []byte("x"), 0o644)
		return os.WriteFile(filepath.Join(tmp, ManifestFile), []byte(`{"outputs":[{"name":"costs.csv"}]}`), 0o644)
	}
	if err := Atomic(ctx, out, write); err != nil {
		t.Fatal(err)
	}
	// A second run replaces a folder that holds only its own files...
	if err := Atomic(ctx, out, write); err != nil {
		t.Fatal(err)
	}
	// ...but not one where the user saved something.
	os.WriteFile(filepath.Join(out, "commenti.docx"), []byte("mio"), 0o644)
	err := Atomic(ctx, out, write)
	if err == nil || !strings.Contains(err.Error(), "commenti.docx") {
		t.Fatalf("err = %v, want a refusal naming commenti.docx", err)
	}
	if got := read(t, filepath.Join(out, "commenti.docx")); got != "mio" {
		t.Errorf("the user's file changed")
	}
}
