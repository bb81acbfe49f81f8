package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"github.com/urfave/cli/v2"

	"camcost/inputs/generate"
)

func generateCommand() *cli.Command {
	return &cli.Command{
		Name:      "generate",
		Usage:     "genera cartelle di input realistiche per prove e demo",
		UsageText: "camcost generate CARTELLA [--people N] [--bodies N] [--seed S] [--format csv|csv-it|xlsx] [--daily] [--ledger N] [--force]",
		Description: `Scrive in CARTELLA i dati di una Camera di Commercio immaginaria ma
plausibile: personale, retribuzioni, tempi, contabilità, driver, volumi,
contesto e camcost.toml, con i nomi di tabella e di colonna di una cartella di
input. Gli stessi parametri danno sempre gli stessi file, byte per byte. I dati
si possono sempre calcolare con la mappa predefinita.

Con --bodies N > 1 scrive una sotto-cartella per ente, numerata e con il nome
di una città (01-mantova, 02-reggio-emilia, ... con il seme predefinito), e
--people è il personale TOTALE, diviso tra enti di 40-600 persone: servono
almeno 40 × N persone (con 5 enti, --people da 200 a 3000).

Con --daily i tempi sono in ore per mese (colonne ore e periodo), circa 100
righe per persona: per le prove di carico. Un foglio Excel ha al massimo
1.048.576 righe, quindi per molte persone usare --format csv.

Con --ledger N la contabilità di ogni ente ha N righe invece di una
cinquantina: le righe di costo e di provento (non quelle del personale) sono
divise in parti, con destinazioni scelte tra i servizi della mappa e le unità;
i totali per voce non cambiano. Per le prove di carico del primo passo.

La cartella deve essere vuota o non esistere; con --force si scrive anche in una
cartella non vuota: i file con lo stesso nome sono sovrascritti, gli altri
restano (attenzione a non mescolare due formati nella stessa cartella).

Esempi:
  camcost generate prova --people 150 --format xlsx
  camcost generate nazionale --people 6000 --bodies 20 --format csv-it
  camcost generate carico --people 100000 --daily --seed 7
  camcost generate contabilita --people 20000 --ledger 2000`,
		Flags: []cli.Flag{
			&cli.IntFlag{Name: "people", Aliases: []string{"p"}, Value: 150,
				Usage: "`N` persone dell'ente; con --bodies > 1 il totale di tutti gli enti"},
			&cli.IntFlag{Name: "bodies", Aliases: []string{"b"}, Value: 1,
				Usage: "`N` enti, ognuno in una sotto-cartella"},
			&cli.Uint64Flag{Name: "seed", Aliases: []string{"s"}, Value: 1,
				Usage: "`S` sceglie i dati: lo stesso seme dà gli stessi file"},
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: generate.CSV.String(),
				Usage: "`FORMATO` dei file: csv (1234.56), csv-it (come Excel in italiano: ; e 1.234,56) o xlsx (dati.xlsx)"},
			&cli.BoolFlag{Name: "daily", Usage: "tempi in ore per mese, circa 100 righe per persona"},
			&cli.IntFlag{Name: "ledger", Usage: "`N` righe di contabilità per ente (0: quelle di un ente vero, una cinquantina)"},
			&cli.BoolFlag{Name: "force", Usage: "scrive anche in una cartella non vuota"},
		},
		Action: func(c *cli.Context) error {
			args := c.Args().Slice()
			if len(args) != 1 {
				return cli.Exit("generate: indicare una e una sola CARTELLA (camcost generate CARTELLA)", 2)
			}
			format, err := generate.ParseFormat(c.String("format"))
			if err != nil {
				return cli.Exit("generate: "+err.Error(), 2)
			}
			cfg := generate.Config{
				People: c.Int("people"),
				Bodies: c.Int("bodies"),
				Seed:   c.Uint64("seed"),
				Format: format,
				Daily:  c.Bool("daily"),
				Ledger: c.Int("ledger"),
			}
			return runGenerate(c.App.Writer, args[0], cfg, c.Bool("force"))
		},
	}
}

func runGenerate(stdout io.Writer, dir string, cfg generate.Config, force bool) error {
	m, err := defaultMap()
	if err != nil {
		return fmt.Errorf("generate: %w", err)
	}
	if err := generate.Check(m, cfg); err != nil {
		return cli.Exit("generate: "+err.Error(), 2)
	}
	if err := checkEmpty(dir, force); err != nil {
		return cli.Exit("generate: "+osText(err), 1)
	}
	if err := generate.Generate(dir, m, cfg); err != nil {
		return fmt.Errorf("generate: %w", err)
	}
	enti := "1 ente"
	if cfg.Bodies > 1 {
		enti = fmt.Sprintf("%d enti, una sotto-cartella ciascuno", cfg.Bodies)
	}
	tempi := "tempi in percentuale"
	if cfg.Daily {
		tempi = "tempi in ore per mese"
	}
	_, err = fmt.Fprintf(stdout, "Cartella di input scritta in %s: %d persone, %s, formato %s, %s, seme %d.\n",
		dir, cfg.People, enti, cfg.Format, tempi, cfg.Seed)
	return err
}

// checkEmpty refuses a directory that holds anything, unless force is set;
// a directory that does not exist is fine.
func checkEmpty(dir string, force bool) error {
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return err
	case len(entries) > 0 && !force:
		return fmt.Errorf("la cartella %s non è vuota: usare --force per scriverci comunque", dir)
	}
	return nil
}
