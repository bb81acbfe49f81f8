// Command benchrun times camcost end to end on four generated scenarios
// (make bench): a medium chamber, a national run of 60 chambers, a stress
// run of 100,000 people and a ledger-heavy run of 20,000 people with 2,000
// ledger lines. For each it prints, measured in the same run, the wall time
// and peak memory of "camcost run" with every output; of "camcost validate
// --read-only" (reading the inputs as camcost does); of the floor
// (internal/benchfloor: encoding/csv and an exact decimal for every number)
// and of the peer (peer_pandas.py: the pandas script an analyst would
// write), and the ratios run/floor and peer/run. Floor and peer read plain
// CSV folders only; the other scenarios show "-" there. Each time is the
// median of several rounds, with the spread (fastest-slowest) beside it. The
// generated folders are cached.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"
)

type scenario struct {
	name   string
	dir    string
	gen    []string // camcost generate arguments after the folder
	csv    bool     // plain CSV folder: the floor and the peer can read it
	rounds int
}

var scenarios = []scenario{
	{"media: 1 camera, 150 persone (xlsx)", "medium", []string{"--people", "150", "--seed", "1", "--format", "xlsx"}, false, 7},
	{"nazionale: 60 camere, ~6.000 persone (csv-it)", "national", []string{"--people", "6000", "--bodies", "60", "--seed", "1", "--format", "csv-it"}, false, 5},
	{"carico: 100.000 persone (csv)", "stress", []string{"--people", "100000", "--seed", "7", "--format", "csv"}, true, 5},
	{"contabilità: 20.000 persone, 2.000 righe (csv)", "ledger", []string{"--people", "20000", "--ledger", "2000", "--seed", "3", "--format", "csv"}, true, 5},
}

type measure struct {
	wall, lo, hi time.Duration // median, fastest, slowest
	rss          int64         // KiB, the largest of the rounds
}

func (m measure) String() string {
	if m.wall == 0 {
		return fmt.Sprintf("%22s %6s", "-", "-")
	}
	return fmt.Sprintf("%6.3fs (%5.3f-%5.3f) %4dMB", m.wall.Seconds(), m.lo.Seconds(), m.hi.Seconds(), m.rss/1024)
}

func main() {
	bin := flag.String("bin", "bin/camcost", "the camcost binary to measure")
	floorBin := flag.String("floor", "bin/benchfloor", "the floor binary (internal/benchfloor)")
	peer := flag.String("peer", "internal/benchrun/peer_pandas.py", "the pandas peer script; empty to skip it")
	python := flag.String("python", "/usr/bin/python3", "the Python with pandas and openpyxl that runs the peer")
	cache := flag.String("cache", ".bench", "folder of the generated inputs, kept between runs")
	only := flag.String("only", "", "run only the scenarios whose folder name contains this")
	rounds := flag.Int("rounds", 0, "rounds of each measure (0: each scenario's own)")
	flag.Parse()
	if err := os.MkdirAll(*cache, 0o755); err != nil {
		fail(err)
	}
	if *peer != "" {
		if err := exec.Command(*python, "-c", "import pandas, openpyxl").Run(); err != nil {
			fmt.Fprintf(os.Stderr, "nota: %s non ha pandas e openpyxl (.ci/install-bench-deps): colonna peer saltata\n", *python)
			*peer = ""
		}
	}
	nodes := filepath.Join(*cache, "nodes.csv")
	if *peer != "" {
		if _, err := time1(*bin, "map", "--out", nodes); err != nil {
			fail(err)
		}
	}
	fmt.Printf("%-48s %-29s %-29s %-29s %-29s %9s %8s\n", "scenario", "run", "lettura (validate)", "floor", "peer (pandas)", "run/floor", "peer/run")
	for _, s := range scenarios {
		if *only != "" && !strings.Contains(s.dir, *only) {
			continue
		}
		n := s.rounds
		if *rounds > 0 {
			n = *rounds
		}
		in := filepath.Join(*cache, s.dir)
		if _, err := os.Stat(in); err != nil {
			fmt.Fprintf(os.Stderr, "generating %s ...\n", in)
			if _, err := time1(*bin, append([]string{"generate", in + ".tmp", "--force"}, s.gen...)...); err != nil {
				fail(err)
			}
			if err := os.Rename(in+".tmp", in); err != nil {
				fail(err)
			}
		}
		out := filepath.Join(*cache, s.dir+"-out")
		var floor, pd measure
		read := median(n, *bin, "validate", in, "--read-only")
		run := median(n, *bin, "run", in, "--out", out, "--quiet")
		if s.csv {
			floor = median(n, *floorBin, in)
			if *peer != "" {
				pd = median(n, *python, *peer, nodes, in, filepath.Join(*cache, s.dir+"-peer"))
			}
		}
		fmt.Printf("%-48s %-29s %-29s %-29s %-29s %9s %8s\n", s.name, run, read, floor, pd,
			ratio(run, floor), ratio(pd, run))
	}
}

func ratio(a, b measure) string {
	if a.wall == 0 || b.wall == 0 {
		return "-"
	}
	return fmt.Sprintf("%.2f", a.wall.Seconds()/b.wall.Seconds())
}

// median runs a command rounds times and returns the median, fastest and
// slowest wall time and the largest peak memory.
func median(rounds int, bin string, args ...string) measure {
	var walls []time.Duration
	var rss int64
	for range rounds {
		m, err := time1(bin, args...)
		if err != nil {
			fail(err)
		}
		walls = append(walls, m.wall)
		rss = max(rss, m.rss)
	}
	slices.Sort(walls)
	return measure{walls[len(walls)/2], walls[0], walls[len(walls)-1], rss}
}

func time1(bin string, args ...string) (measure, error) {
	cmd := exec.Command(bin, args...)
	cmd.Stdout = nil
	var stderr strings.Builder
	cmd.Stderr = &stderr
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if err != nil {
		return measure{}, fmt.Errorf("%s %s: %v\n%s", bin, strings.Join(args, " "), err, stderr.String())
	}
	var rss int64
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		rss = ru.Maxrss
	}
	return measure{wall: wall, rss: rss}, nil
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "benchrun:", err)
	os.Exit(1)
}
