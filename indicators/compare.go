package indicators

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/shopspring/decimal"

	"camcost/model"
)

// The comparison behind the benchmarking workbook: bodies in name order,
// grouped in clusters, and for every figure compared each body's value
// with the distribution of its cluster and of all bodies.

// ErrNoBodies is returned when a comparison is asked for no body.
var ErrNoBodies = errors.New("nessun ente da confrontare")

// Comparison is the bodies of a multi-body run set side by side.
type Comparison struct {
	Bodies []BodySummary // in name order
	// Clusters are ordered by size (the smallest imprese attive among
	// their bodies; those without imprese attive after, by name), the
	// unclassified bodies last.
	Clusters []Cluster
	Of       []int    // the index in Clusters of each body
	Years    []string // the bodies' distinct years, sorted ("" for none)

	// Imprese, FTE and Oneri compare imprese attive, FTE totali and
	// oneri correnti.
	Imprese, FTE, Oneri Compared
	// Indicators compare every indicator of the whole body, in the order
	// the bodies' summaries first list them.
	Indicators []IndicatorComparison
	// Processes compare the processi of all bodies' maps, in code order.
	Processes []ProcessComparison
}

// Cluster is a group of bodies compared together.
type Cluster struct {
	Name    string
	Members []int // indexes in Comparison.Bodies, in name order
	// Unclassified is the group of the bodies with neither a cluster nor
	// imprese attive: not a cluster, they are compared with all bodies
	// only.
	Unclassified bool
	// MinImprese and MaxImprese bound the imprese attive of the
	// WithImprese members that have them.
	MinImprese, MaxImprese decimal.Decimal
	WithImprese            int
	sources                map[ClusterSource]bool
}

// Definition says how the bodies of the cluster got it.
func (c Cluster) Definition() string {
	switch {
	case c.Unclassified:
		return "senza cluster né imprese attive nella tabella contesto"
	case c.sources[ClusterDeclared] && c.sources[ClusterBySize]:
		return "dichiarato da alcuni enti, ricavato dalle imprese attive per altri"
	case c.sources[ClusterBySize]:
		return "classe di camcost, ricavata da imprese_attive"
	}
	return "dichiarato nella tabella contesto"
}

// Compared is a figure over all bodies: each body's value or the reason it
// has none, the distributions by cluster (in the order of Clusters) and
// over all bodies, and the ranks of the bodies with a value (0 for none;
// in the cluster, 0 for the unclassified bodies too).
type Compared struct {
	OK          []bool
	Value       []decimal.Decimal
	Reason      []string
	ByCluster   []Distribution
	All         Distribution
	RankCluster []int
	RankAll     []int
}

// IndicatorComparison is an indicator of the whole body over all bodies.
type IndicatorComparison struct {
	Key string
	// Template is the indicator of the first body that has it: its name,
	// unit and formula describe the comparison.
	Template Indicator
	// Inputs are the names and units of the inputs of the bodies'
	// indicators, in order of first appearance, without values.
	Inputs []Input
	ByBody []*Indicator // nil for a body without it
	Compared
}

// ProcessComparison is a processo of at least one body's map over all
// bodies.
type ProcessComparison struct {
	Code  model.Code
	Name  string // as the first body that has it names it
	Macro string
	// Support is true when the processo is a support processo in every
	// map that has it: its costo pieno is zero.
	Support bool
	InMaps  int // bodies whose map has it
	// Formula is that of the costo pieno per impresa attiva, as the first
	// body that has it gives it; "" when none does.
	Formula    string
	PerImpresa Compared // costo pieno per impresa attiva
	Full       Compared // costo pieno
}

// notInSummary is why a body has no value for an indicator its summary
// lacks.
const notInSummary = "l'indicatore manca nel riepilogo dell'ente"

// notInMap is why a body has no value for a processo its map lacks.
const notInMap = "il processo non è nella mappa dei processi dell'ente"

// Compare sorts the bodies by name, groups them in clusters and compares
// every figure; two bodies with the same name are an error. It is pure.
func Compare(bodies []BodySummary) (*Comparison, error) {
	if len(bodies) == 0 {
		return nil, ErrNoBodies
	}
	sorted := slices.Clone(bodies)
	slices.SortStableFunc(sorted, func(a, b BodySummary) int { return strings.Compare(a.Name, b.Name) })
	for i := 1; i < len(sorted); i++ {
		if sorted[i].Name == sorted[i-1].Name {
			return nil, fmt.Errorf("due enti con lo stesso nome di cartella %q", sorted[i].Name)
		}
	}
	c := &Comparison{Bodies: sorted}
	years := make(map[string]bool)
	for _, b := range sorted {
		if !years[b.Anno] {
			years[b.Anno] = true
			c.Years = append(c.Years, b.Anno)
		}
	}
	slices.Sort(c.Years)
	c.groupClusters()
	c.Imprese = c.compare(func(i int) (decimal.Decimal, bool, string) {
		b := c.Bodies[i]
		return b.ImpreseAttive, b.HasImprese, b.ImpreseReason
	})
	c.FTE = c.compare(func(i int) (decimal.Decimal, bool, string) { return c.Bodies[i].FTE, true, "" })
	c.Oneri = c.compare(func(i int) (decimal.Decimal, bool, string) { return c.Bodies[i].OneriCorrenti, true, "" })
	var keys []string
	for _, b := range sorted {
		for _, ind := range b.Indicators {
			if ind.Scope.IsBody() && !slices.Contains(keys, ind.Key) {
				keys = append(keys, ind.Key)
			}
		}
	}
	for _, k := range keys {
		c.Indicators = append(c.Indicators, c.compareIndicator(k))
	}
	c.compareProcesses()
	return c, nil
}

// Indicator finds the comparison of the body indicator key; false when no
// body has it.
func (c *Comparison) Indicator(key string) (*IndicatorComparison, bool) {
	for i := range c.Indicators {
		if c.Indicators[i].Key == key {
			return &c.Indicators[i], true
		}
	}
	return nil, false
}

// clusterKey is how cluster names are compared: case and spacing aside.
func clusterKey(name string) string {
	return strings.ToLower(strings.Join(strings.Fields(name), " "))
}

// groupClusters puts bodies into clusters.
func (c *Comparison) groupClusters() {
	byKey := make(map[string]*Cluster)
	var clusters []*Cluster
	for i, b := range c.Bodies {
		key := clusterKey(b.Cluster)
		if b.ClusterSource == ClusterUnclassified {
			key = "\x00"
		}
		cl := byKey[key]
		if cl == nil {
			name := strings.Join(strings.Fields(b.Cluster), " ")
			if b.ClusterSource == ClusterUnclassified {
				name = Unclassified
			}
			cl = &Cluster{Name: name, sources: make(map[ClusterSource]bool), Unclassified: b.ClusterSource == ClusterUnclassified}
			byKey[key] = cl
			clusters = append(clusters, cl)
		}
		cl.Members = append(cl.Members, i)
		cl.sources[b.ClusterSource] = true
		if b.HasImprese {
			if cl.WithImprese == 0 || b.ImpreseAttive.LessThan(cl.MinImprese) {
				cl.MinImprese = b.ImpreseAttive
			}
			if cl.WithImprese == 0 || b.ImpreseAttive.GreaterThan(cl.MaxImprese) {
				cl.MaxImprese = b.ImpreseAttive
			}
			cl.WithImprese++
		}
	}
	slices.SortStableFunc(clusters, func(a, b *Cluster) int {
		if a.Unclassified != b.Unclassified {
			if a.Unclassified {
				return 1
			}
			return -1
		}
		if (a.WithImprese > 0) != (b.WithImprese > 0) {
			if a.WithImprese > 0 {
				return -1
			}
			return 1
		}
		if d := a.MinImprese.Cmp(b.MinImprese); d != 0 {
			return d
		}
		return strings.Compare(clusterKey(a.Name), clusterKey(b.Name))
	})
	c.Of = make([]int, len(c.Bodies))
	for k, cl := range clusters {
		for _, i := range cl.Members {
			c.Of[i] = k
		}
		c.Clusters = append(c.Clusters, *cl)
	}
}

// compare builds a comparison from the value of every body.
func (c *Comparison) compare(get func(i int) (decimal.Decimal, bool, string)) Compared {
	n := len(c.Bodies)
	cmp := Compared{OK: make([]bool, n), Value: make([]decimal.Decimal, n), Reason: make([]string, n),
		RankCluster: make([]int, n), RankAll: make([]int, n)}
	for i := range c.Bodies {
		cmp.Value[i], cmp.OK[i], cmp.Reason[i] = get(i)
	}
	// group computes the distribution over members and, when rank is
	// not nil, the ranks of those with a value.
	group := func(members []int, rank []int) Distribution {
		var vals []decimal.Decimal
		var idx []int
		for _, i := range members {
			if cmp.OK[i] {
				vals = append(vals, cmp.Value[i])
				idx = append(idx, i)
			}
		}
		if rank != nil {
			for k, r := range Ranks(vals) {
				rank[idx[k]] = r
			}
		}
		return Describe(vals, len(members)-len(vals))
	}
	all := make([]int, n)
	for i := range all {
		all[i] = i
	}
	cmp.All = group(all, cmp.RankAll)
	for _, cl := range c.Clusters {
		var rank []int
		if !cl.Unclassified {
			rank = cmp.RankCluster
		}
		cmp.ByCluster = append(cmp.ByCluster, group(cl.Members, rank))
	}
	return cmp
}

// compareIndicator compares the body indicator key across bodies; some
// body has it.
func (c *Comparison) compareIndicator(key string) IndicatorComparison {
	d := IndicatorComparison{Key: key, ByBody: make([]*Indicator, len(c.Bodies))}
	seen := make(map[string]bool)
	found := false
	for i := range c.Bodies {
		inds := c.Bodies[i].Indicators
		for k := range inds {
			ind := &inds[k]
			if ind.Key != key || !ind.Scope.IsBody() {
				continue
			}
			d.ByBody[i] = ind
			if !found {
				d.Template, found = *ind, true
			}
			for _, in := range ind.Inputs {
				if !seen[in.Name] {
					seen[in.Name] = true
					d.Inputs = append(d.Inputs, Input{Name: in.Name, Unit: in.Unit})
				}
			}
			break
		}
	}
	d.Compared = c.compare(func(i int) (decimal.Decimal, bool, string) {
		ind := d.ByBody[i]
		if ind == nil {
			return decimal.Zero, false, notInSummary
		}
		return ind.Value, ind.Available, ind.Reason
	})
	return d
}

// compareProcesses lists the processi of all bodies' maps in code order and
// compares their costo pieno and costo pieno per impresa attiva.
func (c *Comparison) compareProcesses() {
	byCode := make(map[model.Code]*ProcessComparison)
	var procs []*ProcessComparison
	type pair struct{ full, perImpresa *Indicator }
	inds := make([]map[model.Code]pair, len(c.Bodies))
	has := make([]map[model.Code]bool, len(c.Bodies))
	for i := range c.Bodies {
		b := &c.Bodies[i]
		has[i] = make(map[model.Code]bool)
		for _, p := range b.Processes {
			has[i][p.Code] = true
			bp := byCode[p.Code]
			if bp == nil {
				bp = &ProcessComparison{Code: p.Code, Name: p.Name, Macro: p.Macro, Support: true}
				byCode[p.Code] = bp
				procs = append(procs, bp)
			}
			bp.Support = bp.Support && p.Support
		}
		inds[i] = make(map[model.Code]pair)
		for k := range b.Indicators {
			ind := &b.Indicators[k]
			if ind.Scope.IsBody() {
				continue
			}
			p := inds[i][ind.Scope.Code]
			switch ind.Key {
			case KeyCostoPieno:
				p.full = ind
			case KeyCostoPienoPerImpresa:
				p.perImpresa = ind
			}
			inds[i][ind.Scope.Code] = p
		}
	}
	slices.SortFunc(procs, func(a, b *ProcessComparison) int { return model.CompareCodes(a.Code, b.Code) })
	for _, bp := range procs {
		for i := range c.Bodies {
			if has[i][bp.Code] {
				bp.InMaps++
			}
			if p := inds[i][bp.Code].perImpresa; p != nil && bp.Formula == "" {
				bp.Formula = p.Formula
			}
		}
		bp.Full = c.compare(func(i int) (decimal.Decimal, bool, string) {
			p := inds[i][bp.Code]
			switch {
			case !has[i][bp.Code]:
				return decimal.Zero, false, notInMap
			case p.full == nil:
				return decimal.Zero, false, notInSummary
			}
			return p.full.Value, p.full.Available, p.full.Reason
		})
		bp.PerImpresa = c.compare(func(i int) (decimal.Decimal, bool, string) {
			p := inds[i][bp.Code]
			switch {
			case !has[i][bp.Code]:
				return decimal.Zero, false, notInMap
			case p.perImpresa == nil:
				return decimal.Zero, false, notInSummary
			}
			return p.perImpresa.Value, p.perImpresa.Available, p.perImpresa.Reason
		})
		c.Processes = append(c.Processes, *bp)
	}
}
