package generate

import "camcost/model"

// The catalogs below give the generated data its Italian look. They name
// codes of the official process map; a code missing from the map a caller
// passes is skipped, so the generator works with any map.

// unitDef is an organisational unit (ufficio) and the parts of the map its
// staff work on. A regular servizio belongs to the unit listing its deepest
// ancestor (or itself). staff is the unit's headcount in a typical chamber
// of about 150 people; it weighs the unit when staff are handed out.
type unitDef struct {
	name  string
	codes []model.Code
	staff int64
}

// segreteriaGenerale is the unit of the segretario generale.
const segreteriaGenerale = "Segreteria generale"

var unitCatalog = []unitDef{
	{segreteriaGenerale, []model.Code{"A", "A1.2", "A1.3", "A2.1", "A2.2", "Z"}, 8},
	{"Controllo di gestione", []model.Code{"A1.1"}, 3},
	{"Sistemi informativi", []model.Code{"A1.3.3"}, 3},
	{"Protocollo e archivio", []model.Code{"A2.3"}, 6},
	{"Statistica", []model.Code{"A2.4", "D6.3"}, 3},
	{"Comunicazione e URP", []model.Code{"A3"}, 5},
	{"Ufficio Personale", []model.Code{"B1", "A1.3.2"}, 6},
	{"Provveditorato", []model.Code{"B", "B2", "F1"}, 9},
	{"Diritto annuale", []model.Code{"B3.1"}, 8},
	{"Ufficio Ragioneria", []model.Code{"B3"}, 6},
	{"Ufficio Registro imprese", []model.Code{"C1"}, 30},
	{"Sanzioni", []model.Code{"C2.4", "C1.1.8"}, 5},
	{"Regolazione del mercato", []model.Code{"C", "C2"}, 6},
	{"Metrologia legale", []model.Code{"C2.5"}, 6},
	{"Protesti", []model.Code{"C2.6"}, 3},
	{"Conciliazione e arbitrato", []model.Code{"C2.7"}, 3},
	{"Brevetti e marchi", []model.Code{"C2.10"}, 3},
	{"Internazionalizzazione", []model.Code{"D1"}, 7},
	{"Punto impresa digitale", []model.Code{"D2"}, 5},
	{"Promozione", []model.Code{"D", "D3", "D6", "F", "F2"}, 8},
	{"Orientamento al lavoro", []model.Code{"D4"}, 3},
	{"Ambiente", []model.Code{"D5"}, 4},
}

// account is a line of the piano dei conti. Its amount is weight/1000 of its
// voce's total (weights of a voce need not sum to 1000: they are
// normalised). dest lists candidate destinations, the first that exists and
// can carry cost wins; driver is used when it exists, before dest.
type account struct {
	conto       string
	descrizione string
	voce        model.Voce
	weight      int64
	driver      string
	dest        []string
	negative    bool // a correction line: the amount is booked negative
}

var accounts = []account{
	// Proventi correnti.
	{conto: "310000", descrizione: "Diritto annuale", voce: model.DirittoAnnuale, weight: 860},
	{conto: "310003", descrizione: "Sanzioni diritto annuale", voce: model.DirittoAnnuale, weight: 95, dest: []string{"B3.1"}},
	{conto: "310006", descrizione: "Interessi moratori diritto annuale", voce: model.DirittoAnnuale, weight: 45, dest: []string{"B3.1.1"}},
	{conto: "310009", descrizione: "Restituzione diritto annuale non dovuto", voce: model.DirittoAnnuale, weight: 2, dest: []string{"B3.1.1"}, negative: true},
	{conto: "311000", descrizione: "Diritti di segreteria Registro imprese", voce: model.DirittiSegreteria, weight: 700, driver: "pratiche", dest: []string{"C1.1"}},
	{conto: "311003", descrizione: "Diritti di segreteria certificazioni per l'estero", voce: model.DirittiSegreteria, weight: 80, dest: []string{"D1.2"}},
	{conto: "311006", descrizione: "Diritti di segreteria metrologia legale", voce: model.DirittiSegreteria, weight: 40, dest: []string{"C2.5"}},
	{conto: "311009", descrizione: "Diritti di segreteria protesti", voce: model.DirittiSegreteria, weight: 30, dest: []string{"C2.6"}},
	{conto: "311012", descrizione: "Diritti di segreteria brevetti e marchi", voce: model.DirittiSegreteria, weight: 40, dest: []string{"C2.10"}},
	{conto: "311015", descrizione: "Diritti di segreteria ambiente (MUD e albo gestori)", voce: model.DirittiSegreteria, weight: 30, dest: []string{"D5"}},
	{conto: "311018", descrizione: "Sanzioni amministrative", voce: model.DirittiSegreteria, weight: 80, dest: []string{"C2.4"}},
	{conto: "312000", descrizione: "Contributi fondo perequativo per progetti", voce: model.ContributiTrasferimenti, weight: 350, dest: []string{"D2"}},
	{conto: "312003", descrizione: "Contributi regionali per attività delegate", voce: model.ContributiTrasferimenti, weight: 250, dest: []string{"D"}},
	{conto: "312006", descrizione: "Rimborsi e recuperi diversi", voce: model.ContributiTrasferimenti, weight: 250},
	{conto: "312009", descrizione: "Contributi Unioncamere per progetti di orientamento", voce: model.ContributiTrasferimenti, weight: 150, dest: []string{"D4"}},
	{conto: "313000", descrizione: "Ricavi per servizi di mediazione e arbitrato", voce: model.ProventiGestioneServizi, weight: 300, dest: []string{"C2.7"}},
	{conto: "313003", descrizione: "Proventi da verifiche metriche", voce: model.ProventiGestioneServizi, weight: 250, dest: []string{"C2.5.1", "C2.5"}},
	{conto: "313006", descrizione: "Ricavi per concessione di sale e spazi", voce: model.ProventiGestioneServizi, weight: 150, dest: []string{"F1.1"}},
	{conto: "313009", descrizione: "Ricavi vendita carnet ATA", voce: model.ProventiGestioneServizi, weight: 200, dest: []string{"D1.2.1", "D1.2"}},
	{conto: "313012", descrizione: "Altri ricavi da attività commerciale", voce: model.ProventiGestioneServizi, weight: 100, dest: []string{"F2"}},
	{conto: "314000", descrizione: "Variazione rimanenze carnet e modulistica", voce: model.VariazioneRimanenze, weight: 1000, dest: []string{"D1.2"}},

	// Oneri correnti (personale comes from the payroll, see payItems).
	{conto: "325000", descrizione: "Oneri telefonici", voce: model.Funzionamento, weight: 18},
	{conto: "325003", descrizione: "Oneri per consumo acqua e riscaldamento", voce: model.Funzionamento, weight: 30, driver: "mq"},
	{conto: "325013", descrizione: "Utenze energia elettrica", voce: model.Funzionamento, weight: 60, driver: "mq"},
	{conto: "325020", descrizione: "Oneri per manutenzione ordinaria", voce: model.Funzionamento, weight: 50, driver: "mq"},
	{conto: "325023", descrizione: "Oneri per manutenzione laboratorio metrologico", voce: model.Funzionamento, weight: 6, dest: []string{"unita:Metrologia legale", "C2.5"}},
	{conto: "325030", descrizione: "Oneri per assicurazioni", voce: model.Funzionamento, weight: 12},
	{conto: "325040", descrizione: "Oneri consulenti ed esperti", voce: model.Funzionamento, weight: 20, dest: []string{"A2.1.3", "A2.1"}},
	{conto: "325043", descrizione: "Oneri postali e di recapito", voce: model.Funzionamento, weight: 15, dest: []string{"unita:Protocollo e archivio", "A2.3"}},
	{conto: "325050", descrizione: "Spese automazione servizi (InfoCamere)", voce: model.Funzionamento, weight: 170, driver: "fte"},
	{conto: "325051", descrizione: "Oneri per la riscossione di entrate", voce: model.Funzionamento, weight: 30, dest: []string{"B3.1"}},
	{conto: "325053", descrizione: "Servizi di supporto alla lavorazione pratiche", voce: model.Funzionamento, weight: 30, driver: "pratiche", dest: []string{"C1.1"}},
	{conto: "325056", descrizione: "Oneri per mezzi di trasporto", voce: model.Funzionamento, weight: 4, dest: []string{"unita:Provveditorato"}},
	{conto: "325059", descrizione: "Oneri per pubblicità e comunicazione istituzionale", voce: model.Funzionamento, weight: 12, dest: []string{"A3"}},
	{conto: "325066", descrizione: "Oneri per facchinaggio", voce: model.Funzionamento, weight: 5, driver: "mq"},
	{conto: "325068", descrizione: "Oneri vari di funzionamento", voce: model.Funzionamento, weight: 20},
	{conto: "325070", descrizione: "Oneri per pulizia locali", voce: model.Funzionamento, weight: 40, driver: "mq"},
	{conto: "325071", descrizione: "Oneri per servizi di vigilanza", voce: model.Funzionamento, weight: 20, driver: "mq"},
	{conto: "325072", descrizione: "Buoni pasto", voce: model.Funzionamento, weight: 25, driver: "fte"},
	{conto: "325074", descrizione: "Formazione del personale", voce: model.Funzionamento, weight: 6, driver: "personale"},
	{conto: "326000", descrizione: "Oneri per godimento di beni di terzi", voce: model.Funzionamento, weight: 20, driver: "mq"},
	{conto: "327000", descrizione: "Quote associative", voce: model.Funzionamento, weight: 120},
	{conto: "327003", descrizione: "Contributo consortile InfoCamere", voce: model.Funzionamento, weight: 20},
	{conto: "327006", descrizione: "Contributo al fondo perequativo", voce: model.Funzionamento, weight: 80},
	{conto: "327009", descrizione: "Versamenti al bilancio dello Stato (contenimento della spesa)", voce: model.Funzionamento, weight: 60},
	{conto: "328000", descrizione: "Imposte e tasse (IMU, TARI)", voce: model.Funzionamento, weight: 30, driver: "mq"},
	{conto: "329000", descrizione: "Compensi organi istituzionali", voce: model.Funzionamento, weight: 25, dest: []string{"A2.1.1", "A2.1"}},
	{conto: "329003", descrizione: "Compensi collegio dei revisori", voce: model.Funzionamento, weight: 8, dest: []string{"A1.1.2", "A1.1"}},
	{conto: "329006", descrizione: "Compensi OIV", voce: model.Funzionamento, weight: 3, dest: []string{"A1.1.4", "A1.1"}},
	{conto: "330000", descrizione: "Iniziative di promozione economica", voce: model.InterventiEconomici, weight: 250, dest: []string{"D6"}},
	{conto: "330003", descrizione: "Progetto Punto impresa digitale (maggiorazione 20%)", voce: model.InterventiEconomici, weight: 180, dest: []string{"D2.1", "D2"}},
	{conto: "330006", descrizione: "Progetto Turismo (maggiorazione 20%)", voce: model.InterventiEconomici, weight: 100, dest: []string{"D3"}},
	{conto: "330009", descrizione: "Progetto Formazione lavoro (maggiorazione 20%)", voce: model.InterventiEconomici, weight: 100, dest: []string{"D4"}},
	{conto: "330012", descrizione: "Progetto Preparazione ai mercati internazionali (maggiorazione 20%)", voce: model.InterventiEconomici, weight: 120, dest: []string{"unita:Internazionalizzazione", "D1"}},
	{conto: "330015", descrizione: "Contributi alle imprese (bandi)", voce: model.InterventiEconomici, weight: 150, dest: []string{"D6.1"}},
	{conto: "330018", descrizione: "Contributi all'azienda speciale", voce: model.InterventiEconomici, weight: 70, dest: []string{"unita:Promozione"}},
	{conto: "330021", descrizione: "Iniziative per l'ambiente e lo sviluppo sostenibile", voce: model.InterventiEconomici, weight: 30, dest: []string{"D5.1"}},
	{conto: "340000", descrizione: "Ammortamenti immobilizzazioni immateriali", voce: model.AmmortamentiAccantonament, weight: 30},
	{conto: "341000", descrizione: "Ammortamenti immobilizzazioni materiali", voce: model.AmmortamentiAccantonament, weight: 90, driver: "mq"},
	{conto: "342000", descrizione: "Accantonamento al fondo svalutazione crediti", voce: model.AmmortamentiAccantonament, weight: 800, dest: []string{"B3.1"}},
	{conto: "343000", descrizione: "Accantonamento al fondo rischi e oneri", voce: model.AmmortamentiAccantonament, weight: 80},

	// Gestione finanziaria, straordinaria, rettifiche.
	{conto: "350000", descrizione: "Interessi attivi su conto di tesoreria", voce: model.ProventiFinanziari, weight: 400},
	{conto: "350003", descrizione: "Proventi da partecipazioni", voce: model.ProventiFinanziari, weight: 450, dest: []string{"A2.1.2", "A2.1"}},
	{conto: "350006", descrizione: "Interessi su prestiti al personale", voce: model.ProventiFinanziari, weight: 150},
	{conto: "351000", descrizione: "Interessi passivi su mutui", voce: model.OneriFinanziari, weight: 800, driver: "mq"},
	{conto: "351003", descrizione: "Altri oneri finanziari", voce: model.OneriFinanziari, weight: 200},
	{conto: "360000", descrizione: "Sopravvenienze attive", voce: model.ProventiStraordinari, weight: 350},
	{conto: "360003", descrizione: "Sopravvenienze attive diritto annuale anni precedenti", voce: model.ProventiStraordinari, weight: 550, dest: []string{"B3.1"}},
	{conto: "360006", descrizione: "Plusvalenze da alienazioni", voce: model.ProventiStraordinari, weight: 100},
	{conto: "361000", descrizione: "Sopravvenienze passive", voce: model.OneriStraordinari, weight: 850},
	{conto: "361003", descrizione: "Minusvalenze da alienazioni", voce: model.OneriStraordinari, weight: 150},
	{conto: "370000", descrizione: "Rivalutazioni di partecipazioni", voce: model.Rivalutazioni, weight: 1000, dest: []string{"A2.1.2", "A2.1"}},
	{conto: "371000", descrizione: "Svalutazioni di partecipazioni", voce: model.Svalutazioni, weight: 1000, dest: []string{"A2.1.2", "A2.1"}},
}

// payItem is a payroll item (voce of retribuzioni) and the ledger account
// that collects it.
type payItem struct {
	voce        string
	conto       string
	descrizione string
}

// The pay items, in the order they are written for each person.
const (
	payTabellare = iota
	payAccessorio
	payPO
	payPosizione
	payRisultato
	payOneri
	payTFR
	payIRAP
	numPayItems
)

var payItems = [numPayItems]payItem{
	payTabellare:  {"Stipendio tabellare", "321000", "Competenze al personale - retribuzione ordinaria"},
	payAccessorio: {"Trattamento accessorio", "321003", "Competenze al personale - trattamento accessorio"},
	payPO:         {"Posizione organizzativa", "321006", "Competenze al personale - posizioni organizzative"},
	payPosizione:  {"Retribuzione di posizione", "321009", "Competenze al personale - retribuzione di posizione dirigenti"},
	payRisultato:  {"Retribuzione di risultato", "321012", "Competenze al personale - retribuzione di risultato dirigenti"},
	payOneri:      {"Oneri sociali", "322000", "Oneri sociali"},
	payTFR:        {"Accantonamento TFR", "323000", "Accantonamento TFR"},
	payIRAP:       {"IRAP", "324000", "IRAP su retribuzioni"},
}

// measure is an output volume: quantity = base × per-mille in [lo, hi].
type measure struct {
	code   model.Code
	misura string
	base   measureBase
	lo, hi int64
}

type measureBase uint8

const (
	perImpresa measureBase = iota // per 1000 imprese registrate
	perPerson                     // per person of the staff
	perYear                       // an absolute count
)

var measures = []measure{
	{"A2.1.1", "riunioni degli organi", perYear, 30, 55},
	{"A2.3.1", "documenti protocollati", perPerson, 250_000, 400_000},
	{"B1.1.3", "cedolini elaborati", perPerson, 13_000, 13_000},
	{"B3.1.1", "posizioni di diritto annuale gestite", perImpresa, 860, 900},
	{"C1.1.1", "pratiche Registro imprese evase", perImpresa, 550, 750},
	{"C1.1.2", "procedure abilitative istruite", perImpresa, 8, 15},
	{"C1.1.4", "visure e certificati rilasciati", perImpresa, 250, 400},
	{"C1.1.7", "pratiche d'ufficio", perImpresa, 10, 25},
	{"C1.1.8", "verbali di accertamento", perImpresa, 15, 30},
	{"C2.4.1", "ordinanze-ingiunzione emesse", perImpresa, 5, 12},
	{"C2.5.1", "verifiche metrologiche", perImpresa, 20, 40},
	{"C2.6.1", "istanze di cancellazione protesti", perImpresa, 3, 8},
	{"C2.7.2", "mediazioni gestite", perImpresa, 2, 6},
	{"C2.10.1", "domande di deposito marchi e brevetti", perImpresa, 6, 15},
	{"D1.2.1", "certificati d'origine", perImpresa, 150, 300},
	{"D2.1.1", "imprese assistite dal PID", perImpresa, 5, 15},
	{"D2.2.1", "dispositivi di firma digitale e CNS rilasciati", perImpresa, 60, 120},
	{"D4.1.1", "studenti coinvolti in iniziative di orientamento", perImpresa, 20, 50},
}

// pratiche is the driver of registro imprese work, on these servizi, per
// 1000 imprese registrate.
var pratiche = []struct {
	code   model.Code
	lo, hi int64
}{
	{"C1.1.1", 550, 750},
	{"C1.1.2", 8, 15},
	{"C1.1.3", 3, 8},
	{"C1.1.7", 10, 25},
	{"C1.2.1", 20, 40},
}

// mqServizi are rooms used by one servizio (square metres, range).
var mqServizi = []struct {
	code   model.Code
	lo, hi int64
}{
	{"A2.3.2", 200, 500}, // archivio
	{"C2.5.1", 80, 160},  // laboratorio metrologico
	{"C2.8.1", 150, 300}, // sala contrattazioni
	{"F1.1.2", 300, 600}, // sale per eventi
	{"F1.1.3", 120, 250}, // biblioteca
	{"F2.1.2", 100, 200}, // laboratorio
}

// city is a seat of a Camera di Commercio.
type city struct{ name, slug, regione string }

var cities = []city{
	{"Alessandria", "alessandria", "Piemonte"},
	{"Ancona", "ancona", "Marche"},
	{"Arezzo", "arezzo", "Toscana"},
	{"Bari", "bari", "Puglia"},
	{"Bergamo", "bergamo", "Lombardia"},
	{"Bologna", "bologna", "Emilia-Romagna"},
	{"Bolzano", "bolzano", "Trentino-Alto Adige"},
	{"Brescia", "brescia", "Lombardia"},
	{"Cagliari", "cagliari", "Sardegna"},
	{"Caserta", "caserta", "Campania"},
	{"Catania", "catania", "Sicilia"},
	{"Catanzaro", "catanzaro", "Calabria"},
	{"Chieti", "chieti", "Abruzzo"},
	{"Como", "como", "Lombardia"},
	{"Cosenza", "cosenza", "Calabria"},
	{"Cremona", "cremona", "Lombardia"},
	{"Cuneo", "cuneo", "Piemonte"},
	{"Ferrara", "ferrara", "Emilia-Romagna"},
	{"Firenze", "firenze", "Toscana"},
	{"Foggia", "foggia", "Puglia"},
	{"Forlì", "forli", "Emilia-Romagna"},
	{"Frosinone", "frosinone", "Lazio"},
	{"Genova", "genova", "Liguria"},
	{"L'Aquila", "l-aquila", "Abruzzo"},
	{"Latina", "latina", "Lazio"},
	{"Lecce", "lecce", "Puglia"},
	{"Lucca", "lucca", "Toscana"},
	{"Mantova", "mantova", "Lombardia"},
	{"Messina", "messina", "Sicilia"},
	{"Milano", "milano", "Lombardia"},
	{"Modena", "modena", "Emilia-Romagna"},
	{"Napoli", "napoli", "Campania"},
	{"Novara", "novara", "Piemonte"},
	{"Padova", "padova", "Veneto"},
	{"Palermo", "palermo", "Sicilia"},
	{"Parma", "parma", "Emilia-Romagna"},
	{"Pavia", "pavia", "Lombardia"},
	{"Perugia", "perugia", "Umbria"},
	{"Pescara", "pescara", "Abruzzo"},
	{"Pisa", "pisa", "Toscana"},
	{"Pordenone", "pordenone", "Friuli-Venezia Giulia"},
	{"Potenza", "potenza", "Basilicata"},
	{"Ravenna", "ravenna", "Emilia-Romagna"},
	{"Reggio Calabria", "reggio-calabria", "Calabria"},
	{"Reggio Emilia", "reggio-emilia", "Emilia-Romagna"},
	{"Rimini", "rimini", "Emilia-Romagna"},
	{"Roma", "roma", "Lazio"},
	{"Salerno", "salerno", "Campania"},
	{"Sassari", "sassari", "Sardegna"},
	{"Siena", "siena", "Toscana"},
	{"Taranto", "taranto", "Puglia"},
	{"Torino", "torino", "Piemonte"},
	{"Trento", "trento", "Trentino-Alto Adige"},
	{"Treviso", "treviso", "Veneto"},
	{"Trieste", "trieste", "Friuli-Venezia Giulia"},
	{"Udine", "udine", "Friuli-Venezia Giulia"},
	{"Varese", "varese", "Lombardia"},
	{"Venezia", "venezia", "Veneto"},
	{"Verona", "verona", "Veneto"},
	{"Vicenza", "vicenza", "Veneto"},
}
