package outputs

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"camcost/costing"
	"camcost/indicators"
	"camcost/internal/fixture"
	"camcost/model"
	"camcost/variance"
)

// nextYear is the fixture chamber a year later: pay up 3%, a new person on
// the Registro imprese, more funzionamento, a servizio that gained an
// attività (C1.2.1), an attività gone (D2.1.1.2), an attività renamed, a
// volume changed and one added.
func nextYear(t testing.TB) *model.Inputs {
	t.Helper()
	in := fixture.Inputs(t)
	in.Context.Anno = 2026
	in.Files[1].SHA256 = strings.Repeat("2026", 16) // the run's other time sheets and ledger
	for k := range in.People {
		p := &in.People[k]
		p.Pay = p.Pay.Mul(fixture.Dec("1.03")).Round(2)
	}
	in.People = append(in.People, model.Person{Matricola: "MAT-0109", Qualifica: "C", FTE: fixture.Dec("1"), Mesi: fixture.Dec("12"),
		Unita: "Registro imprese", Pay: fixture.Dec("39000.00"),
		Bookings: []model.Booking{{Code: "C1.1.1.1", Qty: fixture.Dec("80")}, {Code: "C1.2.1", Qty: fixture.Dec("20")}}})
	for k := range in.Ledger {
		if in.Ledger[k].Conto == "325000" {
			in.Ledger[k].Importo = fixture.Dec("680000.00")
		}
	}
	var nodes []model.Node
	for _, n := range in.Map.Nodes() {
		switch n.Code {
		case "D2.1.1.2":
			continue
		case "F1.1.1.2":
			n.Name = "Eventi e fiere sul territorio"
		}
		nodes = append(nodes, n)
	}
	nodes = append(nodes, model.Node{Code: "C1.2.1.1", Level: model.LevelAttivita, Parent: "C1.2.1", Name: "Ricezione delle pratiche SUAP"})
	m, err := model.NewMap(nodes)
	if err != nil {
		t.Fatal(err)
	}
	in.Map = m
	in.Drivers = slices.DeleteFunc(in.Drivers, func(d model.DriverQty) bool { return d.Dest.Code == "D2.1.1.2" })
	for k := range in.Volumes {
		if in.Volumes[k].Code == "C1.1.1" {
			in.Volumes[k].Qty = fixture.Dec("13100")
		}
	}
	in.Volumes = append(in.Volumes, model.Volume{Code: "C1.2.1", Misura: "pratiche SUAP telematiche", Qty: fixture.Dec("800")})
	return in
}

// writeRun writes the outputs of a result into a new folder, as camcost
// run does, and returns the folder.
func writeRun(t testing.TB, dir string, res *costing.Result) string {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := WriteBody(dir, res, fixtureInfo(res)); err != nil {
		t.Fatal(err)
	}
	return dir
}

func compute(t testing.TB, in *model.Inputs) *costing.Result {
	t.Helper()
	res, err := costing.Compute(in)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// twoYears writes the fixture chamber's two years under a new folder:
// 2025 in "a", 2026 in "b".
func twoYears(t testing.TB) (a, b string) {
	t.Helper()
	root := t.TempDir()
	return writeRun(t, filepath.Join(root, "a"), fixture.Result(t)), writeRun(t, filepath.Join(root, "b"), compute(t, nextYear(t)))
}

// writeConfronto compares two folders and writes the comparison into a new
// folder, returned.
func writeConfronto(t testing.TB, a, b string) (string, *Confronto) {
	t.Helper()
	c, err := NewConfronto(Side{a, "../a"}, Side{b, "../b"})
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "c")
	if err := os.Mkdir(out, 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Write(out); err != nil {
		t.Fatal(err)
	}
	return out, c
}

func readFile(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestConfrontoGolden(t *testing.T) {
	a, b := twoYears(t)
	out, _ := writeConfronto(t, a, b)
	golden(t, "confronto.golden.csv", string(readFile(t, filepath.Join(out, ConfrontoCSV))))
	bk := openBook(t, readFile(t, filepath.Join(out, ConfrontoWorkbook)))
	golden(t, "confronto.golden.txt", bk.dump())
	// Processi folds like the costs workbook: summary rows above their
	// details, and the large changes coloured.
	part := string(bk.parts[bk.sheetPart(SheetConfProcessi)])
	for _, want := range []string{`<outlinePr summaryBelow="false">`, `<formula>AND(ISNUMBER($J8),$J8&gt;=0.1)</formula>`, `<formula>AND(ISNUMBER($J8),$J8&lt;=-0.1)</formula>`} {
		if !strings.Contains(part, want) {
			t.Errorf("sheet Processi lacks %s", want)
		}
	}
}

// Two comparisons of the same runs give the same bytes, manifest included.
func TestConfrontoByteIdentical(t *testing.T) {
	a, b := twoYears(t)
	first, _ := writeConfronto(t, a, b)
	again, _ := writeConfronto(t, a, b)
	for _, name := range []string{ConfrontoCSV, ConfrontoWorkbook, ManifestFile} {
		if !bytes.Equal(readFile(t, filepath.Join(first, name)), readFile(t, filepath.Join(again, name))) {
			t.Errorf("%s differs between two comparisons of the same runs", name)
		}
	}
}

// readConfrontoCSV reads confronto.csv as maps by column.
func readConfrontoCSV(t testing.TB, path string) []map[string]string {
	t.Helper()
	recs, err := csv.NewReader(bytes.NewReader(readFile(t, path))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got, want := strings.Join(recs[0], ","), strings.Join(ConfrontoHeader, ","); got != want {
		t.Fatalf("header %s, want %s", got, want)
	}
	var out []map[string]string
	for _, r := range recs[1:] {
		m := map[string]string{}
		for k, h := range recs[0] {
			m[h] = r[k]
		}
		out = append(out, m)
	}
	return out
}

// Every row of confronto.csv adds up, and the totals are the runs'.
func TestConfrontoRowsAddUp(t *testing.T) {
	a, b := twoYears(t)
	out, c := writeConfronto(t, a, b)
	rows := readConfrontoCSV(t, filepath.Join(out, ConfrontoCSV))
	d := decimal.RequireFromString
	var fullA, fullB decimal.Decimal
	status := map[string]string{}
	for _, r := range rows {
		parts := d(r["due_to_fte"]).Add(d(r["due_to_pay"])).Add(d(r["due_to_other_direct"])).Add(d(r["due_to_allocation"]))
		if !parts.Equal(d(r["delta"])) || !d(r["full_b"]).Sub(d(r["full_a"])).Equal(d(r["delta"])) {
			t.Errorf("%s: parts %s, delta %s, full %s -> %s", r["code"], parts, r["delta"], r["full_a"], r["full_b"])
		}
		if r["level"] == "macro" {
			fullA, fullB = fullA.Add(d(r["full_a"])), fullB.Add(d(r["full_b"]))
		}
		status[r["code"]] = r["status"]
	}
	for k, pair := range [][2]any{{c.A.Manifest, fullA}, {c.B.Manifest, fullB}} {
		_, want := manifestTotals(pair[0].(*Manifest))
		if got := pair[1].(decimal.Decimal); !got.Equal(want) {
			t.Errorf("run %d: costo pieno %s, manifest %s", k, got, want)
		}
	}
	for code, want := range map[string]string{"C1.2.1.1": "only_b", "D2.1.1.2": "only_a", "C1.2.1": "both"} {
		if got := status[code]; got != want {
			t.Errorf("%s: status %q, want %q", code, got, want)
		}
	}
}

// costs.csv reads back as the figures the run computed.
func TestReadCostsRoundTrip(t *testing.T) {
	res := fixture.Result(t)
	var buf bytes.Buffer
	if err := WriteCostsCSV(&buf, res); err != nil {
		t.Fatal(err)
	}
	run, err := readCosts(&buf, "costs.csv")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := run.Map.Len(), res.Map.Len(); got != want {
		t.Fatalf("%d nodes, want %d", got, want)
	}
	for i, n := range res.Map.Nodes() {
		got, f := run.Nodes[i], res.Nodes[i]
		if run.Map.At(i) != n {
			t.Errorf("node %d: %+v, want %+v", i, run.Map.At(i), n)
		}
		want := variance.Figures{FTE: f.FTE, Direct: costing.Total(f.Direct), Personale: f.Direct[0],
			FromCoordination: costing.Total(f.FromCoordination), FromSupport: costing.Total(f.FromSupport),
			ToOthers: costing.Total(f.ToOthers), Full: costing.Total(f.Full)}
		if !slices.EqualFunc(figureList(got), figureList(want), decimal.Decimal.Equal) {
			t.Errorf("%s: %v, want %v", n.Code, got, want)
		}
	}
}

func figureList(f variance.Figures) []decimal.Decimal {
	return []decimal.Decimal{f.FTE, f.Direct, f.Personale, f.FromCoordination, f.FromSupport, f.ToOthers, f.Full}
}

// Names and codes that look like formulas keep their apostrophe in
// costs.csv and lose it when read back.
func TestReadCostsUnsafeText(t *testing.T) {
	text := "code,level,name,fte,direct,from_coordination,from_support,to_others,full,direct_personale,direct_funzionamento,direct_interventi_economici,direct_ammortamenti_accantonamenti,kind,parent\n" +
		"C,macro,'=Trasparenza,1.0000,10.00,0.00,0.00,0.00,10.00,10.00,0.00,0.00,0.00,regular,\n" +
		"C1,tema,'-meno,1.0000,10.00,0.00,0.00,0.00,10.00,10.00,0.00,0.00,0.00,regular,C\n"
	run, err := readCosts(strings.NewReader(text), "costs.csv")
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []string{"=Trasparenza", "-meno"} {
		if got := run.Map.At(i).Name; got != want {
			t.Errorf("name %q, want %q", got, want)
		}
	}
}

func TestReadCostsProblems(t *testing.T) {
	head := "code,level,name,fte,direct,from_coordination,from_support,to_others,full,direct_personale,kind,parent\n"
	for _, tc := range []struct {
		name, text, want string
	}{
		{"missing column", "code,level,name\n", "costs.csv, riga 1: manca la colonna kind"},
		{"not a number", head + "C,macro,C,uno,0.00,0.00,0.00,0.00,0.00,0.00,regular,\n", `costs.csv, riga 2, colonna fte: "uno" non è un numero con al più 4 decimali`},
		{"three decimals", head + "C,macro,C,1,0.001,0.00,0.00,0.00,0.00,0.00,regular,\n", `costs.csv, riga 2, colonna direct: "0.001" non è un numero con al più 2 decimali`},
		{"bad level", head + "C,nodo,C,1,0.00,0.00,0.00,0.00,0.00,0.00,regular,\n", `costs.csv, riga 2, colonna level: livello "nodo" sconosciuto`},
		{"row does not add up", head + "C,macro,C,1,5.00,0.00,0.00,0.00,6.00,5.00,regular,\n", "costs.csv, riga 2, colonna full: C: costo pieno 6 diverso da costo diretto"},
		{"parent not the sum", head + "C,macro,C,1,5.00,0.00,0.00,0.00,5.00,5.00,regular,\nC1,tema,C1,1,4.00,0.00,0.00,0.00,4.00,4.00,regular,C\n",
			"costs.csv, riga 2, colonna direct: C: 5 diverso dalla somma dei figli (4)"},
		{"repeated code", head + "C,macro,C,0,0.00,0.00,0.00,0.00,0.00,0.00,regular,\nC,macro,C,0,0.00,0.00,0.00,0.00,0.00,0.00,regular,\n", "costs.csv, riga 3, colonna code: il codice C compare più volte"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := readCosts(strings.NewReader(tc.text), "costs.csv")
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %v, want %q", err, tc.want)
			}
		})
	}
}

// The volumes read back from indicatori.xlsx are those of the indicators.
func TestReadVolumes(t *testing.T) {
	a, _ := twoYears(t)
	r, err := OpenRun(a)
	if err != nil {
		t.Fatal(err)
	}
	vols, ok, err := r.ReadVolumes()
	if err != nil || !ok {
		t.Fatalf("ReadVolumes: %v %v", ok, err)
	}
	var want []variance.Volume
	for _, ind := range indicators.Indicators(fixture.Result(t)) {
		if ind.Key != indicators.KeyCostoUnitario {
			continue
		}
		v := variance.Volume{Code: ind.Scope.Code, Misura: ind.Misura}
		for _, in := range ind.Inputs {
			if in.Unit == indicators.UnitCount {
				v.Quantity = in.Value
			} else {
				v.Cost, v.HasCost = in.Value, true
			}
		}
		want = append(want, v)
	}
	if len(vols) != len(want) || len(want) == 0 {
		t.Fatalf("%d volumes, want %d", len(vols), len(want))
	}
	for k := range want {
		g, w := vols[k], want[k]
		if g.Code != w.Code || g.Misura != w.Misura || !g.Quantity.Equal(w.Quantity) || !g.Cost.Equal(w.Cost) || g.HasCost != w.HasCost {
			t.Errorf("volume %d: %+v, want %+v", k, g, w)
		}
	}
}

// A run without volumi has none to compare, and says so.
func TestReadVolumesNone(t *testing.T) {
	r, err := OpenRun(writeRun(t, filepath.Join(t.TempDir(), "bare"), fixture.BareResult(t)))
	if err != nil {
		t.Fatal(err)
	}
	vols, ok, err := r.ReadVolumes()
	if err != nil || !ok || len(vols) != 0 {
		t.Errorf("got %v %v %v, want no volumes", vols, ok, err)
	}
}

// editJSON rewrites a manifest through fn.
func editJSON(t testing.TB, path string, fn func(m map[string]any)) {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(readFile(t, path), &m); err != nil {
		t.Fatal(err)
	}
	fn(m)
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestConfrontoRefuses(t *testing.T) {
	for _, tc := range []struct {
		name string
		edit func(t *testing.T, a, b string) (string, string)
		want string
	}{
		{"costs.csv edited", func(t *testing.T, a, b string) (string, string) {
			f, err := os.OpenFile(filepath.Join(b, CostsFile), os.O_APPEND|os.O_WRONLY, 0)
			if err != nil {
				t.Fatal(err)
			}
			f.WriteString("\n")
			f.Close()
			return a, b
		}, "DOPO: " + "%B% non è più come camcost run l'ha scritta, impossibile confrontarla:\n  costs.csv: modificato dopo il calcolo"},
		{"workbook missing", func(t *testing.T, a, b string) (string, string) {
			os.Remove(filepath.Join(a, IndicWorkbook))
			return a, b
		}, "indicatori.xlsx: manca"},
		{"no manifest", func(t *testing.T, a, b string) (string, string) {
			os.Remove(filepath.Join(a, ManifestFile))
			return a, b
		}, "PRIMA: %A% non contiene manifest.json: non è la cartella di uscita di camcost run"},
		{"no folder", func(t *testing.T, a, b string) (string, string) {
			return a + "-manca", b
		}, "PRIMA: la cartella %A%-manca non esiste"},
		{"not camcost", func(t *testing.T, a, b string) (string, string) {
			os.WriteFile(filepath.Join(b, ManifestFile), []byte(`{"name": "altro"}`), 0o644)
			return a, b
		}, "non è un manifest di camcost"},
		{"newer format", func(t *testing.T, a, b string) (string, string) {
			editJSON(t, filepath.Join(b, ManifestFile), func(m map[string]any) { m["format"] = 2 })
			return a, b
		}, "manifest in un formato (2) più recente"},
		{"output outside the folder", func(t *testing.T, a, b string) (string, string) {
			editJSON(t, filepath.Join(b, ManifestFile), func(m map[string]any) {
				m["outputs"].([]any)[0].(map[string]any)["name"] = "../a/costs.csv"
			})
			return a, b
		}, "manifest.json nomina file o enti fuori dalla sua cartella (../a/costs.csv)"},
		{"no costs.csv", func(t *testing.T, a, b string) (string, string) {
			editJSON(t, filepath.Join(b, ManifestFile), func(m map[string]any) { m["outputs"] = m["outputs"].([]any)[1:] })
			return a, b
		}, "il manifest non elenca costs.csv"},
		{"another body", func(t *testing.T, a, b string) (string, string) {
			editJSON(t, filepath.Join(b, ManifestFile), func(m map[string]any) { m["ente"] = "Camera di commercio di Altrove" })
			return a, b
		}, `PRIMA e DOPO sono calcoli di enti diversi ("Camera di commercio di Esempio" e "Camera di commercio di Altrove")`},
		{"a comparison given", func(t *testing.T, a, b string) (string, string) {
			out, _ := writeConfronto(t, a, b)
			return a, out
		}, "è il risultato di camcost confronta, non di camcost run"},
		{"multi and single", func(t *testing.T, a, b string) (string, string) {
			return multiRun(t, "m", fixture.Result(t)), b
		}, "PRIMA è un calcolo di più enti, DOPO di un ente solo"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, b := twoYears(t)
			a2, b2 := tc.edit(t, a, b)
			_, err := NewConfronto(Side{a2, "../a"}, Side{b2, "../b"})
			want := strings.NewReplacer("%A%", a, "%B%", b).Replace(tc.want)
			if err == nil || !strings.Contains(err.Error(), want) {
				t.Errorf("got %v\nwant %q", err, want)
			}
		})
	}
}

// Same year, reciprocal method: the Sintesi says so at the top, the
// differences name the method, and only allocation moves.
func TestConfrontoMethodChange(t *testing.T) {
	root := t.TempDir()
	in := fixture.Inputs(t)
	in.Settings.Method = model.MethodReciproco
	in.Settings.Overrides = model.Overrides{Method: model.MethodReciproco}
	a := writeRun(t, filepath.Join(root, "a"), fixture.Result(t))
	b := writeRun(t, filepath.Join(root, "b"), compute(t, in))
	out, c := writeConfronto(t, a, b)
	if got, want := c.Warnings, []string{"i due calcoli differiscono per il metodo di ribaltamento: le cifre cambiano anche senza alcun cambiamento nei dati"}; !slices.Equal(got, want) {
		t.Errorf("warnings %q, want %q", got, want)
	}
	bk := openBook(t, readFile(t, filepath.Join(out, ConfrontoWorkbook)))
	if got, want := bk.value(SheetConfSintesi, "A3"), "ATTENZIONE – il metodo di ribaltamento è cambiato (diretto in PRIMA, reciproco in DOPO)"; !strings.HasPrefix(got, want) {
		t.Errorf("Sintesi A3 %q, want it to start with %q", got, want)
	}
	// The same data: FTE do not move; direct costs move by the final
	// rounding only, at most a cent per voce and run (docs/metodo.md), and
	// not at all over the whole body.
	bound := map[string]decimal.Decimal{
		"due_to_fte":          decimal.Zero,
		"due_to_pay":          decimal.RequireFromString("0.02"),
		"due_to_other_direct": decimal.RequireFromString("0.06"),
	}
	body := map[string]decimal.Decimal{}
	moved := false
	for _, r := range readConfrontoCSV(t, filepath.Join(out, ConfrontoCSV)) {
		for k, max := range bound {
			v := decimal.RequireFromString(r[k])
			if v.Abs().GreaterThan(max) {
				t.Errorf("%s: %s %s with the same data", r["code"], k, r[k])
			}
			if r["level"] == "macro" {
				body[k] = body[k].Add(v)
			}
		}
		moved = moved || r["due_to_allocation"] != "0.00"
	}
	for k, v := range body {
		if !v.IsZero() {
			t.Errorf("%s over the whole body: %s with the same data", k, v)
		}
	}
	if !moved {
		t.Error("the method change moved nothing")
	}
}

// Runs of different versions of camcost are compared, with a warning.
func TestConfrontoVersionsWarn(t *testing.T) {
	a, b := twoYears(t)
	editJSON(t, filepath.Join(a, ManifestFile), func(m map[string]any) { m["version"] = "0.0.9" })
	c, err := NewConfronto(Side{a, "../a"}, Side{b, "../b"})
	if err != nil {
		t.Fatal(err)
	}
	want := "i due calcoli sono di versioni diverse di camcost (PRIMA 0.0.9, DOPO " + model.Version + ")"
	if !slices.ContainsFunc(c.Warnings, func(w string) bool { return strings.HasPrefix(w, want) }) {
		t.Errorf("warnings %q lack %q", c.Warnings, want)
	}
}

// multiRun writes a multi-body output of two bodies, "nord" and "sud",
// both res, as camcost run does.
func multiRun(t testing.TB, name string, res *costing.Result, more ...*costing.Result) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), name)
	var sums []indicators.BodySummary
	var mans []*Manifest
	results := append([]*costing.Result{res, res}, more...)
	for k, body := range []string{"nord", "sud", "ovest"}[:len(results)] {
		sub := filepath.Join(dir, body)
		if err := os.MkdirAll(sub, 0o755); err != nil {
			t.Fatal(err)
		}
		info := fixtureInfo(results[k])
		man, err := WriteBody(sub, results[k], info)
		if err != nil {
			t.Fatal(err)
		}
		sums = append(sums, indicators.Summarize(results[k], info.Run(body)))
		mans = append(mans, man)
	}
	if _, err := WriteNational(dir, sums, mans, NationalInfo{Version: model.Version}); err != nil {
		t.Fatal(err)
	}
	return dir
}

// Multi-body runs are compared body by body, matched by name; a body of
// one run only is listed, not compared.
func TestConfrontoMultiBody(t *testing.T) {
	next := compute(t, nextYear(t))
	a := multiRun(t, "a", fixture.Result(t))
	b := multiRun(t, "b", next, next)
	c, err := NewConfronto(Side{a, "../a"}, Side{b, "../b"})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := c.OnlyB, []string{"ovest"}; !slices.Equal(got, want) {
		t.Errorf("only in DOPO %v, want %v", got, want)
	}
	out := filepath.Join(t.TempDir(), "c")
	os.Mkdir(out, 0o755)
	man, err := c.Write(out)
	if err != nil {
		t.Fatal(err)
	}
	if got := len(man.Bodies); got != 2 {
		t.Fatalf("%d bodies in the manifest", got)
	}
	if got, want := man.Bodies[0].Manifest.Name, "nord/manifest.json"; got != want {
		t.Errorf("body manifest %s, want %s", got, want)
	}
	// Each body's comparison is the single-body one of its runs.
	alone, _ := writeConfronto(t, filepath.Join(a, "nord"), filepath.Join(b, "nord"))
	if !bytes.Equal(readFile(t, filepath.Join(out, "nord", ConfrontoCSV)), readFile(t, filepath.Join(alone, ConfrontoCSV))) {
		t.Error("nord/confronto.csv differs from comparing the body alone")
	}
	var bm ConfrontoManifest
	if err := json.Unmarshal(readFile(t, filepath.Join(out, "nord", ManifestFile)), &bm); err != nil {
		t.Fatal(err)
	}
	if got, want := bm.Prima.Dir, "../../a/nord"; got != want {
		t.Errorf("body's PRIMA seen from its folder %q, want %q", got, want)
	}
	recs, err := csv.NewReader(bytes.NewReader(readFile(t, filepath.Join(out, ConfrontoEntiCSV)))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, r := range recs {
		lines = append(lines, strings.Join(r[:3], ",")+" "+r[11]+" "+r[12])
	}
	_, full := manifestTotals(c.B.Bodies[2].Manifest)
	want := []string{"body,ente,status delta due_to_fte", "nord,Camera di commercio di Esempio,both 67654.33 ",
		"ovest,Camera di commercio di Esempio,only_b " + model.Euro(full) + " ", "sud,Camera di commercio di Esempio,both 67654.33 "}
	for k := range want {
		if k >= len(lines) || !strings.HasPrefix(lines[k], want[k]) {
			t.Errorf("confronto-enti.csv line %d: %q, want prefix %q", k, lines, want[k])
			break
		}
	}
	golden(t, "confronto-enti.golden.txt", openBook(t, readFile(t, filepath.Join(out, ConfrontoEntiWorkbook))).dump())
	// A later run replaces the comparison: Atomic recognises it as ours.
	if err := checkReplaceable(out); err != nil {
		t.Errorf("the comparison folder cannot be replaced: %v", err)
	}
}
