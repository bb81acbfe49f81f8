package indicators

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"

	"camcost/costing"
	"camcost/model"
)

// A multi-body run costs each body on its own and keeps of each only a
// BodySummary: what Compare compares. The bodies are set beside the others
// of their size class (cluster), as the Unioncamere "Pareto" indicators
// do.

// ClusterSource says where a body's cluster comes from.
type ClusterSource uint8

// The sources of a cluster: none (the body is not classified), the
// contesto table, or camcost's size classes applied to imprese attive.
const (
	ClusterUnclassified ClusterSource = iota
	ClusterDeclared
	ClusterBySize
)

// Unclassified is the cluster of a body with neither a cluster nor imprese
// attive in its contesto.
const Unclassified = "non classificato"

// sizeClass is a size class of camcost's own, by imprese attive, for the
// bodies whose contesto names no cluster. Upper bounds are inclusive; the
// last class has none.
type sizeClass struct {
	label string
	max   int64
}

// sizeClasses are camcost's choice, not an official classification: four
// classes that split the Camere di Commercio, whose imprese attive range
// from about 15,000 to over 300,000, into small, medium-small,
// medium-large and large bodies. The benchmarking workbook prints them.
var sizeClasses = []sizeClass{
	{"fino a 40.000 imprese attive", 40_000},
	{"da 40.001 a 80.000 imprese attive", 80_000},
	{"da 80.001 a 150.000 imprese attive", 150_000},
	{"oltre 150.000 imprese attive", 0},
}

// SizeClassLabels are the labels of camcost's size classes, smallest
// first, for the texts that explain them.
func SizeClassLabels() []string {
	out := make([]string, len(sizeClasses))
	for i, c := range sizeClasses {
		out[i] = c.label
	}
	return out
}

// sizeClassOf is the size class of a body with n imprese attive.
func sizeClassOf(n decimal.Decimal) string {
	for _, c := range sizeClasses[:len(sizeClasses)-1] {
		if n.LessThanOrEqual(decimal.NewFromInt(c.max)) {
			return c.label
		}
	}
	return sizeClasses[len(sizeClasses)-1].label
}

// BodyProcess is a processo of a body's map, as the comparison of bodies
// lists it.
type BodyProcess struct {
	Code  model.Code
	Name  string
	Macro string // code and name of its macro funzione
	// Support is true for the processi of the support macro funzioni (A
	// and B), whose costo pieno is zero: their cost moves to the others.
	Support bool
}

// Run names the run a body's figures come from, as the comparison of
// bodies shows it.
type Run struct {
	Name    string // the body's sub-folder in the run folder
	Ente    string
	Anno    string
	RunID   string
	Version string
}

// BodySummary is what the comparison of bodies needs of one body. It is
// small and holds nothing of the body's result (no trace, no per-person
// data), so a multi-body run keeps one per body while it costs the next.
type BodySummary struct {
	Run

	// Cluster is the size class the body is compared in: contesto
	// cluster (ClusterDeclared), else the size class of its imprese
	// attive (ClusterBySize), else Unclassified.
	Cluster       string
	ClusterSource ClusterSource
	// ClusterNote says in words how the cluster was obtained, or why the
	// body is not classified.
	ClusterNote string

	// ImpreseAttive is contesto imprese_attive when HasImprese; else
	// ImpreseReason says why it is missing or unusable.
	ImpreseAttive decimal.Decimal
	HasImprese    bool
	ImpreseReason string

	FTE           decimal.Decimal // FTE totali
	OneriCorrenti decimal.Decimal // total of the oneri correnti, voci 6-9

	// Indicators are those of Indicators(res) that Compare compares: every
	// indicator of the whole body, then costo pieno and costo pieno per
	// impresa attiva of every processo (without their inputs), in the
	// order Indicators gives them.
	Indicators []Indicator
	// Processes are the processi of the body's map, in map order.
	Processes []BodyProcess
}

// Summarize keeps of one body's result what the comparison of bodies
// needs; run names the run. It is pure. Strings are copied: inputs may
// share one buffer among many values, which a kept substring would hold in
// memory for the whole run.
func Summarize(res *costing.Result, run Run) BodySummary {
	b := newBody(res)
	s := BodySummary{
		Run: Run{
			Name:    strings.Clone(run.Name),
			Ente:    strings.Clone(run.Ente),
			Anno:    strings.Clone(run.Anno),
			RunID:   run.RunID,
			Version: run.Version,
		},
		ImpreseAttive: b.imprese,
		HasImprese:    b.impreseErr == "",
		ImpreseReason: b.impreseErr,
		FTE:           res.TotalFTE,
		OneriCorrenti: b.oneri,
	}
	s.Cluster, s.ClusterSource, s.ClusterNote = clusterOf(res.Inputs.Context, b)
	for _, ind := range Indicators(res) {
		switch {
		case ind.Scope.IsBody():
			ind.Inputs = cloneInputs(ind.Inputs)
		case ind.Key == KeyCostoPieno || ind.Key == KeyCostoPienoPerImpresa:
			ind.Inputs = nil
		default:
			continue
		}
		ind.Scope.Name = strings.Clone(ind.Scope.Name)
		ind.Reason = strings.Clone(ind.Reason)
		s.Indicators = append(s.Indicators, ind)
	}
	support := SupportMacros(res)
	m := res.Map
	for i, n := range m.Nodes() {
		if !IsProcess(n) {
			continue
		}
		macro := ""
		if j := m.Macro(i); j >= 0 {
			macro = string(m.At(j).Code) + " " + m.At(j).Name // a new string
		}
		s.Processes = append(s.Processes, BodyProcess{
			Code: model.Code(strings.Clone(string(n.Code))), Name: strings.Clone(n.Name), Macro: macro, Support: support[m.Macro(i)],
		})
	}
	return s
}

// cloneInputs copies inputs, and their names and sources, which may come
// from the inputs' buffers.
func cloneInputs(in []Input) []Input {
	out := make([]Input, len(in))
	for i, x := range in {
		x.Name, x.Source = strings.Clone(x.Name), strings.Clone(x.Source)
		out[i] = x
	}
	return out
}

// clusterOf finds a body's cluster: contesto cluster, else the size class
// of imprese attive, else none, with a note saying which and why.
func clusterOf(c model.Context, b *body) (string, ClusterSource, string) {
	if c.Cluster != "" {
		return strings.Clone(c.Cluster), ClusterDeclared, "dichiarato nella tabella contesto (chiave cluster)"
	}
	if b.impreseErr == "" {
		return sizeClassOf(b.imprese), ClusterBySize,
			fmt.Sprintf("calcolato da imprese_attive (%s) con le classi di camcost: manca cluster nella tabella contesto",
				UnitCount.Format(b.imprese))
	}
	return Unclassified, ClusterUnclassified, "manca cluster nella tabella contesto e " + b.impreseErr
}
