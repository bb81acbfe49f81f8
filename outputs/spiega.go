package outputs

import (
	"bufio"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"camcost/explain"
	"camcost/model"
)

// This file reads an output folder back for camcost spiega: the manifest,
// costs.csv whole, trace.csv as a stream, each checked against the hashes
// the manifest records.

// RefusedError says why an output folder cannot be explained; the message
// is for the user.
type RefusedError struct{ Msg string }

func (e *RefusedError) Error() string { return e.Msg }

func refused(format string, args ...any) error {
	return &RefusedError{Msg: fmt.Sprintf(format, args...)}
}

// ExplainSource is a body's output folder opened for an explanation: its
// manifest, and the map and figures of its costs.csv, every output but
// trace.csv checked against its recorded hash (ScanTrace checks trace.csv
// as it reads it).
type ExplainSource struct {
	Dir      string
	Manifest *Manifest
	Map      *model.Map
	Figures  map[model.Code]explain.Figures
}

// OpenExplainSource opens the output folder dir of a run (a body's folder
// in a multi-body run). It refuses, with a *RefusedError, a folder that is
// not one, and one whose files do not hash as its manifest records.
func OpenExplainSource(dir string) (*ExplainSource, error) {
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return nil, refused("la cartella %s non esiste", dir)
	}
	man, err := ReadManifest(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, refused("%s non contiene manifest.json: non è la cartella dei risultati di un calcolo di camcost", dir)
	}
	if err != nil {
		return nil, refused("%v", err)
	}
	if len(man.Bodies) > 0 {
		var names []string
		for _, b := range man.Bodies {
			names = append(names, filepath.Join(dir, b.Name))
		}
		return nil, refused("%s è la cartella di un calcolo di più enti: indicare la cartella di un ente (%s)", dir, strings.Join(names, ", "))
	}
	recorded := map[string]File{}
	for _, f := range man.Outputs {
		if !filepath.IsLocal(filepath.FromSlash(f.Name)) {
			return nil, refused("manifest.json nomina un file fuori dalla sua cartella (%s): il manifesto è stato modificato", f.Name)
		}
		recorded[f.Name] = f
	}
	for _, name := range []string{CostsFile, TraceFile} {
		if _, ok := recorded[name]; !ok {
			return nil, refused("il manifesto di %s non elenca %s: non è la cartella dei risultati di un ente", dir, name)
		}
	}
	var changed []string
	for _, f := range man.Outputs {
		if f.Name == TraceFile {
			continue
		}
		if msg := changedOutput(dir, f); msg != "" {
			changed = append(changed, msg)
		}
	}
	if len(changed) > 0 {
		return nil, tampered(dir, changed)
	}
	src := &ExplainSource{Dir: dir, Manifest: man}
	f, err := os.Open(filepath.Join(dir, CostsFile))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	src.Map, src.Figures, err = ReadCosts(f)
	if err != nil {
		return nil, err
	}
	return src, nil
}

// changedOutput says how an output differs from its manifest entry, or ""
// when it does not.
func changedOutput(dir string, f File) string {
	sum, _, err := HashFile(filepath.Join(dir, filepath.FromSlash(f.Name)))
	switch {
	case errors.Is(err, os.ErrNotExist):
		return f.Name + ": manca"
	case err != nil:
		return fmt.Sprintf("%s: %v", f.Name, err)
	case sum != f.SHA256:
		return fmt.Sprintf("%s: è stato modificato dopo il calcolo (sha256 %s, registrato %s)", f.Name, short(sum), short(f.SHA256))
	}
	return ""
}

func tampered(dir string, changed []string) error {
	return refused("i risultati in %s non sono quelli scritti dal calcolo, e camcost spiega non li legge:\n  %s\n"+
		"Rifare il calcolo con camcost run, o controllarlo con camcost verify.", dir, strings.Join(changed, "\n  "))
}

// RunInfo describes the run the manifest records, for the headings.
func (m *Manifest) RunInfo() RunInfo {
	return RunInfo{RunID: m.RunID, Version: m.Version, Ente: m.Ente, Anno: m.Anno, InputDir: m.InputDir}
}

// InputDir is the run's input folder as seen from here, or "" when the
// manifest does not record it.
func (s *ExplainSource) InputDir() string {
	if s.Manifest.InputDir == "" {
		return ""
	}
	return filepath.Join(s.Dir, filepath.FromSlash(s.Manifest.InputDir))
}

// ScanTrace streams trace.csv, giving add the rows wants accepts, and
// checks the file's hash as it goes: a file that does not hash as the
// manifest records is refused, whatever add was given.
func (s *ExplainSource) ScanTrace(wants func(target, source string) bool, add func(explain.Step)) error {
	f, err := os.Open(filepath.Join(s.Dir, TraceFile))
	if errors.Is(err, fs.ErrNotExist) {
		return tampered(s.Dir, []string{TraceFile + ": manca"})
	}
	if err != nil {
		return err
	}
	defer f.Close()
	h := sha256.New()
	r := io.TeeReader(f, h)
	scanErr := ScanTrace(r, wants, add)
	if _, err := io.Copy(io.Discard, r); err != nil {
		return err
	}
	var want File
	for _, o := range s.Manifest.Outputs {
		if o.Name == TraceFile {
			want = o
		}
	}
	if sum := hex.EncodeToString(h.Sum(nil)); sum != want.SHA256 {
		return tampered(s.Dir, []string{fmt.Sprintf("%s: è stato modificato dopo il calcolo (sha256 %s, registrato %s)", TraceFile, short(sum), short(want.SHA256))})
	}
	return scanErr
}

// ScanTrace reads trace.csv from r and gives add every row whose target
// and source wants accepts (both as written, before the CSV-injection
// guard). The documented columns must come first, in order; a descrizione
// column is read where there is one, other columns are ignored. Only the
// rows wanted have their numbers parsed.
func ScanTrace(r io.Reader, wants func(target, source string) bool, add func(explain.Step)) error {
	cr := csv.NewReader(bufio.NewReaderSize(r, 1<<16))
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err != nil {
		return fmt.Errorf("%s: intestazione non leggibile: %w", TraceFile, err)
	}
	const known = 10 // stage ... conto, the columns every trace.csv has
	if len(header) < known || !slices.Equal(header[:known], TraceHeader[:known]) {
		return fmt.Errorf("%s: l'intestazione non è quella di trace.csv (%s)", TraceFile, strings.Join(TraceHeader[:known], ","))
	}
	descr := slices.Index(header, "descrizione")
	for line := 2; ; line++ {
		rec, err := cr.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s: %w", TraceFile, err)
		}
		target, source := UnsafeText(rec[2]), UnsafeText(rec[1])
		if !wants(target, source) {
			continue
		}
		s, err := traceStep(rec, descr)
		if err != nil {
			return fmt.Errorf("%s, riga %d: %w", TraceFile, line, err)
		}
		s.Target, s.Source = model.Code(target), source
		add(s)
	}
}

// traceStep parses the fields of a trace row but target and source.
func traceStep(rec []string, descr int) (explain.Step, error) {
	var s explain.Step
	var err error
	if s.Stage, err = strconv.Atoi(rec[0]); err != nil {
		return s, fmt.Errorf("colonna stage: %q non è una fase", rec[0])
	}
	s.Driver = UnsafeText(rec[3])
	if rec[4] != "" || rec[5] != "" {
		s.HasKey = true
		if s.Key, err = decimal.NewFromString(rec[4]); err != nil {
			return s, fmt.Errorf("colonna key: %q non è un numero", rec[4])
		}
		if s.Share, err = decimal.NewFromString(rec[5]); err != nil {
			return s, fmt.Errorf("colonna share: %q non è un numero", rec[5])
		}
	}
	if s.Amount, err = decimal.NewFromString(rec[6]); err != nil {
		return s, fmt.Errorf("colonna amount: %q non è un numero", rec[6])
	}
	s.Voce = model.Voce(rec[7])
	if _, ok := s.Voce.Info(); !ok {
		return s, fmt.Errorf("colonna voce: %q non è una voce", rec[7])
	}
	s.Figure = rec[8]
	s.Conto = UnsafeText(rec[9])
	if descr >= 0 && descr < len(rec) {
		s.Descrizione = UnsafeText(rec[descr])
	}
	return s, nil
}

// ReadCosts reads costs.csv: the map it lists (code, level, kind, parent,
// name of every node) and the euro figures of every node.
func ReadCosts(r io.Reader) (*model.Map, map[model.Code]explain.Figures, error) {
	recs, err := csv.NewReader(bufio.NewReader(r)).ReadAll()
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", CostsFile, err)
	}
	if len(recs) == 0 {
		return nil, nil, fmt.Errorf("%s è vuoto", CostsFile)
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	names := []string{"code", "level", "kind", "parent", "name", "fte", "direct", "from_coordination", "from_support", "to_others", "full"}
	for _, n := range names {
		if _, ok := col[n]; !ok {
			return nil, nil, fmt.Errorf("%s: manca la colonna %s", CostsFile, n)
		}
	}
	nodes := make([]model.Node, 0, len(recs)-1)
	figs := make(map[model.Code]explain.Figures, len(recs)-1)
	for k, rec := range recs[1:] {
		bad := func(c, what string) error {
			return fmt.Errorf("%s, riga %d: colonna %s: %q %s", CostsFile, k+2, c, rec[col[c]], what)
		}
		n := model.Node{Code: model.Code(UnsafeText(rec[col["code"]])), Name: UnsafeText(rec[col["name"]]), Parent: model.Code(UnsafeText(rec[col["parent"]]))}
		var ok bool
		if n.Level, ok = model.ParseLevel(rec[col["level"]]); !ok {
			return nil, nil, bad("level", "non è un livello")
		}
		if n.Kind, ok = model.ParseKind(rec[col["kind"]]); !ok {
			return nil, nil, bad("kind", "non è un tipo di nodo")
		}
		var f explain.Figures
		for _, p := range []struct {
			name string
			to   *decimal.Decimal
		}{{"fte", &f.FTE}, {"direct", &f.Direct}, {"from_coordination", &f.FromCoordination}, {"from_support", &f.FromSupport}, {"to_others", &f.ToOthers}, {"full", &f.Full}} {
			if *p.to, err = decimal.NewFromString(rec[col[p.name]]); err != nil {
				return nil, nil, bad(p.name, "non è un numero")
			}
		}
		nodes = append(nodes, n)
		figs[n.Code] = f
	}
	m, err := model.NewMap(nodes)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", CostsFile, err)
	}
	return m, figs, nil
}
