package outputs

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/shopspring/decimal"

	"camcost/model"
)

// The comparison behind the benchmarking workbook: bodies in name order,
// grouped in clusters, and for every indicator compared each body's value
// with the distribution of its cluster and of all bodies.

// bench holds what the sheets of the workbook share.
type bench struct {
	bodies     []BodySummary // in name order
	labels     []string      // the bodies' names in tables: ente, with the folder when two share it
	short      []string      // the bodies' names in charts
	clusters   []*benchCluster
	of         []int // cluster index of each body
	indicators []benchIndicatorData
	processes  []*benchProcess
	years      []string // distinct years, sorted
	info       RunInfo
	st         *styles
	bs         benchStyles
}

// benchCluster is a group of bodies compared together.
type benchCluster struct {
	name         string
	sources      map[ClusterSource]bool
	members      []int
	minImprese   decimal.Decimal
	maxImprese   decimal.Decimal
	withImprese  int
	unclassified bool
}

// definition says how the bodies of the cluster got it.
func (c *benchCluster) definition() string {
	switch {
	case c.unclassified:
		return "senza cluster né imprese attive nella tabella contesto"
	case c.sources[ClusterDeclared] && c.sources[ClusterBySize]:
		return "dichiarato da alcuni enti, ricavato dalle imprese attive per altri"
	case c.sources[ClusterBySize]:
		return "classe di camcost, ricavata da imprese_attive"
	}
	return "dichiarato nella tabella contesto"
}

// benchIndicatorData is a compared body indicator with the template that
// names it (the first body's) and its values.
type benchIndicatorData struct {
	benchIndicator
	tmpl   Indicator
	inputs []IndicatorInput // names and units of the inputs shown, in order of first appearance
	byBody []*Indicator     // nil for a body without it
	cmp    compared
}

// benchProcess is a processo of at least one body's map.
type benchProcess struct {
	code    model.Code
	name    string
	macro   string
	sheet   string // "" for support processi: no sheet
	support bool
	inMaps  int // bodies whose map has it
	formula string
	cmp     compared
	full    []decimal.Decimal // costo pieno per body
	hasFull []bool
}

// ErrNoBodies is returned when a benchmarking workbook is asked for no
// body.
var ErrNoBodies = errors.New("nessun ente da confrontare")

// newBench sorts the bodies by name, groups them in clusters and computes
// every comparison.
func newBench(bodies []BodySummary) (*bench, error) {
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
	bn := &bench{bodies: sorted}
	bn.names()
	bn.groupClusters()
	bn.info = bn.runInfo()
	for _, bi := range benchIndicators {
		if d, ok := bn.compareIndicator(bi); ok {
			bn.indicators = append(bn.indicators, d)
		}
	}
	bn.compareProcesses()
	return bn, nil
}

// names chooses how bodies are named: the ente, with the folder when two
// bodies share it; in charts without the words every name starts with
// ("Camera di Commercio di").
func (bn *bench) names() {
	count := make(map[string]int)
	for _, b := range bn.bodies {
		count[b.Ente]++
	}
	for _, b := range bn.bodies {
		l := b.Ente
		if l == "" {
			l = b.Name
		}
		if count[b.Ente] > 1 {
			l += " (" + b.Name + ")"
		}
		bn.labels = append(bn.labels, l)
	}
	bn.short = trimCommonWords(bn.labels)
	years := make(map[string]bool)
	for _, b := range bn.bodies {
		if !years[b.Anno] {
			years[b.Anno] = true
			bn.years = append(bn.years, b.Anno)
		}
	}
	slices.Sort(bn.years)
}

// trimCommonWords drops the words all names start with, when every name
// keeps at least one word.
func trimCommonWords(names []string) []string {
	if len(names) < 2 {
		return slices.Clone(names)
	}
	words := make([][]string, len(names))
	for i, n := range names {
		words[i] = strings.Fields(n)
	}
	common := 0
	for ; ; common++ {
		ok := true
		for _, w := range words {
			if common >= len(w)-1 || w[common] != words[0][common] {
				ok = false
				break
			}
		}
		if !ok {
			break
		}
	}
	out := make([]string, len(names))
	for i, w := range words {
		out[i] = strings.Join(w[common:], " ")
	}
	return out
}

// clusterKey is how cluster names are compared: case and spacing aside.
func clusterKey(name string) string {
	return strings.ToLower(strings.Join(strings.Fields(name), " "))
}

// groupClusters puts bodies into clusters, ordered by size (the smallest
// imprese attive among their bodies; clusters without imprese attive
// after, by name) with the unclassified bodies last.
func (bn *bench) groupClusters() {
	byKey := make(map[string]*benchCluster)
	bn.of = make([]int, len(bn.bodies))
	for i, b := range bn.bodies {
		key := clusterKey(b.Cluster)
		if b.ClusterSource == ClusterUnclassified {
			key = "\x00"
		}
		c := byKey[key]
		if c == nil {
			name := strings.Join(strings.Fields(b.Cluster), " ")
			if b.ClusterSource == ClusterUnclassified {
				name = Unclassified
			}
			c = &benchCluster{name: name, sources: make(map[ClusterSource]bool), unclassified: b.ClusterSource == ClusterUnclassified}
			byKey[key] = c
			bn.clusters = append(bn.clusters, c)
		}
		c.members = append(c.members, i)
		c.sources[b.ClusterSource] = true
		if b.HasImprese {
			if c.withImprese == 0 || b.ImpreseAttive.LessThan(c.minImprese) {
				c.minImprese = b.ImpreseAttive
			}
			if c.withImprese == 0 || b.ImpreseAttive.GreaterThan(c.maxImprese) {
				c.maxImprese = b.ImpreseAttive
			}
			c.withImprese++
		}
	}
	slices.SortStableFunc(bn.clusters, func(a, b *benchCluster) int {
		if a.unclassified != b.unclassified {
			if a.unclassified {
				return 1
			}
			return -1
		}
		if (a.withImprese > 0) != (b.withImprese > 0) {
			if a.withImprese > 0 {
				return -1
			}
			return 1
		}
		if c := a.minImprese.Cmp(b.minImprese); c != 0 {
			return c
		}
		return strings.Compare(clusterKey(a.name), clusterKey(b.name))
	})
	for k, c := range bn.clusters {
		for _, i := range c.members {
			bn.of[i] = k
		}
	}
}

// runInfo describes the workbook for its properties: an id derived from
// the runs compared, the year when the bodies share one.
func (bn *bench) runInfo() RunInfo {
	h := sha256.New()
	version := model.Version
	for _, b := range bn.bodies {
		fmt.Fprintf(h, "body %s %s\n", b.Name, b.RunID)
		if b.Version != "" {
			version = b.Version
		}
	}
	info := RunInfo{RunID: hex.EncodeToString(h.Sum(nil))[:16], Version: version, Ente: bn.count()}
	if len(bn.years) == 1 {
		info.Anno = bn.years[0]
	}
	return info
}

// count is "N enti".
func (bn *bench) count() string {
	if len(bn.bodies) == 1 {
		return "1 ente"
	}
	return fmt.Sprintf("%d enti", len(bn.bodies))
}

// heading is the second line of every sheet: how many bodies, which year.
func (bn *bench) heading() string {
	h := bn.count()
	var years []string
	for _, y := range bn.years {
		if y != "" {
			years = append(years, y)
		}
	}
	switch {
	case len(years) == 1 && len(bn.years) == 1:
		h += " – esercizio " + years[0]
	case len(years) > 0:
		h += " – esercizi " + strings.Join(years, ", ") + " (attenzione: gli enti non si riferiscono tutti allo stesso anno)"
	}
	return h
}

// compared is an indicator over all bodies: each body's value or the
// reason it has none, the distributions by cluster and overall, and the
// ranks (0 for none).
type compared struct {
	ok          []bool
	value       []decimal.Decimal
	reason      []string
	byCluster   []distribution
	all         distribution
	rankCluster []int
	rankAll     []int
}

// compare builds a comparison from the value of every body.
func (bn *bench) compare(get func(i int) (decimal.Decimal, bool, string)) compared {
	n := len(bn.bodies)
	c := compared{ok: make([]bool, n), value: make([]decimal.Decimal, n), reason: make([]string, n),
		rankCluster: make([]int, n), rankAll: make([]int, n)}
	for i := range bn.bodies {
		c.value[i], c.ok[i], c.reason[i] = get(i)
	}
	// group computes the distribution over members and, when rank is
	// not nil, the ranks of those with a value.
	group := func(members []int, rank []int) distribution {
		var vals []decimal.Decimal
		var idx []int
		for _, i := range members {
			if c.ok[i] {
				vals = append(vals, c.value[i])
				idx = append(idx, i)
			}
		}
		if rank != nil {
			for k, r := range ranks(vals) {
				rank[idx[k]] = r
			}
		}
		return describe(vals, len(members)-len(vals))
	}
	all := make([]int, n)
	for i := range all {
		all[i] = i
	}
	c.all = group(all, c.rankAll)
	for _, cl := range bn.clusters {
		var rank []int
		if !cl.unclassified {
			rank = c.rankCluster
		}
		c.byCluster = append(c.byCluster, group(cl.members, rank))
	}
	return c
}

// compareIndicator compares a body indicator across bodies; false when no
// body has it.
func (bn *bench) compareIndicator(bi benchIndicator) (benchIndicatorData, bool) {
	d := benchIndicatorData{benchIndicator: bi, byBody: make([]*Indicator, len(bn.bodies))}
	seen := make(map[string]bool)
	found := false
	for i := range bn.bodies {
		inds := bn.bodies[i].Indicators
		for k := range inds {
			ind := &inds[k]
			if ind.Key != bi.key || !ind.Scope.IsBody() {
				continue
			}
			d.byBody[i] = ind
			if !found {
				d.tmpl, found = *ind, true
			}
			for _, in := range ind.Inputs {
				if !seen[in.Name] {
					seen[in.Name] = true
					d.inputs = append(d.inputs, IndicatorInput{Name: in.Name, Unit: in.Unit})
				}
			}
			break
		}
	}
	if !found {
		return d, false
	}
	d.cmp = bn.compare(func(i int) (decimal.Decimal, bool, string) {
		ind := d.byBody[i]
		if ind == nil {
			return decimal.Zero, false, "l'indicatore manca nel riepilogo dell'ente"
		}
		return ind.Value, ind.Available, ind.Reason
	})
	return d, true
}

// reservedSheets are the names of the sheets besides those of processi.
func reservedSheets() map[string]bool {
	out := map[string]bool{}
	for _, n := range []string{SheetBenchSintesi, SheetBenchProcessi, SheetBenchEsecuzioni} {
		out[strings.ToLower(n)] = true
	}
	for _, bi := range benchIndicators {
		out[strings.ToLower(bi.sheet)] = true
	}
	return out
}

// processSheetName makes a valid sheet name of a code, unique among used
// (lower case): at most 31 characters, none of : \ / ? * [ ].
func processSheetName(code model.Code, used map[string]bool) string {
	name := strings.Map(func(r rune) rune {
		if strings.ContainsRune(`:\/?*[]`, r) {
			return '_'
		}
		return r
	}, string(code))
	name = strings.Trim(name, "'")
	if name == "" {
		name = "processo"
	}
	if r := []rune(name); len(r) > 31 {
		name = string(r[:31])
	}
	base := name
	for k := 2; used[strings.ToLower(name)]; k++ {
		suffix := fmt.Sprintf(" (%d)", k)
		r := []rune(base)
		name = string(r[:min(len(r), 31-len(suffix))]) + suffix
	}
	used[strings.ToLower(name)] = true
	return name
}

// notInMap is why a body has no value for a processo its map lacks.
const notInMap = "il processo non è nella mappa dei processi dell'ente"

// compareProcesses lists the processi of all bodies' maps in code order and
// compares their costo pieno per impresa attiva.
func (bn *bench) compareProcesses() {
	byCode := make(map[model.Code]*benchProcess)
	type pair struct{ full, perImpresa *Indicator }
	inds := make([]map[model.Code]pair, len(bn.bodies))
	has := make([]map[model.Code]bool, len(bn.bodies))
	for i := range bn.bodies {
		b := &bn.bodies[i]
		has[i] = make(map[model.Code]bool)
		for _, p := range b.Processes {
			has[i][p.Code] = true
			bp := byCode[p.Code]
			if bp == nil {
				bp = &benchProcess{code: p.Code, name: p.Name, macro: p.Macro, support: true}
				byCode[p.Code] = bp
				bn.processes = append(bn.processes, bp)
			}
			bp.support = bp.support && p.Support
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
	slices.SortFunc(bn.processes, func(a, b *benchProcess) int { return model.CompareCodes(a.code, b.code) })
	used := reservedSheets()
	for _, bp := range bn.processes {
		if !bp.support {
			bp.sheet = processSheetName(bp.code, used)
		}
		for i := range bn.bodies {
			if has[i][bp.code] {
				bp.inMaps++
			}
		}
		bp.full = make([]decimal.Decimal, len(bn.bodies))
		bp.hasFull = make([]bool, len(bn.bodies))
		for i := range bn.bodies {
			p := inds[i][bp.code]
			if p.full != nil && p.full.Available {
				bp.full[i], bp.hasFull[i] = p.full.Value, true
			}
			if p.perImpresa != nil && bp.formula == "" {
				bp.formula = p.perImpresa.Formula
			}
		}
		bp.cmp = bn.compare(func(i int) (decimal.Decimal, bool, string) {
			p := inds[i][bp.code]
			switch {
			case !has[i][bp.code]:
				return decimal.Zero, false, notInMap
			case p.perImpresa == nil:
				return decimal.Zero, false, "l'indicatore manca nel riepilogo dell'ente"
			}
			return p.perImpresa.Value, p.perImpresa.Available, p.perImpresa.Reason
		})
	}
}
