package inputs

import (
	"encoding/csv"
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"
	"testing/iotest"
	"unicode/utf8"
)

// scanAll reads every record of text, dropping records of one empty field
// (encoding/csv skips empty lines; both are blank rows to the tables) so
// that the result compares with stdAll's.
func scanAll(r io.Reader, sep byte, maxLine int) ([][]string, error) {
	s := newCSVScanner(r, maxLine, 1<<40)
	s.sep = sep
	var out [][]string
	var cells []cell
	for {
		var err error
		cells, err = s.record(cells)
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		if len(cells) == 1 && cells[0].text == "" {
			continue
		}
		var rec []string
		for _, c := range cells {
			rec = append(rec, c.text)
		}
		out = append(out, rec)
	}
}

func stdAll(text string, sep byte) ([][]string, error) {
	r := csv.NewReader(strings.NewReader(text))
	r.Comma = rune(sep)
	r.FieldsPerRecord = -1
	var out [][]string
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		if len(rec) == 1 && rec[0] == "" {
			continue
		}
		out = append(out, rec)
	}
}

func TestScannerRecords(t *testing.T) {
	tests := []struct {
		in   string
		want [][]string
		err  error
	}{
		{"a,b\r\nc,d\n", [][]string{{"a", "b"}, {"c", "d"}}, nil},
		{"a,b\n\nc,d", [][]string{{"a", "b"}, {""}, {"c", "d"}}, nil},
		{"a,\"b,c\"\n", [][]string{{"a", "b,c"}}, nil},
		{"\"x\"\"y\",z\n", [][]string{{"x\"y", "z"}}, nil},
		{"\"two\r\nlines\",x\ny\n", [][]string{{"two\nlines", "x"}, {"y"}}, nil},
		{"a,b\r", [][]string{{"a", "b"}}, nil},
		{",,\n", [][]string{{"", "", ""}}, nil},
		{"a\"b\n", nil, errBareQuote},
		{"\"a\"b\n", nil, errQuote},
		{"\"open\n", nil, errQuote},
		{"ok\n\xe0\n", [][]string{{"ok"}}, errNotUTF8},
		{"\"\xe0\"\n", nil, errNotUTF8},
		{"short\n" + strings.Repeat("x", 20) + "\n", [][]string{{"short"}}, errLineTooLong},
		{"\"" + strings.Repeat("x", 20) + "\"\n", nil, errLineTooLong},
	}
	for _, tt := range tests {
		var got [][]string
		s := newCSVScanner(strings.NewReader(tt.in), 16, 1<<20)
		s.sep = ','
		var err error
		for {
			var cells []cell
			cells, err = s.record(nil)
			if err != nil {
				break
			}
			var rec []string
			for _, c := range cells {
				rec = append(rec, c.text)
			}
			got = append(got, rec)
		}
		if err == io.EOF {
			err = nil
		}
		if !reflect.DeepEqual(got, tt.want) || !errors.Is(err, tt.err) {
			t.Errorf("%q: %q, %v; want %q, %v", tt.in, got, err, tt.want, tt.err)
		}
	}
}

// TestScannerSmallReads feeds the scanner one byte at a time and through a
// buffer smaller than the lines, so that lines straddle reads.
func TestScannerSmallReads(t *testing.T) {
	text := "matricola;codice;\"note\"\r\nM1;A1.1.1;\"due\nrighe\"\r\nM2;C1;x\n"
	want, _ := stdAll(text, ';')
	got, err := scanAll(iotest.OneByteReader(strings.NewReader(text)), ';', 1<<20)
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("one byte reads: %q, %v; want %q", got, err, want)
	}
	s := newCSVScanner(strings.NewReader(strings.Repeat("abcdefgh,", 100)+"\n"), 1<<20, 1<<20)
	s.buf = make([]byte, 8) // grows to hold the line
	s.sep = ','
	cells, err := s.record(nil)
	if err != nil || len(cells) != 101 || cells[99].text != "abcdefgh" {
		t.Errorf("long line: %d cells, %v", len(cells), err)
	}
}

// FuzzScannerMatchesEncodingCSV holds the scanner to encoding/csv: the same
// records, or both fail.
func FuzzScannerMatchesEncodingCSV(f *testing.F) {
	for _, s := range []string{
		"a,b\nc,d\n", "a;\"b;c\"\r\n\r\nd", "\"a\"\"b\",c", "\"a\nb\",c\n", "a\"b", "\"a\"b", "\"x", "a,b\r", "\r\n\n,", "\"\"\n",
	} {
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, text string, semicolon bool) {
		if !utf8.ValidString(text) {
			return // the scanner rejects it, encoding/csv does not check
		}
		sep := byte(',')
		if semicolon {
			sep = ';'
		}
		want, wantErr := stdAll(text, sep)
		got, err := scanAll(strings.NewReader(text), sep, 1<<20)
		if (err != nil) != (wantErr != nil) {
			t.Fatalf("%q: error %v, encoding/csv %v", text, err, wantErr)
		}
		if err == nil && !reflect.DeepEqual(got, want) {
			t.Fatalf("%q:\n got  %q\n want %q", text, got, want)
		}
	})
}

// FuzzScannerControlFlag: the scanner flags exactly the records holding a
// control character (isControl), which next then checks cell by cell.
func FuzzScannerControlFlag(f *testing.F) {
	for _, s := range []string{"a,b\x01\n", "a\x7f;b", "\"a\x00\",b\n", "a\tb\r\n", "é,\u0085\n", "x\u00a0y\n\x1f", "\"a\nb\x1b\"\n"} {
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, text string, semicolon bool) {
		s := newCSVScanner(strings.NewReader(text), 1<<20, 1<<40)
		s.sep = ','
		if semicolon {
			s.sep = ';'
		}
		var cells []cell
		for {
			var err error
			if cells, err = s.record(cells); err != nil {
				return
			}
			want := false
			for _, c := range cells {
				want = want || strings.ContainsFunc(c.text, isControl)
			}
			if s.ctl != want {
				t.Fatalf("%q: record %q flagged %v, want %v", text, cells, s.ctl, want)
			}
		}
	})
}

// FuzzScannerViews: fields as views of the read buffer (csvScanner.views)
// read the same as copied ones while they are used before the next record,
// through buffers of any size, the bytes viewed overwritten after use.
func FuzzScannerViews(f *testing.F) {
	for _, s := range []string{"a,b\nc,d\n", "a;\"b;c\"\r\n\r\nd", "\"a\nb\",c\nxy,z\n", "é,\u0085\n1,2\n", "abc,def,ghi\njkl,mno\n"} {
		f.Add(s, true, uint8(3))
	}
	f.Fuzz(func(t *testing.T, text string, semicolon bool, size uint8) {
		sep := byte(',')
		if semicolon {
			sep = ';'
		}
		want, wantErr := scanAll(strings.NewReader(text), sep, 1<<10)
		s := newCSVScanner(strings.NewReader(text), 1<<10, 1<<40)
		s.sep, s.views, s.poison = sep, true, true
		s.buf = make([]byte, 1+int(size)%32)
		var got [][]string
		var cells []cell
		var err error
		for {
			if cells, err = s.record(cells); err != nil {
				break
			}
			if len(cells) == 1 && cells[0].text == "" {
				continue
			}
			var rec []string
			for _, c := range cells {
				rec = append(rec, strings.Clone(c.text))
			}
			got = append(got, rec)
		}
		if err == io.EOF {
			err = nil
		}
		if (err != nil) != (wantErr != nil) || !reflect.DeepEqual(got, want) {
			t.Fatalf("%q: views %q, %v; copies %q, %v", text, got, err, want, wantErr)
		}
	})
}
