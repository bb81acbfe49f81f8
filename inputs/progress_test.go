package inputs

import (
	"testing"
)

func TestProgressCountsEveryByte(t *testing.T) {
	dir := "../costing/testdata/fase1" // a small folder with its own mappa
	var n int64
	in, err := Read(dir, Options{Progress: func(k int64) { n += k }})
	if err != nil {
		t.Fatal(err)
	}
	var want int64
	for _, f := range in.Files {
		want += f.Size
	}
	if want == 0 || n < want {
		t.Errorf("progress saw %d bytes, the files hold %d", n, want)
	}
}
