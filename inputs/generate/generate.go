// Package generate writes realistic, deterministic run folders: the staff,
// payroll, time sheets and conto economico of imaginary Camere di Commercio,
// for demos, tests and stress benchmarks.
//
// The same Config and process map always give byte-identical files. The
// generator learns the map it is given (temas, servizi, attività,
// coordinamento and formazione nodes) and makes data that can be costed on it:
// every tema with a servizio is staffed, every regular servizio has time, and
// every destination and driver of the ledger points at nodes with time.
package generate

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"camcost/model"
)

// Format is the file format of the generated tables.
type Format uint8

// The formats of docs/ingressi.md: plain CSV, CSV as Italian Excel saves it, and one
// workbook with a sheet per table.
const (
	CSV Format = iota
	CSVIt
	XLSX
)

var formatNames = [...]string{"csv", "csv-it", "xlsx"}

func (f Format) String() string {
	if int(f) < len(formatNames) {
		return formatNames[f]
	}
	return fmt.Sprintf("Format(%d)", f)
}

// ParseFormat reads a format name: csv, csv-it or xlsx.
func ParseFormat(s string) (Format, error) {
	for i, n := range formatNames {
		if strings.EqualFold(strings.TrimSpace(s), n) {
			return Format(i), nil
		}
	}
	return 0, fmt.Errorf("formato %q sconosciuto: usare csv, csv-it o xlsx", s)
}

// Config says what to generate.
type Config struct {
	// People is the staff of the body, or the total staff of all bodies
	// when Bodies > 1.
	People int
	// Bodies is the number of Camere di Commercio: with more than one,
	// each gets a sub-folder and a size between MinBodyPeople and
	// MaxBodyPeople.
	Bodies int
	// Seed chooses the data; the same seed gives the same files.
	Seed   uint64
	Format Format
	// Daily writes the time sheet in hours with a month (ore, periodo),
	// about 100 rows per person, instead of yearly percentages.
	Daily bool
	// Ledger, when larger than the ledger a body would have (about 50
	// lines), spreads each positive non-personale line over several
	// destinations, servizi and units drawn from the map, until the body's
	// ledger has Ledger lines: for load tests of stage 1 and trace.csv.
	// The totals by voce do not change; 0 keeps the ledger as it is.
	Ledger int
}

// The size range of one body in a multi-body run.
const (
	MinBodyPeople = 40
	MaxBodyPeople = 600
)

// Year is the year of the generated accounts.
const Year = 2025

// SettingsFile is the name of the run settings file in a run folder.
const SettingsFile = "camcost.toml"

// Generate writes the run folder(s) of cfg into dir, creating it if needed.
// With Bodies <= 1 dir is one run folder; with more, dir holds one sub-folder
// per body, named like 01-bergamo.
func Generate(dir string, m *model.Map, cfg Config) error {
	s, err := analyse(m)
	if err != nil {
		return err
	}
	if cfg.Format > XLSX {
		return fmt.Errorf("formato %d sconosciuto", cfg.Format)
	}
	bodies, err := planBodies(cfg)
	if err != nil {
		return err
	}
	for i := range bodies {
		if len(bodies) > 1 {
			bodies[i].dir = filepath.Join(dir, bodies[i].dir)
		} else {
			bodies[i].dir = dir
		}
		if need := minPeople(s); bodies[i].people < need {
			return fmt.Errorf("%s: servono almeno %d persone per coprire i %d servizi della mappa (richieste %d)",
				bodies[i].city.name, need, len(s.servizi), bodies[i].people)
		}
	}
	// Bodies are independent: each has its own random streams and files,
	// so they are written in parallel without changing a byte.
	errs := make([]error, len(bodies))
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for i := range bodies {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			if err := writeBody(s, cfg, bodies[i]); err != nil {
				errs[i] = fmt.Errorf("%s: %w", bodies[i].dir, err)
			}
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
}

// body is one Camera di Commercio to generate.
type body struct {
	index  int
	dir    string
	people int
	city   city
}

// Random streams: each body and purpose has its own PCG stream, so changing
// how one table is made does not change the others.
const (
	streamPlan uint64 = iota + 1
	streamOrg
	streamPeople
	streamHours
	streamLedger
	streamSpread
)

func rng(cfg Config, b int, stream uint64) *rand.Rand {
	return rand.New(rand.NewPCG(cfg.Seed, uint64(b)<<8|stream))
}

// planBodies chooses the cities and sizes of the bodies.
func planBodies(cfg Config) ([]body, error) {
	r := rng(cfg, 0, streamPlan)
	if cfg.People < 1 {
		return nil, fmt.Errorf("numero di persone non valido: %d", cfg.People)
	}
	if cfg.Bodies <= 1 {
		c := cities[r.IntN(len(cities))]
		return []body{{index: 0, people: cfg.People, city: c}}, nil
	}
	n := cfg.Bodies
	if n > len(cities) {
		return nil, fmt.Errorf("al massimo %d enti: ne sono stati chiesti %d", len(cities), n)
	}
	if cfg.People < n*MinBodyPeople || cfg.People > n*MaxBodyPeople {
		return nil, fmt.Errorf("con %d enti il personale totale deve stare tra %d e %d persone (%d-%d per ente): richieste %d",
			n, n*MinBodyPeople, n*MaxBodyPeople, MinBodyPeople, MaxBodyPeople, cfg.People)
	}
	perm := r.Perm(len(cities))
	sizes := spreadSizes(r, n, cfg.People)
	width := max(2, len(fmt.Sprint(n)))
	out := make([]body, n)
	for i := range out {
		c := cities[perm[i]]
		out[i] = body{index: i + 1, people: sizes[i], city: c, dir: fmt.Sprintf("%0*d-%s", width, i+1, c.slug)}
	}
	return out, nil
}

// spreadSizes draws n body sizes in [MinBodyPeople, MaxBodyPeople] summing to
// total: skewed raw sizes (many small chambers, a few large ones) scaled until
// they reach the total, then trimmed one person at a time.
func spreadSizes(r *rand.Rand, n, total int) []int {
	raw := make([]int64, n)
	for i := range raw {
		x := r.Int64N(1001)
		raw[i] = MinBodyPeople + (MaxBodyPeople-MinBodyPeople)*x*x/1_000_000
	}
	size := func(scale int64) ([]int, int) {
		out := make([]int, n)
		sum := 0
		for i, w := range raw {
			out[i] = int(min(MaxBodyPeople, max(MinBodyPeople, w*scale/1000)))
			sum += out[i]
		}
		return out, sum
	}
	lo, hi := int64(0), int64(1000*MaxBodyPeople) // scale in thousandths
	for lo < hi {
		mid := (lo + hi) / 2
		if _, sum := size(mid); sum >= total {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	out, sum := size(lo)
	for i := 0; sum > total; i = (i + 1) % n {
		if out[i] > MinBodyPeople {
			out[i]--
			sum--
		}
	}
	return out
}

// The columns of the tables, as docs/ingressi.md names them.
var (
	colsPersonale = []column{
		{"matricola", kText, 12}, {"qualifica", kText, 12}, {"fte", kFTE, 8},
		{"mesi", kInt, 7}, {"unita", kText, 30},
	}
	colsRetribuzioni = []column{{"matricola", kText, 12}, {"voce", kText, 28}, {"importo", kMoney, 14}}
	colsTempiPct     = []column{{"matricola", kText, 12}, {"codice", kText, 12}, {"percentuale", kPct, 12}}
	colsTempiOre     = []column{{"matricola", kText, 12}, {"codice", kText, 12}, {"ore", kPct, 8}, {"periodo", kInt, 9}}
	colsContabilita  = []column{
		{"conto", kText, 9}, {"descrizione", kText, 60}, {"voce", kText, 28},
		{"importo", kMoney, 16}, {"destinazione", kText, 30}, {"driver", kText, 10},
	}
	colsDriver   = []column{{"driver", kText, 10}, {"codice", kText, 32}, {"quantita", kQty, 12}}
	colsVolumi   = []column{{"codice", kText, 10}, {"misura", kText, 48}, {"quantita", kQty, 12}}
	colsContesto = []column{{"chiave", kText, 20}, {"valore", kText, 40}}
)

// writeBody writes one run folder.
func writeBody(s *shape, cfg Config, b body) (err error) {
	if err := os.MkdirAll(b.dir, 0o755); err != nil {
		return err
	}
	o, err := staff(s, b.people, rng(cfg, b.index, streamOrg))
	if err != nil {
		return err
	}
	ente := "Camera di Commercio di " + b.city.name
	out, err := newSink(b.dir, cfg.Format, docProps{
		title:   "Dati di input " + ente + " " + fmt.Sprint(Year),
		subject: "Personale, tempi, retribuzioni e conto economico per il calcolo dei costi dei processi",
		created: fmt.Sprintf("%d-12-31T00:00:00Z", Year),
	})
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			out.discard()
			return
		}
		err = out.close()
	}()
	people, err := writePeople(s, o, cfg, b, out)
	if err != nil {
		return err
	}
	bk := newBook(s, o, people, b, rng(cfg, b.index, streamLedger))
	if cfg.Ledger > 0 {
		bk.spreadLedger(cfg.Ledger, rng(cfg, b.index, streamSpread))
	}
	if err := bk.write(out); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(b.dir, SettingsFile), []byte(bk.settings()), 0o644)
}
