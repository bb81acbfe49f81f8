package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"

	"github.com/urfave/cli/v2"

	"camcost/costing"
	"camcost/inputs"
	"camcost/model"
)

// settingsFlags are the overrides of the run settings that run and validate
// accept on the command line.
type settingsFlags struct {
	Overrides model.Overrides
	// progress, when set, counts the bytes read.
	progress func(int64)
}

// readFolder reads and validates a run folder with the default map.
func readFolder(dir string, sf settingsFlags) (*model.Inputs, error) {
	if st, err := os.Stat(dir); err != nil {
		return nil, fmt.Errorf("lettura della cartella: la cartella %s non esiste o non è leggibile", dir)
	} else if !st.IsDir() {
		return nil, fmt.Errorf("lettura della cartella: %s non è una cartella", dir)
	}
	m, err := defaultMap()
	if err != nil {
		return nil, err
	}
	return inputs.Read(dir, inputs.Options{DefaultMap: m, Overrides: sf.Overrides, Progress: sf.progress})
}

// costFolder reads a run folder and costs it.
func costFolder(dir string, sf settingsFlags, ws *costing.Workspace) (*costing.Result, error) {
	in, err := readFolder(dir, sf)
	if err != nil {
		return nil, err
	}
	return compute(in, ws)
}

// compute costs the inputs. When costing refuses them, the warnings of
// reading go with its problems, the ones that can explain them first: a
// person without pay makes a personnel key of zero. With a workspace (nil
// for none), the costing reuses its memory (costing.Workspace).
func compute(in *model.Inputs, ws *costing.Workspace) (*costing.Result, error) {
	var res *costing.Result
	var err error
	if ws != nil {
		res, err = ws.Compute(in)
	} else {
		res, err = costing.Compute(in)
	}
	var probs model.Problems
	if err == nil || !errors.As(err, &probs) || len(in.Warnings) == 0 {
		return res, err
	}
	all := slices.Clone(probs)
	for _, w := range in.Warnings {
		w.Warning = true
		all = append(all, w)
	}
	all.Sort()
	return nil, all
}

// relInputDir is the input folder as seen from the output folder.
func relInputDir(in, out string) string {
	ain, err1 := filepath.Abs(in)
	aout, err2 := filepath.Abs(out)
	if err1 != nil || err2 != nil {
		return filepath.ToSlash(in)
	}
	rel, err := filepath.Rel(aout, ain)
	if err != nil {
		return filepath.ToSlash(ain)
	}
	return filepath.ToSlash(rel)
}

// problemsExit prints a list of problems the way a controller reads it,
// one per line under the folder's name, and turns it into exit status 1.
// Other errors come back wrapped with the command's name.
func problemsExit(stderr io.Writer, cmd, dir string, err error) error {
	var probs model.Problems
	if !errors.As(err, &probs) {
		return fmt.Errorf("%s: %w", cmd, err)
	}
	probs = probs.Fold()
	bw := bufio.NewWriter(stderr)
	fmt.Fprintf(bw, "%s: %s nei dati di input:\n", dir, plural(probs.Count(), "problema", "problemi"))
	for _, p := range probs {
		fmt.Fprintf(bw, "  %s\n", p.Error())
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return cli.Exit("", 1)
}

// inputBytes is the size of the files of a run folder that reading goes
// through, for the progress bar.
func inputBytes(dir string) int64 {
	var n int64
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if info, err := e.Info(); err == nil && info.Mode().IsRegular() {
			n += info.Size()
		}
	}
	return n
}
