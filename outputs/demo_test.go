package outputs

import (
	"bytes"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"camcost/costing"
	"camcost/indicators"
	"camcost/inputs"
	"camcost/inputs/generate"
	"camcost/seeds"
)

var demoOut = flag.String("demo-out", "", "write the demo's workbooks and their PDFs into this folder, to look at them")

// demoResult costs the embedded demo run folder (150 people, the full
// map) as camcost run does.
func demoResult(t *testing.T) *costing.Result {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "demo")
	if err := os.CopyFS(dir, generate.Demo()); err != nil {
		t.Fatal(err)
	}
	m, err := seeds.Map()
	if err != nil {
		t.Fatal(err)
	}
	in, err := inputs.Read(dir, inputs.Options{DefaultMap: m})
	if err != nil {
		t.Fatal(err)
	}
	res, err := costing.Compute(in)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// TestDemoWorkbooks renders the demo chamber: every workbook reads back,
// writes the same bytes twice, shows no matricola, reconciles, and
// converts to PDF with LibreOffice. With -demo-out the workbooks and PDFs
// are kept for a look.
func TestDemoWorkbooks(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Fatalf("LibreOffice is required by this test and soffice is not on PATH (%v): install it with make deps (.ci/install-deps)", err)
	}
	res := demoResult(t)
	info := NewRunInfo(res, "demo")
	out := *demoOut
	if out == "" {
		out = t.TempDir()
	} else if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, wb := range workbooks {
		var data []byte
		for range 2 {
			var b bytes.Buffer
			if err := wb.write(&b, res, info); err != nil {
				t.Fatal(err)
			}
			if data != nil && !bytes.Equal(data, b.Bytes()) {
				t.Errorf("%s: two writes of the demo differ", wb.file)
			}
			data = b.Bytes()
		}
		book := openBook(t, data)
		for _, sheet := range book.f.GetSheetList() {
			for _, row := range book.cells(sheet) {
				for _, c := range row {
					for _, p := range res.Inputs.People {
						if strings.Contains(c.value, string(p.Matricola)) {
							t.Fatalf("%s %s!%s shows matricola %s", wb.file, sheet, c.ref, p.Matricola)
						}
					}
				}
			}
		}
		switch wb.file {
		case CostiWorkbook:
			if got := book.value(SheetQuadratura, "A3"); !strings.HasPrefix(got, "QUADRATO") {
				t.Errorf("demo Quadratura: %q", got)
			}
			rows := book.cells(SheetProcessi)
			last := firstData + res.Map.Len() - 1
			if rows[last] == nil || rows[last+1] != nil {
				t.Errorf("demo Processi does not end at row %d with the %d nodes of the map", last, res.Map.Len())
			}
		case IndicWorkbook:
			for _, ind := range indicators.Indicators(res) {
				if ind.Scope.IsBody() && !ind.Available {
					t.Errorf("demo: %s not computed: %s", ind.Name, ind.Reason)
				}
			}
		}
		path := filepath.Join(out, wb.file)
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, wb := range workbooks {
		t.Run(wb.file, func(t *testing.T) {
			t.Parallel()
			convertToPDF(t, soffice, filepath.Join(out, wb.file), out)
		})
	}
}
