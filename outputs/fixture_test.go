package outputs

import (
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"camcost/costing"
	"camcost/model"
)

// The fixture is a small chamber: every macro funzione of the map with a
// tema or two, coordinamento and formazione nodes, servizi with and without
// attività (each stage 4 rule), eight people, ledger lines of all fifteen
// voci, volumi and contesto. Amounts are round enough to read, with cents
// where rounding matters.

// fixtureMap lists the nodes as code, kind, name; levels and parents follow
// from the codes.
var fixtureMap = [][3]string{
	{"A", "", "Governo camerale"},
	{"A1", "", "Pianificazione, monitoraggio e controllo dell'Ente"},
	{"A1.C", "coordinamento", "Coordinamento"},
	{"A1.1", "", "Performance camerale"},
	{"A1.1.F", "formazione", "Formazione Performance camerale"},
	{"A1.1.1", "", "Pianificazione e programmazione camerale"},
	{"A1.1.1.1", "", "Relazione previsionale e programmatica"},
	{"A1.1.1.2", "", "Piano della performance"},
	{"B", "", "Processi di supporto"},
	{"B1", "", "Risorse finanziarie"},
	{"B1.1", "", "Contabilità e finanza"},
	{"B1.1.1", "", "Gestione della contabilità"},
	{"B2", "", "Logistica e patrimonio"},
	{"B2.1", "", "Provveditorato"},
	{"B2.1.1", "", "Gestione della sede"},
	{"C", "", "Trasparenza, semplificazione e tutela"},
	{"C1", "", "Semplificazione e trasparenza"},
	{"C1.C", "coordinamento", "Coordinamento"},
	{"C1.1", "", "Registro delle imprese"},
	{"C1.1.F", "formazione", "Formazione Registro delle imprese"},
	{"C1.1.1", "", "Iscrizioni e depositi"},
	{"C1.1.1.1", "", "Istruttoria delle pratiche"},
	{"C1.1.1.2", "", "Controlli e cancellazioni d'ufficio"},
	{"C1.1.2", "", "Certificazione anagrafica"},
	{"C1.2", "", "SUAP e fascicolo d'impresa"},
	{"C1.2.1", "", "Sportello SUAP"},
	{"D", "", "Sviluppo della competitività"},
	{"D1", "", "Internazionalizzazione"},
	{"D1.1", "", "Servizi per l'export"},
	{"D1.1.1", "", "Certificazione per l'estero"},
	{"D1.1.1.1", "", "Rilascio dei certificati d'origine"},
	{"D1.1.1.2", "", "Assistenza alle imprese esportatrici"},
	{"D2", "", "Digitalizzazione"},
	{"D2.1", "", "Punto impresa digitale"},
	{"D2.1.1", "", "Voucher per la digitalizzazione"},
	{"D2.1.1.1", "", "Bandi e concessione dei voucher"},
	{"D2.1.1.2", "", "Assessment digitale"},
	{"F", "", "Altri servizi camerali"},
	{"F1", "", "Altri servizi ad imprese e territorio"},
	{"F1.1", "", "Servizi vari"},
	{"F1.1.1", "", "Gestione di servizi per il territorio"},
	{"F1.1.1.1", "", "Sportello informativo"},
	{"F1.1.1.2", "", "Eventi sul territorio"},
	{"Z", "", "Attività fuori perimetro"},
	{"Z1", "", "Fuori perimetro"},
	{"Z1.1", "", "Attività fuori perimetro"},
	{"Z1.1.1", "", "Stazioni sperimentali"},
}

func buildMap(t testing.TB, rows [][3]string) *model.Map {
	t.Helper()
	var nodes []model.Node
	for _, r := range rows {
		code := model.Code(r[0])
		n := model.Node{Code: code, Name: r[2]}
		n.Kind, _ = model.ParseKind(r[1])
		if r[1] == "" {
			n.Kind = model.KindRegular
		}
		segs := strings.Split(string(code), ".")
		switch {
		case len(segs) == 1 && len(code) == 1:
			n.Level = model.LevelMacro
		case len(segs) == 1:
			n.Level, n.Parent = model.LevelTema, code[:1]
		default:
			n.Level = model.Level(len(segs) + 1)
			n.Parent = model.Code(strings.Join(segs[:len(segs)-1], "."))
		}
		nodes = append(nodes, n)
	}
	m, err := model.NewMap(nodes)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// fixturePerson is a member of staff with bookings in percent.
type fixturePerson struct {
	matricola, qualifica, fte, mesi, unita, pay string
	bookings                                    map[string]string
}

var fixturePeople = []fixturePerson{
	{"MAT-0101", "Dirigente", "1", "12", "Segreteria generale", "98500.00", map[string]string{"A1.C": "40", "A1.1.1": "20", "C1.C": "40"}},
	{"MAT-0102", "D", "1", "12", "Ragioneria", "52300.00", map[string]string{"B1.1.1": "90", "A1.1.F": "10"}},
	{"MAT-0103", "C", "0.5", "12", "Provveditorato", "31200.00", map[string]string{"B2.1.1": "100"}},
	{"MAT-0104", "C", "1", "12", "Registro imprese", "41000.00", map[string]string{"C1.1.1.1": "60", "C1.1.1.2": "20", "C1.1.F": "10", "C1.1.2": "10"}},
	{"MAT-0105", "C", "1", "6", "Registro imprese", "20100.00", map[string]string{"C1.1.1": "50", "C1.2.1": "50"}},
	{"MAT-0106", "D", "1", "12", "Promozione", "47800.00", map[string]string{"D1.1.1.1": "50", "D1.1.1.2": "20", "D2.1.1": "30"}},
	{"MAT-0107", "B", "0.8333", "12", "Promozione", "29950.00", map[string]string{"D2.1.1": "70", "F1.1.1": "30"}},
	{"MAT-0108", "C", "1", "12", "Segreteria generale", "38400.00", map[string]string{"A1.1.1.1": "50", "A1.1.1.2": "50"}},
}

// fixtureLedger lists conto, descrizione, voce, importo, destinazione, driver.
var fixtureLedger = [][6]string{
	{"310000", "Diritto annuale", "diritto_annuale", "4850000.00", "", ""},
	{"311000", "Diritti di segreteria", "diritti_segreteria", "1210500.50", "C1.1", ""},
	{"312000", "Contributi della Regione", "contributi_trasferimenti", "300000.00", "D2.1.1", ""},
	{"313000", "Ricavi da servizi commerciali", "proventi_gestione_servizi", "82340.00", "D1.1.1", ""},
	{"314000", "Variazione delle rimanenze", "variazione_rimanenze", "-1520.40", "B2.1.1", ""},
	{"321000", "Retribuzioni e oneri del personale", "personale", "2345678.91", "", ""},
	{"325000", "Spese di funzionamento", "funzionamento", "612345.67", "", ""},
	{"325100", "Utenze e manutenzione della sede", "funzionamento", "188000.00", "", "mq"},
	{"325200", "Spese postali del Registro imprese", "funzionamento", "15000.33", "unita:Registro imprese", ""},
	{"330000", "Voucher digitali", "interventi_economici", "1500000.00", "D2.1.1", ""},
	{"330100", "Quote associative e progetti", "interventi_economici", "250000.00", "D1", ""},
	{"340000", "Ammortamenti", "ammortamenti_accantonamenti", "400000.00", "", "mq"},
	{"341000", "Accantonamento al fondo svalutazione crediti", "ammortamenti_accantonamenti", "1650000.00", "B1.1.1", ""},
	{"350000", "Interessi attivi", "proventi_finanziari", "12345.67", "", ""},
	{"351000", "Interessi passivi", "oneri_finanziari", "1000.00", "", ""},
	{"360000", "Sopravvenienze attive", "proventi_straordinari", "20000.00", "", ""},
	{"361000", "Sopravvenienze passive", "oneri_straordinari", "5250.00", "", ""},
	{"370000", "Rivalutazione di partecipazioni", "rivalutazioni", "1000.00", "", ""},
	{"371000", "Svalutazione di partecipazioni", "svalutazioni", "3000.00", "", ""},
}

// fixtureDrivers lists driver, codice, quantita: square metres by servizio
// and the attività split of D2.1.1, where nobody booked time on attività.
var fixtureDrivers = [][3]string{
	{"mq", "A1.1.1", "40"}, {"mq", "B1.1.1", "80"}, {"mq", "B2.1.1", "20"},
	{"mq", "C1.1.1", "300"}, {"mq", "C1.2.1", "60"}, {"mq", "D1.1.1", "120"},
	{"mq", "D2.1.1", "90"}, {"mq", "F1.1.1", "40"},
	{"attivita", "D2.1.1.1", "3"}, {"attivita", "D2.1.1.2", "1"},
}

var fixtureVolumes = [][3]string{
	{"B1.1.1", "mandati di pagamento", "4100"},
	{"C1.1.1", "pratiche evase", "12500"},
	{"C1.2.1", "pratiche SUAP", "0"},
	{"D1.1.1", "certificati d'origine", "3480"},
}

// fixtureContext is the contesto table as inputs reads it.
var fixtureContext = model.Context{
	Ente:              "Camera di commercio di Esempio",
	Anno:              2025,
	ImpreseAttive:     model.Count{Value: decimal.NewFromInt(41250), Given: true},
	ImpreseRegistrate: model.Count{Value: decimal.NewFromInt(48900), Given: true},
	Cluster:           "media",
	Other: []model.ContextEntry{
		{Key: "referente", Value: "Ufficio controllo di gestione", Pos: model.Position{File: "volumi.csv", Sheet: "contesto", Row: 7}},
	},
	Keys: []string{"ente", "anno", "imprese_attive", "imprese_registrate", "cluster", "referente"},
}

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func dest(s string) model.Destination {
	if u, ok := strings.CutPrefix(s, "unita:"); ok {
		return model.Destination{Unit: u}
	}
	return model.Destination{Code: model.Code(s)}
}

func fakeFile(name string, tables ...string) model.InputFile {
	h := sha256.Sum256([]byte("camcost fixture " + name))
	return model.InputFile{Name: name, SHA256: hex.EncodeToString(h[:]), Size: int64(100 * len(name)), Tables: tables}
}

// fixtureInputs builds the inputs of the fixture chamber.
func fixtureInputs(t testing.TB) *model.Inputs {
	t.Helper()
	in := &model.Inputs{
		Map:        buildMap(t, fixtureMap),
		HasPayroll: true,
		TimeUnit:   model.Percent,
		Settings: model.Settings{
			Method:         model.MethodDiretto,
			SupportDrivers: []model.SupportDriver{{Tema: "B2", Driver: "mq"}},
			Source:         "camcost.toml",
		},
		Files: []model.InputFile{
			fakeFile("camcost.toml"),
			fakeFile("dati.xlsx", "personale", "retribuzioni", "tempi", "contabilita"),
			fakeFile("driver.csv", "driver"),
			fakeFile("volumi.csv", "volumi", "contesto"),
		},
		Warnings: []model.Problem{{Pos: model.Position{File: "driver.csv", Row: 1, Column: "nota"}, Msg: "colonna sconosciuta, ignorata"}},
	}
	for n, p := range fixturePeople {
		person := model.Person{
			Matricola: model.Matricola(p.matricola), Qualifica: p.qualifica, FTE: dec(p.fte), Mesi: dec(p.mesi),
			Unita: p.unita, Pay: dec(p.pay), Pos: model.Position{File: "dati.xlsx", Sheet: "personale", Row: n + 2},
		}
		for code, pct := range p.bookings {
			person.Bookings = append(person.Bookings, model.Booking{Code: model.Code(code), Qty: dec(pct)})
		}
		slices.SortFunc(person.Bookings, func(a, b model.Booking) int { return model.CompareCodes(a.Code, b.Code) })
		in.People = append(in.People, person)
	}
	for n, l := range fixtureLedger {
		in.Ledger = append(in.Ledger, model.LedgerLine{
			Conto: l[0], Descrizione: l[1], Voce: model.Voce(l[2]), Importo: dec(l[3]), Dest: dest(l[4]), Driver: l[5],
			Pos: model.Position{File: "dati.xlsx", Sheet: "contabilita", Row: n + 2},
		})
	}
	for n, d := range fixtureDrivers {
		in.Drivers = append(in.Drivers, model.DriverQty{Driver: d[0], Dest: dest(d[1]), Qty: dec(d[2]), Pos: model.Position{File: "driver.csv", Row: n + 2}})
	}
	for n, v := range fixtureVolumes {
		in.Volumes = append(in.Volumes, model.Volume{Code: model.Code(v[0]), Misura: v[1], Qty: dec(v[2]), Pos: model.Position{File: "volumi.csv", Row: n + 2}})
	}
	in.Context = fixtureContext
	in.Context.Other = slices.Clone(fixtureContext.Other)
	in.Context.Keys = slices.Clone(fixtureContext.Keys)
	return in
}

// fixtureResult costs the fixture chamber.
func fixtureResult(t testing.TB) *costing.Result {
	t.Helper()
	res, err := costing.Compute(fixtureInputs(t))
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// bareResult costs the fixture chamber by the reciprocal method, without
// volumi, contesto or settings file: the indicators that need them must
// say why they cannot be computed.
func bareResult(t testing.TB) *costing.Result {
	t.Helper()
	in := fixtureInputs(t)
	in.Volumes, in.Context, in.Warnings = nil, model.Context{}, nil
	in.Settings = model.Settings{Method: model.MethodReciproco}
	in.Files = in.Files[1:3]
	res, err := costing.Compute(in)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// fixtureInfo is the RunInfo of a fixture result, as a run derives it.
func fixtureInfo(res *costing.Result) RunInfo { return NewRunInfo(res, "esempio") }
