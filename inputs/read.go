package inputs

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"
	"syscall"
	"unicode"

	"camcost/model"
)

// Options tune Read.
type Options struct {
	// DefaultMap is the process map used when the folder has no mappa
	// table. Read fails if both are missing.
	DefaultMap *model.Map
	// Overrides prevail over the settings file (the command line's
	// --method and --support-driver).
	Overrides model.Overrides
	// Limits bound the size of what is read; the zero value takes
	// DefaultLimits.
	Limits Limits
	// Progress, when set, is called with the number of bytes read from the
	// folder's files as reading goes on, for a progress bar.
	Progress func(n int64)
}

// The tables of a run folder (docs/ingressi.md), in the order they are read: each
// may be checked against those before it.
const (
	tMappa        = "mappa"
	tPersonale    = "personale"
	tDriver       = "driver"
	tRetribuzioni = "retribuzioni"
	tTempi        = "tempi"
	tContabilita  = "contabilita"
	tVolumi       = "volumi"
	tContesto     = "contesto"
)

var tableNames = []string{tMappa, tPersonale, tDriver, tRetribuzioni, tTempi, tContabilita, tVolumi, tContesto}

// helpSheets are the sheets of the input template (camcost template) that
// hold no table: a workbook filled from it keeps them, so they are skipped
// without a warning.
var helpSheets = []string{"istruzioni", "codici", "voci"}

// SettingsFile is the name of the settings file of a run folder.
const SettingsFile = settingsFile

// IsTableFile reports whether a file of a folder would be read as input: a
// CSV file named after a table, any workbook, or the settings file. It tells
// a run folder from a folder of run folders.
func IsTableFile(name string) bool {
	ext := strings.ToLower(path.Ext(name))
	switch {
	case strings.HasPrefix(name, ".") || strings.HasPrefix(name, "~$"):
		return false
	case ext == ".csv":
		return slices.Contains(tableNames, foldName(strings.TrimSuffix(name, path.Ext(name))))
	case ext == ".xlsx":
		return true
	}
	return strings.EqualFold(name, settingsFile)
}

// Read reads and validates the run folder dir: the tables of docs/ingressi.md,
// each from NAME.csv or from a sheet NAME of any .xlsx file of the folder,
// and the settings file camcost.toml. File, sheet and column names are
// matched ignoring case, accents, surrounding spaces and the difference
// between '_', '-' and space ("Contabilità.xlsx" holds no table, but its
// sheet "Contabilità" is the contabilita table). A name that would be read
// must be a regular file or a symbolic link to one (a ledger shared by
// several run folders); a folder, FIFO, device or broken link of such a
// name is reported and never opened.
//
// Bad data is reported as a model.Problems holding every problem found,
// sorted by position; any other error is a failure to read the folder.
// Warnings (unknown columns, ignored files, totals that do not match) come
// back in Inputs.Warnings.
func Read(dir string, opt Options) (*model.Inputs, error) {
	return readFS(os.DirFS(dir), opt)
}

// readFS is Read on any file system, so tests and fuzzing need no disk.
func readFS(fsys fs.FS, opt Options) (*model.Inputs, error) {
	if opt.Progress != nil {
		fsys = countingFS{fsys, opt.Progress}
	}
	rd := &reader{
		fsys:      fsys,
		opt:       opt,
		lim:       opt.Limits.withDefaults(),
		sources:   make(map[string]*source),
		files:     make(map[string]*model.InputFile),
		people:    make(map[model.Matricola]int),
		units:     make(map[string]unitName),
		lostZeros: make(map[int]bool),
		drivers:   make(map[string]bool),
	}
	rd.probs.max = rd.lim.MaxProblems
	rd.warns.max = rd.lim.MaxProblems
	rd.layout.max = rd.lim.MaxProblems
	if err := rd.discover(); err != nil {
		return nil, err
	}
	steps := []func(){
		rd.readMappa, rd.readPersonale, rd.readDriver, rd.readRetribuzioni,
		rd.readTempi, rd.readContabilita, rd.readVolumi, rd.readContesto,
		rd.readSettings, rd.crossChecks,
	}
	for _, step := range steps {
		step()
		if rd.ioErr != nil {
			return nil, rd.ioErr
		}
	}
	if len(rd.probs.ps) > 0 {
		// The warnings go with the problems: they often explain them.
		warns := rd.layout.list()
		for i := range warns {
			warns[i].Warning = true
		}
		return nil, rd.probs.listWith(warns)
	}
	// A copy: the reader, with its maps and workbooks, is not kept alive
	// by the inputs.
	in := new(model.Inputs)
	*in = rd.in
	in.Map = rd.m
	in.Warnings = rd.warns.list()
	for _, f := range rd.files {
		in.Files = append(in.Files, *f)
	}
	slices.SortFunc(in.Files, func(a, b model.InputFile) int { return strings.Compare(a.Name, b.Name) })
	return in, nil
}

// reader holds the state of one Read.
type reader struct {
	fsys    fs.FS
	opt     Options
	lim     Limits
	probs   collector
	warns   collector
	layout  collector // the warnings about files, sheets and columns left aside
	ioErr   error
	sources map[string]*source // by table name
	files   map[string]*model.InputFile
	setName string // the settings file, "" when absent
	shared  sharedMemory

	in model.Inputs
	m  *model.Map // nil when the map is missing or invalid
	// staffOK tells that personale was read whole: only then are
	// matricole and units of other tables checked against it.
	staffOK bool
	people  map[model.Matricola]int
	// unpadded finds a matricola of personale by its digits without
	// leading zeros, for a hint when one table lost them.
	unpadded map[string]model.Matricola
	// lostZeros marks the people (by index) another table wrote without
	// their leading zeros.
	lostZeros map[int]bool
	units     map[string]unitName // by folded name
	// unitSpelled holds the names of units as personale first writes
	// them: a row writing one so needs no folding.
	unitSpelled map[string]string
	// interned holds the texts intern shares.
	interned map[string]string
	drivers  map[string]bool
	// driverFailed tells that the driver table could not be read to its
	// end: driver names missing from it are not reported.
	driverFailed bool
	// matricolaPos locates the matricola column of personale, for
	// problems found about a person after personale was read.
	matricolaPos model.Position
	// payRows counts the retribuzioni lines of each person.
	payRows []int
	paySrc  model.Position
	// payTotal sums the retribuzioni of all the people.
	payTotal sum
	// dec shares the decimals of the values read.
	dec decimals
	// scanBuf is the read buffer of the CSV table read last, for the next.
	scanBuf []byte
}

// collector gathers problems up to a bound and counts the rest.
type collector struct {
	ps      model.Problems
	max     int
	dropped int
}

// add records a problem and reports whether it was kept.
func (c *collector) add(pos model.Position, format string, args ...any) bool {
	if len(c.ps) >= c.max {
		c.dropped++
		return false
	}
	c.ps.Add(pos, format, args...)
	return true
}

// list returns the problems sorted and folded (model.Problems.Fold), with
// a last line counting those left out.
func (c *collector) list() model.Problems { return c.listWith(nil) }

// listWith is list with other problems (warnings) sorted among these,
// before the line that counts what was left out.
func (c *collector) listWith(extra model.Problems) model.Problems {
	c.ps = append(c.ps, extra...)
	c.ps.Sort()
	c.ps = c.ps.Fold()
	if c.dropped > 0 {
		// The line stands for the problems left out, not for one more.
		c.ps = append(c.ps, model.Problem{Msg: fmt.Sprintf("e altri %d non mostrati (limite di %d)", c.dropped, c.max), Times: c.dropped})
		c.dropped = 0
	}
	return c.ps
}

func (rd *reader) errorf(pos model.Position, format string, args ...any) {
	rd.probs.add(pos, format, args...)
}

// causef reports a problem that others may follow from (a table that is
// missing, empty or cannot be read): it is listed first.
func (rd *reader) causef(pos model.Position, format string, args ...any) {
	if rd.probs.add(pos, format, args...) {
		rd.probs.ps[len(rd.probs.ps)-1].Cause = true
	}
}

// layoutf is warnf for what the reader left aside (files, sheets,
// columns): such warnings are also shown with the problems when there are
// any, because they often explain them (a sheet ignored for its name is a
// missing table).
func (rd *reader) layoutf(pos model.Position, format string, args ...any) {
	rd.layout.add(pos, format, args...)
	rd.warnf(pos, format, args...)
}

// ignoredf notes a file of the folder that is not read. It is not a
// warning of the run, which depends only on the files it reads: it goes to
// Inputs.Ignored, for the command line to show.
func (rd *reader) ignoredf(pos model.Position, format string, args ...any) {
	rd.layout.add(pos, format, args...)
	rd.in.Ignored = append(rd.in.Ignored, model.Problem{Pos: pos, Msg: fmt.Sprintf(format, args...)})
}

func (rd *reader) warnf(pos model.Position, format string, args ...any) {
	rd.warns.add(pos, format, args...)
}

// report files a problem returned by a source; other errors stop Read.
func (rd *reader) report(err error) {
	var p model.Problem
	if errors.As(err, &p) {
		// A file that cannot be read explains what is missing from it.
		rd.causef(p.Pos, "%s", p.Msg)
		return
	}
	if rd.ioErr == nil {
		rd.ioErr = err
	}
}

// source is where a table was found.
type source struct {
	table string
	file  string
	wb    *workbook // nil for a CSV file
	sheet sheetRef
	twice bool // the table was found in another place too
	// unreadable tells a table file that is not a regular file: reported.
	unreadable bool
}

func (s *source) pos() model.Position {
	p := model.Position{File: s.file}
	if s.wb != nil {
		p.Sheet = s.sheet.name
	}
	return p
}

// String describes the source in a message.
func (s *source) String() string {
	if s.wb != nil {
		return fmt.Sprintf("%s, foglio %q", s.file, s.sheet.name)
	}
	return s.file
}

const settingsFile = "camcost.toml"

// discover lists the folder: CSV files and workbook sheets named after a
// table, the settings file, and what it ignores.
func (rd *reader) discover() error {
	entries, err := fs.ReadDir(rd.fsys, ".")
	if err != nil {
		return fmt.Errorf("lettura della cartella: %w", err)
	}
	known := strings.Join(tableNames, ", ")
	for _, e := range entries {
		name := e.Name()
		// Hidden files and the lock files Excel leaves beside open
		// workbooks (~$dati.xlsx) are not data.
		if strings.HasPrefix(name, ".") || strings.HasPrefix(name, "~$") {
			continue
		}
		pos := model.Position{File: name}
		ext := strings.ToLower(path.Ext(name))
		base := foldName(strings.TrimSuffix(name, path.Ext(name)))
		table := ext == ".csv" && slices.Contains(tableNames, base)
		if table || ext == ".xlsx" || strings.EqualFold(name, settingsFile) {
			if !rd.regular(e) {
				if table {
					// Reported: not missing too.
					rd.addSource(&source{table: base, file: name, unreadable: true})
				}
				continue
			}
		} else if e.IsDir() {
			continue
		}
		switch ext {
		case ".csv":
			if table {
				rd.addSource(&source{table: base, file: name})
			} else {
				rd.ignoredf(pos, "file ignorato: il nome non è quello di una tabella (%s)", known)
			}
		case ".xlsx":
			if err := rd.openWorkbook(name); err != nil {
				return err
			}
		case ".xls":
			rd.errorf(pos, "file nel vecchio formato Excel 97-2003 (.xls): salvarlo come cartella di lavoro Excel (.xlsx)")
		case ".xlsm", ".xlsb", ".ods":
			rd.ignoredf(pos, "file ignorato: formato %s non letto; salvare come .xlsx o .csv", ext)
		case ".toml":
			if strings.EqualFold(name, settingsFile) {
				rd.setName = name
			}
		}
	}
	return nil
}

// regular reports whether entry e of the folder, which is read, is a
// regular file or a symbolic link to one. Anything else is reported by
// name and never opened: opening a FIFO waits for a writer.
func (rd *reader) regular(e fs.DirEntry) bool {
	name := e.Name()
	pos := model.Position{File: name}
	hint := "il file dei dati"
	if strings.EqualFold(name, settingsFile) {
		hint = "il file delle impostazioni"
	}
	mode := e.Type()
	if mode&fs.ModeSymlink == 0 {
		if mode.IsRegular() {
			return true
		}
		rd.errorf(pos, "non è un file ordinario ma %s: non viene letto; mettere al suo posto %s", fileKind(mode), hint)
		return false
	}
	st, err := fs.Stat(rd.fsys, name)
	switch {
	case err == nil && st.Mode().IsRegular():
		return true
	case err == nil:
		rd.errorf(pos, "è un collegamento simbolico a %s, non a un file ordinario: non viene letto; mettere al suo posto %s", fileKind(st.Mode()), hint)
	case errors.Is(err, fs.ErrNotExist):
		target := ""
		if rl, ok := rd.fsys.(fs.ReadLinkFS); ok {
			if t, err := rl.ReadLink(name); err == nil {
				target = " (" + printable(t) + ")"
			}
		}
		rd.errorf(pos, "è un collegamento simbolico a un file che non esiste%s: correggere o togliere il collegamento", target)
	case errors.Is(err, syscall.ELOOP):
		rd.errorf(pos, "è un collegamento simbolico circolare (rimanda a se stesso, direttamente o tramite altri collegamenti): correggere o togliere il collegamento")
	default:
		rd.errorf(pos, "è un collegamento simbolico che non si riesce a seguire (permessi o percorso non validi): correggere o togliere il collegamento")
	}
	return false
}

// printable returns s as it is when it has only printable characters, else
// quoted with its control characters escaped: a message never carries one.
func printable(s string) string {
	for _, r := range s {
		if !unicode.IsPrint(r) && r != ' ' {
			return fmt.Sprintf("%q", s)
		}
	}
	return s
}

// fileKind names a kind of file that is not regular.
func fileKind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "una cartella"
	case m&fs.ModeNamedPipe != 0:
		return "una pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		return "un socket"
	case m&fs.ModeDevice != 0:
		return "un dispositivo"
	}
	return "un file speciale"
}

func (rd *reader) addSource(s *source) {
	if prev, dup := rd.sources[s.table]; dup {
		// Neither is read: which one the controller meant is theirs to say.
		rd.causef(s.pos(), "tabella %s presente due volte: in %s e in %s; tenerne una sola", s.table, prev, s)
		prev.twice = true
		return
	}
	rd.sources[s.table] = s
}

// openWorkbook reads an .xlsx file whole, hashes it and registers its
// sheets named after a table.
func (rd *reader) openWorkbook(name string) error {
	pos := model.Position{File: name}
	f, err := rd.fsys.Open(name)
	if err != nil {
		return fmt.Errorf("lettura di %s: %w", name, err)
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.Size() > rd.lim.MaxWorkbookBytes {
		rd.errorf(pos, "il file è troppo grande (%s, limite %s)", megabytes(st.Size()), megabytes(rd.lim.MaxWorkbookBytes))
		return nil
	}
	data, err := io.ReadAll(io.LimitReader(f, rd.lim.MaxWorkbookBytes+1))
	if err != nil {
		return fmt.Errorf("lettura di %s: %w", name, err)
	}
	if int64(len(data)) > rd.lim.MaxWorkbookBytes {
		rd.errorf(pos, "il file è troppo grande (oltre il limite di %s)", megabytes(rd.lim.MaxWorkbookBytes))
		return nil
	}
	sum := sha256.Sum256(data)
	file := &model.InputFile{Name: name, SHA256: hex.EncodeToString(sum[:]), Size: int64(len(data)), Tables: []string{}}
	rd.files[name] = file
	wb, err := openWorkbook(name, data, rd.lim, &rd.shared)
	if err != nil {
		rd.report(err)
		return nil
	}
	for _, s := range wb.sheets {
		t := foldName(s.name)
		if slices.Contains(helpSheets, t) {
			continue
		}
		if !slices.Contains(tableNames, t) {
			rd.layoutf(model.Position{File: name, Sheet: s.name}, "foglio ignorato: il nome non è quello di una tabella (%s)", strings.Join(tableNames, ", "))
			continue
		}
		file.Tables = append(file.Tables, t)
		rd.addSource(&source{table: t, file: name, wb: wb, sheet: s})
	}
	return nil
}
