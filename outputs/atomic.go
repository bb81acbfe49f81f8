package outputs

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// Suffixes of the hidden folders beside an output folder while it is
// being replaced.
const (
	tempDirSuffix = ".camcost-tmp"
	oldDirSuffix  = ".camcost-old"
)

// ErrNotOutput is returned when the output folder exists and holds
// something other than a previous camcost output.
var ErrNotOutput = errors.New("la cartella esiste e non contiene un output di camcost (manifest.json): scegliere un'altra cartella o svuotarla")

// ErrInterrupted is returned when a run is interrupted before its output
// folder is in place.
var ErrInterrupted = errors.New("calcolo interrotto: nessun risultato scritto")

// Atomic writes an output folder all at once: fill writes into a temporary
// folder beside out, which replaces out only when fill succeeds and ctx is
// still live. An existing out is replaced only if it is empty or a previous
// camcost output. On any error or interruption, out is left as it was and
// the temporary folder is removed.
func Atomic(ctx context.Context, out string, fill func(tmp string) error) error {
	out = filepath.Clean(out)
	if err := checkReplaceable(out); err != nil {
		return err
	}
	parent := filepath.Dir(out)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	tmp := filepath.Join(parent, "."+filepath.Base(out)+tempDirSuffix)
	old := filepath.Join(parent, "."+filepath.Base(out)+oldDirSuffix)
	// A run killed before it could clean up leaves these behind.
	if err := os.RemoveAll(tmp); err != nil {
		return err
	}
	if err := os.RemoveAll(old); err != nil {
		return err
	}
	if err := os.Mkdir(tmp, 0o755); err != nil {
		return err
	}
	if err := fill(tmp); err != nil {
		os.RemoveAll(tmp)
		return err
	}
	if ctx.Err() != nil {
		os.RemoveAll(tmp)
		return ErrInterrupted
	}
	if _, err := os.Stat(out); err == nil {
		if err := os.Rename(out, old); err != nil {
			os.RemoveAll(tmp)
			return err
		}
	}
	if err := os.Rename(tmp, out); err != nil {
		os.Rename(old, out)
		os.RemoveAll(tmp)
		return err
	}
	return os.RemoveAll(old)
}

func checkReplaceable(out string) error {
	entries, err := os.ReadDir(out)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("%s: %w", out, err)
	}
	if len(entries) == 0 {
		return nil
	}
	man, err := ReadManifest(out)
	if err != nil {
		return fmt.Errorf("%s: %w", out, ErrNotOutput)
	}
	// Replacing the folder would delete what the user put there.
	ours := map[string]bool{ManifestFile: true}
	for _, f := range man.Outputs {
		ours[f.Name] = true
	}
	for _, b := range man.Bodies {
		ours[b.Name] = true
	}
	var foreign []string
	for _, e := range entries {
		if !ours[e.Name()] {
			foreign = append(foreign, e.Name())
		}
	}
	if len(foreign) > 0 {
		return fmt.Errorf("%s contiene file che il calcolo precedente non aveva scritto (%s): sostituendo la cartella andrebbero persi; spostarli o scegliere un'altra cartella", out, strings.Join(foreign, ", "))
	}
	return nil
}

// WriteFileAtomic writes one file through write into a temporary file
// beside name and renames it, so that name is never left half written: the
// single-file counterpart of Atomic.
func WriteFileAtomic(name string, write func(io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // no-op once renamed
	if err := write(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), name)
}
