package indicators

import (
	"fmt"
	"slices"
	"strings"

	"github.com/shopspring/decimal"

	"camcost/costing"
	"camcost/model"
)

// Unit is the unit of an indicator's value.
type Unit string

// The units of the indicators. A UnitRatio value is a fraction: 0.25 reads
// 25%.
const (
	UnitEuro           Unit = "€"
	UnitFTE            Unit = "FTE"
	UnitRatio          Unit = "%"
	UnitEuroPerFTE     Unit = "€ per FTE"
	UnitEuroPerImpresa Unit = "€ per impresa attiva"
	UnitFTEPer1000     Unit = "FTE per 1.000 imprese attive"
	UnitEuroPerUnit    Unit = "€ per unità"
	UnitCount          Unit = "numero"
)

// places is the precision an indicator of unit u is rounded to.
func (u Unit) places() int32 {
	switch u {
	case UnitFTE, UnitFTEPer1000:
		return model.FTEPlaces
	case UnitRatio:
		return 6
	case UnitCount:
		return 4
	}
	return model.CentPlaces
}

// Format writes d with unit u the Italian way, for sentences: 1.234,56 €,
// 25,00%, 41.250.
func (u Unit) Format(d decimal.Decimal) string {
	switch u {
	case UnitEuro:
		return model.Italian(d, model.CentPlaces) + " €"
	case UnitFTE:
		return model.Italian(d, model.FTEPlaces) + " FTE"
	case UnitRatio:
		return model.Italian(d.Mul(model.Hundred), 2) + "%"
	case UnitCount:
		if d.Equal(d.Truncate(0)) {
			return model.Italian(d, 0)
		}
		return model.Italian(d, 4)
	}
	return model.Italian(d, u.places()) + " " + string(u)
}

// The keys of the indicators. A key and a scope code identify an indicator
// across bodies (and, for KeyCostoUnitario, the measure too), which is what
// a comparison of bodies (Compare) matches.
const (
	KeyCostoPieno           = "costo_pieno"
	KeyFTE                  = "fte"
	KeyIncidenzaSupporto    = "incidenza_supporto"
	KeyCostoMedioFTE        = "costo_medio_fte"
	KeyOneriPerImpresa      = "oneri_correnti_per_impresa"
	KeyPersonalePerImpresa  = "personale_per_impresa"
	KeyCostoPienoPerImpresa = "costo_pieno_per_impresa"
	KeyFTEPer1000Imprese    = "fte_per_1000_imprese"
	KeyCostoUnitario        = "costo_unitario"
	KeyGradoCopertura       = "grado_copertura"
)

// Scope is what an indicator measures: the whole body (Code empty, Level
// zero) or one node of the map.
type Scope struct {
	Code  model.Code
	Name  string
	Level model.Level
}

// IsBody reports whether the scope is the whole body.
func (s Scope) IsBody() bool { return s.Code == "" }

// Input is a figure an indicator was computed from, with where it
// comes from in words.
type Input struct {
	Name   string
	Value  decimal.Decimal
	Unit   Unit
	Source string
}

// Indicator is one indicator of one body: its value, or, when an input is
// missing or a denominator is zero, the reason it cannot be computed. Value
// is rounded to the precision of its unit and is zero when Available is
// false.
type Indicator struct {
	Key     string
	Name    string
	Scope   Scope
	Misura  string // the volume's measure, for KeyCostoUnitario only
	Value   decimal.Decimal
	Unit    Unit
	Formula string // in words, as the workbook prints it
	Inputs  []Input
	// Available is false when the indicator cannot be computed; Reason
	// then says why, in words a reader can act on.
	Available bool
	Reason    string
}

// Where the inputs of the indicators come from.
const (
	srcOneri       = "contabilità: totale oneri correnti (B, voci 6-9 dell'allegato C)"
	srcPersonale   = "contabilità: voce 6 Personale"
	srcProventi    = "contabilità: totale proventi correnti (A, voci 1-5 dell'allegato C)"
	srcTotalFTE    = "personale: somma di fte × mesi / 12"
	srcImprese     = "tabella contesto: imprese_attive"
	srcCostoPieno  = "costi dei processi: costo pieno"
	srcSupporto    = "costi dei processi: quota supporto ricevuta (fase 3)"
	srcFTE         = "tempi e personale: FTE registrati sul nodo e sotto di esso"
	srcProventiFn  = "contabilità, fase 1: proventi correnti (voci 1-5) attribuiti al processo"
	srcBeforeMoves = "costi dei processi: costo diretto + quote ricevute (prima del ribaltamento)"
)

// body holds the figures of the whole body the indicators share.
type body struct {
	res             *costing.Result
	oneri           decimal.Decimal
	personale       decimal.Decimal
	proventi        decimal.Decimal
	fullTotal       decimal.Decimal
	supportReceived decimal.Decimal // by the primary processes
	fte             decimal.Decimal
	imprese         decimal.Decimal
	impreseErr      string // why imprese is unusable, "" when it is
	support         map[int]bool
}

func newBody(res *costing.Result) *body {
	b := &body{res: res, fte: res.TotalFTE, support: SupportMacros(res), oneri: oneriCorrenti(res)}
	for _, t := range res.Totals {
		if t.Voce == model.Personale {
			b.personale = t.Ledger
		}
		if info, _ := t.Voce.Info(); info.Section == model.ProventiCorrenti {
			b.proventi = b.proventi.Add(t.Ledger)
		}
	}
	for i, n := range res.Map.Nodes() {
		if n.Level != model.LevelMacro {
			continue
		}
		b.fullTotal = b.fullTotal.Add(costing.Total(res.Nodes[i].Full))
		if !b.support[i] {
			b.supportReceived = b.supportReceived.Add(costing.Total(res.Nodes[i].FromSupport))
		}
	}
	b.imprese, b.impreseErr = ImpreseAttive(res.Inputs.Context)
	return b
}

// oneriCorrenti is the total of the oneri correnti (voci 6-9 of allegato
// C) in the ledger. costing.Result is getting a method OneriCorrenti that
// computes the same; this helper is then to be replaced by it.
func oneriCorrenti(res *costing.Result) decimal.Decimal {
	var t decimal.Decimal
	for _, x := range res.Totals {
		if info, _ := x.Voce.Info(); info.Section == model.OneriCorrenti {
			t = t.Add(x.Ledger)
		}
	}
	return t
}

// ImpreseAttive is contesto imprese_attive, the denominator of the
// indicators per impresa, or, when it is missing or zero, why it cannot
// be one.
func ImpreseAttive(c model.Context) (decimal.Decimal, string) {
	switch n := c.ImpreseAttive; {
	case !n.Given:
		return decimal.Zero, "manca imprese_attive nella tabella contesto"
	case n.Value.Sign() <= 0:
		return decimal.Zero, fmt.Sprintf("imprese_attive nella tabella contesto vale %s", n.Value)
	default:
		return n.Value, ""
	}
}

// ratio builds an indicator num / den × scale, or explains why it cannot:
// a zero denominator is reported with zeroReason.
func ratio(ind Indicator, num, den, scale decimal.Decimal, zeroReason string) Indicator {
	if den.IsZero() {
		ind.Available, ind.Reason = false, zeroReason
		return ind
	}
	ind.Available = true
	ind.Value = num.Mul(scale).DivRound(den, ind.Unit.places())
	return ind
}

var one, thousand = decimal.NewFromInt(1), decimal.NewFromInt(1000)

// unavailable marks an indicator that cannot be computed.
func unavailable(ind Indicator, reason string) Indicator {
	ind.Available, ind.Reason = false, reason
	return ind
}

// Indicators computes the indicators of one body (docs/uscite.md, Indicatori)
// from its result: first those of the whole body, then those of each
// processo (regular funzione) in map order, then the unit cost of each
// volumi measure in map order. It is pure, so a comparison of bodies can
// compute the same list for every body and compare them key by key.
//
// Definitions (ratios are fractions, shown as percentages):
//   - costo pieno per processo = costo diretto + quota coordinamento e
//     formazione + quota supporto − ceduto ad altri;
//   - FTE per processo = Σ fte × mesi/12 × quota di tempo registrata sotto
//     la funzione;
//   - incidenza dei costi di supporto = quota supporto ricevuta (fase 3) ÷
//     costo pieno; for the body, over the processes that are not support
//     processes (support processes give all their cost away);
//   - costo medio per FTE = oneri correnti ÷ FTE totali (body), costo
//     pieno ÷ FTE (processo);
//   - oneri correnti, costi del personale (voce 6) and costo pieno di
//     processo ÷ imprese attive (contesto imprese_attive);
//   - FTE per 1.000 imprese = FTE totali ÷ imprese attive × 1.000;
//   - costo unitario = costo pieno of the volume's node ÷ quantità (for a
//     node of a support process or a coordinamento/formazione node, whose
//     costo pieno is zero, its cost before ribaltamento: costo diretto +
//     quote ricevute);
//   - grado di copertura = proventi correnti attributed in stage 1 ÷ costo
//     pieno, for the processes that received proventi; for the body,
//     proventi correnti ÷ oneri correnti.
func Indicators(res *costing.Result) []Indicator {
	b := newBody(res)
	out := b.bodyIndicators()
	for i, n := range res.Map.Nodes() {
		if IsProcess(n) {
			out = append(out, b.processIndicators(i)...)
		}
	}
	return append(out, b.volumeIndicators()...)
}

func (b *body) bodyScope() Scope {
	name := "Totale ente"
	if e := b.res.Inputs.Context.Ente; e != "" {
		name = e
	}
	return Scope{Name: name}
}

func (b *body) inOneri() Input {
	return Input{"Totale oneri correnti", b.oneri, UnitEuro, srcOneri}
}

func (b *body) inFTE() Input {
	return Input{"FTE totali", b.fte, UnitFTE, srcTotalFTE}
}

// perImpresa divides num by imprese attive (times scale), adding them to
// the inputs, or marks the indicator as not computable when the count is
// missing.
func (b *body) perImpresa(ind Indicator, num decimal.Decimal, scale decimal.Decimal) Indicator {
	if b.impreseErr != "" {
		return unavailable(ind, b.impreseErr)
	}
	ind.Inputs = append(ind.Inputs, Input{"Imprese attive", b.imprese, UnitCount, srcImprese})
	return ratio(ind, num, b.imprese, scale, "imprese_attive vale zero")
}

func (b *body) bodyIndicators() []Indicator {
	sc := b.bodyScope()
	var out []Indicator

	ind := Indicator{Key: KeyCostoMedioFTE, Name: "Costo medio per FTE", Scope: sc, Unit: UnitEuroPerFTE,
		Formula: "totale oneri correnti (B) ÷ FTE totali",
		Inputs:  []Input{b.inOneri(), b.inFTE()}}
	out = append(out, ratio(ind, b.oneri, b.fte, one, "FTE totali pari a zero"))

	ind = Indicator{Key: KeyIncidenzaSupporto, Name: "Incidenza dei costi di supporto", Scope: sc, Unit: UnitRatio,
		Formula: "quota supporto ricevuta dai processi primari (fase 3) ÷ costo pieno totale; " +
			"misura quanta parte del costo pieno dei processi primari viene dai processi di supporto (macro funzioni A e B)",
		Inputs: []Input{
			{"Quota supporto ricevuta dai processi primari", b.supportReceived, UnitEuro, srcSupporto},
			{"Costo pieno totale", b.fullTotal, UnitEuro, srcCostoPieno},
		}}
	out = append(out, ratio(ind, b.supportReceived, b.fullTotal, one, "costo pieno totale pari a zero"))

	ind = Indicator{Key: KeyOneriPerImpresa, Name: "Oneri correnti per impresa attiva", Scope: sc, Unit: UnitEuroPerImpresa,
		Formula: "totale oneri correnti (B) ÷ imprese attive",
		Inputs:  []Input{b.inOneri()}}
	out = append(out, b.perImpresa(ind, b.oneri, one))

	ind = Indicator{Key: KeyPersonalePerImpresa, Name: "Costi del personale per impresa attiva", Scope: sc, Unit: UnitEuroPerImpresa,
		Formula: "costi del personale (voce 6) ÷ imprese attive",
		Inputs:  []Input{{"Costi del personale", b.personale, UnitEuro, srcPersonale}}}
	out = append(out, b.perImpresa(ind, b.personale, one))

	ind = Indicator{Key: KeyFTEPer1000Imprese, Name: "FTE per 1.000 imprese attive", Scope: sc, Unit: UnitFTEPer1000,
		Formula: "FTE totali ÷ imprese attive × 1.000",
		Inputs:  []Input{b.inFTE()}}
	out = append(out, b.perImpresa(ind, b.fte, thousand))

	ind = Indicator{Key: KeyGradoCopertura, Name: "Grado di copertura", Scope: sc, Unit: UnitRatio,
		Formula: "totale proventi correnti (A) ÷ totale oneri correnti (B)",
		Inputs:  []Input{{"Totale proventi correnti", b.proventi, UnitEuro, srcProventi}, b.inOneri()}}
	out = append(out, ratio(ind, b.proventi, b.oneri, one, "oneri correnti pari a zero"))
	return out
}

// supportReason explains why a cost ratio of a support process is not
// shown.
const supportReason = "processo di supporto: il suo costo è ribaltato sui processi primari, il costo pieno è zero"

// Proventi sums the proventi correnti (voci 1-5) stage 1 put on a node.
func Proventi(f costing.Figures) decimal.Decimal {
	var t decimal.Decimal
	for v, vi := range model.Voci() {
		if vi.Section == model.ProventiCorrenti {
			t = t.Add(f.Stage1[v])
		}
	}
	return t
}

func (b *body) processIndicators(i int) []Indicator {
	n := b.res.Map.At(i)
	f := b.res.Nodes[i]
	sc := Scope{Code: n.Code, Name: n.Name, Level: n.Level}
	full := costing.Total(f.Full)
	support := b.support[b.res.Map.Macro(i)]
	inFull := Input{"Costo pieno", full, UnitEuro, srcCostoPieno}
	inFTE := Input{"FTE del processo", f.FTE, UnitFTE, srcFTE}
	var out []Indicator

	out = append(out, Indicator{Key: KeyCostoPieno, Name: "Costo pieno", Scope: sc, Unit: UnitEuro, Available: true, Value: full,
		Formula: "costo diretto + quota coordinamento e formazione + quota supporto − ceduto ad altri",
		Inputs: []Input{
			{"Costo diretto", costing.Total(f.Direct), UnitEuro, "costi dei processi: costo diretto (fase 1)"},
			{"Quota coordinamento e formazione", costing.Total(f.FromCoordination), UnitEuro, "costi dei processi: fase 2"},
			{"Quota supporto", costing.Total(f.FromSupport), UnitEuro, srcSupporto},
			{"Ceduto ad altri", costing.Total(f.ToOthers), UnitEuro, "costi dei processi: fasi 2 e 3"},
		}})

	out = append(out, Indicator{Key: KeyFTE, Name: "FTE", Scope: sc, Unit: UnitFTE, Available: true, Value: f.FTE,
		Formula: "somma di fte × mesi / 12 × quota di tempo registrata sulla funzione, sui suoi servizi e sulle sue attività",
		Inputs:  []Input{inFTE}})

	ind := Indicator{Key: KeyIncidenzaSupporto, Name: "Incidenza dei costi di supporto", Scope: sc, Unit: UnitRatio,
		Formula: "quota supporto ricevuta (fase 3) ÷ costo pieno",
		Inputs:  []Input{{"Quota supporto", costing.Total(f.FromSupport), UnitEuro, srcSupporto}, inFull}}
	if support {
		out = append(out, unavailable(ind, supportReason))
	} else {
		out = append(out, ratio(ind, costing.Total(f.FromSupport), full, one, "costo pieno pari a zero"))
	}

	ind = Indicator{Key: KeyCostoMedioFTE, Name: "Costo medio per FTE", Scope: sc, Unit: UnitEuroPerFTE,
		Formula: "costo pieno ÷ FTE del processo",
		Inputs:  []Input{inFull, inFTE}}
	if support {
		out = append(out, unavailable(ind, supportReason))
	} else {
		out = append(out, ratio(ind, full, f.FTE, one, "nessun FTE registrato sul processo"))
	}

	ind = Indicator{Key: KeyCostoPienoPerImpresa, Name: "Costo pieno per impresa attiva", Scope: sc, Unit: UnitEuroPerImpresa,
		Formula: "costo pieno del processo ÷ imprese attive",
		Inputs:  []Input{inFull}}
	if support {
		out = append(out, unavailable(ind, supportReason))
	} else {
		out = append(out, b.perImpresa(ind, full, one))
	}

	if prov := Proventi(f); !prov.IsZero() {
		ind = Indicator{Key: KeyGradoCopertura, Name: "Grado di copertura", Scope: sc, Unit: UnitRatio,
			Formula: "proventi correnti attribuiti al processo in fase 1 ÷ costo pieno",
			Inputs:  []Input{{"Proventi correnti attribuiti", prov, UnitEuro, srcProventiFn}, inFull}}
		if support {
			out = append(out, unavailable(ind, supportReason))
		} else {
			out = append(out, ratio(ind, prov, full, one, "costo pieno pari a zero"))
		}
	}
	return out
}

// volumeKey identifies a measure of a node; rows of volumi with the same
// node and measure add up.
type volumeKey struct {
	code   model.Code
	misura string
}

func (b *body) volumeIndicators() []Indicator {
	m := b.res.Map
	qty := make(map[volumeKey]decimal.Decimal)
	var keys []volumeKey
	where := make(map[volumeKey][]string)
	for _, v := range b.res.Inputs.Volumes {
		k := volumeKey{v.Code, v.Misura}
		if _, seen := qty[k]; !seen {
			keys = append(keys, k)
		}
		qty[k] = qty[k].Add(v.Qty)
		if s := v.Pos.String(); s != "" {
			where[k] = append(where[k], s)
		}
	}
	slices.SortStableFunc(keys, func(a, b volumeKey) int {
		if c := model.CompareCodes(a.code, b.code); c != 0 {
			return c
		}
		return strings.Compare(a.misura, b.misura)
	})
	var out []Indicator
	for _, k := range keys {
		src := "tabella volumi"
		if len(where[k]) > 0 {
			src += " (" + strings.Join(where[k], "; ") + ")"
		}
		inQty := Input{"Quantità: " + k.misura, qty[k], UnitCount, src}
		ind := Indicator{Key: KeyCostoUnitario, Name: "Costo unitario: " + k.misura, Misura: k.misura, Unit: UnitEuroPerUnit}
		i, ok := m.Index(k.code)
		if !ok {
			ind.Scope = Scope{Code: k.code}
			ind.Inputs = []Input{inQty}
			out = append(out, unavailable(ind, fmt.Sprintf("il codice %s non è nella mappa dei processi", k.code)))
			continue
		}
		n := m.At(i)
		f := b.res.Nodes[i]
		ind.Scope = Scope{Code: n.Code, Name: n.Name, Level: n.Level}
		what := strings.ToLower(n.Level.Label())
		var cost Input
		if b.givesAway(i) {
			before := costing.Total(f.Direct).Add(costing.Total(f.FromCoordination)).Add(costing.Total(f.FromSupport))
			cost = Input{"Costo prima del ribaltamento", before, UnitEuro, srcBeforeMoves}
			ind.Formula = fmt.Sprintf("(costo diretto + quote ricevute) del nodo %s, livello %s, ÷ quantità (%s); "+
				"il nodo ribalta il suo costo su altri processi, per cui il suo costo pieno è zero", n.Code, what, k.misura)
		} else {
			cost = Input{"Costo pieno", costing.Total(f.Full), UnitEuro, srcCostoPieno}
			ind.Formula = fmt.Sprintf("costo pieno del nodo %s, livello %s, ÷ quantità (%s)", n.Code, what, k.misura)
		}
		ind.Inputs = []Input{cost, inQty}
		out = append(out, ratio(ind, cost.Value, qty[k], one, "quantità pari a zero nella tabella volumi"))
	}
	return out
}

// givesAway reports whether node i passes its cost on to other nodes in
// stages 2 and 3: it lies under a support macro funzione or is (or lies
// under) a coordinamento or formazione node.
func (b *body) givesAway(i int) bool {
	m := b.res.Map
	if b.support[m.Macro(i)] {
		return true
	}
	for j := i; j >= 0; j = m.ParentIndex(j) {
		if k := m.At(j).Kind; k == model.KindCoordinamento || k == model.KindFormazione {
			return true
		}
	}
	return false
}

// SupportMacros marks the macro funzioni whose regular servizi are support
// servizi in stage 3 (A and B, as res.Roles records them), by node index.
func SupportMacros(res *costing.Result) map[int]bool {
	out := make(map[int]bool)
	for i, r := range res.Roles {
		if r == costing.Support {
			out[res.Map.Macro(i)] = true
		}
	}
	return out
}

// IsProcess reports whether n is a processo: a regular funzione.
func IsProcess(n model.Node) bool {
	return n.Level == model.LevelFunzione && n.Kind == model.KindRegular
}
