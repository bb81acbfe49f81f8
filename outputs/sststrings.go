package outputs

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"reflect"
	"strings"
	"sync"

	"github.com/xuri/excelize/v2"
)

// excelize marshals the shared string table of a workbook (the texts of the
// sheets written cell by cell) through encoding/xml when it saves it, at a
// cost of several allocations a string. takeSharedStrings encodes its
// string items into the same bytes (sststrings_test.go proves it) and
// empties them, so that excelize writes the table's element with its
// counts and no item; the splicer puts the encoded items back before its
// end tag. As in sheetdata.go, the fields are found by name and their XML
// tags checked once; a table holding what this file does not write (rich
// text, phonetic runs) is left to excelize.

const sharedStringsPart = "xl/sharedStrings.xml"

// sstLayout is where the fields are in excelize's shared string table.
type sstLayout struct {
	sstType                reflect.Type // *xlsxSST
	si, count, uniqueCount int          // in xlsxSST
	t, r, rPh, phoneticPr  int          // in xlsxSI
	tName, tSpace, tVal    int          // in xlsxT
	siType, tType          reflect.Type
}

var (
	sstLayoutOnce sync.Once
	sstFields     *sstLayout // nil when excelize's types are not the expected ones
)

// findSSTLayout finds the fields in sstType, the type of File.SharedStrings.
func findSSTLayout(sstType reflect.Type) *sstLayout {
	if sstType.Kind() != reflect.Pointer || sstType.Elem().Kind() != reflect.Struct {
		return nil
	}
	l := &sstLayout{sstType: sstType}
	si, ok := sstType.Elem().FieldByName("SI")
	if !ok || len(si.Index) != 1 || si.Tag.Get("xml") != "si" || si.Type.Kind() != reflect.Slice ||
		si.Type.Elem().Kind() != reflect.Struct {
		return nil
	}
	l.si, l.siType = si.Index[0], si.Type.Elem()
	count, ok1 := sstType.Elem().FieldByName("Count")
	unique, ok2 := sstType.Elem().FieldByName("UniqueCount")
	if !ok1 || !ok2 || len(count.Index) != 1 || len(unique.Index) != 1 || count.Type.Kind() != reflect.Int ||
		unique.Type.Kind() != reflect.Int || count.Tag.Get("xml") != "count,attr" || unique.Tag.Get("xml") != "uniqueCount,attr" {
		return nil
	}
	l.count, l.uniqueCount = count.Index[0], unique.Index[0]
	idx := fieldsOf(l.siType, []struct{ name, tag string }{
		{"T", "t,omitempty"}, {"R", "r"}, {"RPh", "rPh"}, {"PhoneticPr", "phoneticPr"},
	})
	if idx == nil {
		return nil
	}
	l.t, l.r, l.rPh, l.phoneticPr = idx[0], idx[1], idx[2], idx[3]
	tf := l.siType.Field(l.t).Type
	if tf.Kind() != reflect.Pointer || tf.Elem().Kind() != reflect.Struct ||
		l.siType.Field(l.r).Type.Kind() != reflect.Slice || l.siType.Field(l.rPh).Type.Kind() != reflect.Slice ||
		l.siType.Field(l.phoneticPr).Type.Kind() != reflect.Pointer {
		return nil
	}
	l.tType = tf.Elem()
	idx = fieldsOf(l.tType, []struct{ name, tag string }{
		{"XMLName", "t"}, {"Space", "space,attr,omitempty"}, {"Val", ",chardata"},
	})
	if idx == nil {
		return nil
	}
	l.tName, l.tSpace, l.tVal = idx[0], idx[1], idx[2]
	if l.tType.Field(l.tName).Type != reflect.TypeOf(xml.Name{}) || l.tType.Field(l.tSpace).Type != reflect.TypeOf(xml.Attr{}) ||
		l.tType.Field(l.tVal).Type.Kind() != reflect.String {
		return nil
	}
	return l
}

// preserveSpace is the attribute excelize gives a text that starts or ends
// with white space.
var preserveSpace = xml.Attr{Name: xml.Name{Space: excelize.NameSpaceXML, Local: "space"}, Value: "preserve"}

// takeSharedStrings returns the string items of f's shared string table as
// encoding/xml writes them, and empties them: nil when f has no table or
// an empty one. It returns false, leaving the items, when the table holds
// what it does not encode or excelize's types are not the expected ones.
func takeSharedStrings(f *excelize.File) ([]byte, bool) {
	if f.SharedStrings == nil {
		return nil, true
	}
	v := reflect.ValueOf(f).Elem().FieldByName("SharedStrings")
	sstLayoutOnce.Do(func() { sstFields = findSSTLayout(v.Type()) })
	l := sstFields
	if l == nil || v.Type() != l.sstType {
		return nil, false
	}
	items := v.Elem().Field(l.si)
	if items.Len() == 0 {
		return nil, true
	}
	b := getBuf()
	for i := range items.Len() {
		si := items.Index(i)
		t := si.Field(l.t)
		if t.IsNil() || si.Field(l.r).Len() != 0 || si.Field(l.rPh).Len() != 0 || !si.Field(l.phoneticPr).IsNil() {
			putBuf(b)
			return nil, false
		}
		t = t.Elem()
		if name := t.Field(l.tName).Interface().(xml.Name); name != (xml.Name{}) && name != (xml.Name{Local: "t"}) {
			putBuf(b)
			return nil, false
		}
		b = append(b, "<si><t"...)
		switch space := t.Field(l.tSpace).Interface().(xml.Attr); space {
		case xml.Attr{}:
		case preserveSpace:
			b = append(b, ` xml:space="preserve"`...)
		default:
			putBuf(b)
			return nil, false
		}
		b = append(b, '>')
		b = appendXMLText(b, t.Field(l.tVal).String(), false)
		b = append(b, "</t></si>"...)
	}
	items.Set(reflect.Zero(items.Type()))
	return b, true
}

// sstEnd ends the shared string table part.
var sstEnd = []byte("</sst>")

// spliceSharedStrings writes the shared string table part held in b with
// items put back before its end tag.
func spliceSharedStrings(w io.Writer, b, items []byte) error {
	i := bytes.LastIndex(b, sstEnd)
	if i < 0 {
		return errSSTNotFound
	}
	if _, err := w.Write(b[:i]); err != nil {
		return err
	}
	if _, err := w.Write(items); err != nil {
		return err
	}
	_, err := w.Write(b[i:])
	return err
}

// The texts of sheets written cell by cell go to excelize's shared string
// table: through SetCellStr, each costs excelize's cell machinery besides
// the table. With an overlay, a plain text (plainText) is added to the
// table here, as SetCellStr would add it, and the cell keeps its index in
// the overlay (okText); encodeSheetData writes it as excelize writes a
// shared string cell. The splicer keeps the index of every text it added
// (texts); texts that are not plain still go through SetCellStr, which
// appends them to the same table. A plain text never equals the key
// excelize gives one that is not (its bstrMarshal, which keeps "_x", or a
// text cut to TotalCellChars), so neither side misses a text the other
// added.

// plainText reports whether SetCellStr stores s as it is: no "_x" that
// excelize would escape, too short to be cut.
func plainText(s string) bool {
	return len(s) <= 32000 && !strings.Contains(s, "_x")
}

// textIndex returns the index of text s in f's shared string table,
// adding it as SetCellStr would, or false when s must go through
// SetCellStr: it is not plain, f has no table yet (the first text creates
// it) or excelize's types are not the expected ones.
func (sp *splicer) textIndex(f *excelize.File, s string) (int, bool) {
	if !plainText(s) || f.SharedStrings == nil {
		return 0, false
	}
	v := reflect.ValueOf(f).Elem().FieldByName("SharedStrings")
	sstLayoutOnce.Do(func() { sstFields = findSSTLayout(v.Type()) })
	l := sstFields
	if l == nil || v.Type() != l.sstType || !worksheetLayout(f) {
		return 0, false
	}
	items := v.Elem().Field(l.si)
	if sp.texts == nil {
		// The table holds what SetCellStr added so far.
		sp.texts = make(map[string]int, 256)
		for i := range items.Len() {
			if t := items.Index(i).Field(l.t); !t.IsNil() {
				if val := t.Elem().Field(l.tVal).String(); plainText(val) {
					if _, ok := sp.texts[val]; !ok {
						sp.texts[val] = i
					}
				}
			}
		}
	}
	if i, ok := sp.texts[s]; ok {
		return i, true
	}
	// excelize's setSharedString: xlsxT{Val: s} with the space of
	// trimCellValue, counts set to the number of items.
	t := reflect.New(l.tType)
	t.Elem().Field(l.tVal).SetString(s)
	if s != "" {
		for _, c := range []byte{9, 10, 13, 32} {
			if s[0] == c || s[len(s)-1] == c {
				t.Elem().Field(l.tSpace).Set(reflect.ValueOf(preserveSpace))
				break
			}
		}
	}
	item := reflect.New(l.siType).Elem()
	item.Field(l.t).Set(t)
	items.Set(reflect.Append(items, item))
	n := items.Len()
	v.Elem().Field(l.count).SetInt(int64(n))
	v.Elem().Field(l.uniqueCount).SetInt(int64(n))
	sp.texts[s] = n - 1
	return n - 1, true
}

// worksheetLayout finds the layout of excelize's worksheets (sheetdata.go)
// from f's sheets, and reports whether it is the expected one.
func worksheetLayout(f *excelize.File) bool {
	ok := false
	f.Sheet.Range(func(_, ws any) bool {
		if ws == nil {
			return true
		}
		layoutOnce.Do(func() { layout = findLayout(reflect.TypeOf(ws)) })
		ok = layout != nil
		return false
	})
	return ok
}

// setTextCell makes the cell at ref of worksheet ws (excelize's, whose
// layout is known) a shared string cell of index i: SetCellInt writes the
// index, this marks it as a shared string, as SetCellStr would leave it.
func setTextCell(f *excelize.File, sheet string, ws any, col, row, i int) error {
	ref := cell(col, row)
	if err := f.SetCellInt(sheet, ref, int64(i)); err != nil {
		return err
	}
	v := reflect.ValueOf(ws)
	if layout == nil || v.Type() != layout.wsType || v.IsNil() {
		return errors.New("foglio " + sheet + ": testo non scritto in " + ref)
	}
	rows := v.Elem().Field(layout.sheetData).Field(layout.rows)
	for k := range rows.Len() {
		r := rows.Index(k)
		if r.Field(layout.row[rowR]).Int() != int64(row) {
			continue
		}
		cells := r.Field(layout.row[rowC])
		for j := range cells.Len() {
			if c := cells.Index(j); c.Field(layout.cell[cellR]).String() == ref {
				c.Field(layout.cell[cellT]).SetString("s")
				return nil
			}
		}
	}
	return errors.New("foglio " + sheet + ": testo non scritto in " + ref)
}
