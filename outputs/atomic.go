package outputs

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// Suffixes of the hidden folders beside an output folder while it is
// being replaced.
const (
	tempDirSuffix = ".camcost-tmp"
	oldDirSuffix  = ".camcost-old"
	lockSuffix    = ".camcost-lock"
)

// ErrNotOutput is returned when the output folder exists and holds
// something other than a previous camcost output.
var ErrNotOutput = errors.New("la cartella esiste e non contiene un output di camcost (manifest.json): scegliere un'altra cartella o svuotarla")

// ErrInterrupted is returned when a run is interrupted before its output
// folder is in place.
var ErrInterrupted = errors.New("calcolo interrotto: nessun risultato scritto")

// Atomic writes an output folder all at once: fill writes into a temporary
// folder beside out, unique to this run, which replaces out only when fill
// succeeds and ctx is still live. While it works it holds a lock on out, so
// a second run into the same folder fails at once (ErrBusy) instead of
// mixing its files with this one's. An existing out is replaced only if it
// is empty or a previous camcost output holding nothing that camcost did not
// write, at any depth. On any error or interruption, out is left as it was
// and the temporary folder is removed; what a killed run left behind is
// repaired by the next one (recoverLeftovers), which never deletes the only
// copy of an output.
func Atomic(ctx context.Context, out string, fill func(tmp string) error) error {
	out = filepath.Clean(out)
	parent := filepath.Dir(out)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	unlock, err := lockOutput(out)
	if err != nil {
		return err
	}
	defer unlock()
	if err := recoverLeftovers(out); err != nil {
		return err
	}
	if err := checkReplaceable(out); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(out)+tempDirSuffix+"-")
	if err != nil {
		return err
	}
	defer track(tmp)()
	defer os.RemoveAll(tmp) // no-op once renamed
	if err := os.Chmod(tmp, 0o755); err != nil {
		return err
	}
	if err := fill(tmp); err != nil {
		return err
	}
	if ctx.Err() != nil {
		return ErrInterrupted
	}
	ran, err := commit(func() error { return swap(tmp, out) })
	if !ran {
		return ErrInterrupted
	}
	return err
}

// swap puts the complete output tmp in place of out. A crash between its
// two renames leaves only the previous output, parked aside: the next run
// puts it back (recoverLeftovers).
func swap(tmp, out string) error {
	old := oldDir(out)
	if _, err := os.Stat(out); err == nil {
		if err := os.Rename(out, old); err != nil {
			return err
		}
	}
	if err := os.Rename(tmp, out); err != nil {
		os.Rename(old, out)
		return err
	}
	return os.RemoveAll(old)
}

// oldDir is where the previous output waits while the new one moves in.
func oldDir(out string) string {
	return filepath.Join(filepath.Dir(out), "."+filepath.Base(out)+oldDirSuffix)
}

// ErrBusy is returned when another camcost is writing the same output
// folder.
var ErrBusy = errors.New("un altro calcolo di camcost sta scrivendo in questa cartella: attendere che finisca e rilanciare, o scegliere un'altra cartella di uscita")

// lockPath is the lock file of an output folder, beside it.
func lockPath(out string) string {
	return filepath.Join(filepath.Dir(out), "."+filepath.Base(out)+lockSuffix)
}

// recoverLeftovers repairs what a run killed while holding the lock left
// beside out: its temporary folders are removed, and a previous output
// parked aside is put back if out is missing (the run died between its two
// renames) or removed if out is in place (it died after them).
func recoverLeftovers(out string) error {
	parent, base := filepath.Dir(out), filepath.Base(out)
	entries, err := os.ReadDir(parent)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), "."+base+tempDirSuffix) && e.IsDir() {
			if err := os.RemoveAll(filepath.Join(parent, e.Name())); err != nil {
				return err
			}
		}
	}
	old := oldDir(out)
	if _, err := os.Stat(old); err != nil {
		return nil
	}
	if _, err := os.Lstat(out); errors.Is(err, fs.ErrNotExist) {
		return os.Rename(old, out)
	}
	if _, err := ReadManifest(out); err != nil {
		// out is not a complete output: keep both and let the user choose.
		return fmt.Errorf("%s: un calcolo precedente si è interrotto mentre sostituiva la cartella; l'uscita precedente è in %s: controllare le due cartelle e togliere quella da scartare", out, old)
	}
	return os.RemoveAll(old)
}

// checkReplaceable refuses to replace a folder that is not a previous
// camcost output, or that holds anything that output did not write: a
// file or folder not named by its manifest, or by the manifests of its
// bodies, at any depth.
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
	if _, err := ReadManifest(out); err != nil {
		return fmt.Errorf("%s: %w", out, ErrNotOutput)
	}
	var foreign []string
	if err := foreignFiles(out, "", &foreign); err != nil {
		return err
	}
	if len(foreign) > 0 {
		return fmt.Errorf("%s contiene file che il calcolo precedente non aveva scritto (%s): sostituendo la cartella andrebbero persi; spostarli o scegliere un'altra cartella", out, strings.Join(foreign, ", "))
	}
	return nil
}

// foreignFiles adds to list, as paths relative to the output root, what the
// output folder dir (rel from the root) holds beyond its manifest's files
// and its bodies' folders, and checks each body folder the same way.
func foreignFiles(dir, rel string, list *[]string) error {
	man, err := ReadManifest(dir)
	if err != nil {
		// A body folder without a readable manifest is not ours.
		*list = append(*list, path.Join(rel, ManifestFile)+" (illeggibile o mancante)")
		return nil
	}
	files := map[string]bool{ManifestFile: true}
	for _, f := range man.Outputs {
		files[f.Name] = true
	}
	bodies := map[string]bool{}
	for _, b := range man.Bodies {
		bodies[b.Name] = true
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		name := e.Name()
		switch {
		case e.Type().IsRegular() && files[name]:
		case e.IsDir() && bodies[name]:
			if err := foreignFiles(filepath.Join(dir, name), path.Join(rel, name), list); err != nil {
				return err
			}
		default:
			*list = append(*list, path.Join(rel, name))
		}
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
