package main

import (
	"bytes"
	"encoding/csv"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"camcost/model"
)

// sampleNodes picks nodes of every level and kind from costs.csv: the
// first, a third of the way, two thirds and the last of each level, every
// coordinamento and formazione kind once, and a support servizio with
// attività.
func sampleNodes(t *testing.T, costs [][]string, header []string) []string {
	t.Helper()
	code, level, kind := column(t, header, "code"), column(t, header, "level"), column(t, header, "kind")
	byLevel := map[string][]string{}
	var levels []string
	picked := map[string]bool{}
	var out []string
	pick := func(c string) {
		if !picked[c] {
			picked[c] = true
			out = append(out, c)
		}
	}
	seenKind := map[string]bool{}
	for _, r := range costs {
		if byLevel[r[level]] == nil {
			levels = append(levels, r[level])
		}
		byLevel[r[level]] = append(byLevel[r[level]], r[code])
		if r[kind] != "regular" && !seenKind[r[kind]] {
			seenKind[r[kind]] = true
			pick(r[code])
		}
		if r[level] == "attivita" && strings.HasPrefix(r[code], "B") && !seenKind["support"] {
			seenKind["support"] = true
			pick(r[code])
			pick(r[code][:strings.LastIndexByte(r[code], '.')])
		}
	}
	for _, l := range levels {
		cs := byLevel[l]
		for _, i := range []int{0, len(cs) / 3, 2 * len(cs) / 3, len(cs) - 1} {
			pick(cs[i])
		}
	}
	return out
}

// matricole lists the staff of a run folder.
func matricole(t *testing.T, dir string) (people map[string]bool, conti map[string]bool) {
	t.Helper()
	in, err := readFolder(dir, settingsFlags{})
	if err != nil {
		t.Fatal(err)
	}
	people, conti = map[string]bool{}, map[string]bool{}
	for _, p := range in.People {
		people[string(p.Matricola)] = true
	}
	for _, l := range in.Ledger {
		conti[l.Conto] = true
	}
	return people, conti
}

var tokenRE = regexp.MustCompile(`[\p{L}\p{N}_-]+`)

// namesPerson reports a word of text that is a matricola (and not also a
// conto of the ledger, which spiega names).
func namesPerson(text string, people, conti map[string]bool) string {
	for _, w := range tokenRE.FindAllString(text, -1) {
		if people[w] && !conti[w] {
			return w
		}
	}
	return ""
}

// On the demo and on a generated chamber, for a sample of nodes of every
// level, under the three methods, the amounts of spiega --csv add up to
// the node's full in costs.csv exactly, and neither the text nor the CSV
// names a person.
func TestSpiegaAddsUpToFull(t *testing.T) {
	generated := filepath.Join(t.TempDir(), "generata")
	if code, _, stderr := camcost(t, "generate", generated, "--people", "400", "--seed", "5"); code != 0 {
		t.Fatal(stderr)
	}
	for _, in := range []string{demoFolder(t), generated} {
		people, conti := matricole(t, in)
		for _, method := range []string{"diretto", "scalare", "reciproco"} {
			out := filepath.Join(t.TempDir(), method)
			if code, _, stderr := camcost(t, "run", in, "--out", out, "--method", method, "--quiet"); code != 0 {
				t.Fatal(stderr)
			}
			ch, costs := readCSV(t, filepath.Join(out, "costs.csv"))
			full := map[string]string{}
			for _, r := range costs {
				full[r[column(t, ch, "code")]] = r[column(t, ch, "full")]
			}
			split := 0
			for _, node := range sampleNodes(t, costs, ch) {
				code, stdout, stderr := camcost(t, "spiega", out, node, "--csv", "--righe", "3")
				if code != 0 {
					t.Fatalf("%s %s: exit %d: %s", method, node, code, stderr)
				}
				recs, err := csv.NewReader(strings.NewReader(stdout)).ReadAll()
				if err != nil {
					t.Fatal(err)
				}
				if got := strings.Join(recs[0], ","); got != "stage,source,description,amount" {
					t.Fatalf("header %q", got)
				}
				var sum decimal.Decimal
				for _, r := range recs[1:] {
					sum = sum.Add(decimal.RequireFromString(r[3]))
					if strings.HasPrefix(r[1], "qualifica:") {
						split++
					}
					if w := namesPerson(r[1]+" "+r[2], people, conti); w != "" {
						t.Errorf("%s %s: the CSV row %q names matricola %s", method, node, r, w)
					}
				}
				if got, want := sum.StringFixed(2), full[node]; got != want || !sum.Equal(decimal.RequireFromString(want)) {
					t.Errorf("%s %s: spiega --csv sums to %s, costs.csv full is %s", method, node, sum, want)
				}
				if w := namesPerson(stderr, people, conti); w != "" {
					t.Errorf("%s %s: the notes name matricola %s", method, node, w)
				}
				code, text, stderr := camcost(t, "spiega", out, node)
				if code != 0 || !strings.Contains(text, "totale delle righe = costo pieno in costs.csv") {
					t.Fatalf("%s %s: exit %d: %s%s", method, node, code, text, stderr)
				}
				if w := namesPerson(text, people, conti); w != "" {
					t.Errorf("%s %s: the text names matricola %s", method, node, w)
				}
			}
			if split == 0 {
				t.Errorf("%s: no node of %s split its personnel cost by qualifica", method, in)
			}
		}
	}
}

// spiegaDemo runs the demo into a folder beside its inputs.
func spiegaDemo(t *testing.T) (in, out string) {
	t.Helper()
	in = demoFolder(t)
	out = filepath.Join(filepath.Dir(in), "risultati")
	if code, _, stderr := camcost(t, "run", in, "--out", out, "--quiet"); code != 0 {
		t.Fatal(stderr)
	}
	return in, out
}

// What a controller types wrong, and what spiega answers.
func TestSpiegaErrors(t *testing.T) {
	_, out := spiegaDemo(t)
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"unknown code", []string{out, "C2.5.88"}, 2, `spiega: il codice "C2.5.88" non è un nodo della mappa dei processi di questo calcolo; forse si intende uno di questi: C2.5.8 «`},
		{"lower case", []string{out, "c2.5.8"}, 2, "forse si intende C2.5.8 «Tenuta del registro"},
		{"far off", []string{out, "C2.5.8.99.9"}, 2, "il nodo più vicino è C2.5.8 «"},
		{"no code", []string{out}, 2, "spiega: indicare la cartella dei risultati e il codice di un nodo"},
		{"not an output", []string{t.TempDir(), "C"}, 1, "non contiene manifest.json"},
		{"missing folder", []string{filepath.Join(out, "no"), "C"}, 1, "non esiste"},
		{"workbook extension", []string{out, "C", "--out", filepath.Join(t.TempDir(), "x.csv")}, 2, "deve avere l'estensione .xlsx"},
		{"workbook inside the output", []string{out, "C", "--out", filepath.Join(out, "x.xlsx")}, 2, "fuori dalla cartella dei risultati"},
		{"negative lines", []string{out, "C", "--righe", "-1"}, 2, "--righe -1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := camcost(t, append([]string{"spiega"}, tt.args...)...)
			if code != tt.code || !strings.Contains(stderr, tt.want) {
				t.Errorf("exit %d, stderr %q; want exit %d and %q", code, stderr, tt.code, tt.want)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(out, "x.xlsx")); err == nil {
		t.Error("a workbook was written into the output folder")
	}
}

// An output changed after the run is refused, whichever file changed.
func TestSpiegaRefusesTampered(t *testing.T) {
	for _, name := range []string{"trace.csv", "costs.csv", "indicatori.xlsx"} {
		t.Run(name, func(t *testing.T) {
			_, out := spiegaDemo(t)
			p := filepath.Join(out, name)
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			// One figure a little larger, as a hand edit would make it.
			i := bytes.LastIndexByte(b, '5')
			b[i] = '6'
			if err := os.WriteFile(p, b, 0o644); err != nil {
				t.Fatal(err)
			}
			code, stdout, stderr := camcost(t, "spiega", out, "C2.5.8")
			want := name + ": è stato modificato dopo il calcolo"
			if code != 1 || !strings.Contains(stderr, want) || stdout != "" {
				t.Errorf("exit %d, stdout %q, stderr %q; want exit 1 and %q", code, stdout, stderr, want)
			}
		})
	}
}

// The workbook is written where asked; without the run's inputs the
// personnel cost is not split, and spiega says why.
func TestSpiegaWorkbookAndMissingInputs(t *testing.T) {
	in, out := spiegaDemo(t)
	xlsx := filepath.Join(t.TempDir(), "spiegazione C.xlsx")
	code, stdout, stderr := camcost(t, "spiega", out, "C", "--out", xlsx)
	if code != 0 || !strings.Contains(stdout, "Cartella di lavoro scritta in "+xlsx) || !strings.Contains(stdout, "personale, qualifica C:") {
		t.Fatalf("exit %d: %s%s", code, stdout, stderr)
	}
	if st, err := os.Stat(xlsx); err != nil || st.Size() == 0 {
		t.Fatalf("workbook: %v", err)
	}

	moved := in + "-archivio"
	if err := os.Rename(in, moved); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr = camcost(t, "spiega", out, "C", "--csv")
	if code != 0 || strings.Contains(stdout, "qualifica:") || !strings.Contains(stderr, "nota: Il costo del personale non è suddiviso per qualifica: i file di input non sono quelli del calcolo") {
		t.Errorf("without inputs: exit %d\n%s%s", code, stdout, stderr)
	}
	code, stdout, stderr = camcost(t, "spiega", out, "C", "--csv", "--inputs", moved)
	if code != 0 || !strings.Contains(stdout, "qualifica:C,") {
		t.Errorf("--inputs: exit %d\n%s%s", code, stdout, stderr)
	}
}

// BenchmarkSpiega explains a macro funzione (the whole trace.csv read, the
// staff read for the split by qualifica) and a servizio of a chamber of
// 20,000 people.
func BenchmarkSpiega(b *testing.B) {
	dir := b.TempDir()
	in, out := filepath.Join(dir, "input"), filepath.Join(dir, "risultati")
	for _, args := range [][]string{{"generate", in, "--people", "20000"}, {"run", in, "--out", out, "--quiet"}} {
		var errb bytes.Buffer
		if code := run(append([]string{"camcost"}, args...), io.Discard, &errb); code != 0 {
			b.Fatal(errb.String())
		}
	}
	for _, node := range []model.Code{"C", "C1.1.1"} {
		b.Run(string(node), func(b *testing.B) {
			for b.Loop() {
				if err := runSpiega(io.Discard, io.Discard, out, string(node), spiegaOptions{lines: 10}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
