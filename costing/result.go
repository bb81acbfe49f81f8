package costing

import (
	"iter"

	"github.com/shopspring/decimal"

	"camcost/model"
)

// Figure names a column of costs.csv that an allocation step adds to.
type Figure uint8

// The figures every node reports (docs/metodo.md, "What each node reports").
const (
	Direct           Figure = iota // stage 1, and stage 4 for attività
	FromCoordination               // received in stage 2
	FromSupport                    // received in stage 3
	ToOthers                       // negative: what left the node in stages 2 and 3
	numFigures
)

var figureNames = [...]string{"direct", "from_coordination", "from_support", "to_others"}

// String returns the figure's column name in costs.csv.
func (f Figure) String() string { return figureNames[f] }

// Figures are the amounts of one node, rounded to the cent. Cost arrays are
// indexed like model.CostVoci; Stage1 like model.Voci.
type Figures struct {
	FTE              decimal.Decimal
	Direct           [model.NumCostVoci]decimal.Decimal
	FromCoordination [model.NumCostVoci]decimal.Decimal
	FromSupport      [model.NumCostVoci]decimal.Decimal
	ToOthers         [model.NumCostVoci]decimal.Decimal
	Full             [model.NumCostVoci]decimal.Decimal
	// Stage1 is what stage 1 put on the node and the nodes below it, for
	// every voce, revenues included: the basis of the conto economico by
	// funzione istituzionale.
	Stage1 [model.NumVoci]decimal.Decimal
}

// Total sums a per-voce array.
func Total(a [model.NumCostVoci]decimal.Decimal) decimal.Decimal {
	t := a[0]
	for _, d := range a[1:] {
		t = t.Add(d)
	}
	return t
}

// Role is the part a regular servizio plays in stage 3.
type Role uint8

// Servizi under macro funzioni A and B are support, all others receivers.
const (
	Receiver Role = iota
	Support
)

// Rule tells how stage 4 split a servizio over its attività.
type Rule uint8

// The stage 4 rules, in the order docs/metodo.md tries them.
const (
	RuleNone   Rule = iota // the servizio has no attività: figures stay on it
	RuleFTE                // by the FTE booked directly on its attività
	RuleDriver             // by the quantities of the driver "attivita"
	RuleEqual              // in equal parts
)

// String describes the rule in Italian, as the workbooks show it.
func (r Rule) String() string {
	switch r {
	case RuleFTE:
		return "FTE registrati sulle attività"
	case RuleDriver:
		return "driver attivita"
	case RuleEqual:
		return "parti uguali"
	}
	return "nessuna attività"
}

// ServizioRule records the stage 4 rule used for one servizio.
type ServizioRule struct {
	Code model.Code
	Rule Rule
}

// Source is where an allocation step takes its amount from: a ledger line
// (Line >= 0, an index into Inputs.Ledger) or a node.
type Source struct {
	Line int
	Node model.Code
}

// Step is one row of the trace: an amount of one voce added to one figure of
// one node. Every movement between nodes appears twice, once on the target
// (positive) and once on the source (negative, figure to_others in stages 2
// and 3, the moved figure in stage 4), so that summing the steps whose
// target lies under a node gives every figure of that node in costs.csv.
//
// The one-byte fields come last, so that a Step takes 128 bytes, not 144:
// a trace holds hundreds of thousands.
type Step struct {
	Source Source
	Target model.Code
	Voce   model.Voce
	Driver string          // the key used; "" for the outflow side of a move
	Key    decimal.Decimal // the target's key quantity (valid when HasKey)
	Share  decimal.Decimal // the target's share of the source amount (valid when HasKey)
	Amount decimal.Decimal
	Stage  uint8 // 1-4 as in docs/metodo.md; 5 is the final rounding to cents
	Figure Figure
	HasKey bool
}

// Stage numbers.
const (
	StageDirect       = 1
	StageCoordination = 2
	StageSupport      = 3
	StageAttivita     = 4
	StageRounding     = 5
)

// VoceTotals are the checked totals of one voce.
type VoceTotals struct {
	Voce      model.Voce
	Ledger    decimal.Decimal // Σ importo of the ledger lines
	Allocated decimal.Decimal // Σ costo pieno of the leaves (cost voci) or Σ stage 1 (others)
}

// Difference is Allocated - Ledger; a finished run has it zero for every voce.
func (t VoceTotals) Difference() decimal.Decimal { return t.Allocated.Sub(t.Ledger) }

// Result is everything a run computes.
type Result struct {
	Inputs   *model.Inputs
	Map      *model.Map
	Settings model.Settings
	// Nodes holds the figures of every node, indexed like Map.Nodes().
	Nodes []Figures
	// Roles marks regular servizi as support or receivers, by node index;
	// other nodes are Receiver and have no meaning.
	Roles []Role
	// Rules lists the stage 4 rule of every regular servizio, in map order.
	Rules []ServizioRule
	// Totals has one entry per voce of model.Voci, in that order.
	Totals []VoceTotals
	// TotalFTE is Σ fte·mesi/12 over the staff, rounded to FTEPlaces.
	TotalFTE decimal.Decimal
	// Warnings are what the run found doubtful but could cost, each a
	// model.Problem with Warning set and, when it is about input rows,
	// their position.
	Warnings []model.Problem

	// bookingNodes is the node of every booking of Inputs.People, person
	// by person, -1 for a code not in the map or a quantity of zero: what
	// Compute looked up, so that FewPeople need not look it up again.
	// Nil in a Result built otherwise.
	bookingNodes []int32
	// trace holds every allocation step in stage order (Steps).
	trace *stepLog
}

// Steps yields every allocation step in stage order: trace.csv, row by
// row. Each Step is made when it is yielded, so that a run need not hold
// them all; reading the trace does not change the Result, and may happen
// on several goroutines at once.
func (r *Result) Steps() iter.Seq[Step] {
	return func(yield func(Step) bool) {
		if r.trace != nil {
			r.trace.each(r.Map.Nodes(), false, func(s Step, _ StepCodes) bool { return yield(s) })
		}
	}
}

// StepCodes tell trace.csv's writer, beside a Step, what lets it encode
// the step without a decimal per field: the amount as a count of
// 10^-model.FlowPlaces € when it fits (HasUnits; Step.Amount then stays
// zero), and the key entry and the node the step names, as numbers, so
// that the text made for them once serves every step that names them
// again.
type StepCodes struct {
	Units    int64
	HasUnits bool
	// Key numbers the keys of the run (from 0, fewer than NumSteps); -1
	// for a step without key. Entry is the target's entry in it: Step.Key
	// and Step.Share are the same for every step with the same Key and
	// Entry.
	Key, Entry int32
	// Target is the target's position in map order.
	Target int32
}

// TraceSteps yields the steps as Steps does, each with its StepCodes. An
// amount that does not fit an int64 of 10^-model.FlowPlaces € comes as
// Step.Amount, with HasUnits false.
func (r *Result) TraceSteps() iter.Seq2[Step, StepCodes] {
	return func(yield func(Step, StepCodes) bool) {
		if r.trace != nil {
			r.trace.each(r.Map.Nodes(), true, yield)
		}
	}
}

// NumSteps is the number of steps Steps yields.
func (r *Result) NumSteps() int {
	if r.trace == nil {
		return 0
	}
	return r.trace.n
}

// Figures returns the figures of the node with the given code.
func (r *Result) Figures(code model.Code) (Figures, bool) {
	i, ok := r.Map.Index(code)
	if !ok {
		return Figures{}, false
	}
	return r.Nodes[i], true
}

// OneriCorrenti is the total of the oneri correnti: Σ importo of the
// ledger lines of the cost voci.
func (r *Result) OneriCorrenti() decimal.Decimal {
	var t decimal.Decimal
	for _, v := range r.Totals {
		if v.Voce.IsCost() {
			t = t.Add(v.Ledger)
		}
	}
	return t
}

// Allocated is what of the oneri correnti reached the attività: Σ costo
// pieno. Compute checks that it equals OneriCorrenti, voce by voce.
func (r *Result) Allocated() decimal.Decimal {
	var t decimal.Decimal
	for _, v := range r.Totals {
		if v.Voce.IsCost() {
			t = t.Add(v.Allocated)
		}
	}
	return t
}
