package outputs

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"math"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"camcost/internal/detzip"
)

// The large sheets of the workbooks (the tree of Processi, the Attività,
// the complete list of indicators) are written row by row. excelize's
// StreamWriter.SetRow costs a dozen allocations a cell; appendRow encodes
// the same row into the same bytes directly (fastrows_test.go proves them
// equal), and a splicer puts the encoded rows into the sheet when the
// workbook is saved: the stream gets one placeholder row in their place,
// a row whose only text is a token, and the zip writer replaces that row
// with the encoded ones. A row appendRow does not know how to encode
// exactly (a formula, a value of another type, a text excelize would
// transform) goes through SetRow as before.

// appendRow appends row r as StreamWriter.SetRow(cell(1, r), cells, opts)
// writes it into a sheet without column or row styles. It returns b
// unchanged and false when it cannot be sure to give SetRow's bytes.
func appendRow(b []byte, r int, cells []any, opts excelize.RowOpts) ([]byte, bool) {
	if len(cells) > len(columnNames) {
		return b, false
	}
	start := len(b)
	var digits [24]byte
	rowNum := strconv.AppendInt(digits[:0], int64(r), 10)
	b, ok := appendRowOpen(b, rowNum, opts)
	if !ok {
		return b, false
	}
	for i, v := range cells {
		if v == nil {
			continue
		}
		style := 0
		if c, ok := v.(excelize.Cell); ok {
			if c.Formula != "" {
				return b[:start], false
			}
			style, v = c.StyleID, c.Value
			if d, ok := v.(decimal.Decimal); ok {
				var ok bool
				if b, ok = appendDecCell(b, columnNames[i], rowNum, style, d); !ok {
					return b[:start], false
				}
				continue
			}
		}
		b = appendCellRef(b, columnNames[i], rowNum, style)
		var ok bool
		switch v := v.(type) {
		case nil:
			b = append(b, `></c>`...)
			ok = true
		case string:
			b, ok = appendInlineStr(b, v)
		case float64:
			b, ok = appendFloatValue(b, v)
		case int:
			b = append(b, `><v>`...)
			b = strconv.AppendInt(b, int64(v), 10)
			b = append(b, `</v></c>`...)
			ok = true
		}
		if !ok {
			return b[:start], false
		}
	}
	return append(b, `</row>`...), true
}

// appendRowOpen appends the start tag of the row numbered rowNum with
// opts, or returns false for options appendRow leaves to SetRow.
func appendRowOpen(b, rowNum []byte, opts excelize.RowOpts) ([]byte, bool) {
	if opts.StyleID != 0 || opts.Hidden || opts.Height > excelize.MaxRowHeight || opts.OutlineLevel > 7 ||
		opts.Height < 0 || math.IsNaN(opts.Height) {
		return b, false
	}
	b = append(b, `<row r="`...)
	b = append(b, rowNum...)
	b = append(b, '"')
	if opts.Height > 0 {
		b = append(b, ` ht="`...)
		b = strconv.AppendFloat(b, opts.Height, 'f', -1, 64)
		b = append(b, `" customHeight="1"`...)
	}
	if opts.OutlineLevel > 0 {
		b = append(b, ` outlineLevel="`...)
		b = strconv.AppendInt(b, int64(opts.OutlineLevel), 10)
		b = append(b, '"')
	}
	return append(b, '>'), true
}

// appendDecCell appends a cell holding decimal d, which streamSheet.row
// makes a number, num(d).
func appendDecCell(b []byte, col string, rowNum []byte, style int, d decimal.Decimal) ([]byte, bool) {
	b = appendCellRef(b, col, rowNum, style)
	// A double tells apart every decimal of up to 15 significant digits,
	// so the shortest text that reads back as num(d) is d's own without
	// trailing zeros, when d is well within the normal doubles.
	if e := d.Exponent(); e > -280 && e < 280 && d.NumDigits() <= 15 {
		b = append(b, `><v>`...)
		b = appendDecString(b, d)
		return append(b, `</v></c>`...), true
	}
	return appendFloatValue(b, num(d))
}

// appendFloatValue appends the rest of a cell holding v, from the end of
// its style, or false for a value that is not finite.
func appendFloatValue(b []byte, v float64) ([]byte, bool) {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return b, false
	}
	b = append(b, `><v>`...)
	b = appendCellFloat(b, v)
	return append(b, `</v></c>`...), true
}

// tcell is a cell of a row written by streamSheet.cells: a style and a
// text, a decimal or no value. It is the excelize.Cell{StyleID: style,
// Value: v} of streamSheet.row without boxing v into an interface.
type tcell struct {
	style int
	kind  uint8
	text  string
	dec   decimal.Decimal
}

const (
	tcNone uint8 = iota // no value
	tcText              // text
	tcDec               // dec
)

func textCell(style int, s string) tcell { return tcell{style: style, kind: tcText, text: s} }

func decCell(style int, d decimal.Decimal) tcell { return tcell{style: style, kind: tcDec, dec: d} }

// any is the cell as streamSheet.row takes it.
func (c tcell) any() any {
	switch c.kind {
	case tcText:
		return excelize.Cell{StyleID: c.style, Value: c.text}
	case tcDec:
		return excelize.Cell{StyleID: c.style, Value: c.dec}
	}
	return excelize.Cell{StyleID: c.style}
}

// appendTypedRow is appendRow for the cells as any (tcell.any): the same
// bytes, or false when appendRow would give false.
func appendTypedRow(b []byte, r int, cells []tcell, opts excelize.RowOpts) ([]byte, bool) {
	if len(cells) > len(columnNames) {
		return b, false
	}
	start := len(b)
	var digits [24]byte
	rowNum := strconv.AppendInt(digits[:0], int64(r), 10)
	b, ok := appendRowOpen(b, rowNum, opts)
	if !ok {
		return b, false
	}
	for i := range cells {
		c := &cells[i]
		switch c.kind {
		case tcDec:
			b, ok = appendDecCell(b, columnNames[i], rowNum, c.style, c.dec)
		case tcText:
			b = appendCellRef(b, columnNames[i], rowNum, c.style)
			b, ok = appendInlineStr(b, c.text)
		default:
			b = appendCellRef(b, columnNames[i], rowNum, c.style)
			b = append(b, `></c>`...)
		}
		if !ok {
			return b[:start], false
		}
	}
	return append(b, `</row>`...), true
}

// appendCellRef appends the start of a cell, up to its type.
func appendCellRef(b []byte, col string, row []byte, style int) []byte {
	b = append(b, `<c r="`...)
	b = append(b, col...)
	b = append(b, row...)
	b = append(b, '"')
	if style > 0 {
		b = append(b, ` s="`...)
		b = strconv.AppendInt(b, int64(style), 10)
		b = append(b, '"')
	}
	return b
}

// appendInlineStr appends the rest of a cell holding text s, from the end
// of its style: excelize's setInlineStr and writeCell.
func appendInlineStr(b []byte, s string) ([]byte, bool) {
	if len(s) > excelize.TotalCellChars {
		return b, false // excelize may truncate it
	}
	b = append(b, ` t="inlineStr"><is><t`...)
	if s != "" {
		for _, c := range []byte{9, 10, 13, 32} {
			if s[0] == c || s[len(s)-1] == c {
				b = append(b, ` xml:space="preserve"`...)
				break
			}
		}
	}
	b = append(b, '>')
	from := len(b)
	b = appendEscaped(b, s)
	if bytes.Contains(b[from:], []byte("_x")) {
		return b, false // excelize escapes _xHHHH_ sequences
	}
	return append(b, `</t></is></c>`...), true
}

// appendEscaped appends s as excelize writes the text of a cell: escaped by
// xml.EscapeText, then with its escaped line feeds turned back into line
// feeds.
func appendEscaped(b []byte, s string) []byte { return appendXMLText(b, s, true) }

// appendXMLText appends s escaped as encoding/xml escapes text
// (xml.EscapeText), or, with keepLF, with line feeds left as they are.
func appendXMLText(b []byte, s string, keepLF bool) []byte {
	last := 0
	for i := 0; i < len(s); {
		c := s[i]
		var esc string
		width := 1
		if c < utf8.RuneSelf {
			switch {
			case c >= 0x20 && c != '"' && c != '\'' && c != '&' && c != '<' && c != '>', c == '\n' && keepLF:
				i++
				continue
			case c == '\n':
				esc = "&#xA;"
			case c == '"':
				esc = "&#34;"
			case c == '\'':
				esc = "&#39;"
			case c == '&':
				esc = "&amp;"
			case c == '<':
				esc = "&lt;"
			case c == '>':
				esc = "&gt;"
			case c == '\t':
				esc = "&#x9;"
			case c == '\r':
				esc = "&#xD;"
			default:
				esc = "\uFFFD"
			}
		} else {
			var r rune
			r, width = utf8.DecodeRuneInString(s[i:])
			if r >= 0x80 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD && (r != utf8.RuneError || width == 3) || r >= 0x10000 && r <= 0x10FFFF {
				i += width
				continue
			}
			esc = "\uFFFD"
		}
		b = append(b, s[last:i]...)
		b = append(b, esc...)
		i += width
		last = i
	}
	return append(b, s[last:]...)
}

// appendCellFloat appends value as excelize's formatCellFloat(value, -1,
// 64): the shortest decimal that reads back as value, cut to 15
// significant digits.
func appendCellFloat(b []byte, value float64) []byte {
	start := len(b)
	b = strconv.AppendFloat(b, value, 'f', -1, 64)
	if math.Abs(value) == math.MaxFloat64 {
		return b
	}
	const maxPrec = 15
	str := b[start:]
	point := bytes.IndexByte(str, '.')
	significant := 0
	for idx := range str {
		if str[idx] < '0' || str[idx] > '9' || significant == 0 && str[idx] == '0' {
			continue
		}
		significant++
		if significant <= maxPrec {
			continue
		}
		if point >= 0 && idx > point {
			return bytes.TrimSuffix(b[:start+idx], []byte("."))
		}
		if point < 0 {
			point = len(str)
		}
		for k := idx; k < point; k++ {
			str[k] = '0'
		}
		return b[:start+point]
	}
	return b
}

// columnNames are the names of the first columns, A to ZZ.
var columnNames = func() []string {
	out := make([]string, 26*27)
	for i := range out {
		out[i] = colName(i + 1)
	}
	return out
}()

// spliceToken starts the text of a placeholder row; its number follows.
const spliceToken = "camcost-righe-"

// splicer holds the rows encoded by appendRow until the workbook is saved.
// Its zip writer replaces each placeholder row with its rows.
type splicer struct {
	splices []splice
	// sharedStyles: the workbook's styles are the process's (newBodyWorkbook).
	sharedStyles bool
	// overlays hold the numbers and styles of sheets written cell by cell,
	// by sheet name.
	overlays map[string]*overlay
	// texts are the plain texts of the shared string table, by index
	// (textIndex); nil until the first is added.
	texts map[string]int
}

type splice struct {
	placeholder []byte
	rows        []byte
	done        bool
}

// install makes f save through the splicer, and returns it.
func (sp *splicer) install(f *excelize.File) *splicer {
	f.SetZipWriter(func(w io.Writer) excelize.ZipWriter {
		// excelize asks for the zip writer before it marshals the parts.
		z := &spliceZip{zw: detzip.New(w), sp: sp}
		z.sheets, z.err = takeSheetData(f, sp)
		if z.err == nil {
			var ok bool
			if z.sst, ok = takeSharedStrings(f); !ok {
				slowParts.Add(1)
			}
		}
		if z.err == nil && sp.sharedStyles {
			if z.capture, z.err = useSharedParts(f); z.capture {
				z.captured = make(map[string]*partBuf)
			}
		}
		return z
	})
	return sp
}

// add keeps rows, which start at row r, and returns the value of the
// placeholder row to write at r.
func (sp *splicer) add(r int, rows []byte) string {
	token := spliceToken + strconv.Itoa(len(sp.splices))
	ph, _ := appendRow(nil, r, []any{token}, excelize.RowOpts{})
	sp.splices = append(sp.splices, splice{placeholder: ph, rows: rows})
	return token
}

// spliceZip is the zip writer of a workbook with a splicer: it holds back
// the parts of worksheets and writes them with their placeholder rows
// replaced.
type spliceZip struct {
	zw     excelize.ZipWriter
	sp     *splicer
	sheets map[string][]byte // rows taken out of sheets, by part name (takeSheetData)
	sst    []byte            // items taken out of the shared strings (takeSharedStrings)
	name   string            // of the held part
	part   *partBuf
	out    io.Writer
	err    error // of preparing the workbook for saving, returned by Create
	// memo: the held part is added whole, compressed once per process for
	// each content (memoPart).
	memo *detzip.Writer
	// capture: keep the styles and theme this save writes (sharedstyles.go).
	capture  bool
	captured map[string]*partBuf
}

func (z *spliceZip) Create(name string) (io.Writer, error) {
	if z.err != nil {
		return nil, z.err
	}
	if err := z.finish(); err != nil {
		return nil, err
	}
	captured := z.capture && (name == stylesPart || name == themePart)
	if !captured && memoPart(name) {
		if dz, ok := z.zw.(*detzip.Writer); ok {
			z.name, z.part, z.out, z.memo = name, &partBuf{getBuf()}, nil, dz
			return z.part, nil
		}
	}
	w, err := z.zw.Create(name)
	if err != nil {
		return w, err
	}
	if captured {
		pb := &partBuf{}
		z.captured[name] = pb
		return io.MultiWriter(w, pb), nil
	}
	if !strings.HasPrefix(name, "xl/worksheets/") && (name != sharedStringsPart || z.sst == nil) {
		return w, nil
	}
	z.name, z.part, z.out = name, &partBuf{getBuf()}, w
	return z.part, nil
}

// memoPart reports whether the part named name is added whole through
// detzip's AddPart, compressed once per process for each content: the
// small parts, which the workbooks of the bodies of a run mostly share
// (the styles and theme, the content types, relationships, charts and
// drawings, the workbook part). The sheets, the shared strings and the
// core properties differ from one body to the next.
func memoPart(name string) bool {
	return !strings.HasPrefix(name, "xl/worksheets/sheet") && name != sharedStringsPart && name != "docProps/core.xml"
}

func (z *spliceZip) AddFS(fsys fs.FS) error {
	if err := z.finish(); err != nil {
		return err
	}
	return z.zw.AddFS(fsys)
}

func (z *spliceZip) Close() error {
	if err := z.finish(); err != nil {
		return err
	}
	for _, s := range z.sp.splices {
		if !s.done {
			return errors.New("righe non scritte nel foglio: segnaposto non trovato")
		}
	}
	if len(z.sheets) > 0 {
		return errors.New("righe non scritte nel foglio: foglio non trovato")
	}
	if z.sst != nil {
		return errSSTNotFound
	}
	if s, t := z.captured[stylesPart], z.captured[themePart]; s != nil && t != nil {
		captureSharedParts(s.b, t.b)
	}
	return z.zw.Close()
}

// finish writes the held part with its placeholders replaced.
func (z *spliceZip) finish() error {
	if z.part == nil {
		return nil
	}
	held := z.part.b
	b := held
	z.part = nil
	defer putBuf(held)
	if z.memo != nil {
		dz := z.memo
		z.memo = nil
		return dz.AddPart(z.name, b)
	}
	if z.name == sharedStringsPart {
		items := z.sst
		z.sst = nil
		defer putBuf(items)
		return spliceSharedStrings(z.out, b, items)
	}
	if rows, ok := z.sheets[z.name]; ok {
		delete(z.sheets, z.name)
		i := bytes.Index(b, emptySheetData)
		if i < 0 {
			return errors.New("righe non scritte nel foglio " + z.name)
		}
		i += len("<sheetData>")
		if _, err := z.out.Write(b[:i]); err != nil {
			return err
		}
		if _, err := z.out.Write(rows); err != nil {
			return err
		}
		putBuf(rows)
		b = b[i:]
	}
	from := 0 // where to look for the next placeholder
	for {
		i := bytes.Index(b[from:], spliceMark)
		if i < 0 {
			break
		}
		i += from
		k, s := z.placeholderAt(b, i)
		if s == nil {
			from = i + 1
			continue
		}
		start := i - bytes.Index(s.placeholder, spliceMark)
		if _, err := z.out.Write(b[:start]); err != nil {
			return err
		}
		if _, err := z.out.Write(s.rows); err != nil {
			return err
		}
		putBuf(s.rows)
		b, from = b[start+len(s.placeholder):], 0
		z.sp.splices[k].done, z.sp.splices[k].rows = true, nil
	}
	_, err := z.out.Write(b)
	return err
}

// partBuf holds a part of the workbook.
type partBuf struct{ b []byte }

func (p *partBuf) Write(b []byte) (int, error) {
	p.b = append(p.b, b...)
	return len(b), nil
}

// bufs keeps the buffers of encoded rows and held parts between
// workbooks: a body's workbooks need a few megabytes of them.
var bufs sync.Pool

func getBuf() []byte {
	if b, ok := bufs.Get().(*[]byte); ok {
		return (*b)[:0]
	}
	return make([]byte, 0, 64<<10)
}

// putBuf gives b back once nothing refers to it any more.
func putBuf(b []byte) {
	if cap(b) >= 4<<10 && cap(b) <= 16<<20 {
		b = b[:0]
		bufs.Put(&b)
	}
}

// errSSTNotFound reports a shared string table whose items were not put back.
var errSSTNotFound = errors.New("testi non scritti nella tabella dei testi condivisi")

// emptySheetData is where the rows of a sheet taken out by takeSheetData go.
var emptySheetData = []byte("<sheetData></sheetData>")

// spliceMark starts the text of every placeholder row.
var spliceMark = []byte("<t>" + spliceToken)

// placeholderAt returns the splice whose placeholder row holds the mark
// found at i of b, or nil when the row there is not a pending placeholder.
func (z *spliceZip) placeholderAt(b []byte, i int) (int, *splice) {
	digits := b[i+len(spliceMark):]
	n := bytes.IndexByte(digits, '<')
	if n <= 0 {
		return 0, nil
	}
	k, err := strconv.Atoi(string(digits[:n]))
	if err != nil || k < 0 || k >= len(z.sp.splices) || z.sp.splices[k].done {
		return 0, nil
	}
	s := &z.sp.splices[k]
	start := i - bytes.Index(s.placeholder, spliceMark)
	if start < 0 || !bytes.HasPrefix(b[start:], s.placeholder) {
		return 0, nil
	}
	return k, s
}
