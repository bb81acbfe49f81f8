package costing

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// fnHeap pops its items in the order of less, whatever the pushes and
// pops before: the least item of those pushed and not yet popped, ties
// of key broken by level. Keys and levels are drawn from few values, so
// that ties are many.
func TestFnHeapOrder(t *testing.T) {
	for seed := range uint64(200) {
		r := rand.New(rand.NewPCG(seed, 3))
		var h fnHeap
		var in []fnItem // what the heap holds, unordered
		for op := range 2000 {
			if len(in) == 0 || r.IntN(3) > 0 {
				x := fnItem{key: r.Int64N(20) - 5, h: r.Int32N(4), slot: int32(op)}
				h.push(x)
				in = append(in, x)
				continue
			}
			got := h.pop()
			k := 0
			for j := range in {
				if in[j].less(in[k]) {
					k = j
				}
			}
			if want := in[k]; got.key != want.key || got.h != want.h {
				t.Fatalf("seed %d op %d: popped key %d level %d, want key %d level %d", seed, op, got.key, got.h, want.key, want.h)
			}
			i := slices.IndexFunc(in, func(x fnItem) bool { return x == got })
			if i < 0 {
				t.Fatalf("seed %d op %d: popped %v, never pushed or popped twice", seed, op, got)
			}
			in = slices.Delete(in, i, i+1)
		}
		if len(h) != len(in) {
			t.Fatalf("seed %d: heap holds %d items, want %d", seed, len(h), len(in))
		}
	}
}

func TestFnItemLessBit(t *testing.T) {
	vals := []int64{-1 << 62, -3, 0, 3, 1 << 62}
	for _, xk := range vals {
		for _, yk := range vals {
			for xh := range int32(3) {
				for yh := range int32(3) {
					x, y := fnItem{key: xk, h: xh}, fnItem{key: yk, h: yh}
					want := 0
					if x.less(y) {
						want = 1
					}
					if got := x.lessBit(&y); got != want {
						t.Errorf("%v.lessBit(%v) = %d, want %d", x, y, got, want)
					}
				}
			}
		}
	}
}
