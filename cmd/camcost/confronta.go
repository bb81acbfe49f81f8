package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"

	"github.com/shopspring/decimal"
	"github.com/urfave/cli/v2"

	"camcost/model"
	"camcost/outputs"
)

func confrontaCommand() *cli.Command {
	return &cli.Command{
		Name:      "confronta",
		Usage:     "confronta due calcoli dello stesso ente e spiega perché ogni processo costa di più o di meno",
		UsageText: "camcost confronta PRIMA DOPO --out USCITA",
		Description: `Legge due cartelle di uscita di camcost run (di solito due anni dello stesso
ente; anche due metodi o due versioni dello stesso anno) e scrive in USCITA:
  confronto.xlsx  Sintesi con il grafico a ponte, Processi, Costi unitari,
                  Pareto e Differenze di impianto
  confronto.csv   una riga per nodo di uno dei due calcoli, con la variazione
                  del costo pieno scomposta in quattro parti: FTE, costo per
                  FTE, altri costi diretti, ribaltamenti (sommano la
                  variazione al centesimo)
  manifest.json   i due calcoli, identificati dall'impronta del loro manifest

Legge solo le cartelle di uscita (costs.csv, indicatori.xlsx, manifest.json) e
rifiuta una cartella i cui file non corrispondono al suo manifest, una
cartella che non è l'uscita di camcost run e due calcoli di enti diversi.
Con due calcoli di più enti confronta gli enti con lo stesso nome di
sotto-cartella, uno per sotto-cartella di USCITA, e scrive confronto-enti.xlsx
e confronto-enti.csv con i totali di tutti gli enti.

La cartella USCITA è scritta solo se tutto riesce, come per camcost run.

Esempi:
  camcost confronta risultati-2024 risultati-2025 --out confronto-2024-2025
  camcost confronta risultati-2025 prova-reciproco --out effetto-del-metodo`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "out", Aliases: []string{"o"}, Usage: "cartella `USCITA` del confronto", Required: true},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() != 2 {
				return cli.Exit("confronta: indicare le cartelle di uscita dei due calcoli (camcost confronta PRIMA DOPO --out USCITA)", 2)
			}
			return runConfronta(c.Context, c.App.Writer, c.App.ErrWriter, c.Args().Get(0), c.Args().Get(1), c.String("out"))
		},
	}
}

func runConfronta(ctx context.Context, stdout, stderr io.Writer, prima, dopo, out string) error {
	// The output folder replaces whatever camcost wrote there: it must not
	// be, or hold, one of the runs it compares.
	for _, in := range []struct{ name, dir string }{{"PRIMA", prima}, {"DOPO", dopo}} {
		if within(in.dir, out) {
			return cli.Exit(fmt.Sprintf("confronta: la cartella del confronto %s non può essere né contenere %s (%s): sceglierne un'altra", out, in.name, in.dir), 2)
		}
	}
	cf, err := outputs.NewConfronto(
		outputs.Side{Dir: prima, Rel: relInputDir(prima, out)},
		outputs.Side{Dir: dopo, Rel: relInputDir(dopo, out)})
	if err != nil {
		return cli.Exit("confronta: "+err.Error(), 1)
	}
	var man *outputs.ConfrontoManifest
	err = outputs.Atomic(ctx, out, func(tmp string) error {
		man, err = cf.Write(tmp)
		return err
	})
	if err != nil {
		return err
	}
	for _, w := range cf.Warnings {
		fmt.Fprintln(stderr, "attenzione:", w)
	}
	printConfronto(stdout, cf, out, man)
	return nil
}

func printConfronto(w io.Writer, cf *outputs.Confronto, out string, man *outputs.ConfrontoManifest) {
	if cf.Multi() {
		fmt.Fprintf(w, "%d enti confrontati.\n", len(cf.Bodies))
	} else {
		bc := cf.Bodies[0]
		t := bc.Cmp.Total()
		fmt.Fprintf(w, "%s: costo pieno da %s € a %s € (%s €):\n", bc.B.Manifest.Ente,
			model.Italian(t.A.Full, 2), model.Italian(t.B.Full, 2), signed(t.Delta))
		for _, p := range []struct {
			label string
			v     string
		}{
			{"agli FTE", signed(t.Parts.FTE)}, {"al costo per FTE", signed(t.Parts.Pay)},
			{"agli altri costi diretti", signed(t.Parts.OtherDirect)}, {"ai ribaltamenti", signed(t.Parts.Allocation)},
		} {
			fmt.Fprintf(w, "  dovuto %s: %s €\n", p.label, p.v)
		}
	}
	fmt.Fprintf(w, "Risultati in %s:\n", out)
	for _, b := range man.Bodies {
		fmt.Fprintf(w, "  %s/\n", b.Name)
	}
	for _, f := range man.Outputs {
		fmt.Fprintf(w, "  %s\n", f.Name)
	}
	fmt.Fprintf(w, "  %s\n", outputs.ManifestFile)
}

// within reports whether dir is folder or lies inside it.
func within(dir, folder string) bool {
	d, err1 := filepath.Abs(dir)
	f, err2 := filepath.Abs(folder)
	if err1 != nil || err2 != nil {
		return false
	}
	rel, err := filepath.Rel(f, d)
	return err == nil && filepath.IsLocal(rel) || rel == "."
}

// signed writes an amount the Italian way with its sign: +1.234,56.
func signed(d decimal.Decimal) string {
	s := model.Italian(d, 2)
	if d.IsPositive() {
		return "+" + s
	}
	return s
}
