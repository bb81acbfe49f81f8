package outputs

import (
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"

	"camcost/costing"
	"camcost/indicators"
	"camcost/model"
)

// methodText says in one sentence what each ribaltamento method does.
func methodText(m model.Method) string {
	switch m {
	case model.MethodDiretto:
		return "ogni servizio di supporto ribalta il suo costo direttamente sui servizi dei processi primari; " +
			"i servizi di supporto non si scambiano costi tra loro."
	case model.MethodScalare:
		return "i servizi di supporto sono chiusi uno alla volta in ordine di mappa: ciascuno ribalta il suo costo sui servizi " +
			"di supporto che lo seguono e sui processi primari, senza che nulla torni indietro."
	case model.MethodReciproco:
		return "i servizi di supporto si scambiano costi tra loro e con i processi primari, risolvendo un sistema di equazioni " +
			"simultanee: ciascuno riceve la sua parte dei servizi che usa, anche di quelli a cui presta servizio."
	}
	return ""
}

// methodName is the method's name as a heading.
func methodName(m model.Method) string {
	if m == "" {
		return ""
	}
	return strings.ToUpper(string(m[:1])) + string(m[1:])
}

// ruleText explains a stage 4 rule.
func ruleText(r costing.Rule) string {
	switch r {
	case costing.RuleFTE:
		return "in proporzione agli FTE registrati direttamente sulle attività del servizio"
	case costing.RuleDriver:
		return "nessuno ha registrato tempo sulle attività: in proporzione alle quantità del driver «attivita»"
	case costing.RuleEqual:
		return "né tempi né driver sulle attività: in parti uguali"
	}
	return "il servizio non ha attività: il costo resta sul servizio"
}

// stageTexts describe the four stages of METHOD.md.
var stageTexts = [][2]string{
	{"Fase 1 – Costo diretto", "Ogni riga della contabilità è attribuita ai nodi della mappa: alla destinazione indicata, " +
		"all'unità organizzativa, per driver, oppure per FTE (e per retribuzioni, se presenti, la voce Personale)."},
	{"Fase 2 – Coordinamento e formazione", "Il costo dei nodi di coordinamento passa ai servizi del loro tema, " +
		"quello dei nodi di formazione ai servizi della loro funzione, in proporzione agli FTE."},
	{"Fase 3 – Ribaltamento del supporto", "Il costo dei servizi di supporto (macro funzioni A e B) passa ai processi " +
		"primari secondo il metodo scelto, per FTE o per il driver indicato per il tema."},
	{"Fase 4 – Attività", "Il costo di ogni servizio scende sulle sue attività: per gli FTE registrati sulle attività, " +
		"altrimenti per il driver «attivita», altrimenti in parti uguali. Alla fine ogni importo è arrotondato al centesimo " +
		"in modo che ogni voce quadri esattamente con la contabilità."},
}

// columnTexts explain the columns of the tree tables.
var columnTexts = [][2]string{
	{"FTE", "Equivalenti a tempo pieno dell'anno: fte del contratto × mesi di servizio / 12, ripartiti secondo i tempi registrati."},
	{"Costo diretto per voce", "Quanto la fase 1 attribuisce al nodo, per ciascuna voce degli oneri correnti (allegato C, voci 6-9)."},
	{"Quota coordinamento e formazione", "Quanto il nodo riceve, in fase 2, dai nodi di coordinamento del suo tema e di formazione della sua funzione."},
	{"Quota supporto ricevuta", "Quanto il nodo riceve, in fase 3, dai servizi di supporto."},
	{"Ceduto ad altri", "Quanto il nodo passa ad altri nodi nelle fasi 2 e 3 (importo negativo): tutto il suo costo, per i nodi di supporto, coordinamento e formazione."},
	{"Costo pieno", "Costo diretto + quote ricevute + ceduto ad altri (che è negativo): il costo del nodo dopo tutti i ribaltamenti. La somma sull'ente è il totale degli oneri correnti."},
}

// metodo writes what the run did: stages, method, support drivers, stage 4
// rules, input files with their hashes, warnings and how to read the
// columns.
func (c *costi) metodo(f *excelize.File) error {
	if _, err := f.NewSheet(SheetMetodo); err != nil {
		return err
	}
	s := &sheet{f: f, name: SheetMetodo}
	st := c.st
	res := c.res
	const width = 4
	widths := []float64{36, 46, 14, 72}
	wide := widths[1] + widths[2] + widths[3] // a value merged over B:D
	s.widths(widths...)
	s.put(titleBlocks("Metodo e dati dell'esecuzione", "", c.info, width, st))
	row := 4
	section := func(title string) {
		row++
		s.merge(1, row, width, row, title, st.section)
		s.height(row, 20)
		row++
	}
	pair := func(k string, v any, style int) {
		s.set(1, row, k, st.textBold)
		if text, ok := v.(string); ok && style == st.text && textHeight(text, wide, 11) > 20 {
			style = st.textWrap
			s.height(row, textHeight(text, wide, 11))
		}
		s.merge(2, row, width, row, v, style)
		row++
	}
	tableHead := func(h ...string) {
		for i, x := range h {
			s.set(i+1, row, x, st.headerLeft)
		}
		row++
	}

	section("Esecuzione")
	pair("Ente", c.info.Ente, st.text)
	pair("Anno", orDash(c.info.Anno), st.text)
	pair("Identificativo dell'esecuzione", c.info.RunID, st.code)
	pair("Versione di camcost", c.info.Version, st.text)
	mapFrom := "mappa dei processi incorporata in camcost"
	if res.Inputs.MapSource != "" {
		mapFrom = "file " + res.Inputs.MapSource
	}
	pair("Mappa dei processi", fmt.Sprintf("%s (%d nodi)", mapFrom, res.Map.Len()), st.text)
	pair("Impostazioni", res.Settings.Origin(), st.text)
	pair("Personale", fmt.Sprintf("%d persone, %s FTE", len(res.Inputs.People), model.Italian(res.TotalFTE, 2)), st.text)
	pair("Tempi registrati in", res.Inputs.TimeUnit.String(), st.text)
	key := "retribuzioni assenti: la voce Personale è ripartita per FTE"
	if res.Inputs.HasPayroll {
		key = "retribuzioni presenti: la voce Personale è ripartita per costo del personale registrato sui nodi"
	}
	pair("Chiave del personale", key, st.text)
	pair("Per i revisori", fmt.Sprintf("%s: le cifre di ogni nodo; %s: ogni passaggio dell'attribuzione, dalla riga di contabilità "+
		"all'attività; %s: impronte dei file e totali controllati (nella stessa cartella)", CostsFile, TraceFile, ManifestFile), st.text)

	section("Le fasi del calcolo")
	for _, t := range stageTexts {
		s.set(1, row, t[0], st.textBold)
		s.merge(2, row, width, row, t[1], st.textWrap)
		s.height(row, textHeight(t[1], wide, 11))
		row++
	}

	section("Metodo di ribaltamento dei servizi di supporto (fase 3)")
	for _, m := range model.Methods {
		label, style := methodName(m), st.text
		if m == res.Settings.Method {
			label, style = methodName(m)+" (scelto)", st.textBold
		}
		s.set(1, row, label, style)
		s.merge(2, row, width, row, methodText(m), st.textWrap)
		s.height(row, textHeight(methodText(m), wide, 11))
		row++
	}

	section("Driver dei servizi di supporto per tema")
	tableHead("Tema", "Denominazione", "Driver", "Significato")
	support := indicators.SupportMacros(res)
	for i, n := range res.Map.Nodes() {
		if n.Level != model.LevelTema || !support[res.Map.Macro(i)] {
			continue
		}
		d := res.Settings.SupportDriverFor(n.Code)
		meaning := "predefinito: in proporzione agli FTE dei servizi destinatari"
		switch d {
		case "", model.DriverFTE:
			d = model.DriverFTE
		case model.DriverPersonale:
			meaning = "in proporzione al costo del personale dei servizi destinatari"
		default:
			meaning = fmt.Sprintf("in proporzione alle quantità del driver «%s» dei servizi destinatari", d)
		}
		s.set(1, row, string(n.Code), st.code)
		s.set(2, row, n.Name, st.text)
		s.set(3, row, d, st.textBold)
		s.set(4, row, meaning, st.text)
		row++
	}

	section("Ripartizione dei servizi sulle attività (fase 4)")
	tableHead("Regola", "Significato", "Servizi", "Servizi interessati")
	counts := make(map[costing.Rule][]string)
	for _, r := range res.Rules {
		counts[r.Rule] = append(counts[r.Rule], string(r.Code))
	}
	for _, r := range []costing.Rule{costing.RuleFTE, costing.RuleDriver, costing.RuleEqual, costing.RuleNone} {
		s.set(1, row, r.String(), st.text)
		s.set(2, row, ruleText(r), st.textWrap)
		s.set(3, row, len(counts[r]), st.integer)
		// Every rule names its servizi, on a row of its own.
		list := strings.Join(counts[r], ", ")
		s.set(4, row, list, st.textWrap)
		s.height(row, max(textHeight(ruleText(r), widths[1], 11), textHeight(list, widths[3], 11)))
		row++
	}

	section("File di input")
	tableHead("File", "Tabelle", "Byte", "SHA-256")
	for _, in := range res.Inputs.Files {
		s.set(1, row, in.Name, st.text)
		s.set(2, row, strings.Join(in.Tables, ", "), st.textWrap)
		s.height(row, textHeight(strings.Join(in.Tables, ", "), widths[1], 11))
		s.set(3, row, in.Size, st.integer)
		s.set(4, row, in.SHA256, st.code)
		row++
	}
	if len(res.Inputs.Files) == 0 {
		s.merge(1, row, width, row, "nessun file registrato", st.note)
		row++
	}

	section("Avvisi")
	warnings := append([]string(nil), res.Warnings...)
	for _, w := range res.Inputs.Warnings {
		warnings = append(warnings, w.Error())
	}
	for _, w := range warnings {
		s.merge(1, row, width, row, w, st.textWrap)
		s.height(row, textHeight(w, widths[0]+wide, 11))
		row++
	}
	if len(warnings) == 0 {
		s.merge(1, row, width, row, "Nessun avviso.", st.text)
		row++
	}

	section("Come leggere le colonne")
	for _, t := range columnTexts {
		s.set(1, row, t[0], st.textBold)
		s.merge(2, row, width, row, t[1], st.textWrap)
		s.height(row, textHeight(t[1], wide, 11))
		row++
	}
	s.note(row, width, widths[0]+wide, vocabularyNote, st.noteWrap)
	s.print(0)
	return s.err
}

func orDash(s string) string {
	if s == "" {
		return "–"
	}
	return s
}
