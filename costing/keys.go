package costing

import (
	"fmt"
	"slices"

	"github.com/shopspring/decimal"

	"camcost/model"
)

// keyVec is a sparse allocation key: quantities on nodes (by index in map
// order, ascending), and their sum.
type keyVec struct {
	idx    []int
	q      []decimal.Decimal
	shares []decimal.Decimal // q/total, computed once when first needed

	// Computed once when first needed (seal): the sum of the quantities
	// as Decimal.Add gives it and, when they fit in an i128, the
	// quantities and the sum as integers at their smallest exponent, as
	// split scales them.
	sealed     bool
	total      decimal.Decimal
	fixedQ     []i128
	fixedTotal i128
	fixedOK    bool
}

// share returns the share of entry n: its quantity over the total,
// q.DivRound(total, model.SharePlaces).
func (k *keyVec) share(n int) decimal.Decimal {
	if k.shares == nil {
		k.shares = make([]decimal.Decimal, len(k.q))
		fixed := k.fixed()
		for i, q := range k.q {
			if fixed {
				// q/total = fixedQ/fixedTotal, at SharePlaces decimals.
				if s, ok := mulDivRound(k.fixedQ[i], i128of(1e16), k.fixedTotal); ok {
					k.shares[i] = decimalOf(s, -model.SharePlaces)
					continue
				}
			}
			k.shares[i] = q.DivRound(k.sum(), model.SharePlaces)
		}
	}
	return k.shares[n]
}

func (k *keyVec) add(i int, q decimal.Decimal) {
	k.shares = nil
	k.sealed = false
	k.idx = append(k.idx, i)
	k.q = append(k.q, q)
}

// sum returns the sum of the quantities.
func (k *keyVec) sum() decimal.Decimal {
	k.seal()
	return k.total
}

// fixed reports whether the quantities and their sum fit in fixedQ and
// fixedTotal.
func (k *keyVec) fixed() bool {
	k.seal()
	return k.fixedOK
}

// seal computes the sum of the quantities and their fixed-point form.
func (k *keyVec) seal() {
	if k.sealed {
		return
	}
	k.sealed = true
	// The sum's exponent is the smallest of the quantities and of zero,
	// decimal's zero value, that Decimal.Add starts from.
	var exp int32
	for _, q := range k.q {
		exp = min(exp, q.Exponent())
	}
	fq := k.fixedQ[:0]
	var t i128
	ok := true
	for _, q := range k.q {
		v, fits := i128From(q, -exp)
		if fits {
			t, fits = t.add(v)
		}
		if !fits {
			ok = false
			break
		}
		fq = append(fq, v)
	}
	k.fixedQ, k.fixedTotal, k.fixedOK = fq, t, ok
	switch {
	case len(k.q) == 0:
		k.total = decimal.Decimal{}
	case ok:
		k.total = decimalOf(t, exp)
	default:
		var total decimal.Decimal
		for _, q := range k.q {
			total = total.Add(q)
		}
		k.total = total
	}
}

// split divides a in proportion to the quantities, in the order of the
// key, into parts (reused, returned): the parts of split(a.decimal(),
// k.q, k.total), computed in 128 bits when a and the key fit.
func (k *keyVec) split(a amt, parts []amt) []amt {
	parts = parts[:0]
	if len(k.q) == 0 {
		return parts
	}
	if !a.slow && k.fixed() {
		if parts, ok := k.splitFixed(a.v, parts); ok {
			return parts
		}
		parts = parts[:0]
	}
	for _, d := range split(a.decimal(), k.q, k.sum()) {
		parts = append(parts, amtOf(d))
	}
	return parts
}

// splitFixed is split in 128 bits, the parts at -FlowPlaces like those
// of split; ok is false when a part does not fit.
func (k *keyVec) splitFixed(a i128, parts []amt) ([]amt, bool) {
	var given i128
	for n := range len(k.q) - 1 {
		p, ok := mulDivRound(a, k.fixedQ[n], k.fixedTotal)
		if !ok {
			return parts, false
		}
		if given, ok = given.add(p); !ok {
			return parts, false
		}
		parts = append(parts, flowAmt(p))
	}
	last, ok := a.sub(given)
	return append(parts, flowAmt(last)), ok
}

// sparse builds a key from a dense vector, keeping the nodes for which keep
// is true and the quantity is not zero.
func sparse(dense []decimal.Decimal, keep func(i int) bool) *keyVec {
	n := 0
	for i, q := range dense {
		if !q.IsZero() && (keep == nil || keep(i)) {
			n++
		}
	}
	k := &keyVec{idx: make([]int, 0, n), q: make([]decimal.Decimal, 0, n)}
	for i, q := range dense {
		if !q.IsZero() && (keep == nil || keep(i)) {
			k.add(i, q)
		}
	}
	return k
}

// restrict keeps the entries of k whose node is in [start, end) and for
// which keep is true.
func (k *keyVec) restrict(start, end int, keep func(i int) bool) *keyVec {
	out := &keyVec{}
	for n, i := range k.idx {
		if i >= start && i < end && (keep == nil || keep(i)) {
			out.add(i, k.q[n])
		}
	}
	return out
}

// people computes, from the staff and their time, the FTE and personnel key
// of every bookable node (docs/metodo.md, Quantities): F_n = Σ FTE_e·s_e,n and
// K_n = Σ P_e·s_e,n (K = F without payroll). Only the time booked on the
// node itself counts; units roll up later.
func (e *engine) people() {
	n := e.m.Len()
	e.fOwn = make([]decimal.Decimal, n)
	e.kOwn = make([]decimal.Decimal, n)
	fSum, kSum, total := e.bufs.fixedSums(n), e.bufs.fixedSums(n), e.bufs.fixedSums(1)
	unitSum := make(map[string]*fixedSums)
	var qty []amt   // the quantities of a person's bookings
	var nodes []int // and their nodes, -1 for a code not in the map
	nb := 0
	for pi := range e.in.People {
		nb += len(e.in.People[pi].Bookings)
	}
	e.bookingNodes = make([]int32, 0, nb)
	for pi := range e.in.People {
		p := &e.in.People[pi]
		fte := fteOf(p)
		total.addShare(0, fte)
		qty = qty[:0]
		fixed := true
		var hours amt
		nodes = nodes[:0]
		for _, b := range p.Bookings {
			i, ok := e.m.Index(b.Code)
			if !ok {
				i = -1 // validation reports it
			}
			nodes = append(nodes, i)
			q := amtOf(b.Qty)
			if q.isZero() {
				e.bookingNodes = append(e.bookingNodes, -1)
			} else {
				e.bookingNodes = append(e.bookingNodes, int32(i))
			}
			qty = append(qty, q)
			fixed = fixed && !q.slow
			hours = hours.add(q)
		}
		if e.in.TimeUnit == model.Hours && hours.isZero() {
			continue // validation reports it; nothing to spread
		}
		fixed = fixed && !hours.slow
		pay := numOf(p.Pay)
		var uf *fixedSums
		if p.Unita != "" {
			uf = unitSum[p.Unita]
			if uf == nil {
				uf = e.bufs.fixedSums(n)
				unitSum[p.Unita] = uf
			}
		}
		for bi, b := range p.Bookings {
			i := nodes[bi]
			if i < 0 {
				continue
			}
			s := e.bookingShare(b, qty[bi], hours, fixed)
			// f = fte·s rounded to SharePlaces, added to F_n and to the
			// unit's F_n; P·s likewise to K_n (fixed.go: the same sums
			// as with Decimal.Add, proved in fixed_test.go).
			fSum.addProduct(i, fte, s)
			if uf != nil {
				uf.addProduct(i, fte, s)
			}
			if e.in.HasPayroll {
				kSum.addProduct(i, pay, s)
			}
		}
	}
	fSum.decimals(e.fOwn)
	kSum.decimals(e.kOwn)
	e.unitF = unitSum
	if !e.in.HasPayroll {
		copy(e.kOwn, e.fOwn)
	}
	e.totalFTE = total.decimal(0)
	bookable := func(i int) bool { return e.m.At(i).Bookable() }
	e.allF = sparse(e.fOwn, bookable)
	e.allK = sparse(e.kOwn, bookable)
	e.fUnit = e.rollToServizi(e.fOwn)
	e.kUnit = e.rollToServizi(e.kOwn)
}

// bookingShare returns the share s of a booking of quantity q, b.Qty: over
// the person's hours, or over a hundred, rounded to SharePlaces. fixed
// tells whether every quantity of the person and their sum fit in amt.
func (e *engine) bookingShare(b model.Booking, q, hours amt, fixed bool) num {
	if e.in.TimeUnit == model.Hours {
		if fixed {
			if s, ok := quoRound(q.v, -model.FlowPlaces, hours.v, -model.FlowPlaces); ok {
				return shareNum(s)
			}
		}
		return numOf(b.Qty.DivRound(hours.decimal(), model.SharePlaces))
	}
	if !q.slow {
		// q/100 at SharePlaces is q at FlowPlaces times 10^(16-12-2).
		if s, ok := q.v.mulPow10(model.SharePlaces - model.FlowPlaces - 2); ok {
			return shareNum(s)
		}
	}
	return numOf(b.Qty.DivRound(model.Hundred, model.SharePlaces))
}

// rollToServizi adds each attività's quantity to its servizio, giving the
// figures of stages 1-3 where "an attività's figures count within its
// servizio". Other bookable nodes keep their own quantity.
func (e *engine) rollToServizi(own []decimal.Decimal) []decimal.Decimal {
	out := make([]decimal.Decimal, len(own))
	for i, q := range own {
		if q.IsZero() {
			continue
		}
		u := e.unit[i]
		if u < 0 {
			continue
		}
		out[u] = out[u].Add(q)
	}
	return out
}

// bookableUnder returns the key F_n restricted to the bookable nodes in the
// subtree of node i: how an amount given on a node above servizio level
// spreads.
func (e *engine) bookableUnder(i int) *keyVec {
	if e.under == nil {
		e.under = make([]*keyVec, e.m.Len())
	}
	if e.under[i] == nil {
		s, end := e.m.Subtree(i)
		e.under[i] = e.allF.restrict(s, end, nil)
	}
	return e.under[i]
}

// nodeKey returns the key that puts everything on bookable node i.
func (e *engine) nodeKey(i int) *keyVec {
	if e.single == nil {
		e.single = make([]*keyVec, e.m.Len())
	}
	if e.single[i] == nil {
		e.single[i] = &keyVec{}
		e.single[i].add(i, decimal.NewFromInt(1))
	}
	return e.single[i]
}

// unitKey returns the FTE the staff of unit u booked on each bookable node.
func (e *engine) unitKey(u string) *keyVec {
	if k, ok := e.unitKeys[u]; ok {
		return k
	}
	k := &keyVec{}
	if sums := e.unitF[u]; sums != nil {
		k = sums.key(func(i int) bool { return e.m.At(i).Bookable() })
	}
	e.unitKeys[u] = k
	return k
}

// driverKey resolves the quantities of a named driver onto bookable nodes
// (docs/metodo.md stage 1, rule 3): a quantity on a bookable node stays there, one
// on a node above servizio level spreads by F_n over the bookable nodes
// below it, one on unita:NAME spreads by the FTE the unit booked. A quantity
// that cannot spread is a problem at its driver row.
// The problems are reported once, the first time the driver is resolved;
// ok is false whenever there were any.
func (e *engine) driverKey(name string) (k *keyVec, ok bool) {
	if r, done := e.driverKeys[name]; done {
		return r.key, r.ok
	}
	dense := make([]decimal.Decimal, e.m.Len())
	var probs model.Problems
	found := false
	for _, d := range e.in.Drivers {
		if d.Driver != name {
			continue
		}
		found = true
		if d.Qty.IsZero() {
			continue
		}
		var spread *keyVec
		var where string
		if d.Dest.Unit != "" {
			spread = e.unitKey(d.Dest.Unit)
			where = fmt.Sprintf("il personale dell'unità %q non ha registrato tempo", d.Dest.Unit)
		} else {
			i, ok := e.m.Index(d.Dest.Code)
			if !ok {
				probs.Add(d.Pos, "il codice %s non è nella mappa dei processi", d.Dest.Code)
				continue
			}
			if e.m.At(i).Bookable() {
				dense[i] = dense[i].Add(d.Qty)
				continue
			}
			spread = e.bookableUnder(i)
			where = fmt.Sprintf("nessuno ha registrato tempo sotto %s", d.Dest.Code)
		}
		if spread.sum().IsZero() {
			probs.Add(d.Pos, "la quantità %s del driver %q non si può ripartire: %s", model.ItalianShort(d.Qty), name, where)
			continue
		}
		for n, i := range spread.idx {
			dense[i] = dense[i].Add(d.Qty.Mul(spread.q[n]).DivRound(spread.sum(), model.SharePlaces))
		}
	}
	if !found {
		probs.Add(model.Position{}, "il driver %q non ha quantità nella tabella driver", name)
	}
	k = sparse(dense, nil)
	e.driverKeys[name] = driverResult{k, len(probs) == 0}
	e.problems = append(e.problems, probs...)
	return k, len(probs) == 0
}

type driverResult struct {
	key *keyVec
	ok  bool
}

// servizioKey returns the stage 3 key of a driver: its quantities resolved
// to servizio level, as a dense vector over nodes.
func (e *engine) servizioKey(driver string) ([]decimal.Decimal, bool) {
	switch driver {
	case "", model.DriverFTE:
		return e.fUnit, true
	case model.DriverPersonale:
		return e.kUnit, true
	}
	k, ok := e.driverKey(driver)
	dense := make([]decimal.Decimal, e.m.Len())
	var unused []string
	var lost decimal.Decimal
	for n, i := range k.idx {
		if u := e.unit[i]; u >= 0 {
			dense[u] = dense[u].Add(k.q[n])
		}
		if e.outsideServizi(i) {
			unused = append(unused, string(e.nodes[i].Code))
			lost = lost.Add(k.q[n])
		}
	}
	if len(unused) > 0 && !e.warned[driver] {
		e.warned[driver] = true
		e.warnings = append(e.warnings, model.Problem{
			Pos:     e.unusedPos(driver),
			Msg:     e.unusedDriverWarning(driver, unused, lost, k.sum()),
			Warning: true,
		})
	}
	return dense, ok
}

// outsideServizi reports whether bookable node i lies outside every
// regular servizio (a coordinamento or formazione node): stage 3 neither
// takes nor gives cost there.
func (e *engine) outsideServizi(i int) bool {
	u := e.unit[i]
	return u < 0 || !isRegularServizio(e.nodes[u])
}

// unusedPos locates the warning about the quantities of driver that stage
// 3 cannot use: the driver row they come from or, when they come from
// several rows, the driver table.
func (e *engine) unusedPos(driver string) model.Position {
	var rows []model.Position
	for _, d := range e.in.Drivers {
		if d.Driver == driver && !d.Qty.IsZero() && slices.ContainsFunc(e.rowTargets(d), e.outsideServizi) {
			rows = append(rows, d.Pos)
		}
	}
	switch len(rows) {
	case 0:
		return model.Position{}
	case 1:
		return rows[0]
	}
	return model.Position{File: rows[0].File, Sheet: rows[0].Sheet}
}

// rowTargets returns the bookable nodes the quantity of a driver row
// spreads over, as driverKey spreads it.
func (e *engine) rowTargets(d model.DriverQty) []int {
	if d.Dest.Unit != "" {
		return e.unitKey(d.Dest.Unit).idx
	}
	i, ok := e.m.Index(d.Dest.Code)
	switch {
	case !ok:
		return nil
	case e.m.At(i).Bookable():
		return []int{i}
	}
	return e.bookableUnder(i).idx
}
