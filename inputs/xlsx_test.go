package inputs

import (
	"encoding/xml"
	"errors"
	"fmt"
	"strconv"

	"math/rand/v2"
	"strings"
	"testing"

	"camcost/model"
)

// stdTokens reads XML with encoding/xml: the reference xmlScanner is held
// to.
type stdTokens struct {
	d     *xml.Decoder
	start xml.StartElement
	local string
	txt   []byte
}

func (s *stdTokens) next() (byte, error) {
	for {
		t, err := s.d.Token()
		if err != nil {
			return 0, err
		}
		switch t := t.(type) {
		case xml.StartElement:
			s.start, s.local = t, t.Name.Local
			return xmlStart, nil
		case xml.EndElement:
			s.local = t.Name.Local
			return xmlEnd, nil
		case xml.CharData:
			s.txt = t
			return xmlText, nil
		}
	}
}

func (s *stdTokens) name() []byte { return []byte(s.local) }
func (s *stdTokens) text() []byte { return s.txt }
func (s *stdTokens) attr(local string) ([]byte, bool) {
	for _, a := range s.start.Attr {
		if a.Name.Local == local {
			return []byte(a.Value), true
		}
	}
	return nil, false
}

// sheetText reads the rows of a worksheet part with the given tokens, as
// text: one line per row, "row: kind:text|kind:text".
func sheetText(sheet string, std bool) (string, error) {
	lim := DefaultLimits
	lim.MaxCellBytes = 1 << 16
	wb := &workbook{name: "t.xlsx", lim: lim}
	var toks xmlTokens = newXMLScanner(strings.NewReader(sheet), lim.MaxCellBytes)
	if std {
		toks = &stdTokens{d: xml.NewDecoder(strings.NewReader(sheet))}
	}
	s := &sheetRows{wb: wb, pos: model.Position{File: "t.xlsx", Sheet: "s"}, part: "sheet.xml", toks: toks, sst: []string{"uno", "due"}}
	var b strings.Builder
	for s.next() {
		num, cells := s.row()
		fmt.Fprintf(&b, "%d:", num)
		for _, c := range cells {
			fmt.Fprintf(&b, " %d:%q", c.kind, c.text)
		}
		b.WriteByte('\n')
	}
	return b.String(), s.err()
}

const sheetHead = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
	`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheetData>`

const sheetTail = `</sheetData><mergeCells count="0"/></worksheet>`

func TestXMLScannerSheets(t *testing.T) {
	tests := []struct {
		name, body, want string
	}{
		{"cells of each type", `<row r="1"><c r="A1" t="s"><v>1</v></c><c r="B1"><v>1234.5600000000001</v></c><c r="C1" t="inlineStr"><is><t>a &amp; b</t></is></c>` +
			`<c r="D1" t="str"><f>A1</f><v>x</v></c><c r="E1" t="b"><v>1</v></c><c r="F1" t="e"><v>#N/D</v></c><c r="G1"><f>SUM(B1)</f></c><c r="H1" s="3"/></row>`,
			"1: 0:\"due\" 1:\"1234.5600000000001\" 0:\"a & b\" 0:\"x\" 0:\"VERO\" 2:\"#N/D\" 3:\"SUM(B1)\" 0:\"\"\n"},
		{"rich text and phonetic runs", `<row r="2"><c r="B2" t="inlineStr"><is><r><rPr><b/></rPr><t xml:space="preserve">uno </t></r><r><t>due</t></r><rPh sb="0" eb="1"><t>x</t></rPh></is></c></row>`,
			"2: 0:\"\" 0:\"uno due\"\n"},
		{"prefixes, comments, CDATA, entities", `<!-- c --><x:row r="3"><x:c r="A3" t='inlineStr'><x:is><x:t><![CDATA[<1>]]>&#233;&#xE8;&lt;&quot;</x:t></x:is></x:c></x:row>`,
			"3: 0:\"<1>éè<\\\"\"\n"},
		{"rows without r", `<row><c><v>1</v></c></row><row><c><v>2</v></c><c><v>3</v></c></row>`,
			"1: 1:\"1\"\n2: 1:\"2\" 1:\"3\"\n"},
		{"line ends", "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>a\r\nb\rc</t></is></c></row>",
			"1: 0:\"a\\nb\\nc\"\n"},
		{"indices and values with spaces", `<row r="4"><c r="A4" t="s"><v> +1 </v></c><c r="B4" t="s"><v>-0</v></c><c r="C4"><v> 12 </v></c><c r="D4" t="str"><v> x </v></c><c r="E4" t="e"><v> #N/D </v></c><c r="F4" t="b"><v> 0 </v></c></row>` +
			`<row r="5"><c r="B5" t="inlineStr"><is><t> y </t></is></c><c r="C5" t="str"><f>A1</f><v></v></c><c r="D5"><f>1+1</f><v> </v></c></row>`,
			"4: 0:\"due\" 0:\"uno\" 1:\"12\" 0:\" x \" 2:\"#N/D\" 0:\"FALSO\"\n5: 0:\"\" 0:\" y \" 0:\"\" 3:\"1+1\"\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, std := range []bool{false, true} {
				got, err := sheetText(sheetHead+tt.body+sheetTail, std)
				if err != nil || got != tt.want {
					t.Errorf("std=%v: %q, %v; want %q", std, got, err, tt.want)
				}
			}
		})
	}
}

func TestXMLScannerRejects(t *testing.T) {
	for _, body := range []string{
		`<row><c></row>`,
		`<row><c t="s"><v>7</v></c></row>`, // shared string out of range
		`<row r="2"/><row r="1"/>`,
		`<row><c r="1A"/></row>`,
		`<row a="1" a="2"/>`,
		`<row a=1/>`,
		`<row a="<"/>`,
		`<row><c t="inlineStr"><is><t>&nbsp;</t></is></c></row>`,
		`<row><c t="inlineStr"><is><t>&#0;</t></is></c></row>`,
		"<row><c t=\"inlineStr\"><is><t>\x01</t></is></c></row>",
		"<row><c t=\"inlineStr\"><is><t>\xff</t></is></c></row>",
		`<row><c t="inlineStr"><is><t>a &amp b</t></is></c></row>`,
		`<!DOCTYPE x [<!ENTITY e "x">]><row/>`,
		`<row><![CDATA[x]]`,
		`<row`,
		`<1row/>`,
	} {
		if got, err := sheetText(sheetHead+body+sheetTail, false); err == nil {
			t.Errorf("%s: read %q, want an error", body, got)
		}
	}
	if _, err := sheetText(`<?xml version="1.0" encoding="UTF-16"?><worksheet/>`, false); err == nil {
		t.Errorf("a UTF-16 declaration is accepted")
	}
	if _, err := sheetText(`<worksheet/><worksheet/>`, false); err == nil {
		t.Errorf("two roots are accepted")
	}
}

// randomSheet writes rows of random cells as a worksheet, varying what a
// writer may vary: attribute quotes and order, prefixes, shared or inline
// strings, escapes, CDATA, rich text, comments, blank space.
func randomSheet(r *rand.Rand) string {
	var b strings.Builder
	p := ""
	if r.IntN(3) == 0 {
		p = "x:"
	}
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	fmt.Fprintf(&b, `<%sworksheet xmlns:x="urn:x"><%ssheetData>`, p, p)
	texts := []string{"M1", "A1.1.1", "a & b", "<tag>", "caffè", "\"q\" 'a'", " spazio ", "x\ny", "€"}
	row := 0
	for range r.IntN(6) {
		row += 1 + r.IntN(3)
		q := `"`
		if r.IntN(2) == 0 {
			q = `'`
		}
		fmt.Fprintf(&b, `<%srow r=%s%d%s spans="1:3">`, p, q, row, q)
		col := 0
		for range r.IntN(5) {
			col += 1 + r.IntN(2)
			ref := fmt.Sprintf("%s%d", columnLetters(col-1), row)
			switch r.IntN(6) {
			case 0:
				fmt.Fprintf(&b, `<%sc r=%s%s%s t="s"><%sv>%d</%sv></%sc>`, p, q, ref, q, p, r.IntN(2), p, p)
			case 1:
				fmt.Fprintf(&b, `<%sc s="1" r="%s"><%sv>%g</%sv></%sc>`, p, ref, p, r.NormFloat64()*1e4, p, p)
			case 2:
				txt := texts[r.IntN(len(texts))]
				esc := escapeXML(txt)
				if r.IntN(3) == 0 && !strings.Contains(txt, "]]>") {
					esc = "<![CDATA[" + txt + "]]>"
				}
				fmt.Fprintf(&b, `<%sc r="%s" t="inlineStr"><%sis><%st xml:space="preserve">%s</%st></%sis></%sc>`, p, ref, p, p, esc, p, p, p)
			case 3:
				fmt.Fprintf(&b, `<%sc r="%s" t="inlineStr"><%sis><%sr><%st>%s</%st></%sr><%sr><%st>%s</%st></%sr></%sis></%sc>`,
					p, ref, p, p, p, escapeXML(texts[0]), p, p, p, p, escapeXML(texts[2]), p, p, p, p)
			case 4:
				fmt.Fprintf(&b, `<%sc r="%s" t="e"><%sv>#DIV/0!</%sv></%sc><!-- commento -->`, p, ref, p, p, p)
			case 5:
				fmt.Fprintf(&b, "<%sc r=\"%s\"\n  s=\"2\"/>", p, ref)
			}
		}
		fmt.Fprintf(&b, `</%srow>`, p)
	}
	fmt.Fprintf(&b, `</%ssheetData></%sworksheet>`, p, p)
	return b.String()
}

func escapeXML(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

func TestXMLScannerRandomSheets(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		sheet := randomSheet(r)
		want, err := sheetText(sheet, true)
		if err != nil {
			t.Fatalf("encoding/xml: %v\n%s", err, sheet)
		}
		got, err := sheetText(sheet, false)
		if err != nil || got != want {
			t.Fatalf("%s\ngot  %q, %v\nwant %q", sheet, got, err, want)
		}
	}
}

// FuzzXMLScannerMatchesEncodingXML holds the scanner to encoding/xml: when
// both read a sheet they read the same rows, and the scanner reads nothing
// that encoding/xml refuses.
func FuzzXMLScannerMatchesEncodingXML(f *testing.F) {
	r := rand.New(rand.NewPCG(3, 4))
	for range 20 {
		f.Add(randomSheet(r))
	}
	f.Add(sheetHead + `<row r="1"><c r="A1" t="inlineStr"><is><t>a&#233;</t></is></c></row>` + sheetTail)
	f.Fuzz(func(t *testing.T, sheet string) {
		got, err := sheetText(sheet, false)
		want, stdErr := sheetText(sheet, true)
		var p model.Problem
		switch {
		case err == nil && stdErr == nil:
			if got != want {
				t.Fatalf("%q\ngot  %q\nwant %q", sheet, got, want)
			}
		case err == nil && !errors.As(stdErr, &p):
			// encoding/xml refused the XML itself, not what it holds.
			t.Fatalf("%q read as %q; encoding/xml: %v", sheet, got, stdErr)
		case err != nil && !errors.As(err, &p):
			t.Fatalf("%q: error %T %v is not a model.Problem", sheet, err, err)
		}
	})
}

// BenchmarkSheetRows reads 100,000 rows of a worksheet part with the
// scanner and with encoding/xml.
func BenchmarkSheetRows(b *testing.B) {
	var sb strings.Builder
	sb.WriteString(sheetHead)
	for r := 1; r <= 100_000; r++ {
		fmt.Fprintf(&sb, `<row r="%d"><c r="A%d" t="s"><v>0</v></c><c r="B%d" t="inlineStr"><is><t>C1.1.1.%d</t></is></c><c r="C%d"><v>%d.5</v></c><c r="D%d"><v>%d</v></c></row>`,
			r, r, r, r%9, r, r%40, r, 1+r%12)
	}
	sb.WriteString(sheetTail)
	sheet := sb.String()
	for _, std := range []bool{false, true} {
		name := "xmlScanner"
		if std {
			name = "encoding-xml"
		}
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(sheet)))
			b.ReportAllocs()
			for b.Loop() {
				lim := DefaultLimits
				wb := &workbook{name: "t.xlsx", lim: lim}
				var toks xmlTokens = newXMLScanner(strings.NewReader(sheet), lim.MaxCellBytes)
				if std {
					toks = &stdTokens{d: xml.NewDecoder(strings.NewReader(sheet))}
				}
				s := &sheetRows{wb: wb, toks: toks, sst: []string{"M1"}}
				n := 0
				for s.next() {
					n++
				}
				if s.err() != nil || n != 100_000 {
					b.Fatal(n, s.err())
				}
			}
		})
	}
}

// FuzzSharedIndex: a cell's shared-string index reads as strconv.Atoi
// reads it, for any count of shared strings.
func FuzzSharedIndex(f *testing.F) {
	for _, s := range []string{"0", "12", "+3", "-0", "-4", "007", "", "+", "1a", "99999999999999999999", "9223372036854775807"} {
		f.Add(s, uint32(10))
	}
	f.Fuzz(func(t *testing.T, v string, count uint32) {
		i, ok := sharedIndex([]byte(v))
		n, err := strconv.Atoi(v)
		got := ok && i < int(count)
		want := err == nil && n >= 0 && n < int(count)
		if got != want || got && i != n {
			t.Errorf("sharedIndex(%q) = %d, %v; Atoi %d, %v (count %d)", v, i, ok, n, err, count)
		}
	})
}
