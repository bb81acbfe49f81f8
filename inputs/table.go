package inputs

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

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
	// names are the header cells, fieldOf the field of each column (-1
	// for none).
	names   []string
	fieldOf []int
	num     int // current row number
	cells   []cell
	numbers convention
	letters bool
	count   int
	// reported marks the fields of the current row that already have a
	// problem, so that one bad cell gives one message.
	reported uint64
	// noName lists the columns of the header without a name; named the
	// columns without a name that have been reported for holding values.
	noName []int
	named  map[int]bool
	// failed tells that reading stopped on an error before the end.
	failed bool
	// hidden gathers the hidden rows read.
	hidden rowSet
}

// open opens the table name with the given fields and reads its header. It
// returns nil when the folder has no such table, or when it cannot be read
// or was found twice (the problem is then reported).
func (rd *reader) open(name string, fields []field) *table {
	src, ok := rd.sources[name]
	if !ok || src.twice || src.unreadable {
		return nil
	}
	t := &table{rd: rd, src: src, where: src.pos(), fields: fields}
	var err error
	if src.wb == nil {
		t.rows, err = openCSV(rd.fsys, src.file, rd.lim, rd.scanBuf)
		rd.scanBuf = nil
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
		if t.rows.hidden() {
			t.hidden.add(num)
		}
		if sr, ok := t.rows.(*sheetRows); ok {
			sr.header = num
		}
		if !t.separatorOK(num, cells) {
			return false
		}
		t.col = make([]int, len(t.fields))
		for i := range t.col {
			t.col[i] = -1
		}
		t.unnamed = make([]bool, len(cells))
		t.names = make([]string, len(cells))
		t.fieldOf = make([]int, len(cells))
		ok := true
		for c, cl := range cells {
			t.fieldOf[c] = -1
			raw := strings.TrimSpace(cl.text)
			if cl.kind == cellNumber {
				raw = t.textOf(cl)
			}
			if cl.kind == cellControl {
				pos := t.where
				pos.Row, pos.Letter = num, columnLetters(c)
				t.rd.errorf(pos, "%s", controlMessage(raw))
				raw = ""
			}
			if raw == "" {
				t.unnamed[c] = true
				if cl.kind != cellControl {
					t.noName = append(t.noName, c)
				}
				continue
			}
			t.names[c] = raw
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
				t.fieldOf[c] = f
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
		if t.rows.hidden() {
			t.hidden.add(num)
		}
		if c, ok := t.rows.(*csvRows); ok && len(cells) > len(t.unnamed) {
			// More values than the header has names, even empty ones: in
			// a CSV file that is a number like 1.000,50 in a file
			// separated by commas, or a stray separator, and the values
			// may not be in their columns.
			hint := ""
			if c.sc.sep == ',' {
				hint = "; un numero con la virgola (1.234,56) in un file separato da \",\" va racchiuso tra virgolette"
			}
			t.rd.errorf(t.rowPos(), "la riga ha %d valori ma l'intestazione ne ha %d: controllare il separatore (%q) e le virgolette%s",
				len(cells), len(t.unnamed), string(c.sc.sep), hint)
			continue
		}
		if t.count++; t.count > t.rd.lim.MaxRows {
			t.rd.errorf(t.rowPos(), "la tabella %s ha più di %d righe, il limite", t.src.table, t.rd.lim.MaxRows)
			t.failed = true
			return false
		}
		for c := range cells {
			cl := &cells[c]
			if cl.kind <= cellNumber {
				continue
			}
			f := -1
			if c < len(t.fieldOf) {
				f = t.fieldOf[c]
			}
			switch {
			case cl.kind == cellControl:
				t.cellErrorf(c, f, "%s", controlMessage(cl.text))
			case f < 0:
				// An error or formula in a column not read.
			case cl.kind == cellError:
				t.errorf(f, "la cella contiene l'errore %s", printable(cl.text))
			case cl.kind == cellNoValue:
				formula := "una formula"
				if fx := strings.TrimSpace(cl.text); fx != "" {
					if len(fx) > 80 {
						fx = strings.ToValidUTF8(fx[:80], "") + "…"
					}
					formula = "la formula =" + printable(fx)
				}
				t.errorf(f, "la cella contiene %s il cui risultato non è salvato nel file (file creato da un programma e mai ricalcolato): aprirlo in Excel o LibreOffice e salvarlo, così il risultato viene calcolato e salvato", formula)
			}
			*cl = cell{}
		}
		for _, c := range t.noName {
			if c < len(cells) {
				t.valueWithoutName(c, cells[c])
			}
		}
		for c := len(t.unnamed); c < len(cells); c++ {
			t.valueWithoutName(c, cells[c])
		}
		return true
	}
	if err := t.rows.err(); err != nil {
		t.rd.report(err)
		t.failed = true
	} else if sr, ok := t.rows.(*sheetRows); ok {
		t.mergedHeader(sr.merges)
	}
	return false
}

// valueWithoutName reports cell c of the current row, in a column without
// a name, when it holds a value: the first time only for each column.
func (t *table) valueWithoutName(c int, cl cell) {
	if cl.kind == cellText && trim(cl.text) == "" || t.named[c] {
		return
	}
	if t.named == nil {
		t.named = make(map[int]bool)
	}
	t.named[c] = true
	// The column has no name: its letter is all there is, in a CSV file
	// too.
	pos := t.rowPos()
	pos.Letter = columnLetters(c)
	t.rd.errorf(pos, "valori in una colonna senza intestazione: dare un nome alla colonna nella riga %d o cancellarne i valori (segnalato solo alla prima riga con valori)", t.header)
}

// mergedHeader reports the merged ranges over the header: the columns they
// cover after the first have no name, whatever Excel shows.
func (t *table) mergedHeader(merges []mergeRange) {
	for _, m := range merges {
		pos := t.where
		pos.Row, pos.Letter = t.header, columnLetters(m.col1)
		if m.col1 < len(t.names) {
			pos.Column = t.names[m.col1]
		}
		t.rd.errorf(pos, "intestazione in celle unite (%s): dividere le celle (Home > Unisci e allinea al centro > Dividi) e dare a ogni colonna il suo nome", m.ref)
	}
}

// close closes the table and records its file, and the hidden rows and
// sheet it read.
func (t *table) close() {
	t.rows.close()
	if sheet := t.src.sheet.hidden && t.src.wb != nil; sheet || t.hidden.count > 0 {
		part := model.HiddenPart{File: t.src.file, Sheet: t.src.sheet.name, SheetHidden: sheet, Rows: t.hidden.String()}
		t.rd.in.Hidden = append(t.rd.in.Hidden, part)
		rows := "riga " + part.Rows
		if t.hidden.count > 1 {
			rows = "righe " + part.Rows
		}
		switch {
		case sheet && part.Rows != "":
			t.rd.layoutf(t.where, "foglio nascosto in Excel, letto comunque, con righe nascoste anche nel foglio: %s", rows)
		case sheet:
			t.rd.layoutf(t.where, "foglio nascosto in Excel, letto comunque")
		default:
			t.rd.layoutf(t.where, "righe nascoste in Excel, lette comunque come fa la SOMMA di Excel: %s", rows)
		}
	}
	if c, ok := t.rows.(*csvRows); ok {
		if c.done {
			sum, size := c.digest()
			t.rd.files[t.src.file] = &model.InputFile{Name: t.src.file, SHA256: sum, Size: size, Tables: []string{t.src.table}}
		}
		// The next table reads through the buffer: the texts of this
		// one are copies, or views no longer used (transient).
		t.rd.scanBuf = c.sc.buf
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

// transient declares that the reader of the table keeps no text of a row
// past the row, and copies what it keeps: the cells of a CSV file are then
// views of its read buffer (csvScanner.views), which the next row
// overwrites. A time sheet or payroll of millions of rows is read without
// copying its text.
func (t *table) transient() {
	if c, ok := t.rows.(*csvRows); ok {
		c.sc.views, c.sc.poison = true, poisonViews
	}
}

// poisonViews, set by tests, has the text of each row of a transient table
// overwritten once the next row is read, so that a text kept past its row
// shows.
var poisonViews = false

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
	if d, ok := t.shownDate(c); ok {
		return d
	}
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
	if d, ok := t.shownDate(c); ok {
		return d
	}
	if c.kind == cellNumber {
		if d, err := storedNumber(c.text); err == nil {
			return model.ItalianShort(d)
		}
	}
	return strings.TrimSpace(c.text)
}

// shownDate renders a numeric cell formatted as a date or time as Excel
// shows it; ok is false for any other cell.
func (t *table) shownDate(c cell) (string, bool) {
	if c.kind != cellNumber || c.date == 0 || t.src.wb == nil {
		return "", false
	}
	v, err := strconv.ParseFloat(c.text, 64)
	if err != nil {
		return "", false
	}
	return showDate(v, c.date, t.src.wb.date1904)
}

// number reads field f as a number; ok is false when it is blank or not a
// number (then reported).
func (t *table) number(f int) (n number, ok bool) {
	c := t.cell(f)
	switch c.kind {
	case cellNumber:
		if c.date != 0 {
			// 12/03/2025 typed in an amount: a date is never a number.
			if d, ok := t.shownDate(c); ok {
				t.errorf(f, "la cella contiene %s (%s), non un numero: correggere il valore, o cambiare il formato della cella in Numero se è un numero", dateWords(c.date), d)
			} else {
				t.errorf(f, "la cella ha un formato di data o ora ma contiene %s, che Excel non mostra come data: correggere il valore, o cambiare il formato della cella in Numero", c.text)
			}
			return number{}, false
		}
		n, err := storedNum(c.text)
		switch {
		case err == errTooManyDigits:
			t.errorf(f, "il valore numerico %s ha troppe cifre (al massimo %d)", c.text, maxDigits)
			return number{}, false
		case err != nil:
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

// amount reads field f as a euro amount: a number with at most two
// decimals. Text counts its decimals as written (380.000 has three: in a
// file separated by commas that is 380, not 380 thousand); a numeric cell
// counts those of its value to 15 significant digits, as Excel shows it,
// so that 0.30000000000000004 is 0.3.
func (t *table) amount(f int) (number, bool) {
	n, ok := t.number(f)
	if !ok {
		return n, false
	}
	c := t.cell(f)
	var places int
	switch {
	case c.kind == cellNumber:
		s := n.decimal().String() // trailing zeros dropped
		if i := strings.IndexByte(s, '.'); i >= 0 {
			places = len(s) - i - 1
		}
	case n.wide:
		places = int(-n.d.Exponent())
	default:
		places = int(n.scale)
	}
	if places <= model.CentPlaces {
		return n, true
	}
	var hint string
	switch {
	case c.kind == cellNumber:
		hint = "valore della cella: arrotondarlo al centesimo, es. con ARROTONDA(...; 2)"
	case t.letters:
		hint = "cella di testo: la virgola separa i decimali e il punto le migliaia, es. 1.234,56; oppure inserire un valore numerico"
	case t.numbers == italianNumbers:
		hint = "file con separatore \";\": la virgola separa i decimali e il punto le migliaia, es. 1.234,56"
	default:
		hint = "file con separatore \",\": il punto separa i decimali e le migliaia non si separano"
		// 380.000 meant as 380 thousand, the Italian way.
		if d, err := parseDecimal(c.text, italianNumbers); err == nil && d.IsInteger() {
			hint += fmt.Sprintf("; se si intende %s, scriverlo così", d)
		}
	}
	t.errorf(f, "l'importo %s ha %d decimali, un importo in euro ne ha al massimo %d (%s)", t.display(f), places, model.CentPlaces, hint)
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

// cellErrorf reports a problem with column c of the current row, which
// holds field f (-1 for none).
func (t *table) cellErrorf(c, f int, format string, args ...any) {
	if f >= 0 {
		t.errorf(f, format, args...)
		return
	}
	pos := t.rowPos()
	if c < len(t.names) && t.names[c] != "" {
		pos.Column = t.names[c]
	}
	if t.letters || pos.Column == "" {
		pos.Letter = columnLetters(c)
	}
	t.rd.errorf(pos, format, args...)
}

// controlMessage reports text holding a control character, quoted so that
// the message holds none.
func controlMessage(text string) string {
	i := max(strings.IndexFunc(text, isControl), 0)
	r, _ := utf8.DecodeRuneInString(text[i:])
	if len(text) > 60 {
		// The part around the character.
		start := max(i-20, 0)
		for start > 0 && !utf8.RuneStart(text[start]) {
			start--
		}
		end := min(start+60, len(text))
		for end < len(text) && !utf8.RuneStart(text[end]) {
			end++
		}
		part := text[start:end]
		if start > 0 {
			part = "…" + part
		}
		if end < len(text) {
			part += "…"
		}
		text = part
	}
	return fmt.Sprintf("la cella contiene un carattere di controllo non ammesso (%U) in %q: ripulire il testo", r, text)
}

// warnf reports a warning about field f of the current row.
func (t *table) warnf(f int, format string, args ...any) {
	t.rd.warnf(t.pos(f), format, args...)
}
