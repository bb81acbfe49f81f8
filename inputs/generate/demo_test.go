package generate

import (
	"bytes"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"camcost/costing"
	"camcost/seeds"
)

var update = flag.Bool("update", false, "regenerate the embedded demo in demo/")

// The checked-in demo is exactly what the generator makes of DemoConfig on
// the default map. Run go test -update after changing either.
func TestDemoIsCurrent(t *testing.T) {
	m, err := seeds.Map()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := Generate(dir, m, DemoConfig); err != nil {
		t.Fatal(err)
	}
	got := readTree(t, dir)
	if want := keys(got); len(want) != len(DemoFiles) {
		t.Fatalf("the demo config writes %v, DemoFiles lists %v", want, DemoFiles)
	}
	for _, name := range DemoFiles {
		if *update {
			if err := os.WriteFile(filepath.Join("demo", name), got[name], 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		embedded, err := fs.ReadFile(Demo(), name)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(embedded, got[name]) {
			t.Errorf("demo/%s is not what the generator writes now: run go test ./inputs/generate -run TestDemoIsCurrent -update", name)
		}
	}
	if *update {
		t.Log("demo/ regenerated: rebuild to embed it")
	}
}

// The demo is a medium chamber that costs without error.
func TestDemoCosts(t *testing.T) {
	m, err := seeds.Map()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, name := range DemoFiles {
		b, err := fs.ReadFile(Demo(), name)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	f := checkFolder(t, dir, m)
	if n := len(f["personale"]) - 1; n != DemoConfig.People {
		t.Errorf("demo has %d people, want %d", n, DemoConfig.People)
	}
	res, err := costing.Compute(toInputs(t, dir, f, m))
	if err != nil {
		t.Fatal(err)
	}
	for _, tot := range res.Totals {
		if !tot.Difference().IsZero() {
			t.Errorf("voce %s: ledger %s, allocated %s", tot.Voce, tot.Ledger, tot.Allocated)
		}
	}
}
