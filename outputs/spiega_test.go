package outputs

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"camcost/costing"
	"camcost/explain"
	"camcost/internal/fixture"
	"camcost/model"
)

// fixtureBody writes the outputs of the fixture into a folder, two of its
// ledger lines described with text a spreadsheet would run as a formula.
func fixtureBody(t *testing.T) (string, *costing.Result) {
	t.Helper()
	in := fixture.Inputs(t)
	in.Ledger[6].Descrizione = "=HYPERLINK(\"http://x\",\"spese\")"
	in.Ledger[7].Descrizione = "-utenze, sede"
	res, err := costing.Compute(in)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if _, err := WriteBody(dir, res, fixtureInfo(res)); err != nil {
		t.Fatal(err)
	}
	return dir, res
}

// trace.csv read back gives the steps of the run, with the ledger line's
// conto and descrizione exactly as they were.
func TestScanTraceRoundTrip(t *testing.T) {
	dir, res := fixtureBody(t)
	raw, err := os.ReadFile(filepath.Join(dir, TraceFile))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(raw, []byte(`,"'=HYPERLINK(""http://x"",""spese"")"`)) || !bytes.Contains(raw, []byte(`,"'-utenze, sede"`)) {
		t.Error("trace.csv does not guard the descrizione fields")
	}
	var got []explain.Step
	err = ScanTrace(bytes.NewReader(raw), func(string, string) bool { return true }, func(s explain.Step) { got = append(got, s) })
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != res.NumSteps() {
		t.Fatalf("got %d steps, want %d", len(got), res.NumSteps())
	}
	i := -1
	for s := range res.Steps() {
		i++
		g := got[i]
		want := explain.Step{Stage: int(s.Stage), Source: SourceLabel(res, s), Target: s.Target, Driver: s.Driver, HasKey: s.HasKey,
			Voce: s.Voce, Figure: s.Figure.String()}
		if s.Source.Line >= 0 {
			l := res.Inputs.Ledger[s.Source.Line]
			want.Conto, want.Descrizione = l.Conto, l.Descrizione
		}
		if g.Stage != want.Stage || g.Source != want.Source || g.Target != want.Target || g.Driver != want.Driver ||
			g.HasKey != want.HasKey || g.Voce != want.Voce || g.Figure != want.Figure || g.Conto != want.Conto ||
			g.Descrizione != want.Descrizione || !g.Amount.Equal(s.Amount) || (s.HasKey && (!g.Key.Equal(s.Key) || !g.Share.Equal(s.Share))) {
			t.Fatalf("row %d: got %+v, want %+v (amount %s)", i+2, g, want, s.Amount)
		}
	}
}

func TestScanTraceRejects(t *testing.T) {
	head := strings.Join(TraceHeader, ",") + "\n"
	tests := []struct{ name, in, want string }{
		{"not a trace", "a,b,c\n", "l'intestazione non è quella di trace.csv"},
		{"bad amount", head + "1,x.csv:2,A,fte,1,1,dodici,personale,direct,1,\n", "trace.csv, riga 2: colonna amount"},
		{"bad voce", head + "1,x.csv:2,A,fte,1,1,12,stipendi,direct,1,\n", "trace.csv, riga 2: colonna voce"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := ScanTrace(strings.NewReader(tt.in), func(string, string) bool { return true }, func(explain.Step) {})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v, want %q", err, tt.want)
			}
		})
	}
	// An older trace.csv, without descrizione, is read all the same.
	old := "stage,source,target,driver,key,share,amount,voce,figure,conto\n1,x.csv:2,A,fte,1,1,12,personale,direct,321000\n"
	var n int
	if err := ScanTrace(strings.NewReader(old), func(string, string) bool { return true }, func(explain.Step) { n++ }); err != nil || n != 1 {
		t.Errorf("old trace: %d rows, %v", n, err)
	}
}

// costs.csv read back gives the map and the figures of the run.
func TestReadCosts(t *testing.T) {
	dir, res := fixtureBody(t)
	f, err := os.Open(filepath.Join(dir, CostsFile))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	m, figs, err := ReadCosts(f)
	if err != nil {
		t.Fatal(err)
	}
	if m.Len() != res.Map.Len() {
		t.Fatalf("got %d nodes, want %d", m.Len(), res.Map.Len())
	}
	for i, n := range res.Map.Nodes() {
		if got := m.At(i); got != n {
			t.Errorf("node %d: got %+v, want %+v", i, got, n)
		}
		want := res.Nodes[i]
		got := figs[n.Code]
		if !got.Full.Equal(costing.Total(want.Full)) || !got.Direct.Equal(costing.Total(want.Direct)) ||
			!got.ToOthers.Equal(costing.Total(want.ToOthers)) || !got.FTE.Equal(want.FTE) {
			t.Errorf("%s: got %+v", n.Code, got)
		}
	}
}

// explainFixture explains a node of the fixture folder as camcost spiega
// does.
func explainFixture(t *testing.T, dir string, code model.Code) *explain.Explanation {
	t.Helper()
	src, err := OpenExplainSource(dir)
	if err != nil {
		t.Fatal(err)
	}
	b, err := explain.New(src.Map, code, explain.Options{Lines: 2})
	if err != nil {
		t.Fatal(err)
	}
	if err := src.ScanTrace(b.Wants, b.Add); err != nil {
		t.Fatal(err)
	}
	e, err := b.Explain(src.Figures[code])
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// The CSV of an explanation: the header, one line per row, amounts that
// add up to the node's full, text fields guarded like costs.csv's.
func TestExplanationCSV(t *testing.T) {
	dir, res := fixtureBody(t)
	for _, code := range []model.Code{"C", "C1.1.1", "B2.1.1", "D2.1.1.1"} {
		e := explainFixture(t, dir, code)
		var buf bytes.Buffer
		if err := WriteExplanationCSV(&buf, e); err != nil {
			t.Fatal(err)
		}
		recs, err := csv.NewReader(&buf).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(recs[0], ","); got != "stage,source,description,amount" {
			t.Errorf("header %q", got)
		}
		var sum decimal.Decimal
		for _, r := range recs[1:] {
			sum = sum.Add(decimal.RequireFromString(r[3]))
			if strings.HasPrefix(r[2], "=") || strings.HasPrefix(r[2], "-") {
				t.Errorf("%s: description %q would run as a formula", code, r[2])
			}
		}
		f, _ := res.Figures(code)
		if want := costing.Total(f.Full); !sum.Equal(want) {
			t.Errorf("%s: CSV amounts sum to %s, full is %s", code, sum, want)
		}
		if len(recs)-1 != len(e.Rows()) {
			t.Errorf("%s: %d CSV rows for %d rows", code, len(recs)-1, len(e.Rows()))
		}
	}
}

// The workbook holds the figures and every row as numbers; two writes give
// the same bytes.
func TestExplanationWorkbook(t *testing.T) {
	dir, res := fixtureBody(t)
	e := explainFixture(t, dir, "C1.1.1")
	info := fixtureInfo(res)
	var a, b bytes.Buffer
	if err := WriteExplanationWorkbook(&a, e, info, "diretto"); err != nil {
		t.Fatal(err)
	}
	if err := WriteExplanationWorkbook(&b, e, info, "diretto"); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two writes of the workbook differ")
	}
	f, err := excelize.OpenReader(&a)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); len(got) != 1 || got[0] != SheetSpiegazione {
		t.Fatalf("sheets %q", got)
	}
	rows, err := f.GetRows(SheetSpiegazione, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(rows[0][0], "Come si forma il costo pieno di C1.1.1 «Iscrizioni e depositi»") {
		t.Errorf("title %q", rows[0][0])
	}
	// Rows with a stage in column A are the rows of the explanation.
	var n int
	var sum float64
	for _, r := range rows {
		if len(r) >= 4 && len(r[0]) == 1 && r[0] >= "1" && r[0] <= "5" {
			n++
			v, err := decimal.NewFromString(r[3])
			if err != nil {
				t.Fatalf("row %q: amount %q is not a number", r, r[3])
			}
			sum += v.InexactFloat64()
		}
	}
	full, _ := res.Figures("C1.1.1")
	if n != len(e.Rows()) || sum-costing.Total(full.Full).InexactFloat64() > 0.005 {
		t.Errorf("%d rows summing to %.2f, want %d rows and %s", n, sum, len(e.Rows()), costing.Total(full.Full))
	}
}

// A folder whose files do not hash as its manifest records is refused,
// and so is a folder that is not a body's output.
func TestOpenExplainSourceRefuses(t *testing.T) {
	tamper := func(name string) func(t *testing.T, dir string) {
		return func(t *testing.T, dir string) {
			p := filepath.Join(dir, name)
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			b = bytes.Replace(b, []byte("0"), []byte("1"), 1)
			if err := os.WriteFile(p, b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	tests := []struct {
		name   string
		change func(t *testing.T, dir string)
		want   string
	}{
		{"costs.csv changed", tamper(CostsFile), "costs.csv: è stato modificato dopo il calcolo"},
		{"trace.csv changed", tamper(TraceFile), "trace.csv: è stato modificato dopo il calcolo"},
		{"workbook removed", func(t *testing.T, dir string) { os.Remove(filepath.Join(dir, CostiWorkbook)) }, CostiWorkbook + ": manca"},
		{"no manifest", func(t *testing.T, dir string) { os.Remove(filepath.Join(dir, ManifestFile)) }, "non contiene manifest.json"},
		{"multi-body", func(t *testing.T, dir string) {
			m, _ := ReadManifest(dir)
			m.Bodies = []Body{{Name: "01-cuneo"}}
			b, _ := MarshalManifest(m)
			os.WriteFile(filepath.Join(dir, ManifestFile), b, 0o644)
		}, "è la cartella di un calcolo di più enti"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir, _ := fixtureBody(t)
			tt.change(t, dir)
			src, err := OpenExplainSource(dir)
			if err == nil {
				err = src.ScanTrace(func(string, string) bool { return true }, func(explain.Step) {})
			}
			var refused *RefusedError
			if !errors.As(err, &refused) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v, want a refusal with %q", err, tt.want)
			}
		})
	}
}

// The explanation workbook opens in LibreOffice.
func TestExplanationWorkbookOpensInLibreOffice(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Fatalf("LibreOffice is required by this test and soffice is not on PATH (%v): install it with make deps (.ci/install-deps)", err)
	}
	dir, res := fixtureBody(t)
	e := explainFixture(t, dir, "B1.1.1")
	in := filepath.Join(t.TempDir(), "spiegazione.xlsx")
	err = WriteFileAtomic(in, func(w io.Writer) error { return WriteExplanationWorkbook(w, e, fixtureInfo(res), "diretto") })
	if err != nil {
		t.Fatal(err)
	}
	convertToPDF(t, soffice, in, filepath.Dir(in))
}
