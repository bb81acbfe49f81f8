package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// A controller on Windows may never open a terminal: dragging a folder onto
// camcost.exe starts it with that folder as its only argument. Then camcost
// validates the folder and, if it is valid, runs it into a folder beside it
// named CARTELLA-risultati.

// resultsSuffix names the output folder of a dropped folder.
const resultsSuffix = "-risultati"

// droppedFolder reports whether the command line is a single existing
// folder and nothing else.
func droppedFolder(args []string) (string, bool) {
	if len(args) != 2 || strings.HasPrefix(args[1], "-") {
		return "", false
	}
	if findCommand(commands(), args[1]) != nil {
		return "", false
	}
	st, err := os.Stat(args[1])
	if err != nil || !st.IsDir() {
		return "", false
	}
	return args[1], true
}

// runDropped validates dir and, when valid, runs it into dir-risultati.
func runDropped(ctx context.Context, prog, dir string, stdout, stderr io.Writer) int {
	dir = filepath.Clean(dir)
	out := dir + resultsSuffix
	fmt.Fprintf(stdout, "camcost: controllo della cartella %s\n\n", dir)
	if code := execute(ctx, []string{prog, "validate", dir}, stdout, stderr); code != 0 {
		fmt.Fprintf(stderr, "\nNessun calcolo: correggere i dati indicati e riprovare.\n")
		return code
	}
	fmt.Fprintf(stdout, "\ncamcost: calcolo dei costi in %s\n\n", out)
	code := execute(ctx, []string{prog, "run", dir, "--out", out}, stdout, stderr)
	if code == 0 {
		fmt.Fprintf(stdout, "\nLe cartelle di lavoro sono in %s\n", out)
	}
	return code
}
