package costing

import (
	"slices"
	"sync"
	"testing"

	"github.com/shopspring/decimal"

	"camcost/model"
	"camcost/seeds"
)

// The summaries of a result, on hand-computed cases: the oneri correnti
// are the cost lines of the ledger, and all of them reach the attività.
func TestResultSummaries(t *testing.T) {
	tests := []struct {
		dir        string
		oneri, fte string
	}{
		{"testdata/metodo-diretto", "144000", "5"},
		{"testdata/metodo-reciproco", "144000", "5"},
		{"testdata/fase1", "201500", "3"}, // 128000+30000+19000+12000+6000+1000+3000+2500; 1+0.5+1·6/12+1
	}
	for _, tt := range tests {
		t.Run(tt.dir, func(t *testing.T) {
			res, err := Compute(loadFolder(t, tt.dir))
			if err != nil {
				t.Fatal(err)
			}
			want := decimal.RequireFromString(tt.oneri)
			if got := res.OneriCorrenti(); !got.Equal(want) {
				t.Errorf("OneriCorrenti() = %s, want %s", got, want)
			}
			if got := res.Allocated(); !got.Equal(want) {
				t.Errorf("Allocated() = %s, want %s", got, want)
			}
			if got, want := res.TotalFTE, decimal.RequireFromString(tt.fte); !got.Equal(want) {
				t.Errorf("TotalFTE = %s, want %s", got, want)
			}
		})
	}
}

// TestStepsRead checks the trace as Result.Steps makes it: NumSteps
// steps, the same ones on every reading, also from goroutines reading at
// once (run with -race), and a reading that stops early stops.
func TestStepsRead(t *testing.T) {
	m, err := seeds.Map()
	if err != nil {
		t.Fatal(err)
	}
	res, err := Compute(generated(t, m, 150))
	if err != nil {
		t.Fatal(err)
	}
	first := slices.Collect(res.Steps())
	if len(first) != res.NumSteps() || len(first) == 0 {
		t.Fatalf("%d steps, NumSteps %d", len(first), res.NumSteps())
	}
	same := func(a, b Step) bool {
		return a.Source == b.Source && a.Target == b.Target && a.Voce == b.Voce && a.Driver == b.Driver &&
			a.Key.Equal(b.Key) && a.Share.Equal(b.Share) && a.Amount.Equal(b.Amount) &&
			a.Stage == b.Stage && a.Figure == b.Figure && a.HasKey == b.HasKey
	}
	var wg sync.WaitGroup
	errs := make([]int, 4)
	for g := range errs {
		wg.Go(func() {
			i := 0
			for s := range res.Steps() {
				if !same(s, first[i]) {
					errs[g]++
				}
				i++
			}
			if i != len(first) {
				errs[g]++
			}
		})
	}
	wg.Wait()
	for g, n := range errs {
		if n > 0 {
			t.Errorf("reading %d: %d steps differ", g, n)
		}
	}
	// TraceSteps: the same steps, with amounts in units and codes that
	// name the same key entry and target whenever the Step does.
	i, units := 0, 0
	entries := map[[2]int32]Step{}
	nodes := res.Map.Nodes()
	for s, c := range res.TraceSteps() {
		amount := s.Amount
		if c.HasUnits {
			units++
			if !s.Amount.IsZero() {
				t.Errorf("step %d: Amount %s set beside its units", i, s.Amount)
			}
			amount = decimal.New(c.Units, -model.FlowPlaces)
		}
		s.Amount = amount
		if !same(s, first[i]) || !amount.Equal(first[i].Amount) {
			t.Errorf("step %d in units: %+v %+v, want %+v", i, s, c, first[i])
		}
		if nodes[c.Target].Code != s.Target {
			t.Errorf("step %d: target %d is %s, want %s", i, c.Target, nodes[c.Target].Code, s.Target)
		}
		if (c.Key >= 0) != s.HasKey {
			t.Errorf("step %d: key %d, HasKey %v", i, c.Key, s.HasKey)
		}
		if c.Key >= 0 {
			k := [2]int32{c.Key, c.Entry}
			if e, ok := entries[k]; ok && (!e.Key.Equal(s.Key) || !e.Share.Equal(s.Share)) {
				t.Errorf("step %d: key entry %v gives %s %s, before %s %s", i, k, s.Key, s.Share, e.Key, e.Share)
			}
			entries[k] = s
		}
		i++
	}
	if i != len(first) || units == 0 {
		t.Errorf("TraceSteps: %d steps, %d in units; want %d", i, units, len(first))
	}
	if len(entries) == 0 || len(entries) > i/2 {
		t.Errorf("%d key entries for %d steps: the keys are not shared", len(entries), i)
	}
	n := 0
	for range res.Steps() {
		if n++; n == 10 {
			break
		}
	}
	if n != 10 {
		t.Errorf("a reading stopped at 10 went on to %d", n)
	}
}
