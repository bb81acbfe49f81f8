package seeds

import (
	"bytes"
	"regexp"
	"slices"
	"strings"
	"testing"

	"camcost/model"
)

func parseEmbedded(t *testing.T) *Seed {
	t.Helper()
	s, err := ParseSeed(bytes.NewReader(seedTSV))
	if err != nil {
		t.Fatalf("ParseSeed: %v", err)
	}
	return s
}

func seedNode(t *testing.T, s *Seed, code model.Code) (model.Node, bool) {
	t.Helper()
	for _, n := range s.Nodes {
		if n.Code == code {
			return n, true
		}
	}
	return model.Node{}, false
}

// Counts made by reading every line of the seed, not by running the parser.
const (
	// A, B, C, D, F, Z: the six names standing before a tema heading
	// (Sviluppo della competitività twice, for D1 and D4).
	wantMacro = 6
	// 15 heading rows (A1-A3, B1-B3, C1-C2, D1-D5, F1, Z1; C2 repeated on
	// line 106) plus D6 and F2, which have no heading row.
	wantTema = 17
	// One per tema except F2: A 3, B 3, C 2, D 6, F 1, Z 1.
	wantCoordinamento = 16
	// A1 3, A2 4, A3 1, B1 1, B2 2, B3 2, C1 2, C2 10, D1 2, D2 2, D3 1,
	// D4 4, D5 3, D6 3, F1 1, F2 1, Z1 1.
	wantFunzione = 43
	// Every regular funzione has exactly one X.Y.F row.
	wantFormazione = 43
	// A 21, B 9, C 45 (C1 11, C2 34), D 38 (D1 4, D2 7, D3 4, D4 9, D5 7,
	// D6 7), F 6, Z 3 (the uncoded Z1.1.1-Z1.1.3).
	wantServizio = 122
)

func TestSeedCounts(t *testing.T) {
	s := parseEmbedded(t)
	type key struct {
		l model.Level
		k model.Kind
	}
	got := make(map[key]int)
	for _, n := range s.Nodes {
		got[key{n.Level, n.Kind}]++
	}
	tests := []struct {
		l    model.Level
		k    model.Kind
		want int
	}{
		{model.LevelMacro, model.KindRegular, wantMacro},
		{model.LevelTema, model.KindRegular, wantTema},
		{model.LevelFunzione, model.KindCoordinamento, wantCoordinamento},
		{model.LevelFunzione, model.KindRegular, wantFunzione},
		{model.LevelServizio, model.KindFormazione, wantFormazione},
		{model.LevelServizio, model.KindRegular, wantServizio},
	}
	total := 0
	for _, tt := range tests {
		if g := got[key{tt.l, tt.k}]; g != tt.want {
			t.Errorf("%s/%s: got %d nodes, want %d", tt.l, tt.k, g, tt.want)
		}
		total += tt.want
	}
	if len(s.Nodes) != total {
		t.Errorf("got %d nodes in all, want %d", len(s.Nodes), total)
	}
}

func TestSeedTrickyNodes(t *testing.T) {
	s := parseEmbedded(t)
	const (
		macro, tema, funz, serv = model.LevelMacro, model.LevelTema, model.LevelFunzione, model.LevelServizio
		reg, coord, form        = model.KindRegular, model.KindCoordinamento, model.KindFormazione
	)
	tests := []struct {
		why  string
		want model.Node
	}{
		{"macro names verbatim", model.Node{Code: "A", Level: macro, Kind: reg, Name: "Governo Camerale"}},
		{"macro names verbatim", model.Node{Code: "B", Level: macro, Kind: reg, Name: "Processi di supporto"}},
		{"macro names verbatim", model.Node{Code: "C", Level: macro, Kind: reg, Name: "Trasparenza, semplificazione e tutela"}},
		{"macro repeated with D4", model.Node{Code: "D", Level: macro, Kind: reg, Name: "Sviluppo della competitività"}},
		{"macro names verbatim", model.Node{Code: "F", Level: macro, Kind: reg, Name: "Altri servizi camerale"}},
		{"macro in the Funzione column", model.Node{Code: "Z", Level: macro, Kind: reg, Name: "Fuori perimetro"}},
		{"name drops the code", model.Node{Code: "A1", Level: tema, Kind: reg, Parent: "A", Name: "Pianificazione, monitoraggio e controllo dell'Ente"}},
		{"bare coordinamento completed by the next cell", model.Node{Code: "A1.C", Level: funz, Kind: coord, Parent: "A1", Name: "Coordinamento Pianificazione, monitoraggio e controllo dell'Ente"}},
		{"bare coordinamento completed by the next cell", model.Node{Code: "A2.C", Level: funz, Kind: coord, Parent: "A2", Name: "Coordinamento Organi camerali, rapporti istituzionali e relazioni con il sistema allargato"}},
		{"bare coordinamento completed by the next cell", model.Node{Code: "A3.C", Level: funz, Kind: coord, Parent: "A3", Name: "Coordinamento Comunicazione"}},
		{"coordinamento with its name", model.Node{Code: "B1.C", Level: funz, Kind: coord, Parent: "B1", Name: "Coordinamento Risorse umane"}},
		{"formazione name keeps the word", model.Node{Code: "A1.1.F", Level: serv, Kind: form, Parent: "A1.1", Name: "Formazione Performance camerale"}},
		{"servizio in the Funzione column", model.Node{Code: "A1.3.3", Level: serv, Kind: reg, Parent: "A1.3", Name: "Gestione e sviluppo dei sistemi informativi camerali"}},
		{"servizio in the Funzione column", model.Node{Code: "A1.3.4", Level: serv, Kind: reg, Parent: "A1.3", Name: "Processi di riorganizzazione"}},
		{"tema heading in the Funzione column", model.Node{Code: "A2", Level: tema, Kind: reg, Parent: "A", Name: "Organi camerali, rapporti istituzionali e relazioni con il sistema allargato"}},
		{"servizio in the Tema column", model.Node{Code: "A2.1.2", Level: serv, Kind: reg, Parent: "A2.1", Name: "Rapporti istituzionali con il territorio e gestione delle partecipazioni attive"}},
		{"funzione in the Tema column", model.Node{Code: "A2.2", Level: funz, Kind: reg, Parent: "A2", Name: "Promozione e sviluppo dei servizi camerali"}},
		{"formazione listed before its funzione", model.Node{Code: "B2.2.F", Level: serv, Kind: form, Parent: "B2.2", Name: "Formazione Patrimonio e servizi di sede"}},
		{"formazione in the Attività column, before its funzione", model.Node{Code: "B3.2.F", Level: serv, Kind: form, Parent: "B3.2", Name: "Formazione Contabilità e finanza"}},
		{"funzione and servizio on one row", model.Node{Code: "B3.2", Level: funz, Kind: reg, Parent: "B3", Name: "Contabilità e finanza"}},
		{"servizio of C2.2 on the row of funzione C2.3", model.Node{Code: "C2.2.3", Level: serv, Kind: reg, Parent: "C2.2", Name: "Servizi a garanzia della regolarità di concorsi e operazioni a premio a tutela del consumatore e della fede pubblica"}},
		{"funzione heading sharing a row", model.Node{Code: "C2.3", Level: funz, Kind: reg, Parent: "C2", Name: "Informazione, vigilanza e controllo su sicurezza e conformità dei prodotti"}},
		{"servizio of C2.3 on the row of funzione C2.4", model.Node{Code: "C2.3.2", Level: serv, Kind: reg, Parent: "C2.3", Name: "Vigilanza sicurezza prodotti e settori"}},
		{"funzione heading sharing a row", model.Node{Code: "C2.4", Level: funz, Kind: reg, Parent: "C2", Name: "Sanzioni amministrative"}},
		{"servizio in the Macro column", model.Node{Code: "C2.5.1", Level: serv, Kind: reg, Parent: "C2.5", Name: "Verifiche prime e verifiche periodiche su strumenti nazionali"}},
		{"servizio in the Macro column, numbered past 9", model.Node{Code: "C2.5.10", Level: serv, Kind: reg, Parent: "C2.5", Name: "Vigilanza su marchi concessi"}},
		{"tema heading repeated on line 106", model.Node{Code: "C2", Level: tema, Kind: reg, Parent: "C", Name: "Tutela e legalità"}},
		{"funzione in the Macro column", model.Node{Code: "C2.6", Level: funz, Kind: reg, Parent: "C2", Name: "Registro nazionale dei protesti"}},
		{"servizio in the Macro column", model.Node{Code: "C2.10.1", Level: serv, Kind: reg, Parent: "C2.10", Name: "Supporto alla presentazione delle domande di deposito marchi, brevetti e altri titoli di proprietà intellettuale"}},
		{"formazione listed before its funzione", model.Node{Code: "D1.1.F", Level: serv, Kind: form, Parent: "D1.1", Name: "Formazione Servizi di informazione, formazione e assistenza all'export"}},
		{"servizio in the Attività column", model.Node{Code: "D1.1.3", Level: serv, Kind: reg, Parent: "D1.1", Name: "Assistenza specialistica per l'export"}},
		{"formazione listed before its funzione", model.Node{Code: "D3.1.F", Level: serv, Kind: form, Parent: "D3.1", Name: "Formazione Iniziative a sostegno dei settori del turismo e della cultura"}},
		{"funzione in the Macro column", model.Node{Code: "D3.1", Level: funz, Kind: reg, Parent: "D3", Name: "Iniziative a sostegno dei settori del turismo e della cultura"}},
		{"formazione listed before its funzione", model.Node{Code: "D4.4.F", Level: serv, Kind: form, Parent: "D4.4", Name: "Formazione Certificazione competenze"}},
		{"formazione listed before its funzione", model.Node{Code: "D5.3.F", Level: serv, Kind: form, Parent: "D5.3", Name: "Formazione Pratiche ambientali e tenuta registri in materia ambientale"}},
		{"tema implied by its coordinamento", model.Node{Code: "D6", Level: tema, Kind: reg, Parent: "D", Name: "Sviluppo e qualificazione aziendale e dei prodotti"}},
		{"coordinamento of an implied tema", model.Node{Code: "D6.C", Level: funz, Kind: coord, Parent: "D6", Name: "Coordinamento Sviluppo e qualificazione aziendale e dei prodotti"}},
		{"formazione in the Macro column", model.Node{Code: "D6.1.F", Level: serv, Kind: form, Parent: "D6.1", Name: "Formazione Iniziative a sostegno dello sviluppo d'impresa"}},
		{"tema implied by its only funzione", model.Node{Code: "F2", Level: tema, Kind: reg, Parent: "F", Name: "Altri servizi di assistenza e supporto alle imprese in regime di libero mercato"}},
		{"tema shifted right", model.Node{Code: "Z1", Level: tema, Kind: reg, Parent: "Z", Name: "Extra"}},
		{"coordinamento shifted right", model.Node{Code: "Z1.C", Level: funz, Kind: coord, Parent: "Z1", Name: "Coordinamento Extra"}},
		{"formazione listed before its funzione", model.Node{Code: "Z1.1.F", Level: serv, Kind: form, Parent: "Z1.1", Name: "Formazione Attività fuori perimetro"}},
		{"uncoded servizio", model.Node{Code: "Z1.1.1", Level: serv, Kind: reg, Parent: "Z1.1", Name: "Stazioni sperimentali"}},
		{"uncoded servizio", model.Node{Code: "Z1.1.2", Level: serv, Kind: reg, Parent: "Z1.1", Name: "Porti"}},
		{"uncoded servizio", model.Node{Code: "Z1.1.3", Level: serv, Kind: reg, Parent: "Z1.1", Name: "Altre attività al di fuori del perimetro ordinario della mission camerale"}},
	}
	for _, tt := range tests {
		t.Run(string(tt.want.Code), func(t *testing.T) {
			got, ok := seedNode(t, s, tt.want.Code)
			if !ok {
				t.Fatalf("%s (%s) is missing", tt.want.Code, tt.why)
			}
			if got != tt.want {
				t.Errorf("%s:\ngot  %+v\nwant %+v", tt.why, got, tt.want)
			}
		})
	}
	for _, c := range []model.Code{"D6", "F2"} {
		if l := s.Lines[c]; l != 0 {
			t.Errorf("%s has line %d, want 0 (implied, no heading row)", c, l)
		}
	}
}

func TestSeedTrickyActions(t *testing.T) {
	s := parseEmbedded(t)
	tests := []struct {
		code  model.Code
		why   string
		lines []int    // line of each action piece
		texts []string // the pieces, or their beginnings
	}{
		{"B1.1.1", "text of the B1.1.F row first", []int{40, 41}, []string{
			"Procedure di assunzione di personale a tempo indeterminato e determinato, selezioni interne",
			"Assegnazione e rinnovo incarichi dirigenziali,"}},
		{"B2.1.1", "text of the B2.1.F row first", []int{52, 53}, []string{"Elenchi/albi fornitori:", "Gestione gare e procedure MEPA"}},
		{"B3.1.1", "text of the B3.1.F row first", []int{58, 59}, []string{
			"Pagamento annuale, solleciti Predisposizione notifica atti e relativa gestione",
			"Gestione dei ruoli esattoriali"}},
		{"B1.1.3", "uncoded rows in any column", []int{43, 44, 45, 46, 47, 48, 49, 50}, []string{
			"Gestione giornaliera e mensile delle presenze/assenze del personale (ivi comprese le denunce)",
			"Gestione malattie e relativi controlli",
			"Gestione buoni mensa",
			"Gestione missioni",
			"Gestione economica del personale camerale",
			"Liquidazione dei gettoni di presenza",
			"Gestione adempimenti fiscali/previdenziali (comprese le dichiarazioni)",
			"Gestione pensionistica (ivi comprese ricongiunzioni, riscatti, prestiti, etc.)"}},
		{"B3.2.2", "continuation in the Servizio column", []int{62, 63}, []string{"Conto Corrente bancario:", "Conto corrente postale:"}},
		{"A2.1.3", "continuation row", []int{23, 24}, []string{"Assistenza legale ai vertici camerali", "Gestione delle vertenze giudiziarie"}},
		{"C2.2.3", "text on the C2.3 row", []int{88}, []string{"Concorsi a premio (chiusura e verifica di regolarità della procedura di assegnazione)"}},
		{"C2.3.2", "text on the C2.4 row", []int{91}, []string{"Vigilanza etichettatura e conformità alla disciplina di settore"}},
		{"C2.7.2", "continuation row", []int{114, 115}, []string{"Gestione procedure di mediazione tra imprese (B2B)", "Gestione procedure di mediazione e conciliazione tra imprese e consumatori (B2C)"}},
		{"C2.8.2", "continuations in two columns", []int{120, 121, 122, 123, 124}, []string{
			"Rilevazione prezzi e tariffe per committenze terze",
			"Deposito Listini prezzi, rilascio visti di conformità",
			"Predisposizione prezzari di settore (es. Listino opere edili)",
			"Comparazione offerte commerciali relative alla fornitura di energia elettrica e gas alle imprese",
			"Servizio di monitoraggio prezzi e tariffe per stazioni appaltanti"}},
		{"D1.1.1", "<p> paragraphs", []int{135, 135, 135, 135, 135, 135, 135}, []string{
			"Servizi on line e off line di informazione e orientamento ai mercati, informazioni tecniche e aggiornamenti normativi",
			"Corsi in materia di internazionalizzazione", "Corsi specialistici", "Workshop e country presentation di orientamento sull'estero",
			"Corsi per manager", "Promozione partecipazioni collettive", "Servizio di informazione e assistenza alle imprese in materia di gare/appalti"}},
		{"D1.1.2", "<p> paragraphs", []int{136, 136, 136, 136, 136}, []string{
			"Scouting, profilazione e check-up per orientamento ai mercati", "Incoming di buyer", "Accoglienza delegazioni imprenditoriali e istituzionali estere",
			"Promozione e valorizzazione", "Diffusione e follow-up delle attività realizzate da ICE e Gruppo CdP"}},
		{"D1.2.1", "continuations incl. the Funzione column", []int{139, 140, 141, 142}, []string{
			"Rilascio carnet e altri documenti doganali", "Rilascio Certificati d'origine (non preferenziali)",
			"Rilascio codice meccanografico", "Rilascio Visti di conformità firma"}},
		{"D2.1.1", "one <p> paragraph", []int{145}, []string{"Iniziativa ed eventi, percorsi formativi di base"}},
		{"D2.2.1", "continuations in two columns", []int{152, 153, 154, 155, 156, 157}, []string{
			"Rilascio Carta Nazionale dei servizi (CNS) e firma digitale su supporto", "Rinnovo certificati di sottoscrizione e di autenticazione",
			"Rilascio carte tachigrafiche", "Rinnovo e sostituzione carte tachigrafiche", "Rilascio e promozione dello SPID",
			"Attività connesse alla fatturazione elettronica"}},
		{"D3.1.1", "<p> paragraphs", []int{160, 160}, []string{"Studi, ricerche, osservatori", "Seminari informativi e iniziative di divulgazione"}},
		{"D3.1.2", "<p> paragraphs", []int{161, 161, 161}, []string{"Gestione di iniziative integrate", "Attività di promozione dell'attrattività", "Programmazione, gestione ed erogazione di contributi"}},
		{"D4.2.2", "continuation rows", []int{171, 172, 173}, []string{"Assistenza alle scuole", "Supporto progettazione", "Tirocini formativi e di orientamento"}},
		{"D1.1.3", "no text", nil, nil},
		{"Z1.1.1", "no text", nil, nil},
	}
	for _, tt := range tests {
		t.Run(string(tt.code), func(t *testing.T) {
			got := s.Actions[tt.code]
			var lines []int
			for _, a := range got {
				lines = append(lines, a.Line)
			}
			if !slices.Equal(lines, tt.lines) {
				t.Fatalf("%s: lines %v, want %v", tt.why, lines, tt.lines)
			}
			for i, a := range got {
				if !strings.HasPrefix(a.Text, tt.texts[i]) {
					t.Errorf("%s: piece %d = %q, want it to start with %q", tt.why, i+1, a.Text, tt.texts[i])
				}
				if strings.ContainsAny(a.Text, "<>") {
					t.Errorf("piece %d keeps a tag: %q", i+1, a.Text)
				}
			}
		})
	}
	for _, n := range s.Nodes {
		if _, ok := s.Actions[n.Code]; ok && (n.Level != model.LevelServizio || n.Kind != model.KindRegular) {
			t.Errorf("%s (%s %s) has action text; only regular servizi may", n.Code, n.Level, n.Kind)
		}
	}
}

// seedCells splits the raw seed into its non-blank cells, paragraphs
// apart, independently of the parser.
func seedCells(t *testing.T) (cells []struct {
	line int
	text string
}) {
	t.Helper()
	para := regexp.MustCompile(`</?p>`)
	for i, l := range strings.Split(string(seedTSV), "\n") {
		for _, c := range strings.Split(l, "\t") {
			for _, p := range para.Split(c, -1) {
				if p = strings.Join(strings.Fields(p), " "); p != "" {
					cells = append(cells, struct {
						line int
						text string
					}{i + 1, p})
				}
			}
		}
	}
	return cells
}

// TestSeedNothingLost accounts for every cell of the seed: a heading (code
// and name of a node), the name of a macro funzione, the tema name that
// completes a bare coordinamento, the name of an uncoded servizio, or action
// text on that same line.
func TestSeedNothingLost(t *testing.T) {
	s := parseEmbedded(t)
	headings := make(map[string]bool)       // "code name", and macro names
	onLine := make(map[int]map[string]bool) // bare names, on their own line
	bare := func(line int, text string) {
		if onLine[line] == nil {
			onLine[line] = make(map[string]bool)
		}
		onLine[line][text] = true
	}
	for _, n := range s.Nodes {
		line := s.Lines[n.Code]
		switch {
		case n.Level == model.LevelMacro:
			headings[n.Name] = true
		case line == 0: // implied: nothing in the seed to account for
		case !bytes.Contains(seedTSV, []byte(n.Code+" ")):
			bare(line, n.Name) // a servizio listed without a code
		default:
			headings[string(n.Code)+" "+n.Name] = true
			if rest, ok := strings.CutPrefix(n.Name, "Coordinamento "); ok && n.Kind == model.KindCoordinamento {
				headings[string(n.Code)+" Coordinamento"] = true
				bare(line, rest)
			}
		}
	}
	for _, as := range s.Actions {
		for _, a := range as {
			bare(a.Line, a.Text)
		}
	}
	cells := seedCells(t)
	if len(cells) < 400 {
		t.Fatalf("only %d cells read from the seed", len(cells))
	}
	for _, c := range cells[5:] { // the header row's five cells
		if !headings[c.text] && !onLine[c.line][c.text] {
			t.Errorf("line %d: %q is under no node", c.line, c.text)
		}
	}
}

// TestSeedCodesHaveTheirParent finds every code in the seed's text, wherever
// it stands, and checks it is a node of the map whose parent is the one its
// code names.
func TestSeedCodesHaveTheirParent(t *testing.T) {
	m, err := Map()
	if err != nil {
		t.Fatal(err)
	}
	// Macro letters only: "piano I4.0" (Industria 4.0) is prose.
	codeRE := regexp.MustCompile(`\b[ABCDFZ][0-9]+(?:\.(?:[0-9]+|C|F))*\b`)
	found := codeRE.FindAllString(string(seedTSV), -1)
	if len(found) != 237 { // 236 codes, C2 twice
		t.Errorf("found %d codes in the seed, want 237", len(found))
	}
	for _, c := range found {
		code := model.Code(c)
		n, ok := m.Node(code)
		if !ok {
			t.Errorf("%s is in the seed but not in the map", c)
			continue
		}
		want := model.Code(c[:1]) // a tema's macro is its letter
		if i := strings.LastIndexByte(c, '.'); i >= 0 {
			want = model.Code(c[:i])
		}
		if n.Parent != want {
			t.Errorf("%s: parent %s, want %s", c, n.Parent, want)
		}
	}
}

// TestParseSeedRules runs the rules on small exports of their own, so that
// each is shown to hold by itself, not only for the lines of the real seed.
func TestParseSeedRules(t *testing.T) {
	const in = "\n" +
		"Macro Funzione\tTema\tFunzione\tServizio\tAttività\n" +
		"Macro X\tA1 Tema uno\tA1.C Coordinamento\tTema uno\n" +
		"\t\tA1.1.F Formazione Uno\tspostata\n" +
		"A1.1 Uno\t\t\tA1.1.1 Primo\t<p>a</p> <p> b </p>\n" +
		"\t\t\tcontinua\n" +
		"A1.2 Due\tA1.1.2 Secondo\ttesto\n" +
		"\tA1 Tema uno\n" +
		"\t\t\tA1.2.F Formazione Due\n" +
		"A1.2.1 Terzo\n" +
		"A2.C Coordinamento Tema due\n" +
		"A2.1 Quattro\n" +
		"A3.1 Cinque\tsenza codice\n" +
		"\t\t\taltro\n"
	s, err := ParseSeed(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, n := range s.Nodes {
		got = append(got, strings.Join([]string{string(n.Code), n.Level.String(), n.Kind.String(), string(n.Parent), n.Name}, "|"))
	}
	want := []string{
		"A|macro|regular||Macro X",
		"A1|tema|regular|A|Tema uno",
		"A1.1|funzione|regular|A1|Uno",
		"A1.1.1|servizio|regular|A1.1|Primo",
		"A1.1.2|servizio|regular|A1.1|Secondo",
		"A1.1.F|servizio|formazione|A1.1|Formazione Uno",
		"A1.2|funzione|regular|A1|Due",
		"A1.2.1|servizio|regular|A1.2|Terzo",
		"A1.2.F|servizio|formazione|A1.2|Formazione Due",
		"A1.C|funzione|coordinamento|A1|Coordinamento Tema uno",
		"A2|tema|regular|A|Tema due",
		"A2.1|funzione|regular|A2|Quattro",
		"A2.C|funzione|coordinamento|A2|Coordinamento Tema due",
		"A3|tema|regular|A|Cinque",
		"A3.1|funzione|regular|A3|Cinque",
		"A3.1.1|servizio|regular|A3.1|senza codice",
		"A3.1.2|servizio|regular|A3.1|altro",
	}
	if !slices.Equal(got, want) {
		t.Errorf("nodes:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	texts := func(c model.Code) (out []string) {
		for _, a := range s.Actions[c] {
			out = append(out, a.Text)
		}
		return out
	}
	if got, want := texts("A1.1.1"), []string{"spostata", "a", "b", "continua"}; !slices.Equal(got, want) {
		t.Errorf("A1.1.1 actions = %q, want %q", got, want)
	}
	if got, want := texts("A1.1.2"), []string{"testo"}; !slices.Equal(got, want) {
		t.Errorf("A1.1.2 actions = %q, want %q", got, want)
	}
}

func TestParseSeedErrors(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"text before any code", "Macro X\n\tniente\n", "riga 2, colonna B: testo prima di ogni codice"},
		{"text under a tema", "M\tA1 Tema\n\ttesto\n", "testo sotto A1 (tema), fuori da ogni servizio"},
		{"heading repeated with another name", "M\tA1 Tema\nA1 Altro\n", "A1 compare di nuovo con un altro nome"},
		{"formazione text not followed by its servizio", "M\tA1 T\n\tA1.1 F\tA1.1.F Form\ttesto\n\tA1.2.1 S\n", "non è un servizio della stessa funzione"},
		{"formazione text at the end", "M\tA1 T\n\tA1.1 F\tA1.1.F Form\ttesto\n", "senza un servizio che la segua"},
		{"uncoded and coded servizi mixed", "M\tA1 T\n\tA1.1 F\tsenza codice\n\t\tA1.1.1 S\n", "ha servizi con codice (A1.1.1) e testo senza codice"},
		{"implied tema without a name", "M\tA1 T\nA2.1 Uno\nA2.2 Due\n", "il tema A2 non ha una riga di intestazione"},
		{"code of unknown shape", "M\tA1 T\n\tA1.1.1.1 Attività\n", "codice \"A1.1.1.1\" di forma sconosciuta"},
		{"heading without name", "M\tA1 T\n\tA1.1\n", "il nodo A1.1 non ha nome"},
		{"macro without a name", "A1 T\n", "il padre A del nodo A1 non esiste"},
		{"formazione without its funzione", "M\tA1 T\n\tA1.1.F Form\n", "il padre A1.1 del nodo A1.1.F non esiste"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseSeed(strings.NewReader(tt.in))
			if err == nil {
				t.Fatalf("no error, want one containing %q", tt.want)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q, want one containing %q", err, tt.want)
			}
		})
	}
}
