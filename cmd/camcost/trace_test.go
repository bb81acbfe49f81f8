package main

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"testing"

	"github.com/shopspring/decimal"
)

func readCSV(t *testing.T, path string) (header []string, rows [][]string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs[0], recs[1:]
}

func column(t *testing.T, header []string, name string) int {
	t.Helper()
	for i, h := range header {
		if h == name {
			return i
		}
	}
	t.Fatalf("no column %s in %v", name, header)
	return -1
}

// Summing trace.csv reproduces costs.csv: for every node, the amounts of
// the steps whose target is the node or lies below it, by figure, give its
// direct, from_coordination, from_support and to_others, and by voce its
// direct_<voce>; all together its full cost. Read from the files, as an
// auditor would, for every method.
func TestTraceSumsToCosts(t *testing.T) {
	in := demoFolder(t)
	for _, method := range []string{"diretto", "scalare", "reciproco"} {
		out := filepath.Join(t.TempDir(), method)
		if code, _, stderr := camcost(t, "run", in, "--out", out, "--method", method); code != 0 {
			t.Fatal(stderr)
		}
		ch, costs := readCSV(t, filepath.Join(out, "costs.csv"))
		th, trace := readCSV(t, filepath.Join(out, "trace.csv"))
		code, parent := column(t, ch, "code"), column(t, ch, "parent")
		target, amount, figure, voce := column(t, th, "target"), column(t, th, "amount"), column(t, th, "figure"), column(t, th, "voce")

		costVoci := map[string]bool{}
		for _, h := range ch {
			if len(h) > 7 && h[:7] == "direct_" {
				costVoci[h[7:]] = true
			}
		}
		parents := map[string]string{}
		for _, r := range costs {
			parents[r[code]] = r[parent]
		}
		sums := map[string]map[string]decimal.Decimal{} // node -> column -> sum
		add := func(node, col string, d decimal.Decimal) {
			if sums[node] == nil {
				sums[node] = map[string]decimal.Decimal{}
			}
			sums[node][col] = sums[node][col].Add(d)
		}
		for _, r := range trace {
			if !costVoci[r[voce]] {
				continue // revenues and other voci stay at stage 1
			}
			d, err := decimal.NewFromString(r[amount])
			if err != nil {
				t.Fatal(err)
			}
			for n := r[target]; n != ""; n = parents[n] {
				add(n, r[figure], d)
				add(n, "full", d)
				if r[figure] == "direct" {
					add(n, "direct_"+r[voce], d)
				}
			}
		}
		checked := 0
		for _, r := range costs {
			for _, col := range []string{"direct", "from_coordination", "from_support", "to_others", "full",
				"direct_personale", "direct_funzionamento", "direct_interventi_economici", "direct_ammortamenti_accantonamenti"} {
				want := r[column(t, ch, col)]
				if got := sums[r[code]][col].StringFixed(2); got != want {
					t.Errorf("%s: %s %s: trace sums to %s, costs.csv says %s", method, r[code], col, got, want)
				}
				checked++
			}
		}
		if checked < 4000 {
			t.Errorf("checked only %d figures", checked)
		}
	}
}
