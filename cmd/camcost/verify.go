package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/urfave/cli/v2"

	"camcost/outputs"
)

func verifyCommand() *cli.Command {
	return &cli.Command{
		Name:      "verify",
		Usage:     "riproduce un calcolo dai suoi input e controlla che ogni output sia identico",
		UsageText: "camcost verify USCITA [--inputs CARTELLA]",
		Description: `Legge manifest.json della cartella USCITA, controlla che ogni file di input
elencato abbia ancora la stessa impronta SHA-256 (altrimenti si ferma e dice
quale file è cambiato), rifà il calcolo con le stesse impostazioni e confronta
byte per byte ogni file prodotto con quello registrato. Controlla anche che i
file presenti in USCITA non siano stati modificati dopo il calcolo.

La cartella di input è quella registrata nel manifest (percorso relativo alla
cartella USCITA); --inputs ne indica un'altra, per esempio una copia
consegnata al revisore.

Esempi:
  camcost verify risultati-2025
  camcost verify risultati-2025 --inputs /archivio/dati-2025`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "inputs", Usage: "`CARTELLA` degli input, se non è quella registrata nel manifest"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return cli.Exit("verify: indicare la cartella di uscita di un calcolo (camcost verify USCITA)", 2)
			}
			return runVerify(c.App.Writer, c.Args().First(), c.String("inputs"))
		},
	}
}

// errNotReproduced is returned when verify finds a difference; the details
// have been printed already.
var errNotReproduced = cli.Exit("", 1)

func runVerify(w io.Writer, out, inputsDir string) error {
	man, err := outputs.ReadManifest(out)
	if err != nil {
		return fmt.Errorf("verify: %w", err)
	}
	if inputsDir == "" {
		if man.InputDir == "" {
			return cli.Exit("verify: il manifest non registra la cartella di input: indicarla con --inputs", 2)
		}
		inputsDir = filepath.Join(out, filepath.FromSlash(man.InputDir))
	}
	ok, err := verifyBody(w, out, inputsDir, man)
	if err != nil {
		return err
	}
	if !ok {
		fmt.Fprintln(w, "Verifica NON superata: il calcolo non si riproduce identico.")
		return errNotReproduced
	}
	fmt.Fprintf(w, "Verifica superata: %d file riprodotti identici byte per byte (run %s).\n", len(man.Outputs)+1, man.RunID)
	return nil
}

// verifyBody checks one body's inputs, re-runs it and compares the outputs.
// It returns false when anything differs; an error when it cannot verify.
func verifyBody(w io.Writer, out, inputsDir string, man *outputs.Manifest) (bool, error) {
	// The inputs must be the recorded ones.
	var changed []string
	for _, f := range man.Inputs {
		sum, _, err := outputs.HashFile(filepath.Join(inputsDir, filepath.FromSlash(f.Name)))
		switch {
		case errors.Is(err, os.ErrNotExist):
			changed = append(changed, fmt.Sprintf("%s: manca nella cartella %s", f.Name, inputsDir))
		case err != nil:
			changed = append(changed, fmt.Sprintf("%s: %v", f.Name, err))
		case sum != f.SHA256:
			changed = append(changed, fmt.Sprintf("%s: è cambiato dopo il calcolo (sha256 %s, registrato %s)", f.Name, sum[:12], f.SHA256[:12]))
		}
	}
	if len(changed) > 0 {
		msg := "verify: gli input non sono quelli del calcolo registrato, impossibile riprodurlo:"
		for _, c := range changed {
			msg += "\n  " + c
		}
		return false, cli.Exit(msg, 1)
	}
	ok := true
	// The outputs on disk must be the ones the run wrote.
	for _, d := range outputs.Compare(man, out) {
		fmt.Fprintln(w, "  modificato dopo il calcolo:", d)
		ok = false
	}
	// Re-run with the recorded command-line overrides; the settings file,
	// if any, is among the inputs checked above.
	var sf settingsFlags
	for _, o := range man.Settings.Overrides {
		switch flag, value, _ := strings.Cut(o, " "); flag {
		case "--method":
			sf.Method = value
		case "--support-driver":
			sf.SupportDrivers = append(sf.SupportDrivers, value)
		default:
			return false, fmt.Errorf("verify: opzione registrata nel manifest non riconosciuta: %q", o)
		}
	}
	res, err := costFolder(inputsDir, sf)
	if err != nil {
		return false, fmt.Errorf("verify: il nuovo calcolo non riesce: %w", err)
	}
	var recorded []string
	for _, f := range man.Inputs {
		recorded = append(recorded, f.Name)
	}
	for _, f := range res.Inputs.Files {
		if !slices.Contains(recorded, f.Name) {
			return false, cli.Exit(fmt.Sprintf("verify: la cartella di input contiene %s, che il calcolo registrato non aveva letto", f.Name), 1)
		}
	}
	tmp, err := os.MkdirTemp("", "camcost-verify-")
	if err != nil {
		return false, err
	}
	defer os.RemoveAll(tmp)
	info := outputs.NewRunInfo(res, man.Ente)
	info.Ente, info.InputDir = man.Ente, man.InputDir
	again, err := outputs.WriteBody(tmp, res, info)
	if err != nil {
		return false, err
	}
	want := map[string]string{}
	for _, f := range man.Outputs {
		want[f.Name] = f.SHA256
	}
	for _, f := range again.Outputs {
		switch w0, found := want[f.Name]; {
		case !found:
			fmt.Fprintf(w, "  %s: prodotto ora ma non registrato\n", f.Name)
			ok = false
		case w0 != f.SHA256:
			fmt.Fprintf(w, "  %s: DIVERSO (sha256 %s, registrato %s)\n", f.Name, f.SHA256[:12], w0[:12])
			ok = false
		default:
			fmt.Fprintf(w, "  %s: identico\n", f.Name)
		}
		delete(want, f.Name)
	}
	for name := range want {
		fmt.Fprintf(w, "  %s: registrato ma non prodotto ora\n", name)
		ok = false
	}
	a, err1 := os.ReadFile(filepath.Join(out, outputs.ManifestFile))
	b, err2 := os.ReadFile(filepath.Join(tmp, outputs.ManifestFile))
	switch {
	case err1 != nil || err2 != nil:
		return false, errors.Join(err1, err2)
	case bytes.Equal(a, b):
		fmt.Fprintf(w, "  %s: identico\n", outputs.ManifestFile)
	default:
		fmt.Fprintf(w, "  %s: DIVERSO\n", outputs.ManifestFile)
		ok = false
	}
	return ok, nil
}
