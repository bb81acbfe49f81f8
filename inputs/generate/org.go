package generate

import (
	"fmt"
	"math/rand/v2"
	"slices"

	"camcost/model"
)

// unit is an organisational unit of one body with the servizi its staff
// cover and its headcount.
type unit struct {
	name      string
	servizi   []int // regular servizi, map order
	mainTema  int   // the tema holding most of its servizi
	weight    int64 // staffing weight: catalog staff, or 2 per servizio
	staff     int   // people other than dirigenti
	dirigenti []int // indexes into org.dirigenti
}

// dirigente is a manager: the temas they coordinate and their unit.
type dirigente struct {
	temas []int
	unit  int
}

// org is the organisation of one body.
type org struct {
	units     []unit
	dirigenti []dirigente
}

// maxMandatory is how many servizi one person may be given so that every
// servizio of their unit has someone; it leaves one of the six codes for a
// coordinamento node.
const maxMandatory = 5

// buildUnits assigns every regular servizio to a unit of the catalog, by the
// deepest catalog code above it; servizi no catalog unit claims go to a unit
// named after their tema. Units come in the map order of their first servizio.
func buildUnits(s *shape) []unit {
	owner := map[model.Code]int{}
	for i, u := range unitCatalog {
		for _, c := range u.codes {
			owner[c] = i
		}
	}
	byKey := map[string]int{}
	var units []unit
	for _, sv := range s.servizi {
		key, name, weight := "", "", int64(0)
		for p := sv; p >= 0; p = s.m.ParentIndex(p) {
			if ci, ok := owner[s.codes[p]]; ok {
				key, name, weight = unitCatalog[ci].name, unitCatalog[ci].name, unitCatalog[ci].staff
				break
			}
		}
		if key == "" {
			t := s.tema[sv]
			key = "tema:" + string(s.codes[t])
			name = "Ufficio " + s.m.At(t).Name
		}
		ui, ok := byKey[key]
		if !ok {
			ui = len(units)
			byKey[key] = ui
			units = append(units, unit{name: name, weight: weight})
		}
		units[ui].servizi = append(units[ui].servizi, sv)
		if weight == 0 {
			units[ui].weight += 2 // a unit named after its tema
		}
	}
	for i := range units {
		count := map[int]int{}
		best := -1
		for _, sv := range units[i].servizi {
			t := s.tema[sv]
			count[t]++
			if best < 0 || count[t] > count[best] {
				best = t
			}
		}
		units[i].mainTema = best
	}
	return units
}

// minPeople is the smallest staff that covers every servizio of the map.
func minPeople(s *shape) int {
	n := 1 // one dirigente at least
	for _, u := range buildUnits(s) {
		n += ceilDiv(len(u.servizi), maxMandatory)
	}
	return n
}

// staff builds the organisation of a body of n people: about 3% dirigenti,
// each unit at least the people its servizi need, the rest by weight.
func staff(s *shape, n int, r *rand.Rand) (*org, error) {
	o := &org{units: buildUnits(s)}
	if need := minPeople(s); n < need {
		return nil, fmt.Errorf("servono almeno %d persone per coprire i %d servizi della mappa (richieste %d)", need, len(s.servizi), n)
	}
	nd := max(1, (3*n+50)/100)
	rest := n - nd
	weights := make([]int64, len(o.units))
	for i := range o.units {
		o.units[i].staff = ceilDiv(len(o.units[i].servizi), maxMandatory)
		rest -= o.units[i].staff
		// A little noise, so two bodies of one size differ.
		weights[i] = o.units[i].weight * between(r, 85, 115)
	}
	for i, k := range largestRemainder(int64(rest), weights) {
		o.units[i].staff += int(k)
	}

	// Dirigenti: the temas, in map order, cut into contiguous groups of
	// about equal servizi; dirigente d leads group d mod groups.
	// The first, the segretario generale, sits in the Segreteria generale
	// when there is one; the others in the unit with most of their servizi.
	groups := groupTemas(s, min(nd, len(s.temas)))
	for d := range nd {
		g := groups[d%len(groups)]
		count := make([]int, len(o.units))
		best := 0
		for ui, u := range o.units {
			for _, sv := range u.servizi {
				if slices.Contains(g, s.tema[sv]) {
					count[ui]++
				}
			}
			if count[ui] > count[best] {
				best = ui
			}
		}
		if d == 0 {
			if sg := slices.IndexFunc(o.units, func(u unit) bool { return u.name == segreteriaGenerale }); sg >= 0 {
				best = sg
			}
		}
		o.dirigenti = append(o.dirigenti, dirigente{temas: g, unit: best})
		o.units[best].dirigenti = append(o.units[best].dirigenti, d)
	}
	return o, nil
}

func groupTemas(s *shape, k int) [][]int {
	total := len(s.servizi)
	groups := make([][]int, 0, k)
	var cur []int
	done := 0
	for i, t := range s.temas {
		cur = append(cur, t)
		done += len(s.temaServizi[t])
		left := len(s.temas) - i - 1
		need := k - len(groups) - 1 // groups still to open after this one
		if need > 0 && (done*k >= total*(len(groups)+1) || left == need) {
			groups = append(groups, cur)
			cur = nil
		}
	}
	return append(groups, cur)
}

func ceilDiv(a, b int) int { return (a + b - 1) / b }

// between returns a uniform integer in [lo, hi].
func between(r *rand.Rand, lo, hi int64) int64 {
	if hi <= lo {
		return lo
	}
	return lo + r.Int64N(hi-lo+1)
}

// mulDiv returns a*b/c rounded half away from zero, for c > 0.
func mulDiv(a, b, c int64) int64 {
	p := a * b
	if p < 0 {
		return -((-p + c/2) / c)
	}
	return (p + c/2) / c
}

// largestRemainder splits total (>= 0) in proportion to weights (>= 0, not
// all zero) so the parts sum to total exactly; ties go to the earlier weight.
func largestRemainder(total int64, weights []int64) []int64 {
	var sum int64
	for _, w := range weights {
		sum += w
	}
	out := make([]int64, len(weights))
	if sum == 0 || total == 0 {
		return out
	}
	rem := make([]int64, len(weights))
	given := int64(0)
	for i, w := range weights {
		out[i] = total * w / sum
		rem[i] = total * w % sum
		given += out[i]
	}
	order := make([]int, len(weights))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		switch {
		case rem[a] > rem[b]:
			return -1
		case rem[a] < rem[b]:
			return 1
		}
		return 0
	})
	for k := 0; given < total; k++ {
		out[order[k%len(order)]]++
		given++
	}
	return out
}
