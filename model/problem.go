package model

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Position locates a cell of an input table. Row is 1-based as a spreadsheet
// shows it (the header is row 1); zero fields are unknown and left out of
// messages.
type Position struct {
	File   string // file name relative to the run folder
	Sheet  string // sheet name, for xlsx files
	Row    int
	Column string // column name as the table defines it (e.g. importo)
	Letter string // spreadsheet column letter, when known (e.g. D)
}

// String renders the position in words a controller reads: file, sheet,
// row, column.
func (p Position) String() string {
	var parts []string
	if p.File != "" {
		parts = append(parts, p.File)
	}
	if p.Sheet != "" {
		parts = append(parts, fmt.Sprintf("foglio %q", p.Sheet))
	}
	if p.Row > 0 {
		parts = append(parts, fmt.Sprintf("riga %d", p.Row))
	}
	switch {
	case p.Column != "" && p.Letter != "":
		parts = append(parts, fmt.Sprintf("colonna %s (%s)", p.Letter, p.Column))
	case p.Column != "":
		parts = append(parts, fmt.Sprintf("colonna %s", p.Column))
	case p.Letter != "":
		parts = append(parts, fmt.Sprintf("colonna %s", p.Letter))
	}
	return strings.Join(parts, ", ")
}

// Compare orders positions by file, sheet, row, then column.
func (p Position) Compare(q Position) int {
	return cmp.Or(
		cmp.Compare(p.File, q.File),
		cmp.Compare(p.Sheet, q.Sheet),
		cmp.Compare(p.Row, q.Row),
		cmp.Compare(len(p.Letter), len(q.Letter)),
		cmp.Compare(p.Letter, q.Letter),
		cmp.Compare(p.Column, q.Column),
	)
}

// Problem is one fault found in the inputs, with where it is. A warning
// does not stop a run; it is listed with the problems when they do, because
// it often explains them (a sheet ignored for its name, say).
type Problem struct {
	Pos     Position
	Msg     string
	Warning bool
	// Kind is the format Msg was made from (Problems.Add sets it):
	// problems of one kind in one column fold into one line (Fold).
	Kind string
	// Cause marks a problem others may follow from (a file that cannot be
	// read, a table without rows): Sort lists it first.
	Cause bool
	// Times is how many problems the line stands for when more than one:
	// a folded line, or the line that counts those left out of a long
	// list. Zero means one.
	Times int
}

func (p Problem) Error() string {
	msg := p.Msg
	if p.Warning {
		msg = "attenzione: " + msg
	}
	if s := p.Pos.String(); s != "" {
		return s + ": " + msg
	}
	return msg
}

// Count is the number of problems that are not warnings, folded and
// omitted ones included.
func (ps Problems) Count() int {
	n := 0
	for _, p := range ps {
		if !p.Warning {
			n += max(1, p.Times)
		}
	}
	return n
}

// Total is the number of entries, warnings too, folded and omitted ones
// included: how many warnings a list of warnings holds.
func (ps Problems) Total() int {
	n := 0
	for _, p := range ps {
		n += max(1, p.Times)
	}
	return n
}

// Problems collects every fault of a run folder so they are reported at
// once, the way go/scanner's ErrorList does.
type Problems []Problem

// Add records a problem at pos.
func (ps *Problems) Add(pos Position, format string, args ...any) {
	p := Problem{Pos: pos, Msg: fmt.Sprintf(format, args...)}
	if format != "%s" && format != "%v" {
		p.Kind = format
	}
	*ps = append(*ps, p)
}

// Sort orders problems by position, causes first and the count of those
// left out last, keeping the order of
// problems at the same position.
func (ps Problems) Sort() {
	slices.SortStableFunc(ps, func(a, b Problem) int {
		return cmp.Or(cmp.Compare(a.rank(), b.rank()), a.Pos.Compare(b.Pos))
	})
}

// rank puts causes first and the lines that count what a long list left
// out last.
func (p Problem) rank() int {
	switch {
	case p.Cause:
		return 0
	case p.Times > 0 && p.Pos == Position{}:
		return 2
	}
	return 1
}

// Err returns nil when there are no problems, else the list as an error.
func (ps Problems) Err() error {
	if len(ps) == 0 {
		return nil
	}
	return ps
}

func (ps Problems) Error() string {
	switch len(ps) {
	case 0:
		return "nessun problema"
	case 1:
		return ps[0].Error()
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%d problemi nei dati:", ps.Count())
	for _, p := range ps {
		b.WriteString("\n  ")
		b.WriteString(p.Error())
	}
	return b.String()
}
