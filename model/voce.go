package model

// Voce is a line of the conto economico (DPR 254/2005, allegato C), the key a
// ledger line is booked under.
type Voce string

// The voce keys a ledger line may carry.
const (
	// Proventi correnti.
	DirittoAnnuale          Voce = "diritto_annuale"
	DirittiSegreteria       Voce = "diritti_segreteria"
	ContributiTrasferimenti Voce = "contributi_trasferimenti"
	ProventiGestioneServizi Voce = "proventi_gestione_servizi"
	VariazioneRimanenze     Voce = "variazione_rimanenze"
	// Oneri correnti: the costs of processes.
	Personale                 Voce = "personale"
	Funzionamento             Voce = "funzionamento"
	InterventiEconomici       Voce = "interventi_economici"
	AmmortamentiAccantonament Voce = "ammortamenti_accantonamenti"
	// Gestione finanziaria.
	ProventiFinanziari Voce = "proventi_finanziari"
	OneriFinanziari    Voce = "oneri_finanziari"
	// Gestione straordinaria.
	ProventiStraordinari Voce = "proventi_straordinari"
	OneriStraordinari    Voce = "oneri_straordinari"
	// Rettifiche di valore attività finanziaria.
	Rivalutazioni Voce = "rivalutazioni"
	Svalutazioni  Voce = "svalutazioni"
)

// Section is a part of the conto economico.
type Section uint8

// The sections of allegato C, in its order.
const (
	ProventiCorrenti Section = iota
	OneriCorrenti
	GestioneFinanziaria
	GestioneStraordinaria
	RettificheValore
)

// Label is the section's heading in allegato C.
func (s Section) Label() string {
	switch s {
	case ProventiCorrenti:
		return "Proventi correnti"
	case OneriCorrenti:
		return "Oneri correnti"
	case GestioneFinanziaria:
		return "Gestione finanziaria"
	case GestioneStraordinaria:
		return "Gestione straordinaria"
	case RettificheValore:
		return "Rettifiche di valore attività finanziaria"
	}
	return "?"
}

// VoceInfo describes a voce: its section, its label in allegato C and whether
// it counts positively (a provento) or negatively (an onere) in the results.
type VoceInfo struct {
	Key     Voce
	Section Section
	Label   string
	Revenue bool
}

// voci lists every voce in the order of allegato C.
var voci = [...]VoceInfo{
	{DirittoAnnuale, ProventiCorrenti, "Diritto annuale", true},
	{DirittiSegreteria, ProventiCorrenti, "Diritti di segreteria", true},
	{ContributiTrasferimenti, ProventiCorrenti, "Contributi trasferimenti e altre entrate", true},
	{ProventiGestioneServizi, ProventiCorrenti, "Proventi da gestione di beni e servizi", true},
	{VariazioneRimanenze, ProventiCorrenti, "Variazione delle rimanenze", true},
	{Personale, OneriCorrenti, "Personale", false},
	{Funzionamento, OneriCorrenti, "Funzionamento", false},
	{InterventiEconomici, OneriCorrenti, "Interventi economici", false},
	{AmmortamentiAccantonament, OneriCorrenti, "Ammortamenti e accantonamenti", false},
	{ProventiFinanziari, GestioneFinanziaria, "Proventi finanziari", true},
	{OneriFinanziari, GestioneFinanziaria, "Oneri finanziari", false},
	{ProventiStraordinari, GestioneStraordinaria, "Proventi straordinari", true},
	{OneriStraordinari, GestioneStraordinaria, "Oneri straordinari", false},
	{Rivalutazioni, RettificheValore, "Rivalutazioni attivo patrimoniale", true},
	{Svalutazioni, RettificheValore, "Svalutazioni attivo patrimoniale", false},
}

// costVoci are the oneri correnti in the order of allegato C.
var costVoci = [...]Voce{Personale, Funzionamento, InterventiEconomici, AmmortamentiAccantonament}

// NumVoci and NumCostVoci size arrays indexed by VoceIndex and CostIndex:
// the lengths of the lists, which the compiler counts.
const (
	NumVoci     = len(voci)
	NumCostVoci = len(costVoci)
)

// Voci returns every voce in the order of allegato C, the order of voce
// columns and rows in every output. It returns a copy: no caller can change
// the list.
func Voci() [NumVoci]VoceInfo { return voci }

// CostVoci returns the oneri correnti, the costs that flow down to
// attività, in the order of allegato C; their positions are the CostIndex
// of each. It returns a copy.
func CostVoci() [NumCostVoci]Voce { return costVoci }

// VoceIndex returns the position of v in Voci.
func VoceIndex(v Voce) (int, bool) {
	for i, vi := range voci {
		if vi.Key == v {
			return i, true
		}
	}
	return -1, false
}

// CostIndex returns the position of v in CostVoci, or -1 if v is not an onere
// corrente.
func CostIndex(v Voce) int {
	for i, c := range costVoci {
		if c == v {
			return i
		}
	}
	return -1
}

// Info returns the description of v.
func (v Voce) Info() (VoceInfo, bool) {
	i, ok := VoceIndex(v)
	if !ok {
		return VoceInfo{}, false
	}
	return voci[i], true
}

// IsCost reports whether v is an onere corrente.
func (v Voce) IsCost() bool { return CostIndex(v) >= 0 }
