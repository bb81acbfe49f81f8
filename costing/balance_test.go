package costing

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/shopspring/decimal"

	"camcost/model"
)

// balance moves the same cents as balanceRef, the first implementation,
// which costs every move in decimals: on random leaves whose remainders
// are held in int64 counts (the fast path) or not.
func TestBalanceSameAsRef(t *testing.T) {
	moves := 0
	bufs := new(engineBufs) // reused from problem to problem, as in a run
	for seed := range uint64(400) {
		r := rand.New(rand.NewPCG(seed, 11))
		leaves := 1 + r.IntN(30)
		e := &engine{nodes: make([]model.Node, leaves), bufs: bufs}
		gives := make([][model.NumCostVoci]bool, leaves)
		var xs []amt
		var where []costElem
		var got []int64
		for i := range leaves {
			for c := range model.NumCostVoci {
				gives[i][c] = r.IntN(5) == 0
				for _, f := range moved {
					if r.IntN(4) == 0 {
						continue
					}
					var x amt
					switch r.IntN(4) {
					case 0: // whole cents
						x = amtOf(decimal.NewFromInt(r.Int64N(2000) - 500))
					case 1: // a few remainders, ties of cost
						x = amtOf(decimal.New(r.Int64N(200000)-50000, -2).Add(decimal.New([]int64{25, 50, 75}[r.IntN(3)], -2)))
					case 2: // more decimals than an amt holds: slow
						if seed%2 == 0 {
							x = amtOf(decimal.New(r.Int64N(1<<60), -20))
							break
						}
						fallthrough
					default: // cents with ten decimals
						x = amtOf(decimal.New(r.Int64N(2_000_000_000_000)-500_000_000_000, -10))
					}
					fl, _ := x.floorRem()
					xs = append(xs, x)
					where = append(where, costElem{leaf: i, c: c, fig: f})
					got = append(got, fl+r.Int64N(3)-(r.Int64N(2)))
				}
			}
		}
		var ledger [model.NumVoci]decimal.Decimal
		cents := make([][numFigures][model.NumCostVoci]int64, leaves)
		var sums [model.NumCostVoci]int64
		for k, w := range where {
			cents[w.leaf][w.fig][w.c] = got[k]
			if !gives[w.leaf][w.c] {
				sums[w.c] += got[k]
			}
		}
		// Ledger totals off by a few cents per voce, summing to the same.
		var shift [model.NumCostVoci]int64
		for range r.IntN(6) {
			a, b := r.IntN(model.NumCostVoci), r.IntN(model.NumCostVoci)
			shift[a]++
			shift[b]--
		}
		for c := range model.NumCostVoci {
			ledger[costVoce[c]] = decimal.New(sums[c]+shift[c], -model.CentPlaces)
		}
		got2, cents2 := slices.Clone(got), slices.Clone(cents)
		err := e.balance(ledger, xs, where, got, cents, gives)
		werr := e.balanceRef(ledger, xs, where, got2, cents2, gives)
		if fmt.Sprint(err) != fmt.Sprint(werr) {
			t.Fatalf("seed %d: error %v, want %v", seed, err, werr)
		}
		if !slices.Equal(got, got2) || !slices.Equal(cents, cents2) {
			t.Fatalf("seed %d: got %v, want %v", seed, got, got2)
		}
		if err == nil && shift != [model.NumCostVoci]int64{} {
			moves++
		}
	}
	if moves < 50 {
		t.Errorf("%d problems balanced with moves, want at least 50", moves)
	}
}

func (e *engine) balanceRef(ledger [model.NumVoci]decimal.Decimal, xs []amt, where []costElem, got []int64, cents [][numFigures][model.NumCostVoci]int64, gives [][model.NumCostVoci]bool) error {
	var off [model.NumCostVoci]int64
	for c := range model.NumCostVoci {
		off[c] = -ledger[costVoce[c]].Mul(centsPerEuro).IntPart()
	}
	for i := range e.nodes {
		for c := range model.NumCostVoci {
			if !gives[i][c] {
				for _, f := range moved {
					off[c] += cents[i][f][c]
				}
			}
		}
	}
	if off == [model.NumCostVoci]int64{} {
		return nil
	}
	// at[leaf][fig][c] is 1 + the element of that figure and voce of the
	// leaf, 0 for none.
	at := make([][numFigures][model.NumCostVoci]int32, len(e.nodes))
	for k, w := range where {
		at[w.leaf][w.fig][w.c] = int32(k + 1)
	}
	// The floor and the remainder of each element.
	floor := make([]int64, len(xs))
	rem := make([]amt, len(xs))
	for k, x := range xs {
		floor[k], rem[k] = x.floorRem()
	}
	one := amtOf(decimal.New(1, 0))
	for {
		from, to := -1, -1
		for c := range model.NumCostVoci {
			if off[c] > 0 && from < 0 {
				from = c
			}
			if off[c] < 0 && to < 0 {
				to = c
			}
		}
		if from < 0 && to < 0 {
			return nil
		}
		if from < 0 || to < 0 {
			return fmt.Errorf("costing: internal error: costo pieno by voce off by %v cents", off)
		}
		// Best move: cost is the change of |rounded - exact| of the two
		// figures, taking a cent from element k and giving it to j;
		// within bounds when the first was rounded up and the second
		// down. With g = got[k] - floor[k] and h = got[j] - floor[j], the
		// change is, for k: -1 when g >= 2, 2r-1 when g = 1, 1 when g <=
		// 0; for j: 1 when h >= 1, 1-2r when h = 0, -1 when h <= -1 (r
		// the remainder).
		best, bestJ, bestIn := -1, -1, false
		var bestCost amt
		for k, w := range where {
			if w.c != from || w.fig == Direct || gives[w.leaf][from] || gives[w.leaf][to] {
				continue
			}
			j := int(at[w.leaf][w.fig][to]) - 1
			if j < 0 {
				continue
			}
			g, h := got[k]-floor[k], got[j]-floor[j]
			in := g > 0 && (h < 0 || (h == 0 && !rem[j].isZero()))
			var units int64
			var cost amt
			switch {
			case g >= 2:
				units--
			case g == 1:
				units--
				cost = rem[k].add(rem[k])
			default:
				units++
			}
			switch {
			case h >= 1:
				units++
			case h == 0:
				units++
				cost = cost.add(rem[j].negate()).add(rem[j].negate())
			default:
				units--
			}
			for ; units > 0; units-- {
				cost = cost.add(one)
			}
			for ; units < 0; units++ {
				cost = cost.add(one.negate())
			}
			if best < 0 || (in && !bestIn) || (in == bestIn && cost.cmp(bestCost) < 0) {
				best, bestJ, bestIn, bestCost = k, j, in, cost
			}
		}
		if best < 0 {
			return fmt.Errorf("costing: internal error: no leaf can bring the costo pieno of %s and %s back to the ledger", model.CostVoci()[from], model.CostVoci()[to])
		}
		k, j := best, bestJ
		got[k]--
		got[j]++
		cents[where[k].leaf][where[k].fig][from]--
		cents[where[j].leaf][where[j].fig][to]++
		off[from]--
		off[to]++
	}
}
