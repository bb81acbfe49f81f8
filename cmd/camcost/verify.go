package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/urfave/cli/v2"

	"camcost/costing"
	"camcost/inputs"
	"camcost/model"
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

// rerun is how verify repeats a run: the same reading and costing as run.
var rerun = outputs.Rerun{
	Cost: func(dir string, o model.Overrides) (*costing.Result, error) {
		return costFolder(dir, settingsFlags{Overrides: o}, nil)
	},
	Bodies: inputs.Bodies,
}

// runVerify verifies an output folder and prints a verdict per file.
func runVerify(w io.Writer, out, inputsDir string) error {
	v, err := outputs.Verify(out, inputsDir, rerun)
	var unv *outputs.UnverifiableError
	switch {
	case errors.Is(err, outputs.ErrNoInputDir):
		return cli.Exit("verify: "+err.Error(), 2)
	case errors.As(err, &unv):
		return cli.Exit("verify: "+unv.Msg, 1)
	case err != nil:
		return fmt.Errorf("verify: %w", err)
	}
	for _, c := range v.Checks {
		fmt.Fprintf(w, "  %s: %s\n", c.Name, c.Status)
	}
	if failed := v.Failed(); failed > 0 {
		// Each file's line above says why: a file can reproduce and still
		// differ from the one in the folder.
		verb := "non superano il controllo"
		if failed == 1 {
			verb = "non supera il controllo"
		}
		fmt.Fprintf(w, "Verifica NON superata: %d file su %d %s (il motivo è sulla riga di ciascuno).\n", failed, v.Files(), verb)
		return cli.Exit("", 1)
	}
	fmt.Fprintf(w, "Verifica superata: %d file riprodotti identici byte per byte (esecuzione %s).\n", v.Files(), v.RunID)
	return nil
}
