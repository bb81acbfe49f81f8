package costing

import (
	"fmt"
	"slices"
	"testing"

	"camcost/seeds"
)

// crProblem is a problem given to controlledRound.
type crProblem struct {
	elems        []crElem
	setsA, setsB []crSet
}

var crProblemsCache = map[int][]crProblem{}

// crProblems returns the controlled roundings of a generated chamber of
// the given size, in the order Compute asks for them.
func crProblems(tb testing.TB, people int) []crProblem {
	tb.Helper()
	if ps, ok := crProblemsCache[people]; ok {
		return ps
	}
	m, err := seeds.Map()
	if err != nil {
		tb.Fatal(err)
	}
	in := generated(tb, m, people)
	var ps []crProblem
	crObserve = func(elems []crElem, setsA, setsB []crSet) {
		ps = append(ps, crProblem{slices.Clone(elems), slices.Clone(setsA), slices.Clone(setsB)})
	}
	defer func() { crObserve = nil }()
	if _, err := Compute(in); err != nil {
		tb.Fatal(err)
	}
	crProblemsCache[people] = ps
	return ps
}

// BenchmarkControlledRound rounds the problems of a generated chamber of
// 150 people: the largest (the oneri correnti) alone and all of them.
func BenchmarkControlledRound(b *testing.B) {
	ps := crProblems(b, 150)
	big := slices.MaxFunc(ps, func(p, q crProblem) int { return len(p.elems) - len(q.elems) })
	for _, c := range []struct {
		name string
		ps   []crProblem
	}{{"largest", []crProblem{big}}, {"all", ps}} {
		b.Run(fmt.Sprintf("%s/elems=%d", c.name, len(c.ps[0].elems)), func(b *testing.B) {
			b.ReportAllocs()
			var w crWork // as the roundings of a Compute share theirs
			for b.Loop() {
				for _, p := range c.ps {
					if _, err := w.controlledRound(p.elems, p.setsA, p.setsB); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}
