package outputs

import (
	"bytes"
	"encoding/xml"
	"io"
	"reflect"
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
	sstType               reflect.Type // *xlsxSST
	si                    int          // SI in xlsxSST
	t, r, rPh, phoneticPr int          // in xlsxSI
	tName, tSpace, tVal   int          // in xlsxT
	siType, tType         reflect.Type
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
