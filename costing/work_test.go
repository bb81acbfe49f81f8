package costing

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// One crWork rounds a sequence of problems of every size, each as fresh
// buffers round it: nothing a rounding leaves in the buffers changes the
// next.
func TestCRWorkReuse(t *testing.T) {
	ps := crProblems(t, 150)
	r := rand.New(rand.NewPCG(7, 7))
	for range 200 {
		elems, setsA, setsB := randomProblem(r, 1+r.IntN(60))
		ps = append(ps, crProblem{elems, setsA, setsB})
	}
	// Large, small, large: buffers shrink and grow in turn.
	ps = append(ps, crProblems(t, 150)...)
	shared := new(crWork)
	for k, p := range ps {
		got, err := shared.round(p.elems, p.setsA, p.setsB)
		want, werr := new(crWork).round(p.elems, p.setsA, p.setsB)
		if (err == nil) != (werr == nil) || err != nil && err.Error() != werr.Error() {
			t.Fatalf("problem %d: error %v, want %v", k, err, werr)
		}
		if !slices.Equal(got, want) {
			t.Fatalf("problem %d: got %v, want %v", k, got, want)
		}
	}
}

func TestZeroed(t *testing.T) {
	for _, c := range []struct {
		len, cap, n int  // of the slice given, and the length asked
		same        bool // reuses its array
	}{
		{0, 0, 0, false},
		{0, 0, 3, false},
		{1, 4, 4, true},
		{4, 4, 2, true},
		{2, 4, 5, false},
	} {
		in := make([]int64, c.cap)
		for i := range in {
			in[i] = int64(i + 1)
		}
		in = in[:c.len]
		got := zeroed(in, c.n)
		if len(got) != c.n {
			t.Errorf("%+v: len %d, want %d", c, len(got), c.n)
		}
		for i, v := range got {
			if v != 0 {
				t.Errorf("%+v: [%d] = %d, want 0", c, i, v)
			}
		}
		if same := c.n > 0 && c.cap > 0 && &got[0] == &in[:1][0]; same != c.same {
			t.Errorf("%+v: reuses the array: %v, want %v", c, same, c.same)
		}
	}
}

// After every round of solve, in lists exactly the vertices of Z with an
// edge into t, and atIn places them.
func TestFnRoundIn(t *testing.T) {
	rounds := 0
	fnRoundCheck = func(r *fnRound) {
		rounds++
		want := 0
		for v := range r.inZ {
			if r.inZ[v] && r.toT[v] >= 0 {
				want++
				if k := r.atIn[v]; k <= 0 || int(k) > len(r.in) || r.in[k-1] != int32(v) {
					t.Fatalf("round %d: vertex %d of Z with an edge into t at %d of %v", rounds, v, k, r.in)
				}
			} else if r.atIn[v] != 0 {
				t.Fatalf("round %d: vertex %d (in Z %v, edge into t %d) placed at %d", rounds, v, r.inZ[v], r.toT[v], r.atIn[v])
			}
		}
		if len(r.in) != want {
			t.Fatalf("round %d: %d vertices listed, want %d", rounds, len(r.in), want)
		}
	}
	defer func() { fnRoundCheck = nil }()
	r := rand.New(rand.NewPCG(5, 5))
	for range 300 {
		elems, setsA, setsB := randomProblem(r, 1+r.IntN(80))
		new(crWork).round(elems, setsA, setsB) // amounts out of range fail: fine here

	}
	for _, p := range crProblems(t, 40) {
		if _, err := new(crWork).round(p.elems, p.setsA, p.setsB); err != nil {
			t.Fatal(err)
		}
	}
	if rounds < 1000 {
		t.Errorf("%d rounds checked, want at least 1000", rounds)
	}
}
