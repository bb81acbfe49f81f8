package inputs

import (
	"fmt"
	"strings"

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
	// hidden reports whether the current row is hidden (in Excel).
	hidden() bool
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

// rowSet gathers rows in ascending order as ranges, for a message: the
// first maxShownRanges ranges, and the count of all.
type rowSet struct {
	ranges [][2]int
	count  int
}

const maxShownRanges = 20

func (s *rowSet) add(r int) {
	s.count++
	if n := len(s.ranges); n > 0 && s.ranges[n-1][1] == r-1 {
		s.ranges[n-1][1] = r
		return
	}
	if len(s.ranges) <= maxShownRanges {
		s.ranges = append(s.ranges, [2]int{r, r})
	}
}

// String writes the rows as "5-9, 12", with "… (N righe)" after the ranges
// shown when there are more.
func (s *rowSet) String() string {
	var b strings.Builder
	for i, r := range s.ranges[:min(len(s.ranges), maxShownRanges)] {
		if i > 0 {
			b.WriteString(", ")
		}
		if r[0] == r[1] {
			fmt.Fprint(&b, r[0])
		} else {
			fmt.Fprintf(&b, "%d-%d", r[0], r[1])
		}
	}
	if len(s.ranges) > maxShownRanges {
		fmt.Fprintf(&b, ", … (%d righe)", s.count)
	}
	return b.String()
}

// rowRanges writes ascending rows as rowSet does.
func rowRanges(rows []int) string {
	var s rowSet
	for _, r := range rows {
		s.add(r)
	}
	return s.String()
}
