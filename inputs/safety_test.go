package inputs

import (
	"archive/zip"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// folderWithWorkbook is validFolder with tempi moved into tempi.xlsx,
// whose bytes are data.
func folderWithWorkbook(t *testing.T, data []byte) string {
	t.Helper()
	f := validFolder()
	delete(f, "tempi.csv")
	dir := writeFolder(t, f)
	if err := os.WriteFile(filepath.Join(dir, "tempi.xlsx"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// tempiWorkbook is a valid tempi.xlsx.
func tempiWorkbook(t *testing.T) []byte {
	t.Helper()
	path := filepath.Join(t.TempDir(), "tempi.xlsx")
	writeXLSX(t, path, xlsxSheet{"tempi", [][]any{
		{"matricola", "codice", "percentuale"},
		{"M1", "A1.1.1", 60},
		{"M1", "C1.1.1.1", 40},
		{"M2", "C1.1.1", 100},
	}})
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func utf16le(s string) []byte {
	var b []byte
	for i := 0; i < len(s); i++ {
		b = append(b, s[i], 0)
	}
	return b
}

func TestUnreadableWorkbooks(t *testing.T) {
	ole := func(stream string) []byte {
		b := append([]byte{}, oleMagic...)
		b = append(b, make([]byte, 504)...)
		return append(b, utf16le(stream)...)
	}
	valid := tempiWorkbook(t)
	badXML, err := rewriteZip(valid, "xl/worksheets/sheet1.xml", func(s string) string {
		return strings.Replace(s, "<sheetData>", "<sheetData><<", 1)
	})
	if err != nil {
		t.Fatal(err)
	}
	noWorkbook, err := rewriteZip(valid, "[Content_Types].xml", func(s string) string { return s })
	if err != nil {
		t.Fatal(err)
	}
	noWorkbook = bytes.Replace(noWorkbook, []byte("xl/workbook.xml"), []byte("xl/workbook.xmx"), -1)
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"encrypted", ole("EncryptedPackage"), "tempi.xlsx: il file è protetto da password (cifrato): aprirlo in Excel e salvarlo senza password (File > Informazioni > Proteggi cartella di lavoro)"},
		{"xls renamed", ole("Workbook"), "tempi.xlsx: il file è nel vecchio formato Excel 97-2003 (.xls) anche se si chiama .xlsx: salvarlo come cartella di lavoro Excel (.xlsx)"},
		{"other OLE", ole("Contents"), "tempi.xlsx: il file non è un .xlsx: è protetto da password (cifrato) o nel vecchio formato .xls; salvarlo come .xlsx senza password"},
		{"not a zip", []byte("matricola,codice\n"), "tempi.xlsx: il file non è un .xlsx valido (non è un archivio zip): è danneggiato o di un altro formato"},
		{"truncated", valid[:len(valid)/2], "tempi.xlsx: il file .xlsx è danneggiato (archivio zip non leggibile): riaprirlo e salvarlo di nuovo da Excel"},
		{"bad xml", badXML, "tempi.xlsx, foglio \"tempi\": il file .xlsx è danneggiato (XML non valido nella parte xl/worksheets/sheet1.xml, riga 2)"},
		{"missing part", noWorkbook, "tempi.xlsx: il file .xlsx è incompleto: manca la parte xl/workbook.xml"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Read(folderWithWorkbook(t, tt.data), Options{DefaultMap: testMap(t)})
			ps := problemsOf(t, err)
			var got []string
			for _, p := range ps {
				got = append(got, p.Error())
			}
			// The workbook's own problem, then tempi is missing when the
			// workbook could not be listed.
			if len(got) == 0 || got[len(got)-1] != tt.want {
				t.Errorf("problems %q, want last %q", got, tt.want)
			}
		})
	}
}

func TestZipBomb(t *testing.T) {
	// A sheet that inflates to 8 MiB of rows from a few KiB.
	big := strings.Repeat(`<row><c t="inlineStr"><is><t>M1</t></is></c></row>`, 8<<20/52)
	data, err := rewriteZip(tempiWorkbook(t), "xl/worksheets/sheet1.xml", func(s string) string {
		return strings.Replace(s, "</sheetData>", big+"</sheetData>", 1)
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(data) > 200<<10 {
		t.Fatalf("test workbook is %d bytes, want a small file that inflates", len(data))
	}
	_, err = Read(folderWithWorkbook(t, data), Options{DefaultMap: testMap(t), Limits: Limits{MaxUnzipBytes: 4 << 20}})
	got := problemsOf(t, err).Error()
	want := "tempi.xlsx: la parte xl/worksheets/sheet1.xml del file .xlsx, decompressa, supera il limite di 4 MiB: file anomalo (possibile \"zip bomb\") o troppo grande"
	if !strings.Contains(got, want) {
		t.Errorf("got %q, want it to hold %q", got, want)
	}
}

func TestOversizedInputs(t *testing.T) {
	tests := []struct {
		name  string
		limit Limits
		want  string
	}{
		{"csv file", Limits{MaxFileBytes: 60}, "contabilita.csv: il file è troppo grande (239 byte, limite 60 byte)"},
		{"csv line", Limits{MaxCellBytes: 40}, "contabilita.csv, riga 1: riga lunga più di 40 byte: il file non sembra un CSV di dati"},
		{"workbook", Limits{MaxWorkbookBytes: 1000}, "tempi.xlsx: il file è troppo grande ("},
		{"columns", Limits{MaxColumns: 5}, "contabilita.csv, riga 1: la riga ha 6 colonne, oltre il limite di 5"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Read(folderWithWorkbook(t, tempiWorkbook(t)), Options{DefaultMap: testMap(t), Limits: tt.limit})
			got := problemsOf(t, err).Error()
			if !strings.Contains(got, tt.want) {
				t.Errorf("got %q, want it to hold %q", got, tt.want)
			}
		})
	}
}

func TestWorkbookColumnLimit(t *testing.T) {
	_, err := Read(folderWithWorkbook(t, tempiWorkbook(t)), Options{DefaultMap: testMap(t), Limits: Limits{MaxColumns: 2}})
	got := problemsOf(t, err).Error()
	want := "tempi.xlsx, foglio \"tempi\", riga 1: la riga ha celle oltre la colonna 2, il limite"
	if !strings.Contains(got, want) {
		t.Errorf("got %q, want it to hold %q", got, want)
	}
}

func TestTableInCSVAndWorkbook(t *testing.T) {
	dir := writeFolder(t, validFolder())
	writeXLSX(t, filepath.Join(dir, "dati.xlsx"), xlsxSheet{"Personale ", [][]any{{"matricola", "qualifica"}, {"M1", "D"}}})
	_, err := Read(dir, Options{DefaultMap: testMap(t)})
	got := problemsOf(t, err).Error()
	want := "personale.csv: tabella personale presente due volte: in dati.xlsx, foglio \"Personale \" e in personale.csv; tenerne una sola"
	if got != want {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

func TestTooManyParts(t *testing.T) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i := range maxParts + 1 {
		if _, err := zw.Create(fmt.Sprintf("p%d", i)); err != nil {
			t.Fatal(err)
		}
	}
	zw.Close()
	_, err := Read(folderWithWorkbook(t, buf.Bytes()), Options{DefaultMap: testMap(t)})
	got := problemsOf(t, err).Error()
	if want := "tempi.xlsx: il file .xlsx ha 10001 parti, oltre il limite di 10000: file anomalo"; !strings.Contains(got, want) {
		t.Errorf("got %q, want it to hold %q", got, want)
	}
}
