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

// solvedPlaces is the scale of the support totals T computed from the float
// solution: float64 carries about 16 significant digits, so decimals beyond
// the eighth of a euro are noise, and far below a cent.
const solvedPlaces = 8

// reciprocal: each support servizio goes to every other regular servizio,
// support or receiver. With a[s][n] the share of s going to n, the support
// totals solve T = d + Aᵀ T (METHOD.md). gonum solves the system in
// float64; its solution is used only as shares of the decimal amounts.
func (e *engine) reciprocal(keys map[int][]decimal.Decimal, labels map[int]string) {
	m := len(e.supports)
	pos := make(map[int]int, m)
	for p, s := range e.supports {
		pos[s] = p
	}
	tk := make([]*keyVec, m)
	held := make([][model.NumCostVoci]decimal.Decimal, m)
	hasCost := make([]bool, m)
	share := make([][]float64, m) // share[p][q]: support p to support q
	toReceivers := make([]float64, m)
	for p, s := range e.supports {
		targets := make([]int, 0, len(e.servizi)-1)
		for _, t := range e.servizi {
			if t != s {
				targets = append(targets, t)
			}
		}
		tk[p] = targetKey(keys[s], targets)
		held[p], hasCost[p] = e.holdings(s)
		share[p] = make([]float64, m)
		if tk[p].total.IsZero() {
			continue
		}
		for n, t := range tk[p].idx {
			f := tk[p].q[n].DivRound(tk[p].total, model.SharePlaces).InexactFloat64()
			if q, ok := pos[t]; ok {
				share[p][q] = f
			} else {
				toReceivers[p] += f
			}
		}
	}

	// The supports that hold cost or receive it from one that does.
	involved := make([]bool, m)
	queue := []int{}
	for p := range m {
		if hasCost[p] {
			involved[p] = true
			queue = append(queue, p)
		}
	}
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		for q := range m {
			if share[p][q] > 0 && !involved[q] {
				involved[q] = true
				queue = append(queue, q)
			}
		}
	}
	// The supports from which cost can reach a receiver.
	reaches := make([]bool, m)
	for changed := true; changed; {
		changed = false
		for p := range m {
			if reaches[p] {
				continue
			}
			if toReceivers[p] > 0 {
				reaches[p], changed = true, true
				continue
			}
			for q := range m {
				if share[p][q] > 0 && reaches[q] {
					reaches[p], changed = true, true
					break
				}
			}
		}
	}
	var trapped, idx []int
	for p := range m {
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
		return
	}
	if len(idx) == 0 {
		return
	}

	// B = I - Aᵀ over the involved supports.
	r := len(idx)
	b := mat.NewDense(r, r, nil)
	for i, p := range idx {
		for j, q := range idx {
			v := -share[q][p]
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
			if toReceivers[p] < 1e-6 {
				weak = append(weak, e.supports[p])
			}
		}
		if len(weak) == 0 {
			for _, p := range idx {
				weak = append(weak, e.supports[p])
			}
		}
		e.problems.Add(model.Position{}, "metodo reciproco: il sistema è mal condizionato (numero di condizione %.3g): i servizi di supporto %s si scambiano quasi tutto il loro costo e quasi nulla va ai servizi destinatari", c, e.describe(weak))
		return
	}
	var inv mat.Dense
	if err := lu.SolveTo(&inv, false, eye(r)); err != nil {
		e.problems.Add(model.Position{}, "metodo reciproco: il sistema non si può risolvere (%v) per i servizi di supporto %s", err, e.describe(mapIdx(idx, e.supports)))
		return
	}

	// T = (I - Aᵀ)⁻¹ d, per voce, applied to decimal amounts.
	totals := make([][model.NumCostVoci]decimal.Decimal, r)
	for i := range idx {
		for j, q := range idx {
			w := decimal.NewFromFloat(inv.At(i, j))
			for c := range model.NumCostVoci {
				if !held[q][c].IsZero() {
					totals[i][c] = totals[i][c].Add(w.Mul(held[q][c]))
				}
			}
		}
	}
	for i, p := range idx {
		for c := range model.NumCostVoci {
			totals[i][c] = totals[i][c].Round(solvedPlaces)
		}
		s := e.supports[p]
		if tk[p].total.IsZero() {
			continue // reaches is true, so it holds nothing: checked above
		}
		e.moveOn(s, tk[p], labels[s]+" (reciproco)", totals[i])
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
