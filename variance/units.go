package variance

import (
	"slices"
	"strings"

	"github.com/shopspring/decimal"

	"camcost/model"
)

// Volume is a measure of the volumi table of a run, with the cost its unit
// cost divides: what indicatori.xlsx reports as quantità and costo
// considerato. HasCost is false when the run could not tell the cost (the
// code is not in its map).
type Volume struct {
	Code     model.Code
	Misura   string
	Quantity decimal.Decimal
	Cost     decimal.Decimal
	HasCost  bool
}

// Unit is the unit cost, to the cent, and whether it can be computed.
func (v Volume) Unit() (decimal.Decimal, bool) {
	if !v.HasCost || v.Quantity.IsZero() {
		return decimal.Zero, false
	}
	return v.Cost.DivRound(v.Quantity, model.CentPlaces), true
}

// UnitChange is a measure present in both runs.
type UnitChange struct {
	A, B Volume
}

// Delta is the change of unit cost, when both can be computed.
func (u UnitChange) Delta() (decimal.Decimal, bool) {
	a, okA := u.A.Unit()
	b, okB := u.B.Unit()
	if !okA || !okB {
		return decimal.Zero, false
	}
	return b.Sub(a), true
}

// UnitCosts pairs the measures of two runs by code and measure: those in
// both, then those of one run only, each in map order and by measure.
func UnitCosts(a, b []Volume) (both []UnitChange, onlyA, onlyB []Volume) {
	type key struct {
		code   model.Code
		misura string
	}
	inB := make(map[key]Volume, len(b))
	for _, v := range b {
		inB[key{v.Code, v.Misura}] = v
	}
	inA := make(map[key]bool, len(a))
	for _, v := range a {
		k := key{v.Code, v.Misura}
		inA[k] = true
		if w, ok := inB[k]; ok {
			both = append(both, UnitChange{A: v, B: w})
		} else {
			onlyA = append(onlyA, v)
		}
	}
	for _, v := range b {
		if !inA[key{v.Code, v.Misura}] {
			onlyB = append(onlyB, v)
		}
	}
	order := func(x, y Volume) int {
		if c := model.CompareCodes(x.Code, y.Code); c != 0 {
			return c
		}
		return strings.Compare(x.Misura, y.Misura)
	}
	slices.SortStableFunc(both, func(x, y UnitChange) int { return order(x.A, y.A) })
	slices.SortStableFunc(onlyA, order)
	slices.SortStableFunc(onlyB, order)
	return both, onlyA, onlyB
}
