package outputs

import (
	"sync"

	"github.com/shopspring/decimal"

	"camcost/costing"
)

// The totals over the cost voci of a node's figures (costo diretto, what
// it received and gave away, costo pieno) appear in costs.csv and in
// several sheets of the workbooks; a body's are computed once, when first
// asked for, and shared by the writers of its outputs.

// Positions of the totals.
const (
	totDirect = iota
	totFromCoordination
	totFromSupport
	totToOthers
	totFull
	numTotals
)

type totals [numTotals]decimal.Decimal

// totalsOf adds up the voci of each figure of f.
func totalsOf(f *costing.Figures) totals {
	return totals{costing.Total(f.Direct), costing.Total(f.FromCoordination), costing.Total(f.FromSupport),
		costing.Total(f.ToOthers), costing.Total(f.Full)}
}

// nodeTotals are the totals of every node of a result, by map position.
type nodeTotals struct {
	once sync.Once
	res  *costing.Result
	v    []totals
}

func newNodeTotals(res *costing.Result) *nodeTotals { return &nodeTotals{res: res} }

// node returns the totals of the node at position i.
func (t *nodeTotals) node(i int) *totals {
	t.once.Do(func() {
		t.v = make([]totals, len(t.res.Nodes))
		for k := range t.res.Nodes {
			t.v[k] = totalsOf(&t.res.Nodes[k])
		}
	})
	return &t.v[i]
}
