package inputs

import (
	"bytes"
	"strings"
)

// separatorLines is how many rows after the header separatorOK looks at.
const separatorLines = 20

// separatorOK checks, for a CSV table, that the header and the rows below
// it are separated the same way, and reports the file once when they are
// not: a header saved with commas over rows saved with semicolons would
// otherwise give a wrong value in every cell of every row, and a file
// separated by tabs one unknown column. It reports whether the table can
// be read.
func (t *table) separatorOK(num int, header []cell) bool {
	c, ok := t.rows.(*csvRows)
	if !ok {
		return true
	}
	pos := t.where
	pos.Row = num
	tabs := 0
	for _, h := range header {
		tabs += strings.Count(h.text, "\t")
	}
	if tabs > 0 && tabs >= len(header) {
		t.rd.causef(pos, "il file è separato da tabulazioni: camcost legge file CSV separati da \";\" o da \",\"; salvarlo da Excel come \"CSV UTF-8\"")
		return false
	}
	if len(header) < 2 {
		return true
	}
	sep := c.sc.sep
	other := byte(';')
	if sep == ';' {
		other = ','
	}
	rows, mixed := 0, 0
	for _, line := range nextLines(c.sc.peek(64<<10), separatorLines) {
		own, others := countSeparators(line, sep, other)
		rows++
		// A row with fewer of the header's separators than the header
		// has, but enough of the other one for every column.
		if own < len(header)-1 && others >= len(header)-1 {
			mixed++
		}
	}
	if rows == 0 || mixed*2 <= rows {
		return true
	}
	t.rd.causef(pos, "l'intestazione è separata da %q ma le righe sotto da %q: tutto il file deve usare lo stesso separatore; salvarlo di nuovo da Excel come \"CSV UTF-8\", oppure correggere l'intestazione",
		string(sep), string(other))
	return false
}

// nextLines splits the start of buf into at most n non-blank records,
// keeping a quoted field that spans lines in one; a record cut by the end
// of buf is left out.
func nextLines(buf []byte, n int) [][]byte {
	var out [][]byte
	quoted, start := false, 0
	for i := 0; i < len(buf) && len(out) < n; i++ {
		switch buf[i] {
		case '"':
			quoted = !quoted
		case '\n':
			if quoted {
				continue
			}
			if line := buf[start:i]; len(bytes.TrimSpace(line)) > 0 {
				out = append(out, line)
			}
			start = i + 1
		}
	}
	return out
}

// countSeparators counts the bytes a and b outside quotes in line.
func countSeparators(line []byte, a, b byte) (na, nb int) {
	quoted := false
	for _, c := range line {
		switch {
		case c == '"':
			quoted = !quoted
		case quoted:
		case c == a:
			na++
		case c == b:
			nb++
		}
	}
	return na, nb
}
