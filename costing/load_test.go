package costing

import (
	"testing"

	"camcost/inputs"
	"camcost/model"
)

// loadFolder reads a run folder of costing/testdata with the inputs
// package, as camcost run does; each folder carries its own mappa.
func loadFolder(t testing.TB, dir string) *model.Inputs {
	t.Helper()
	in, err := inputs.Read(dir, inputs.Options{})
	if err != nil {
		t.Fatalf("%s: %v", dir, err)
	}
	return in
}
