package costing

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"camcost/model"
)

// exactNode holds the unrounded figures of a node and every node below it:
// the engine's own amounts after stage 4, with their 12 decimals.
type exactNode struct {
	fte decimal.Decimal
	fig [numFigures][model.NumVoci]decimal.Decimal
}

// exactFigures runs the four stages of in without rounding and rolls the
// exact amounts of every node up the tree.
func exactFigures(t testing.TB, in *model.Inputs) []exactNode {
	t.Helper()
	e, err := allocate(in, new(engineBufs))
	if err != nil {
		t.Fatal(err)
	}
	out := make([]exactNode, e.m.Len())
	for i := e.m.Len() - 1; i >= 0; i-- {
		x := &out[i]
		x.fte = x.fte.Add(e.fteLeaf[i])
		for f := range numFigures {
			for v := range model.NumVoci {
				x.fig[f][v] = x.fig[f][v].Add(e.own.at(i, Figure(f), v).decimal())
			}
		}
		if p := e.m.ParentIndex(i); p >= 0 {
			out[p].fte = out[p].fte.Add(x.fte)
			for f := range numFigures {
				for v := range model.NumVoci {
					out[p].fig[f][v] = out[p].fig[f][v].Add(x.fig[f][v])
				}
			}
		}
	}
	return out
}

// column is a figure of a node, exact or rounded, with its unit.
type column struct {
	name  string
	fte   bool
	exact func(exactNode) decimal.Decimal
	round func(Figures) decimal.Decimal
}

// costSum adds figure f over the cost voci of an exact node.
func costSum(x exactNode, f Figure) decimal.Decimal {
	var t decimal.Decimal
	for _, v := range costVoce {
		t = t.Add(x.fig[f][v])
	}
	return t
}

func exactFull(x exactNode, v int) decimal.Decimal {
	var t decimal.Decimal
	for f := range numFigures {
		t = t.Add(x.fig[f][v])
	}
	return t
}

// columns lists every figure a node reports: FTE, the totals of costs.csv,
// each figure per cost voce and stage 1 per other voce.
func columns() []column {
	cols := []column{
		{name: "fte", fte: true, exact: func(x exactNode) decimal.Decimal { return x.fte }, round: func(f Figures) decimal.Decimal { return f.FTE }},
		{name: "direct", exact: func(x exactNode) decimal.Decimal { return costSum(x, Direct) }, round: func(f Figures) decimal.Decimal { return Total(f.Direct) }},
		{name: "from_coordination", exact: func(x exactNode) decimal.Decimal { return costSum(x, FromCoordination) }, round: func(f Figures) decimal.Decimal { return Total(f.FromCoordination) }},
		{name: "from_support", exact: func(x exactNode) decimal.Decimal { return costSum(x, FromSupport) }, round: func(f Figures) decimal.Decimal { return Total(f.FromSupport) }},
		{name: "to_others", exact: func(x exactNode) decimal.Decimal { return costSum(x, ToOthers) }, round: func(f Figures) decimal.Decimal { return Total(f.ToOthers) }},
		{name: "full", exact: func(x exactNode) decimal.Decimal {
			var t decimal.Decimal
			for _, v := range costVoce {
				t = t.Add(exactFull(x, v))
			}
			return t
		}, round: func(f Figures) decimal.Decimal { return Total(f.Full) }},
	}
	for c, v := range model.CostVoci() {
		vi := costVoce[c]
		cols = append(cols,
			column{name: "direct_" + string(v), exact: func(x exactNode) decimal.Decimal { return x.fig[Direct][vi] }, round: func(f Figures) decimal.Decimal { return f.Direct[c] }},
			column{name: "from_coordination_" + string(v), exact: func(x exactNode) decimal.Decimal { return x.fig[FromCoordination][vi] }, round: func(f Figures) decimal.Decimal { return f.FromCoordination[c] }},
			column{name: "from_support_" + string(v), exact: func(x exactNode) decimal.Decimal { return x.fig[FromSupport][vi] }, round: func(f Figures) decimal.Decimal { return f.FromSupport[c] }},
			column{name: "to_others_" + string(v), exact: func(x exactNode) decimal.Decimal { return x.fig[ToOthers][vi] }, round: func(f Figures) decimal.Decimal { return f.ToOthers[c] }},
			column{name: "full_" + string(v), exact: func(x exactNode) decimal.Decimal { return exactFull(x, vi) }, round: func(f Figures) decimal.Decimal { return f.Full[c] }},
		)
	}
	for v, vi := range model.Voci() {
		if vi.Section == model.OneriCorrenti {
			continue
		}
		cols = append(cols, column{name: "stage1_" + string(vi.Key), exact: func(x exactNode) decimal.Decimal { return x.fig[Direct][v] }, round: func(f Figures) decimal.Decimal { return f.Stage1[v] }})
	}
	return cols
}

// colError is the largest error of a column, in units of its last place.
type colError struct {
	max  decimal.Decimal
	node model.Code
	over int // nodes whose error is one unit or more
}

// roundingErrors measures, for every column, how far the rounded figures
// of res are from the exact ones, in units of the last place (0.01 EUR,
// 0.0001 FTE).
func roundingErrors(res *Result, exact []exactNode) map[string]*colError {
	out := make(map[string]*colError)
	centUnit := decimal.New(1, -model.CentPlaces)
	fteUnit := decimal.New(1, -model.FTEPlaces)
	one := decimal.NewFromInt(1)
	for _, col := range columns() {
		ce := &colError{}
		unit := centUnit
		if col.fte {
			unit = fteUnit
		}
		for i, n := range res.Map.Nodes() {
			d := col.round(res.Nodes[i]).Sub(col.exact(exact[i])).Abs().Div(unit)
			if d.GreaterThan(ce.max) {
				ce.max, ce.node = d, n.Code
			}
			if d.GreaterThanOrEqual(one) {
				ce.over++
			}
		}
		out[col.name] = ce
	}
	return out
}

// errorReport renders the errors of every column, largest first.
func errorReport(errs map[string]*colError) string {
	names := make([]string, 0, len(errs))
	for n := range errs {
		names = append(names, n)
	}
	slices.SortFunc(names, func(a, b string) int {
		if c := errs[b].max.Cmp(errs[a].max); c != 0 {
			return c
		}
		return strings.Compare(a, b)
	})
	var b strings.Builder
	for _, n := range names {
		e := errs[n]
		fmt.Fprintf(&b, "%-40s max %8s units at %-12s nodes >= 1 unit: %d\n", n, e.max.StringFixed(4), e.node, e.over)
	}
	return b.String()
}
