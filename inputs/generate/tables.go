package generate

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/xuri/excelize/v2"

	"camcost/internal/detzip"
)

// kind is how a column's values are written.
type kind uint8

const (
	kText  kind = iota
	kMoney      // euro, two decimals, thousands grouped
	kFTE        // share of full time, up to four decimals
	kInt        // small integer (mesi, periodo)
	kPct        // percent or hours, up to one decimal
	kQty        // a count, thousands grouped
)

// xlsx number formats of the kinds (built-in ids where Excel has one, so
// Excel shows them in the reader's locale).
var numFmtID = map[kind]int{kMoney: 4, kInt: 1, kQty: 3}
var numFmtCustom = map[kind]string{kFTE: "0.0###", kPct: "0.0"}

type column struct {
	name  string
	kind  kind
	width float64
}

// cell is a text or a fixed-point number v / 10^scale.
type cell struct {
	s     string
	v     int64
	scale int8
	num   bool
}

func text(s string) cell { return cell{s: s} }

// number returns v / 10^scale with trailing zero decimals dropped.
func number(v int64, scale int8) cell {
	for scale > 0 && v%10 == 0 {
		v /= 10
		scale--
	}
	return cell{v: v, scale: scale, num: true}
}

// money returns an amount in cents, always with two decimals.
func money(cents int64) cell { return cell{v: cents, scale: 2, num: true} }

var pow10 = [...]int64{1, 10, 100, 1000, 10000, 100000}

// appendNumber writes v / 10^scale: plain (1234.56) or Italian (1.234,56,
// thousands grouped when group is set).
func appendNumber(b []byte, v int64, scale int8, italian, group bool) []byte {
	if v < 0 {
		b = append(b, '-')
		v = -v
	}
	ip, fp := v/pow10[scale], v%pow10[scale]
	var digits [20]byte
	d := len(digits)
	for n := 0; ; n++ {
		if group && italian && n > 0 && n%3 == 0 {
			d--
			digits[d] = '.'
		}
		d--
		digits[d] = byte('0' + ip%10)
		ip /= 10
		if ip == 0 {
			break
		}
	}
	b = append(b, digits[d:]...)
	if scale > 0 {
		if italian {
			b = append(b, ',')
		} else {
			b = append(b, '.')
		}
		for p := pow10[scale-1]; p > 0; p /= 10 {
			b = append(b, byte('0'+fp/p%10))
		}
	}
	return b
}

// sink receives the tables of one run folder. close completes the folder;
// discard, after an error, releases what is open without completing it.
type sink interface {
	table(name string, cols []column) (table, error)
	close() error
	discard()
}

type table interface {
	row(cells []cell) error
	close() error
}

func newSink(dir string, f Format, props docProps) (sink, error) {
	switch f {
	case CSV:
		return &csvSink{dir: dir, sep: ',', eol: "\n"}, nil
	case CSVIt:
		return &csvSink{dir: dir, sep: ';', eol: "\r\n", italian: true}, nil
	case XLSX:
		return newXLSXSink(filepath.Join(dir, "dati.xlsx"), props)
	}
	return nil, fmt.Errorf("formato %d sconosciuto", f)
}

// csvSink writes NAME.csv files: plain (`,`, 1234.56) or as Italian Excel
// saves "CSV UTF-8" (BOM, `;`, 1.234,56, CRLF).
type csvSink struct {
	dir     string
	sep     byte
	eol     string
	italian bool
	open    []*csvTable
}

func (s *csvSink) close() error {
	var errs []error
	for _, t := range s.open {
		errs = append(errs, t.close())
	}
	return errors.Join(errs...)
}

func (s *csvSink) discard() {
	for _, t := range s.open {
		t.f.Close()
	}
}

func (s *csvSink) table(name string, cols []column) (table, error) {
	f, err := os.Create(filepath.Join(s.dir, name+".csv"))
	if err != nil {
		return nil, err
	}
	t := &csvTable{csvSink: s, f: f, w: bufio.NewWriterSize(f, 1<<20), cols: cols}
	s.open = append(s.open, t)
	if s.italian {
		t.w.WriteString("\uFEFF")
	}
	head := make([]cell, len(cols))
	for i, c := range cols {
		head[i] = text(c.name)
	}
	if err := t.row(head); err != nil {
		return nil, err
	}
	return t, nil
}

type csvTable struct {
	*csvSink
	f    *os.File
	w    *bufio.Writer
	cols []column
	buf  []byte
	done bool
}

func (t *csvTable) row(cells []cell) error {
	b := t.buf[:0]
	for i, c := range cells {
		if i > 0 {
			b = append(b, t.sep)
		}
		if c.num {
			k := t.cols[i].kind
			b = appendNumber(b, c.v, c.scale, t.italian, k == kMoney || k == kQty)
		} else {
			b = t.appendText(b, c.s)
		}
	}
	b = append(b, t.eol...)
	t.buf = b
	_, err := t.w.Write(b)
	return err
}

func (t *csvTable) appendText(b []byte, s string) []byte {
	if !strings.ContainsAny(s, "\"\r\n"+string(t.sep)) {
		return append(b, s...)
	}
	b = append(b, '"')
	b = append(b, strings.ReplaceAll(s, `"`, `""`)...)
	return append(b, '"')
}

func (t *csvTable) close() error {
	if t.done {
		return nil
	}
	t.done = true
	return errors.Join(t.w.Flush(), t.f.Close())
}

// docProps are the workbook's document properties, set from the data so
// that the bytes never depend on the clock.
type docProps struct {
	title, subject, created string
}

// xlsxSink writes every table as a sheet of one workbook, through stream
// writers: header bold and frozen, numbers as numeric cells with formats.
type xlsxSink struct {
	f      *excelize.File
	path   string
	props  docProps
	styles map[kind]int
	bold   int
	sheets int
	open   []*xlsxTable
	limit  int // rows per sheet, header included
}

// maxRows is the row limit of an Excel sheet.
const maxRows = 1048576

func newXLSXSink(path string, props docProps) (*xlsxSink, error) {
	f := excelize.NewFile()
	f.SetZipWriter(detzip.New)
	s := &xlsxSink{f: f, path: path, props: props, styles: map[kind]int{}, limit: maxRows}
	var err error
	if s.bold, err = f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
		Border:    []excelize.Border{{Type: "bottom", Color: "808080", Style: 1}},
		Alignment: &excelize.Alignment{Vertical: "center"},
	}); err != nil {
		return nil, err
	}
	for _, k := range []kind{kMoney, kFTE, kInt, kPct, kQty} {
		st := &excelize.Style{NumFmt: numFmtID[k]}
		if c, ok := numFmtCustom[k]; ok {
			st = &excelize.Style{CustomNumFmt: &c}
		}
		if s.styles[k], err = f.NewStyle(st); err != nil {
			return nil, err
		}
	}
	return s, nil
}

func (s *xlsxSink) table(name string, cols []column) (table, error) {
	if s.sheets == 0 {
		if err := s.f.SetSheetName("Sheet1", name); err != nil {
			return nil, err
		}
	} else if _, err := s.f.NewSheet(name); err != nil {
		return nil, err
	}
	s.sheets++
	sw, err := s.f.NewStreamWriter(name)
	if err != nil {
		return nil, err
	}
	for i, c := range cols {
		if err := sw.SetColWidth(i+1, i+1, c.width); err != nil {
			return nil, err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return nil, err
	}
	t := &xlsxTable{s: s, sw: sw, name: name, cols: cols, vals: make([]any, len(cols))}
	for i, c := range cols {
		t.vals[i] = excelize.Cell{StyleID: s.bold, Value: c.name}
	}
	if err := t.write(); err != nil {
		return nil, err
	}
	s.open = append(s.open, t)
	return t, nil
}

type xlsxTable struct {
	s    *xlsxSink
	sw   *excelize.StreamWriter
	name string
	cols []column
	vals []any
	rows int
	done bool
}

func (t *xlsxTable) row(cells []cell) error {
	for i, c := range cells {
		if c.num {
			t.vals[i] = excelize.Cell{StyleID: t.s.styles[t.cols[i].kind], Value: float64(c.v) / float64(pow10[c.scale])}
		} else {
			t.vals[i] = c.s
		}
	}
	return t.write()
}

func (t *xlsxTable) write() error {
	if t.rows == t.s.limit {
		return fmt.Errorf("il foglio %s supera le %d righe di un foglio Excel: usare il formato csv", t.name, t.s.limit)
	}
	t.rows++
	cell, err := excelize.CoordinatesToCellName(1, t.rows)
	if err != nil {
		return err
	}
	return t.sw.SetRow(cell, t.vals)
}

func (t *xlsxTable) close() error {
	if t.done {
		return nil
	}
	t.done = true
	return t.sw.Flush()
}

func (s *xlsxSink) discard() { s.f.Close() }

func (s *xlsxSink) close() error {
	defer s.f.Close()
	for _, t := range s.open {
		if err := t.close(); err != nil {
			return err
		}
	}
	if err := s.f.SetDocProps(&excelize.DocProperties{
		Title:          s.props.title,
		Subject:        s.props.subject,
		Creator:        "camcost",
		LastModifiedBy: "camcost",
		Created:        s.props.created,
		Modified:       s.props.created,
		Language:       "it-IT",
	}); err != nil {
		return err
	}
	s.f.SetActiveSheet(0)
	out, err := os.Create(s.path)
	if err != nil {
		return err
	}
	_, err = s.f.WriteTo(out)
	return errors.Join(err, out.Close())
}
