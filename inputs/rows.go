package inputs

import (
	"fmt"

	"camcost/model"
)

// cellKind tells what a cell holds.
type cellKind uint8

const (
	// cellText is text; a number in it follows the source's convention.
	cellText cellKind = iota
	// cellNumber is a numeric cell of a workbook; text is the stored value.
	cellNumber
	// cellError is an error value of a workbook (#N/D, #DIV/0!); text is it.
	cellError
	// cellNoValue is a workbook formula whose result the file does not store.
	cellNoValue
	// cellControl is CSV text holding a control character (isControl).
	cellControl
)

// cell is one cell of a row.
type cell struct {
	kind cellKind
	date dateFormat // a numeric cell formatted as a date or time
	text string
}

// rowSource yields the rows of one table, header included, in order.
type rowSource interface {
	// next advances to the next row; it returns false at the end of the
	// table or on an error, which err then returns.
	next() bool
	// row returns the current row's number, as a spreadsheet shows it, and
	// its cells indexed by column. The slice is reused by next.
	row() (int, []cell)
	// err returns the error that stopped next: a model.Problem for bad
	// data, anything else for a failure to read.
	err() error
	// conv is how text cells write numbers.
	conv() convention
	// letters reports whether positions carry column letters.
	letters() bool
	close() error
}

// problemf returns a model.Problem as an error, for sources that stop on
// bad data.
func problemf(pos model.Position, format string, args ...any) error {
	return model.Problem{Pos: pos, Msg: fmt.Sprintf(format, args...)}
}

// megabytes renders a byte count for messages.
func megabytes(n int64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return fmt.Sprintf("%d GiB", n>>30)
	case n >= 1<<20:
		return fmt.Sprintf("%d MiB", (n+(1<<20)-1)>>20)
	case n >= 1<<10:
		return fmt.Sprintf("%d KiB", (n+(1<<10)-1)>>10)
	}
	return fmt.Sprintf("%d byte", n)
}
