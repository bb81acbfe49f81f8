package main

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/urfave/cli/v2"

	"camcost/explain"
	"camcost/model"
	"camcost/outputs"
)

func spiegaCommand() *cli.Command {
	return &cli.Command{
		Name:      "spiega",
		Usage:     "spiega come si forma il costo pieno di un nodo, fase per fase, fino alle righe di contabilità",
		UsageText: "camcost spiega USCITA CODICE [--csv] [--out FILE.xlsx] [--righe N] [--inputs CARTELLA]",
		Description: `Legge la cartella USCITA scritta da camcost run (con più enti, la cartella di
un ente) e mostra come si forma il costo pieno del nodo CODICE, di qualsiasi
livello (per una macro funzione, un tema o una funzione, sommando tutto ciò che
sta sotto):
  fase 1  le righe di contabilità arrivate al nodo (conto, descrizione, voce,
          regola e quota), le più grandi prima, le altre in una riga sola; il
          personale per qualifica, mai per persona;
  fase 2  ciò che ha ricevuto da ogni nodo di coordinamento e formazione;
  fase 3  ciò che ha ricevuto da ogni servizio di supporto, con driver e quota
          (per un nodo di supporto, ciò che ha ceduto e a chi);
  fase 4  per un servizio, ciò che è andato a ciascuna attività; per
          un'attività, ciò che ha ricevuto dal suo servizio;
  fase 5  l'arrotondamento al centesimo.
Le righe sommano esattamente al costo pieno di costs.csv.

Legge solo trace.csv, costs.csv e manifest.json, e rifiuta una cartella i cui
file non hanno più l'impronta registrata nel manifesto. Per dividere il
personale per qualifica legge anche personale, tempi e retribuzioni dalla
cartella di input registrata nel manifesto (o da --inputs), solo se hanno
ancora l'impronta registrata; altrimenti lo dice e mostra le righe di
contabilità del personale. Le qualifiche con meno di 3 persone sono riunite in
«altre qualifiche».

Con --csv scrive le stesse righe in CSV (stage,source,description,amount, gli
importi esatti); con --out anche una cartella di lavoro di un foglio, da far
circolare (fuori dalla cartella USCITA).

Esempi:
  camcost spiega risultati-2025 C2.5.8
  camcost spiega risultati-2025 C --righe 20
  camcost spiega risultati-2025 C2.5.8.1 --csv > C2.5.8.1.csv
  camcost spiega risultati-2025 B3.1.1 --out spiegazione-B3.1.1.xlsx`,
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "csv", Usage: "scrive le righe in CSV invece del testo"},
			&cli.StringFlag{Name: "out", Aliases: []string{"o"}, Usage: "scrive anche la cartella di lavoro `FILE.xlsx`"},
			&cli.IntFlag{Name: "righe", Value: explain.DefaultLines, Usage: "`N` righe per elenco prima di riunire le altre in una sola (0: tutte)"},
			&cli.StringFlag{Name: "inputs", Usage: "`CARTELLA` degli input, se non è quella registrata nel manifest (solo per il personale per qualifica)"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() != 2 {
				return cli.Exit("spiega: indicare la cartella dei risultati e il codice di un nodo (camcost spiega USCITA CODICE)", 2)
			}
			opt := spiegaOptions{csv: c.Bool("csv"), xlsx: c.String("out"), lines: c.Int("righe"), inputs: c.String("inputs")}
			return runSpiega(c.App.Writer, c.App.ErrWriter, c.Args().Get(0), c.Args().Get(1), opt)
		},
	}
}

type spiegaOptions struct {
	csv    bool
	xlsx   string // the workbook to write, if any
	lines  int    // 0: every row
	inputs string // the input folder, when not the manifest's
}

// runSpiega explains the costo pieno of code from the output folder out.
func runSpiega(stdout, stderr io.Writer, out, code string, opt spiegaOptions) error {
	if opt.xlsx != "" {
		if err := checkWorkbookPath(opt.xlsx, out); err != nil {
			return err
		}
	}
	if opt.lines < 0 {
		return cli.Exit(fmt.Sprintf("spiega: --righe %d: indicare un numero di righe, o 0 per tutte", opt.lines), 2)
	}
	lines := opt.lines
	if lines == 0 {
		lines = -1
	}
	src, err := outputs.OpenExplainSource(out)
	var refused *outputs.RefusedError
	if errors.As(err, &refused) {
		return cli.Exit("spiega: "+refused.Msg, 1)
	}
	if err != nil {
		return fmt.Errorf("spiega: %w", err)
	}
	node, err := explain.Lookup(src.Map, code)
	if err != nil {
		return cli.Exit("spiega: "+err.Error(), 2)
	}
	b, err := explain.New(src.Map, node.Code, explain.Options{Lines: lines})
	if err != nil {
		return fmt.Errorf("spiega: %w", err)
	}
	if err := src.ScanTrace(b.Wants, b.Add); err != nil {
		if errors.As(err, &refused) {
			return cli.Exit("spiega: "+refused.Msg, 1)
		}
		return fmt.Errorf("spiega: %w", err)
	}
	if b.NeedsStaff() {
		b.SetStaff(loadStaff(src, opt.inputs, b.Covers))
	}
	e, err := b.Explain(src.Figures[node.Code])
	if err != nil {
		return fmt.Errorf("spiega: %w", err)
	}

	info, method := src.Manifest.RunInfo(), src.Manifest.Settings.Method
	if opt.csv {
		if err := outputs.WriteExplanationCSV(stdout, e); err != nil {
			return err
		}
		for _, n := range e.Notes {
			fmt.Fprintln(stderr, "nota:", n)
		}
	} else if err := outputs.WriteExplanationText(stdout, e, info, method); err != nil {
		return err
	}
	if opt.xlsx == "" {
		return nil
	}
	err = outputs.WriteFileAtomic(opt.xlsx, func(w io.Writer) error {
		return outputs.WriteExplanationWorkbook(w, e, info, method)
	})
	if err != nil {
		return fmt.Errorf("spiega: scrittura di %s: %w", opt.xlsx, err)
	}
	said := stdout
	if opt.csv {
		said = stderr
	}
	fmt.Fprintf(said, "Cartella di lavoro scritta in %s.\n", opt.xlsx)
	return nil
}

// checkWorkbookPath accepts a .xlsx path outside the output folder: a file
// added to it would stop the next camcost run from replacing it.
func checkWorkbookPath(path, out string) error {
	if !strings.EqualFold(filepath.Ext(path), ".xlsx") {
		return cli.Exit(fmt.Sprintf("spiega: --out %s: la cartella di lavoro deve avere l'estensione .xlsx", path), 2)
	}
	dir, err1 := filepath.Abs(filepath.Dir(path))
	o, err2 := filepath.Abs(out)
	if err1 == nil && err2 == nil {
		if rel, err := filepath.Rel(o, dir); err == nil && filepath.IsLocal(rel) || dir == o {
			return cli.Exit(fmt.Sprintf("spiega: --out %s: scrivere la cartella di lavoro fuori dalla cartella dei risultati %s, "+
				"che deve contenere solo i file del calcolo", path, out), 2)
		}
	}
	return nil
}

// loadStaff reads the staff of the run from its input folder, for the
// split of personnel cost by qualifica of the nodes keep accepts, if the
// folder still holds the inputs of the run; otherwise it says why not.
func loadStaff(src *outputs.ExplainSource, inputsDir string, keep func(model.Code) bool) (*explain.Staff, string) {
	if inputsDir == "" {
		if inputsDir = src.InputDir(); inputsDir == "" {
			return nil, "il manifesto non registra la cartella di input (indicarla con --inputs)."
		}
	}
	man := src.Manifest
	for _, f := range man.Inputs {
		if !filepath.IsLocal(filepath.FromSlash(f.Name)) {
			return nil, fmt.Sprintf("il manifesto nomina un input fuori dalla sua cartella (%s).", f.Name)
		}
	}
	if changed := outputs.ChangedInputs(man, inputsDir); len(changed) > 0 {
		return nil, fmt.Sprintf("i file di input non sono quelli del calcolo (%s); si può indicare la cartella giusta con --inputs.",
			strings.Join(changed, "; "))
	}
	overrides, err := model.ParseOverrideArgs(man.Settings.Overrides)
	if err != nil {
		return nil, fmt.Sprintf("manifest.json: %v.", err)
	}
	in, err := readFolder(inputsDir, settingsFlags{Overrides: overrides})
	if err != nil {
		return nil, fmt.Sprintf("la cartella di input %s non si legge (%v).", inputsDir, err)
	}
	return explain.NewStaff(in, keep), ""
}
