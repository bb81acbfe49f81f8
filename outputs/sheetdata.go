package outputs

import (
	"bytes"
	"encoding/xml"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/xuri/excelize/v2"
)

// The sheets written cell by cell keep their cells in excelize's model,
// which encoding/xml marshals when the workbook is saved, at a cost of
// several allocations a cell. encodeSheetData encodes the rows of such a
// sheet into the same bytes (sheetdata_test.go proves it) reading excelize's
// worksheet through reflection; the splicer then empties the sheet's rows,
// so that excelize writes <sheetData></sheetData>, and puts the encoded
// rows there. The fields are found by name and their XML tags checked once:
// if excelize's types are not the ones this file knows, or a sheet holds
// what encodeSheetData does not write (formulas, rich text, a cell
// attribute it does not know), excelize marshals the sheet itself.

// rowFields and cellFields name the fields of excelize's xlsxRow and
// xlsxC with the XML tags encodeSheetData writes them by, in the order
// encoding/xml writes them.
var rowFields = []struct{ name, tag string }{
	{"R", "r,attr,omitempty"}, {"Spans", "spans,attr,omitempty"}, {"S", "s,attr,omitempty"},
	{"CustomFormat", "customFormat,attr,omitempty"}, {"Ht", "ht,attr"}, {"Hidden", "hidden,attr,omitempty"},
	{"CustomHeight", "customHeight,attr,omitempty"}, {"OutlineLevel", "outlineLevel,attr,omitempty"},
	{"Collapsed", "collapsed,attr,omitempty"}, {"ThickTop", "thickTop,attr,omitempty"},
	{"ThickBot", "thickBot,attr,omitempty"}, {"Ph", "ph,attr,omitempty"}, {"C", "c"},
}

var cellFields = []struct{ name, tag string }{
	{"XMLName", "c"}, {"XMLSpace", "space,attr,omitempty"}, {"R", "r,attr,omitempty"}, {"S", "s,attr,omitempty"},
	{"T", "t,attr,omitempty"}, {"Cm", "cm,attr"}, {"Vm", "vm,attr"}, {"Ph", "ph,attr"}, {"F", "f"},
	{"V", "v,omitempty"}, {"IS", "is"},
}

// Positions of the fields in rowFields and cellFields.
const (
	rowR = iota
	rowSpans
	rowS
	rowCustomFormat
	rowHt
	rowHidden
	rowCustomHeight
	rowOutlineLevel
	rowCollapsed
	rowThickTop
	rowThickBot
	rowPh
	rowC
)

const (
	cellXMLName = iota
	cellXMLSpace
	cellR
	cellS
	cellT
	cellCm
	cellVm
	cellPh
	cellF
	cellV
	cellIS
)

// sheetLayout is where the fields are in excelize's types.
type sheetLayout struct {
	wsType          reflect.Type
	sheetData, rows int   // SheetData in the worksheet, Row in SheetData
	row, cell       []int // rowFields and cellFields, by position
}

var (
	layoutOnce sync.Once
	layout     *sheetLayout // nil when excelize's types are not the expected ones
)

// findLayout finds the fields in the worksheet type wsType (a pointer).
func findLayout(wsType reflect.Type) *sheetLayout {
	if wsType.Kind() != reflect.Pointer || wsType.Elem().Kind() != reflect.Struct {
		return nil
	}
	l := &sheetLayout{wsType: wsType}
	ws := wsType.Elem()
	sd, ok := ws.FieldByName("SheetData")
	if !ok || len(sd.Index) != 1 || sd.Type.Kind() != reflect.Struct || sd.Tag.Get("xml") != "sheetData" {
		return nil
	}
	rows, ok := sd.Type.FieldByName("Row")
	if !ok || len(rows.Index) != 1 || rows.Type.Kind() != reflect.Slice || rows.Tag.Get("xml") != "row" ||
		rows.Type.Elem().Kind() != reflect.Struct {
		return nil
	}
	l.sheetData, l.rows = sd.Index[0], rows.Index[0]
	rowType := rows.Type.Elem()
	if l.row = fieldsOf(rowType, rowFields); l.row == nil {
		return nil
	}
	cellType := rowType.Field(l.row[rowC]).Type
	if cellType.Kind() != reflect.Slice || cellType.Elem().Kind() != reflect.Struct {
		return nil
	}
	if l.cell = fieldsOf(cellType.Elem(), cellFields); l.cell == nil {
		return nil
	}
	// The kinds encodeSheetData reads.
	kinds := []struct {
		t     reflect.Type
		field int
		kind  reflect.Kind
	}{
		{rowType, l.row[rowR], reflect.Int}, {rowType, l.row[rowSpans], reflect.String}, {rowType, l.row[rowS], reflect.Int},
		{rowType, l.row[rowCustomFormat], reflect.Bool}, {rowType, l.row[rowHt], reflect.Pointer},
		{rowType, l.row[rowHidden], reflect.Bool}, {rowType, l.row[rowCustomHeight], reflect.Bool},
		{rowType, l.row[rowOutlineLevel], reflect.Uint8}, {rowType, l.row[rowCollapsed], reflect.Bool},
		{rowType, l.row[rowThickTop], reflect.Bool}, {rowType, l.row[rowThickBot], reflect.Bool},
		{rowType, l.row[rowPh], reflect.Bool},
		{cellType.Elem(), l.cell[cellR], reflect.String}, {cellType.Elem(), l.cell[cellS], reflect.Int},
		{cellType.Elem(), l.cell[cellT], reflect.String}, {cellType.Elem(), l.cell[cellCm], reflect.Pointer},
		{cellType.Elem(), l.cell[cellVm], reflect.Pointer}, {cellType.Elem(), l.cell[cellPh], reflect.Pointer},
		{cellType.Elem(), l.cell[cellF], reflect.Pointer}, {cellType.Elem(), l.cell[cellV], reflect.String},
		{cellType.Elem(), l.cell[cellIS], reflect.Pointer},
	}
	for _, k := range kinds {
		if k.t.Field(k.field).Type.Kind() != k.kind {
			return nil
		}
	}
	if rowType.Field(l.row[rowHt]).Type.Elem().Kind() != reflect.Float64 ||
		cellType.Elem().Field(l.cell[cellXMLName]).Type != reflect.TypeOf(xml.Name{}) ||
		cellType.Elem().Field(l.cell[cellXMLSpace]).Type != reflect.TypeOf(xml.Attr{}) {
		return nil
	}
	return l
}

// fieldsOf returns the indexes of the named fields of t, or nil unless
// they carry the expected tags, are all of t's fields encoding/xml writes
// and come in the given order: attributes among attributes, elements
// among elements (encoding/xml writes each in field order).
func fieldsOf(t reflect.Type, fields []struct{ name, tag string }) []int {
	out := make([]int, len(fields))
	lastAttr, lastElem := -1, -1
	for i, fd := range fields {
		f, ok := t.FieldByName(fd.name)
		if !ok || len(f.Index) != 1 || f.Tag.Get("xml") != fd.tag {
			return nil
		}
		last := &lastElem
		if strings.Contains(fd.tag, ",attr") {
			last = &lastAttr
		}
		if f.Index[0] <= *last {
			return nil
		}
		*last, out[i] = f.Index[0], f.Index[0]
	}
	exported := 0
	for i := range t.NumField() {
		if f := t.Field(i); f.IsExported() && f.Tag.Get("xml") != "-" {
			exported++
		}
	}
	if exported != len(fields) {
		return nil
	}
	return out
}

// encodeSheetData returns the rows of worksheet ws (a *xlsxWorksheet) as
// excelize's workSheetWriter writes them between <sheetData> and
// </sheetData>: the rows that have cells of value or style, or attributes,
// each with those cells. With an overlay (nil for none), a cell takes its
// number and style from the overlay when it holds them (overlay.go). It
// returns false when it cannot be sure to give excelize's bytes.
func encodeSheetData(ws any, ov *overlay) ([]byte, bool) {
	v := reflect.ValueOf(ws)
	layoutOnce.Do(func() { layout = findLayout(v.Type()) })
	l := layout
	if l == nil || v.Type() != l.wsType || v.IsNil() {
		return nil, false
	}
	rows := v.Elem().Field(l.sheetData).Field(l.rows)
	var ovRows [][]ocell
	if ov != nil {
		ovRows = ov.rows
	}
	b := getBuf()
	var digits [20]byte
	for i := range max(rows.Len(), len(ovRows)) {
		var ovRow []ocell
		if i < len(ovRows) {
			ovRow = ovRows[i]
		}
		// Excelize keeps a row for every row number up to the last, a cell
		// for every column up to the last of its row: where the overlay has
		// cells, the i-th row of excelize's must be row i+1 and its k-th cell
		// column k+1.
		rowNum := strconv.AppendInt(digits[:0], int64(i+1), 10)
		var row, cells reflect.Value
		nCells := 0
		start := len(b)
		hasAttr := false
		if i < rows.Len() {
			row = rows.Index(i)
			cells = row.Field(l.row[rowC])
			nCells = cells.Len()
			r := row.Field(l.row[rowR]).Int()
			if ov != nil && r != int64(i+1) {
				return nil, false
			}
			var ok bool
			if b, hasAttr, ok = appendRowStart(b, l, row, r); !ok {
				return nil, false
			}
		} else {
			b = append(b, `<row r="`...)
			b = append(b, rowNum...)
			b = append(b, `">`...)
		}
		written := 0
		for k := range max(nCells, len(ovRow)) {
			var s int64
			var t, val string
			var ref string
			if k < nCells {
				c := cells.Index(k)
				if !c.Field(l.cell[cellF]).IsNil() || !c.Field(l.cell[cellIS]).IsNil() || !c.Field(l.cell[cellCm]).IsNil() ||
					!c.Field(l.cell[cellVm]).IsNil() || !c.Field(l.cell[cellPh]).IsNil() {
					return nil, false
				}
				if name := c.Field(l.cell[cellXMLName]).Interface().(xml.Name); name.Space != "" || name.Local != "" && name.Local != "c" {
					return nil, false
				}
				if c.Field(l.cell[cellXMLSpace]).Interface().(xml.Attr) != (xml.Attr{}) {
					return nil, false
				}
				s, t, val = c.Field(l.cell[cellS]).Int(), c.Field(l.cell[cellT]).String(), c.Field(l.cell[cellV]).String()
				ref = c.Field(l.cell[cellR]).String()
				if ov != nil && (k >= len(columnNames) || ref != columnNames[k]+string(rowNum)) {
					return nil, false
				}
			}
			var number *ocell // the overlay's value of the cell
			if k < len(ovRow) {
				oc := &ovRow[k]
				if oc.styled {
					s = int64(oc.style)
				}
				if oc.kind != okNone {
					t, val, number = "", "", oc
					if oc.kind == okText {
						t = "s" // a shared string, as SetCellStr leaves it
					}
				}
			}
			if s == 0 && t == "" && val == "" && number == nil {
				continue // a blank cell excelize trims
			}
			written++
			b = append(b, "<c"...)
			var ok bool
			if k < nCells {
				if b, ok = appendStringAttr(b, " r=\"", ref); !ok {
					return nil, false
				}
			} else {
				if k >= len(columnNames) {
					return nil, false
				}
				b = append(b, ` r="`...)
				b = append(b, columnNames[k]...)
				b = append(b, rowNum...)
				b = append(b, '"')
			}
			if s != 0 {
				b = appendIntAttr(b, " s=\"", s)
			}
			if b, ok = appendStringAttr(b, " t=\"", t); !ok {
				return nil, false
			}
			b = append(b, '>')
			switch {
			case number != nil:
				b = append(b, "<v>"...)
				b = number.appendValue(b)
				b = append(b, "</v>"...)
			case val != "":
				b = append(b, "<v>"...)
				if b, ok = appendPlain(b, val); !ok {
					return nil, false
				}
				b = append(b, "</v>"...)
			}
			b = append(b, "</c>"...)
		}
		if written == 0 && !hasAttr {
			b = b[:start]
			continue
		}
		b = append(b, "</row>"...)
	}
	if bytes.Contains(b, []byte("xmlns")) {
		putBuf(b)
		return nil, false
	}
	return b, true
}

// appendRowStart appends the start tag of an excelize row whose number is
// r, and reports whether it has attributes besides its number.
func appendRowStart(b []byte, l *sheetLayout, row reflect.Value, r int64) ([]byte, bool, bool) {
	spans, style := row.Field(l.row[rowSpans]).String(), row.Field(l.row[rowS]).Int()
	customFormat, ht, hidden := row.Field(l.row[rowCustomFormat]).Bool(), row.Field(l.row[rowHt]), row.Field(l.row[rowHidden]).Bool()
	customHeight, outline := row.Field(l.row[rowCustomHeight]).Bool(), row.Field(l.row[rowOutlineLevel]).Uint()
	collapsed, thickTop := row.Field(l.row[rowCollapsed]).Bool(), row.Field(l.row[rowThickTop]).Bool()
	thickBot, ph := row.Field(l.row[rowThickBot]).Bool(), row.Field(l.row[rowPh]).Bool()
	hasAttr := spans != "" || style != 0 || customFormat || !ht.IsNil() || hidden || customHeight || outline != 0 ||
		collapsed || thickTop || thickBot || ph
	b = append(b, "<row"...)
	if r != 0 {
		b = appendIntAttr(b, " r=\"", r)
	}
	var ok bool
	if b, ok = appendStringAttr(b, " spans=\"", spans); !ok {
		return b, false, false
	}
	if style != 0 {
		b = appendIntAttr(b, " s=\"", style)
	}
	b = appendBoolAttr(b, " customFormat=\"true\"", customFormat)
	if !ht.IsNil() {
		b = append(b, ` ht="`...)
		b = strconv.AppendFloat(b, ht.Elem().Float(), 'g', -1, 64)
		b = append(b, '"')
	}
	b = appendBoolAttr(b, " hidden=\"true\"", hidden)
	b = appendBoolAttr(b, " customHeight=\"true\"", customHeight)
	if outline != 0 {
		b = appendIntAttr(b, " outlineLevel=\"", int64(outline))
	}
	b = appendBoolAttr(b, " collapsed=\"true\"", collapsed)
	b = appendBoolAttr(b, " thickTop=\"true\"", thickTop)
	b = appendBoolAttr(b, " thickBot=\"true\"", thickBot)
	b = appendBoolAttr(b, " ph=\"true\"", ph)
	return append(b, '>'), hasAttr, true
}

func appendIntAttr(b []byte, prefix string, n int64) []byte {
	b = append(b, prefix...)
	b = strconv.AppendInt(b, n, 10)
	return append(b, '"')
}

func appendBoolAttr(b []byte, attr string, v bool) []byte {
	if v {
		b = append(b, attr...)
	}
	return b
}

// appendStringAttr appends an attribute unless its value is empty.
func appendStringAttr(b []byte, prefix, v string) ([]byte, bool) {
	if v == "" {
		return b, true
	}
	b = append(b, prefix...)
	b, ok := appendPlain(b, v)
	return append(b, '"'), ok
}

// appendPlain appends s when encoding/xml writes it as it is: letters,
// digits and a few signs. Anything else is left to encoding/xml.
func appendPlain(b []byte, s string) ([]byte, bool) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '.' || c == '-' || c == '+' || c == ':' || c == '$') {
			return b, false
		}
	}
	return append(b, s...), true
}

// slowParts counts the rows, sheets and shared string tables left to
// excelize's own encoding because appendRow, encodeSheetData or
// takeSharedStrings could not be sure to give its bytes:
// the tests check that the workbooks of a run leave none.
var slowParts atomic.Int64

// takeSheetData encodes the rows of every sheet of f held in excelize's
// model, with the overlays of sp, and empties them, for the splicer to put
// back when the sheet is written. A sheet encodeSheetData cannot encode
// keeps its rows, its overlay written into them. It returns the encoded
// rows by part name.
func takeSheetData(f *excelize.File, sp *splicer) (map[string][]byte, error) {
	overlays, err := sp.overlayPaths(f)
	if err != nil {
		return nil, err
	}
	names := make(map[string]string) // sheets with an overlay, by part
	if len(overlays) > 0 {
		for id, name := range f.GetSheetMap() {
			names["xl/worksheets/sheet"+strconv.Itoa(id)+".xml"] = name
		}
	}
	out := make(map[string][]byte)
	var slow []string
	f.Sheet.Range(func(path, ws any) bool {
		name, ok := path.(string)
		if !ok || ws == nil {
			return true
		}
		b, ok := encodeSheetData(ws, overlays[name])
		if !ok {
			slowParts.Add(1)
			slow = append(slow, name)
			return true
		}
		rows := reflect.ValueOf(ws).Elem().Field(layout.sheetData).Field(layout.rows)
		rows.Set(reflect.Zero(rows.Type()))
		out[name] = b
		return true
	})
	for _, path := range slow {
		if o := overlays[path]; o != nil {
			ws, _ := f.Sheet.Load(path)
			if err := o.replay(f, names[path], ws); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}
