package explain

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/shopspring/decimal"

	"camcost/model"
)

// The figures of trace.csv and costs.csv.
const (
	Direct           = "direct"
	FromCoordination = "from_coordination"
	FromSupport      = "from_support"
	ToOthers         = "to_others"
)

// The stages of trace.csv.
const (
	StageDirect       = 1
	StageCoordination = 2
	StageSupport      = 3
	StageAttivita     = 4
	StageRounding     = 5
)

// DefaultLines is how many rows a list shows before the rest is folded.
const DefaultLines = 10

// detailLines is how many recipients an outflow lists.
const detailLines = 5

// Step is one row of trace.csv, its text fields as written before the
// CSV-injection guard (outputs.UnsafeText).
type Step struct {
	Stage       int
	Source      string // file:row for a ledger line, a node code, "arrotondamento"
	Target      model.Code
	Driver      string
	Key         decimal.Decimal // valid when HasKey
	Share       decimal.Decimal // valid when HasKey
	HasKey      bool
	Amount      decimal.Decimal
	Voce        model.Voce
	Figure      string
	Conto       string
	Descrizione string
}

// Figures are a node's euro figures in costs.csv.
type Figures struct {
	FTE              decimal.Decimal
	Direct           decimal.Decimal
	FromCoordination decimal.Decimal
	FromSupport      decimal.Decimal
	ToOthers         decimal.Decimal
	Full             decimal.Decimal
}

// Kind tells what a Row stands for.
type Kind uint8

// The kinds of rows.
const (
	KindLedger    Kind = iota // one ledger line (stage 1)
	KindQualifica             // the personnel cost of a qualifica (stage 1)
	KindNode                  // what one node gave or received (stages 2-4)
	KindRounding              // the final rounding (stage 5)
	KindFolded                // the rest of a list, folded into one row
	KindOther                 // a stage this version does not describe
)

// Row is one line of an explanation: its amount is the exact sum of the
// trace rows it stands for.
type Row struct {
	Stage       int
	Kind        Kind
	Source      string // trace.csv's source, or "qualifica:NOME", "altre"
	Description string
	Amount      decimal.Decimal
	// Count is the number of ledger lines, nodes or trace rows a folded or
	// rounding row stands for, the people of a qualifica row.
	Count int
	// Details are informative lines (where an outflow went): they are
	// not part of the sum.
	Details []Detail
}

// Detail is an informative line under a row or a section.
type Detail struct {
	Text   string
	Amount decimal.Decimal
}

// Section is the part of an explanation for one stage.
type Section struct {
	Stage   int
	Title   string
	Details []Detail // informative lines under the title
	Rows    []Row
}

// Total is the sum of the section's rows.
func (s Section) Total() decimal.Decimal {
	var t decimal.Decimal
	for _, r := range s.Rows {
		t = t.Add(r.Amount)
	}
	return t
}

// Explanation is how a node's costo pieno is built.
type Explanation struct {
	Node     model.Node
	Parents  []model.Node // the nodes above it, macro funzione first
	Support  bool         // the node is under macro funzione A or B
	Figures  Figures      // its row of costs.csv
	Sections []Section
	Notes    []string
}

// Rows lists the rows of every section, in order.
func (e *Explanation) Rows() []Row {
	var out []Row
	for _, s := range e.Sections {
		out = append(out, s.Rows...)
	}
	return out
}

// Total is the sum of every row: the node's costo pieno.
func (e *Explanation) Total() decimal.Decimal {
	var t decimal.Decimal
	for _, s := range e.Sections {
		t = t.Add(s.Total())
	}
	return t
}

// Options tune a Builder.
type Options struct {
	// Lines is how many rows a list shows before the rest is folded into
	// one row; 0 means DefaultLines, a negative value shows every row.
	Lines int
}

// ledgerAcc gathers the trace rows of one ledger line.
type ledgerAcc struct {
	source, conto, descrizione, driver string
	voce                               model.Voce
	amount, shares                     decimal.Decimal
	targets                            int
	target                             model.Code
}

// flowKey is a node that gave in a stage.
type flowKey struct {
	stage  int
	source string
}

// flowAcc gathers the trace rows of one node that gave in one stage.
type flowAcc struct {
	in, out  decimal.Decimal // received by nodes of the subtree; recorded on the source itself
	drivers  []string        // the keys used, in the order met
	byTarget map[model.Code]decimal.Decimal
	shares   map[model.Code]decimal.Decimal // a target's share, the same for every voce of one key
	byFigure map[string]decimal.Decimal     // received, by figure
	// figKey is the key and share of each figure received, for an
	// attività: a support servizio moves its to_others by another key.
	figKey map[string]keyShare
	// gone is what left the subtree, by target: the source is in the
	// subtree, the target is not.
	gone       map[model.Code]decimal.Decimal
	goneShares map[model.Code]decimal.Decimal
}

// keyShare is the key a flow used for a figure and the target's share.
type keyShare struct {
	driver string
	share  decimal.Decimal
}

// Builder gathers the trace rows of one node's subtree. Feed it with Add
// the rows Wants accepts, in any order, then call Explain.
type Builder struct {
	m          *model.Map
	node       int
	start, end int
	lines      int

	ledger    map[string]*ledgerAcc
	personnel []Step // personnel rows that a Staff may split by qualifica
	flows     map[flowKey]*flowAcc
	rounding  decimal.Decimal
	roundRows int
	byFigure  map[string]decimal.Decimal
	otherVoci map[string]bool // ledger lines of other voci that reached the subtree

	staff     *Staff
	staffNote string
}

// New starts the explanation of code, which must be a node of m (Lookup
// finds it with a suggestion when it is not).
func New(m *model.Map, code model.Code, opt Options) (*Builder, error) {
	i, ok := m.Index(code)
	if !ok {
		return nil, unknownCode(m, string(code))
	}
	start, end := m.Subtree(i)
	lines := opt.Lines
	if lines == 0 {
		lines = DefaultLines
	}
	return &Builder{
		m: m, node: i, start: start, end: end, lines: lines,
		ledger:    make(map[string]*ledgerAcc),
		flows:     make(map[flowKey]*flowAcc),
		byFigure:  make(map[string]decimal.Decimal),
		otherVoci: make(map[string]bool),
	}, nil
}

// inside reports whether code is the node or lies below it.
func (b *Builder) inside(code string) bool {
	i, ok := b.m.Index(model.Code(code))
	return ok && i >= b.start && i < b.end
}

// Covers reports whether code is the node explained or lies below it.
func (b *Builder) Covers(code model.Code) bool { return b.inside(string(code)) }

// Wants reports whether a trace row with this target and source matters:
// its target lies in the subtree, or its source is a node of the subtree
// (where an outflow went). It is cheap, for filtering a stream before
// parsing its numbers.
func (b *Builder) Wants(target, source string) bool {
	return b.inside(target) || b.inside(source)
}

// Add takes one trace row that Wants accepted.
func (b *Builder) Add(s Step) {
	if !s.Voce.IsCost() {
		if s.Stage == StageDirect && b.inside(string(s.Target)) {
			b.otherVoci[s.Source] = true
		}
		return
	}
	if !b.inside(string(s.Target)) {
		b.addGone(s)
		return
	}
	b.byFigure[s.Figure] = b.byFigure[s.Figure].Add(s.Amount)
	switch {
	case s.Stage == StageDirect:
		if personnelKey(s) {
			b.personnel = append(b.personnel, s)
			return
		}
		b.addLedger(s)
	case s.Stage == StageRounding:
		b.rounding = b.rounding.Add(s.Amount)
		b.roundRows++
	default:
		f := b.flow(s)
		if s.Target == model.Code(s.Source) {
			f.out = f.out.Add(s.Amount)
			return
		}
		f.in = f.in.Add(s.Amount)
		f.byTarget[s.Target] = f.byTarget[s.Target].Add(s.Amount)
		f.byFigure[s.Figure] = f.byFigure[s.Figure].Add(s.Amount)
		if s.HasKey {
			f.shares[s.Target] = s.Share
			f.figKey[s.Figure] = keyShare{s.Driver, s.Share}
		}
		f.addDriver(s.Driver)
	}
}

func (f *flowAcc) addDriver(d string) {
	if d != "" && !slices.Contains(f.drivers, d) {
		f.drivers = append(f.drivers, d)
	}
}

// driver is the key of the flow, "" when it used several.
func (f *flowAcc) driver() string {
	if len(f.drivers) == 1 {
		return f.drivers[0]
	}
	return ""
}

// addGone records a row whose source is in the subtree and whose target
// is not: where an outflow went.
func (b *Builder) addGone(s Step) {
	if s.Stage == StageDirect || s.Stage == StageRounding || !b.inside(s.Source) {
		return
	}
	f := b.flow(s)
	f.gone[s.Target] = f.gone[s.Target].Add(s.Amount)
	if s.HasKey {
		f.goneShares[s.Target] = s.Share
	}
	f.addDriver(s.Driver)
}

func (b *Builder) flow(s Step) *flowAcc {
	k := flowKey{s.Stage, s.Source}
	f := b.flows[k]
	if f == nil {
		f = &flowAcc{
			byTarget: make(map[model.Code]decimal.Decimal), shares: make(map[model.Code]decimal.Decimal),
			byFigure: make(map[string]decimal.Decimal), figKey: make(map[string]keyShare),
			gone: make(map[model.Code]decimal.Decimal), goneShares: make(map[model.Code]decimal.Decimal),
		}
		b.flows[k] = f
	}
	return f
}

func (b *Builder) addLedger(s Step) {
	a := b.ledger[s.Source]
	if a == nil {
		a = &ledgerAcc{source: s.Source, conto: s.Conto, descrizione: s.Descrizione, voce: s.Voce, driver: s.Driver, target: s.Target}
		b.ledger[s.Source] = a
	}
	a.amount = a.amount.Add(s.Amount)
	a.targets++
	if s.HasKey {
		a.shares = a.shares.Add(s.Share)
	}
}

// NeedsStaff reports whether rows of personnel cost reached the subtree by
// a key made of people's time or pay, which a Staff can split by
// qualifica.
func (b *Builder) NeedsStaff() bool { return len(b.personnel) > 0 }

// SetStaff gives the builder the staff to split personnel cost by
// qualifica; with a nil staff, note says why there is none.
func (b *Builder) SetStaff(s *Staff, note string) {
	b.staff, b.staffNote = s, note
}

// Explain builds the explanation and checks it against the node's figures
// in costs.csv: the rows, summed by figure, must give them exactly. It is
// called once, after the last Add.
func (b *Builder) Explain(f Figures) (*Explanation, error) {
	n := b.m.At(b.node)
	e := &Explanation{Node: n, Figures: f, Support: isSupport(b.m, b.node)}
	for _, c := range b.m.Ancestors(n.Code) {
		p, _ := b.m.Node(c)
		e.Parents = append([]model.Node{p}, e.Parents...)
	}
	if err := b.check(f); err != nil {
		return nil, err
	}

	personnel, ledgerRows, notes := b.splitPersonnel()
	e.Notes = append(e.Notes, notes...)
	if personnel != nil {
		e.Sections = append(e.Sections, *personnel)
	}
	for _, s := range ledgerRows {
		b.addLedger(s)
	}
	if len(b.ledger) > 0 {
		e.Sections = append(e.Sections, b.ledgerSection())
	}
	for _, stage := range b.flowStages() {
		if s, ok := b.flowSection(stage); ok {
			e.Sections = append(e.Sections, s)
		}
	}
	if b.roundRows > 0 {
		e.Sections = append(e.Sections, Section{
			Stage: StageRounding,
			Title: "Fase 5 – arrotondamento al centesimo",
			Rows: []Row{{
				Stage: StageRounding, Kind: KindRounding, Source: "arrotondamento", Amount: b.rounding, Count: b.roundRows,
				Description: fmt.Sprintf("arrotondamento al centesimo (%s di trace.csv)", plural(b.roundRows, "riga", "righe")),
			}},
		})
	}
	if got := e.Total(); !got.Equal(f.Full) {
		return nil, fmt.Errorf("le righe della spiegazione di %s sommano a %s €, non al costo pieno %s € di costs.csv", n.Code,
			model.ItalianShort(got), model.Italian(f.Full, model.CentPlaces))
	}
	if n.Level == model.LevelAttivita && b.flows[flowKey{StageAttivita, string(n.Parent)}] != nil {
		e.Notes = append(e.Notes, fmt.Sprintf("Ciò che l'attività riceve dal servizio %s in fase 4 è una parte di ciò che il servizio "+
			"ha ricevuto nelle fasi 1-3: le sue righe si ottengono chiedendo la spiegazione di %s.", n.Parent, n.Parent))
	}
	if e.Support {
		e.Notes = append(e.Notes, "È un nodo delle macro funzioni A o B (supporto): ciò che contiene è ribaltato sui servizi "+
			"destinatari in fase 3, per cui il suo costo pieno è zero.")
	}
	if k := len(b.otherVoci); k > 0 {
		e.Notes = append(e.Notes, fmt.Sprintf("La fase 1 attribuisce al nodo anche %s di proventi o di altre voci che non sono "+
			"oneri correnti: non entrano nel costo pieno.", plural(k, "riga di contabilità", "righe di contabilità")))
	}
	return e, nil
}

// check compares the rows gathered, summed by figure, with costs.csv.
func (b *Builder) check(f Figures) error {
	want := map[string]decimal.Decimal{
		Direct: f.Direct, FromCoordination: f.FromCoordination, FromSupport: f.FromSupport, ToOthers: f.ToOthers,
	}
	var bad []string
	for _, fig := range []string{Direct, FromCoordination, FromSupport, ToOthers} {
		if got := b.byFigure[fig]; !got.Equal(want[fig]) {
			bad = append(bad, fmt.Sprintf("%s: trace.csv %s, costs.csv %s", fig, model.ItalianShort(got), model.Italian(want[fig], model.CentPlaces)))
		}
	}
	for fig := range b.byFigure {
		if _, ok := want[fig]; !ok {
			bad = append(bad, fmt.Sprintf("trace.csv ha la colonna %q, che costs.csv non conosce", fig))
		}
	}
	if len(bad) > 0 {
		slices.Sort(bad)
		return fmt.Errorf("trace.csv e costs.csv non concordano sul nodo %s: %s", b.m.At(b.node).Code, strings.Join(bad, "; "))
	}
	return nil
}

func isSupport(m *model.Map, i int) bool {
	c := m.At(m.Macro(i)).Code
	return c == "A" || c == "B"
}

// ledgerSection lists the ledger lines, largest first, the rest folded.
func (b *Builder) ledgerSection() Section {
	var rows []Row
	for _, a := range b.ledger {
		rows = append(rows, Row{
			Stage: StageDirect, Kind: KindLedger, Source: a.source, Amount: a.amount, Count: 1,
			Description: ledgerText(a, b.inside),
		})
	}
	sortRows(rows)
	rows = b.fold(rows, func(k int) string { return "altre " + plural(k, "riga", "righe") + " di contabilità" })
	return Section{Stage: StageDirect, Title: "Fase 1 – righe di contabilità attribuite direttamente", Rows: rows}
}

// ledgerText describes a ledger line: conto, descrizione, voce, key, share.
func ledgerText(a *ledgerAcc, inside func(string) bool) string {
	var b strings.Builder
	fmt.Fprintf(&b, "conto %s", a.conto)
	if a.descrizione != "" {
		fmt.Fprintf(&b, " «%s»", a.descrizione)
	}
	fmt.Fprintf(&b, ", voce %s, %s", voceLabel(a.voce), ruleText(a.driver, a.target, a.targets))
	if !a.shares.IsZero() && a.driver != "destinazione" {
		fmt.Fprintf(&b, ", %s della riga", percent(a.shares))
	}
	if a.targets > 1 {
		fmt.Fprintf(&b, " (su %d nodi)", a.targets)
	}
	return b.String()
}

// ruleText names the rule of a stage 1 row by its driver.
func ruleText(driver string, target model.Code, targets int) string {
	switch {
	case driver == "destinazione" && targets == 1:
		return "destinazione " + string(target)
	case driver == "destinazione":
		return "destinazione"
	case driver == "fte":
		return "chiave fte"
	case driver == "personale":
		return "chiave personale (costo del personale)"
	case strings.HasPrefix(driver, "unita:"):
		return "unità " + strings.TrimPrefix(driver, "unita:") + " (FTE dell'ufficio)"
	case driver == "":
		return "senza chiave"
	}
	return "driver " + driver
}

func voceLabel(v model.Voce) string {
	if info, ok := v.Info(); ok {
		return strings.ToLower(info.Label)
	}
	return string(v)
}

// flowStages lists the stages of the flows gathered, in order.
func (b *Builder) flowStages() []int {
	var out []int
	for k := range b.flows {
		if !slices.Contains(out, k.stage) {
			out = append(out, k.stage)
		}
	}
	slices.Sort(out)
	return out
}

var flowTitles = map[int]string{
	StageCoordination: "Fase 2 – quota coordinamento e formazione",
	StageSupport:      "Fase 3 – servizi di supporto",
	StageAttivita:     "Fase 4 – dai servizi alle attività",
}

// flowSection describes what nodes gave in one stage (2, 3, 4 or one this
// version does not know); false when nothing is worth a row.
func (b *Builder) flowSection(stage int) (Section, bool) {
	sec := Section{Stage: stage, Title: flowTitles[stage]}
	if sec.Title == "" {
		sec.Title = fmt.Sprintf("Fase %d", stage)
	}
	var rows, last []Row
	for k, f := range b.flows {
		if k.stage != stage {
			continue
		}
		switch {
		case stage == StageAttivita && k.source == string(b.m.At(b.node).Code):
			byAct, out := b.attivitaRows(k, f)
			rows = append(rows, byAct...)
			last = append(last, out)
		case stage == StageAttivita && b.m.At(b.node).Level == model.LevelAttivita:
			rows = append(rows, b.fromServizioRows(k, f)...)
		case f.in.IsZero() && f.out.IsZero() && len(f.gone) == 0:
			// Nothing reached the subtree and nothing left it.
		case stage == StageAttivita && f.in.Add(f.out).IsZero():
			// A servizio below the node passing its amounts to its
			// attività: it moves nothing in or out of the subtree.
		default:
			rows = append(rows, b.nodeRow(k, f))
		}
	}
	if len(rows) == 0 && len(last) == 0 {
		return sec, false
	}
	sortRows(rows)
	rows = b.fold(rows, func(k int) string {
		switch stage {
		case StageCoordination:
			return "altri " + plural(k, "nodo", "nodi") + " di coordinamento e formazione"
		case StageSupport:
			return "altri " + plural(k, "servizio", "servizi") + " di supporto"
		case StageAttivita:
			return "altre " + plural(k, "attività", "attività")
		}
		return "altri " + plural(k, "nodo", "nodi")
	})
	sec.Rows = append(rows, last...)
	return sec, true
}

// nodeRow describes what one node gave in a stage 2 or 3 (or unknown)
// flow: received from a node outside the subtree, or given away by a node
// inside it.
func (b *Builder) nodeRow(k flowKey, f *flowAcc) Row {
	r := Row{Stage: k.stage, Kind: KindNode, Source: k.source, Amount: f.in.Add(f.out), Count: 1}
	label := b.nodeText(model.Code(k.source))
	rule := f.rule(k.stage)
	if !b.inside(k.source) {
		var shares decimal.Decimal
		for _, s := range f.shares {
			shares = shares.Add(s)
		}
		r.Description = fmt.Sprintf("da %s, %s", label, rule)
		if !shares.IsZero() {
			r.Description += fmt.Sprintf(", %s di ciò che ha ceduto", percent(shares))
		}
		if k.stage != StageCoordination && k.stage != StageSupport {
			r.Kind = KindOther
		}
		return r
	}
	given := model.Italian(f.out.Neg(), model.CentPlaces)
	here := b.m.At(b.node).Code
	switch {
	case f.in.IsZero():
		r.Description = fmt.Sprintf("%s ha ceduto %s € (%s)", label, given, rule)
	case len(f.gone) == 0:
		r.Description = fmt.Sprintf("%s ha ceduto %s € (%s), tutti a nodi di %s", label, given, rule, here)
	default:
		r.Description = fmt.Sprintf("%s ha ceduto %s € (%s), di cui %s € a nodi di %s", label, given, rule,
			model.Italian(f.in, model.CentPlaces), here)
	}
	r.Details = b.recipients(f.gone, f.goneShares)
	return r
}

// recipients lists where an outflow went, the largest first.
func (b *Builder) recipients(to, shares map[model.Code]decimal.Decimal) []Detail {
	codes := make([]model.Code, 0, len(to))
	for c := range to {
		codes = append(codes, c)
	}
	slices.SortFunc(codes, func(x, y model.Code) int {
		return cmp.Or(to[y].Abs().Cmp(to[x].Abs()), model.CompareCodes(x, y))
	})
	var out []Detail
	var rest decimal.Decimal
	for n, c := range codes {
		if n >= detailLines && len(codes) > detailLines+1 {
			rest = rest.Add(to[c])
			continue
		}
		text := "a " + b.nodeText(c)
		if s, ok := shares[c]; ok {
			text += ", quota " + percent(s)
		}
		out = append(out, Detail{Text: text, Amount: to[c]})
	}
	if k := len(codes) - len(out); k > 0 {
		out = append(out, Detail{Text: fmt.Sprintf("ad altri %s", plural(k, "nodo", "nodi")), Amount: rest})
	}
	return out
}

// attivitaRows describes a servizio, the node explained, passing what it
// holds to its attività: one row per attività, and the outflow.
func (b *Builder) attivitaRows(k flowKey, f *flowAcc) (rows []Row, out Row) {
	for c, a := range f.byTarget {
		text := "all'attività " + b.nodeText(c)
		if s, ok := f.shares[c]; ok && f.driver() != "" {
			text += fmt.Sprintf(" (%s, quota %s)", f.rule(k.stage), percent(s))
		} else {
			text += " (" + f.rule(k.stage) + ")"
		}
		rows = append(rows, Row{Stage: k.stage, Kind: KindNode, Source: k.source, Description: text, Amount: a, Count: 1})
	}
	out = Row{
		Stage: k.stage, Kind: KindNode, Source: k.source, Amount: f.out, Count: len(f.byTarget),
		Description: fmt.Sprintf("uscita dal servizio verso le sue attività (%s): compensa le righe qui sopra",
			plural(len(f.byTarget), "attività", "attività")),
	}
	return rows, out
}

// fromServizioRows describes what an attività, the node explained,
// received from its servizio: one row per figure of the servizio.
func (b *Builder) fromServizioRows(k flowKey, f *flowAcc) []Row {
	var rows []Row
	for _, fig := range []string{Direct, FromCoordination, FromSupport, ToOthers} {
		a, ok := f.byFigure[fig]
		if !ok {
			continue
		}
		key := f.figKey[fig]
		rows = append(rows, Row{
			Stage: k.stage, Kind: KindNode, Source: k.source, Amount: a, Count: 1,
			Description: fmt.Sprintf("dal servizio %s: %s (%s, quota %s)", b.nodeText(model.Code(k.source)), figureLabel(fig),
				driverText(k.stage, key.driver), percent(key.share)),
		})
	}
	if !f.out.IsZero() {
		rows = append(rows, Row{Stage: k.stage, Kind: KindOther, Source: k.source, Amount: f.out, Count: 1,
			Description: "uscita registrata sul nodo stesso"})
	}
	return rows
}

func figureLabel(fig string) string {
	switch fig {
	case Direct:
		return "costo diretto"
	case FromCoordination:
		return "quota coordinamento e formazione"
	case FromSupport:
		return "quota supporto ricevuta"
	case ToOthers:
		return "ceduto ad altri"
	}
	return fig
}

// rule names the key or keys of a flow.
func (f *flowAcc) rule(stage int) string {
	var parts []string
	for _, d := range f.drivers {
		parts = append(parts, driverText(stage, d))
	}
	if len(parts) == 0 {
		return driverText(stage, "")
	}
	return strings.Join(parts, "; ")
}

// driverText names the key of a stage 2-4 flow.
func driverText(stage int, driver string) string {
	switch {
	case driver == "":
		return "chiave non indicata"
	case stage == StageAttivita && driver == "fte attività":
		return "per FTE registrati sulle attività"
	case stage == StageAttivita && driver == "attivita":
		return "per il driver attivita"
	case stage == StageAttivita && driver == "parti uguali":
		return "in parti uguali"
	case stage == StageAttivita && driver == "contenuto":
		return "in proporzione a ciò che ogni attività contiene"
	case driver == "fte":
		return "chiave fte"
	case driver == "personale":
		return "chiave personale"
	}
	return "driver " + driver
}

// nodeText is a node's code and name, and what kind of node it is when
// that helps.
func (b *Builder) nodeText(c model.Code) string {
	n, ok := b.m.Node(c)
	if !ok {
		return string(c)
	}
	s := fmt.Sprintf("%s «%s»", n.Code, n.Name)
	switch {
	case n.Kind == model.KindCoordinamento:
		s += " (coordinamento)"
	case n.Kind == model.KindFormazione:
		s += " (formazione)"
	case n.Level == model.LevelServizio:
		if i, _ := b.m.Index(c); isSupport(b.m, i) {
			s += " (servizio di supporto)"
		}
	}
	return s
}

// sortRows orders rows by amount, the largest (in absolute value) first,
// ties by source and description.
func sortRows(rows []Row) {
	slices.SortFunc(rows, func(x, y Row) int {
		return cmp.Or(y.Amount.Abs().Cmp(x.Amount.Abs()), strings.Compare(x.Source, y.Source), strings.Compare(x.Description, y.Description))
	})
}

// fold keeps the first rows and sums the others into one; folding a single
// row would hide it for nothing.
func (b *Builder) fold(rows []Row, text func(k int) string) []Row {
	if b.lines < 0 || len(rows) <= b.lines+1 {
		return rows
	}
	rest := Row{Stage: rows[0].Stage, Kind: KindFolded, Source: "altre"}
	for _, r := range rows[b.lines:] {
		rest.Amount = rest.Amount.Add(r.Amount)
	}
	rest.Count = len(rows) - b.lines
	rest.Description = text(rest.Count)
	return append(rows[:b.lines:b.lines], rest)
}

// percent writes a share as an Italian percentage with two decimals.
func percent(share decimal.Decimal) string {
	p := share.Mul(decimal.NewFromInt(100))
	if !p.IsZero() && p.Abs().LessThan(decimal.RequireFromString("0.005")) {
		return "meno dello 0,01%"
	}
	return model.Italian(p, 2) + "%"
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
