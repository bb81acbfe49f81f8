package inputs

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"hash"
	"hash/crc32"
	"io"
	"math"
	"path"
	"strconv"
	"strings"

	"camcost/model"
)

// Workbooks are read straight from their zip parts with encoding/xml, not
// through excelize: a sheet is streamed token by token, so memory does not
// grow with its rows, and each cell's type attribute (t="s", "n", "str",
// "inlineStr", "b", "e") is at hand, which tells a numeric cell from a text
// cell holding digits. excelize's Rows iterator gives only the text, and
// its GetCellType loads the whole sheet into memory for every call. Reading
// the parts ourselves also puts every decompressed byte under our limits.

// excelMaxRows is the number of rows a worksheet can have.
const excelMaxRows = 1 << 20

// metaPartMax bounds the small parts read whole: relationships and
// workbook.xml.
const metaPartMax = 16 << 20

// maxParts bounds the entries of a workbook's zip archive; a workbook of
// a few sheets has a few dozen.
const maxParts = 10_000

// oleMagic starts an OLE compound file: an encrypted (password-protected)
// .xlsx or an Excel 97-2003 .xls.
var oleMagic = []byte{0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1}

// workbook is an .xlsx file held in memory.
type workbook struct {
	name    string
	zr      *zip.Reader
	parts   map[string]*zip.File // by lower-case name
	sheets  []sheetRef
	sstPart string
	sst     []string
	sstRead bool
	// stylesPart holds the number formats; styles tells, for each cell
	// style, whether it shows a date or time.
	stylesPart string
	styles     []dateFormat
	stylesRead bool
	date1904   bool
	lim        Limits
	unzipped   int64
	mem        *sharedMemory
}

// sharedMemory counts the shared strings held by the workbooks of a folder.
type sharedMemory struct {
	strings int
	bytes   int64
}

// stringHeader is what a string costs in memory besides its text.
const stringHeader = 16

// sheetRef is a worksheet of a workbook.
type sheetRef struct {
	name   string
	part   string
	hidden bool // hidden in Excel
}

// openWorkbook reads the list of sheets of an .xlsx file. Its errors are
// model.Problems naming the file.
func openWorkbook(name string, data []byte, lim Limits, mem *sharedMemory) (*workbook, error) {
	pos := model.Position{File: name}
	if bytes.HasPrefix(data, oleMagic) {
		return nil, model.Problem{Pos: pos, Msg: oleMessage(data)}
	}
	if !bytes.HasPrefix(data, []byte("PK")) {
		return nil, problemf(pos, "il file non è un .xlsx valido (non è un archivio zip): è danneggiato o di un altro formato")
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, problemf(pos, "il file .xlsx è danneggiato (archivio zip non leggibile): riaprirlo e salvarlo di nuovo da Excel")
	}
	if len(zr.File) > maxParts {
		return nil, problemf(pos, "il file .xlsx ha %d parti, oltre il limite di %d: file anomalo", len(zr.File), maxParts)
	}
	wb := &workbook{name: name, zr: zr, parts: make(map[string]*zip.File, len(zr.File)), lim: lim, mem: mem}
	for _, f := range zr.File {
		wb.parts[strings.ToLower(strings.TrimPrefix(f.Name, "/"))] = f
	}
	// The workbook part is named by the package relationships; nearly
	// always xl/workbook.xml.
	book := "xl/workbook.xml"
	if rels, err := wb.readRels("_rels/.rels", ""); err != nil {
		return nil, err
	} else {
		for _, r := range rels {
			if strings.HasSuffix(r.Type, "/officeDocument") {
				book = r.Target
				break
			}
		}
	}
	var wbXML struct {
		Pr struct {
			Date1904 string `xml:"date1904,attr"`
		} `xml:"workbookPr"`
		Sheets []struct {
			Name  string `xml:"name,attr"`
			ID    string `xml:"id,attr"`
			State string `xml:"state,attr"`
		} `xml:"sheets>sheet"`
	}
	if err := wb.readXML(book, &wbXML); err != nil {
		return nil, err
	}
	wb.date1904 = wbXML.Pr.Date1904 == "1" || wbXML.Pr.Date1904 == "true"
	dir, file := path.Split(book)
	rels, err := wb.readRels(dir+"_rels/"+file+".rels", book)
	if err != nil {
		return nil, err
	}
	targets := make(map[string]string, len(rels))
	for _, r := range rels {
		switch {
		case strings.HasSuffix(r.Type, "/worksheet"):
			targets[r.ID] = r.Target
		case strings.HasSuffix(r.Type, "/sharedStrings"):
			wb.sstPart = r.Target
		case strings.HasSuffix(r.Type, "/styles"):
			wb.stylesPart = r.Target
		}
	}
	for _, s := range wbXML.Sheets {
		// Chart sheets and dialog sheets have no worksheet target: no rows.
		if t, ok := targets[s.ID]; ok {
			wb.sheets = append(wb.sheets, sheetRef{name: s.Name, part: t, hidden: s.State == "hidden" || s.State == "veryHidden"})
		}
	}
	return wb, nil
}

// oleMessage tells an encrypted workbook from an old .xls by the stream
// names in the compound file's directory (stored as UTF-16LE).
func oleMessage(data []byte) string {
	utf16 := func(s string) []byte {
		b := make([]byte, 0, 2*len(s))
		for i := 0; i < len(s); i++ {
			b = append(b, s[i], 0)
		}
		return b
	}
	switch {
	case bytes.Contains(data, utf16("EncryptedPackage")):
		return "il file è protetto da password (cifrato): aprirlo in Excel e salvarlo senza password (File > Informazioni > Proteggi cartella di lavoro)"
	case bytes.Contains(data, utf16("Workbook")), bytes.Contains(data, utf16("Book")):
		return "il file è nel vecchio formato Excel 97-2003 (.xls) anche se si chiama .xlsx: salvarlo come cartella di lavoro Excel (.xlsx)"
	}
	return "il file non è un .xlsx: è protetto da password (cifrato) o nel vecchio formato .xls; salvarlo come .xlsx senza password"
}

type relationship struct {
	ID     string `xml:"Id,attr"`
	Type   string `xml:"Type,attr"`
	Target string `xml:"Target,attr"`
	Mode   string `xml:"TargetMode,attr"`
}

// readRels reads a relationships part, resolving targets against the part
// they belong to (source, "" for the package). A missing part has none.
func (wb *workbook) readRels(name, source string) ([]relationship, error) {
	if wb.part(name) == nil {
		return nil, nil
	}
	var x struct {
		Rels []relationship `xml:"Relationship"`
	}
	if err := wb.readXML(name, &x); err != nil {
		return nil, err
	}
	out := x.Rels[:0]
	for _, r := range x.Rels {
		if strings.EqualFold(r.Mode, "External") {
			continue
		}
		if strings.HasPrefix(r.Target, "/") {
			r.Target = strings.TrimPrefix(r.Target, "/")
		} else {
			r.Target = path.Join(path.Dir(source), r.Target)
		}
		out = append(out, r)
	}
	return out, nil
}

func (wb *workbook) part(name string) *zip.File {
	return wb.parts[strings.ToLower(strings.TrimPrefix(name, "/"))]
}

// readXML decodes a small part whole.
func (wb *workbook) readXML(name string, v any) error {
	rc, err := wb.open(name, metaPartMax)
	if err != nil {
		return err
	}
	defer rc.Close()
	if err := xml.NewDecoder(rc).Decode(v); err != nil {
		return wb.xmlProblem(model.Position{File: wb.name}, name, err)
	}
	if err := rc.finish(); err != nil {
		return wb.xmlProblem(model.Position{File: wb.name}, name, err)
	}
	return nil
}

// open opens a part for reading, within max bytes and within what is left
// of the workbook's decompression budget. Sizes are checked against the
// zip directory first (archive/zip also fails a part that inflates beyond
// its declared size), then counted as read.
func (wb *workbook) open(name string, max int64) (*countingReader, error) {
	pos := model.Position{File: wb.name}
	f := wb.part(name)
	if f == nil {
		return nil, problemf(pos, "il file .xlsx è incompleto: manca la parte %s", name)
	}
	budget := min(max, wb.lim.MaxUnzipBytes-wb.unzipped)
	if f.UncompressedSize64 > uint64(budget) {
		return nil, wb.tooBig(name, budget)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, problemf(pos, "il file .xlsx è danneggiato (parte %s non leggibile)", name)
	}
	return &countingReader{rc: rc, wb: wb, f: f, part: name, left: budget, crc: crc32.NewIEEE()}, nil
}

// damaged reports a part whose bytes do not match their CRC.
func (wb *workbook) damaged(part string) error {
	return problemf(model.Position{File: wb.name},
		"il file .xlsx è danneggiato: il contenuto della parte %s non corrisponde al suo codice di controllo (CRC); recuperare una copia integra del file o salvarlo di nuovo da Excel", part)
}

func (wb *workbook) tooBig(part string, budget int64) error {
	return problemf(model.Position{File: wb.name},
		"la parte %s del file .xlsx, decompressa, supera il limite di %s: file anomalo (possibile \"zip bomb\") o troppo grande",
		part, megabytes(budget))
}

// xmlProblem reports a part whose XML cannot be read.
func (wb *workbook) xmlProblem(pos model.Position, part string, err error) error {
	var p model.Problem
	if errors.As(err, &p) {
		return p
	}
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, zip.ErrFormat) || errors.Is(err, zip.ErrChecksum) {
		return problemf(pos, "il file .xlsx è danneggiato (parte %s troncata o non valida)", part)
	}
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		return problemf(pos, "il file .xlsx è danneggiato (XML non valido nella parte %s, riga %d)", part, se.Line)
	}
	var xe *xmlSyntaxError
	if errors.As(err, &xe) {
		return problemf(pos, "il file .xlsx è danneggiato (XML non valido nella parte %s, riga %d)", part, xe.line)
	}
	if errors.Is(err, errTokenTooBig) {
		return problemf(pos, "il file .xlsx contiene nella parte %s un elemento più grande di %s", part, megabytes(int64(wb.lim.MaxCellBytes)))
	}
	return problemf(pos, "il file .xlsx è danneggiato (parte %s: %v)", part, err)
}

// countingReader charges the bytes read to the workbook's budget and
// checks the part's CRC at its end. archive/zip checks it too, but not
// when the CRC field is zero, and only at the end of the part: every part
// read must be read to its end (see finish).
type countingReader struct {
	rc   io.ReadCloser
	wb   *workbook
	f    *zip.File
	part string
	left int64
	crc  hash.Hash32
	eof  bool
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.rc.Read(p)
	c.crc.Write(p[:n])
	c.left -= int64(n)
	c.wb.unzipped += int64(n)
	switch {
	case c.left < 0:
		return n, c.wb.tooBig(c.part, c.wb.lim.MaxUnzipBytes)
	case errors.Is(err, zip.ErrChecksum):
		return n, c.wb.damaged(c.part)
	case err == io.EOF:
		c.eof = true
		if c.crc.Sum32() != c.f.CRC32 {
			return n, c.wb.damaged(c.part)
		}
	}
	return n, err
}

// finish reads what is left of the part, so that its CRC is checked.
func (c *countingReader) finish() error {
	if c.eof {
		return nil
	}
	_, err := io.Copy(io.Discard, c)
	return err
}

func (c *countingReader) Close() error { return c.rc.Close() }

// sharedStrings loads the shared-string table once.
func (wb *workbook) sharedStrings(pos model.Position) ([]string, error) {
	if wb.sstRead || wb.sstPart == "" {
		return wb.sst, nil
	}
	rc, err := wb.open(wb.sstPart, wb.lim.MaxSharedStringsBytes)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	x := newXMLScanner(rc, wb.lim.MaxCellBytes)
	var (
		buf       []byte
		inSI, inT bool
		phonetic  bool
		strs      []string
		size      int64 // memory taken by strs
	)
	if wb.mem == nil {
		wb.mem = &sharedMemory{}
	}
	for {
		kind, err := x.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, wb.xmlProblem(pos, wb.sstPart, err)
		}
		switch kind {
		case xmlStart:
			switch string(x.name()) {
			case "si":
				inSI, buf = true, buf[:0]
			case "t":
				inT = inSI && !phonetic
			case "rPh":
				phonetic = true
			}
		case xmlEnd:
			switch string(x.name()) {
			case "si":
				if err := wb.chargeString(len(strs), size, len(buf)); err != nil {
					return nil, err
				}
				size += stringHeader + int64(len(buf))
				strs = append(strs, string(buf))
				inSI = false
			case "t":
				inT = false
			case "rPh":
				phonetic = false
			}
		case xmlText:
			if inT {
				if buf = append(buf, x.text()...); len(buf) > wb.lim.MaxCellBytes {
					return nil, problemf(pos, "il file .xlsx contiene un testo condiviso più lungo di %s", megabytes(int64(wb.lim.MaxCellBytes)))
				}
			}
		}
	}
	if err := rc.finish(); err != nil {
		return nil, wb.xmlProblem(pos, wb.sstPart, err)
	}
	wb.mem.strings += len(strs)
	wb.mem.bytes += size
	wb.sst, wb.sstRead = strs, true
	return strs, nil
}

// chargeString checks that one more shared string of n bytes, after count
// strings taking size bytes, stays within the limits for all the
// workbooks of the folder.
func (wb *workbook) chargeString(count int, size int64, n int) error {
	others := ""
	if wb.mem.strings > 0 {
		others = ", contando quelli degli altri file .xlsx della cartella"
	}
	pos := model.Position{File: wb.name}
	if wb.mem.strings+count+1 > wb.lim.MaxSharedStrings {
		return problemf(pos, "il file .xlsx ha più di %d testi condivisi (il limite%s): file anomalo o troppo grande", wb.lim.MaxSharedStrings, others)
	}
	if wb.mem.bytes+size+stringHeader+int64(n) > wb.lim.MaxSharedStringsBytes {
		return problemf(pos, "i testi condivisi del file .xlsx occupano in memoria più di %s (il limite%s): file anomalo o troppo grande", megabytes(wb.lim.MaxSharedStringsBytes), others)
	}
	return nil
}

// dateStyles reads, once, which cell styles show dates or times: the
// number format of each cellXfs entry, built-in or custom.
func (wb *workbook) dateStyles() ([]dateFormat, error) {
	if wb.stylesRead || wb.stylesPart == "" || wb.part(wb.stylesPart) == nil {
		return wb.styles, nil
	}
	var x struct {
		NumFmts []struct {
			ID   string `xml:"numFmtId,attr"`
			Code string `xml:"formatCode,attr"`
		} `xml:"numFmts>numFmt"`
		Xfs []struct {
			NumFmtID string `xml:"numFmtId,attr"`
		} `xml:"cellXfs>xf"`
	}
	if err := wb.readXML(wb.stylesPart, &x); err != nil {
		return nil, err
	}
	custom := make(map[int]dateFormat, len(x.NumFmts))
	for _, n := range x.NumFmts {
		if id, err := strconv.Atoi(n.ID); err == nil {
			custom[id] = classifyFormat(n.Code)
		}
	}
	var styles []dateFormat
	for i, xf := range x.Xfs {
		id, err := strconv.Atoi(xf.NumFmtID)
		if err != nil {
			continue
		}
		f, ok := custom[id]
		if !ok {
			f = builtinFormats[id]
		}
		if f != 0 {
			if styles == nil {
				styles = make([]dateFormat, len(x.Xfs))
			}
			styles[i] = f
		}
	}
	wb.styles, wb.stylesRead = styles, true
	return styles, nil
}

// xmlTokens is what sheetRows reads a worksheet from: xmlScanner, or
// encoding/xml in the tests that hold the two to each other.
type xmlTokens interface {
	// next returns xmlStart, xmlEnd or xmlText; io.EOF at the end.
	next() (byte, error)
	// name is the local name of the current start or end tag.
	name() []byte
	// attr is the value of an attribute of the current start tag.
	attr(local string) ([]byte, bool)
	// text is the current text.
	text() []byte
}

// sheetRows streams the rows of a worksheet.
type sheetRows struct {
	wb    *workbook
	pos   model.Position // file and sheet
	part  string
	rc    io.ReadCloser
	toks  xmlTokens
	sst   []string
	dates []dateFormat // by cell style; nil when no style shows a date
	cells []cell
	num   int
	e     error
	done  bool
	v, t  []byte // text of the current cell's <v> and inline <t>
	// rowText gathers the texts of the cells of the current row that
	// need one (numbers, inline and formula text), made into one string
	// at the end of the row for their cells, listed in pending, to share:
	// one allocation a row instead of one a cell.
	rowText []byte
	pending []pendingText
	fx      []byte // its formula, the first maxFormula bytes
	// header is the row of the table's header, set by the table; merges
	// are the merged ranges over it, read after the rows.
	header int
	merges []mergeRange
	hid    bool // the current row is hidden
}

// mergeRange is a range of merged cells, 0-based columns and 1-based rows.
type mergeRange struct {
	ref                    string
	col1, row1, col2, row2 int
}

// maxMerges bounds the merged ranges kept: those over the header row,
// which has at most 16,384 cells.
const maxMerges = 1 << 14

// rows opens a sheet of the workbook.
func (wb *workbook) rows(s sheetRef) (*sheetRows, error) {
	pos := model.Position{File: wb.name, Sheet: s.name}
	sst, err := wb.sharedStrings(pos)
	if err != nil {
		return nil, err
	}
	dates, err := wb.dateStyles()
	if err != nil {
		return nil, err
	}
	rc, err := wb.open(s.part, wb.lim.MaxUnzipBytes)
	if err != nil {
		return nil, err
	}
	toks := newXMLScanner(rc, wb.lim.MaxCellBytes)
	return &sheetRows{wb: wb, pos: pos, part: s.part, rc: rc, toks: toks, sst: sst, dates: dates}, nil
}

func (s *sheetRows) next() bool {
	if s.e != nil || s.done {
		return false
	}
	var (
		inRow, inCell        bool
		inV, inIS, inT, inPh bool
		inF                  bool
		hasV, hasF           bool
		col                  = -1
		typ                  string
		style                dateFormat
	)
	for {
		kind, err := s.toks.next()
		if err != nil {
			s.done = true
			if err != io.EOF {
				s.e = s.xmlError(err)
			}
			return false
		}
		switch kind {
		case xmlStart:
			switch string(s.toks.name()) {
			case "row":
				n := s.num + 1
				if r, ok := s.toks.attr("r"); ok {
					if n, err = strconv.Atoi(string(r)); err != nil || n < 1 || n > excelMaxRows {
						s.e = problemf(s.at(-1), "il file .xlsx è danneggiato: numero di riga %q non valido dopo la riga %d", r, s.num)
						return false
					}
					if n <= s.num {
						prev := s.num
						s.num = n
						s.e = problemf(s.at(-1), "il file .xlsx è danneggiato: la riga %d viene dopo la riga %d (righe ripetute o fuori ordine)", n, prev)
						return false
					}
				}
				s.num, inRow, col = n, true, -1
				h, _ := s.toks.attr("hidden")
				s.hid = string(h) == "1" || string(h) == "true"
				s.cells = s.cells[:0]
				s.rowText, s.pending = s.rowText[:0], s.pending[:0]
			case "c":
				if !inRow {
					continue
				}
				inCell, hasV, hasF = true, false, false
				s.v, s.t, s.fx = s.v[:0], s.t[:0], s.fx[:0]
				prev := col
				col++
				if ref, ok := s.toks.attr("r"); ok {
					c, r, ok := parseRef(ref)
					switch {
					case !ok:
						s.e = problemf(s.at(-1), "il file .xlsx è danneggiato: riferimento di cella %q non valido", ref)
					case r != s.num:
						s.e = problemf(s.at(c), "il file .xlsx è danneggiato: la cella %s è dentro la riga %d", ref, s.num)
					case c == prev:
						s.e = problemf(s.at(c), "il file .xlsx è danneggiato: la cella %s compare due volte", ref)
					case c < prev:
						s.e = problemf(s.at(c), "il file .xlsx è danneggiato: la cella %s viene dopo la cella %s%d (celle fuori ordine)", ref, columnLetters(prev), s.num)
					}
					if s.e != nil {
						return false
					}
					col = c
				}
				if col >= s.wb.lim.MaxColumns {
					s.e = problemf(s.at(-1), "la riga ha celle oltre la colonna %d, il limite", s.wb.lim.MaxColumns)
					return false
				}
				typ = ""
				if t, ok := s.toks.attr("t"); ok {
					typ = cellType(t)
				}
				style = 0
				if s.dates != nil {
					if st, ok := s.toks.attr("s"); ok {
						if i, err := strconv.Atoi(string(st)); err == nil && i >= 0 && i < len(s.dates) {
							style = s.dates[i]
						}
					}
				}
			case "v":
				inV, hasV = inCell, hasV || inCell
			case "f":
				hasF = hasF || inCell
				inF = inCell
			case "is":
				inIS = inCell
			case "t":
				inT = inIS && !inPh
			case "rPh":
				inPh = true
			}
		case xmlEnd:
			switch string(s.toks.name()) {
			case "v":
				inV = false
			case "f":
				inF = false
			case "t":
				inT = false
			case "rPh":
				inPh = false
			case "is":
				inIS = false
			case "c":
				if inCell {
					inCell = false
					c, err := s.cell(typ, hasV, hasF, col)
					if err != nil {
						s.e = err
						return false
					}
					if c.kind == cellNumber {
						c.date = style
					}
					for len(s.cells) <= col {
						s.cells = append(s.cells, cell{})
					}
					s.cells[col] = c
				}
			case "row":
				if inRow {
					s.endRow()
					return true
				}
			case "sheetData":
				s.done = true
				s.e = s.tail()
				return false
			}
		case xmlText:
			switch {
			case inV:
				s.v = append(s.v, s.toks.text()...)
			case inT:
				s.t = append(s.t, s.toks.text()...)
			case inF:
				if len(s.fx) < maxFormula {
					s.fx = append(s.fx, s.toks.text()...)
				}
				continue
			default:
				continue
			}
			if len(s.v)+len(s.t) > s.wb.lim.MaxCellBytes {
				s.e = problemf(s.at(col), "la cella contiene più di %s di testo", megabytes(int64(s.wb.lim.MaxCellBytes)))
				return false
			}
		}
	}
}

// tail reads the worksheet after its rows, to its end: the zip checks the
// part's CRC only there.
func (s *sheetRows) tail() error {
	for {
		kind, err := s.toks.next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return s.xmlError(err)
		}
		if kind != xmlStart || string(s.toks.name()) != "mergeCell" {
			continue
		}
		ref, _ := s.toks.attr("ref")
		a, b, _ := bytes.Cut(ref, []byte(":"))
		c1, r1, ok1 := parseRef(a)
		c2, r2, ok2 := parseRef(b)
		if !ok1 || !ok2 || c2 < c1 || r2 < r1 {
			return problemf(model.Position{File: s.pos.File, Sheet: s.pos.Sheet}, "il file .xlsx è danneggiato: intervallo di celle unite %q non valido", ref)
		}
		if r1 <= s.header && s.header <= r2 && len(s.merges) < maxMerges {
			s.merges = append(s.merges, mergeRange{string(ref), c1, r1, c2, r2})
		}
	}
}

// pendingText is the text of cell col, rowText[start:end].
type pendingText struct {
	col, start, end int
}

// later gives cell col the text b at the end of the row.
func (s *sheetRows) later(col int, b []byte) {
	start := len(s.rowText)
	s.rowText = append(s.rowText, b...)
	s.pending = append(s.pending, pendingText{col, start, len(s.rowText)})
}

// endRow gives the cells of the row their texts.
func (s *sheetRows) endRow() {
	if len(s.pending) == 0 {
		return
	}
	str := string(s.rowText)
	for _, p := range s.pending {
		s.cells[p.col].text = str[p.start:p.end]
	}
	s.rowText, s.pending = s.rowText[:0], s.pending[:0]
}

// maxFormula bounds the text kept of a formula, for messages.
const maxFormula = 200

// cellTypes interns the values of a cell's t attribute.
var cellTypes = []string{"s", "n", "str", "inlineStr", "b", "e", "d"}

func cellType(t []byte) string {
	for _, c := range cellTypes {
		if string(t) == c {
			return c
		}
	}
	return string(t)
}

// xmlError reports a worksheet that cannot be read.
func (s *sheetRows) xmlError(err error) error { return s.wb.xmlProblem(s.at(-1), s.part, err) }

// cell turns the current cell's type and text into a cell.
func (s *sheetRows) cell(typ string, hasV, hasF bool, col int) (cell, error) {
	v := bytes.TrimSpace(s.v)
	switch {
	case typ == "inlineStr":
		s.later(col, s.t)
		return cell{}, nil
	case hasF && (!hasV || len(v) == 0 && typ != "str"):
		// A formula never computed: no value, or an empty one where a
		// formula giving text would say t="str".
		s.later(col, s.fx)
		return cell{kind: cellNoValue}, nil
	case !hasV || len(v) == 0 && typ != "str":
		return cell{}, nil
	}
	switch typ {
	case "s":
		i, ok := sharedIndex(v)
		if !ok || i >= len(s.sst) {
			return cell{}, problemf(s.at(col), "il file .xlsx è danneggiato: la cella rimanda a un testo condiviso inesistente (%q)", v)
		}
		return cell{text: s.sst[i]}, nil
	case "str", "d":
		s.later(col, s.v)
		return cell{}, nil
	case "b":
		if string(v) == "1" {
			return cell{text: "VERO"}, nil
		}
		return cell{text: "FALSO"}, nil
	case "e":
		return cell{kind: cellError, text: string(v)}, nil
	case "", "n":
		s.later(col, v)
		return cell{kind: cellNumber}, nil
	}
	return cell{}, problemf(s.at(col), "il file .xlsx è danneggiato: tipo di cella %q sconosciuto", typ)
}

// sharedIndex reads the index of a shared string as strconv.Atoi does, ok
// false when it is not a non-negative int.
func sharedIndex(v []byte) (int, bool) {
	i := 0
	neg := len(v) > 0 && v[0] == '-'
	if len(v) > 0 && (v[0] == '+' || neg) {
		i++
	}
	if i == len(v) {
		return 0, false
	}
	n := 0
	for ; i < len(v); i++ {
		if !isDigit(v[i]) || n > (math.MaxInt-9)/10 {
			// Past any count of shared strings, if a number at all.
			return 0, false
		}
		n = n*10 + int(v[i]-'0')
	}
	return n, !neg || n == 0
}

// at is the position of column col (-1 for the whole row) of the current row.
func (s *sheetRows) at(col int) model.Position {
	p := s.pos
	p.Row = s.num
	if col >= 0 && s.num > 0 {
		p.Letter = columnLetters(col)
	}
	return p
}

func (s *sheetRows) row() (int, []cell) { return s.num, s.cells }
func (s *sheetRows) err() error         { return s.e }
func (s *sheetRows) conv() convention   { return italianNumbers }
func (s *sheetRows) letters() bool      { return true }
func (s *sheetRows) hidden() bool       { return s.hid }
func (s *sheetRows) close() error       { return s.rc.Close() }

// parseRef reads a cell reference such as "AB12": its 0-based column and
// its row, both within a worksheet.
func parseRef(ref []byte) (col, row int, ok bool) {
	i := 0
	for ; i < len(ref); i++ {
		c := ref[i]
		if c >= 'a' && c <= 'z' {
			c -= 'a' - 'A'
		}
		if c < 'A' || c > 'Z' {
			break
		}
		if col = col*26 + int(c-'A') + 1; col > 1<<20 {
			return 0, 0, false
		}
	}
	if col == 0 || i == len(ref) || ref[i] == '0' {
		return 0, 0, false
	}
	for ; i < len(ref); i++ {
		if !isDigit(ref[i]) {
			return 0, 0, false
		}
		if row = row*10 + int(ref[i]-'0'); row > excelMaxRows {
			return 0, 0, false
		}
	}
	return col - 1, row, true
}
