package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/urfave/cli/v2"

	"camcost/indicators"
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
file presenti in USCITA non siano stati modificati dopo il calcolo. Per un
calcolo di più enti verifica ogni ente e il confronto tra enti.

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

// fileCheck is the verdict on one output file.
type fileCheck struct {
	name   string
	status string
	ok     bool
	files  int // files the verdict covers when more than one (a body)
}

func readManifest(out string) (*outputs.Manifest, error) {
	if st, err := os.Stat(out); err != nil || !st.IsDir() {
		return nil, cli.Exit(fmt.Sprintf("verify: la cartella %s non esiste", out), 1)
	}
	man, err := outputs.ReadManifest(out)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, cli.Exit(fmt.Sprintf("verify: %s non contiene manifest.json: non è la cartella di uscita di un calcolo di camcost", out), 1)
	}
	if err != nil {
		return nil, fmt.Errorf("verify: %w", err)
	}
	return man, nil
}

func runVerify(w io.Writer, out, inputsDir string) error {
	man, err := readManifest(out)
	if err != nil {
		return err
	}
	if inputsDir == "" {
		if man.InputDir == "" {
			return cli.Exit("verify: il manifest non registra la cartella di input: indicarla con --inputs", 2)
		}
		inputsDir = filepath.Join(out, filepath.FromSlash(man.InputDir))
	}
	tmp, err := os.MkdirTemp("", "camcost-verify-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)

	var checks []fileCheck
	if len(man.Bodies) > 0 {
		checks, err = verifyNational(w, out, inputsDir, tmp, man)
	} else {
		var v *verified
		v, err = verifyBody(out, inputsDir, tmp, man)
		if v != nil {
			checks = v.checks
		}
	}
	if err != nil {
		return err
	}
	failed, files := 0, 0
	for _, c := range checks {
		fmt.Fprintf(w, "  %s: %s\n", c.name, c.status)
		files += max(c.files, 1)
		if !c.ok {
			failed++
		}
	}
	if failed > 0 {
		verb := "non si riproducono identici"
		if failed == 1 {
			verb = "non si riproduce identico"
		}
		fmt.Fprintf(w, "Verifica NON superata: %d file su %d %s.\n", failed, files, verb)
		return errNotReproduced
	}
	fmt.Fprintf(w, "Verifica superata: %d file riprodotti identici byte per byte (run %s).\n", files, man.RunID)
	return nil
}

// verified is what re-running one body gives: the verdicts and what the
// multi-body benchmarking needs.
type verified struct {
	checks  []fileCheck
	summary indicators.BodySummary
}

// verifyBody checks one body's inputs against its manifest, re-runs it into
// tmp and compares every output with the recorded one and with the file in
// out. An error means it cannot verify (changed inputs, a failed run).
func verifyBody(out, inputsDir, tmp string, man *outputs.Manifest) (*verified, error) {
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
		return nil, cli.Exit("verify: gli input non sono quelli del calcolo registrato, impossibile riprodurlo:\n  "+
			strings.Join(changed, "\n  "), 1)
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
			return nil, fmt.Errorf("verify: opzione registrata nel manifest non riconosciuta: %q", o)
		}
	}
	res, err := costFolder(inputsDir, sf)
	if err != nil {
		return nil, fmt.Errorf("verify: il nuovo calcolo di %s non riesce: %w", inputsDir, err)
	}
	recorded := map[string]bool{}
	for _, f := range man.Inputs {
		recorded[f.Name] = true
	}
	for _, f := range res.Inputs.Files {
		if !recorded[f.Name] {
			return nil, cli.Exit(fmt.Sprintf("verify: la cartella di input %s contiene %s, che il calcolo registrato non aveva letto: toglierlo per verificare", inputsDir, f.Name), 1)
		}
	}
	info := outputs.NewRunInfo(res, man.Ente)
	info.Ente, info.InputDir = man.Ente, man.InputDir
	again, err := outputs.WriteBody(tmp, res, info)
	if err != nil {
		return nil, err
	}
	v := &verified{summary: indicators.Summarize(res, info.Run(filepath.Base(tmp)))}
	v.checks = compareOutputs(man.Outputs, again.Outputs, out, tmp)
	v.checks = append(v.checks, compareFile(outputs.ManifestFile, out, tmp))
	return v, nil
}

// compareOutputs gives, for every output, the verdict of comparing the
// recorded hash, the file in out and the file written again.
func compareOutputs(recorded, again []outputs.File, out, tmp string) []fileCheck {
	now := map[string]string{}
	for _, f := range again {
		now[f.Name] = f.SHA256
	}
	var checks []fileCheck
	for _, f := range recorded {
		disk, _, err := outputs.HashFile(filepath.Join(out, f.Name))
		sum, made := now[f.Name]
		delete(now, f.Name)
		c := fileCheck{name: f.Name}
		switch {
		case !made:
			c.status = "registrato ma non prodotto dal nuovo calcolo"
		case sum != f.SHA256:
			c.status = fmt.Sprintf("DIVERSO: il nuovo calcolo dà sha256 %s, registrato %s", short(sum), short(f.SHA256))
		case err != nil:
			c.status = "riprodotto identico, ma manca nella cartella di uscita"
		case disk != f.SHA256:
			c.status = fmt.Sprintf("riprodotto identico, ma il file nella cartella è stato modificato dopo il calcolo (sha256 %s)", short(disk))
		default:
			c.status, c.ok = "identico", true
		}
		checks = append(checks, c)
	}
	var extra []string
	for name := range now {
		extra = append(extra, name)
	}
	slices.Sort(extra)
	for _, name := range extra {
		checks = append(checks, fileCheck{name: name, status: "prodotto dal nuovo calcolo ma non registrato"})
	}
	return checks
}

// compareFile compares a file of out with the one written again in tmp.
func compareFile(name, out, tmp string) fileCheck {
	a, err1 := os.ReadFile(filepath.Join(out, name))
	b, err2 := os.ReadFile(filepath.Join(tmp, name))
	switch {
	case err1 != nil:
		return fileCheck{name: name, status: "manca nella cartella di uscita"}
	case err2 != nil:
		return fileCheck{name: name, status: "non riprodotto: " + err2.Error()}
	case !bytes.Equal(a, b):
		return fileCheck{name: name, status: "DIVERSO dal file riprodotto"}
	}
	return fileCheck{name: name, status: "identico", ok: true}
}

func short(h string) string {
	if len(h) > 12 {
		return h[:12]
	}
	return h
}

// verifyNational verifies every body of a multi-body output, then the
// benchmarking workbook and the manifest that covers them.
func verifyNational(w io.Writer, out, inputsDir, tmp string, man *outputs.Manifest) ([]fileCheck, error) {
	var checks []fileCheck
	var summaries []indicators.BodySummary
	var mans []*outputs.Manifest
	for _, b := range man.Bodies {
		bodyOut := filepath.Join(out, b.Name)
		bodyMan, err := readManifest(bodyOut)
		if err != nil {
			return nil, err
		}
		bodyTmp := filepath.Join(tmp, b.Name)
		if err := os.Mkdir(bodyTmp, 0o755); err != nil {
			return nil, err
		}
		v, err := verifyBody(bodyOut, filepath.Join(inputsDir, b.Name), bodyTmp, bodyMan)
		var exit cli.ExitCoder
		switch {
		case errors.As(err, &exit):
			return nil, cli.Exit(fmt.Sprintf("ente %s: %s", b.Name, strings.TrimPrefix(exit.Error(), "verify: ")), exit.ExitCode())
		case err != nil:
			return nil, fmt.Errorf("ente %s: %w", b.Name, err)
		}
		good := 0
		for _, c := range v.checks {
			if c.ok {
				good++
				continue
			}
			c.name = b.Name + "/" + c.name
			checks = append(checks, c)
		}
		checks = append(checks, fileCheck{name: b.Name, status: fmt.Sprintf("%d file identici", good), ok: true, files: good})
		summaries = append(summaries, v.summary)
		again, err := outputs.ReadManifest(bodyTmp)
		if err != nil {
			return nil, err
		}
		mans = append(mans, again)
	}
	// Bodies in the input folder that the recorded run did not have.
	bodies, err := bodyFolders(inputsDir)
	if err != nil {
		return nil, err
	}
	for _, name := range bodies {
		if !slices.ContainsFunc(man.Bodies, func(b outputs.Body) bool { return b.Name == name }) {
			return nil, cli.Exit(fmt.Sprintf("verify: la cartella di input contiene l'ente %s, che il calcolo registrato non aveva: toglierlo per verificare", name), 1)
		}
	}
	again, err := outputs.WriteNational(tmp, summaries, mans, outputs.NationalInfo{
		Version: man.Version, Overrides: man.Settings.Overrides, InputDir: man.InputDir,
	})
	if err != nil {
		return nil, err
	}
	checks = append(checks, compareOutputs(man.Outputs, again.Outputs, out, tmp)...)
	checks = append(checks, compareFile(outputs.ManifestFile, out, tmp))
	return checks, nil
}
