// Command benchrun times camcost end to end on three generated scenarios
// (make bench): a medium chamber, a national run of 60 chambers and a
// stress run of 100,000 people with daily time sheets. For each it prints
// the wall time and peak memory of "camcost run" with every output, and of
// "camcost validate --read-only" on the same folder: reading and parsing the
// inputs, the floor a run cannot go below. The generated folders are cached.
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
	rounds int
}

var scenarios = []scenario{
	{"media: 1 camera, 150 persone (xlsx)", "medium", []string{"--people", "150", "--seed", "1", "--format", "xlsx"}, 5},
	{"nazionale: 60 camere, ~6.000 persone (csv-it)", "national", []string{"--people", "6000", "--bodies", "60", "--seed", "1", "--format", "csv-it"}, 3},
	{"carico: 100.000 persone, tempi giornalieri (csv)", "stress", []string{"--people", "100000", "--daily", "--seed", "7", "--format", "csv"}, 3},
}

type measure struct {
	wall time.Duration
	rss  int64 // KiB
}

func main() {
	bin := flag.String("bin", "bin/camcost", "the camcost binary to measure")
	cache := flag.String("cache", ".bench", "folder of the generated inputs, kept between runs")
	only := flag.String("only", "", "run only the scenarios whose folder name contains this")
	flag.Parse()
	if err := os.MkdirAll(*cache, 0o755); err != nil {
		fail(err)
	}
	fmt.Printf("%-50s %10s %9s   %10s %9s   %s\n", "scenario", "run", "picco", "lettura", "picco", "run/lettura")
	for _, s := range scenarios {
		if *only != "" && !strings.Contains(s.dir, *only) {
			continue
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
		floor := best(s.rounds, *bin, "validate", in, "--read-only")
		run := best(s.rounds, *bin, "run", in, "--out", out, "--quiet")
		fmt.Printf("%-50s %9.3fs %7dMB   %9.3fs %7dMB   %.2f\n", s.name,
			run.wall.Seconds(), run.rss/1024, floor.wall.Seconds(), floor.rss/1024,
			run.wall.Seconds()/floor.wall.Seconds())
	}
}

// best runs a command rounds times and returns the median wall time and
// the largest peak memory.
func best(rounds int, bin string, args ...string) measure {
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
	return measure{walls[len(walls)/2], rss}
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
	return measure{wall, rss}, nil
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "benchrun:", err)
	os.Exit(1)
}
