package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"camcost/model"
	"camcost/outputs"
)

// must runs camcost and fails the test unless it exits 0.
func must(t *testing.T, args ...string) string {
	t.Helper()
	code, stdout, stderr := camcost(t, args...)
	if code != 0 {
		t.Fatalf("camcost %s: exit %d\n%s%s", strings.Join(args, " "), code, stdout, stderr)
	}
	return stdout
}

// setYear rewrites the year of a generated run folder's contesto.
func setYear(t *testing.T, dir, year string) {
	t.Helper()
	path := filepath.Join(dir, "contesto.csv")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Replace(string(b), "\nanno,2025\n", "\nanno,"+year+"\n", 1)
	if text == string(b) {
		t.Fatalf("%s has no anno 2025", path)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// twoGeneratedYears generates two years of the same chamber (the same
// seed chooses the same city; the second year has more people and so a
// larger ledger) and runs both: the output folders of 2025 and 2026.
func twoGeneratedYears(t *testing.T) (root, r1, r2 string) {
	t.Helper()
	root = t.TempDir()
	y1, y2 := filepath.Join(root, "dati-2025"), filepath.Join(root, "dati-2026")
	must(t, "generate", y1, "--people", "150", "--seed", "2025")
	must(t, "generate", y2, "--people", "180", "--seed", "2025")
	setYear(t, y2, "2026")
	r1, r2 = filepath.Join(root, "risultati-2025"), filepath.Join(root, "risultati-2026")
	must(t, "run", y1, "--out", r1, "--quiet")
	must(t, "run", y2, "--out", r2, "--quiet")
	return root, r1, r2
}

// confrontoRows reads confronto.csv by column name.
func confrontoRows(t *testing.T, path string) []map[string]string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		t.Fatal(err)
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

var partColumns = []string{"due_to_fte", "due_to_pay", "due_to_other_direct", "due_to_allocation"}

// checkAddsUp checks every row of confronto.csv: the parts are in cents
// and add up to delta, delta is full_b - full_a, each parent's parts are
// the sums of its children's plus, where it had no children in a run, its
// own; and the macro funzioni add up to the two runs' totals.
func checkAddsUp(t *testing.T, path, r1, r2 string) {
	t.Helper()
	d := decimal.RequireFromString
	rows := confrontoRows(t, path)
	children := map[string][]map[string]string{}
	var fullA, fullB decimal.Decimal
	for _, r := range rows {
		var sum decimal.Decimal
		for _, c := range partColumns {
			v := d(r[c])
			if !v.Equal(v.Round(2)) {
				t.Errorf("%s: %s %s not in cents", r["code"], c, r[c])
			}
			sum = sum.Add(v)
		}
		if !sum.Equal(d(r["delta"])) || !d(r["full_b"]).Sub(d(r["full_a"])).Equal(d(r["delta"])) {
			t.Errorf("%s: parts add up to %s; delta %s; full %s -> %s", r["code"], sum, r["delta"], r["full_a"], r["full_b"])
		}
		children[r["parent"]] = append(children[r["parent"]], r)
		if r["level"] == "macro" {
			fullA, fullB = fullA.Add(d(r["full_a"])), fullB.Add(d(r["full_b"]))
		}
	}
	// With the same map in both runs, a parent's parts are exactly the
	// sums of its children's.
	for _, r := range rows {
		kids := children[r["code"]]
		if len(kids) == 0 || r["status"] != "both" {
			continue
		}
		same := true
		for _, k := range kids {
			same = same && k["status"] == "both"
		}
		if !same {
			continue
		}
		for _, c := range partColumns {
			var sum decimal.Decimal
			for _, k := range kids {
				sum = sum.Add(d(k[c]))
			}
			if !sum.Equal(d(r[c])) {
				t.Errorf("%s: %s %s, children's %s", r["code"], c, r[c], sum)
			}
		}
	}
	for _, pair := range []struct {
		dir  string
		full decimal.Decimal
	}{{r1, fullA}, {r2, fullB}} {
		man, err := outputs.ReadManifest(pair.dir)
		if err != nil {
			t.Fatal(err)
		}
		var want decimal.Decimal
		for _, tot := range man.Totals {
			if model.Voce(tot.Voce).IsCost() {
				want = want.Add(d(tot.Allocated))
			}
		}
		if !pair.full.Equal(want) {
			t.Errorf("%s: macro funzioni add up to %s, the run allocated %s", pair.dir, pair.full, want)
		}
	}
}

// Two generated years of one chamber: the comparison adds up everywhere,
// names both runs by their manifests' hashes, and two comparisons of the
// same runs are byte-identical.
func TestConfrontaTwoYears(t *testing.T) {
	root, r1, r2 := twoGeneratedYears(t)
	out := filepath.Join(root, "confronto")
	stdout := must(t, "confronta", r1, r2, "--out", out)
	for _, want := range []string{"Camera di Commercio di", "costo pieno da", "dovuto agli FTE", "confronto.xlsx"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout)
		}
	}
	if got, want := listDir(t, out), []string{"confronto.csv", "confronto.xlsx", "manifest.json"}; strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("files %v, want %v", got, want)
	}
	checkAddsUp(t, filepath.Join(out, "confronto.csv"), r1, r2)
	var man outputs.ConfrontoManifest
	b, _ := os.ReadFile(filepath.Join(out, "manifest.json"))
	if err := json.Unmarshal(b, &man); err != nil {
		t.Fatal(err)
	}
	sum, _, err := outputs.HashFile(filepath.Join(r1, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	if man.Kind != "confronto" || man.Prima.Manifest.SHA256 != sum || man.Prima.Dir != "../risultati-2025" || man.Dopo.Anno != "2026" {
		t.Errorf("manifest %+v", man)
	}
	again := filepath.Join(root, "confronto-bis")
	must(t, "confronta", r1, r2, "--out", again)
	for _, name := range listDir(t, out) {
		x, _ := os.ReadFile(filepath.Join(out, name))
		y, _ := os.ReadFile(filepath.Join(again, name))
		if !bytes.Equal(x, y) {
			t.Errorf("%s differs between two comparisons of the same runs", name)
		}
	}
	// The comparison replaces its previous output, as run does.
	must(t, "confronta", r1, r2, "--out", out)
}

// A method change of one year: only the allocation moves, and the user
// is told.
func TestConfrontaMethodChange(t *testing.T) {
	root := t.TempDir()
	in := filepath.Join(root, "dati")
	must(t, "generate", in, "--people", "120", "--seed", "5")
	diretto, reciproco := filepath.Join(root, "diretto"), filepath.Join(root, "reciproco")
	must(t, "run", in, "--out", diretto, "--quiet")
	must(t, "run", in, "--out", reciproco, "--method", "reciproco", "--quiet")
	out := filepath.Join(root, "metodo")
	code, stdout, stderr := camcost(t, "confronta", diretto, reciproco, "--out", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if want := "attenzione: i due calcoli differiscono per il metodo di ribaltamento"; !strings.Contains(stderr, want) {
		t.Errorf("stderr lacks %q:\n%s", want, stderr)
	}
	if want := "(0,00 €)"; !strings.Contains(stdout, want) {
		t.Errorf("the total changed with the method:\n%s", stdout)
	}
	checkAddsUp(t, filepath.Join(out, "confronto.csv"), diretto, reciproco)
	moved := 0
	// The same data: FTE do not move. Direct costs move by rounding only:
	// the final rounding chooses a leaf's cents jointly with its quote
	// (docs/metodo.md), so another method can move a cent of a voce from
	// one node to another, never more than a cent per voce and run, and
	// never on the whole body.
	bound := map[string]decimal.Decimal{
		"due_to_fte":          decimal.Zero,
		"due_to_pay":          decimal.RequireFromString("0.02"),
		"due_to_other_direct": decimal.RequireFromString("0.06"),
	}
	bodyDirect := map[string]decimal.Decimal{}
	for _, r := range confrontoRows(t, filepath.Join(out, "confronto.csv")) {
		for _, c := range partColumns[:3] {
			v := decimal.RequireFromString(r[c])
			if v.Abs().GreaterThan(bound[c]) {
				t.Errorf("%s: %s %s with the same data", r["code"], c, r[c])
			}
		}
		if r["level"] == "macro" {
			for _, c := range partColumns[1:3] {
				bodyDirect[c] = bodyDirect[c].Add(decimal.RequireFromString(r[c]))
			}
		}
		if r["due_to_allocation"] != "0.00" {
			moved++
		}
	}
	for c, v := range bodyDirect {
		if !v.IsZero() {
			t.Errorf("%s over the whole body: %s with the same data", c, v)
		}
	}
	if moved == 0 {
		t.Error("the reciprocal method moved nothing")
	}
}

// Multi-body runs are compared body by body; each body's comparison is the
// one of its runs alone.
func TestConfrontaMultiBody(t *testing.T) {
	root := t.TempDir()
	n1, n2 := filepath.Join(root, "n1"), filepath.Join(root, "n2")
	must(t, "generate", n1, "--people", "300", "--bodies", "3", "--seed", "9")
	must(t, "generate", n2, "--people", "360", "--bodies", "3", "--seed", "9")
	r1, r2 := filepath.Join(root, "r1"), filepath.Join(root, "r2")
	must(t, "run", n1, "--out", r1, "--quiet")
	must(t, "run", n2, "--out", r2, "--quiet")
	out := filepath.Join(root, "c")
	if stdout := must(t, "confronta", r1, r2, "--out", out); !strings.Contains(stdout, "3 enti confrontati") {
		t.Errorf("stdout: %s", stdout)
	}
	entries, err := os.ReadDir(r1)
	if err != nil {
		t.Fatal(err)
	}
	var bodies []string
	for _, e := range entries {
		if e.IsDir() {
			bodies = append(bodies, e.Name())
		}
	}
	if len(bodies) != 3 {
		t.Fatalf("bodies %v", bodies)
	}
	rows := confrontoRows(t, filepath.Join(out, "confronto-enti.csv"))
	if len(rows) != 3 {
		t.Fatalf("%d rows in confronto-enti.csv", len(rows))
	}
	for k, b := range bodies {
		checkAddsUp(t, filepath.Join(out, b, "confronto.csv"), filepath.Join(r1, b), filepath.Join(r2, b))
		alone := filepath.Join(root, "solo-"+b)
		must(t, "confronta", filepath.Join(r1, b), filepath.Join(r2, b), "--out", alone)
		for _, name := range []string{"confronto.csv", "confronto.xlsx"} {
			x, _ := os.ReadFile(filepath.Join(out, b, name))
			y, _ := os.ReadFile(filepath.Join(alone, name))
			if !bytes.Equal(x, y) {
				t.Errorf("%s: %s differs from comparing the body alone", b, name)
			}
		}
		if rows[k]["body"] != b || rows[k]["status"] != "both" {
			t.Errorf("confronto-enti.csv row %d: %v", k, rows[k])
		}
		last := confrontoRows(t, filepath.Join(alone, "confronto.csv"))
		var delta decimal.Decimal
		for _, r := range last {
			if r["level"] == "macro" {
				delta = delta.Add(decimal.RequireFromString(r["delta"]))
			}
		}
		if got := decimal.RequireFromString(rows[k]["delta"]); !got.Equal(delta) {
			t.Errorf("%s: delta %s in confronto-enti.csv, %s in its comparison", b, got, delta)
		}
	}
}

// Bad input: a clear Italian message, exit status 1 (2 for the command
// line), nothing written.
func TestConfrontaRefuses(t *testing.T) {
	root, r1, r2 := twoGeneratedYears(t)
	edited := filepath.Join(root, "modificato")
	if err := os.CopyFS(edited, os.DirFS(r2)); err != nil {
		t.Fatal(err)
	}
	costs := filepath.Join(edited, "costs.csv")
	b, _ := os.ReadFile(costs)
	os.WriteFile(costs, bytes.Replace(b, []byte(",0.00,"), []byte(",0.01,"), 1), 0o644)

	other := filepath.Join(root, "dati-altrove")
	must(t, "generate", other, "--people", "60", "--seed", "2025")
	ctx := filepath.Join(other, "contesto.csv")
	cb, _ := os.ReadFile(ctx)
	os.WriteFile(ctx, bytes.Replace(cb, []byte("ente,Camera di Commercio di "), []byte("ente,Camera di Commercio di Altrove e "), 1), 0o644)
	rOther := filepath.Join(root, "risultati-altrove")
	must(t, "run", other, "--out", rOther, "--quiet")

	multi := filepath.Join(root, "n")
	must(t, "generate", multi, "--people", "100", "--bodies", "2", "--seed", "3")
	rMulti := filepath.Join(root, "rn")
	must(t, "run", multi, "--out", rMulti, "--quiet")

	foreign := filepath.Join(root, "altro")
	os.Mkdir(foreign, 0o755)
	os.WriteFile(filepath.Join(foreign, "note.txt"), []byte("mie note"), 0o644)

	for _, tc := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"input folder", []string{r1, filepath.Join(root, "dati-2026")}, 1, "non contiene manifest.json: non è la cartella di uscita di camcost run"},
		{"edited output", []string{r1, edited}, 1, "DOPO: " + edited + " non è più come camcost run l'ha scritta, impossibile confrontarla:\n  costs.csv: modificato dopo il calcolo"},
		{"another body", []string{r1, rOther}, 1, "PRIMA e DOPO sono calcoli di enti diversi"},
		{"multi and single", []string{rMulti, r2}, 1, "PRIMA è un calcolo di più enti, DOPO di un ente solo"},
		{"missing folder", []string{r1, filepath.Join(root, "manca")}, 1, "DOPO: la cartella " + filepath.Join(root, "manca") + " non esiste"},
		{"one folder", []string{r1}, 2, "confronta: indicare le cartelle di uscita dei due calcoli"},
		{"out not ours", []string{r1, r2, "--out", foreign}, 1, "la cartella esiste e non contiene un output di camcost"},
		{"out is PRIMA", []string{r1, r2, "--out", r1}, 2, "la cartella del confronto " + r1 + " non può essere né contenere PRIMA"},
		{"out is DOPO", []string{r1, r2, "--out", r2}, 2, "la cartella del confronto " + r2 + " non può essere né contenere DOPO"},
		{"out holds both", []string{r1, r2, "--out", root}, 2, "la cartella del confronto " + root + " non può essere né contenere PRIMA"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(root, "confronto-"+strings.ReplaceAll(tc.name, " ", "-"))
			args := append([]string{"confronta"}, tc.args...)
			if !strings.Contains(strings.Join(tc.args, " "), "--out") {
				args = append(args, "--out", out)
			}
			code, stdout, stderr := camcost(t, args...)
			if code != tc.code || !strings.Contains(stderr, tc.want) {
				t.Errorf("exit %d, want %d; stderr %q, want %q", code, tc.code, stderr, tc.want)
			}
			if stdout != "" {
				t.Errorf("stdout %q", stdout)
			}
			if _, err := os.Stat(out); !os.IsNotExist(err) {
				t.Errorf("a refused comparison left %s", out)
			}
		})
	}
	if got := listDir(t, foreign); len(got) != 1 {
		t.Errorf("the foreign folder was touched: %v", got)
	}
	for _, dir := range []string{r1, r2} {
		if _, err := outputs.OpenRun(dir); err != nil {
			t.Errorf("a compared run was touched: %v", err)
		}
	}
}
