package inputs

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"

	"camcost/model"
)

// readMapFS reads a folder held in memory, failing on anything but
// success or model.Problems.
func readMapFS(t *testing.T, files map[string][]byte) {
	fsys := fstest.MapFS{}
	for name, data := range files {
		fsys[name] = &fstest.MapFile{Data: data}
	}
	in, err := readFS(fsys, Options{DefaultMap: fuzzMap, Limits: Limits{MaxCellBytes: 1 << 16, MaxUnzipBytes: 64 << 20}})
	var ps model.Problems
	switch {
	case err == nil:
		if in == nil {
			t.Fatal("no inputs and no error")
		}
	case !errors.As(err, &ps):
		t.Fatalf("error %T %v is not model.Problems", err, err)
	case len(ps) == 0:
		t.Fatal("empty problems")
	}
}

var fuzzMap = func() *model.Map {
	m, err := model.NewMap(testNodes)
	if err != nil {
		panic(err)
	}
	return m
}()

// FuzzReadCSV replaces one table of a valid folder with fuzzed bytes: Read
// never panics and reports bad data as problems.
func FuzzReadCSV(f *testing.F) {
	names := []string{"personale.csv", "retribuzioni.csv", "tempi.csv", "contabilita.csv", "driver.csv", "volumi.csv", "contesto.csv", "camcost.toml"}
	for i, name := range names[:7] {
		f.Add(uint8(i), []byte(validFolder()[name]))
		f.Add(uint8(i), []byte(italianFolder()[name]))
	}
	f.Add(uint8(2), []byte("\xef\xbb\xbfmatricola;codice;ore\r\nM1;\"A1.1.1\";1.234,5\r\n\"M2\";C1.1.1;\"7\"\"\"\n"))
	f.Add(uint8(7), []byte("metodo = \"scalare\"\n[driver_supporto]\nB2 = \"mq\"\n"))
	f.Fuzz(func(t *testing.T, which uint8, data []byte) {
		files := map[string][]byte{}
		for name, content := range validFolder() {
			files[name] = []byte(content)
		}
		files[names[int(which)%len(names)]] = data
		readMapFS(t, files)
	})
}

// FuzzReadXLSX reads fuzzed bytes as the workbook holding tempi.
func FuzzReadXLSX(f *testing.F) {
	dir := f.TempDir()
	path := filepath.Join(dir, "tempi.xlsx")
	writeXLSX(f, path, xlsxSheet{"tempi", [][]any{
		{"matricola", "codice", "percentuale"},
		{"M1", "A1.1.1", 60},
		{"M1", "C1.1.1.1", "40"},
		{"M2", "C1.1.1", 100.0},
	}})
	valid, err := os.ReadFile(path)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(valid)
	f.Add(valid[:len(valid)-100])
	f.Add(append(append([]byte{}, oleMagic...), utf16le("EncryptedPackage")...))
	f.Fuzz(func(t *testing.T, data []byte) {
		files := map[string][]byte{"tempi.xlsx": data}
		for name, content := range validFolder() {
			if name != "tempi.csv" {
				files[name] = []byte(content)
			}
		}
		readMapFS(t, files)
	})
}

// FuzzReadXLSXSheet puts fuzzed XML in the worksheet part of a valid
// workbook, where a zip-level fuzzer rarely reaches.
func FuzzReadXLSXSheet(f *testing.F) {
	dir := f.TempDir()
	path := filepath.Join(dir, "tempi.xlsx")
	writeXLSX(f, path, xlsxSheet{"tempi", [][]any{{"matricola", "codice", "ore"}, {"M1", "A1.1.1", 1}, {"M2", "C1.1.1", 2}}})
	valid, err := os.ReadFile(path)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(sheetHead + `<row r="1"><c r="A1" t="inlineStr"><is><t>matricola</t></is></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="inlineStr"><is><t>ore</t></is></c></row>` +
		`<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" t="s"><v>3</v></c><c r="C2"><v>1.5</v></c></row>` + sheetTail)
	f.Fuzz(func(t *testing.T, sheet string) {
		data, err := rewriteZip(valid, "xl/worksheets/sheet1.xml", func(string) string { return sheet })
		if err != nil {
			t.Fatal(err)
		}
		files := map[string][]byte{"tempi.xlsx": data}
		for name, content := range validFolder() {
			if name != "tempi.csv" {
				files[name] = []byte(content)
			}
		}
		readMapFS(t, files)
	})
}

// fuzzTables are the CSV files of validFolder, one of which a fuzzed
// workbook replaces.
var fuzzTables = []string{"personale.csv", "retribuzioni.csv", "tempi.csv", "contabilita.csv", "driver.csv", "volumi.csv", "contesto.csv"}

// encodeParts writes the parts of a zip archive for FuzzReadXLSXParts: a
// byte of flags, then each part's name and content, each ended by NUL.
// Part names and XML hold no NUL, so that mutations keep the form.
func encodeParts(t testing.TB, flags byte, data []byte) []byte {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	out := []byte{flags}
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
		out = append(append(append(out, f.Name...), 0), b...)
		out = append(out, 0)
	}
	return out
}

// decodeParts builds the zip archive encodeParts describes: parts stored
// or deflated (flag bit 0), with right CRCs, so that fuzzing reaches the
// XML of every part of the workbook.
func decodeParts(data []byte) (zipData []byte, table string, err error) {
	if len(data) == 0 {
		return nil, "", nil
	}
	flags := data[0]
	fields := bytes.Split(data[1:], []byte{0})
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i := 0; i+1 < len(fields); i += 2 {
		method := zip.Store
		if flags&1 != 0 {
			method = zip.Deflate
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: string(fields[i]), Method: method})
		if err != nil {
			return nil, "", err
		}
		if _, err := w.Write(fields[i+1]); err != nil {
			return nil, "", err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, "", err
	}
	return buf.Bytes(), fuzzTables[int(flags>>1)%len(fuzzTables)], nil
}

// FuzzReadXLSXParts fuzzes the parts of a workbook (relationships,
// workbook, styles, shared strings, sheets) and zips them with the right
// CRCs, in place of one table of a valid folder: reading the whole archive
// never panics and reports bad data as model.Problems. The seeds are valid
// workbooks with shared strings, dates, merged and hidden cells, formulas
// and hidden sheets.
func FuzzReadXLSXParts(f *testing.F) {
	dir := f.TempDir()
	seed := func(flags byte, path string) {
		data, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(encodeParts(f, flags, data))
		f.Add(encodeParts(f, flags|1, data))
	}
	tempi := filepath.Join(dir, "tempi.xlsx")
	writeXLSX(f, tempi, xlsxSheet{"tempi", [][]any{
		{"matricola", "codice", "percentuale"},
		{"M1", "A1.1.1", 60},
		{"M1", "C1.1.1.1", "40"},
		{"M2", "C1.1.1", 100.0},
	}})
	seed(2<<1, tempi)
	rows := contabilitaRows()
	rows[2][3] = 45728
	contabilita := filepath.Join(dir, "contabilita.xlsx")
	testBook{sheet: "contabilita", rows: rows, formats: map[string]any{"D3": "dd/mm/yyyy", "D4": 22}, merge: []string{"E1:F1"},
		hidden: []int{4}, formulas: map[string]string{"D5": "SUM(D2:D4)"}, hide: true}.write(f, contabilita)
	seed(3<<1, contabilita)
	personale := filepath.Join(dir, "personale.xlsx")
	testBook{sheet: "personale", rows: [][]any{
		{"matricola", "qualifica", "fte", "mesi", "unita"},
		{"M1", "D", 1, 12, "Ragioneria"},
		{"M2", "C", 0.5, 6, "Anagrafe"},
	}, date1904: true}.write(f, personale)
	seed(0, personale)
	f.Fuzz(func(t *testing.T, data []byte) {
		zipData, table, err := decodeParts(data)
		if err != nil || zipData == nil {
			return // not an archive zip.Writer makes
		}
		files := map[string][]byte{"dati.xlsx": zipData}
		for name, content := range validFolder() {
			if name != table {
				files[name] = []byte(content)
			}
		}
		readMapFS(t, files)
	})
}
