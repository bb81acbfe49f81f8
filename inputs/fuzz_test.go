package inputs

import (
	"errors"
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
