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

func TestAtomicRefusesWhileAnotherRunWrites(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	unlock, err := lockOutput(out)
	if err != nil {
		t.Fatal(err)
	}
	err = Atomic(context.Background(), out, writeTo("a.csv", "x"))
	if !errors.Is(err, ErrBusy) {
		t.Fatalf("err = %v, want ErrBusy", err)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("a refused run created the output folder")
	}
	unlock()
	if err := Atomic(context.Background(), out, writeTo("a.csv", "x")); err != nil {
		t.Fatalf("after the lock is released: %v", err)
	}
	if entries, _ := os.ReadDir(filepath.Dir(out)); len(entries) != 1 {
		t.Errorf("the lock file stays beside the output: %v", entries)
	}
}

func TestAtomicRecoversAfterACrashBetweenRenames(t *testing.T) {
	ctx := context.Background()
	parent := t.TempDir()
	out := filepath.Join(parent, "out")
	if err := Atomic(ctx, out, writeTo("a.csv", "uno")); err != nil {
		t.Fatal(err)
	}
	// The state a run killed between its two renames leaves: the previous
	// output parked aside, no out, and the new one still temporary.
	if err := os.Rename(out, oldDir(out)); err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Join(parent, ".out"+tempDirSuffix+"-123"), 0o755)
	// The next run fails too: the previous output must be back anyway.
	boom := errors.New("boom")
	if err := Atomic(ctx, out, func(string) error { return boom }); !errors.Is(err, boom) {
		t.Fatalf("err = %v, want boom", err)
	}
	if got := read(t, filepath.Join(out, "a.csv")); got != "uno" {
		t.Errorf("previous output not restored: %q", got)
	}
	if entries, _ := os.ReadDir(parent); len(entries) != 1 {
		t.Errorf("leftovers not cleaned: %v", entries)
	}

	// Killed after both renames: out is the new output, old is redundant.
	if err := os.MkdirAll(oldDir(out), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := Atomic(ctx, out, writeTo("b.csv", "due")); err != nil {
		t.Fatal(err)
	}
	if entries, _ := os.ReadDir(parent); len(entries) != 1 {
		t.Errorf("redundant previous output not removed: %v", entries)
	}

	// Both present and out incomplete: keep both, say so.
	os.MkdirAll(oldDir(out), 0o755)
	os.WriteFile(filepath.Join(oldDir(out), "a.csv"), []byte("unica copia"), 0o644)
	os.Remove(filepath.Join(out, ManifestFile))
	err := Atomic(ctx, out, writeTo("c.csv", "tre"))
	if err == nil || !strings.Contains(err.Error(), oldDirSuffix) {
		t.Fatalf("err = %v, want a refusal naming the parked output", err)
	}
	if got := read(t, filepath.Join(oldDir(out), "a.csv")); got != "unica copia" {
		t.Errorf("the parked output changed")
	}
}

func TestAtomicKeepsWhatTheUserAddedInBodies(t *testing.T) {
	ctx := context.Background()
	out := filepath.Join(t.TempDir(), "out")
	national := func(tmp string) error {
		for _, b := range []string{"01-bergamo", "02-lecce"} {
			if err := os.Mkdir(filepath.Join(tmp, b), 0o755); err != nil {
				return err
			}
			if err := writeTo("costs.csv", b)(filepath.Join(tmp, b)); err != nil {
				return err
			}
		}
		if err := os.WriteFile(filepath.Join(tmp, BenchWorkbook), []byte("x"), 0o644); err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(tmp, ManifestFile), []byte(`{"outputs":[{"name":"`+BenchWorkbook+`"}],"bodies":[{"name":"01-bergamo"},{"name":"02-lecce"}]}`), 0o644)
	}
	if err := Atomic(ctx, out, national); err != nil {
		t.Fatal(err)
	}
	if err := Atomic(ctx, out, national); err != nil {
		t.Fatalf("a multi-body output holding only its files: %v", err)
	}
	// Named as the refusal names them: a foreign folder, not its contents.
	added := []string{"02-lecce/appunti.docx", "01-bergamo/lavoro"}
	os.WriteFile(filepath.Join(out, "02-lecce", "appunti.docx"), []byte("mio"), 0o644)
	os.MkdirAll(filepath.Join(out, "01-bergamo", "lavoro"), 0o755)
	os.WriteFile(filepath.Join(out, "01-bergamo", "lavoro", "bozza.xlsx"), []byte("mio"), 0o644)
	for name, fill := range map[string]func(string) error{"multi-body": national, "single-body": writeTo("costs.csv", "uno")} {
		err := Atomic(ctx, out, fill)
		for _, a := range added {
			if err == nil || !strings.Contains(err.Error(), a) {
				t.Errorf("%s run over user files: err = %v, want a refusal naming %s", name, err, a)
			}
		}
	}
	if got := read(t, filepath.Join(out, "02-lecce", "appunti.docx")); got != "mio" {
		t.Errorf("the user's file changed")
	}
}
