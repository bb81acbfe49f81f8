package generate

import (
	"strings"
	"testing"

	"camcost/model"
)

// buildMap makes a map from "code name" lines; level, kind and parent follow
// from the code (A, A1, A1.1, A1.1.1, A1.1.1.1, A1.C, A1.1.F).
func buildMap(t testing.TB, spec string) *model.Map {
	t.Helper()
	var nodes []model.Node
	for line := range strings.Lines(spec) {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		code, name, _ := strings.Cut(line, " ")
		c := model.Code(code)
		n := model.Node{Code: c, Name: name}
		dots := strings.Count(code, ".")
		switch {
		case dots == 0 && len(code) == 1:
			n.Level = model.LevelMacro
		case dots == 0:
			n.Level, n.Parent = model.LevelTema, model.Code(code[:1])
		default:
			parent := code[:strings.LastIndex(code, ".")]
			n.Parent = model.Code(parent)
			n.Level = model.Level(dots + 2)
			switch {
			case strings.HasSuffix(code, ".C"):
				n.Kind = model.KindCoordinamento
			case strings.HasSuffix(code, ".F"):
				n.Kind = model.KindFormazione
			}
		}
		nodes = append(nodes, n)
	}
	m, err := model.NewMap(nodes)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// chamberMap is a part of the official map, with the codes the catalogs
// name and some that no catalog unit claims (F3, Z1).
const chamberMap = `
A Governo camerale
A1 Pianificazione, monitoraggio e controllo dell'Ente
A1.C Coordinamento
A1.1 Performance camerale
A1.1.F Formazione Performance camerale
A1.1.1 Pianificazione e programmazione camerale
A1.1.1.1 Relazione previsionale e programmatica
A1.1.1.2 Bilancio preventivo
A1.1.2 Monitoraggio e sistema dei controlli
A1.1.4 Supporto all'OIV
A1.3 Organizzazione camerale
A1.3.1 Organizzazione camerale
A1.3.2 Sviluppo del personale
A1.3.3 Gestione e sviluppo dei sistemi informativi camerali
A2 Organi camerali, rapporti istituzionali e relazioni con il sistema allargato
A2.C Coordinamento
A2.1 Gestione e supporto organi
A2.1.F Formazione Gestione e supporto organi
A2.1.1 Gestione e supporto organi istituzionali
A2.1.2 Rapporti istituzionali e partecipazioni
A2.1.3 Assistenza e tutela legale
A2.3 Gestione documentale
A2.3.1 Protocollo generale
A2.3.2 Gestione documentale
A3 Comunicazione
A3.1 Comunicazione
A3.1.1 Comunicazione istituzionale e verso l'utenza
B Processi di supporto
B1 Risorse umane
B1.C Coordinamento Risorse umane
B1.1 Gestione del personale
B1.1.F Formazione Gestione del personale
B1.1.1 Acquisizione del personale
B1.1.2 Trattamento giuridico del personale
B1.1.3 Trattamento economico del personale
B2 Acquisti, patrimonio e servizi di sede
B2.C Coordinamento Acquisti, patrimonio e servizi di sede
B2.1 Acquisti
B2.1.1 Acquisti beni e servizi
B2.2 Patrimonio e servizi di sede
B2.2.1 Patrimonio
B2.2.2 Servizi di sede e patrimonio immobiliare
B3 Bilancio e finanza
B3.C Coordinamento Bilancio e finanza
B3.1 Diritto annuale
B3.1.F Formazione Diritto annuale
B3.1.1 Incasso diritto annuale e gestione ruoli
B3.1.1.1 Pagamento annuale, solleciti
B3.1.1.2 Gestione dei ruoli esattoriali
B3.2 Contabilità e finanza
B3.2.1 Contabilità
B3.2.2 Finanza e tesoreria
C Trasparenza, semplificazione e tutela
C1 Semplificazione e trasparenza
C1.C Coordinamento Semplificazione e trasparenza
C1.1 Gestione del registro delle imprese, albi ed elenchi
C1.1.F Formazione Gestione del registro delle imprese
C1.1.1 Istruttoria pratiche su istanza di parte
C1.1.1.1 Istruttoria pratiche
C1.1.1.2 Iscrizioni d'ufficio
C1.1.1.3 Deposito bilanci
C1.1.2 Procedure abilitative
C1.1.3 Assistenza qualificata alle imprese (AQI)
C1.1.4 Interrogazione del Registro Imprese e altre attività di sportello
C1.1.4.1 Rilascio visure
C1.1.4.2 Rilascio certificati
C1.1.7 Accertamenti, iscrizioni, cancellazioni e altre pratiche di ufficio
C1.1.8 Gestione sanzioni amministrative Registro Imprese
C2 Tutela e legalità
C2.C Coordinamento Tutela e legalità
C2.4 Sanzioni amministrative
C2.4.1 Gestione sanzioni amministrative ex L. 689/81
C2.5 Metrologia legale
C2.5.F Formazione Metrologia legale
C2.5.1 Verifiche prime e verifiche periodiche
C2.5.1.1 Verifiche periodiche
C2.5.1.2 Verifiche prime
C2.5.2 Gestione controlli casuali e in contraddittorio
C2.6 Registro nazionale dei protesti
C2.6.1 Aggiornamento Registro Protesti su istanza di parte
C2.7 Servizi di composizione delle controversie
C2.7.1 Servizi di arbitrato
C2.7.2 Servizi di mediazione e conciliazione
C2.10 Tutela della proprietà industriale
C2.10.1 Supporto al deposito di marchi e brevetti
D Sviluppo della competitività
D1 Internazionalizzazione
D1.C Coordinamento Internazionalizzazione
D1.1 Servizi di informazione, formazione e assistenza all'export
D1.1.1 Servizi informativi e orientamento all'export
D1.2 Servizi certificativi per l'export
D1.2.F Formazione Servizi certificativi per l'export
D1.2.1 Servizi certificativi per l'export
D1.2.1.1 Rilascio certificati d'origine
D1.2.1.2 Rilascio carnet ATA
D2 Digitalizzazione
D2.C Coordinamento Digitalizzazione
D2.1 Gestione punti impresa digitale
D2.1.1 Servizi informativi di supporto al digitale
D2.2 Servizi connessi all'agenda digitale
D2.2.1 Servizi connessi all'Agenda Digitale
D4 Orientamento al lavoro ed alle professioni
D4.1 Orientamento
D4.1.1 Iniziative di orientamento
D6 Sviluppo e qualificazione aziendale e dei prodotti
D6.C Coordinamento Sviluppo e qualificazione aziendale
D6.1 Iniziative a sostegno dello sviluppo d'impresa
D6.1.1 Servizi di assistenza allo sviluppo di start-up e PMI
D6.1.2 Servizi a supporto dell'innovazione
D6.3 Osservatori economici
D6.3.1 Servizi di informazione economica
F Altri servizi camerali
F1 Altri servizi ad imprese e territorio
F1.1 Valorizzazione patrimonio camerale
F1.1.2 Erogazione servizi di convegnistica e spazi per eventi
F3 Servizi sperimentali
F3.1 Sperimentazioni
F3.1.F Formazione Sperimentazioni
F3.1.1 Laboratorio sperimentale
Z Fuori perimetro
Z1 Extra
Z1.1 Attività fuori perimetro
Z1.1.1 Stazioni sperimentali
`

// oddMap has macro letters no catalog knows, temas without coordinamento, a
// funzione with only a formazione node and a tema with no servizio at all.
const oddMap = `
B Supporto
B7 Servizi interni
B7.1 Servizi interni
B7.1.1 Gestione interna
B7.1.1.1 Prima azione
B7.1.1.2 Seconda azione
B7.2 Solo formazione
B7.2.F Formazione Solo formazione
X Servizi alle imprese
X1 Sportelli
X1.C Coordinamento Sportelli
X1.1 Sportello unico
X1.1.F Formazione Sportello unico
X1.1.1 Sportello fisico
X1.1.2 Sportello telematico
X1.1.3 Assistenza
X1.1.4 Reclami
X1.1.5 Informazioni
X1.1.6 Appuntamenti
X1.1.7 Certificati
X2 Vuoto
X2.C Coordinamento Vuoto
Y Altro
Y1 Varie
Y1.1 Varie
Y1.1.1 Varie uno
Y1.1.2 Varie due
`
