package inputs

import (
	"fmt"
	"strings"

	"camcost/model"
)

// field is a column a table defines.
type field struct {
	name     string // as folded by foldName
	required bool
}

// table reads the rows of one table with its columns resolved: the fields
// are addressed by their index in the table's field list.
type table struct {
	rd     *reader
	src    *source
	rows   rowSource
	where  model.Position // file and sheet
	fields []field
	col    []int // per field, its column, -1 when absent
	header int   // row number of the header
	// unnamed marks the columns with a blank header cell.
	unnamed []bool
	num     int // current row number
	cells   []cell
	numbers convention
	letters bool
	count   int
	// reported marks the fields of the current row that already have a
	// problem, so that one bad cell gives one message.
	reported    uint64
	extraWarned bool
	// failed tells that reading stopped on an error before the end.
	failed bool
}

// open opens the table name with the given fields and reads its header. It
// returns nil when the folder has no such table, or when it cannot be read
// or was found twice (the problem is then reported).
func (rd *reader) open(name string, fields []field) *table {
	src, ok := rd.sources[name]
	if !ok || src.twice {
		return nil
	}
	t := &table{rd: rd, src: src, where: src.pos(), fields: fields}
	var err error
	if src.wb == nil {
		t.rows, err = openCSV(rd.fsys, src.file, rd.lim)
	} else {
		t.rows, err = src.wb.rows(src.sheet)
	}
	if err != nil {
		rd.report(err)
		return nil
	}
	t.numbers, t.letters = t.rows.conv(), t.rows.letters()
	if !t.readHeader() {
		t.close()
		return nil
	}
	return t
}

// readHeader maps the columns of the first non-blank row to the fields.
func (t *table) readHeader() bool {
	for t.rows.next() {
		num, cells := t.rows.row()
		if blank(cells) {
			continue
		}
		t.header, t.num = num, num
		if !t.separatorOK(num, cells) {
			return false
		}
		t.col = make([]int, len(t.fields))
		for i := range t.col {
			t.col[i] = -1
		}
		t.unnamed = make([]bool, len(cells))
		ok := true
		for c, cl := range cells {
			raw := strings.TrimSpace(cl.text)
			if cl.kind == cellNumber {
				raw = t.textOf(cl)
			}
			if raw == "" {
				t.unnamed[c] = true
				continue
			}
			key := foldName(raw)
			f := -1
			for i, fd := range t.fields {
				if fd.name == key {
					f = i
					break
				}
			}
			pos := t.where
			pos.Row, pos.Column = num, raw
			if t.letters {
				pos.Letter = columnLetters(c)
			}
			switch {
			case f < 0:
				t.rd.layoutf(pos, "colonna %q sconosciuta: ignorata (colonne di %s: %s)", raw, t.src.table, t.fieldList())
			case t.col[f] >= 0:
				t.rd.errorf(pos, "colonna %s ripetuta (già in colonna %s)", t.fields[f].name, t.colName(t.col[f]))
				ok = false
			default:
				t.col[f] = c
			}
		}
		for i, fd := range t.fields {
			if fd.required && t.col[i] < 0 {
				pos := t.where
				pos.Row = num
				t.rd.causef(pos, "manca la colonna obbligatoria %s (colonne di %s: %s)", fd.name, t.src.table, t.fieldList())
				ok = false
			}
		}
		return ok
	}
	if err := t.rows.err(); err != nil {
		t.rd.report(err)
		return false
	}
	t.rd.causef(t.where, "la tabella %s è vuota: manca la riga di intestazione", t.src.table)
	return false
}

// colName names column c in a message: its letter in a workbook, its
// position in a CSV file.
func (t *table) colName(c int) string {
	if t.letters {
		return columnLetters(c)
	}
	return fmt.Sprint(c + 1)
}

func (t *table) fieldList() string {
	names := make([]string, len(t.fields))
	for i, f := range t.fields {
		names[i] = f.name
	}
	return strings.Join(names, ", ")
}

// next advances to the next non-blank row. Error and formula cells without
// a value are reported here and read as blank afterwards.
func (t *table) next() bool {
	if t.rd.ioErr != nil {
		return false
	}
	for t.rows.next() {
		num, cells := t.rows.row()
		if blank(cells) {
			continue
		}
		t.num, t.cells, t.reported = num, cells, 0
		if c, ok := t.rows.(*csvRows); ok && len(cells) > len(t.unnamed) && !blank(cells[len(t.unnamed):]) {
			// More values than the header has names: in a CSV file that is
			// a number like 1.000,50 in a file separated by commas, or a
			// stray separator, never data to skip quietly.
			t.rd.errorf(t.rowPos(), "la riga ha %d valori ma l'intestazione ne ha %d: controllare il separatore (%q) e le virgolette",
				len(cells), len(t.unnamed), string(c.sc.sep))
			continue
		}
		if t.count++; t.count > t.rd.lim.MaxRows {
			t.rd.errorf(t.rowPos(), "la tabella %s ha più di %d righe, il limite", t.src.table, t.rd.lim.MaxRows)
			t.failed = true
			return false
		}
		for i, c := range t.col {
			if c < 0 || c >= len(cells) {
				continue
			}
			switch cells[c].kind {
			case cellError:
				t.errorf(i, "la cella contiene l'errore %s", cells[c].text)
				cells[c] = cell{}
			case cellNoValue:
				t.errorf(i, "la cella contiene una formula senza valore calcolato: aprire il file in Excel e salvarlo")
				cells[c] = cell{}
			}
		}
		if !t.extraWarned {
			for c, cl := range cells {
				if (c >= len(t.unnamed) || t.unnamed[c]) && (cl.kind != cellText || trim(cl.text) != "") {
					// The column has no name: its letter is all there is,
					// in a CSV file too.
					pos := t.rowPos()
					pos.Letter = columnLetters(c)
					t.rd.layoutf(pos, "valori in una colonna senza intestazione: ignorati (segnalato solo la prima volta)")
					t.extraWarned = true
					break
				}
			}
		}
		return true
	}
	if err := t.rows.err(); err != nil {
		t.rd.report(err)
		t.failed = true
	}
	return false
}

// close closes the table and records its file.
func (t *table) close() {
	t.rows.close()
	if c, ok := t.rows.(*csvRows); ok && c.done {
		sum, size := c.digest()
		t.rd.files[t.src.file] = &model.InputFile{Name: t.src.file, SHA256: sum, Size: size, Tables: []string{t.src.table}}
	}
}

func blank(cells []cell) bool {
	for _, c := range cells {
		if c.kind != cellText || trim(c.text) != "" {
			return false
		}
	}
	return true
}

// has reports whether the table has field f.
func (t *table) has(f int) bool { return t.col[f] >= 0 }

func (t *table) cell(f int) cell {
	c := t.col[f]
	if c < 0 || c >= len(t.cells) {
		return cell{}
	}
	return t.cells[c]
}

// text returns field f as text, spaces trimmed. A numeric cell reads as
// its value (1234.5).
func (t *table) text(f int) string { return t.textOf(t.cell(f)) }

func (t *table) textOf(c cell) string {
	if c.kind == cellNumber {
		if d, err := storedNumber(c.text); err == nil {
			return d.String()
		}
	}
	return trim(c.text)
}

// blank reports whether field f is empty in the current row.
func (t *table) blank(f int) bool {
	c := t.cell(f)
	return c.kind == cellText && trim(c.text) == ""
}

// display renders field f for a message: text as written, a numeric cell
// the Italian way.
func (t *table) display(f int) string {
	c := t.cell(f)
	if c.kind == cellNumber {
		if d, err := storedNumber(c.text); err == nil {
			return model.ItalianShort(d)
		}
	}
	return strings.TrimSpace(c.text)
}

// number reads field f as a number; ok is false when it is blank or not a
// number (then reported).
func (t *table) number(f int) (n number, ok bool) {
	c := t.cell(f)
	switch c.kind {
	case cellNumber:
		n, err := storedNum(c.text)
		if err != nil {
			t.errorf(f, "valore numerico %q non valido nel file", c.text)
			return number{}, false
		}
		return n, true
	case cellText:
		n, err := parseNumber(c.text, t.numbers)
		if err == nil {
			return n, true
		}
		s := strings.TrimSpace(c.text)
		switch {
		case s == "":
		case err == errTooManyDigits:
			t.errorf(f, "%q ha troppe cifre (al massimo %d)", s, maxDigits)
		default:
			t.errorf(f, "%q non è un numero %s", s, t.conventionHint())
		}
	}
	return number{}, false
}

// conventionHint explains the number format the table expects.
func (t *table) conventionHint() string {
	switch {
	case t.letters:
		return "(cella di testo: formato italiano, es. 1.234,56; oppure inserire un valore numerico)"
	case t.numbers == italianNumbers:
		return "(file con separatore \";\": formato italiano, es. 1.234,56 o 1234,56)"
	}
	return "(file con separatore \",\": formato semplice, es. 1234.56, senza separatore delle migliaia)"
}

// pos is the position of field f in the current row.
func (t *table) pos(f int) model.Position { return t.posAt(t.num, f) }

// posAt is the position of field f in row num.
func (t *table) posAt(num, f int) model.Position {
	p := t.where
	p.Row = num
	p.Column = t.fields[f].name
	if t.letters && t.col[f] >= 0 {
		p.Letter = columnLetters(t.col[f])
	}
	return p
}

// rowPos is the position of the current row.
func (t *table) rowPos() model.Position {
	p := t.where
	p.Row = t.num
	return p
}

// errorf reports a problem with field f of the current row, unless that
// cell has one already.
func (t *table) errorf(f int, format string, args ...any) {
	if f < 64 {
		if t.reported&(1<<f) != 0 {
			return
		}
		t.reported |= 1 << f
	}
	t.rd.errorf(t.pos(f), format, args...)
}

// warnf reports a warning about field f of the current row.
func (t *table) warnf(f int, format string, args ...any) {
	t.rd.warnf(t.pos(f), format, args...)
}
