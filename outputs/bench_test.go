package outputs

import (
	"io"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"camcost/costing"
	"camcost/inputs"
	"camcost/inputs/generate"
	"camcost/seeds"
)

// benchChamber is a generated chamber, costed, for the benchmarks of the
// writers: medium is the 150 people of make bench's first scenario, ledger
// a chamber whose ledger is spread over 2,000 lines (trace.csv of a few
// hundred thousand steps).
type benchChamber struct {
	name string
	cfg  generate.Config
}

var benchChambers = []benchChamber{
	{"medium", generate.Config{People: 150, Bodies: 1, Seed: 1, Format: generate.CSV}},
	{"ledger", generate.Config{People: 2000, Bodies: 1, Seed: 3, Format: generate.CSV, Ledger: 2000}},
}

var (
	benchMu      sync.Mutex
	benchResults = map[string]*costing.Result{}
)

// benchResult generates and costs a chamber once per process.
func benchResult(b testing.TB, c benchChamber) *costing.Result {
	b.Helper()
	benchMu.Lock()
	defer benchMu.Unlock()
	if res, ok := benchResults[c.name]; ok {
		return res
	}
	m, err := seeds.Map()
	if err != nil {
		b.Fatal(err)
	}
	dir := filepath.Join(b.TempDir(), "in")
	if err := generate.Generate(dir, m, c.cfg); err != nil {
		b.Fatal(err)
	}
	in, err := inputs.Read(dir, inputs.Options{DefaultMap: m})
	if err != nil {
		b.Fatal(err)
	}
	res, err := costing.Compute(in)
	if err != nil {
		b.Fatal(err)
	}
	benchResults[c.name] = res
	return res
}

// BenchmarkWriteBody writes every output of a body into a folder, as a run
// does: "go test -run '^$' -bench WriteBody ./outputs".
func BenchmarkWriteBody(b *testing.B) {
	for _, c := range benchChambers {
		b.Run(c.name, func(b *testing.B) {
			res := benchResult(b, c)
			info := NewRunInfo(res, c.name)
			dir := b.TempDir()
			b.ReportAllocs()
			b.ResetTimer()
			cpu, sys := processCPU()
			for b.Loop() {
				if _, err := WriteBody(dir, res, info); err != nil {
					b.Fatal(err)
				}
			}
			reportCPU(b, cpu, sys)
		})
	}
}

// BenchmarkWriters times each artefact of a body on its own, written to
// io.Discard.
func BenchmarkWriters(b *testing.B) {
	for _, c := range benchChambers {
		res := benchResult(b, c)
		info := NewRunInfo(res, c.name)
		for _, a := range artefacts(res, info) {
			b.Run(c.name+"/"+a.name, func(b *testing.B) {
				b.ReportAllocs()
				cpu, sys := processCPU()
				for b.Loop() {
					if err := a.write(io.Discard); err != nil {
						b.Fatal(err)
					}
				}
				reportCPU(b, cpu, sys)
			})
		}
	}
}

// reportCPU reports the CPU time per operation since start, garbage
// collection and every goroutine included.
func reportCPU(b *testing.B, start, startSys time.Duration) {
	if start > 0 && b.N > 0 {
		cpu, sys := processCPU()
		b.ReportMetric(float64(cpu-start)/float64(b.N), "cpu-ns/op")
		b.ReportMetric(float64(sys-startSys)/float64(b.N), "sys-ns/op")
	}
}
