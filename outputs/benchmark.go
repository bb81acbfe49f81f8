package outputs

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"

	"camcost/costing"
	"camcost/model"
)

// A multi-body run costs each body on its own and keeps of each only a
// BodySummary: what the benchmarking workbook compares. The bodies are set
// beside the others of their size class (cluster), as the Unioncamere
// "Pareto" indicators do.

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
// medium-large and large bodies. The workbook prints them.
var sizeClasses = []sizeClass{
	{"fino a 40.000 imprese attive", 40_000},
	{"da 40.001 a 80.000 imprese attive", 80_000},
	{"da 80.001 a 150.000 imprese attive", 150_000},
	{"oltre 150.000 imprese attive", 0},
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

// BodyProcess is a processo of a body's map, as the benchmarking workbook
// lists it.
type BodyProcess struct {
	Code  model.Code
	Name  string
	Macro string // code and name of its macro funzione
	// Support is true for the processi of the support macro funzioni (A
	// and B), whose costo pieno is zero: their cost moves to the others.
	Support bool
}

// BodySummary is what the benchmarking workbook needs of one body. It is
// small and holds nothing of the body's result (no trace, no per-person
// data), so a multi-body run keeps one per body while it costs the next.
type BodySummary struct {
	Name    string // the body's sub-folder in the run folder
	Ente    string
	Anno    string
	RunID   string
	Version string

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

	// Indicators are those of Indicators(res) the workbook compares: every
	// indicator of the whole body, then costo pieno and costo pieno per
	// impresa attiva of every processo (without their inputs), in the
	// order Indicators gives them.
	Indicators []Indicator
	// Processes are the processi of the body's map, in map order.
	Processes []BodyProcess
}

// Summarize keeps of one body's result what the benchmarking workbook
// needs; name is the body's sub-folder. It is pure. Strings are copied:
// inputs may share one buffer among many values, which a kept substring
// would hold in memory for the whole run.
func Summarize(res *costing.Result, info RunInfo, name string) BodySummary {
	b := newBody(res)
	s := BodySummary{
		Name:          strings.Clone(name),
		Ente:          strings.Clone(info.Ente),
		Anno:          strings.Clone(info.Anno),
		RunID:         info.RunID,
		Version:       info.Version,
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
	support := supportMacros(res)
	m := res.Map
	for i, n := range m.Nodes() {
		if !isProcess(n) {
			continue
		}
		macro := ""
		if j := m.Macro(i); j >= 0 {
			macro = strings.Clone(nodeLabel(m.At(j)))
		}
		s.Processes = append(s.Processes, BodyProcess{
			Code: model.Code(strings.Clone(string(n.Code))), Name: strings.Clone(n.Name), Macro: macro, Support: support[m.Macro(i)],
		})
	}
	return s
}

// cloneInputs copies inputs, and their names and sources, which may come
// from the inputs' buffers.
func cloneInputs(in []IndicatorInput) []IndicatorInput {
	out := make([]IndicatorInput, len(in))
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
				unitText(b.imprese, UnitCount))
	}
	return Unclassified, ClusterUnclassified, "manca cluster nella tabella contesto e " + b.impreseErr
}
