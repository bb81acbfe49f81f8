// Package costing allocates every euro of a chamber's ledger down to the
// attività of the process map, following docs/metodo.md: stage 1 spreads ledger
// lines over the nodes where time was booked, stage 2 empties coordinamento
// and formazione nodes into their servizi, stage 3 moves support costs to
// the servizi that serve businesses (diretto, scalare or reciproco), stage 4
// splits each servizio over its attività, and a final rounding brings every
// figure to the cent, each node within a cent of its exact value, so that
// each voce reconciles exactly with the ledger (round.go).
//
// The package is pure: no I/O, no clock, no logging, no globals. Compute
// takes validated inputs and returns a Result with the figures of every
// node, the trace of every step and the warnings; the same inputs give the
// same Result whatever the order of their rows.
package costing

import (
	"fmt"
	"math/big"
	"slices"
	"strings"

	"github.com/shopspring/decimal"

	"camcost/model"
)

// engine holds the state of one computation.
type engine struct {
	in    *model.Inputs
	m     *model.Map
	nodes []model.Node

	// unit[i] is the node whose figures node i counts in during stages 1-3:
	// the servizio for an attività, the node itself for a servizio or a
	// coordinamento node, -1 for nodes above.
	unit []int
	// regular servizi and their role in stage 3
	roles    []Role
	servizi  []int // regular servizi in map order
	supports []int
	receiver []int

	// bookingNodes holds the node of every booking, person by person,
	// -1 for a code not in the map or a quantity of zero.
	bookingNodes []int32
	fOwn, kOwn   []decimal.Decimal // F_n and K_n of time booked on each node itself
	fUnit, kUnit []decimal.Decimal // the same rolled up to servizi
	allF, allK   *keyVec
	unitF        map[string]*fixedSums
	unitKeys     map[string]*keyVec
	// The keys of destinations, by node, built when first needed: F_n
	// under the node (bookableUnder), everything on the node (nodeKey).
	under, single []*keyVec
	driverKeys    map[string]driverResult
	totalFTE      decimal.Decimal

	// own holds what the steps so far put on node i itself for figure f
	// and voce v (index into model.Voci()): e.own.at(i, f, v).
	own amounts
	// parts is spread's buffer for the parts of a split.
	parts []amt
	// fteLeaf is the FTE of each node after stage 4 moved the servizi's own
	// FTE down to their attività.
	fteLeaf []decimal.Decimal
	// attivitaQty sums the quantities of driver "attivita" by code.
	attivitaQty map[model.Code]decimal.Decimal

	rules    []ServizioRule
	trace    stepLog
	problems model.Problems
	// bufs holds the largest scratch arrays, reused from Compute to
	// Compute.
	bufs     *engineBufs
	warnings []model.Problem
	warned   map[string]bool // drivers already warned about
}

// costVoce maps a cost voce's index in model.CostVoci() to its index in
// model.Voci().
var costVoce [model.NumCostVoci]int

// voceIndex maps every voce to its index in model.Voci().
var voceIndex = map[model.Voce]int{}

// voci is model.Voci(), copied once.
var voci = model.Voci()

func init() {
	for c, v := range model.CostVoci() {
		costVoce[c], _ = model.VoceIndex(v)
	}
	for i, v := range model.Voci() {
		voceIndex[v.Key] = i
	}
}

// Compute runs the four stages of docs/metodo.md on validated inputs and rounds
// the result to the cent. Its error is model.Problems when the inputs cannot
// be costed (a key that sums to zero, a singular reciprocal system): every
// such problem is reported at once.
func Compute(in *model.Inputs) (*Result, error) {
	return compute(in, new(engineBufs))
}

// compute is Compute in the buffers b.
func compute(in *model.Inputs, b *engineBufs) (*Result, error) {
	e, err := allocate(in, b)
	if err != nil {
		return nil, err
	}
	res, err := e.finish()
	b.wide = e.own.wide // which may have grown
	if err != nil {
		return nil, err
	}
	if w, ok := fewPeopleWarning(res); ok {
		res.Warnings = append(res.Warnings, w)
	}
	return res, nil
}

// allocate runs the four stages: afterwards e.own holds the exact figures of
// every node and e.fteLeaf its exact FTE, before any rounding. Its
// largest arrays are in b, which the engine keeps up to date.
func allocate(in *model.Inputs, b *engineBufs) (*engine, error) {
	if in == nil || in.Map == nil {
		return nil, fmt.Errorf("costing: inputs without a process map")
	}
	e := &engine{
		in:         in,
		m:          in.Map,
		nodes:      in.Map.Nodes(),
		unitKeys:   make(map[string]*keyVec),
		driverKeys: make(map[string]driverResult),
		warned:     make(map[string]bool),
		bufs:       b,
	}
	b.nsums = 0
	e.layout()
	e.people()
	e.own = e.bufs.amounts(e.m.Len())

	e.stage1()
	if len(e.problems) == 0 {
		e.stage2()
	}
	if len(e.problems) == 0 {
		e.stage3()
	}
	if len(e.problems) > 0 {
		e.problems.Sort()
		return nil, e.problems
	}
	e.stage4()
	return e, nil
}

// layout classifies the nodes: units of stages 1-3, regular servizi and
// their roles.
func (e *engine) layout() {
	n := e.m.Len()
	e.unit = make([]int, n)
	e.roles = make([]Role, n)
	for i, nd := range e.nodes {
		e.unit[i] = -1
		switch {
		case nd.Level == model.LevelAttivita:
			e.unit[i] = e.m.ParentIndex(i)
		case nd.Bookable():
			e.unit[i] = i
		}
		if nd.Level == model.LevelServizio && nd.Kind == model.KindRegular {
			e.servizi = append(e.servizi, i)
			if isSupportMacro(e.nodes[e.m.Macro(i)].Code) {
				e.roles[i] = Support
				e.supports = append(e.supports, i)
			} else {
				e.receiver = append(e.receiver, i)
			}
		}
	}
}

// isSupportMacro reports whether servizi under macro funzione code are
// support servizi: A (Governo camerale) and B (Processi di supporto).
func isSupportMacro(code model.Code) bool { return code == "A" || code == "B" }

// post adds a to figure f of voce v (index into model.Voci()) on node i,
// and records r, which names the source, key and driver, with a as its
// amount in the trace.
func (e *engine) post(i, v int, f Figure, r stepRec, a amt) {
	e.own.add(slot(i, f, v), a)
	r.voce, r.figure = uint8(v), f
	e.trace.add(r, a)
}

// spread moves amount of voce v (index into model.Voci()) from src onto
// the nodes of key, posting one step per target with figure f; src names
// the source (fromLine, fromNode).
func (e *engine) spread(stage uint8, src stepRec, v int, f Figure, driver string, k *keyVec, amount amt) {
	e.parts = k.split(amount, e.parts)
	src.stage, src.kd = stage, e.trace.keyDriver(k, driver)
	for n, i := range k.idx {
		src.entry = int32(n)
		e.post(i, v, f, src, e.parts[n])
	}
}

// give posts the outflow side of a move: -amount of voce v on figure f of
// node i, the source of the move.
func (e *engine) give(stage uint8, i, v int, f Figure, amount amt) {
	r := fromNode(i)
	r.stage, r.kd, r.entry = stage, e.trace.keyDriver(nil, ""), int32(i)
	e.post(i, v, f, r, amount.negate())
}

// split divides amount in proportion to keys (summing to total), each part
// rounded half away from zero to FlowPlaces, the last part taking the
// remainder so that the parts add up to amount exactly. It computes in
// integers with reused buffers: the parts are those of
// model.Split, without a big allocation per operation.
func split(amount decimal.Decimal, keys []decimal.Decimal, total decimal.Decimal) []decimal.Decimal {
	parts := make([]decimal.Decimal, len(keys))
	if len(keys) == 0 {
		return parts
	}
	if amount.Exponent() < -model.FlowPlaces {
		return model.Split(amount, keys, total)
	}
	// Keys as integers at their smallest exponent.
	exp := total.Exponent()
	for _, q := range keys {
		exp = min(exp, q.Exponent())
	}
	scaled := func(d decimal.Decimal, z *big.Int) *big.Int {
		z.Set(d.Coefficient())
		if sh := d.Exponent() - exp; sh > 0 {
			z.Mul(z, pow10(sh))
		}
		return z
	}
	var a, t, q, prod, rem, given big.Int
	a.Set(amount.Coefficient())
	if sh := amount.Exponent() + model.FlowPlaces; sh > 0 {
		a.Mul(&a, pow10(sh))
	}
	scaled(total, &t)
	var tAbs, twice big.Int
	tAbs.Abs(&t)
	for n, k := range keys {
		if n == len(keys)-1 {
			var last big.Int
			last.Sub(&a, &given)
			parts[n] = decimal.NewFromBigInt(&last, -model.FlowPlaces)
			break
		}
		prod.Mul(&a, scaled(k, &q))
		prod.QuoRem(&prod, &t, &rem)
		if twice.Abs(&rem).Lsh(&twice, 1).Cmp(&tAbs) >= 0 {
			// Half or more: away from zero, by the sign of the quotient.
			if (rem.Sign() < 0) != (t.Sign() < 0) {
				prod.Sub(&prod, big.NewInt(1))
			} else {
				prod.Add(&prod, big.NewInt(1))
			}
		}
		given.Add(&given, &prod)
		parts[n] = decimal.NewFromBigInt(new(big.Int).Set(&prod), -model.FlowPlaces)
	}
	return parts
}

var pow10s = func() []*big.Int {
	p := make([]*big.Int, 40)
	for i := range p {
		p[i] = new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(i)), nil)
	}
	return p
}()

func pow10(n int32) *big.Int {
	if int(n) < len(pow10s) {
		return pow10s[n]
	}
	return new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(n)), nil)
}

// stage1 spreads every ledger line over bookable nodes by the first key that
// applies (docs/metodo.md stage 1).
func (e *engine) stage1() {
	for li, line := range e.in.Ledger {
		if line.Importo.IsZero() {
			continue
		}
		k, driver, ok := e.lineKey(line)
		if !ok {
			continue
		}
		if k.sum().IsZero() {
			e.problems.Add(line.Pos, "la riga (conto %s %q, %s €) non si può attribuire: la chiave %s vale zero su tutti i nodi a cui andrebbe",
				line.Conto, line.Descrizione, model.Italian(line.Importo, model.CentPlaces), describeKey(driver, line))
			continue
		}
		e.spread(StageDirect, fromLine(li), voceIndex[line.Voce], Direct, driver, k, amtOf(line.Importo))
	}
}

func describeKey(driver string, line model.LedgerLine) string {
	if !line.Dest.IsZero() {
		return fmt.Sprintf("%q (destinazione %s)", driver, line.Dest)
	}
	return fmt.Sprintf("%q", driver)
}

// lineKey chooses the key of a ledger line: destinazione code, unita,
// named driver, fte/personale driver, or the default by voce.
func (e *engine) lineKey(line model.LedgerLine) (k *keyVec, driver string, ok bool) {
	switch {
	case line.Dest.Code != "":
		i, found := e.m.Index(line.Dest.Code)
		if !found {
			e.problems.Add(line.Pos, "la destinazione %s non è nella mappa dei processi", line.Dest.Code)
			return nil, "", false
		}
		if e.nodes[i].Bookable() {
			return e.nodeKey(i), "destinazione", true
		}
		return e.bookableUnder(i), model.DriverFTE, true
	case line.Dest.Unit != "":
		return e.unitKey(line.Dest.Unit), "unita:" + line.Dest.Unit, true
	case line.Driver == model.DriverFTE:
		return e.allF, model.DriverFTE, true
	case line.Driver == model.DriverPersonale:
		return e.allK, model.DriverPersonale, true
	case line.Driver != "":
		k, ok := e.driverKey(line.Driver)
		return k, line.Driver, ok
	case line.Voce == model.Personale:
		return e.allK, model.DriverPersonale, true
	default:
		return e.allF, model.DriverFTE, true
	}
}

// content returns what node i and the nodes below it hold so far for cost
// voce c, over all figures.
func (e *engine) content(i, c int) amt {
	v := costVoce[c]
	start, end := e.m.Subtree(i)
	var t amt
	for j := start; j < end; j++ {
		for f := range numFigures {
			t = t.add(e.own.at(j, Figure(f), v))
		}
	}
	return t
}

// decimals returns the decimals of amounts by cost voce.
func decimals(a [model.NumCostVoci]amt) (d [model.NumCostVoci]decimal.Decimal) {
	for c := range a {
		d[c] = a[c].decimal()
	}
	return d
}

// stage2 empties coordinamento nodes into the regular servizi of their tema
// and formazione nodes into those of their funzione, by F_n.
func (e *engine) stage2() {
	for i, nd := range e.nodes {
		if nd.Kind != model.KindCoordinamento && nd.Kind != model.KindFormazione {
			continue
		}
		var amounts [model.NumCostVoci]amt
		any := false
		for c := range model.NumCostVoci {
			amounts[c] = e.content(i, c)
			any = any || !amounts[c].isZero()
		}
		if !any {
			continue
		}
		scope := e.m.ParentIndex(i)
		start, end := e.m.Subtree(scope)
		k := &keyVec{}
		for j := start; j < end; j++ {
			if isRegularServizio(e.nodes[j]) && !e.fUnit[j].IsZero() {
				k.add(j, e.fUnit[j])
			}
		}
		if k.sum().IsZero() {
			e.problems.Add(model.Position{}, "il nodo %s (%s) ha costi per %s € ma nessun servizio di %s %s ha FTE a cui ribaltarli",
				nd.Code, nd.Name, model.Italian(Total(decimals(amounts)), model.CentPlaces), e.nodes[scope].Level.Label(), e.nodes[scope].Code)
			continue
		}
		for c, amount := range amounts {
			if amount.isZero() {
				continue
			}
			e.spread(StageCoordination, fromNode(i), costVoce[c], FromCoordination, model.DriverFTE, k, amount)
			e.give(StageCoordination, i, costVoce[c], ToOthers, amount)
		}
	}
}

func isRegularServizio(n model.Node) bool {
	return n.Level == model.LevelServizio && n.Kind == model.KindRegular
}

// describe lists codes for messages.
func (e *engine) describe(idx []int) string {
	var parts []string
	for _, i := range idx {
		parts = append(parts, string(e.nodes[i].Code))
	}
	return strings.Join(parts, ", ")
}

// stage3 moves the cost of support servizi on, by the method of the settings.
func (e *engine) stage3() {
	keys := make(map[int][]decimal.Decimal, len(e.supports))
	labels := make(map[int]string, len(e.supports))
	for _, s := range e.supports {
		tema := e.nodes[e.m.AncestorAt(s, model.LevelTema)].Code
		d := e.in.Settings.SupportDriverFor(tema)
		dense, ok := e.servizioKey(d)
		if !ok {
			return
		}
		keys[s] = dense
		if d == "" {
			d = model.DriverFTE
		}
		labels[s] = d
	}
	switch e.in.Settings.Method {
	case model.MethodScalare:
		e.stepDown(keys, labels)
	case model.MethodReciproco:
		e.reciprocal(keys, labels)
	default:
		e.direct(keys, labels)
	}
}

// targetKey builds the key of support servizio s over the given targets.
func targetKey(dense []decimal.Decimal, targets []int) *keyVec {
	n := 0
	for _, t := range targets {
		if !dense[t].IsZero() {
			n++
		}
	}
	k := &keyVec{idx: make([]int, 0, n), q: make([]decimal.Decimal, 0, n)}
	for _, t := range targets {
		if !dense[t].IsZero() {
			k.add(t, dense[t])
		}
	}
	return k
}

// moveOn sends everything support servizio s holds to the targets of k.
func (e *engine) moveOn(s int, k *keyVec, driver string, amounts [model.NumCostVoci]amt) {
	for c, amount := range amounts {
		if amount.isZero() {
			continue
		}
		e.spread(StageSupport, fromNode(s), costVoce[c], FromSupport, driver, k, amount)
		e.give(StageSupport, s, costVoce[c], ToOthers, amount)
	}
}

func (e *engine) holdings(s int) (a [model.NumCostVoci]amt, any bool) {
	for c := range model.NumCostVoci {
		a[c] = e.content(s, c)
		any = any || !a[c].isZero()
	}
	return a, any
}

func (e *engine) zeroKey(s int, driver string, amounts [model.NumCostVoci]amt, to string) {
	e.problems.Add(model.Position{}, "il servizio di supporto %s (%s) ha costi per %s € ma la chiave %q vale zero su tutti i %s",
		e.nodes[s].Code, e.nodes[s].Name, model.Italian(Total(decimals(amounts)), model.CentPlaces), driver, to)
}

// direct: each support servizio to the receivers only.
func (e *engine) direct(keys map[int][]decimal.Decimal, labels map[int]string) {
	for _, s := range e.supports {
		amounts, any := e.holdings(s)
		if !any {
			continue
		}
		k := targetKey(keys[s], e.receiver)
		if k.sum().IsZero() {
			e.zeroKey(s, labels[s], amounts, "servizi destinatari")
			continue
		}
		e.moveOn(s, k, labels[s], amounts)
	}
}

// stepDown: support servizi in map order, each to the support servizi after
// it and to the receivers.
func (e *engine) stepDown(keys map[int][]decimal.Decimal, labels map[int]string) {
	for n, s := range e.supports {
		amounts, any := e.holdings(s)
		if !any {
			continue
		}
		targets := append(slices.Clone(e.supports[n+1:]), e.receiver...)
		slices.Sort(targets)
		k := targetKey(keys[s], targets)
		if k.sum().IsZero() {
			e.zeroKey(s, labels[s], amounts, "servizi successivi e destinatari")
			continue
		}
		e.moveOn(s, k, labels[s], amounts)
	}
}

// stage4 moves each regular servizio's own amounts and FTE down to its
// attività, and records the rule used.
func (e *engine) stage4() {
	e.fteLeaf = slices.Clone(e.fOwn)
	e.attivitaQty = make(map[model.Code]decimal.Decimal)
	for _, d := range e.in.Drivers {
		if d.Driver == model.DriverAttivita && d.Dest.Code != "" {
			e.attivitaQty[d.Dest.Code] = e.attivitaQty[d.Dest.Code].Add(d.Qty)
		}
	}
	for _, s := range e.servizi {
		var acts []int
		for _, c := range e.m.ChildIndexes(s) {
			if e.nodes[c].Level == model.LevelAttivita {
				acts = append(acts, c)
			}
		}
		if len(acts) == 0 {
			e.rules = append(e.rules, ServizioRule{e.nodes[s].Code, RuleNone})
			continue
		}
		rule, k, driver := e.attivitaKey(acts)
		e.rules = append(e.rules, ServizioRule{e.nodes[s].Code, rule})
		for c := range model.NumCostVoci {
			v := costVoce[c]
			for _, f := range moved {
				amount := e.own.at(s, f, v)
				if amount.isZero() {
					continue
				}
				e.spread(StageAttivita, fromNode(s), v, f, driver, k, amount)
				e.give(StageAttivita, s, v, f, amount)
			}
		}
		if fte := e.fteLeaf[s]; !fte.IsZero() {
			parts := split(fte, k.q, k.sum())
			for n, a := range k.idx {
				e.fteLeaf[a] = e.fteLeaf[a].Add(parts[n])
			}
			e.fteLeaf[s] = decimal.Zero
		}
		if e.roles[s] == Support {
			e.emptySupport(s, acts, k, driver)
		}
	}
}

// attivitaKey chooses the stage 4 key of a servizio: the FTE booked on its
// attività, else the driver "attivita", else equal parts.
func (e *engine) attivitaKey(acts []int) (Rule, *keyVec, string) {
	k := &keyVec{}
	for _, a := range acts {
		if !e.fOwn[a].IsZero() {
			k.add(a, e.fOwn[a])
		}
	}
	if !k.sum().IsZero() {
		return RuleFTE, k, "fte attività"
	}
	k = &keyVec{}
	for _, a := range acts {
		if q, ok := e.attivitaQty[e.nodes[a].Code]; ok && !q.IsZero() {
			k.add(a, q)
		}
	}
	if !k.sum().IsZero() {
		return RuleDriver, k, model.DriverAttivita
	}
	k = &keyVec{}
	for _, a := range acts {
		k.add(a, decimal.NewFromInt(1))
	}
	return RuleEqual, k, "parti uguali"
}

// emptySupport moves a support servizio's to_others down to its attività
// in proportion to what each attività holds, so each support attività
// gives away all it has.
func (e *engine) emptySupport(s int, acts []int, fallback *keyVec, fallbackDriver string) {
	for c := range model.NumCostVoci {
		v := costVoce[c]
		out := e.own.at(s, ToOthers, v)
		if out.isZero() {
			continue
		}
		k := &keyVec{}
		for _, a := range acts {
			var held amt
			for _, f := range moved {
				held = held.add(e.own.at(a, f, v))
			}
			if !held.isZero() {
				k.add(a, held.decimal())
			}
		}
		driver := "contenuto"
		if k.sum().IsZero() {
			k, driver = fallback, fallbackDriver
		}
		e.spread(StageAttivita, fromNode(s), v, ToOthers, driver, k, out)
		e.give(StageAttivita, s, v, ToOthers, out)
	}
}
