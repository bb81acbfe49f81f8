package costing

import (
	"fmt"
	"path/filepath"
	"testing"

	"camcost/inputs"
	"camcost/inputs/generate"
	"camcost/model"
	"camcost/seeds"
)

// BenchmarkCompute costs generated chambers of growing size with the
// official map: the engine alone, inputs already read. Run with
// "make bench" or "go test -bench Compute -run ^$ ./costing".
func BenchmarkCompute(b *testing.B) {
	m, err := seeds.Map()
	if err != nil {
		b.Fatal(err)
	}
	for _, people := range []int{150, 6000, 60000} {
		for _, method := range model.Methods() {
			b.Run(fmt.Sprintf("people=%d/%s", people, method), func(b *testing.B) {
				in := generated(b, m, people)
				in.Settings.Method = method
				b.ReportAllocs()
				b.ResetTimer()
				for b.Loop() {
					if _, err := Compute(in); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(people), "people")
			})
		}
	}
}

var generatedCache = map[int]*model.Inputs{}

// generated writes a chamber of the given size once per process and reads
// it back.
func generated(b testing.TB, m *model.Map, people int) *model.Inputs {
	b.Helper()
	if in, ok := generatedCache[people]; ok {
		cp := *in
		return &cp
	}
	dir := filepath.Join(b.TempDir(), "in")
	if err := generate.Generate(dir, m, generate.Config{People: people, Bodies: 1, Seed: 1, Format: generate.CSV}); err != nil {
		b.Fatal(err)
	}
	in, err := inputs.Read(dir, inputs.Options{DefaultMap: m})
	if err != nil {
		b.Fatal(err)
	}
	generatedCache[people] = in
	cp := *in
	return &cp
}
