package outputs

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"camcost/internal/fixture"
)

// TestWriteBodyWritesWorkbooks: a run leaves the three workbooks beside the
// CSV files, each listed in the manifest with the hash of its bytes, and a
// second run of the same result writes the same bytes.
func TestWriteBodyWritesWorkbooks(t *testing.T) {
	res := fixture.Result(t)
	info := fixtureInfo(res)
	var manifests []*Manifest
	for range 2 {
		dir := t.TempDir()
		m, err := WriteBody(dir, res, info)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, f := range m.Outputs {
			names = append(names, f.Name)
			sum, size, err := HashFile(filepath.Join(dir, f.Name))
			if err != nil || sum != f.SHA256 || size != f.Size {
				t.Errorf("%s: hash %s size %d (%v), manifest says %s %d", f.Name, sum, size, err, f.SHA256, f.Size)
			}
		}
		want := []string{CostsFile, TraceFile, CostiWorkbook, ContoWorkbook, IndicWorkbook}
		if !reflect.DeepEqual(names, want) {
			t.Errorf("outputs %v, want %v", names, want)
		}
		if _, err := os.Stat(filepath.Join(dir, ManifestFile)); err != nil {
			t.Error(err)
		}
		manifests = append(manifests, m)
	}
	if !reflect.DeepEqual(manifests[0].Outputs, manifests[1].Outputs) {
		t.Errorf("two runs of the same result wrote different files:\n%v\n%v", manifests[0].Outputs, manifests[1].Outputs)
	}
}
