package inputs

import (
	"bytes"
	"cmp"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"camcost/model"
)

var one = decimal.NewFromInt(1)

// missingTable reports a required table the folder lacks.
func (rd *reader) missingTable(name string) {
	rd.causef(model.Position{}, "manca la tabella %s: serve un file %s.csv o un foglio %q in un file .xlsx della cartella", name, name, name)
}

// lookupCode finds a code of the map; a code written in lower case is
// found too. It returns the node's position in map order.
func (rd *reader) lookupCode(s string) (int, bool) {
	if i, ok := rd.m.Index(model.Code(s)); ok {
		return i, true
	}
	if u := strings.ToUpper(s); u != s {
		return rd.m.Index(model.Code(u))
	}
	return 0, false
}

// mappa: code, level, kind, parent, name.
const (
	mCode = iota
	mLevel
	mKind
	mParent
	mName
)

var mappaFields = []field{{"code", true}, {"level", true}, {"kind", false}, {"parent", true}, {"name", true}}

func (rd *reader) readMappa() {
	t := rd.open(tMappa, mappaFields)
	if t == nil {
		if _, found := rd.sources[tMappa]; found {
			return // reported
		}
		if rd.opt.DefaultMap == nil {
			rd.errorf(model.Position{}, "manca la mappa dei processi: la mappa predefinita non è disponibile e la cartella non ha una tabella mappa")
			return
		}
		rd.m = rd.opt.DefaultMap
		return
	}
	defer t.close()
	rd.in.MapSource = t.src.file
	var (
		nodes  []model.Node
		rows   []int
		flawed = map[int]bool{}
	)
	for t.next() {
		n := model.Node{
			Code:   model.Code(t.text(mCode)),
			Parent: model.Code(t.text(mParent)),
			Name:   t.text(mName),
		}
		if lv := t.text(mLevel); lv != "" {
			l, ok := model.ParseLevel(lv)
			if !ok {
				t.errorf(mLevel, "livello %q sconosciuto: usare macro, tema, funzione, servizio o attivita", lv)
				flawed[len(nodes)] = true
			}
			n.Level = l
		}
		if t.has(mKind) {
			if k := t.text(mKind); k != "" {
				kind, ok := model.ParseKind(k)
				if !ok {
					t.errorf(mKind, "tipo %q sconosciuto: usare regular, coordinamento o formazione", k)
				}
				n.Kind = kind
			}
		}
		nodes = append(nodes, n)
		rows = append(rows, t.num)
	}
	if len(nodes) == 0 {
		rd.causef(t.where, "la tabella mappa non ha nodi")
		return
	}
	fieldOf := map[string]int{"code": mCode, "level": mLevel, "kind": mKind, "parent": mParent, "name": mName}
	probs := model.CheckNodes(nodes)
	for _, p := range probs {
		f, ok := fieldOf[p.Field]
		if !ok {
			f = mCode
		}
		if flawed[p.Index] && f == mLevel {
			continue // already reported with the value read
		}
		rd.errorf(t.posAt(rows[p.Index], f), "%s", p.Msg)
	}
	if len(probs) > 0 || len(flawed) > 0 {
		return
	}
	m, err := model.NewMap(nodes)
	if err != nil {
		rd.errorf(t.where, "%v", err)
		return
	}
	rd.m = m
}

// personale: matricola, qualifica, fte, mesi, unita.
const (
	pMatricola = iota
	pQualifica
	pFTE
	pMesi
	pUnita
)

var personaleFields = []field{{"matricola", true}, {"qualifica", true}, {"fte", false}, {"mesi", false}, {"unita", false}}

func (rd *reader) readPersonale() {
	t := rd.open(tPersonale, personaleFields)
	if t == nil {
		if _, found := rd.sources[tPersonale]; !found {
			rd.missingTable(tPersonale)
		}
		return
	}
	defer t.close()
	rd.matricolaPos = t.posAt(0, pMatricola)
	// The texts kept are copied: a matricola, a qualifica and a unit are
	// a few bytes of a line of a dozen.
	t.transient()
	if n := rd.csvLines(t.src); n > 0 {
		// One allocation instead of append's: a large slice grows by a
		// quarter at a time, copying 100,000 people several times over.
		rd.in.People = make([]model.Person, 0, n)
		rd.people = make(map[model.Matricola]int, n)
	}
	for t.next() {
		m := model.Matricola(t.text(pMatricola))
		if m == "" {
			t.errorf(pMatricola, "matricola mancante")
			continue
		}
		if i, dup := rd.people[m]; dup {
			// Every row whose matricola is taken is a person: the first
			// row is theirs.
			t.errorf(pMatricola, "matricola %s ripetuta (già alla riga %d)", m, rd.in.People[i].Pos.Row)
			continue
		}
		m = model.Matricola(strings.Clone(string(m)))
		p := model.Person{
			Matricola: m,
			Qualifica: rd.intern(t.text(pQualifica)),
			FTE:       one,
			Mesi:      model.Twelve,
			Pos:       t.rowPos(),
		}
		if p.Qualifica == "" {
			t.warnf(pQualifica, "qualifica mancante per la matricola %s", m)
		}
		if t.has(pFTE) && !t.blank(pFTE) {
			if n, ok := t.number(pFTE); ok {
				if d := rd.dec.number(n); d.Sign() <= 0 || d.GreaterThan(one) {
					t.errorf(pFTE, "fte %s fuori intervallo: deve essere maggiore di 0 e al massimo 1", t.display(pFTE))
				} else {
					p.FTE = d
				}
			}
		}
		if t.has(pMesi) && !t.blank(pMesi) {
			if n, ok := t.number(pMesi); ok {
				if d := rd.dec.number(n); d.Sign() <= 0 || d.GreaterThan(model.Twelve) {
					t.errorf(pMesi, "mesi %s fuori intervallo: deve essere maggiore di 0 e al massimo 12", t.display(pMesi))
				} else {
					p.Mesi = d
				}
			}
		}
		if t.has(pUnita) {
			p.Unita = rd.unit(t, t.text(pUnita))
		}
		rd.people[m] = len(rd.in.People)
		rd.in.People = append(rd.in.People, p)
	}
	if t.count == 0 && !t.failed {
		rd.causef(t.where, "la tabella personale non ha righe")
	}
	rd.staffOK = !t.failed && len(rd.in.People) > 0
	rd.payRows = make([]int, len(rd.in.People))
}

// maxInterned bounds the texts intern shares.
const maxInterned = 1 << 10

// intern returns a copy of s, shared by the texts equal to it: the few
// qualifiche of a staff of thousands.
func (rd *reader) intern(s string) string {
	if k, ok := rd.interned[s]; ok {
		return k
	}
	k := strings.Clone(s)
	if len(rd.interned) < maxInterned {
		if rd.interned == nil {
			rd.interned = make(map[string]string)
		}
		rd.interned[k] = k
	}
	return k
}

// personOf finds matricola m, the text of field f, among the staff,
// reporting it when it is missing or unknown.
func (t *table) personOf(f int, m string) (int, bool) {
	if m == "" {
		t.errorf(f, "matricola mancante")
		return 0, false
	}
	i, ok := t.rd.people[model.Matricola(m)]
	if !ok && t.rd.staffOK {
		if other, found := t.rd.samePerson(m); found {
			// The cause of what follows: the person seems to have no
			// rows here, and is not reported so.
			n := len(t.rd.probs.ps)
			t.errorf(f, "matricola %s non presente in personale, dove c'è %s: una matricola scritta come numero perde gli zeri iniziali; scriverla come testo, uguale nelle due tabelle", m, other)
			if len(t.rd.probs.ps) > n {
				t.rd.probs.ps[n].Cause = true
			}
			t.rd.lostZeros[t.rd.people[other]] = true
		} else {
			t.errorf(f, "matricola %s non presente in personale", m)
		}
	}
	return i, ok
}

// samePerson finds the matricola of personale that m is but for leading
// zeros (4127 and 004127): one of the two was typed as a number.
func (rd *reader) samePerson(m string) (model.Matricola, bool) {
	if rd.unpadded == nil {
		rd.unpadded = make(map[string]model.Matricola, len(rd.people))
		for p := range rd.people {
			rd.unpadded[strings.TrimLeft(string(p), "0")] = p
		}
	}
	p, ok := rd.unpadded[strings.TrimLeft(m, "0")]
	return p, ok && string(p) != m
}

// driversKnown reports whether the driver names are known: not when the
// driver table was found twice and so not read, or could not be read to
// its end, which is reported already.
func (rd *reader) driversKnown() bool {
	src, ok := rd.sources[tDriver]
	return !ok || !src.twice && !src.unreadable && !rd.driverFailed
}

// driver: driver, codice, quantita.
const (
	dDriver = iota
	dCodice
	dQuantita
)

var driverFields = []field{{"driver", true}, {"codice", true}, {"quantita", true}}

func (rd *reader) readDriver() {
	t := rd.open(tDriver, driverFields)
	if t == nil {
		return
	}
	defer t.close()
	type key struct {
		driver string
		dest   model.Destination
	}
	seen := map[key]int{}
	for t.next() {
		name := foldName(t.text(dDriver))
		switch name {
		case "":
			t.errorf(dDriver, "nome del driver mancante")
		case model.DriverFTE, model.DriverPersonale:
			t.errorf(dDriver, "il nome %s è riservato (fte e personale sono calcolati da camcost): sceglierne un altro", name)
			name = ""
		}
		dest, okDest := t.destination(dCodice)
		if okDest && dest.IsZero() {
			t.errorf(dCodice, "codice mancante: indicare un codice della mappa o unita:NOME")
			okDest = false
		}
		n, okQty := t.number(dQuantita)
		switch {
		case !okQty && t.blank(dQuantita):
			t.errorf(dQuantita, "quantità mancante")
		case okQty && n.sign() < 0:
			t.errorf(dQuantita, "quantità negativa (%s): deve essere maggiore o uguale a zero", t.display(dQuantita))
			okQty = false
		}
		if name == "" || !okDest || !okQty {
			continue
		}
		rd.drivers[name] = true
		k := key{name, dest}
		if r, dup := seen[k]; dup {
			t.warnf(dCodice, "driver %s su %s già indicato alla riga %d: le quantità si sommano", name, dest, r)
		} else {
			seen[k] = t.num
		}
		rd.in.Drivers = append(rd.in.Drivers, model.DriverQty{Driver: name, Dest: dest, Qty: n.decimal(), Pos: t.rowPos()})
	}
	rd.driverFailed = t.failed
}

// destination reads field f as a process-map code or unita:NAME; blank is
// no destination. ok is false when the value is reported as wrong.
func (t *table) destination(f int) (model.Destination, bool) {
	s := t.text(f)
	if s == "" {
		return model.Destination{}, true
	}
	if prefix, name, found := strings.Cut(s, ":"); found && foldName(prefix) == "unita" {
		name = strings.TrimSpace(name)
		if name == "" {
			t.errorf(f, "%q: manca il nome dell'unità dopo \"unita:\"", s)
			return model.Destination{}, false
		}
		u, known := t.rd.units[foldName(name)]
		switch {
		case known:
			// Written as personale writes it, whatever the case.
			name = u.name
		case t.rd.staffOK:
			t.errorf(f, "unità %q non presente nella colonna unita di personale%s", name, t.rd.unitHint(name))
			return model.Destination{}, false
		}
		return model.Destination{Unit: name}, true
	}
	if t.rd.m == nil {
		return model.Destination{Code: model.Code(s)}, true // the map is reported
	}
	i, ok := t.rd.lookupCode(s)
	if !ok {
		t.errorf(f, "%q non è un codice della mappa dei processi né unita:NOME", s)
		return model.Destination{}, false
	}
	return model.Destination{Code: t.rd.m.At(i).Code}, true
}

// retribuzioni: matricola, voce, importo.
const (
	rMatricola = iota
	rVoce
	rImporto
)

var retribuzioniFields = []field{{"matricola", true}, {"voce", true}, {"importo", true}}

func (rd *reader) readRetribuzioni() {
	t := rd.open(tRetribuzioni, retribuzioniFields)
	if t == nil {
		return
	}
	defer t.close()
	rd.in.HasPayroll = true
	rd.paySrc = t.where
	pay := newFixedSums(len(rd.in.People))
	persons := personFinder{t: t, f: rMatricola}
	t.transient()
	for t.next() {
		i, okP := persons.find(t.text(rMatricola))
		n, okN := t.amount(rImporto)
		if !okN && t.blank(rImporto) {
			t.errorf(rImporto, "importo mancante")
		}
		if okP && okN {
			pay.add(i, n)
			rd.payTotal.add(n)
			rd.payRows[i]++
		}
	}
	for i := range rd.in.People {
		s := pay.at(i)
		rd.in.People[i].Pay = s.value()
	}
	if t.count == 0 && !t.failed {
		// Every pay would count zero, and so would the personnel key of
		// every node: one cause, stated once, instead of a zero key on
		// every personnel line of the ledger.
		rd.causef(t.where, "la tabella retribuzioni non ha righe: compilarla con le voci di stipendio di ogni persona, oppure eliminarla (il foglio o il file): senza retribuzioni il costo del personale si ripartisce per FTE")
	}
}

// tempi: matricola, codice, percentuale or ore, periodo.
const (
	bMatricola = iota
	bCodice
	bPercentuale
	bOre
	bPeriodo
)

var tempiFields = []field{{"matricola", true}, {"codice", true}, {"percentuale", false}, {"ore", false}, {"periodo", false}}

// booking sums the time one person booked on one node: m / 10^scale,
// the scale kept beside it in bookings, while the sum fits an int64, else
// in bookings.wide. It takes 17 bytes, a sum 32.
type booking struct {
	m    int64
	node int32
	// next is the person's booking made before this one, -1 for none.
	next int32
}

func (rd *reader) readTempi() {
	t := rd.open(tTempi, tempiFields)
	if t == nil {
		if _, found := rd.sources[tTempi]; !found {
			rd.missingTable(tTempi)
		}
		return
	}
	defer t.close()
	qf, ok := rd.tempiQuantity(t)
	if !ok {
		return
	}
	tally := rd.scanTempi(t, qf)
	if rd.m == nil || rd.ioErr != nil || t.failed {
		// A table that could not be read to its end leaves people
		// without rows: that follows from the problem already reported.
		return
	}
	rd.attachBookings(t, qf, tally)
}

// tempiQuantity chooses the column of the quantities, percentuale or ore,
// and sets the time unit of the inputs; ok is false, with a problem, when
// the table has both or neither.
func (rd *reader) tempiQuantity(t *table) (qf int, ok bool) {
	switch {
	case t.has(bPercentuale) && t.has(bOre):
		p := t.where
		p.Row = t.header
		rd.causef(p, "la tabella tempi ha sia la colonna percentuale sia la colonna ore: usarne una sola per tutta la tabella")
		return 0, false
	case t.has(bOre):
		rd.in.TimeUnit = model.Hours
		return bOre, true
	case !t.has(bPercentuale):
		p := t.where
		p.Row = t.header
		rd.causef(p, "manca la colonna percentuale (oppure ore) dei tempi")
		return 0, false
	}
	rd.in.TimeUnit = model.Percent
	return bPercentuale, true
}

// bookings holds the bookings of a time sheet in blocks, so that it grows
// with the bookings, a few hundred thousand for a large chamber, without
// copying them, and without asking ahead more than a block.
type bookings struct {
	blocks [][]booking
	scales [][]int8 // beside blocks: the scale of each sum, -1 for wide
	n      int32
	wide   map[int32]decimal.Decimal // the sums past an int64, by index
}

const bookBlock = 1 << 14

func (bs *bookings) at(i int32) *booking { return &bs.blocks[i/bookBlock][i%bookBlock] }

// add appends b and returns its index. Every block but the last is full;
// the last grows as a slice does, so that a small time sheet takes little.
func (bs *bookings) add(b booking) int32 {
	if bs.n%bookBlock == 0 {
		size := min(bs.n+64, bookBlock)
		bs.blocks = append(bs.blocks, make([]booking, 0, size))
		bs.scales = append(bs.scales, make([]int8, 0, size))
	}
	k := len(bs.blocks) - 1
	bs.blocks[k] = append(bs.blocks[k], b)
	bs.scales[k] = append(bs.scales[k], 0)
	bs.n++
	return bs.n - 1
}

func (bs *bookings) scale(i int32) *int8 { return &bs.scales[i/bookBlock][i%bookBlock] }

// qty returns the sum of booking i.
func (bs *bookings) qty(i int32) sum {
	scale := *bs.scale(i)
	if scale < 0 {
		return sum{wide: true, d: bs.wide[i]}
	}
	return sum{m: bs.at(i).m, scale: int32(scale)}
}

// addQty adds q to booking i.
func (bs *bookings) addQty(i int32, q number) {
	s := bs.qty(i)
	s.add(q)
	if !s.wide && s.scale <= math.MaxInt8 {
		bs.at(i).m, *bs.scale(i) = s.m, int8(s.scale)
		return
	}
	if !s.wide {
		s.d = decimal.New(s.m, -s.scale)
	}
	if bs.wide == nil {
		bs.wide = make(map[int32]decimal.Decimal)
	}
	*bs.scale(i), bs.wide[i] = -1, s.d
}

// tempiTally is what scanTempi gathers, by person (index in personale).
type tempiTally struct {
	books bookings
	// last is the person's last booking made, -1 for none: the start of
	// the list that booking.next links.
	last     []int32
	firstRow []int32 // the person's first row
	rowCount []int32 // the person's rows
	flawed   []bool  // some row of the person has a problem: its total means nothing
	periods  bool    // the table has the column periodo
}

// nodeFinder finds the bookable node of the codes of a time sheet. Time
// sheets come sorted by person or by code, so most rows repeat one of the
// codes before them: the last code found is tried first.
type nodeFinder struct {
	t        *table
	bookable []bool
	key      string // the last code found, as written
	index    int
	found    bool
}

// find is t.bookable(bCodice, code, bookable).
func (nf *nodeFinder) find(code string) (int, bool) {
	if nf.found && code == nf.key {
		return nf.index, true
	}
	i, ok := nf.t.bookable(bCodice, code, nf.bookable)
	if ok {
		// The code outlives its row: kept as the map writes it, or
		// copied when written otherwise (in lower case).
		key := string(nf.t.rd.m.At(i).Code)
		if key != code {
			key = strings.Clone(code)
		}
		nf.key, nf.index, nf.found = key, i, true
	}
	return i, ok
}

// personFinder finds the people of a table's rows. Tables come grouped by
// person, most often in the order of personale: the person of a row is
// tried as the last one found and as the one after it in personale before
// the matricola is looked up.
type personFinder struct {
	t     *table
	f     int // the field of the matricola
	last  int
	found bool
}

// find is t.personOf(f, m).
func (pf *personFinder) find(m string) (int, bool) {
	if pf.found {
		people := pf.t.rd.in.People
		if string(people[pf.last].Matricola) == m {
			return pf.last, true
		}
		if next := pf.last + 1; next < len(people) && string(people[next].Matricola) == m {
			pf.last = next
			return next, true
		}
	}
	i, ok := pf.t.personOf(pf.f, m)
	if ok {
		pf.last, pf.found = i, true
	}
	return i, ok
}

// scanTempi checks every row of the table and sums the time each person
// booked on each node. The table is streamed: memory grows with people ×
// nodes booked, never with rows.
func (rd *reader) scanTempi(t *table, qf int) *tempiTally {
	var bookable []bool
	if rd.m != nil {
		bookable = make([]bool, rd.m.Len())
		for i, n := range rd.m.Nodes() {
			bookable[i] = n.Bookable()
		}
	}
	n := len(rd.in.People)
	tally := &tempiTally{
		last:     make([]int32, n),
		firstRow: make([]int32, n),
		rowCount: make([]int32, n),
		flawed:   make([]bool, n),
		periods:  t.has(bPeriodo),
	}
	for i := range tally.last {
		tally.last[i] = -1
	}
	persons := personFinder{t: t, f: bMatricola}
	nodes := nodeFinder{t: t, bookable: bookable}
	t.transient()
	for t.next() {
		person, okP := persons.find(t.text(bMatricola))
		node, okC := nodes.find(t.text(bCodice))
		q, okQ := t.number(qf)
		switch {
		case !okQ && t.blank(qf):
			t.errorf(qf, "valore mancante")
		case okQ && q.sign() < 0:
			t.errorf(qf, "valore negativo (%s): i tempi devono essere maggiori o uguali a zero", t.display(qf))
			okQ = false
		}
		if tally.periods && !t.blank(bPeriodo) {
			if p, ok := t.number(bPeriodo); ok && !isMonth(p) {
				t.errorf(bPeriodo, "periodo %s non valido: deve essere un mese da 1 a 12", t.display(bPeriodo))
			}
		}
		if !okP {
			continue
		}
		if tally.rowCount[person]++; tally.rowCount[person] == 1 {
			tally.firstRow[person] = int32(t.num)
		}
		if !okC || !okQ {
			tally.flawed[person] = true
			continue
		}
		// A person books a few dozen nodes at most: a walk through their
		// bookings beats hashing.
		b := tally.last[person]
		for b >= 0 && tally.books.at(b).node != int32(node) {
			b = tally.books.at(b).next
		}
		if b < 0 {
			b = tally.books.add(booking{node: int32(node), next: tally.last[person]})
			tally.last[person] = b
		}
		tally.books.addQty(b, q)
	}
	return tally
}

// attachBookings gives each person their bookings in map order, and
// checks that every person booked time, and that their percentages sum to
// 100 or their hours are positive.
func (rd *reader) attachBookings(t *table, qf int, tally *tempiTally) {
	// The bookings of all the people share one array.
	all := make([]model.Booking, tally.books.n)
	var mine []int32
	for person, b := range tally.last {
		var total sum
		if b >= 0 {
			mine = mine[:0]
			for ; b >= 0; b = tally.books.at(b).next {
				mine = append(mine, b)
			}
			slices.SortFunc(mine, func(a, b int32) int { return cmp.Compare(tally.books.at(a).node, tally.books.at(b).node) })
			own := all[:len(mine):len(mine)]
			all = all[len(mine):]
			for i, b := range mine {
				qty := tally.books.qty(b)
				own[i] = model.Booking{Code: rd.m.At(int(tally.books.at(b).node)).Code, Qty: rd.dec.sum(&qty)}
				total.addSum(&qty)
			}
			rd.in.People[person].Bookings = own
		}
		rd.checkTempiTotal(t, qf, tally, person, &total)
	}
}

// checkTempiTotal checks that person booked time, and that their
// percentages, summing to total, make 100 or their hours are positive.
func (rd *reader) checkTempiTotal(t *table, qf int, tally *tempiTally, i int, total *sum) {
	p := &rd.in.People[i]
	rows := int(tally.rowCount[i])
	first := t.posAt(int(tally.firstRow[i]), qf)
	switch {
	case rows == 0 && rd.lostZeros[i]:
		// Its rows are there, under the matricola without zeros.
	case rows == 0:
		pos := rd.matricolaPos
		pos.Row = p.Pos.Row
		rd.errorf(pos, "la matricola %s non ha righe in tempi: ogni persona deve imputare il proprio tempo", p.Matricola)
	case tally.flawed[i]:
	case qf == bPercentuale && (total.cmp(percentMin) < 0 || total.cmp(percentMax) > 0):
		hint := ""
		if tally.periods {
			hint = "; con più periodi le percentuali si sommano sull'anno: per tempi mensili usare la colonna ore"
		}
		rd.errorf(first, "le percentuali della matricola %s sommano a %s invece di 100 (%s)%s",
			p.Matricola, model.ItalianShort(total.value()), rowsFrom(rows), hint)
	case qf == bOre && total.sign() == 0:
		rd.errorf(first, "la matricola %s ha 0 ore in totale (%s): servono ore positive", p.Matricola, rowsFrom(rows))
	}
}

// The percentages of a person sum to 100 within 0.01.
var (
	percentMin = number{m: 9999, scale: 2}
	percentMax = number{m: 10001, scale: 2}
)

// rowsFrom says how many rows a person has, the first being the one a
// message points at.
func rowsFrom(n int) string {
	if n == 1 {
		return "una sola riga, questa"
	}
	return strconv.Itoa(n) + " righe, la prima è questa"
}

// bookable finds code in the map and checks that time can be booked on it.
func (t *table) bookable(f int, code string, bookable []bool) (int, bool) {
	rd := t.rd
	switch {
	case code == "":
		t.errorf(f, "codice mancante")
		return -1, false
	case rd.m == nil:
		return -1, false // the map is reported
	}
	i, found := rd.lookupCode(code)
	if !found {
		t.errorf(f, "codice %s non presente nella mappa dei processi", code)
		return -1, false
	}
	if n := rd.m.At(i); !bookable[i] {
		t.errorf(f, "sul codice %s (%s) non si possono imputare tempi: usare un servizio (anche di formazione), un'attività o un nodo di coordinamento", n.Code, strings.ToLower(n.Level.Label()))
		return -1, false
	}
	return i, true
}

// isMonth reports whether n is a whole number from 1 to 12 (3 and 3,0 are).
func isMonth(n number) bool {
	if n.wide {
		return n.d.IsInteger() && n.d.Sign() > 0 && n.d.LessThanOrEqual(model.Twelve)
	}
	m, scale := n.m, n.scale
	for ; scale > 0 && m%10 == 0; scale-- {
		m /= 10
	}
	return scale == 0 && m >= 1 && m <= 12
}

// contabilita: conto, descrizione, voce, importo, destinazione, driver.
const (
	cConto = iota
	cDescrizione
	cVoce
	cImporto
	cDestinazione
	cDriver
)

var contabilitaFields = []field{{"conto", true}, {"descrizione", true}, {"voce", true}, {"importo", true}, {"destinazione", false}, {"driver", false}}

func voceKeys() string {
	keys := make([]string, model.NumVoci)
	for i, v := range model.Voci() {
		keys[i] = string(v.Key)
	}
	return strings.Join(keys, ", ")
}

func (rd *reader) readContabilita() {
	t := rd.open(tContabilita, contabilitaFields)
	if t == nil {
		if _, found := rd.sources[tContabilita]; !found {
			rd.missingTable(tContabilita)
		}
		return
	}
	defer t.close()
	for t.next() {
		l := model.LedgerLine{
			Conto:       t.text(cConto),
			Descrizione: t.text(cDescrizione),
			Pos:         t.rowPos(),
		}
		ok := true
		if l.Conto == "" {
			t.errorf(cConto, "conto mancante")
			ok = false
		} else if l.Descrizione == "" {
			t.warnf(cDescrizione, "descrizione mancante per il conto %s: serve a riconoscere il conto nei messaggi e nei controlli", l.Conto)
		}
		switch v := t.text(cVoce); {
		case v == "":
			t.errorf(cVoce, "voce mancante: usare una di %s", voceKeys())
			ok = false
		default:
			key := model.Voce(foldName(v))
			if _, known := model.VoceIndex(key); !known {
				t.errorf(cVoce, "voce %q sconosciuta: usare una di %s", v, voceKeys())
				ok = false
			}
			l.Voce = key
		}
		if n, okN := t.amount(cImporto); okN {
			l.Importo = n.decimal()
		} else {
			if t.blank(cImporto) {
				t.errorf(cImporto, "importo mancante")
			}
			ok = false
		}
		if t.has(cDestinazione) {
			d, okD := t.destination(cDestinazione)
			l.Dest, ok = d, ok && okD
		}
		if t.has(cDriver) {
			if d := t.text(cDriver); d != "" {
				name := foldName(d)
				if name != model.DriverFTE && name != model.DriverPersonale && !rd.drivers[name] && rd.driversKnown() {
					t.errorf(cDriver, "driver %q sconosciuto: usare fte, personale o un driver della tabella driver", d)
					ok = false
				}
				l.Driver = name
			}
		}
		if ok {
			rd.in.Ledger = append(rd.in.Ledger, l)
		}
	}
	if t.count == 0 {
		rd.causef(t.where, "la tabella contabilita non ha righe")
	}
}

// volumi: codice, misura, quantita.
const (
	vCodice = iota
	vMisura
	vQuantita
)

var volumiFields = []field{{"codice", true}, {"misura", true}, {"quantita", true}}

func (rd *reader) readVolumi() {
	t := rd.open(tVolumi, volumiFields)
	if t == nil {
		return
	}
	defer t.close()
	type key struct {
		code   model.Code
		misura string
	}
	seen := map[key]int{}
	for t.next() {
		v := model.Volume{Misura: t.text(vMisura), Pos: t.rowPos()}
		ok := true
		switch code := t.text(vCodice); {
		case code == "":
			t.errorf(vCodice, "codice mancante")
			ok = false
		case rd.m != nil:
			i, found := rd.lookupCode(code)
			if !found {
				t.errorf(vCodice, "codice %s non presente nella mappa dei processi", code)
				ok = false
			} else {
				v.Code = rd.m.At(i).Code
			}
		}
		if v.Misura == "" {
			t.errorf(vMisura, "misura mancante: indicare cosa si conta (es. pratiche evase)")
			ok = false
		}
		n, okN := t.number(vQuantita)
		switch {
		case !okN && t.blank(vQuantita):
			t.errorf(vQuantita, "quantità mancante")
		case okN && n.sign() < 0:
			t.errorf(vQuantita, "quantità negativa (%s): deve essere maggiore o uguale a zero", t.display(vQuantita))
			okN = false
		}
		if !ok || !okN {
			continue
		}
		v.Qty = n.decimal()
		k := key{v.Code, v.Misura}
		if r, dup := seen[k]; dup {
			t.warnf(vMisura, "volume %q di %s già indicato alla riga %d", v.Misura, v.Code, r)
		} else {
			seen[k] = t.num
		}
		rd.in.Volumes = append(rd.in.Volumes, v)
	}
}

// contesto: chiave, valore.
const (
	kChiave = iota
	kValore
)

var contestoFields = []field{{"chiave", true}, {"valore", true}}

func (rd *reader) readContesto() {
	t := rd.open(tContesto, contestoFields)
	if t == nil {
		return
	}
	defer t.close()
	ctx := &rd.in.Context
	seen := map[string]int{}
	for t.next() {
		raw := t.text(kChiave)
		key := foldName(raw)
		if key == "" {
			t.errorf(kChiave, "chiave mancante")
			continue
		}
		if r, dup := seen[key]; dup {
			t.errorf(kChiave, "chiave %s ripetuta (già alla riga %d)", key, r)
			continue
		}
		seen[key] = t.num
		value := t.text(kValore)
		switch key {
		case model.CtxEnte:
			ctx.Ente = value
		case model.CtxCluster:
			ctx.Cluster = value
		case model.CtxImpreseAttive, model.CtxImpreseRegistrate:
			var c model.Count
			if !t.blank(kValore) {
				n, ok := t.number(kValore)
				if !ok {
					continue
				}
				d := n.decimal()
				if !d.IsInteger() || d.Sign() < 0 {
					t.errorf(kValore, "%s %s non valido: serve un numero intero non negativo", key, t.display(kValore))
					continue
				}
				c = model.Count{Value: d.Truncate(0), Given: true}
			}
			if key == model.CtxImpreseAttive {
				ctx.ImpreseAttive = c
			} else {
				ctx.ImpreseRegistrate = c
			}
		case model.CtxAnno:
			if !t.blank(kValore) {
				y, err := strconv.Atoi(value)
				if err != nil || y < 1900 || y > 2100 {
					t.errorf(kValore, "anno %q non valido: serve un anno di quattro cifre (es. 2024)", t.display(kValore))
					continue
				}
				ctx.Anno = y
			}
		default:
			ctx.Other = append(ctx.Other, model.ContextEntry{Key: key, Value: value, Pos: t.rowPos()})
		}
		ctx.Keys = append(ctx.Keys, key)
	}
}

// maxPresize bounds the people allocated ahead from a count of lines, so
// that a file of empty lines cannot ask for much memory.
const maxPresize = 1 << 18

// csvLines counts the lines of the CSV file of src, at most maxPresize: an
// upper bound of its rows when no cell holds a line break. It is 0 for a
// workbook or a file that cannot be read (reading it reports that).
func (rd *reader) csvLines(src *source) int {
	if src.wb != nil {
		return 0
	}
	fsys := rd.fsys
	if c, ok := fsys.(countingFS); ok {
		fsys = c.fsys // a count ahead is not progress
	}
	f, err := fsys.Open(src.file)
	if err != nil {
		return 0
	}
	defer f.Close()
	buf := make([]byte, 64<<10)
	n := 0
	for n < maxPresize {
		k, err := f.Read(buf)
		n += bytes.Count(buf[:k], []byte{'\n'})
		if err != nil {
			break
		}
	}
	return min(n+1, maxPresize)
}
