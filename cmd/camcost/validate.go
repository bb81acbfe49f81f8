package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/shopspring/decimal"
	"github.com/urfave/cli/v2"

	"camcost/costing"
	"camcost/inputs"
	"camcost/model"
)

func validateCommand() *cli.Command {
	return &cli.Command{
		Name:      "validate",
		Usage:     "legge e controlla una cartella di input, con una prova di calcolo che non scrive nulla",
		UsageText: "camcost validate CARTELLA [--method METODO] [--support-driver TEMA=DRIVER ...]",
		Description: `Legge le tabelle della cartella (personale, tempi, contabilita e le facoltative
retribuzioni, driver, volumi, contesto, mappa), da file .csv o da fogli di file .xlsx,
e le impostazioni di camcost.toml, e controlla ogni regola dei dati di input;
poi prova il calcolo senza scrivere nulla, per trovare anche le chiavi di
ripartizione che valgono zero. Una cartella le cui sotto-cartelle sono cartelle
di input (più enti) è controllata ente per ente.

Se i dati sono validi stampa un riepilogo: persone e FTE, unità di misura dei tempi,
totali della contabilità per voce, totale delle retribuzioni, impostazioni in vigore,
file letti con la loro impronta SHA-256 e gli avvisi. Altrimenti elenca tutti i
problemi trovati, ciascuno con file, foglio, riga e colonna, ed esce con stato 1.

Le impostazioni stanno nel file camcost.toml della cartella (facoltativo; senza,
metodo diretto e ribaltamento per FTE), un file di testo come questo:
  metodo = "diretto"     # diretto, scalare o reciproco
  [driver_supporto]      # driver dei servizi di supporto di un tema di A o B:
  B2 = "mq"              # fte, personale o un driver della tabella driver
Le opzioni --method e --support-driver prevalgono sul file. Le regole complete
sono nella documentazione di camcost, «La cartella di input» (docs/ingressi.md),
paragrafo 8.

Esempi:
  camcost validate dati/2024
  camcost validate dati/2024 --method scalare
  camcost validate dati/2024 --support-driver B2=mq --support-driver A1=personale`,
		Flags: append(settingsCLIFlags(),
			// For make bench: only read and parse, the floor of a run.
			&cli.BoolFlag{Name: "read-only", Hidden: true},
		),
		Action: func(c *cli.Context) error {
			args := c.Args().Slice()
			if len(args) != 1 {
				return cli.Exit("validate: indicare una (sola) cartella di input, es. camcost validate dati/2024", 2)
			}
			sf, err := settingsFromCLI(c)
			if err != nil {
				return err
			}
			bodies, err := inputs.Bodies(args[0])
			if err != nil {
				return fmt.Errorf("validate: lettura della cartella: la cartella %s non esiste o non è leggibile", args[0])
			}
			if len(bodies) > 0 {
				return validateNational(c.Context, c.App.Writer, c.App.ErrWriter, args[0], bodies, sf, c.Bool("read-only"))
			}
			return runValidate(c.App.Writer, c.App.ErrWriter, args[0], sf, c.Bool("read-only"))
		},
	}
}

// runValidate reads dir and prints a summary, or every problem to stderr.
func runValidate(stdout, stderr io.Writer, dir string, sf settingsFlags, readOnly bool) error {
	in, err := readFolder(dir, sf)
	if err != nil {
		return problemsExit(stderr, "validate", dir, err)
	}
	if readOnly {
		fmt.Fprintf(stdout, "Cartella %s: letta, %d persone.\n", dir, len(in.People))
		return nil
	}
	// A dry run of the engine finds what only costing can: keys that are
	// zero everywhere, a singular reciprocal system.
	res, err := compute(in, nil)
	if err != nil {
		return problemsExit(stderr, "validate", dir, err)
	}
	return printSummary(stdout, dir, res)
}

// printSummary writes what a controller checks before a run: who, how
// much time, which amounts, which settings, which files, which warnings.
func printSummary(w io.Writer, dir string, res *costing.Result) error {
	in := res.Inputs
	bw := bufio.NewWriter(w)
	p := func(format string, args ...any) { fmt.Fprintf(bw, format, args...) }

	p("Cartella %s: dati validi.\n\n", dir)

	if in.MapSource == "" {
		p("Mappa dei processi:  predefinita, %d nodi\n", in.Map.Len())
	} else {
		p("Mappa dei processi:  da %s, %d nodi\n", in.MapSource, in.Map.Len())
	}

	bookings := 0
	for _, person := range in.People {
		bookings += len(person.Bookings)
	}
	p("Personale:           %s, FTE totali %s (fte × mesi / 12)\n",
		plural(len(in.People), "persona", "persone"), model.Italian(res.TotalFTE, model.FTEPlaces))
	unit := "in percentuale del tempo di ciascuno"
	if in.TimeUnit == model.Hours {
		unit = "in ore"
	}
	p("Tempi:               %s, %s\n", unit, plural(bookings, "imputazione", "imputazioni")+" per persona e codice")
	if in.HasPayroll {
		var pay decimal.Decimal
		for _, person := range in.People {
			pay = pay.Add(person.Pay)
		}
		p("Retribuzioni:        totale %s €\n", model.Italian(pay, model.CentPlaces))
	} else {
		p("Retribuzioni:        assenti: il costo del personale si ripartisce per FTE\n")
	}

	p("\nContabilità: %s\n", plural(len(in.Ledger), "riga", "righe"))
	var totals [model.NumVoci]decimal.Decimal
	var lines [model.NumVoci]int
	for _, l := range in.Ledger {
		if i, ok := model.VoceIndex(l.Voce); ok {
			totals[i] = totals[i].Add(l.Importo)
			lines[i]++
		}
	}
	section := model.Section(255)
	for i, v := range model.Voci() {
		if lines[i] == 0 {
			continue
		}
		if v.Section != section {
			section = v.Section
			p("  %s\n", section.Label())
		}
		p("    %-42s %18s €  (%s)\n", v.Label, model.Italian(totals[i], model.CentPlaces), plural(lines[i], "riga", "righe"))
	}

	p("\nDriver: %s; volumi: %s; contesto: %s\n",
		plural(len(in.Drivers), "quantità", "quantità"), plural(len(in.Volumes), "riga", "righe"), plural(len(in.Context.Keys), "voce", "voci"))
	for _, c := range in.Context.Entries() {
		p("  %s = %s\n", c.Key, c.Value)
	}

	p("\nImpostazioni:\n")
	p("  metodo di ribaltamento  %s\n", in.Settings.Method)
	if len(in.Settings.SupportDrivers) == 0 {
		p("  driver di supporto      fte per tutti i temi\n")
	}
	for i, d := range in.Settings.SupportDrivers {
		label := ""
		if i == 0 {
			label = "driver di supporto"
		}
		p("  %-23s %s = %s\n", label, d.Tema, d.Driver)
	}
	p("  da                      %s\n", in.Settings.Origin())

	p("\nProva di calcolo: riuscita, %s € di oneri correnti attribuiti alle attività, quadratura al centesimo per ogni voce.\n",
		model.Italian(res.Allocated(), model.CentPlaces))

	p("\nFile letti:\n")
	width := 0
	for _, f := range in.Files {
		width = max(width, utf8.RuneCountInString(f.Name))
	}
	for _, f := range in.Files {
		tables := strings.Join(f.Tables, ", ")
		if tables == "" {
			tables = "impostazioni"
			if !strings.HasSuffix(strings.ToLower(f.Name), ".toml") {
				tables = "nessuna tabella"
			}
		}
		p("  %s%s  sha256 %s  %9s byte  (%s)\n", f.Name, strings.Repeat(" ", width-utf8.RuneCountInString(f.Name)),
			f.SHA256, model.Italian(decimal.NewFromInt(f.Size), 0), tables)
	}

	// Everything run will show, the engine's warnings too.
	warnings := warningsOf(in, res.Warnings)
	if len(warnings) == 0 {
		p("\nNessun avviso.\n")
	} else {
		p("\n%s:\n", plural(len(warnings), "avviso", "avvisi"))
		for _, w := range warnings {
			p("  %s\n", w)
		}
	}
	return bw.Flush()
}

// plural writes n with the singular or plural noun.
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return model.Italian(decimal.NewFromInt(int64(n)), 0) + " " + many
}

// validateNational validates every body of a multi-body folder on the
// available cores and prints a line per body, or every problem with the
// body named.
func validateNational(ctx context.Context, stdout, stderr io.Writer, dir string, bodies []string, sf settingsFlags, readOnly bool) error {
	lines := make([]string, len(bodies))
	warnings := make([][]string, len(bodies))
	errs := parallel(ctx, len(bodies), false, func(i int) error {
		in, err := readFolder(filepath.Join(dir, bodies[i]), sf)
		if err != nil {
			return &bodyError{bodies[i], err}
		}
		if readOnly {
			lines[i] = fmt.Sprintf("%d persone", len(in.People))
			return nil
		}
		res, err := compute(in, nil)
		if err != nil {
			return &bodyError{bodies[i], err}
		}
		warnings[i] = warningsOf(in, res.Warnings)
		lines[i] = fmt.Sprintf("%d persone, %s FTE, oneri correnti %s €", len(in.People),
			model.Italian(res.TotalFTE, model.FTEPlaces), model.Italian(res.OneriCorrenti(), model.CentPlaces))
		if n := len(warnings[i]); n > 0 {
			lines[i] += ", " + plural(n, "avviso", "avvisi")
		}
		return nil
	})
	if len(errs) > 0 {
		for i, name := range bodies {
			if lines[i] != "" {
				fmt.Fprintf(stdout, "  %-24s dati validi: %s\n", name, lines[i])
			}
		}
		return nationalError(stderr, dir, errors.Join(errs...), fmt.Sprintf("validate: %s con dati non validi", plural(len(errs), "ente", "enti")))
	}
	fmt.Fprintf(stdout, "Cartella %s: %d enti, dati validi.\n", dir, len(bodies))
	for i, name := range bodies {
		fmt.Fprintf(stdout, "  %-24s %s\n", name, lines[i])
		for _, w := range warnings[i] {
			fmt.Fprintf(stdout, "      attenzione: %s\n", w)
		}
	}
	return nil
}
