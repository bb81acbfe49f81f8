package costing

import (
	"fmt"
	"math/big"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"camcost/model"
	"camcost/seeds"
)

// exactPrint writes every figure of a result, coefficient and exponent,
// and every step.
func exactPrint(res *Result) string {
	var b strings.Builder
	d := func(x decimal.Decimal) { fmt.Fprintf(&b, " %se%d", x.Coefficient(), x.Exponent()) }
	for _, f := range res.Nodes {
		d(f.FTE)
		for c := range model.NumCostVoci {
			d(f.Direct[c])
			d(f.FromCoordination[c])
			d(f.FromSupport[c])
			d(f.ToOthers[c])
			d(f.Full[c])
		}
		for v := range model.NumVoci {
			d(f.Stage1[v])
		}
		b.WriteByte('\n')
	}
	for s := range res.Steps() {
		fmt.Fprintf(&b, "%v\n", s)
	}
	return b.String()
}

// poisoned returns buffers as a larger computation could leave them:
// longer than needed and full of values.
func poisoned() *engineBufs {
	const n = 1 << 14
	b := &engineBufs{
		cells:   make([]cell, n*int(numFigures)*8),
		wide:    make([]amt, 64, 256),
		cents:   make([]int64, n*int(numFigures)*8),
		set:     make([]bool, n*int(numFigures)*8),
		tallies: make([]tally, n/8),
	}
	for i := range b.cells {
		b.cells[i] = cell{v: int64(i), exp: -3, wide: int32(i % 7)}
		b.cents[i] = int64(i)
		b.set[i] = i%3 == 0
	}
	for i := range b.wide {
		b.wide[i] = amtOf(decimal.New(int64(i)+1, -20))
	}
	for range 20 {
		s := &fixedSums{v: make([]i128, n), touched: make([]bool, n), big: map[int]*big.Int{1: big.NewInt(7)}}
		for i := range n {
			s.v[i], s.touched[i] = i128of(int64(i)), true
		}
		b.sums = append(b.sums, s)
	}
	c := &b.costs
	c.gives = make([][model.NumCostVoci]bool, n)
	c.cents = make([][numFigures][model.NumCostVoci]int64, n)
	c.at = make([][numFigures][model.NumCostVoci]int32, n)
	c.floor, c.remU, c.rem = make([]int64, n), make([]int64, n), make([]amt, n)
	for i := range n {
		for f := range numFigures {
			for v := range model.NumCostVoci {
				c.gives[i][v] = true
				c.cents[i][f][v] = int64(i)
				c.at[i][f][v] = int32(i)
			}
		}
		c.floor[i], c.remU[i], c.rem[i] = int64(i), int64(i), amtOf(decimal.New(int64(i), -3))
	}
	for i := range b.tallies {
		for j := range tallySize {
			b.tallies[i].add(j, i128of(int64(i+j)), true)
		}
	}
	return b
}

// A computation in buffers used before gives what it gives in fresh ones.
func TestComputeInReusedBuffers(t *testing.T) {
	m, err := seeds.Map()
	if err != nil {
		t.Fatal(err)
	}
	for _, people := range []int{40, 150} {
		in := generated(t, m, people)
		res, err := compute(in, new(engineBufs))
		if err != nil {
			t.Fatal(err)
		}
		want := exactPrint(res)
		b := poisoned()
		for run := range 2 {
			res, err := compute(generated(t, m, people), b)
			if err != nil {
				t.Fatal(err)
			}
			if got := exactPrint(res); got != want {
				t.Fatalf("people %d, run %d in reused buffers: the result differs", people, run)
			}
		}
		b.clean()
		for name, amts := range map[string][]amt{"wide": b.wide, "xs": b.costs.xs, "rem": b.costs.rem} {
			for i, a := range amts[:cap(amts)] {
				if a != (amt{}) {
					t.Fatalf("people %d: %s amount %d kept after clean: %v", people, name, i, a)
				}
			}
		}
		for name, elems := range map[string][]crElem{"costs": b.costs.elems, "others": b.others.elems} {
			for i, e := range elems[:cap(elems)] {
				if e != (crElem{}) {
					t.Fatalf("people %d: %s element %d kept after clean: %v", people, name, i, e)
				}
			}
		}
	}
}

// A Workspace computing bodies of different sizes one after another gives
// each what Compute gives it alone.
func TestWorkspace(t *testing.T) {
	m, err := seeds.Map()
	if err != nil {
		t.Fatal(err)
	}
	var w Workspace
	for _, people := range []int{150, 40, 90} {
		want, err := Compute(generated(t, m, people))
		if err != nil {
			t.Fatal(err)
		}
		got, err := w.Compute(generated(t, m, people))
		if err != nil {
			t.Fatal(err)
		}
		if exactPrint(got) != exactPrint(want) {
			t.Fatalf("people %d: the Workspace's result differs from Compute's", people)
		}
	}
	if cap(w.b.cells) == 0 || cap(w.b.costs.cr.arcs) == 0 {
		t.Fatal("the Workspace kept no buffers between Computes")
	}
}
