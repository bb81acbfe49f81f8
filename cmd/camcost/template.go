package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/urfave/cli/v2"

	"camcost/inputs/template"
	"camcost/outputs"
)

func templateCommand() *cli.Command {
	return &cli.Command{
		Name:      "template",
		Usage:     "scrive il modello Excel vuoto da compilare con i dati dell'anno",
		UsageText: "camcost template FILE.xlsx [--force]",
		Description: `Scrive una cartella di lavoro vuota con un foglio per tabella (personale,
retribuzioni, tempi, contabilita, driver, volumi, contesto) e le intestazioni
esatte. Ogni intestazione ha una nota che spiega la colonna; codici, voci e
matricole si scelgono da un menu a tendina (fogli codici e voci). Il foglio
istruzioni spiega come compilarla e dove salvarla.

Il file non deve esistere; con --force viene sostituito.

Esempio:
  camcost template input-2025/dati.xlsx`,
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "force", Usage: "sostituisce il file se esiste già"},
		},
		Action: func(c *cli.Context) error {
			args := c.Args().Slice()
			if len(args) != 1 {
				return cli.Exit("template: indicare uno e un solo FILE.xlsx (camcost template FILE.xlsx)", 2)
			}
			return runTemplate(c.App.Writer, args[0], c.Bool("force"))
		},
	}
}

func runTemplate(stdout io.Writer, path string, force bool) error {
	if !strings.EqualFold(filepath.Ext(path), ".xlsx") {
		return cli.Exit(fmt.Sprintf("template: %s: il modello è una cartella di lavoro Excel, il nome deve finire in .xlsx", path), 2)
	}
	if _, err := os.Stat(path); err == nil && !force {
		return cli.Exit(fmt.Sprintf("template: %s esiste già: usare --force per sostituirlo", path), 1)
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("template: %w", err)
	}
	m, err := defaultMap()
	if err != nil {
		return fmt.Errorf("template: %w", err)
	}
	var buf bytes.Buffer
	if err := template.Write(&buf, m); err != nil {
		return fmt.Errorf("template: %w", err)
	}
	if err := outputs.WriteFileAtomic(path, func(w io.Writer) error { _, err := buf.WriteTo(w); return err }); err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return fmt.Errorf("template: non posso scrivere %s: %w", path, err)
	}
	_, err = fmt.Fprintf(stdout, "Modello scritto in %s: compilare i fogli (le istruzioni sono nel primo) e salvarlo nella cartella di input.\n", path)
	return err
}
