package main

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/urfave/cli/v2"

	"camcost/inputs/generate"
)

func demoCommand() *cli.Command {
	cfg := generate.DemoConfig
	return &cli.Command{
		Name:      "demo",
		Usage:     "scrive una cartella di input dimostrativa",
		UsageText: "camcost demo CARTELLA [--force]",
		Description: fmt.Sprintf(`Scrive in CARTELLA i dati di una Camera di Commercio di medie dimensioni
(%d persone), generati una volta per tutte e inclusi nel programma: dati.xlsx,
con un foglio per tabella, e camcost.toml. Sono gli stessi di
"camcost generate CARTELLA --people %d --seed %d --format %s".

La cartella deve essere vuota o non esistere; con --force i file della demo
sostituiscono quelli con lo stesso nome.

Esempio:
  camcost demo demo/input`, cfg.People, cfg.People, cfg.Seed, cfg.Format),
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "force", Usage: "scrive anche in una cartella non vuota"},
		},
		Action: func(c *cli.Context) error {
			args := c.Args().Slice()
			if len(args) != 1 {
				return cli.Exit("demo: indicare una e una sola CARTELLA (camcost demo CARTELLA)", 2)
			}
			return runDemo(c.App.Writer, args[0], c.Bool("force"))
		},
	}
}

func runDemo(stdout io.Writer, dir string, force bool) error {
	if err := checkEmpty(dir, force); err != nil {
		return cli.Exit("demo: "+osText(err), 1)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	for _, name := range generate.DemoFiles {
		b, err := fs.ReadFile(generate.Demo(), name)
		if err != nil {
			return fmt.Errorf("demo: %w", err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			return fmt.Errorf("demo: %w", err)
		}
	}
	_, err := fmt.Fprintf(stdout, "Cartella di input dimostrativa scritta in %s: %d persone (dati.xlsx e %s).\n",
		dir, generate.DemoConfig.People, generate.SettingsFile)
	return err
}
