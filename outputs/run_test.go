package outputs

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
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

// TestWriteBodyParallel: writing a body's files several at a time gives
// the files and the manifest of writing them one by one.
func TestWriteBodyParallel(t *testing.T) {
	res := fixture.Result(t)
	info := fixtureInfo(res)
	var want []byte
	for _, n := range []int{1, 2, 3, 8} {
		dir := t.TempDir()
		if _, err := WriteBodyParallel(dir, res, info, n); err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(filepath.Join(dir, ManifestFile))
		if err != nil {
			t.Fatal(err)
		}
		if want == nil {
			want = got
		} else if string(got) != string(want) {
			t.Errorf("%d at a time: manifest differs from writing one at a time:\n%s\nwant:\n%s", n, got, want)
		}
	}
}

// TestWriteBodyParallelError: when files cannot be written, the error names
// the first of them in the manifest's order, however many are written at
// a time.
func TestWriteBodyParallelError(t *testing.T) {
	res := fixture.Result(t)
	info := fixtureInfo(res)
	for _, n := range []int{1, 2, 5} {
		for range 5 {
			dir := t.TempDir()
			for _, name := range []string{IndicWorkbook, TraceFile} {
				if err := os.Mkdir(filepath.Join(dir, name), 0o755); err != nil {
					t.Fatal(err)
				}
			}
			_, err := WriteBodyParallel(dir, res, info, n)
			if err == nil || !strings.HasPrefix(err.Error(), "scrittura di "+TraceFile+":") {
				t.Fatalf("%d at a time: error %v, want one about %s", n, err, TraceFile)
			}
			if _, err := os.Stat(filepath.Join(dir, ManifestFile)); !os.IsNotExist(err) {
				t.Errorf("%d at a time: a manifest was written (%v)", n, err)
			}
		}
	}
}
