package inputs

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"unicode/utf8"
)

// xmlScanner tokenizes the XML of a worksheet part. encoding/xml reads a
// sheet at about 5 µs a row, allocating for every element and attribute;
// this scanner reads the same sheets four times faster, with no allocation
// per token, because a worksheet needs only a small part of XML: elements
// (prefixes are dropped), attributes, text with the predefined and numeric
// entity references, CDATA sections, comments and processing
// instructions. It checks what keeps a reading honest: elements nest and
// close by name, names and attributes are well formed, text is UTF-8 made
// of XML characters, entities are known. A document type declaration is
// refused, as OOXML forbids it. A differential fuzz test holds it to
// encoding/xml.
type xmlScanner struct {
	r        io.Reader
	buf      []byte
	pos, end int // unread bytes are buf[pos:end]
	eof      bool
	err      error
	max      int      // bound on one token
	lines    int      // line breaks consumed
	stack    [][]byte // names of the open elements
	names    []byte   // backing store of stack
	rootDone bool     // the root element has ended

	// The current token.
	local   []byte // element name without prefix
	attrs   []byte // raw attributes of a start tag
	txt     []byte // decoded text
	scratch []byte
	selfEnd bool // a start tag that also ends (<c/>): next is its end
}

// Token kinds.
const (
	xmlStart = 's'
	xmlEnd   = 'e'
	xmlText  = 't'
)

var errXMLSyntax = errors.New("xml syntax")

// xmlSyntaxError is malformed XML at a line of the part.
type xmlSyntaxError struct {
	line int
	msg  string
}

func (e *xmlSyntaxError) Error() string { return fmt.Sprintf("line %d: %s", e.line, e.msg) }
func (e *xmlSyntaxError) Unwrap() error { return errXMLSyntax }

func newXMLScanner(r io.Reader, max int) *xmlScanner {
	x := &xmlScanner{r: r, buf: make([]byte, 64<<10), max: max}
	for x.end < 3 && x.fill() {
	}
	if bytes.HasPrefix(x.buf[:x.end], []byte("\xef\xbb\xbf")) {
		x.pos = 3 // a byte order mark
	}
	return x
}

// name returns the local name of the current start or end tag.
func (x *xmlScanner) name() []byte { return x.local }

// text returns the current text, valid until the next token.
func (x *xmlScanner) text() []byte { return x.txt }

func (x *xmlScanner) syntax(format string, args ...any) error {
	return &xmlSyntaxError{line: x.lines + 1 + bytes.Count(x.buf[:x.pos], []byte{'\n'}), msg: fmt.Sprintf(format, args...)}
}

// fill reads more input, keeping the unread bytes; it grows the buffer when
// they fill it, up to the token bound. It reports whether it read anything.
func (x *xmlScanner) fill() bool {
	if x.eof || x.err != nil {
		return false
	}
	if x.pos > 0 {
		x.lines += bytes.Count(x.buf[:x.pos], []byte{'\n'})
		x.end = copy(x.buf, x.buf[x.pos:x.end])
		x.pos = 0
	}
	if x.end == len(x.buf) {
		if len(x.buf) > x.max {
			return false
		}
		x.buf = append(x.buf, make([]byte, len(x.buf))...)
	}
	for {
		n, err := x.r.Read(x.buf[x.end:])
		x.end += n
		if err == io.EOF {
			x.eof = true
		} else if err != nil {
			x.err = err
		}
		if n > 0 || err != nil {
			return n > 0
		}
	}
}

// until makes sure the unread bytes hold sep, filling as needed, and
// returns its index in buf[pos:end], or -1 at the end of input.
func (x *xmlScanner) until(sep []byte) (int, error) {
	from := 0
	for {
		if i := bytes.Index(x.buf[x.pos+from:x.end], sep); i >= 0 {
			return from + i, nil
		}
		from = max(0, x.end-x.pos-len(sep)+1)
		if !x.fill() {
			if x.err != nil {
				return -1, x.err
			}
			if x.end-x.pos > x.max {
				return -1, errTokenTooBig
			}
			return -1, nil
		}
	}
}

var errTokenTooBig = errors.New("xml token too big")

// next reads the next token: a start tag, an end tag or text. It returns
// io.EOF after the root element has ended (or at the end of input, which
// is an error if elements are open).
func (x *xmlScanner) next() (byte, error) {
	if x.selfEnd {
		x.selfEnd = false
		x.pop()
		return xmlEnd, nil
	}
	for {
		if x.pos == x.end && !x.fill() {
			if x.err != nil {
				return 0, x.err
			}
			if len(x.stack) > 0 {
				return 0, x.syntax("unexpected EOF: element <%s> not closed", x.stack[len(x.stack)-1])
			}
			return 0, io.EOF
		}
		if x.buf[x.pos] != '<' {
			i, err := x.until([]byte{'<'})
			if err != nil {
				return 0, err
			}
			if i < 0 {
				i = x.end - x.pos
			}
			raw := x.buf[x.pos : x.pos+i]
			text, err := x.decode(raw)
			x.pos += i
			if err != nil {
				return 0, err
			}
			if len(x.stack) == 0 {
				if len(bytes.TrimSpace(text)) > 0 {
					return 0, x.syntax("text outside the root element")
				}
				continue
			}
			x.txt = text
			return xmlText, nil
		}
		// A markup construct: make sure its opening is buffered.
		for x.end-x.pos < 9 && x.fill() {
		}
		rest := x.buf[x.pos:x.end]
		if len(rest) < 2 {
			return 0, x.syntax("unexpected EOF after '<'")
		}
		switch rest[1] {
		case '?':
			start := x.pos
			if err := x.skipPast([]byte("?>")); err != nil {
				return 0, err
			}
			if err := x.checkDeclaration(x.buf[start:x.pos]); err != nil {
				return 0, err
			}
		case '/':
			return x.endTag()
		case '!':
			switch {
			case bytes.HasPrefix(rest, []byte("<!--")):
				if err := x.skipPast([]byte("-->")); err != nil {
					return 0, err
				}
			case bytes.HasPrefix(rest, []byte("<![CDATA[")):
				return x.cdata()
			default:
				return 0, x.syntax("document type declarations and other <! constructs are not allowed")
			}
		default:
			return x.startTag()
		}
	}
}

func (x *xmlScanner) cdata() (byte, error) {
	if len(x.stack) == 0 {
		return 0, x.syntax("CDATA outside the root element")
	}
	x.pos += len("<![CDATA[")
	i, err := x.until([]byte("]]>"))
	if err != nil {
		return 0, err
	}
	if i < 0 {
		return 0, x.syntax("unexpected EOF in CDATA section")
	}
	raw := x.buf[x.pos : x.pos+i]
	x.pos += i + 3
	if err := x.checkChars(raw); err != nil {
		return 0, err
	}
	x.txt = normalizeNewlines(x.scratch[:0], raw)
	x.scratch = x.txt
	return xmlText, nil
}

// checkDeclaration refuses an XML declaration of an encoding other than
// UTF-8, which the scanner would misread.
func (x *xmlScanner) checkDeclaration(pi []byte) error {
	if !bytes.HasPrefix(pi, []byte("<?xml ")) {
		return nil
	}
	i := bytes.Index(pi, []byte("encoding"))
	if i < 0 {
		return nil
	}
	v := trimSpaceLeft(pi[i+len("encoding"):])
	if len(v) < 2 || v[0] != '=' {
		return x.syntax("invalid XML declaration")
	}
	v = trimSpaceLeft(v[1:])
	if len(v) < 2 || v[0] != '"' && v[0] != '\'' {
		return x.syntax("invalid XML declaration")
	}
	end := bytes.IndexByte(v[1:], v[0])
	if end < 0 {
		return x.syntax("invalid XML declaration")
	}
	if enc := v[1 : 1+end]; !bytes.EqualFold(enc, []byte("utf-8")) && !bytes.EqualFold(enc, []byte("utf8")) {
		return x.syntax("encoding %q not supported", enc)
	}
	return nil
}

func (x *xmlScanner) skipPast(sep []byte) error {
	i, err := x.until(sep)
	if err != nil {
		return err
	}
	if i < 0 {
		return x.syntax("unexpected EOF")
	}
	x.pos += i + len(sep)
	return nil
}

// tagEnd finds the '>' closing the tag at pos, outside attribute quotes.
func (x *xmlScanner) tagEnd() (int, error) {
	for {
		b := x.buf[x.pos:x.end]
		var quote byte
		for i, c := range b {
			switch {
			case quote != 0:
				if c == quote {
					quote = 0
				}
			case c == '"' || c == '\'':
				quote = c
			case c == '>':
				return i, nil
			}
		}
		if !x.fill() {
			if x.err != nil {
				return 0, x.err
			}
			if x.end-x.pos > x.max {
				return 0, errTokenTooBig
			}
			return 0, x.syntax("unexpected EOF in a tag")
		}
	}
}

func (x *xmlScanner) startTag() (byte, error) {
	if x.rootDone {
		return 0, x.syntax("a second root element")
	}
	i, err := x.tagEnd()
	if err != nil {
		return 0, err
	}
	tag := x.buf[x.pos+1 : x.pos+i]
	x.pos += i + 1
	self := len(tag) > 0 && tag[len(tag)-1] == '/'
	if self {
		tag = tag[:len(tag)-1]
	}
	n := nameLen(tag)
	if n == 0 {
		return 0, x.syntax("invalid tag name %q", firstBytes(tag))
	}
	name := tag[:n]
	attrs := tag[n:]
	if len(attrs) > 0 && !isSpace(attrs[0]) {
		return 0, x.syntax("invalid tag name %q", firstBytes(tag))
	}
	if err := x.checkAttrs(attrs); err != nil {
		return 0, err
	}
	x.push(name)
	x.local = localName(x.stack[len(x.stack)-1])
	x.attrs = attrs
	x.selfEnd = self
	return xmlStart, nil
}

func (x *xmlScanner) endTag() (byte, error) {
	i, err := x.tagEnd()
	if err != nil {
		return 0, err
	}
	tag := x.buf[x.pos+2 : x.pos+i]
	for len(tag) > 0 && isSpace(tag[len(tag)-1]) {
		tag = tag[:len(tag)-1]
	}
	x.pos += i + 1
	if n := nameLen(tag); n == 0 || n != len(tag) {
		return 0, x.syntax("invalid end tag </%s>", firstBytes(tag))
	}
	if len(x.stack) == 0 {
		return 0, x.syntax("unexpected end tag </%s>", tag)
	}
	if open := x.stack[len(x.stack)-1]; !bytes.Equal(open, tag) {
		return 0, x.syntax("element <%s> closed by </%s>", open, tag)
	}
	x.pop()
	x.local = localName(tag)
	return xmlEnd, nil
}

// push opens an element. Names are copied out of the read buffer, which
// moves.
func (x *xmlScanner) push(name []byte) {
	start := len(x.names)
	x.names = append(x.names, name...)
	x.stack = append(x.stack, x.names[start:len(x.names):len(x.names)])
}

func (x *xmlScanner) pop() {
	top := x.stack[len(x.stack)-1]
	x.stack = x.stack[:len(x.stack)-1]
	x.names = x.names[:len(x.names)-len(top)]
	x.rootDone = len(x.stack) == 0
}

// checkAttrs checks the syntax of a start tag's attributes: name = "value"
// or 'value', separated by spaces, each name once.
func (x *xmlScanner) checkAttrs(b []byte) error {
	var seen [8][]byte
	count := 0
	for {
		b = trimSpaceLeft(b)
		if len(b) == 0 {
			return nil
		}
		n := nameLen(b)
		if n == 0 {
			return x.syntax("invalid attribute %q", firstBytes(b))
		}
		name := b[:n]
		for _, s := range seen[:min(count, len(seen))] {
			if bytes.Equal(s, name) {
				return x.syntax("attribute %s repeated", name)
			}
		}
		if count < len(seen) {
			seen[count] = name
		}
		count++
		b = trimSpaceLeft(b[n:])
		if len(b) == 0 || b[0] != '=' {
			return x.syntax("attribute %s without value", name)
		}
		b = trimSpaceLeft(b[1:])
		if len(b) == 0 || b[0] != '"' && b[0] != '\'' {
			return x.syntax("attribute %s value not quoted", name)
		}
		end := bytes.IndexByte(b[1:], b[0])
		if end < 0 {
			return x.syntax("attribute %s value not closed", name)
		}
		v := b[1 : 1+end]
		if bytes.IndexByte(v, '<') >= 0 {
			return x.syntax("'<' in the value of attribute %s", name)
		}
		if _, err := x.decode(v); err != nil {
			return err
		}
		b = b[2+end:]
		if len(b) > 0 && !isSpace(b[0]) {
			return x.syntax("no space after attribute %s", name)
		}
	}
}

// attr returns the decoded value of the current start tag's attribute
// whose local name is local.
func (x *xmlScanner) attr(local string) ([]byte, bool) {
	b := x.attrs
	for {
		b = trimSpaceLeft(b)
		if len(b) == 0 {
			return nil, false
		}
		n := nameLen(b)
		name := b[:n]
		b = trimSpaceLeft(b[n:])[1:] // '=', checked by checkAttrs
		b = trimSpaceLeft(b)
		end := bytes.IndexByte(b[1:], b[0])
		v := b[1 : 1+end]
		b = b[2+end:]
		if string(localName(name)) == local {
			if bytes.IndexByte(v, '&') < 0 && bytes.IndexByte(v, '\r') < 0 {
				return v, true
			}
			d, _ := x.decodeInto(nil, v)
			return d, true
		}
	}
}

// decode decodes raw text into the scratch buffer when it needs it.
func (x *xmlScanner) decode(raw []byte) ([]byte, error) {
	if bytes.IndexByte(raw, '&') < 0 && bytes.IndexByte(raw, '\r') < 0 {
		if err := x.checkChars(raw); err != nil {
			return nil, err
		}
		return raw, nil
	}
	d, err := x.decodeInto(x.scratch[:0], raw)
	x.scratch = d
	return d, err
}

// decodeInto appends raw to dst with entity references replaced and line
// ends normalised to \n, as encoding/xml does.
func (x *xmlScanner) decodeInto(dst, raw []byte) ([]byte, error) {
	if err := x.checkChars(raw); err != nil {
		return nil, err
	}
	for len(raw) > 0 {
		i := bytes.IndexAny(raw, "&\r")
		if i < 0 {
			return append(dst, raw...), nil
		}
		dst = append(dst, raw[:i]...)
		raw = raw[i:]
		if raw[0] == '\r' {
			dst = append(dst, '\n')
			raw = raw[1:]
			if len(raw) > 0 && raw[0] == '\n' {
				raw = raw[1:]
			}
			continue
		}
		semi := bytes.IndexByte(raw, ';')
		if semi < 0 {
			return nil, x.syntax("entity reference not closed")
		}
		ref := raw[1:semi]
		raw = raw[semi+1:]
		switch string(ref) {
		case "lt":
			dst = append(dst, '<')
		case "gt":
			dst = append(dst, '>')
		case "amp":
			dst = append(dst, '&')
		case "quot":
			dst = append(dst, '"')
		case "apos":
			dst = append(dst, '\'')
		default:
			r, ok := charRef(ref)
			if !ok {
				return nil, x.syntax("invalid entity reference &%s;", firstBytes(ref))
			}
			dst = utf8.AppendRune(dst, r)
		}
	}
	return dst, nil
}

// charRef reads a character reference (#65 or #x41) naming an XML character.
func charRef(ref []byte) (rune, bool) {
	if len(ref) < 2 || ref[0] != '#' {
		return 0, false
	}
	base, digits := 10, ref[1:]
	if digits[0] == 'x' {
		base, digits = 16, digits[1:]
	}
	if len(digits) == 0 || len(digits) > 8 {
		return 0, false
	}
	for _, c := range digits {
		if !isDigit(c) && (base == 10 || !(c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
			return 0, false
		}
	}
	n, err := strconv.ParseUint(string(digits), base, 32)
	if err != nil || !isXMLChar(rune(n)) {
		return 0, false
	}
	return rune(n), true
}

// checkChars checks that raw is UTF-8 made of XML characters.
func (x *xmlScanner) checkChars(raw []byte) error {
	for i := 0; i < len(raw); {
		c := raw[i]
		if c < utf8.RuneSelf {
			if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
				return x.syntax("illegal character code %U", rune(c))
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(raw[i:])
		if r == utf8.RuneError && size == 1 {
			return x.syntax("invalid UTF-8")
		}
		if !isXMLChar(r) {
			return x.syntax("illegal character code %U", r)
		}
		i += size
	}
	return nil
}

func isXMLChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD ||
		r >= 0x10000 && r <= 0x10FFFF
}

func normalizeNewlines(dst, raw []byte) []byte {
	for len(raw) > 0 {
		i := bytes.IndexByte(raw, '\r')
		if i < 0 {
			return append(dst, raw...)
		}
		dst = append(dst, raw[:i]...)
		dst = append(dst, '\n')
		raw = raw[i+1:]
		if len(raw) > 0 && raw[0] == '\n' {
			raw = raw[1:]
		}
	}
	return dst
}

// nameLen returns the length of the XML name b starts with: ASCII letters,
// digits, '_', '-', '.', ':' and any non-ASCII UTF-8, not starting with a
// digit, '-' or '.'.
func nameLen(b []byte) int {
	i := 0
	for i < len(b) {
		c := b[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c == '_', c == ':':
			i++
		case c >= '0' && c <= '9', c == '-', c == '.':
			if i == 0 {
				return 0
			}
			i++
		case c >= utf8.RuneSelf:
			r, size := utf8.DecodeRune(b[i:])
			if r == utf8.RuneError && size == 1 {
				return 0
			}
			i += size
		default:
			return i
		}
	}
	return i
}

func localName(name []byte) []byte {
	if i := bytes.LastIndexByte(name, ':'); i >= 0 {
		return name[i+1:]
	}
	return name
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func trimSpaceLeft(b []byte) []byte {
	for len(b) > 0 && isSpace(b[0]) {
		b = b[1:]
	}
	return b
}

func firstBytes(b []byte) []byte { return b[:min(len(b), 20)] }
