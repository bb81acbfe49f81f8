package main

import (
	"math/big"
	"path/filepath"
	"testing"

	"camcost/inputs"
	"camcost/model"
	"camcost/seeds"
)

// In costs.csv of the demo, every servizio's fte is the FTE of its time
// sheets (Σ fte·mesi/12 times each person's share of time on the servizio
// and its attività), summed exactly and rounded once: the floor or the
// ceiling at four decimals, never the sum of rounded attività. Read from
// the files, as an auditor would.
func TestDemoServizioFTEIsTheTimeSheetsRoundedOnce(t *testing.T) {
	dir := demoFolder(t)
	out := filepath.Join(t.TempDir(), "out")
	if code, _, stderr := camcost(t, "run", dir, "--out", out); code != 0 {
		t.Fatal(stderr)
	}
	m, err := seeds.Map()
	if err != nil {
		t.Fatal(err)
	}
	in, err := inputs.Read(dir, inputs.Options{DefaultMap: m})
	if err != nil {
		t.Fatal(err)
	}
	// Exact FTE booked on every code, in rationals.
	booked := map[model.Code]*big.Rat{}
	for _, p := range in.People {
		fte := new(big.Rat).Mul(ratOf(t, p.FTE.String()), ratOf(t, p.Mesi.String()))
		fte.Quo(fte, big.NewRat(12, 1))
		total := new(big.Rat)
		for _, b := range p.Bookings {
			total.Add(total, ratOf(t, b.Qty.String()))
		}
		for _, b := range p.Bookings {
			share := new(big.Rat).Quo(ratOf(t, b.Qty.String()), big.NewRat(100, 1))
			if in.TimeUnit == model.Hours {
				share.Quo(ratOf(t, b.Qty.String()), total)
			}
			if booked[b.Code] == nil {
				booked[b.Code] = new(big.Rat)
			}
			booked[b.Code].Add(booked[b.Code], share.Mul(share, fte))
		}
	}
	header, rows := readCSV(t, filepath.Join(out, "costs.csv"))
	code, level, fteCol := column(t, header, "code"), column(t, header, "level"), column(t, header, "fte")
	unit := big.NewRat(1, 10000)
	checked, nearest := 0, 0
	for _, r := range rows {
		if r[level] != model.LevelServizio.String() {
			continue
		}
		exact := new(big.Rat)
		for c, q := range booked {
			if c == model.Code(r[code]) || m.Has(c) && isBelow(m, c, model.Code(r[code])) {
				exact.Add(exact, q)
			}
		}
		got := ratOf(t, r[fteCol])
		d := new(big.Rat).Sub(got, exact)
		if d.Abs(d).Cmp(unit) >= 0 {
			t.Errorf("%s: fte %s, time sheets %s", r[code], r[fteCol], exact.FloatString(8))
		}
		if exact.FloatString(4) == got.FloatString(4) {
			nearest++
		}
		checked++
	}
	if checked < 100 {
		t.Errorf("only %d servizi checked", checked)
	}
	t.Logf("%d servizi, %d at the nearest ten-thousandth, the others one away", checked, nearest)
}

// isBelow reports whether code lies under anc in the map.
func isBelow(m *model.Map, code, anc model.Code) bool {
	for _, a := range m.Ancestors(code) {
		if a == anc {
			return true
		}
	}
	return false
}

func ratOf(t *testing.T, s string) *big.Rat {
	t.Helper()
	r, ok := new(big.Rat).SetString(s)
	if !ok {
		t.Fatalf("not a number: %q", s)
	}
	return r
}
