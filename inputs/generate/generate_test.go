package generate

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"camcost/model"
)

func TestGenerateIsCostable(t *testing.T) {
	chamber, odd := buildMap(t, chamberMap), buildMap(t, oddMap)
	tests := []struct {
		name string
		m    *model.Map
		cfg  Config
	}{
		{"media", chamber, Config{People: 150, Seed: 1}},
		{"piccola", chamber, Config{People: 40, Seed: 2}},
		{"grande", chamber, Config{People: 600, Seed: 3, Format: CSVIt}},
		{"minima", chamber, Config{People: minPeople(mustAnalyse(t, chamber)), Seed: 4}},
		{"giornaliera", chamber, Config{People: 120, Seed: 5, Daily: true}},
		{"xlsx", chamber, Config{People: 90, Seed: 6, Format: XLSX}},
		{"contabilità ampia", chamber, Config{People: 150, Seed: 9, Ledger: 600}},
		{"mappa insolita", odd, Config{People: 25, Seed: 7}},
		{"mappa insolita giornaliera", odd, Config{People: 25, Seed: 8, Daily: true, Format: XLSX}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := Generate(dir, tt.m, tt.cfg); err != nil {
				t.Fatal(err)
			}
			f := checkFolder(t, dir, tt.m)
			if got := len(f["personale"]) - 1; got != tt.cfg.People {
				t.Errorf("%d people, want %d", got, tt.cfg.People)
			}
		})
	}
}

func mustAnalyse(t *testing.T, m *model.Map) *shape {
	t.Helper()
	s, err := analyse(m)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// The realism the README promises, on a medium chamber.
func TestMediumChamberIsPlausible(t *testing.T) {
	dir := t.TempDir()
	m := buildMap(t, chamberMap)
	if err := Generate(dir, m, Config{People: 150, Seed: 11}); err != nil {
		t.Fatal(err)
	}
	f := readFolder(t, dir)
	grades := map[string]int{}
	partTime, partYear := 0, 0
	for _, p := range f.records("personale") {
		grades[p["qualifica"]]++
		if p["fte"] != "1" {
			partTime++
		}
		if p["mesi"] != "12" {
			partYear++
		}
	}
	within := func(what string, got, lo, hi int) {
		t.Helper()
		if got < lo || got > hi {
			t.Errorf("%s = %d, want %d-%d", what, got, lo, hi)
		}
	}
	within("dirigenti", grades["Dirigente"], 3, 7)
	within("D", grades["D"], 30, 55)
	within("C", grades["C"], 55, 90)
	within("B", grades["B"], 15, 40)
	within("part-time", partTime, 5, 40)
	within("mesi < 12", partYear, 3, 25)

	million := func(v model.Voce) int {
		sum := 0.0
		for _, l := range f.records("contabilita") {
			if l["voce"] == string(v) {
				x, _ := strconv.ParseFloat(l["importo"], 64)
				sum += x
			}
		}
		return int(sum / 1e6)
	}
	within("personale (M€)", million(model.Personale), 5, 8)
	within("interventi economici (M€)", million(model.InterventiEconomici), 5, 10)
	within("diritto annuale (M€)", million(model.DirittoAnnuale), 15, 20)
	within("diritti di segreteria (M€)", million(model.DirittiSegreteria), 3, 5)
	oneri := 0
	for _, v := range model.CostVoci() {
		oneri += million(v)
	}
	within("oneri correnti (M€)", oneri, 24, 35)

	kinds := map[string]int{}
	for _, l := range f.records("contabilita") {
		switch d := l["destinazione"]; {
		case strings.HasPrefix(d, "unita:"):
			kinds["unita"]++
		case d != "":
			n, _ := m.Node(model.Code(d))
			kinds[n.Level.String()]++
		case l["driver"] != "":
			kinds["driver "+l["driver"]]++
		default:
			kinds["none"]++
		}
	}
	for _, k := range []string{"unita", "macro", "tema", "funzione", "servizio", "driver mq", "driver fte", "driver personale", "driver pratiche", "none"} {
		if kinds[k] == 0 {
			t.Errorf("no ledger line with destination or driver %q (%v)", k, kinds)
		}
	}
	if kinds["none"] < len(f["contabilita"])/3 {
		t.Errorf("only %d of %d ledger lines use the default key", kinds["none"], len(f["contabilita"])-1)
	}

	var onAttivita, onCoord, onFormaz int
	for _, r := range f.records("tempi") {
		n, _ := m.Node(model.Code(r["codice"]))
		switch {
		case n.Level == model.LevelAttivita:
			onAttivita++
		case n.Kind == model.KindCoordinamento:
			onCoord++
		case n.Kind == model.KindFormazione:
			onFormaz++
		}
	}
	within("bookings on attività", onAttivita, 5, 80)
	within("bookings on coordinamento", onCoord, 8, 60)
	within("bookings on formazione", onFormaz, 10, 80)
}

func TestGenerateIsDeterministic(t *testing.T) {
	m := buildMap(t, chamberMap)
	for _, cfg := range []Config{
		{People: 120, Seed: 42, Format: CSV},
		{People: 120, Seed: 42, Format: CSVIt},
		{People: 120, Seed: 42, Format: XLSX},
		{People: 80, Seed: 42, Format: XLSX, Daily: true},
		{People: 300, Bodies: 3, Seed: 42, Format: CSV, Daily: true},
	} {
		t.Run(fmt.Sprintf("%s-%d-daily=%v", cfg.Format, cfg.Bodies, cfg.Daily), func(t *testing.T) {
			a, b := t.TempDir(), t.TempDir()
			if err := Generate(a, m, cfg); err != nil {
				t.Fatal(err)
			}
			if err := Generate(b, m, cfg); err != nil {
				t.Fatal(err)
			}
			fa, fb := readTree(t, a), readTree(t, b)
			if len(fa) == 0 {
				t.Fatal("no files")
			}
			if !slices.Equal(keys(fa), keys(fb)) {
				t.Fatalf("files differ: %v and %v", keys(fa), keys(fb))
			}
			for name, data := range fa {
				if !bytes.Equal(data, fb[name]) {
					t.Errorf("%s differs between two runs", name)
				}
			}
			other := t.TempDir()
			cfg.Seed++
			if err := Generate(other, m, cfg); err != nil {
				t.Fatal(err)
			}
			if reflect.DeepEqual(readTree(t, other), fa) {
				t.Error("another seed gave the same files")
			}
		})
	}
}

func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		rel, _ := filepath.Rel(dir, path)
		out[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// The three formats carry the same values, and the same settings.
func TestFormatsAgree(t *testing.T) {
	m := buildMap(t, chamberMap)
	for _, daily := range []bool{false, true} {
		t.Run(fmt.Sprintf("daily=%v", daily), func(t *testing.T) {
			var want folder
			var wantSettings []byte
			for _, format := range []Format{CSV, CSVIt, XLSX} {
				dir := t.TempDir()
				if err := Generate(dir, m, Config{People: 70, Seed: 9, Format: format, Daily: daily}); err != nil {
					t.Fatal(err)
				}
				got := readFolder(t, dir)
				settings, err := os.ReadFile(filepath.Join(dir, SettingsFile))
				if err != nil {
					t.Fatal(err)
				}
				if want == nil {
					want, wantSettings = got, settings
					continue
				}
				for _, name := range tableNames {
					if !reflect.DeepEqual(got[name], want[name]) {
						t.Errorf("%s: table %s differs from csv", format, name)
					}
				}
				if !bytes.Equal(settings, wantSettings) {
					t.Errorf("%s: %s differs from csv", format, SettingsFile)
				}
			}
		})
	}
}

func TestItalianCSVLooksItalian(t *testing.T) {
	dir := t.TempDir()
	if err := Generate(dir, buildMap(t, chamberMap), Config{People: 60, Seed: 3, Format: CSVIt}); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, "contabilita.csv"))
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	for _, want := range []string{"\uFEFFconto;descrizione;voce;importo;destinazione;driver\r\n", ";diritto_annuale;"} {
		if !strings.Contains(text, want) {
			t.Errorf("contabilita.csv lacks %q", want)
		}
	}
	// A line of the diritto annuale: millions, with thousands grouped.
	line := strings.Split(text, "\r\n")[1]
	amount := strings.Split(line, ";")[3]
	if strings.Count(amount, ".") != 2 || !strings.Contains(amount, ",") {
		t.Errorf("amount %q is not written as 1.234.567,89", amount)
	}
}

func TestBodies(t *testing.T) {
	m := buildMap(t, chamberMap)
	dir := t.TempDir()
	cfg := Config{People: 2000, Bodies: 8, Seed: 5, Format: CSVIt}
	if err := Generate(dir, m, cfg); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != cfg.Bodies {
		t.Fatalf("%d entries, want %d sub-folders", len(entries), cfg.Bodies)
	}
	total := 0
	enti := map[string]bool{}
	sizes := map[int]bool{}
	for i, e := range entries {
		prefix := fmt.Sprintf("%02d-", i+1)
		if !e.IsDir() || !strings.HasPrefix(e.Name(), prefix) || len(e.Name()) < 4 {
			t.Errorf("entry %q, want a folder named %s<city>", e.Name(), prefix)
		}
		t.Run(e.Name(), func(t *testing.T) {
			f := checkFolder(t, filepath.Join(dir, e.Name()), m)
			n := len(f["personale"]) - 1
			if n < MinBodyPeople || n > MaxBodyPeople {
				t.Errorf("%d people, want %d-%d", n, MinBodyPeople, MaxBodyPeople)
			}
			total += n
			sizes[n] = true
			for _, c := range f.records("contesto") {
				if c["chiave"] == model.CtxEnte {
					enti[c["valore"]] = true
					slug := strings.TrimPrefix(e.Name(), prefix)
					if !strings.Contains(strings.ToLower(strings.ReplaceAll(c["valore"], " ", "-")), strings.Split(slug, "-")[0]) {
						t.Errorf("ente %q does not match folder %s", c["valore"], e.Name())
					}
				}
			}
		})
	}
	if total != cfg.People {
		t.Errorf("bodies total %d people, want %d", total, cfg.People)
	}
	if len(enti) != cfg.Bodies {
		t.Errorf("%d distinct enti, want %d", len(enti), cfg.Bodies)
	}
	if len(sizes) < cfg.Bodies/2 {
		t.Errorf("body sizes %v are not spread", sizes)
	}
}

func TestSpreadSizes(t *testing.T) {
	for _, tt := range []struct{ n, total int }{{2, 80}, {2, 1200}, {5, 750}, {10, 1500}, {60, 9000}, {7, 4199}} {
		for seed := range uint64(20) {
			sizes := spreadSizes(rng(Config{Seed: seed}, 0, streamPlan), tt.n, tt.total)
			sum := 0
			for _, s := range sizes {
				if s < MinBodyPeople || s > MaxBodyPeople {
					t.Fatalf("n=%d total=%d seed=%d: size %d out of range", tt.n, tt.total, seed, s)
				}
				sum += s
			}
			if sum != tt.total {
				t.Fatalf("n=%d total=%d seed=%d: sizes %v sum to %d", tt.n, tt.total, seed, sizes, sum)
			}
		}
	}
}

func TestGenerateRefuses(t *testing.T) {
	m := buildMap(t, chamberMap)
	need := minPeople(mustAnalyse(t, m))
	tests := []struct {
		name string
		m    *model.Map
		cfg  Config
		want string
	}{
		{"no map", nil, Config{People: 10}, "mappa"},
		{"no people", m, Config{}, "persone"},
		{"too few people", m, Config{People: need - 1}, fmt.Sprintf("servono almeno %d persone", need)},
		{"bodies too small", m, Config{People: 100, Bodies: 3}, "tra 120 e 1800"},
		{"bodies too large", m, Config{People: 2000, Bodies: 3}, "tra 120 e 1800"},
		{"too many bodies", m, Config{People: 100 * 100, Bodies: 100}, "al massimo"},
		{"map without servizi", buildMap(t, "A Governo\nA1 Tema\nA1.C Coordinamento"), Config{People: 10}, "servizi"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Generate(t.TempDir(), tt.m, tt.cfg)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func TestXLSXRowLimit(t *testing.T) {
	out, err := newXLSXSink(filepath.Join(t.TempDir(), "dati.xlsx"), docProps{})
	if err != nil {
		t.Fatal(err)
	}
	out.limit = 3 // header and two rows, as if the sheet were full at 1,048,576
	tab, err := out.table("tempi", colsTempiOre)
	if err != nil {
		t.Fatal(err)
	}
	row := []cell{text("100001"), text("A1.1.1"), number(75, 1), number(1, 0)}
	for i := range 2 {
		if err := tab.row(row); err != nil {
			t.Fatalf("row %d: %v", i+2, err)
		}
	}
	err = tab.row(row)
	if err == nil || !strings.Contains(err.Error(), "usare il formato csv") {
		t.Errorf("err = %v, want the row limit error", err)
	}
	if out.limit = maxRows; maxRows != 1<<20 {
		t.Errorf("maxRows = %d, want Excel's 1,048,576", maxRows)
	}
	if err := out.close(); err != nil {
		t.Fatal(err)
	}
}

func TestParseFormat(t *testing.T) {
	for _, f := range []Format{CSV, CSVIt, XLSX} {
		got, err := ParseFormat(strings.ToUpper(f.String()))
		if err != nil || got != f {
			t.Errorf("ParseFormat(%q) = %v, %v", f, got, err)
		}
	}
	if _, err := ParseFormat("ods"); err == nil {
		t.Error("ParseFormat(ods) succeeded")
	}
}

func TestAppendNumber(t *testing.T) {
	tests := []struct {
		v              int64
		scale          int8
		italian, group bool
		want           string
	}{
		{123456, 2, false, false, "1234.56"},
		{123456, 2, true, true, "1.234,56"},
		{123456, 2, true, false, "1234,56"},
		{-123456789, 2, true, true, "-1.234.567,89"},
		{5, 2, false, false, "0.05"},
		{5556, 4, true, false, "0,5556"},
		{333, 1, false, false, "33.3"},
		{0, 0, true, true, "0"},
		{999, 0, true, true, "999"},
		{1000, 0, true, true, "1.000"},
	}
	for _, tt := range tests {
		if got := string(appendNumber(nil, tt.v, tt.scale, tt.italian, tt.group)); got != tt.want {
			t.Errorf("appendNumber(%d, %d, it=%v, group=%v) = %q, want %q", tt.v, tt.scale, tt.italian, tt.group, got, tt.want)
		}
	}
}

func TestLargestRemainder(t *testing.T) {
	tests := []struct {
		total   int64
		weights []int64
		want    []int64
	}{
		{10, []int64{1, 1, 1}, []int64{4, 3, 3}},
		{100, []int64{3, 1}, []int64{75, 25}},
		{7, []int64{0, 5, 0}, []int64{0, 7, 0}},
		{0, []int64{1, 2}, []int64{0, 0}},
		{5, []int64{1, 1, 1, 1, 1, 1}, []int64{1, 1, 1, 1, 1, 0}},
	}
	for _, tt := range tests {
		if got := largestRemainder(tt.total, tt.weights); !slices.Equal(got, tt.want) {
			t.Errorf("largestRemainder(%d, %v) = %v, want %v", tt.total, tt.weights, got, tt.want)
		}
	}
}

func TestGroupTemas(t *testing.T) {
	s := mustAnalyse(t, buildMap(t, chamberMap))
	for k := 1; k <= len(s.temas); k++ {
		groups := groupTemas(s, k)
		if len(groups) != k {
			t.Fatalf("k=%d: %d groups", k, len(groups))
		}
		var all []int
		for _, g := range groups {
			if len(g) == 0 {
				t.Fatalf("k=%d: empty group in %v", k, groups)
			}
			all = append(all, g...)
		}
		if !slices.Equal(all, s.temas) {
			t.Fatalf("k=%d: groups %v do not cut the temas %v in order", k, groups, s.temas)
		}
	}
}

// BenchmarkGenerateDaily writes the daily time sheet of 10,000 people
// (about a million tempi rows) as CSV.
func BenchmarkGenerateDaily(b *testing.B) {
	m := buildMap(b, chamberMap)
	const people = 10000
	dir := b.TempDir()
	for b.Loop() {
		if err := Generate(dir, m, Config{People: people, Seed: 1, Format: CSV, Daily: true}); err != nil {
			b.Fatal(err)
		}
	}
	data, err := os.ReadFile(filepath.Join(dir, "tempi.csv"))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	rows := bytes.Count(data, []byte("\n")) - 1
	b.ReportMetric(float64(rows), "righe/op")
	b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "righe/s")
}

// TestSpreadLedger: --ledger N gives N ledger lines with the same totals by
// voce, and leaves every other table as it is.
func TestSpreadLedger(t *testing.T) {
	m := buildMap(t, chamberMap)
	for _, n := range []int{0, 10, 333, 1200} {
		t.Run(strconv.Itoa(n), func(t *testing.T) {
			plain, spread := t.TempDir(), t.TempDir()
			if err := Generate(plain, m, Config{People: 150, Seed: 3}); err != nil {
				t.Fatal(err)
			}
			if err := Generate(spread, m, Config{People: 150, Seed: 3, Ledger: n}); err != nil {
				t.Fatal(err)
			}
			a, b := readFolder(t, plain), readFolder(t, spread)
			totals := func(f folder) map[string]int64 {
				sum := map[string]int64{}
				for _, l := range f.records("contabilita") {
					euro, cents, _ := strings.Cut(l["importo"], ".")
					c, err := strconv.ParseInt(euro+(cents + "00")[:2], 10, 64)
					if err != nil || len(cents) > 2 {
						t.Fatalf("importo %q", l["importo"])
					}
					sum[l["voce"]] += c
				}
				return sum
			}
			if got, want := totals(b), totals(a); !reflect.DeepEqual(got, want) {
				t.Errorf("totals by voce %v, want %v", got, want)
			}
			if got, want := len(b.records("contabilita")), max(n, len(a.records("contabilita"))); got != want {
				t.Errorf("%d ledger lines, want %d", got, want)
			}
			for _, table := range tableNames {
				if table != "contabilita" && !reflect.DeepEqual(b[table], a[table]) {
					t.Errorf("table %s changed", table)
				}
			}
		})
	}
}
