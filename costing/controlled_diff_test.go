package costing

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/shopspring/decimal"
)

// The fast controlledRound must round every problem exactly as the
// reference (controlled_ref_test.go) does, and fail where it fails with the
// same message.

// sameAsRef reports how controlledRound and the reference differ on a
// problem, or "" when they agree. The reference reads every value as a
// decimal; controlledRound reads the engine's elements (crElemOf) as
// they are, without one.
func sameAsRef(elems []crElem, setsA, setsB []crSet) string {
	got, err := new(crWork).controlledRound(elems, setsA, setsB)
	decimals := make([]crElem, len(elems))
	for k, e := range elems {
		decimals[k] = crElem{x: e.value(), a: e.a, b: e.b}
	}
	want, werr := controlledRoundRef(decimals, setsA, setsB)
	if (err == nil) != (werr == nil) || err != nil && err.Error() != werr.Error() {
		return fmt.Sprintf("error %v, want %v", err, werr)
	}
	if !slices.Equal(got, want) {
		for k := range got {
			if got[k] != want[k] {
				return fmt.Sprintf("element %d (%s) rounds to %d, want %d", k, decimals[k].x, got[k], want[k])
			}
		}
		return fmt.Sprintf("got %v, want %v", got, want)
	}
	return ""
}

// The problems of generated chambers round as the reference rounds them,
// their elements without a decimal (crElemOf) as the same elements with.
func TestControlledRoundSameAsRefGenerated(t *testing.T) {
	for _, people := range []int{40, 150} {
		ps := crProblems(t, people)
		fixed := 0
		for _, p := range ps {
			for _, e := range p.elems {
				if e.fixed {
					fixed++
				}
			}
		}
		if fixed == 0 {
			t.Errorf("people %d: no element without a decimal", people)
		}
		for k, p := range ps {
			if d := sameAsRef(p.elems, p.setsA, p.setsB); d != "" {
				t.Fatalf("people %d problem %d: %s", people, k, d)
			}
		}
	}
}

// laminar builds a random laminar family over n elements, as a forest of
// sets listed in a random order (a set's parent may come after it), with
// chains of sets that have a single child. It returns the sets and each
// element's smallest set (-1 for none).
func laminar(r *rand.Rand, n, sets int) ([]crSet, []int) {
	parent := make([]int, sets)
	for s := range parent {
		parent[s] = -1
		switch {
		case s == 0:
		case r.IntN(5) == 0:
			// a chain: the child of the set just made
			parent[s] = s - 1
		case r.IntN(6) > 0:
			parent[s] = r.IntN(s)
		}
	}
	of := make([]int, n)
	for e := range of {
		of[e] = -1
		if sets > 0 && r.IntN(8) > 0 {
			of[e] = r.IntN(sets)
		}
	}
	// List the sets in a random order.
	perm := r.Perm(sets)
	out := make([]crSet, sets)
	for s, p := range parent {
		out[perm[s]].parent = -1
		if p >= 0 {
			out[perm[s]].parent = perm[p]
		}
	}
	for e, s := range of {
		if s >= 0 {
			of[e] = perm[s]
		}
	}
	return out, of
}

// amountKind draws amounts of one kind, in units.
var amountKinds = []func(r *rand.Rand) decimal.Decimal{
	// whole, often zero or negative
	func(r *rand.Rand) decimal.Decimal { return decimal.NewFromInt(r.Int64N(21) - 10) },
	// exact halves: ties
	func(r *rand.Rand) decimal.Decimal { return decimal.New(r.Int64N(41)-20, 0).Add(decimal.New(5, -1)) },
	// a few remainders shared by many amounts: ties of cost
	func(r *rand.Rand) decimal.Decimal {
		return decimal.New(r.Int64N(2001)-1000, -2).Add(decimal.New([]int64{25, 75, 1, 99}[r.IntN(4)], -2))
	},
	// cents with ten decimals, as the engine gives them
	func(r *rand.Rand) decimal.Decimal {
		return decimal.New(r.Int64N(2_000_000_000_000)-500_000_000_000, -10)
	},
	// remainders at a hair from a tie of the 1/10,000 scale
	func(r *rand.Rand) decimal.Decimal {
		return decimal.New(r.Int64N(2000)*10000+5000+r.Int64N(3)-1, -8)
	},
	// remainders at or next to a half of 1/10,000, near one half: ties
	// that the rounding of the remainders decides
	func(r *rand.Rand) decimal.Decimal {
		return decimal.New(r.Int64N(21)-10, 0).Add(decimal.New(9990+r.Int64N(21), -4).Div(decimal.NewFromInt(2)))
	},
	// big amounts: coefficients of 19 to 30 digits
	func(r *rand.Rand) decimal.Decimal {
		d := decimal.New(r.Int64N(math.MaxInt64), -int32(r.IntN(12)))
		return d.Mul(decimal.New(r.Int64N(1_000_000)-500_000, -int32(r.IntN(9))))
	},
	// many decimals, more than 18
	func(r *rand.Rand) decimal.Decimal {
		return decimal.New(r.Int64N(math.MaxInt64)-math.MaxInt64/2, -int32(19+r.IntN(6)))
	},
	// positive exponents, the zero value, tiny amounts
	func(r *rand.Rand) decimal.Decimal {
		switch r.IntN(3) {
		case 0:
			return decimal.New(r.Int64N(200)-100, int32(r.IntN(4)))
		case 1:
			return decimal.Decimal{}
		}
		return decimal.New(r.Int64N(3)-1, -int32(r.IntN(30)))
	},
}

// randomProblem draws a problem of up to n elements whose amounts are of
// one kind or mixed.
func randomProblem(r *rand.Rand, n int) ([]crElem, []crSet, []crSet) {
	n = 1 + r.IntN(n)
	setsA, ofA := laminar(r, n, r.IntN(n+2))
	setsB, ofB := laminar(r, n, r.IntN(n+2))
	kind := r.IntN(len(amountKinds) + 2)
	elems := make([]crElem, n)
	for e := range elems {
		k := kind
		if k >= len(amountKinds) {
			k = r.IntN(len(amountKinds))
		}
		elems[e] = crElem{x: amountKinds[k](r), a: ofA[e], b: ofB[e]}
	}
	return elems, setsA, setsB
}

func TestControlledRoundSameAsRefRandom(t *testing.T) {
	for seed := range uint64(3000) {
		r := rand.New(rand.NewPCG(seed, 21))
		size := []int{3, 10, 40, 200}[seed%4]
		elems, setsA, setsB := randomProblem(r, size)
		if d := sameAsRef(elems, setsA, setsB); d != "" {
			t.Fatalf("seed %d: %s", seed, d)
		}
	}
}

// Amounts at the edge of the range the rounding accepts, alone and in
// sums whose floors do not fit in 64 bits.
func TestControlledRoundSameAsRefEdges(t *testing.T) {
	limit := decimal.NewFromInt(math.MaxInt64 / 4)
	one, tenth := decimal.NewFromInt(1), decimal.New(1, -1)
	for _, x := range []decimal.Decimal{
		limit, limit.Neg(), limit.Add(one), limit.Neg().Sub(one), limit.Add(tenth), limit.Neg().Sub(tenth),
		limit.Sub(tenth), limit.Neg().Add(tenth), limit.Add(decimal.New(1, -25)), decimal.New(1, 40), decimal.New(-1, 40),
		decimal.New(math.MaxInt64, -10), decimal.New(math.MinInt64, -10), decimal.New(math.MaxInt64, -18).Add(decimal.New(1, -30)),
		// a quotient of 2^64-1 with a remainder: the floor of a negative
		// amount is one more
		decimal.RequireFromString("-18446744073709551615.9"), decimal.RequireFromString("18446744073709551615.9"),
	} {
		for n := 1; n <= 5; n++ {
			elems := make([]crElem, n)
			for e := range elems {
				elems[e] = crElem{x: x, a: 0, b: e % 2}
			}
			setsA, setsB := []crSet{{-1}}, []crSet{{-1}, {0}}
			if d := sameAsRef(elems, setsA, setsB); d != "" {
				t.Fatalf("%d times %s: %s", n, x, d)
			}
		}
	}
}

// FuzzControlledRound decodes the bytes into a problem (families, then
// amounts as coefficients and exponents) and holds the rounding to the
// reference.
func FuzzControlledRound(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte{3, 2, 1, 0, 255, 4, 0, 1, 200, 7, 7, 1})
	for seed := range uint64(10) {
		r := rand.New(rand.NewPCG(seed, 31))
		b := make([]byte, 16+r.IntN(240))
		for i := range b {
			b[i] = byte(r.UintN(256))
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		next := func() int {
			if len(data) == 0 {
				return 0
			}
			b := int(data[0])
			data = data[1:]
			return b
		}
		family := func(n int) []crSet {
			sets := make([]crSet, n)
			for s := range sets {
				sets[s].parent = next()%(n+1) - 1
				if sets[s].parent >= s && next()%2 == 0 || sets[s].parent == s {
					sets[s].parent = -1 // no cycles
				}
			}
			// break any cycle left by parents listed after their children
			for s := range sets {
				seen := map[int]bool{}
				for p := s; p >= 0; p = sets[p].parent {
					if seen[p] {
						sets[s].parent = -1
						break
					}
					seen[p] = true
				}
			}
			return sets
		}
		setsA, setsB := family(next()%24), family(next()%24)
		n := 1 + next()%48
		elems := make([]crElem, n)
		for e := range elems {
			elems[e].a = next()%(len(setsA)+1) - 1
			elems[e].b = next()%(len(setsB)+1) - 1
			c := int64(int8(next()))
			for range next() % 4 {
				c = c<<8 | int64(next())
			}
			exp := int32(next()%16) - 12
			if next()%8 == 0 {
				exp = int32(next()%64) - 40
			}
			elems[e].x = decimal.New(c, exp)
			if next()%16 == 0 {
				elems[e].x = elems[e].x.Mul(decimal.New(int64(next())+1, 18))
			}
		}
		if d := sameAsRef(elems, setsA, setsB); d != "" {
			t.Fatal(d)
		}
	})
}

// The solver alone, on random networks with small costs (many optima of
// equal cost), feasible ones built around a known circulation and others
// that may have no solution: the flows, or the error, are the reference's.
func TestFlowNetSameAsRef(t *testing.T) {
	for seed := range uint64(4000) {
		r := rand.New(rand.NewPCG(seed, 41))
		nv := 2 + r.IntN([]int{4, 12, 40, 150}[seed%4])
		type arc struct {
			u, v         int
			lo, hi, cost int64
		}
		var arcs []arc
		feasible := seed%5 != 0
		for range r.IntN(3 * nv) {
			// a path from the source to the sink with one unit on it
			path := []int{0}
			for range r.IntN(6) {
				path = append(path, r.IntN(nv))
			}
			path = append(path, 1)
			for i := 1; i < len(path); i++ {
				if path[i-1] == path[i] {
					continue
				}
				// bounds around the unit: [0, 1], [1, 1] or [1, 2]
				lo := int64(r.IntN(2))
				hi := max(lo+int64(r.IntN(2)), 1)
				if !feasible {
					hi = lo + int64(r.IntN(2))
				}
				arcs = append(arcs, arc{path[i-1], path[i], lo, hi, int64(r.IntN(7) - 3)})
			}
		}
		for range r.IntN(2 * nv) {
			// an arc that may stay empty
			u, v := r.IntN(nv), r.IntN(nv)
			if u != v {
				lo := -int64(r.IntN(2))
				arcs = append(arcs, arc{u, v, lo, lo + 1, int64(r.IntN(7) - 3)})
			}
		}
		g, h := newFlowNet(nv, len(arcs)), newFlowNetRef(nv)
		ids := make([]int, len(arcs))
		for k, a := range arcs {
			ids[k] = g.add(a.u, a.v, a.lo, a.hi, a.cost)
			if id := h.add(a.u, a.v, a.lo, a.hi, a.cost); id != ids[k] {
				t.Fatalf("seed %d: arc %d has id %d, want %d", seed, k, ids[k], id)
			}
		}
		g.addReturn(1, 0)
		h.addReturn(1, 0)
		err, werr := g.solve(), h.solve()
		if (err == nil) != (werr == nil) || err != nil && err.Error() != werr.Error() {
			t.Fatalf("seed %d: error %v, want %v", seed, err, werr)
		}
		if err != nil {
			if feasible {
				t.Fatalf("seed %d: %v", seed, err)
			}
			continue
		}
		for k, id := range ids {
			if got, want := g.flow(id), h.flow(id); got != want {
				t.Fatalf("seed %d: arc %d (%+v) carries %d, want %d", seed, k, arcs[k], got, want)
			}
		}
	}
}

// Amounts as the engine gives them take the fixed-point path; the others
// fall back to decimal.
func TestExactValuesFixedPoint(t *testing.T) {
	for _, c := range []struct {
		x    string
		want bool
	}{
		{"4401500.0399999999", true},
		{"-0.01", true},
		{"0", true},
		{"1200", true},
		{"-123456789012.3456789012", true}, // a coefficient of 22 digits
		{"2305843009213693951", true},      // MaxInt64/4
		{"-2305843009213693951.5", false},  // floor below -MaxInt64/4
		{"2305843009213693952", false},
		{"0.123456789012345678", true},
		{"0.1234567890123456789", false}, // 19 decimals
		{"1e40", false},
		{"12345678901234567890123456789012345678901.5", false}, // over 128 bits
		{"-18446744073709551615.9", false},                     // floor -2^64
	} {
		x := decimal.RequireFromString(c.x)
		e, err := exactValues([]crElem{{x: x, a: -1, b: -1}}, nil, nil)
		if err != nil {
			if c.want {
				t.Errorf("%s: %v", c.x, err)
			}
			continue
		}
		if got := e.fixed; got != c.want {
			t.Errorf("%s: fixed point %v, want %v", c.x, got, c.want)
		}
	}
	for _, p := range crProblems(t, 150) {
		e, err := exactValues(p.elems, p.setsA, p.setsB)
		if err != nil || !e.fixed {
			t.Fatalf("a problem of %d elements: fixed point %v (%v), want true", len(p.elems), e != nil && e.fixed, err)
		}
	}
}
