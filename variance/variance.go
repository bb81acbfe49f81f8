// Package variance explains why the cost of each node of the process map
// changed between two runs (camcost confronta). It is pure computation on
// the figures two output folders report in costs.csv: no I/O, no workbook.
//
// For each leaf of the map (attività, coordinamento and formazione nodes,
// servizi without attività), with P its costo diretto of voce personale and
// c = P / FTE, the change of costo pieno splits into four parts:
//
//	delta               = full_b - full_a
//	due_to_fte          = (fte_b - fte_a) × c_a   (P_b - P_a when fte_a is 0)
//	due_to_pay          = (P_b - P_a) - due_to_fte
//	due_to_other_direct = change of the costo diretto of the other voci
//	due_to_allocation   = change of from_coordination + from_support + to_others
//
// Each part is in cents: due_to_fte is rounded to the cent and due_to_pay
// takes what is left of delta, so the four parts add up to delta exactly.
// A parent's parts are the sums of its children's, so its due_to_fte also
// carries the shift of time among its children.
package variance

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"

	"camcost/model"
)

// Figures are the figures of one node in one run, as costs.csv reports
// them: euro in cents, FTE to four places.
type Figures struct {
	FTE              decimal.Decimal
	Direct           decimal.Decimal // costo diretto, the four cost voci
	Personale        decimal.Decimal // costo diretto of voce personale: P
	FromCoordination decimal.Decimal
	FromSupport      decimal.Decimal
	ToOthers         decimal.Decimal // ≤ 0
	Full             decimal.Decimal
}

// Allocation is what the node received from others minus what it gave.
func (f Figures) Allocation() decimal.Decimal {
	return f.FromCoordination.Add(f.FromSupport).Add(f.ToOthers)
}

// OtherDirect is the costo diretto of the voci other than personale.
func (f Figures) OtherDirect() decimal.Decimal { return f.Direct.Sub(f.Personale) }

// Add adds g to f, field by field.
func (f *Figures) Add(g Figures) {
	f.FTE = f.FTE.Add(g.FTE)
	f.Direct = f.Direct.Add(g.Direct)
	f.Personale = f.Personale.Add(g.Personale)
	f.FromCoordination = f.FromCoordination.Add(g.FromCoordination)
	f.FromSupport = f.FromSupport.Add(g.FromSupport)
	f.ToOthers = f.ToOthers.Add(g.ToOthers)
	f.Full = f.Full.Add(g.Full)
}

func (f Figures) fields() []decimal.Decimal {
	return []decimal.Decimal{f.FTE, f.Direct, f.Personale, f.FromCoordination, f.FromSupport, f.ToOthers, f.Full}
}

// fieldNames are the costs.csv columns of fields, in the same order.
var fieldNames = []string{"fte", "direct", "direct_personale", "from_coordination", "from_support", "to_others", "full"}

// Run is the map and the figures of one run: Nodes[i] belongs to Map.At(i).
type Run struct {
	Map   *model.Map
	Nodes []Figures
}

// Inconsistency is a figure of a run that does not agree with the others:
// a row whose columns do not add up, or a parent that is not the sum of
// its children. Field is the costs.csv column.
type Inconsistency struct {
	Code  model.Code
	Field string
	Msg   string
}

// Check returns every inconsistency of the run's figures: the
// decomposition relies on each node's costo pieno being its costo diretto
// plus what it received and gave, and on each parent being the sum of its
// children, as camcost writes them.
func (r Run) Check() []Inconsistency {
	var out []Inconsistency
	if len(r.Nodes) != r.Map.Len() {
		return []Inconsistency{{Msg: fmt.Sprintf("%d righe di cifre per %d nodi della mappa", len(r.Nodes), r.Map.Len())}}
	}
	for i, n := range r.Map.Nodes() {
		f := r.Nodes[i]
		if sum := f.Direct.Add(f.Allocation()); !sum.Equal(f.Full) {
			out = append(out, Inconsistency{n.Code, "full", fmt.Sprintf("costo pieno %s diverso da costo diretto + quote ricevute + ceduto (%s)", f.Full, sum)})
		}
		kids := r.Map.ChildIndexes(i)
		if len(kids) == 0 {
			continue
		}
		var sum Figures
		for _, k := range kids {
			sum.Add(r.Nodes[k])
		}
		got, want := f.fields(), sum.fields()
		for j := range got {
			if !got[j].Equal(want[j]) {
				out = append(out, Inconsistency{n.Code, fieldNames[j], fmt.Sprintf("%s diverso dalla somma dei figli (%s)", got[j], want[j])})
			}
		}
	}
	return out
}

// Parts are the four parts a change of costo pieno splits into.
type Parts struct {
	FTE         decimal.Decimal // due_to_fte: the change of people's time at last year's cost per FTE
	Pay         decimal.Decimal // due_to_pay: the change of cost per FTE
	OtherDirect decimal.Decimal // due_to_other_direct: the costo diretto of the other voci
	Allocation  decimal.Decimal // due_to_allocation: quote ricevute and ceduto
}

// Sum is the change the parts explain.
func (p Parts) Sum() decimal.Decimal {
	return p.FTE.Add(p.Pay).Add(p.OtherDirect).Add(p.Allocation)
}

// Add adds q to p, part by part.
func (p *Parts) Add(q Parts) {
	p.FTE = p.FTE.Add(q.FTE)
	p.Pay = p.Pay.Add(q.Pay)
	p.OtherDirect = p.OtherDirect.Add(q.OtherDirect)
	p.Allocation = p.Allocation.Add(q.Allocation)
}

// Decompose splits the change from a to b of one leaf into its parts, in
// cents: due_to_fte is rounded to the cent (half away from zero) and
// due_to_pay takes the remainder, so the parts add up to b.Full - a.Full.
func Decompose(a, b Figures) Parts {
	var p Parts
	dP := b.Personale.Sub(a.Personale)
	if a.FTE.IsZero() {
		p.FTE = dP
	} else {
		p.FTE = b.FTE.Sub(a.FTE).Mul(a.Personale).DivRound(a.FTE, model.CentPlaces)
	}
	p.OtherDirect = b.OtherDirect().Sub(a.OtherDirect())
	p.Allocation = b.Allocation().Sub(a.Allocation())
	p.Pay = b.Full.Sub(a.Full).Sub(p.FTE).Sub(p.OtherDirect).Sub(p.Allocation)
	return p
}

// Status says in which runs a node exists.
type Status uint8

// A node is in both maps, or in one only; it counts as zero where it is not.
const (
	Both Status = iota
	OnlyA
	OnlyB
)

var statusNames = [...]string{"both", "only_a", "only_b"}

// String is the status as confronto.csv writes it.
func (s Status) String() string { return statusNames[s] }

// Row is one node of the comparison.
type Row struct {
	Node   model.Node // as run b names it, when it is in both
	Status Status
	A, B   Figures // zero where the node is not in the run
	Delta  decimal.Decimal
	Parts  Parts
}

// Renamed is a code both maps have under different names.
type Renamed struct {
	Code  model.Code
	NameA string
	NameB string
}

// Comparison is the change of every node of either run.
type Comparison struct {
	Map     *model.Map // both maps together, in map order
	Rows    []Row      // Rows[i] belongs to Map.At(i)
	Renamed []Renamed
}

// Compare compares run a (PRIMA) with run b (DOPO). A node in one map only
// counts as zero in the other. Each node is decomposed on its own where it
// is a leaf of a run, and every node's parts are its own plus its
// children's: a servizio that gained attività in b is decomposed as a leaf
// of a that lost everything, its attività as leaves of b that start from
// nothing, so that every node's parts still add up to its delta.
// A code both maps have must have the same level, kind and parent.
func Compare(a, b Run) (*Comparison, error) {
	for _, r := range []struct {
		name string
		run  Run
	}{{"PRIMA", a}, {"DOPO", b}} {
		if bad := r.run.Check(); len(bad) > 0 {
			return nil, fmt.Errorf("le cifre di %s non sono coerenti: %s %s: %s", r.name, bad[0].Code, bad[0].Field, bad[0].Msg)
		}
	}
	nodes := append([]model.Node(nil), b.Map.Nodes()...)
	var conflicts []string
	var renamed []Renamed
	for _, n := range a.Map.Nodes() {
		nb, ok := b.Map.Node(n.Code)
		if !ok {
			nodes = append(nodes, n)
			continue
		}
		if n.Level != nb.Level || n.Kind != nb.Kind || n.Parent != nb.Parent {
			conflicts = append(conflicts, fmt.Sprintf("%s è %s (%s, padre %q) in PRIMA e %s (%s, padre %q) in DOPO",
				n.Code, n.Level, n.Kind, n.Parent, nb.Level, nb.Kind, nb.Parent))
		}
		if n.Name != nb.Name {
			renamed = append(renamed, Renamed{Code: n.Code, NameA: n.Name, NameB: nb.Name})
		}
	}
	if len(conflicts) > 0 {
		return nil, fmt.Errorf("le due mappe dei processi usano gli stessi codici per nodi diversi, impossibile confrontarle:\n  %s",
			strings.Join(conflicts, "\n  "))
	}
	m, err := model.NewMap(nodes)
	if err != nil {
		return nil, fmt.Errorf("le due mappe dei processi non formano una mappa unica: %w", err)
	}
	c := &Comparison{Map: m, Rows: make([]Row, m.Len()), Renamed: renamed}
	// side returns the node's figures in run r and whether it is a leaf
	// there, whose figures are its own rather than its children's.
	side := func(r Run, code model.Code) (f Figures, in, leaf bool) {
		i, ok := r.Map.Index(code)
		if !ok {
			return Figures{}, false, false
		}
		return r.Nodes[i], true, len(r.Map.ChildIndexes(i)) == 0
	}
	for i, n := range m.Nodes() {
		row := &c.Rows[i]
		row.Node = n
		fa, inA, leafA := side(a, n.Code)
		fb, inB, leafB := side(b, n.Code)
		row.A, row.B = fa, fb
		switch {
		case !inB:
			row.Status = OnlyA
		case !inA:
			row.Status = OnlyB
		}
		row.Delta = fb.Full.Sub(fa.Full)
		if leafA || leafB {
			var ownA, ownB Figures
			if leafA {
				ownA = fa
			}
			if leafB {
				ownB = fb
			}
			row.Parts = Decompose(ownA, ownB)
		}
	}
	// Map order lists a node before the nodes below it: adding each row's
	// parts to its parent from the last row up sums whole subtrees.
	for i := m.Len() - 1; i >= 0; i-- {
		if p := m.ParentIndex(i); p >= 0 {
			c.Rows[p].Parts.Add(c.Rows[i].Parts)
		}
	}
	for i, r := range c.Rows {
		if !r.Parts.Sum().Equal(r.Delta) {
			return nil, fmt.Errorf("variance: internal error: the parts of %s add up to %s, not to its delta %s", m.At(i).Code, r.Parts.Sum(), r.Delta)
		}
	}
	return c, nil
}

// Total is the change of the whole body: the sum of the macro funzioni.
func (c *Comparison) Total() Row {
	var t Row
	for i, n := range c.Map.Nodes() {
		if n.Level != model.LevelMacro {
			continue
		}
		r := c.Rows[i]
		t.A.Add(r.A)
		t.B.Add(r.B)
		t.Delta = t.Delta.Add(r.Delta)
		t.Parts.Add(r.Parts)
	}
	return t
}
