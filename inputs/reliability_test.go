package inputs

import (
	"archive/zip"
	"bytes"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// storedZip rewrites a workbook with every part stored uncompressed, so
// that a test can alter its bytes in place, and with the CRC of each part
// given by crc (called with the right one).
func storedZip(t *testing.T, data []byte, crc func(part string, right uint32) uint32) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		sum := crc32.ChecksumIEEE(b)
		if crc != nil {
			sum = crc(f.Name, sum)
		}
		w, err := zw.CreateRaw(&zip.FileHeader{Name: f.Name, Method: zip.Store, CRC32: sum,
			CompressedSize64: uint64(len(b)), UncompressedSize64: uint64(len(b))})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(b); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// patch replaces old, which must occur once, by new of the same length.
func patch(t *testing.T, data []byte, old, new string) []byte {
	t.Helper()
	if len(old) != len(new) || bytes.Count(data, []byte(old)) != 1 {
		t.Fatalf("cannot patch %q into %q", old, new)
	}
	return bytes.Replace(data, []byte(old), []byte(new), 1)
}

// TestZipChecksum: every part read is read to its end and its CRC checked,
// whether its bytes were altered or its CRC field was.
func TestZipChecksum(t *testing.T) {
	valid := tempiWorkbook(t)
	wrongCRC := func(part string) []byte {
		return storedZip(t, valid, func(p string, right uint32) uint32 {
			if p == part {
				return right ^ 0x5a5a
			}
			return right
		})
	}
	zeroCRC := storedZip(t, valid, func(p string, right uint32) uint32 {
		if p == "xl/worksheets/sheet1.xml" {
			return 0
		}
		return right
	})
	stored := storedZip(t, valid, nil)
	damaged := func(part string) string {
		return "tempi.xlsx: il file .xlsx è danneggiato: il contenuto della parte " + part +
			" non corrisponde al suo codice di controllo (CRC); recuperare una copia integra del file o salvarlo di nuovo da Excel"
	}
	tests := []struct {
		name string
		data []byte
		want string
	}{
		// Valid data that sums to 100 still: only the CRC tells.
		{"sheet values altered", patch(t, patch(t, stored, "<v>60</v>", "<v>50</v>"), "<v>40</v>", "<v>50</v>"), damaged("xl/worksheets/sheet1.xml")},
		{"sheet CRC wrong", wrongCRC("xl/worksheets/sheet1.xml"), damaged("xl/worksheets/sheet1.xml")},
		{"sheet CRC zero", zeroCRC, damaged("xl/worksheets/sheet1.xml")},
		{"workbook CRC wrong", wrongCRC("xl/workbook.xml"), damaged("xl/workbook.xml")},
		{"relationships CRC wrong", wrongCRC("xl/_rels/workbook.xml.rels"), damaged("xl/_rels/workbook.xml.rels")},
		{"package relationships CRC wrong", wrongCRC("_rels/.rels"), damaged("_rels/.rels")},
		{"shared strings CRC wrong", wrongCRC("xl/sharedStrings.xml"), damaged("xl/sharedStrings.xml")},
		{"styles CRC wrong", wrongCRC("xl/styles.xml"), damaged("xl/styles.xml")},
		{"stored and intact", stored, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Read(folderWithWorkbook(t, tt.data), Options{DefaultMap: testMap(t)})
			got := problemsOf(t, err).Error()
			if tt.want == "" {
				if err != nil {
					t.Errorf("got %q, want no problem", got)
				}
				return
			}
			if !strings.Contains(got, tt.want) {
				t.Errorf("got %q\nwant it to hold %q", got, tt.want)
			}
		})
	}
}

// withEmptyStrings adds n empty shared strings to a workbook.
func withEmptyStrings(t *testing.T, data []byte, n int) []byte {
	t.Helper()
	out, err := rewriteZip(data, "xl/sharedStrings.xml", func(s string) string {
		return strings.Replace(s, "</sst>", strings.Repeat("<si/>", n)+"</sst>", 1)
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// personaleWorkbook is the personale table of validFolder as a workbook.
func personaleWorkbook(t *testing.T) []byte {
	t.Helper()
	path := filepath.Join(t.TempDir(), "personale.xlsx")
	writeXLSX(t, path, xlsxSheet{"personale", [][]any{
		{"matricola", "qualifica", "fte", "mesi", "unita"},
		{"M1", "D", 1, 12, "Ragioneria"},
		{"M2", "C", 0.5, 6, "Anagrafe"},
	}})
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestSharedStringsBudget: the shared strings held in memory are bounded in
// count and bytes, over all the workbooks of a folder. An empty string
// costs its 16-byte header: a few bytes of XML each, the memory bomb of a
// small file with millions of <si/>.
func TestSharedStringsBudget(t *testing.T) {
	tempi, personale := tempiWorkbook(t), personaleWorkbook(t)
	tests := []struct {
		name      string
		tempi     []byte
		personale []byte // nil: personale.csv
		lim       Limits
		want      string // "" for no problem
	}{
		{"count", withEmptyStrings(t, tempi, 1000), nil, Limits{MaxSharedStrings: 500},
			"tempi.xlsx: il file .xlsx ha più di 500 testi condivisi (il limite): file anomalo o troppo grande"},
		{"bytes", withEmptyStrings(t, tempi, 1000), nil, Limits{MaxSharedStringsBytes: 10_000},
			"tempi.xlsx: i testi condivisi del file .xlsx occupano in memoria più di 10 KiB (il limite): file anomalo o troppo grande"},
		{"count over two workbooks", withEmptyStrings(t, tempi, 300), withEmptyStrings(t, personale, 300), Limits{MaxSharedStrings: 500},
			"tempi.xlsx: il file .xlsx ha più di 500 testi condivisi (il limite, contando quelli degli altri file .xlsx della cartella): file anomalo o troppo grande"},
		{"bytes over two workbooks", withEmptyStrings(t, tempi, 300), withEmptyStrings(t, personale, 300), Limits{MaxSharedStringsBytes: 8_000},
			"tempi.xlsx: i testi condivisi del file .xlsx occupano in memoria più di 8 KiB (il limite, contando quelli degli altri file .xlsx della cartella): file anomalo o troppo grande"},
		{"within the limits", withEmptyStrings(t, tempi, 300), withEmptyStrings(t, personale, 300), Limits{MaxSharedStrings: 700, MaxSharedStringsBytes: 12_000}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := folderWithWorkbook(t, tt.tempi)
			if tt.personale != nil {
				if err := os.Remove(filepath.Join(dir, "personale.csv")); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(dir, "personale.xlsx"), tt.personale, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			_, err := Read(dir, Options{DefaultMap: testMap(t), Limits: tt.lim})
			got := problemsOf(t, err).Error()
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("got %q, want no problem", got)
			case !strings.Contains(got, tt.want):
				t.Errorf("got %q\nwant it to hold %q", got, tt.want)
			}
		})
	}
}

// TestCellReferences: a cell whose reference repeats, goes back, is outside
// its row or the sheet is an error with the cell, as is a row that goes
// back; the last value never silently wins.
func TestCellReferences(t *testing.T) {
	const row2 = `<row r="2"><c r="A2" t="s"><v>3</v></c><c r="B2" t="s"><v>4</v></c><c r="C2"><v>60</v></c></row>`
	const row4 = `<row r="4"><c r="A4" t="s"><v>6</v></c><c r="B4" t="s"><v>7</v></c><c r="C4"><v>100</v></c></row>`
	at := `tempi.xlsx, foglio "tempi", `
	tests := []struct {
		name, old, new, want string
	}{
		{"cell twice", row2, `<row r="2"><c r="A2" t="s"><v>3</v></c><c r="B2" t="s"><v>4</v></c><c r="C2"><v>60</v></c><c r="C2"><v>70</v></c></row>`,
			at + "riga 2, colonna C: il file .xlsx è danneggiato: la cella C2 compare due volte"},
		{"cell backwards", row2, `<row r="2"><c r="A2" t="s"><v>3</v></c><c r="C2"><v>60</v></c><c r="B2" t="s"><v>4</v></c></row>`,
			at + "riga 2, colonna B: il file .xlsx è danneggiato: la cella B2 viene dopo la cella C2 (celle fuori ordine)"},
		{"row zero", row2, `<row r="2"><c r="A0" t="s"><v>3</v></c><c r="B2" t="s"><v>4</v></c><c r="C2"><v>60</v></c></row>`,
			at + "riga 2: il file .xlsx è danneggiato: riferimento di cella \"A0\" non valido"},
		{"cell of another row", row2, `<row r="2"><c r="A2" t="s"><v>3</v></c><c r="B99999" t="s"><v>4</v></c><c r="C2"><v>60</v></c></row>`,
			at + "riga 2, colonna B: il file .xlsx è danneggiato: la cella B99999 è dentro la riga 2"},
		{"beyond the sheet", row2, `<row r="2"><c r="A2" t="s"><v>3</v></c><c r="B1048577" t="s"><v>4</v></c><c r="C2"><v>60</v></c></row>`,
			at + "riga 2: il file .xlsx è danneggiato: riferimento di cella \"B1048577\" non valido"},
		{"row backwards", row4, `<row r="2"><c r="A2" t="s"><v>6</v></c><c r="B2" t="s"><v>7</v></c><c r="C2"><v>100</v></c></row>`,
			at + "riga 2: il file .xlsx è danneggiato: la riga 2 viene dopo la riga 3 (righe ripetute o fuori ordine)"},
		{"row twice", row4, `<row r="3"><c r="A3" t="s"><v>6</v></c><c r="B3" t="s"><v>7</v></c><c r="C3"><v>100</v></c></row>`,
			at + "riga 3: il file .xlsx è danneggiato: la riga 3 viene dopo la riga 3 (righe ripetute o fuori ordine)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data, err := rewriteZip(tempiWorkbook(t), "xl/worksheets/sheet1.xml", func(s string) string {
				if !strings.Contains(s, tt.old) {
					t.Fatalf("%q not in the sheet", tt.old)
				}
				return strings.Replace(s, tt.old, tt.new, 1)
			})
			if err != nil {
				t.Fatal(err)
			}
			_, err = Read(folderWithWorkbook(t, data), Options{DefaultMap: testMap(t)})
			got := problemsOf(t, err).Error()
			if !strings.Contains(got, tt.want) {
				t.Errorf("got %q\nwant it to hold %q", got, tt.want)
			}
		})
	}
}

// TestExponentDigits: a numeric cell in exponent form has the digit limit
// of numbers written as text; the values Excel writes read as typed.
func TestExponentDigits(t *testing.T) {
	tests := []struct {
		name, v1, v2, want string
	}{
		{"huge", "1e308", "40", `tempi.xlsx, foglio "tempi", riga 2, colonna C (percentuale): il valore numerico 1e308 ha troppe cifre (al massimo 30)`},
		{"tiny", "1e-308", "40", `tempi.xlsx, foglio "tempi", riga 2, colonna C (percentuale): il valore numerico 1e-308 ha troppe cifre (al massimo 30)`},
		{"Excel's forms", "5.99999999999999E+1", "4.0000000000000001E+1", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data, err := rewriteZip(tempiWorkbook(t), "xl/worksheets/sheet1.xml", func(s string) string {
				s = strings.Replace(s, "<v>60</v>", "<v>"+tt.v1+"</v>", 1)
				return strings.Replace(s, "<v>40</v>", "<v>"+tt.v2+"</v>", 1)
			})
			if err != nil {
				t.Fatal(err)
			}
			in, err := Read(folderWithWorkbook(t, data), Options{DefaultMap: testMap(t)})
			got := problemsOf(t, err).Error()
			if tt.want == "" {
				if err != nil {
					t.Fatalf("got %q, want no problem", got)
				}
				if b := in.People[0].Bookings; len(b) != 2 || b[0].Qty.String() != "59.9999999999999" || b[1].Qty.String() != "40" {
					t.Errorf("bookings %v, want 59.9999999999999 and 40", b)
				}
				return
			}
			if !strings.Contains(got, tt.want) {
				t.Errorf("got %q\nwant it to hold %q", got, tt.want)
			}
		})
	}
}

// hasControl reports whether s holds a control character other than a
// line break.
func hasControl(s string) bool {
	for _, r := range s {
		if r < 0x20 && r != '\n' || r >= 0x7f && r < 0xa0 {
			return true
		}
	}
	return false
}

// TestCSVControlCharacters: a control character in a CSV field is an error
// with the cell, never copied into the inputs nor printed raw.
func TestCSVControlCharacters(t *testing.T) {
	tests := []struct {
		name, file, old, new, want string
	}{
		{"NUL", "tempi.csv", "M1,A1.1.1,60", "M1\x00,A1.1.1,60",
			`tempi.csv, riga 2, colonna matricola: la cella contiene un carattere di controllo non ammesso (U+0000) in "M1\x00": ripulire il testo`},
		{"0x01", "tempi.csv", "M1,A1.1.1,60", "M1,A1.1.1\x01,60",
			`tempi.csv, riga 2, colonna codice: la cella contiene un carattere di controllo non ammesso (U+0001) in "A1.1.1\x01": ripulire il testo`},
		{"VT", "contabilita.csv", "Pulizie", "Puli\vzie",
			`contabilita.csv, riga 3, colonna descrizione: la cella contiene un carattere di controllo non ammesso (U+000B) in "Puli\vzie": ripulire il testo`},
		{"ESC quoted", "contabilita.csv", "Pulizie", "\"Puli\x1b[31mzie\"",
			`contabilita.csv, riga 3, colonna descrizione: la cella contiene un carattere di controllo non ammesso (U+001B) in "Puli\x1b[31mzie": ripulire il testo`},
		{"DEL", "contabilita.csv", "Pulizie", "Puli\x7fzie",
			`contabilita.csv, riga 3, colonna descrizione: la cella contiene un carattere di controllo non ammesso (U+007F) in "Puli\x7fzie": ripulire il testo`},
		{"C1", "contabilita.csv", "Pulizie", "Puli\u0085zie",
			`contabilita.csv, riga 3, colonna descrizione: la cella contiene un carattere di controllo non ammesso (U+0085) in "Puli\u0085zie": ripulire il testo`},
		{"ignored column", "volumi.csv", "codice,misura,quantita\nC1.1.1,pratiche evase,1500", "codice,misura,quantita,note\nC1.1.1,pratiche evase,1500,a\x00b",
			`volumi.csv, riga 2, colonna note: la cella contiene un carattere di controllo non ammesso (U+0000) in "a\x00b": ripulire il testo`},
		{"header", "volumi.csv", "codice,misura", "codice\x00,misura",
			`volumi.csv, riga 1, colonna A: la cella contiene un carattere di controllo non ammesso (U+0000) in "codice\x00": ripulire il testo`},
		{"tab and line breaks are text", "contabilita.csv", "Pulizie", "\"Puli\tzie\r\nuffici\"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := validFolder()
			if !strings.Contains(files[tt.file], tt.old) {
				t.Fatalf("%q not in %s", tt.old, tt.file)
			}
			files[tt.file] = strings.Replace(files[tt.file], tt.old, tt.new, 1)
			_, err := readFolder(t, files, Options{})
			got := problemsOf(t, err).Error()
			if hasControl(got) {
				t.Errorf("a message holds a raw control character: %q", got)
			}
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("got %q, want no problem", got)
			case !strings.Contains(got, tt.want):
				t.Errorf("got %q\nwant it to hold %q", got, tt.want)
			}
		})
	}
}
