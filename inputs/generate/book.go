package generate

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"

	"camcost/model"
)

// book is everything of a body besides its people: the ledger, drivers,
// volumes, context and settings.
type book struct {
	s        *shape
	o        *org
	st       *peopleStats
	b        body
	r        *rand.Rand
	imprese  int64 // registrate
	attive   int64
	lines    []ledgerLine
	drivers  []qtyRow
	volumes  []qtyRow
	supportB model.Code // support tema whose costs move by mq, "" if none
}

type ledgerLine struct {
	conto, descrizione string
	voce               model.Voce
	cents              int64
	dest, driver       string
}

// qtyRow is a row of driver (name, code, quantity) or volumi (code, misura,
// quantity).
type qtyRow struct {
	name, code string
	qty        int64
}

func newBook(s *shape, o *org, st *peopleStats, b body, r *rand.Rand) *book {
	bk := &book{s: s, o: o, st: st, b: b, r: r}
	n := int64(b.people)
	bk.imprese = n * between(r, 400, 500)
	bk.attive = bk.imprese * between(r, 820, 880) / 1000
	bk.makeDrivers()
	bk.makeLedger()
	bk.makeVolumes()
	bk.chooseSupportDriver()
	return bk
}

func (bk *book) unitExists(name string) bool {
	return slices.ContainsFunc(bk.o.units, func(u unit) bool { return u.name == name })
}

// makeDrivers: mq on every unit (office space by headcount) and on rooms of
// a few servizi, pratiche on the registro imprese servizi, attivita on the
// attività of a few servizi where nobody booked an attività.
func (bk *book) makeDrivers() {
	r, s := bk.r, bk.s
	for u, un := range bk.o.units {
		mq := int64(bk.st.headcount[u])*between(r, 14, 22) + between(r, 20, 80)
		bk.drivers = append(bk.drivers, qtyRow{"mq", "unita:" + un.name, mq})
	}
	for _, x := range mqServizi {
		if i, ok := s.m.Index(x.code); ok && s.m.At(i).Level == model.LevelServizio && s.costable[i] {
			bk.drivers = append(bk.drivers, qtyRow{"mq", string(x.code), between(r, x.lo, x.hi)})
		}
	}
	for _, x := range pratiche {
		if i, ok := s.m.Index(x.code); ok && s.costable[i] {
			bk.drivers = append(bk.drivers, qtyRow{"pratiche", string(x.code), bk.imprese * between(r, x.lo, x.hi) / 1000})
		}
	}
	var cand []int
	for _, sv := range s.servizi {
		if a := s.attivita[sv]; len(a) >= 2 && !slices.ContainsFunc(a, func(i int) bool { return bk.st.booked[i] }) {
			cand = append(cand, sv)
		}
	}
	perm := r.Perm(len(cand))
	pick := make([]int, 0, 3)
	for _, k := range perm[:min(3, len(perm))] {
		pick = append(pick, cand[k])
	}
	slices.Sort(pick)
	for _, sv := range pick {
		for _, a := range s.attivita[sv] {
			bk.drivers = append(bk.drivers, qtyRow{model.DriverAttivita, string(s.codes[a]), between(r, 20, 400)})
		}
	}
}

func (bk *book) hasDriver(name string) bool {
	switch name {
	case model.DriverFTE, model.DriverPersonale:
		return true
	}
	return slices.ContainsFunc(bk.drivers, func(d qtyRow) bool { return d.name == name && d.qty > 0 })
}

// resolve returns the first candidate destination that can carry cost.
func (bk *book) resolve(cands []string) string {
	for _, c := range cands {
		if name, ok := strings.CutPrefix(c, "unita:"); ok {
			if bk.unitExists(name) {
				return c
			}
			continue
		}
		if _, ok := bk.s.lookup(model.Code(c)); ok {
			return c
		}
	}
	return ""
}

// voceTotals are the yearly totals by voce, in euro, at the body's scale: a
// chamber of 150 people has oneri correnti of about 25-35 million.
func (bk *book) voceTotals() map[model.Voce]int64 {
	r, n := bk.r, int64(bk.b.people)
	da := bk.imprese * between(r, 240, 280)
	return map[model.Voce]int64{
		model.DirittoAnnuale:            da,
		model.DirittiSegreteria:         bk.imprese * between(r, 60, 70),
		model.ContributiTrasferimenti:   n * between(r, 8000, 13000),
		model.ProventiGestioneServizi:   n * between(r, 2300, 4300),
		model.VariazioneRimanenze:       n * between(r, 15, 100),
		model.Funzionamento:             n * between(r, 40000, 50000),
		model.InterventiEconomici:       n * between(r, 37000, 60000),
		model.AmmortamentiAccantonament: da * between(r, 350, 450) / 1000,
		model.ProventiFinanziari:        n * between(r, 550, 1650),
		model.OneriFinanziari:           n * between(r, 15, 130),
		model.ProventiStraordinari:      n * between(r, 2000, 6000),
		model.OneriStraordinari:         n * between(r, 350, 2000),
		model.Rivalutazioni:             n * between(r, 10, 200),
		model.Svalutazioni:              n * between(r, 35, 530),
	}
}

func (bk *book) makeLedger() {
	r := bk.r
	for k, total := range bk.st.pay {
		if total != 0 {
			it := payItems[k]
			bk.lines = append(bk.lines, ledgerLine{it.conto, it.descrizione, model.Personale, total, "", ""})
		}
	}
	totals := bk.voceTotals()
	for _, vi := range model.Voci() {
		if vi.Key == model.Personale {
			continue
		}
		var accs []account
		var w []int64
		for _, a := range accounts {
			if a.voce == vi.Key {
				accs = append(accs, a)
				w = append(w, a.weight*between(r, 850, 1150))
			}
		}
		parts := largestRemainder(totals[vi.Key]*100+between(r, 0, 99999), w)
		for i, a := range accs {
			l := ledgerLine{conto: a.conto, descrizione: a.descrizione, voce: a.voce, cents: parts[i]}
			if a.negative {
				l.cents = -l.cents
			}
			if a.driver != "" && bk.hasDriver(a.driver) {
				l.driver = a.driver
			} else {
				l.dest = bk.resolve(a.dest)
			}
			bk.lines = append(bk.lines, l)
		}
	}
	slices.SortStableFunc(bk.lines, func(a, b ledgerLine) int { return strings.Compare(a.conto, b.conto) })
}

func (bk *book) makeVolumes() {
	r, n := bk.r, int64(bk.b.people)
	for _, x := range measures {
		if !bk.s.m.Has(x.code) {
			continue
		}
		var q int64
		switch x.base {
		case perImpresa:
			q = bk.imprese * between(r, x.lo, x.hi) / 1000
		case perPerson:
			q = n * between(r, x.lo, x.hi) / 1000
		default:
			q = between(r, x.lo, x.hi)
		}
		bk.volumes = append(bk.volumes, qtyRow{x.misura, string(x.code), q})
	}
}

// chooseSupportDriver picks the support tema whose servizi move their cost by
// floor space: B2 (acquisti, patrimonio e servizi di sede) when the map has
// it, else the first tema of macro B.
func (bk *book) chooseSupportDriver() {
	s := bk.s
	for _, t := range s.temas {
		c := s.codes[t]
		if c == "B2" {
			bk.supportB = c
			return
		}
	}
	for _, t := range s.temas {
		if c := s.codes[t]; strings.HasPrefix(string(c), "B") && s.support[t] {
			bk.supportB = c
			return
		}
	}
}

func (bk *book) cluster() string {
	switch {
	case bk.imprese < 40000:
		return "piccola"
	case bk.imprese < 100000:
		return "media"
	}
	return "grande"
}

func (bk *book) write(out sink) error {
	t, err := out.table("contabilita", colsContabilita)
	if err != nil {
		return err
	}
	row := make([]cell, len(colsContabilita))
	for _, l := range bk.lines {
		row[0], row[1], row[2], row[3], row[4], row[5] = text(l.conto), text(l.descrizione), text(string(l.voce)),
			money(l.cents), text(l.dest), text(l.driver)
		if err := t.row(row); err != nil {
			return err
		}
	}
	if err := t.close(); err != nil {
		return err
	}

	if t, err = out.table("driver", colsDriver); err != nil {
		return err
	}
	row = row[:3]
	for _, d := range bk.drivers {
		row[0], row[1], row[2] = text(d.name), text(d.code), number(d.qty, 0)
		if err := t.row(row); err != nil {
			return err
		}
	}
	if err := t.close(); err != nil {
		return err
	}

	if t, err = out.table("volumi", colsVolumi); err != nil {
		return err
	}
	for _, v := range bk.volumes {
		row[0], row[1], row[2] = text(v.code), text(v.name), number(v.qty, 0)
		if err := t.row(row); err != nil {
			return err
		}
	}
	if err := t.close(); err != nil {
		return err
	}

	if t, err = out.table("contesto", colsContesto); err != nil {
		return err
	}
	row = row[:2]
	for _, kv := range bk.context() {
		row[0], row[1] = text(kv[0]), text(kv[1])
		if err := t.row(row); err != nil {
			return err
		}
	}
	return t.close()
}

func (bk *book) ente() string { return "Camera di Commercio di " + bk.b.city.name }

func (bk *book) context() [][2]string {
	return [][2]string{
		{model.CtxEnte, bk.ente()},
		{model.CtxAnno, strconv.Itoa(Year)},
		{"regione", bk.b.city.regione},
		{model.CtxImpreseRegistrate, strconv.FormatInt(bk.imprese, 10)},
		{model.CtxImpreseAttive, strconv.FormatInt(bk.attive, 10)},
		{model.CtxCluster, bk.cluster()},
	}
}

func (bk *book) settings() string {
	var b strings.Builder
	fmt.Fprintf(&b, "# Impostazioni di calcolo di camcost per questa cartella di input.\n")
	fmt.Fprintf(&b, "# %s, anno %d (dati generati da camcost generate).\n\n", bk.ente(), Year)
	fmt.Fprintf(&b, "# Metodo di ribaltamento dei costi di supporto: diretto, scalare o reciproco.\n")
	fmt.Fprintf(&b, "metodo = %q\n", model.MethodDiretto)
	if bk.supportB != "" {
		fmt.Fprintf(&b, "\n# Driver con cui i servizi di supporto di un tema ribaltano i loro costi\n")
		fmt.Fprintf(&b, "# (predefinito: fte). mq è la superficie degli uffici, nella tabella driver.\n")
		fmt.Fprintf(&b, "[driver_supporto]\n%s = %q\n", bk.supportB, "mq")
	}
	return b.String()
}

// spreadLedger splits the positive lines of every voce but personale into
// pieces with random weights (largest remainder, so each line's total is
// kept to the cent) until the ledger has n lines. The first piece keeps the
// line's key; the others go to a funzione or servizio of the map or a unit, drawn with
// r. Nothing changes when the ledger already has n lines or more.
func (bk *book) spreadLedger(n int, r *rand.Rand) {
	var split []int
	for i, l := range bk.lines {
		if l.voce != model.Personale && l.cents > 0 {
			split = append(split, i)
		}
	}
	extra := n - len(bk.lines)
	if extra <= 0 || len(split) == 0 {
		return
	}
	var dests []string
	for i, c := range bk.s.codes {
		if _, ok := bk.s.lookup(c); ok && bk.s.m.At(i).Level >= model.LevelFunzione && bk.s.m.At(i).Level <= model.LevelServizio {
			dests = append(dests, string(c))
		}
	}
	for _, u := range bk.o.units {
		dests = append(dests, "unita:"+u.name)
	}
	lines := make([]ledgerLine, 0, n)
	k := 0
	for i, l := range bk.lines {
		if k >= len(split) || split[k] != i {
			lines = append(lines, l)
			continue
		}
		pieces := 1 + extra/len(split)
		if k < extra%len(split) {
			pieces++
		}
		k++
		pieces = int(min(int64(pieces), l.cents))
		w := make([]int64, pieces)
		for j := range w {
			w[j] = between(r, 1, 100)
		}
		for j, c := range largestRemainder(l.cents, w) {
			p := l
			p.cents = c
			if j > 0 {
				p.dest, p.driver = dests[r.IntN(len(dests))], ""
			}
			lines = append(lines, p)
		}
	}
	bk.lines = lines
}
