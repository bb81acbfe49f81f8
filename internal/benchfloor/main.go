// Command benchfloor is the floor of make bench: the least work any engine
// must do on a run folder of CSVs, reading every file with encoding/csv and
// parsing every numeric field as an exact decimal. Its wall time is the floor
// of a run's time on those files. It is a copy, identical in its logic, of
// the "floor" program of the shared benchmark references of issue 14, kept
// here so that make bench measures it in the same run as camcost.
package main

import (
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/shopspring/decimal"
)

func main() {
	files, _ := filepath.Glob(filepath.Join(os.Args[1], "*.csv"))
	sum, rows := decimal.Zero, 0
	for _, p := range files {
		f, err := os.Open(p)
		if err != nil {
			panic(err)
		}
		r := csv.NewReader(f)
		r.ReuseRecord = true
		for {
			rec, err := r.Read()
			if err == io.EOF {
				break
			}
			if err != nil {
				panic(err)
			}
			rows++
			for _, v := range rec {
				if len(v) > 0 && (v[0] >= '0' && v[0] <= '9' || v[0] == '-') {
					if d, err := decimal.NewFromString(v); err == nil {
						sum = sum.Add(d)
					}
				}
			}
		}
		f.Close()
	}
	fmt.Fprintln(os.Stderr, rows, "rows")
}
