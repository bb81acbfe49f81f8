package costing

import (
	"math"
	"slices"

	"github.com/shopspring/decimal"
	"gonum.org/v1/gonum/mat"

	"camcost/model"
)

// maxCondition is the largest condition number of the reciprocal system we
// accept: beyond it float64 shares could carry errors above a cent on large
// ledgers.
const maxCondition = 1e10

// solvedPlaces is the scale of the support totals T: the scale of amounts
// while they move, so that, once refined with the exact residual, what a
// support gives misses what it holds by a few units of 10^-12 € at most.
const solvedPlaces = model.FlowPlaces

// reciprocal: each support servizio goes to every other regular servizio,
// support or receiver. With a[s][n] the share of s going to n, the support
// totals solve T = d + Aᵀ T (docs/metodo.md). gonum solves the system in
// float64; its solution is used only as shares of the decimal amounts.
func (e *engine) reciprocal(keys map[int][]decimal.Decimal, labels map[int]string) {
	sys := e.supportShares(keys)
	idx, ok := e.reachReceivers(sys)
	if !ok || len(idx) == 0 {
		return
	}
	totals, ok := e.solveSupportTotals(sys, idx)
	if !ok {
		return
	}
	e.applySupportTotals(sys, idx, totals, labels)
}

// supportSystem is the reciprocal system over the support servizi, each
// known by its position p in engine.supports.
type supportSystem struct {
	key         []*keyVec                            // key[p]: p's key over every other regular servizio
	held        [][model.NumCostVoci]decimal.Decimal // what p holds after stage 2
	hasCost     []bool                               // whether p holds any cost
	share       [][]float64                          // share[p][q]: the share of p going to support q
	toReceivers []float64                            // the share of p going to receivers
}

// supportShares builds the system: what each support servizio holds and
// the float shares it gives to the other supports and to the receivers.
func (e *engine) supportShares(keys map[int][]decimal.Decimal) *supportSystem {
	m := len(e.supports)
	pos := make(map[int]int, m)
	for p, s := range e.supports {
		pos[s] = p
	}
	sys := &supportSystem{
		key:         make([]*keyVec, m),
		held:        make([][model.NumCostVoci]decimal.Decimal, m),
		hasCost:     make([]bool, m),
		share:       make([][]float64, m),
		toReceivers: make([]float64, m),
	}
	for p, s := range e.supports {
		targets := make([]int, 0, len(e.servizi)-1)
		for _, t := range e.servizi {
			if t != s {
				targets = append(targets, t)
			}
		}
		k := targetKey(keys[s], targets)
		sys.key[p] = k
		held, any := e.holdings(s)
		sys.held[p], sys.hasCost[p] = decimals(held), any
		sys.share[p] = make([]float64, m)
		if k.sum().IsZero() {
			continue
		}
		for n, t := range k.idx {
			f := k.q[n].DivRound(k.sum(), model.SharePlaces).InexactFloat64()
			if q, ok := pos[t]; ok {
				sys.share[p][q] = f
			} else {
				sys.toReceivers[p] += f
			}
		}
	}
	return sys
}

// reachReceivers returns, in map order, the positions of the supports the
// system is solved over: those that hold cost or receive it from one that
// does. It reports a problem, and ok false, when the cost of any of them
// cannot reach a receiver.
func (e *engine) reachReceivers(sys *supportSystem) (idx []int, ok bool) {
	involved := sys.involved()
	reaches := sys.reachesReceivers()
	var trapped []int
	for p := range involved {
		if !involved[p] {
			continue
		}
		idx = append(idx, p)
		if !reaches[p] {
			trapped = append(trapped, e.supports[p])
		}
	}
	if len(trapped) > 0 {
		e.problems.Add(model.Position{}, "metodo reciproco: il sistema è singolare, i costi dei servizi di supporto %s non raggiungono alcun servizio destinatario (le loro chiavi puntano solo ad altri servizi di supporto o valgono zero)", e.describe(trapped))
		return nil, false
	}
	return idx, true
}

// involved marks the supports that hold cost or receive it, directly or
// not, from one that does.
func (sys *supportSystem) involved() []bool {
	m := len(sys.share)
	involved := make([]bool, m)
	queue := []int{}
	for p := range m {
		if sys.hasCost[p] {
			involved[p] = true
			queue = append(queue, p)
		}
	}
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		for q := range m {
			if sys.share[p][q] > 0 && !involved[q] {
				involved[q] = true
				queue = append(queue, q)
			}
		}
	}
	return involved
}

// reachesReceivers marks the supports from which cost can reach a
// receiver, directly or through other supports.
func (sys *supportSystem) reachesReceivers() []bool {
	m := len(sys.share)
	reaches := make([]bool, m)
	for changed := true; changed; {
		changed = false
		for p := range m {
			if reaches[p] {
				continue
			}
			if sys.toReceivers[p] > 0 {
				reaches[p], changed = true, true
				continue
			}
			for q := range m {
				if sys.share[p][q] > 0 && reaches[q] {
					reaches[p], changed = true, true
					break
				}
			}
		}
	}
	return reaches
}

// solveSupportTotals solves T = (I - Aᵀ)⁻¹ d over the supports idx, per
// cost voce, and returns T rounded to solvedPlaces in the order of idx. A
// singular or ill-conditioned system is a problem naming the supports, and
// ok false.
func (e *engine) solveSupportTotals(sys *supportSystem, idx []int) (totals [][model.NumCostVoci]decimal.Decimal, ok bool) {
	// B = I - Aᵀ over the involved supports.
	r := len(idx)
	b := mat.NewDense(r, r, nil)
	for i, p := range idx {
		for j, q := range idx {
			v := -sys.share[q][p]
			if i == j {
				v += 1
			}
			b.Set(i, j, v)
		}
	}
	var lu mat.LU
	lu.Factorize(b)
	if c := lu.Cond(); math.IsInf(c, 0) || math.IsNaN(c) || c > maxCondition {
		var weak []int
		for _, p := range idx {
			if sys.toReceivers[p] < 1e-6 {
				weak = append(weak, e.supports[p])
			}
		}
		if len(weak) == 0 {
			weak = mapIdx(idx, e.supports)
		}
		e.problems.Add(model.Position{}, "metodo reciproco: il sistema è mal condizionato (numero di condizione %.3g): i servizi di supporto %s si scambiano quasi tutto il loro costo e quasi nulla va ai servizi destinatari", c, e.describe(weak))
		return nil, false
	}
	var inv mat.Dense
	if err := lu.SolveTo(&inv, false, eye(r)); err != nil {
		e.problems.Add(model.Position{}, "metodo reciproco: il sistema non si può risolvere (%v) per i servizi di supporto %s", err, e.describe(mapIdx(idx, e.supports)))
		return nil, false
	}

	// T = (I - Aᵀ)⁻¹ d, per voce, applied to decimal amounts, then refined
	// with the exact residual.
	held := make([][model.NumCostVoci]decimal.Decimal, r)
	for i, p := range idx {
		held[i] = sys.held[p]
	}
	totals = applyInverse(&inv, held)
	for range maxRefinements {
		res := e.residuals(sys, idx, totals)
		if !beyond(res, refinedResidual) {
			break
		}
		delta := applyInverse(&inv, res)
		changed := false
		for i := range totals {
			for c := range model.NumCostVoci {
				if !delta[i][c].IsZero() {
					totals[i][c] = totals[i][c].Add(delta[i][c])
					changed = true
				}
			}
		}
		if !changed {
			break
		}
	}
	return totals, true
}

// The support totals are refined while a residual exceeds refinedResidual
// (10^-10 €), at most maxRefinements times. The float solution misses by
// about 10^-16 of the amounts times the condition number: 10^-6 € on a
// ledger of a few hundred million euro. One round brings that to a few
// units of 10^-12 €, the rounding of the parts of a split, which no round
// can remove; the others are there for systems near maxCondition.
const maxRefinements = 3

var refinedResidual = decimal.New(1, -10)

// beyond reports whether any residual exceeds limit in absolute value.
func beyond(res [][model.NumCostVoci]decimal.Decimal, limit decimal.Decimal) bool {
	for i := range res {
		for c := range model.NumCostVoci {
			if res[i][c].Abs().GreaterThan(limit) {
				return true
			}
		}
	}
	return false
}

// applyInverse returns inv × v per voce: the inverse's elements, converted
// to decimals, times the decimal amounts v, each result rounded to
// solvedPlaces.
func applyInverse(inv *mat.Dense, v [][model.NumCostVoci]decimal.Decimal) [][model.NumCostVoci]decimal.Decimal {
	out := make([][model.NumCostVoci]decimal.Decimal, len(v))
	for i := range v {
		for j := range v {
			var w decimal.Decimal
			wSet := false
			for c := range model.NumCostVoci {
				if v[j][c].IsZero() {
					continue
				}
				if !wSet {
					w, wSet = decimal.NewFromFloat(inv.At(i, j)), true
				}
				out[i][c] = out[i][c].Add(w.Mul(v[j][c]))
			}
		}
		for c := range model.NumCostVoci {
			out[i][c] = out[i][c].Round(solvedPlaces)
		}
	}
	return out
}

// residuals returns, for each support of idx and each voce, d + received −
// T: what the support would still hold once every support of idx moved its
// total T on by its key, with the very parts moveOn posts. The exact
// solution leaves nothing; the float solution leaves its error.
func (e *engine) residuals(sys *supportSystem, idx []int, totals [][model.NumCostVoci]decimal.Decimal) [][model.NumCostVoci]decimal.Decimal {
	at := make(map[int]int, len(idx)) // node of a support -> its place in idx
	for i, p := range idx {
		at[e.supports[p]] = i
	}
	res := make([][model.NumCostVoci]amt, len(idx))
	for i, p := range idx {
		for c := range model.NumCostVoci {
			res[i][c] = amtOf(sys.held[p][c]).add(amtOf(totals[i][c]).negate())
		}
	}
	var parts []amt
	for i, p := range idx {
		k := sys.key[p]
		if k.sum().IsZero() {
			continue
		}
		for c := range model.NumCostVoci {
			if totals[i][c].IsZero() {
				continue
			}
			parts = k.split(amtOf(totals[i][c]), parts)
			for n, t := range k.idx {
				if j, ok := at[t]; ok {
					res[j][c] = res[j][c].add(parts[n])
				}
			}
		}
	}
	out := make([][model.NumCostVoci]decimal.Decimal, len(idx))
	for i := range res {
		for c := range model.NumCostVoci {
			out[i][c] = res[i][c].decimal()
		}
	}
	return out
}

// applySupportTotals moves each support's total T on by its key: what it
// received from the other supports goes on with what it held.
func (e *engine) applySupportTotals(sys *supportSystem, idx []int, totals [][model.NumCostVoci]decimal.Decimal, labels map[int]string) {
	for i, p := range idx {
		if sys.key[p].sum().IsZero() {
			// Unreachable: such a support reaches no receiver and
			// reachReceivers reported it.
			continue
		}
		s := e.supports[p]
		var amounts [model.NumCostVoci]amt
		for c, t := range totals[i] {
			amounts[c] = amtOf(t)
		}
		e.moveOn(s, sys.key[p], labels[s]+" (reciproco)", amounts)
	}
}

func eye(n int) *mat.Dense {
	d := mat.NewDense(n, n, nil)
	for i := range n {
		d.Set(i, i, 1)
	}
	return d
}

func mapIdx(idx []int, to []int) []int {
	out := make([]int, len(idx))
	for n, i := range idx {
		out[n] = to[i]
	}
	return slices.Clip(out)
}
