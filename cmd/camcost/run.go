package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"

	"github.com/urfave/cli/v2"

	"camcost/costing"
	"camcost/inputs"
	"camcost/model"
	"camcost/outputs"
)

// settingsCLIFlags are the flags that override the settings file.
func settingsCLIFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{
			Name:  "method",
			Usage: "`METODO` di ribaltamento dei costi di supporto: diretto, scalare o reciproco (prevale su camcost.toml)",
		},
		&cli.StringSliceFlag{
			Name:  "support-driver",
			Usage: "driver dei servizi di supporto di un tema, `TEMA=DRIVER` (es. B2=mq); ripetibile, prevale su camcost.toml",
		},
	}
}

// settingsFromCLI reads the overrides of the settings; a malformed one is
// a command-line error (exit status 2).
func settingsFromCLI(c *cli.Context) (settingsFlags, error) {
	o, err := model.ParseOverrides(c.String("method"), c.StringSlice("support-driver"))
	if err != nil {
		return settingsFlags{}, cli.Exit(c.Command.Name+": "+err.Error(), 2)
	}
	return settingsFlags{Overrides: o}, nil
}

func runCommand() *cli.Command {
	return &cli.Command{
		Name:      "run",
		Usage:     "calcola i costi dei processi di una cartella di input e scrive i risultati",
		UsageText: "camcost run CARTELLA --out USCITA [--method METODO] [--support-driver TEMA=DRIVER ...]",
		Description: `Legge e controlla la cartella di input (personale, tempi, retribuzioni,
contabilità, driver, volumi, contesto, impostazioni camcost.toml), attribuisce
ogni euro della contabilità fino alle attività della mappa dei processi e scrive
nella cartella USCITA:
  costi-dei-processi.xlsx, conto-economico-per-funzioni.xlsx, indicatori.xlsx
  costs.csv      i costi di ogni nodo della mappa
  trace.csv      ogni passo di attribuzione, dalla riga di contabilità all'attività
  manifest.json  versione, impostazioni, impronte SHA-256 di input e output

Se CARTELLA contiene una sotto-cartella di input per ente (più enti), ogni ente
è calcolato a sé nella sotto-cartella omonima di USCITA, e benchmarking.xlsx
confronta gli enti per ogni indicatore (mediana e quartili del cluster, posizione).

La cartella USCITA è scritta solo se tutto riesce: in caso di errore non resta
nulla di scritto a metà. Se esiste già, deve essere un'uscita precedente di
camcost (con manifest.json) o vuota.

Esempi:
  camcost run dati-2025 --out risultati-2025
  camcost run dati-2025 --out prova-reciproco --method reciproco --support-driver B2=mq`,
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "out", Aliases: []string{"o"}, Usage: "cartella `USCITA` dei risultati", Required: true},
			&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "non mostra l'avanzamento (che compare solo su un terminale, dopo un secondo)"},
		}, settingsCLIFlags()...),
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return cli.Exit("run: indicare una cartella di input (camcost run CARTELLA --out USCITA)", 2)
			}
			sf, err := settingsFromCLI(c)
			if err != nil {
				return err
			}
			return runRun(c.Context, c.App.Writer, c.App.ErrWriter, c.Args().First(), c.String("out"), sf, c.Bool("quiet"))
		},
	}
}

func runRun(ctx context.Context, stdout, stderr io.Writer, dir, out string, sf settingsFlags, quiet bool) error {
	bodies, err := inputs.Bodies(dir)
	if err != nil {
		return fmt.Errorf("run: lettura della cartella: la cartella %s non esiste o non è leggibile", dir)
	}
	if len(bodies) > 0 {
		return runNational(ctx, stdout, stderr, dir, out, bodies, sf, quiet)
	}
	go outputs.Warm()
	prog := newProgress(stderr, quiet, inputBytes(dir), "byte")
	defer prog.Close()
	prog.SetStage("lettura dei dati")
	sf.progress = prog.Add
	in, err := readFolder(dir, sf)
	if err != nil {
		prog.Close()
		return problemsExit(stderr, "run", dir, err)
	}
	prog.Complete() // reading is done, whatever its estimate was
	prog.SetStage("calcolo dei costi")
	res, err := compute(in, nil)
	if err != nil {
		prog.Close()
		return problemsExit(stderr, "run", dir, err)
	}
	prog.SetStage("scrittura dei risultati")
	info := outputs.NewRunInfo(res, filepath.Base(filepath.Clean(dir)))
	info.InputDir = relInputDir(dir, out)
	var man *outputs.Manifest
	err = outputs.Atomic(ctx, out, func(tmp string) error {
		man, err = outputs.WriteBody(tmp, res, info)
		return err
	})
	prog.Close()
	if err != nil {
		return err
	}
	for _, w := range warningsOf(res.Inputs, res.Warnings) {
		fmt.Fprintln(stderr, "attenzione:", w)
	}
	printRunSummary(stdout, res, out, man)
	return nil
}

func printRunSummary(w io.Writer, res *costing.Result, out string, man *outputs.Manifest) {
	fmt.Fprintf(w, "%s: metodo %s, %s FTE\n", man.Ente, res.Settings.Method, model.Italian(res.TotalFTE, model.FTEPlaces))
	fmt.Fprintf(w, "Oneri correnti: in contabilità %s €, attribuiti alle attività %s € (quadratura al centesimo per ogni voce).\n",
		model.Italian(res.OneriCorrenti(), 2), model.Italian(res.Allocated(), 2))
	fmt.Fprintf(w, "Risultati in %s:\n", out)
	for _, f := range man.Outputs {
		fmt.Fprintf(w, "  %s\n", f.Name)
	}
	fmt.Fprintf(w, "  %s\n", outputs.ManifestFile)
}
