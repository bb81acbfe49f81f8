package inputs

import (
	"bytes"
	"io"
	"strings"
	"unicode/utf8"
	"unsafe"
)

// csvScanner splits CSV text into records the way encoding/csv does with
// LazyQuotes off (RFC 4180: a field may be quoted, "" is a quote inside a
// quoted field, a quoted field may span lines, \r\n is read as \n, a \r
// ending the input is dropped), with three differences that the tables
// need:
//   - an empty line is returned as an empty record rather than skipped, so
//     that records count rows the way a spreadsheet shows them;
//   - the text must be UTF-8;
//   - lines and the whole input are bounded.
//
// A line without quotes, the common case, is split in one pass over the
// read buffer that finds the separators, the end of line and any byte to
// check, and costs no allocation: its fields are substrings of one string
// made per fill of the buffer, or views of the buffer itself (views). A
// differential fuzz test holds it to encoding/csv.
type csvScanner struct {
	r        io.Reader
	buf      []byte
	pos, end int // unread bytes are buf[pos:end]
	eof      bool
	err      error // a read error, returned once the buffer is used up
	sep      byte
	maxLine  int
	maxTotal int64
	total    int64 // bytes consumed
	// chunk holds buf[base:end] as a string, made once per fill, so that
	// the fields of unquoted lines are its substrings: no allocation per
	// row, and no pressure on the garbage collector from ten million
	// small strings. A field kept (a matricola in personale) pins its
	// chunk; the time sheet keeps none.
	chunk string
	base  int
	stale bool
	// views, when set, makes the fields of unquoted lines views of the
	// read buffer instead, valid only until the next record: no copy at
	// all, for a table whose reader keeps no text of a row past it (see
	// table.transient).
	views bool
	// poison, in tests, overwrites the text of a line viewed once the
	// next record is asked for, so that a view kept too long shows.
	poison bool
	viewed [2]int // the bytes of buf viewed by the last record
	rec    []byte // the unquoted text of a record with quotes
	ends   []int  // separators of the current line, or field ends of rec
	// ctl tells that the last record may hold a control character (see
	// isControl): its fields are to be checked.
	ctl bool
	// class sorts the bytes for record's scan, for the separator
	// classSep, once classSet.
	class    [256]byteClass
	classSep byte
	classSet bool
}

// byteClass is what a byte is to record's scan of a line.
type byteClass uint8

const (
	plainByte byteClass = iota
	sepByte
	newlineByte
	quoteByte
	highByte    // outside ASCII
	controlByte // C0 but the tab, \n and \r, and DEL
)

// setClasses sorts the bytes for the separator s.sep.
func (s *csvScanner) setClasses() {
	for c := range 256 {
		switch {
		case c == '\n':
			s.class[c] = newlineByte
		case c == '"':
			s.class[c] = quoteByte
		case c == int(s.sep):
			s.class[c] = sepByte
		case c >= utf8.RuneSelf:
			s.class[c] = highByte
		case c == '\t' || c == '\r':
			s.class[c] = plainByte
		case c < ' ' || c == 0x7f:
			s.class[c] = controlByte
		default:
			s.class[c] = plainByte
		}
	}
	s.classSep, s.classSet = s.sep, true
}

const scanBufSize = 256 << 10

func newCSVScanner(r io.Reader, maxLine int, maxTotal int64) *csvScanner {
	return &csvScanner{r: r, maxLine: maxLine, maxTotal: maxTotal}
}

// peek returns up to n unread bytes without consuming them.
func (s *csvScanner) peek(n int) []byte {
	for s.end-s.pos < n && s.fill() {
	}
	return s.buf[s.pos:min(s.end, s.pos+n)]
}

// skip consumes n bytes that peek returned.
func (s *csvScanner) skip(n int) { s.pos += n; s.total += int64(n) }

// fill reads more input after the unread bytes, moving them to the start of
// the buffer or growing it when they fill it. It reports whether it read
// anything.
func (s *csvScanner) fill() bool {
	if s.eof || s.err != nil {
		return false
	}
	if s.pos > 0 {
		s.end = copy(s.buf, s.buf[s.pos:s.end])
		s.pos = 0
	}
	if s.buf == nil {
		s.buf = make([]byte, scanBufSize)
	}
	if s.end == len(s.buf) {
		// A line longer than the buffer: grow it, up to the line limit.
		if len(s.buf) > s.maxLine+2 {
			return false
		}
		s.buf = append(s.buf, make([]byte, len(s.buf))...)
	}
	s.stale = true
	for {
		n, err := s.r.Read(s.buf[s.end:])
		s.end += n
		if err == io.EOF {
			s.eof = true
		} else if err != nil {
			s.err = err
		}
		if n > 0 || err != nil {
			return n > 0
		}
	}
}

// record returns the fields of the next record as text cells, reusing dst.
// The texts are substrings of one string. It returns io.EOF at the end.
func (s *csvScanner) record(dst []cell) ([]cell, error) {
	dst = dst[:0]
	s.ctl = false
	if s.poison {
		for i := s.viewed[0]; i < s.viewed[1]; i++ {
			s.buf[i] = '#'
		}
		s.viewed = [2]int{}
	}
	if !s.classSet || s.classSep != s.sep {
		s.setClasses()
	}
	var (
		seps    = s.ends[:0]
		high    bool // a byte outside ASCII
		ctl     bool // a C0 control but the tab and \r, or DEL
		nl      = -1
		scanned = 0 // bytes of the line scanned before a fill
		class   = &s.class
	)
	for {
		// One pass finds the separators, the end of line, any quote and
		// any byte outside ASCII or control.
		b := s.buf[s.pos:s.end]
	scan:
		for i := scanned; i < len(b); i++ {
			cl := class[b[i]]
			if cl == plainByte {
				continue
			}
			switch cl {
			case sepByte:
				seps = append(seps, i)
			case newlineByte:
				nl = i
				break scan
			case quoteByte:
				s.ends = seps
				return s.quoted(dst)
			case highByte:
				high = true
			default:
				ctl = true
			}
		}
		s.ends = seps
		if nl < 0 && !s.eof && s.err == nil {
			if len(b) > s.maxLine {
				return dst, errLineTooLong
			}
			scanned = len(b)
			s.fill()
			continue // scan the rest of the line
		}
		if nl < 0 {
			if len(b) == 0 {
				if s.err != nil {
					return dst, s.err
				}
				return dst, io.EOF
			}
			nl = len(b) // the last line has no \n
		}
		line, start := b[:nl], s.pos
		if err := s.consume(nl + 1); err != nil {
			return dst, err
		}
		if len(line) > s.maxLine {
			return dst, errLineTooLong
		}
		if n := len(line); n > 0 && line[n-1] == '\r' {
			line = line[:n-1] // \r\n, or a final \r
		}
		var str string
		switch {
		case s.views:
			if len(line) > 0 {
				str = unsafe.String(&line[0], len(line))
				s.viewed = [2]int{start, start + len(line)}
			}
		default:
			if s.stale || start < s.base {
				s.chunk, s.base, s.stale = string(s.buf[start:s.end]), start, false
			}
			str = s.chunk[start-s.base : start-s.base+len(line)]
		}
		if high && !utf8.ValidString(str) {
			return dst, errNotUTF8
		}
		// A non-ASCII byte may start U+0080-U+009F.
		s.ctl = ctl || high && strings.ContainsFunc(str, isControl)
		prev := 0
		for _, i := range seps {
			dst = append(dst, cell{text: str[prev:i]})
			prev = i + 1
		}
		return append(dst, cell{text: str[prev:]}), nil
	}
}

// consume marks n bytes read, at most those buffered.
func (s *csvScanner) consume(n int) error {
	n = min(n, s.end-s.pos)
	s.pos += n
	if s.total += int64(n); s.total > s.maxTotal {
		return errFileTooBig
	}
	return nil
}

// readLine reads a line with its final \n, \r\n turned into \n; a last
// line without \n loses a final \r. At the end of input it returns io.EOF
// and no bytes. The line is valid until the next read.
func (s *csvScanner) readLine() ([]byte, error) {
	for {
		b := s.buf[s.pos:s.end]
		i := bytes.IndexByte(b, '\n')
		if i < 0 && !s.eof && s.err == nil {
			if len(b) > s.maxLine {
				return nil, errLineTooLong
			}
			s.fill()
			continue
		}
		switch {
		case i >= 0:
			b = b[:i+1]
		case len(b) == 0 && s.err != nil:
			return nil, s.err
		case len(b) == 0:
			return nil, io.EOF
		}
		if err := s.consume(len(b)); err != nil {
			return nil, err
		}
		if len(b)-lengthNL(b) > s.maxLine {
			return nil, errLineTooLong
		}
		switch n := len(b); {
		case i < 0 && b[n-1] == '\r':
			b = b[:n-1]
		case n >= 2 && b[n-2] == '\r' && b[n-1] == '\n':
			b[n-2] = '\n'
			b = b[:n-1]
		}
		return b, nil
	}
}

// quoted parses a record holding quotes, reading more lines while a quoted
// field goes on. It follows encoding/csv's readRecord; rec gathers the
// text, since a field may span lines that the buffer does not keep.
func (s *csvScanner) quoted(dst []cell) ([]cell, error) {
	line, errRead := s.readLine()
	if errRead != nil {
		return dst, errRead
	}
	s.rec, s.ends = s.rec[:0], s.ends[:0]
parseField:
	for {
		if len(line) == 0 || line[0] != '"' {
			i := bytes.IndexByte(line, s.sep)
			field := line
			if i >= 0 {
				field = field[:i]
			} else {
				field = field[:len(field)-lengthNL(field)]
			}
			if bytes.IndexByte(field, '"') >= 0 {
				return dst, errBareQuote
			}
			s.rec = append(s.rec, field...)
			s.ends = append(s.ends, len(s.rec))
			if i >= 0 {
				line = line[i+1:]
				continue parseField
			}
			break parseField
		}
		line = line[1:]
		for {
			i := bytes.IndexByte(line, '"')
			switch {
			case i >= 0:
				s.rec = append(s.rec, line[:i]...)
				line = line[i+1:]
				switch {
				case len(line) > 0 && line[0] == '"':
					s.rec = append(s.rec, '"')
					line = line[1:]
				case len(line) > 0 && line[0] == s.sep:
					line = line[1:]
					s.ends = append(s.ends, len(s.rec))
					continue parseField
				case lengthNL(line) == len(line):
					s.ends = append(s.ends, len(s.rec))
					break parseField
				default:
					return dst, errQuote
				}
			case len(line) > 0:
				// The quoted field goes on past the end of the line.
				s.rec = append(s.rec, line...)
				if line, errRead = s.readLine(); errRead == io.EOF {
					return dst, errQuote
				} else if errRead != nil {
					return dst, errRead
				}
			default:
				// End of input inside a quoted field.
				return dst, errQuote
			}
		}
	}
	str := string(s.rec)
	if !utf8.ValidString(str) {
		return dst, errNotUTF8
	}
	s.ctl = strings.ContainsFunc(str, isControl)
	prev := 0
	for _, end := range s.ends {
		dst = append(dst, cell{text: str[prev:end]})
		prev = end
	}
	return dst, nil
}

// isControl reports whether r is a control character that text may not
// hold: C0 but the tab and line breaks, DEL and C1. XML, and so a
// workbook, cannot hold C0 either.
func isControl(r rune) bool {
	return r < ' ' && r != '\t' && r != '\n' && r != '\r' || r >= 0x7f && r <= 0x9f
}

func lengthNL(b []byte) int {
	if len(b) > 0 && b[len(b)-1] == '\n' {
		return 1
	}
	return 0
}
