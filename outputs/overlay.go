package outputs

import (
	"errors"
	"math"
	"strconv"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

// A sheet written cell by cell (sheet) gives most cells a number and a
// style: through excelize, each costs two calls that parse the cell's name,
// take locks, clear caches and allocate. With an overlay, the sheet keeps
// its cells' numbers and styles itself and leaves to excelize only the
// texts (shared strings, whose order must stay excelize's), row heights and
// everything that is not a cell; encodeSheetData merges the two when the
// workbook is saved. The result is the cell excelize would hold after the
// same calls: the last value written (a number in the overlay or a text in
// excelize), and the last style.

// overlay holds the numbers and styles of a sheet's cells, by row and
// column from 0.
type overlay struct {
	rows   [][]ocell
	merges [][4]int // merged blocks, col1, row1, col2, row2, in the order merged
}

// ocell is a cell of the overlay.
type ocell struct {
	style  int
	styled bool // style was set
	kind   uint8
	num    float64
	n      int64
}

const (
	okNone  uint8 = iota // no value in the overlay (excelize's, if any)
	okFloat              // num
	okInt                // n
	okText               // n, the index of a text in the shared string table
)

func (o *overlay) at(col, row int) *ocell {
	for len(o.rows) < row {
		o.rows = append(o.rows, nil)
	}
	r := &o.rows[row-1]
	for len(*r) < col {
		*r = append(*r, ocell{})
	}
	return &(*r)[col-1]
}

// setValue keeps v as the cell's value when it is a number the overlay
// holds (a finite float, an int, a decimal made a number) and reports
// whether it did; otherwise the caller writes v through excelize, and the
// overlay forgets any number it held for the cell.
//
// Like excelize, it writes a value meant for a cell of a merged block in
// the block's first cell.
func (o *overlay) setValue(col, row int, v any) bool {
	col, row = o.target(col, row)
	if d, ok := v.(decimal.Decimal); ok {
		v = num(d)
	}
	switch v := v.(type) {
	case float64:
		if !math.IsNaN(v) && !math.IsInf(v, 0) {
			c := o.at(col, row)
			c.kind, c.num = okFloat, v
			return true
		}
	case int:
		c := o.at(col, row)
		c.kind, c.n = okInt, int64(v)
		return true
	}
	o.clearValue(col, row)
	return false
}

// target is the cell a value meant for the cell at col, row goes to: the
// first cell of the merged block holding it, or itself.
func (o *overlay) target(col, row int) (int, int) {
	for _, m := range o.merges {
		if col >= m[0] && col <= m[2] && row >= m[1] && row <= m[3] {
			return m[0], m[1]
		}
	}
	return col, row
}

// setText keeps text i of the shared string table as the cell's value.
func (o *overlay) setText(col, row, i int) {
	c := o.at(o.target(col, row))
	c.kind, c.n = okText, int64(i)
}

func (o *overlay) clearValue(col, row int) {
	if row <= len(o.rows) && col <= len(o.rows[row-1]) {
		o.rows[row-1][col-1].kind = okNone
	}
}

func (o *overlay) setStyle(col1, row1, col2, row2, style int) {
	for r := row1; r <= row2; r++ {
		for c := col1; c <= col2; c++ {
			cl := o.at(c, r)
			cl.style, cl.styled = style, true
		}
	}
}

// merged does what excelize's MergeCell does to the cells of a merged
// block: every cell but the first loses its value, and the block's first
// cell takes the values written in it afterwards.
func (o *overlay) merged(col1, row1, col2, row2 int) {
	m := [4]int{min(col1, col2), min(row1, row2), max(col1, col2), max(row1, row2)}
	o.merges = append(o.merges, m)
	for r := m[1]; r <= m[3]; r++ {
		for c := m[0]; c <= m[2]; c++ {
			if c != m[0] || r != m[1] {
				o.clearValue(c, r)
			}
		}
	}
}

// replay writes the overlay's cells through excelize, for a sheet
// encodeSheetData cannot encode: the same final cells.
func (o *overlay) replay(f *excelize.File, name string, ws any) error {
	for r, row := range o.rows {
		for c, cl := range row {
			ref := cell(c+1, r+1)
			var err error
			switch cl.kind {
			case okFloat:
				err = f.SetCellValue(name, ref, cl.num)
			case okInt:
				err = f.SetCellValue(name, ref, cl.n)
			case okText:
				err = setTextCell(f, name, ws, c+1, r+1, int(cl.n))
			}
			if err == nil && cl.styled {
				err = f.SetCellStyle(name, ref, ref, cl.style)
			}
			if err != nil {
				return err
			}
		}
	}
	o.rows = nil
	return nil
}

// appendValue appends the value of an overlay cell holding one.
func (cl *ocell) appendValue(b []byte) []byte {
	if cl.kind == okInt || cl.kind == okText {
		return strconv.AppendInt(b, cl.n, 10)
	}
	return appendCellFloat(b, cl.num)
}

// overlayOf returns the overlay of the named sheet, created on first use.
func (sp *splicer) overlayOf(name string) *overlay {
	if sp.overlays == nil {
		sp.overlays = make(map[string]*overlay)
	}
	o := sp.overlays[name]
	if o == nil {
		o = new(overlay)
		sp.overlays[name] = o
	}
	return o
}

// overlayPaths maps the overlays of f's sheets to the sheets' parts: a
// sheet created by NewSheet, or the first one, is
// xl/worksheets/sheet<id>.xml.
func (sp *splicer) overlayPaths(f *excelize.File) (map[string]*overlay, error) {
	if len(sp.overlays) == 0 {
		return nil, nil
	}
	out := make(map[string]*overlay, len(sp.overlays))
	for id, name := range f.GetSheetMap() {
		o := sp.overlays[name]
		if o == nil {
			continue
		}
		path := "xl/worksheets/sheet" + strconv.Itoa(id) + ".xml"
		if _, ok := f.Sheet.Load(path); !ok {
			return nil, errors.New("foglio " + name + " non trovato in " + path)
		}
		out[path] = o
	}
	if len(out) != len(sp.overlays) {
		return nil, errors.New("fogli non trovati tra quelli della cartella di lavoro")
	}
	return out, nil
}
