package explain

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/shopspring/decimal"

	"camcost/model"
)

// MinPeople is the fewest people a row of personnel cost may stand for:
// with fewer, the row and the node's FTE would tell one person's pay. It
// is the threshold of costing.MinPeople.
const MinPeople = 3

// otherQualifiche names the row of the qualifiche folded for privacy.
const otherQualifiche = "altre qualifiche"

// Staff is what splitting personnel cost by qualifica needs of the staff:
// each person's part of every node's keys. People are numbered in the
// order of the inputs; no matricola is kept.
type Staff struct {
	nodes      map[model.Code][]contribution
	qualifiche []string // by person
}

// contribution is one person's part of a node's keys.
type contribution struct {
	person int
	unita  string
	f, k   decimal.Decimal
}

// NewStaff computes each person's part of the keys of the nodes where
// they booked time, as docs/metodo.md's quantities define them: F_n sums
// arr16(FTE_e × s_e,n), K_n sums arr16(P_e × s_e,n), and K is F without a
// payroll. The split checks each node's parts against the key trace.csv
// recorded, so a difference from the engine's sums cannot go unnoticed.
// Only the nodes for which keep is true are computed (all, if keep is
// nil): a Builder's Covers.
func NewStaff(in *model.Inputs, keep func(model.Code) bool) *Staff {
	st := &Staff{nodes: make(map[model.Code][]contribution)}
	for n, p := range in.People {
		st.qualifiche = append(st.qualifiche, p.Qualifica)
		if keep != nil && !slices.ContainsFunc(p.Bookings, func(b model.Booking) bool { return keep(b.Code) }) {
			continue
		}
		fte := p.FTE.Mul(p.Mesi).DivRound(model.Twelve, model.SharePlaces)
		var hours decimal.Decimal
		if in.TimeUnit == model.Hours {
			for _, b := range p.Bookings {
				hours = hours.Add(b.Qty)
			}
			if hours.IsZero() {
				continue
			}
		}
		for _, b := range p.Bookings {
			if keep != nil && !keep(b.Code) {
				continue
			}
			var s decimal.Decimal
			if in.TimeUnit == model.Hours {
				s = b.Qty.DivRound(hours, model.SharePlaces)
			} else {
				s = b.Qty.DivRound(model.Hundred, model.SharePlaces)
			}
			c := contribution{person: n, unita: p.Unita, f: fte.Mul(s).Round(model.SharePlaces)}
			c.k = c.f
			if in.HasPayroll {
				c.k = p.Pay.Mul(s).Round(model.SharePlaces)
			}
			st.nodes[b.Code] = append(st.nodes[b.Code], c)
		}
	}
	return st
}

// personnelKey reports whether a stage 1 row of personnel cost was spread
// by a key made of people's time or pay, which a Staff can split.
func personnelKey(s Step) bool {
	if s.Stage != StageDirect || s.Voce != model.Personale || !s.HasKey {
		return false
	}
	return s.Driver == model.DriverPersonale || s.Driver == model.DriverFTE || strings.HasPrefix(s.Driver, "unita:")
}

// weight is a person's part of the key of a row.
func (c contribution) weight(driver string) decimal.Decimal {
	switch {
	case driver == model.DriverPersonale:
		return c.k
	case driver == model.DriverFTE:
		return c.f
	case c.unita == strings.TrimPrefix(driver, "unita:"):
		return c.f
	}
	return decimal.Zero
}

// qualificaAcc gathers the personnel cost of one qualifica.
type qualificaAcc struct {
	name   string
	amount decimal.Decimal
	people map[int]bool
}

// splitPersonnel splits the personnel rows by qualifica. When it cannot
// (no staff, parts that do not match trace.csv's keys, fewer than
// MinPeople people) it gives the rows back, to be listed as ledger lines,
// with a note saying why.
func (b *Builder) splitPersonnel() (*Section, []Step, []string) {
	if len(b.personnel) == 0 {
		return nil, nil, nil
	}
	why := "Il costo del personale non è suddiviso per qualifica: "
	if b.staff == nil {
		if b.staffNote == "" {
			return nil, b.personnel, nil
		}
		return nil, b.personnel, []string{why + b.staffNote}
	}
	byQ := map[string]*qualificaAcc{}
	keys := map[nodeKey]*qualificaKey{}
	for _, s := range b.personnel {
		nk := nodeKey{s.Target, s.Driver}
		k := keys[nk]
		if k == nil {
			k = b.staff.key(s.Target, s.Driver)
			keys[nk] = k
			for _, p := range k.people {
				q := b.staff.qualifica(p)
				a := byQ[q]
				if a == nil {
					a = &qualificaAcc{name: q, people: map[int]bool{}}
					byQ[q] = a
				}
				a.people[p] = true
			}
		}
		if !k.total.Equal(s.Key) {
			return nil, b.personnel, []string{fmt.Sprintf("%sle quote delle persone su %s (%s) non danno la chiave %s che trace.csv "+
				"registra (%s): i file di input non corrispondono al calcolo.", why, s.Target, ruleText(s.Driver, s.Target, 2),
				model.ItalianShort(s.Key), model.ItalianShort(k.total))}
		}
		for n, part := range model.Split(s.Amount, k.weights, k.total) {
			a := byQ[k.names[n]]
			a.amount = a.amount.Add(part)
		}
	}
	groups := foldQualifiche(byQ)
	if groups == nil {
		return nil, b.personnel, []string{fmt.Sprintf("%sviene dal lavoro di meno di %d persone, e la suddivisione ne "+
			"rivelerebbe la retribuzione.", why, MinPeople)}
	}
	sec := &Section{Stage: StageDirect, Title: "Fase 1 – personale per qualifica"}
	for _, g := range groups {
		r := Row{Stage: StageDirect, Kind: KindQualifica, Source: "qualifica:" + g.name, Amount: g.amount, Count: len(g.people)}
		r.Description = fmt.Sprintf("personale, qualifica %s: %s", g.name, plural(len(g.people), "persona", "persone"))
		switch {
		case g.name == otherQualifiche && len(groups) == 1:
			r.Source = otherQualifiche
			r.Description = fmt.Sprintf("personale: %s di qualifiche diverse, nessuna con almeno %d persone",
				plural(len(g.people), "persona", "persone"), MinPeople)
		case g.name == otherQualifiche:
			r.Source = otherQualifiche
			r.Description = fmt.Sprintf("personale, %s: %s (qualifiche con meno di %d persone)", otherQualifiche,
				plural(len(g.people), "persona", "persone"), MinPeople)
		}
		sec.Rows = append(sec.Rows, r)
	}
	sec.Details = b.personnelLines()
	return sec, nil, nil
}

// nodeKey is a node's key by one driver.
type nodeKey struct {
	target model.Code
	driver string
}

// qualificaKey is a node's key by one driver, split by qualifica.
type qualificaKey struct {
	names   []string          // the qualifiche, in order
	weights []decimal.Decimal // their parts of the key
	total   decimal.Decimal
	people  []int // the people with a part
}

// key splits the key of target by driver among the qualifiche.
func (st *Staff) key(target model.Code, driver string) *qualificaKey {
	k := &qualificaKey{}
	weights := map[string]decimal.Decimal{}
	for _, c := range st.nodes[target] {
		w := c.weight(driver)
		if w.IsZero() {
			continue
		}
		q := st.qualifica(c.person)
		weights[q] = weights[q].Add(w)
		k.total = k.total.Add(w)
		k.people = append(k.people, c.person)
	}
	for q := range weights {
		k.names = append(k.names, q)
	}
	slices.Sort(k.names)
	for _, q := range k.names {
		k.weights = append(k.weights, weights[q])
	}
	return k
}

func (st *Staff) qualifica(person int) string {
	q := strings.TrimSpace(st.qualifiche[person])
	if q == "" {
		return "non indicata"
	}
	return q
}

// foldQualifiche orders the qualifiche by amount and folds those of fewer
// than MinPeople people into one group; while that group itself has
// fewer, the smallest qualifica shown joins it. It returns nil when all
// the people together are fewer than MinPeople.
func foldQualifiche(byQ map[string]*qualificaAcc) []*qualificaAcc {
	var shown []*qualificaAcc
	rest := &qualificaAcc{name: otherQualifiche, people: map[int]bool{}}
	merge := func(a *qualificaAcc) {
		rest.amount = rest.amount.Add(a.amount)
		for p := range a.people {
			rest.people[p] = true
		}
	}
	for _, a := range byQ {
		if len(a.people) >= MinPeople {
			shown = append(shown, a)
		} else {
			merge(a)
		}
	}
	// Smallest first, so that the fold takes the smallest group.
	slices.SortFunc(shown, func(x, y *qualificaAcc) int {
		return cmp.Or(cmp.Compare(len(x.people), len(y.people)), x.amount.Cmp(y.amount), strings.Compare(x.name, y.name))
	})
	for len(rest.people) > 0 && len(rest.people) < MinPeople && len(shown) > 0 {
		merge(shown[0])
		shown = shown[1:]
	}
	if len(shown) == 0 && len(rest.people) < MinPeople {
		return nil
	}
	slices.SortFunc(shown, func(x, y *qualificaAcc) int {
		return cmp.Or(y.amount.Abs().Cmp(x.amount.Abs()), strings.Compare(x.name, y.name))
	})
	if len(rest.people) > 0 {
		shown = append(shown, rest)
	}
	return shown
}

// personnelLines lists the ledger lines the personnel split comes from.
func (b *Builder) personnelLines() []Detail {
	type line struct {
		source, text string
		amount       decimal.Decimal
	}
	bySource := map[string]*line{}
	var order []*line
	for _, s := range b.personnel {
		l := bySource[s.Source]
		if l == nil {
			text := fmt.Sprintf("%s, conto %s", s.Source, s.Conto)
			if s.Descrizione != "" {
				text += " «" + s.Descrizione + "»"
			}
			text += ", " + ruleText(s.Driver, s.Target, 2)
			l = &line{source: s.Source, text: text}
			bySource[s.Source] = l
			order = append(order, l)
		}
		l.amount = l.amount.Add(s.Amount)
	}
	slices.SortFunc(order, func(x, y *line) int {
		return cmp.Or(y.amount.Abs().Cmp(x.amount.Abs()), strings.Compare(x.source, y.source))
	})
	var out []Detail
	var rest decimal.Decimal
	for n, l := range order {
		if b.lines >= 0 && n >= b.lines && len(order) > b.lines+1 {
			rest = rest.Add(l.amount)
			continue
		}
		out = append(out, Detail{Text: l.text, Amount: l.amount})
	}
	if k := len(order) - len(out); k > 0 {
		out = append(out, Detail{Text: "altre " + plural(k, "riga", "righe") + " di contabilità del personale", Amount: rest})
	}
	return out
}
