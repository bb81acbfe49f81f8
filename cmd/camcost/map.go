package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"strings"

	"github.com/urfave/cli/v2"

	"camcost/model"
	"camcost/outputs"
	"camcost/seeds"
)

func mapCommand() *cli.Command {
	return &cli.Command{
		Name:      "map",
		Usage:     "mostra la mappa dei processi o la scrive in un file",
		UsageText: "camcost map [--level LIVELLO] [--out FILE]",
		Description: `Mostra la mappa dei processi predefinita (la mappa ufficiale Unioncamere con
le attività curate): un nodo per riga, codice e nome, rientrato per livello,
dalle macro funzioni fino alle attività.

Con --out la scrive in un file, nel formato dato dall'estensione:
  .csv   colonne code,level,kind,parent,name, come la tabella mappa di una
         cartella di input (UTF-8, separatore virgola)
  .xlsx  un foglio con i livelli raggruppati, da aprire e chiudere in Excel
  .json  un elenco di oggetti con le stesse chiavi del CSV

Esempi:
  camcost map --level servizio
  camcost map --out mappa.xlsx
  camcost map --level funzione --out funzioni.csv`,
		Flags: []cli.Flag{
			&cli.StringFlag{
				Name:  "level",
				Usage: "ultimo `LIVELLO` mostrato: macro, tema (o macroprocesso), funzione (processo), servizio (sottoprocesso) o attivita (azione)",
				Value: model.LevelAttivita.String(),
			},
			&cli.StringFlag{
				Name:    "out",
				Aliases: []string{"o"},
				Usage:   "scrive la mappa in `FILE` (.csv, .xlsx o .json) invece di mostrarla",
			},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return cli.Exit(fmt.Sprintf("map: argomento inatteso %q (per scrivere in un file usare --out)", c.Args().First()), 2)
			}
			return runMap(c.App.Writer, c.String("level"), c.String("out"))
		},
	}
}

// mapWriters are the formats of map --out, by extension.
var mapWriters = map[string]func(io.Writer, *model.Map) error{
	".csv":  outputs.WriteMapCSV,
	".json": outputs.WriteMapJSON,
	".xlsx": outputs.WriteMapXLSX,
}

// levelSynonyms are the other names the guide gives the levels of the
// map: macroprocesso, processo, sottoprocesso, azione.
var levelSynonyms = map[string]model.Level{
	"macrofunzione": model.LevelMacro,
	"macroprocesso": model.LevelTema,
	"processo":      model.LevelFunzione,
	"sottoprocesso": model.LevelServizio,
	"azione":        model.LevelAttivita,
}

// parseLevel reads the level of map --level, by its name or the guide's
// other name for it, in any case, with or without accent and spaces.
func parseLevel(s string) (model.Level, bool) {
	if l, ok := model.ParseLevel(s); ok {
		return l, true
	}
	key := strings.NewReplacer(" ", "", "_", "", "-", "", "à", "a").Replace(strings.ToLower(strings.TrimSpace(s)))
	if l, ok := model.ParseLevel(key); ok {
		return l, true
	}
	l, ok := levelSynonyms[key]
	return l, ok
}

func runMap(stdout io.Writer, level, out string) error {
	last, ok := parseLevel(level)
	if !ok {
		return cli.Exit(fmt.Sprintf("map: livello %q sconosciuto: usare macro, tema (macroprocesso), funzione (processo), servizio (sottoprocesso) o attivita (azione)", level), 2)
	}
	var write func(io.Writer, *model.Map) error
	if out != "" {
		if write = mapWriters[strings.ToLower(filepath.Ext(out))]; write == nil {
			return cli.Exit(fmt.Sprintf("map: non so scrivere %q: l'estensione deve essere .csv, .xlsx o .json", out), 2)
		}
	}
	m, err := seeds.Map()
	if err != nil {
		return err
	}
	if m, err = upToLevel(m, last); err != nil {
		return err
	}
	if out == "" {
		return printMap(stdout, m)
	}
	var buf bytes.Buffer
	if err := write(&buf, m); err != nil {
		return fmt.Errorf("map: %s: %w", out, err)
	}
	if err := outputs.WriteFileAtomic(out, func(w io.Writer) error { _, err := buf.WriteTo(w); return err }); err != nil {
		// The path in err may be the temporary file's: name out instead.
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return fmt.Errorf("map: non posso scrivere %s: %w", out, err)
	}
	_, err = fmt.Fprintf(stdout, "Mappa dei processi scritta in %s (%d nodi)\n", out, m.Len())
	return err
}

// upToLevel returns the nodes of m down to level last.
func upToLevel(m *model.Map, last model.Level) (*model.Map, error) {
	if last == model.LevelAttivita {
		return m, nil
	}
	var nodes []model.Node
	for _, n := range m.Nodes() {
		if n.Level <= last {
			nodes = append(nodes, n)
		}
	}
	return model.NewMap(nodes)
}

// printMap writes the tree, one node a line, indented by level, a blank line
// between macro funzioni.
func printMap(w io.Writer, m *model.Map) error {
	bw := bufio.NewWriter(w)
	for i, n := range m.Nodes() {
		if i > 0 && n.Level == model.LevelMacro {
			bw.WriteByte('\n')
		}
		fmt.Fprintf(bw, "%s%s  %s\n", strings.Repeat("  ", int(n.Level-model.LevelMacro)), n.Code, n.Name)
	}
	return bw.Flush()
}
