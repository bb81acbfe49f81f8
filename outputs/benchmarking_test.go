package outputs

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"camcost/costing"
	"camcost/indicators"
	"camcost/inputs"
	"camcost/inputs/generate"
	"camcost/internal/fixture"
	"camcost/model"
	"camcost/seeds"
)

var benchOut = flag.String("bench-out", "", "write benchmarking workbooks of generated bodies and their PDFs into this folder, to look at them")

// generatedBodies generates a multi-body run folder of n bodies and
// people in all, costs each body as camcost run does and summarizes it.
// edit, when not nil, may change a body's contesto before it is costed.
func generatedBodies(t testing.TB, n, people int, seed uint64, edit func(name string, in *model.Inputs)) []indicators.BodySummary {
	t.Helper()
	m, err := seeds.Map()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := generate.Generate(dir, m, generate.Config{People: people, Bodies: n, Seed: seed, Format: generate.CSV}); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	out := make([]indicators.BodySummary, len(entries))
	errs := make([]error, len(entries))
	var wg sync.WaitGroup
	for k, e := range entries {
		wg.Go(func() {
			in, err := inputs.Read(filepath.Join(dir, e.Name()), inputs.Options{DefaultMap: m})
			if err != nil {
				errs[k] = err
				return
			}
			if edit != nil {
				edit(e.Name(), in)
			}
			res, err := costing.Compute(in)
			if err != nil {
				errs[k] = err
				return
			}
			out[k] = indicators.Summarize(res, NewRunInfo(res, e.Name()).Run(e.Name()))
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	return out
}

// goldenBodies are four generated bodies: two keep the cluster of their
// contesto, one has none and is classed by its imprese attive, one has
// neither and is not classified (its indicators per impresa cannot be
// computed).
func goldenBodies(t testing.TB) []indicators.BodySummary {
	return generatedBodies(t, 4, 480, 11, func(name string, in *model.Inputs) {
		switch {
		case strings.HasPrefix(name, "03-"):
			in.Context.Cluster = ""
		case strings.HasPrefix(name, "04-"):
			in.Context.Cluster, in.Context.ImpreseAttive = "", model.Count{}
		}
	})
}

func writeBench(t testing.TB, bodies []indicators.BodySummary) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := WriteBenchmarkWorkbook(&b, bodies); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestBenchmarkWorkbookGolden compares the text dump of the benchmarking
// workbook of four generated bodies with testdata.
func TestBenchmarkWorkbookGolden(t *testing.T) {
	bodies := goldenBodies(t)
	golden(t, "benchmarking.golden.txt", openBook(t, writeBench(t, bodies)).dump())
}

// TestBenchmarkWorkbookByteIdentical writes the workbook ten times, with
// the bodies in different orders: the bytes must not change.
func TestBenchmarkWorkbookByteIdentical(t *testing.T) {
	bodies := goldenBodies(t)
	first := writeBench(t, bodies)
	for i := range 9 {
		again := slices.Clone(bodies)
		// Rotate: the workbook sorts the bodies by name itself.
		again = append(again[i%len(again):], again[:i%len(again)]...)
		if got := writeBench(t, again); !bytes.Equal(first, got) {
			t.Fatalf("write %d (bodies rotated by %d) differs from the first", i+2, i%len(again))
		}
	}
}

// TestBenchmarkWorkbookOpensInLibreOffice converts the workbook of the four
// bodies to PDF; with -bench-out it also writes that of twelve generated
// bodies, as a national run would, and keeps both with their PDFs.
func TestBenchmarkWorkbookOpensInLibreOffice(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Fatalf("LibreOffice is required by this test and soffice is not on PATH (%v): install it with make deps (.ci/install-deps)", err)
	}
	out := *benchOut
	if out == "" {
		out = t.TempDir()
	} else if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	books := map[string][]indicators.BodySummary{"benchmarking-4.xlsx": goldenBodies(t)}
	if *benchOut != "" {
		books["benchmarking-12.xlsx"] = generatedBodies(t, 12, 2400, 7, nil)
	}
	for name, bodies := range books {
		path := filepath.Join(out, name)
		if err := os.WriteFile(path, writeBench(t, bodies), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			convertToPDF(t, soffice, path, out)
		})
	}
}

// indicatorOf finds an indicator of a summary by key and scope code.
func indicatorOf(b indicators.BodySummary, key string, code model.Code) (indicators.Indicator, bool) {
	for _, ind := range b.Indicators {
		if ind.Key == key && ind.Scope.Code == code {
			return ind, true
		}
	}
	return indicators.Indicator{}, false
}

// numberAt reads a numeric cell of a sheet.
func numberAt(t *testing.T, b *book, sheet, ref string) (float64, bool) {
	t.Helper()
	typ, err := b.f.GetCellType(sheet, ref)
	if err != nil {
		t.Fatal(err)
	}
	v := b.value(sheet, ref)
	if v == "" || typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
		return 0, false
	}
	x, err := strconv.ParseFloat(v, 64)
	return x, err == nil
}

// TestBenchmarkFigures recomputes, independently of the workbook's code,
// what the sheets of an indicator and of a processo show for every body:
// its value, its cluster's bodies, median and rank, and the overall
// median and rank.
func TestBenchmarkFigures(t *testing.T) {
	bodies := goldenBodies(t)
	slices.SortFunc(bodies, func(a, b indicators.BodySummary) int { return strings.Compare(a.Name, b.Name) })
	b := openBook(t, writeBench(t, bodies))
	check := func(sheet, key string, code model.Code, valueCol int) {
		t.Helper()
		values := make([]*decimal.Decimal, len(bodies))
		for i, body := range bodies {
			if ind, ok := indicatorOf(body, key, code); ok && ind.Available {
				values[i] = &ind.Value
			}
		}
		// stats of the bodies whose cluster passes in: median and the
		// rank of value v.
		stats := func(in func(j int) bool, v decimal.Decimal) (n int, median decimal.Decimal, rank int) {
			var vs []decimal.Decimal
			rank = 1
			for j := range bodies {
				if in(j) && values[j] != nil {
					vs = append(vs, *values[j])
					if values[j].LessThan(v) {
						rank++
					}
				}
			}
			slices.SortFunc(vs, decimal.Decimal.Cmp)
			if len(vs) > 0 {
				median = vs[(len(vs)-1)/2]
				if len(vs)%2 == 0 {
					median = median.Add(vs[len(vs)/2]).Div(decimal.NewFromInt(2))
				}
			}
			return len(vs), median, rank
		}
		near := func(got float64, want decimal.Decimal) bool {
			return decimal.NewFromFloat(got).Sub(want).Abs().LessThan(fixture.Dec("0.000001"))
		}
		for i, body := range bodies {
			row := compFirst + i
			if got := b.value(sheet, cell(1, row)); got != body.Ente {
				t.Fatalf("%s row %d is %q, want %q", sheet, row, got, body.Ente)
			}
			if values[i] == nil {
				if got := b.value(sheet, cell(valueCol, row)); !strings.HasPrefix(got, "non calcolabile: ") {
					t.Errorf("%s %s: value %q, want the reason it cannot be computed", sheet, body.Name, got)
				}
				continue
			}
			v := *values[i]
			if got, ok := numberAt(t, b, sheet, cell(valueCol, row)); !ok || !near(got, v) {
				t.Errorf("%s %s: value %v, want %s", sheet, body.Name, got, v)
			}
			_, median, rank := stats(func(int) bool { return true }, v)
			if got, _ := numberAt(t, b, sheet, cell(valueCol+8, row)); !near(got, median) {
				t.Errorf("%s %s: overall median %v, want %s", sheet, body.Name, got, median)
			}
			if got, _ := numberAt(t, b, sheet, cell(valueCol+10, row)); int(got) != rank {
				t.Errorf("%s %s: overall rank %v, want %d", sheet, body.Name, got, rank)
			}
			if body.ClusterSource == indicators.ClusterUnclassified {
				if got := b.value(sheet, cell(valueCol+1, row)); !strings.HasPrefix(got, "non classificato") {
					t.Errorf("%s %s: cluster columns say %q", sheet, body.Name, got)
				}
				continue
			}
			members := 0
			for _, o := range bodies {
				if o.Cluster == body.Cluster {
					members++
				}
			}
			n, median, rank := stats(func(j int) bool { return bodies[j].Cluster == body.Cluster }, v)
			for k, want := range []float64{float64(members), float64(n)} {
				if got, _ := numberAt(t, b, sheet, cell(valueCol+1+k, row)); got != want {
					t.Errorf("%s %s: cluster count %d = %v, want %v", sheet, body.Name, k, got, want)
				}
			}
			if got, _ := numberAt(t, b, sheet, cell(valueCol+4, row)); !near(got, median) {
				t.Errorf("%s %s: cluster median %v, want %s", sheet, body.Name, got, median)
			}
			if got, _ := numberAt(t, b, sheet, cell(valueCol+6, row)); int(got) != rank {
				t.Errorf("%s %s: cluster rank %v, want %d", sheet, body.Name, got, rank)
			}
		}
	}
	// Ente, Cluster, the two inputs, the value. Oneri per impresa has
	// three values (a body has no imprese attive), costo medio per FTE
	// four: its median lies between two.
	check("Oneri per impresa", indicators.KeyOneriPerImpresa, "", 5)
	check("Costo medio per FTE", indicators.KeyCostoMedioFTE, "", 5)
	// C1.1: Ente, Cluster, imprese attive, costo pieno, the value.
	check("C1.1", indicators.KeyCostoPienoPerImpresa, "C1.1", 5)
	for i, body := range bodies {
		ind, _ := indicatorOf(body, indicators.KeyCostoPieno, "C1.1")
		if got, ok := numberAt(t, b, "C1.1", cell(4, compFirst+i)); !ok || got != ind.Value.InexactFloat64() {
			t.Errorf("C1.1 %s: costo pieno %v, want %s", body.Name, got, ind.Value)
		}
	}
}

// TestBenchmarkAmountsAreNumbers checks every sheet: a cell whose text
// looks like an amount is a number, and the workbook has euro and
// percentage cells.
func TestBenchmarkAmountsAreNumbers(t *testing.T) {
	b := openBook(t, writeBench(t, goldenBodies(t)))
	amount := func(s string) bool {
		_, err := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "€")), 64)
		return err == nil
	}
	euro, pct := 0, 0
	for _, sheet := range b.f.GetSheetList() {
		for _, row := range b.cells(sheet) {
			for _, c := range row {
				// A year (Esercizio) is a label, kept as the contesto wrote it.
				if !c.numeric && amount(c.value) && !yearRE.MatchString(c.value) {
					t.Errorf("%s!%s holds the number %q as text", sheet, c.ref, c.value)
				}
				switch {
				case c.numeric && strings.Contains(c.format, "[$€-410]"):
					euro++
				case c.numeric && strings.Contains(c.format, "%"):
					pct++
				case c.numeric && c.format == "builtin 0":
					t.Errorf("%s!%s = %s has no number format", sheet, c.ref, c.value)
				}
			}
		}
	}
	if euro == 0 || pct == 0 {
		t.Errorf("%d euro cells and %d percentages, want some of each", euro, pct)
	}
}

// TestBenchmarkLinks follows the links of the Processi index to the sheets
// of the processi, and back.
func TestBenchmarkLinks(t *testing.T) {
	b := openBook(t, writeBench(t, goldenBodies(t)))
	sheets := make(map[string]bool)
	for _, s := range b.f.GetSheetList() {
		sheets[s] = true
	}
	linked := 0
	for r, row := range b.cells(SheetBenchProcessi) {
		if r < firstData || len(row) < 3 || row[0].ref != cell(1, r) {
			continue // titles, and macro funzioni on a merged row
		}
		ok, target, err := b.f.GetCellHyperLink(SheetBenchProcessi, row[0].ref)
		if err != nil {
			t.Fatal(err)
		}
		code := row[0].value
		if strings.HasPrefix(code, "A") || strings.HasPrefix(code, "B") {
			if ok {
				t.Errorf("support processo %s links to %s", code, target)
			}
			continue
		}
		if !ok || target != "'"+code+"'!A1" || !sheets[code] {
			t.Errorf("%s links to %q (%v)", code, target, ok)
			continue
		}
		linked++
		back, target, err := b.f.GetCellHyperLink(code, "N1")
		if err != nil || !back || target != "'Processi'!A1" {
			t.Errorf("%s!N1 links to %q (%v, %v), want back to Processi", code, target, back, err)
		}
	}
	if linked != 30 {
		t.Errorf("%d processi linked, want the 30 primary processi of the map", linked)
	}
}

// TestBenchmarkNoPersonalData writes the workbook of three variants of
// the fixture chamber and looks in every cell and part for the staff's
// matricole and pay.
func TestBenchmarkNoPersonalData(t *testing.T) {
	var bodies []indicators.BodySummary
	var people []model.Person
	for k, edit := range []func(*model.Context){
		func(*model.Context) {},
		func(c *model.Context) { c.Cluster = "" },
		func(c *model.Context) { *c = model.Context{} },
	} {
		in := fixture.Inputs(t)
		edit(&in.Context)
		res, err := costing.Compute(in)
		if err != nil {
			t.Fatal(err)
		}
		people = append(people, res.Inputs.People...)
		name := fmt.Sprintf("%02d-esempio", k+1)
		bodies = append(bodies, indicators.Summarize(res, NewRunInfo(res, name).Run(name)))
	}
	b := openBook(t, writeBench(t, bodies))
	for _, sheet := range b.f.GetSheetList() {
		for _, row := range b.cells(sheet) {
			for _, c := range row {
				for _, p := range people {
					if strings.Contains(c.value, string(p.Matricola)) || c.numeric && fixture.Dec(c.value).Equal(p.Pay) {
						t.Errorf("%s!%s = %q shows personal data of %s", sheet, c.ref, c.value, p.Matricola)
					}
				}
			}
		}
	}
	for name, part := range b.parts {
		for _, p := range people {
			if bytes.Contains(part, []byte(p.Matricola)) {
				t.Errorf("part %s contains matricola %s", name, p.Matricola)
			}
		}
	}
}

func TestBenchmarkErrors(t *testing.T) {
	if err := WriteBenchmarkWorkbook(io.Discard, nil); !errors.Is(err, indicators.ErrNoBodies) {
		t.Errorf("no bodies: %v, want ErrNoBodies", err)
	}
	res := fixture.Result(t)
	s := indicators.Summarize(res, fixtureInfo(res).Run("esempio"))
	if err := WriteBenchmarkWorkbook(io.Discard, []indicators.BodySummary{s, s}); err == nil || !strings.Contains(err.Error(), `"esempio"`) {
		t.Errorf("two bodies named esempio: %v", err)
	}
	if err := WriteBenchmarkWorkbook(io.Discard, []indicators.BodySummary{s}); err != nil {
		t.Errorf("one body: %v", err)
	}
}

// TestBenchIndicatorsCoverIndicators checks that the workbook compares
// every indicator of the whole body, on sheets with valid, distinct names.
func TestBenchIndicatorsCoverIndicators(t *testing.T) {
	res := fixture.Result(t)
	keys := make(map[string]bool)
	for _, bi := range benchIndicators {
		keys[bi.key] = true
	}
	for _, ind := range indicators.Indicators(res) {
		if ind.Scope.IsBody() && !keys[ind.Key] {
			t.Errorf("indicator %s of the body is not compared", ind.Key)
		}
	}
	used := reservedSheets()
	if len(used) != len(benchIndicators)+3 {
		t.Errorf("sheet names repeat: %v", used)
	}
	for name := range used {
		if len([]rune(name)) > 31 || strings.ContainsAny(name, `:\/?*[]`) {
			t.Errorf("sheet name %q is not valid", name)
		}
	}
}

func TestProcessSheetName(t *testing.T) {
	used := reservedSheets()
	for _, tc := range []struct {
		code model.Code
		want string
	}{
		{"C1.1", "C1.1"},
		{"c1.1", "c1.1 (2)"}, // sheet names ignore case
		{"X/1:2", "X_1_2"},
		{"Sintesi", "Sintesi (2)"},
		{"'Q'", "Q"},
		{"A.very.long.code.that.goes.past.31", "A.very.long.code.that.goes.past"},
		{"A.very.long.code.that.goes.past.32", "A.very.long.code.that.goes. (2)"},
	} {
		if got := processSheetName(tc.code, used); got != tc.want {
			t.Errorf("processSheetName(%s) = %q, want %q", tc.code, got, tc.want)
		}
	}
}

func TestTrimCommonWords(t *testing.T) {
	for _, tc := range []struct{ in, want []string }{
		{[]string{"Camera di Commercio di Bari", "Camera di Commercio di Reggio Emilia"}, []string{"Bari", "Reggio Emilia"}},
		{[]string{"Camera di Commercio di Bari", "CCIAA Lecce"}, []string{"Camera di Commercio di Bari", "CCIAA Lecce"}},
		// Every name keeps a word.
		{[]string{"Camera di Commercio di Bari", "Camera di Commercio di"}, []string{"di Bari", "di"}},
		{[]string{"Camera di Commercio di Bari"}, []string{"Camera di Commercio di Bari"}},
	} {
		if got := trimCommonWords(tc.in); !slices.Equal(got, tc.want) {
			t.Errorf("trimCommonWords(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestBenchmarkSameEnteTwoYears compares one chamber in two years: the
// rows say which folder is which, and the heading warns that the years
// differ.
func TestBenchmarkSameEnteTwoYears(t *testing.T) {
	res := fixture.Result(t)
	// Both in cluster media, as the fixture declares.
	y2025 := indicators.Summarize(res, fixtureInfo(res).Run("2025"))
	y2024 := y2025
	y2024.Name, y2024.Anno, y2024.ImpreseAttive = "2024", "2024", fixture.Dec("40900")
	b := openBook(t, writeBench(t, []indicators.BodySummary{y2025, y2024}))
	if got, want := b.value(SheetBenchSintesi, "A2"), "2 enti – esercizi 2024, 2025 (attenzione: gli enti non si riferiscono tutti allo stesso anno)"; got != want {
		t.Errorf("heading %q, want %q", got, want)
	}
	for k, want := range []string{"Camera di commercio di Esempio (2024)", "Camera di commercio di Esempio (2025)"} {
		if got := b.value(SheetBenchSintesi, cell(2, firstData+k)); got != want {
			t.Errorf("Sintesi row %d: %q, want %q", firstData+k, got, want)
		}
	}
	props, err := b.f.GetDocProps()
	if err != nil {
		t.Fatal(err)
	}
	if props.Created != "2000-01-01T00:00:00Z" {
		t.Errorf("created %s: with two years the date must be the fixed one", props.Created)
	}
}
