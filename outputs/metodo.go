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

// stageTexts describe the four stages of docs/metodo.md and the final rounding.
var stageTexts = [][2]string{
	{"Fase 1 – Costo diretto", "Ogni riga della contabilità è attribuita ai nodi della mappa: alla destinazione indicata, " +
		"all'unità organizzativa, per driver, oppure per FTE (e per retribuzioni, se presenti, la voce Personale)."},
	{"Fase 2 – Coordinamento e formazione", "Il costo dei nodi di coordinamento passa ai servizi del loro tema, " +
		"quello dei nodi di formazione ai servizi della loro funzione, in proporzione agli FTE."},
	{"Fase 3 – Ribaltamento del supporto", "Il costo dei servizi di supporto (macro funzioni A e B) passa ai processi " +
		"primari secondo il metodo scelto, per FTE o per il driver indicato per il tema."},
	{"Fase 4 – Attività", "Il costo di ogni servizio scende sulle sue attività: per gli FTE registrati sulle attività, " +
		"altrimenti per il driver «attivita», altrimenti in parti uguali."},
	{"Fase 5 – Arrotondamento", "I calcoli sono esatti; solo alla fine gli importi delle attività sono portati al centesimo " +
		"(gli FTE a quattro decimali), ciascuno per difetto o per eccesso, scegliendo in modo che ogni cifra di ogni nodo, " +
		"a ogni livello, disti meno di un centesimo (0,0001 FTE) dal suo valore esatto, che ogni nodo sia la somma dei suoi " +
		"figli, che ogni riga torni e che ogni voce quadri esattamente con la contabilità. Fa eccezione il costo diretto " +
		"totale, somma delle voci mostrate: può scostarsi di meno di un centesimo per ogni voce non esatta (meno di 4 " +
		"centesimi). Ogni correzione è una riga di fase 5 in " + TraceFile + "."},
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
	m := newMetodoSheet(f, c.st)
	m.put(titleBlocks("Metodo e dati dell'esecuzione", "", c.info, metodoCols, c.st))
	m.esecuzione(c.res, c.info)
	m.fasi()
	m.metodi(c.res.Settings.Method)
	m.supportDrivers(c.res)
	m.stage4Rules(c.res.Rules)
	m.inputFiles(c.res.Inputs.Files)
	m.avvisi(warningTexts(c.res))
	m.columnGuide()
	m.print(0)
	return m.err
}

// metodoCols is the number of columns of the Metodo sheet: a label in A,
// a value merged over B:D or a table of four columns.
const metodoCols = 4

// metodoSheet lays out the Metodo sheet from the top down; row is the next
// row to write.
type metodoSheet struct {
	*sheet
	st     *styles
	row    int
	widths []float64
	wide   float64 // a value merged over B:D
}

func newMetodoSheet(f *excelize.File, st *styles) *metodoSheet {
	m := &metodoSheet{sheet: st.sheetOf(f, SheetMetodo), st: st, row: 4, widths: []float64{36, 46, 14, 72}}
	m.wide = m.widths[1] + m.widths[2] + m.widths[3]
	m.sheet.widths(m.widths...)
	return m
}

// section writes a section title after a blank row.
func (m *metodoSheet) section(title string) {
	m.row++
	m.merge(1, m.row, metodoCols, m.row, title, m.st.section)
	m.height(m.row, 20)
	m.row++
}

// pair writes a label and its value merged over B:D, wrapping a long text.
func (m *metodoSheet) pair(k string, v any, style int) {
	m.set(1, m.row, k, m.st.textBold)
	if text, ok := v.(string); ok && style == m.st.text && textHeight(text, m.wide, 11) > 20 {
		style = m.st.textWrap
		m.height(m.row, textHeight(text, m.wide, 11))
	}
	m.merge(2, m.row, metodoCols, m.row, v, style)
	m.row++
}

// explain writes a bold label and its explanation merged over B:D.
func (m *metodoSheet) explain(label, text string) {
	m.set(1, m.row, label, m.st.textBold)
	m.merge(2, m.row, metodoCols, m.row, text, m.st.textWrap)
	m.height(m.row, textHeight(text, m.wide, 11))
	m.row++
}

// tableHead writes the header row of a table.
func (m *metodoSheet) tableHead(h ...string) {
	for i, x := range h {
		m.set(i+1, m.row, x, m.st.headerLeft)
	}
	m.row++
}

// esecuzione writes who ran what on which data.
func (m *metodoSheet) esecuzione(res *costing.Result, info RunInfo) {
	st := m.st
	m.section("Esecuzione")
	m.pair("Ente", info.Ente, st.text)
	m.pair("Anno", orDash(info.Anno), st.text)
	m.pair("Identificativo dell'esecuzione", info.RunID, st.code)
	m.pair("Versione di camcost", info.Version, st.text)
	mapFrom := "mappa dei processi incorporata in camcost"
	if res.Inputs.MapSource != "" {
		mapFrom = "file " + res.Inputs.MapSource
	}
	m.pair("Mappa dei processi", fmt.Sprintf("%s (%d nodi)", mapFrom, res.Map.Len()), st.text)
	m.pair("Impostazioni", res.Settings.Origin(), st.text)
	m.pair("Personale", fmt.Sprintf("%d persone, %s FTE", len(res.Inputs.People), model.Italian(res.TotalFTE, 2)), st.text)
	m.pair("Tempi registrati in", res.Inputs.TimeUnit.String(), st.text)
	key := "retribuzioni assenti: la voce Personale è ripartita per FTE"
	if res.Inputs.HasPayroll {
		key = "retribuzioni presenti: la voce Personale è ripartita per costo del personale registrato sui nodi"
	}
	m.pair("Chiave del personale", key, st.text)
	m.pair("Per i revisori", fmt.Sprintf("%s: le cifre di ogni nodo; %s: ogni passaggio dell'attribuzione, dalla riga di contabilità "+
		"all'attività; %s: impronte dei file e totali controllati (nella stessa cartella)", CostsFile, TraceFile, ManifestFile), st.text)
}

// fasi writes the four stages of docs/metodo.md.
func (m *metodoSheet) fasi() {
	m.section("Le fasi del calcolo")
	for _, t := range stageTexts {
		m.explain(t[0], t[1])
	}
}

// metodi writes the three ribaltamento methods, the chosen one in bold.
func (m *metodoSheet) metodi(chosen model.Method) {
	m.section("Metodo di ribaltamento dei servizi di supporto (fase 3)")
	for _, k := range model.Methods() {
		label, style := methodName(k), m.st.text
		if k == chosen {
			label, style = methodName(k)+" (scelto)", m.st.textBold
		}
		m.set(1, m.row, label, style)
		m.merge(2, m.row, metodoCols, m.row, methodText(k), m.st.textWrap)
		m.height(m.row, textHeight(methodText(k), m.wide, 11))
		m.row++
	}
}

// supportDrivers writes the driver of the support servizi of every
// support tema and what it means.
func (m *metodoSheet) supportDrivers(res *costing.Result) {
	st := m.st
	m.section("Driver dei servizi di supporto per tema")
	m.tableHead("Tema", "Denominazione", "Driver", "Significato")
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
		m.set(1, m.row, string(n.Code), st.code)
		m.set(2, m.row, n.Name, st.text)
		m.set(3, m.row, d, st.textBold)
		m.set(4, m.row, meaning, st.text)
		m.row++
	}
}

// stage4Rules writes how many servizi each stage 4 rule split, and which.
func (m *metodoSheet) stage4Rules(rules []costing.ServizioRule) {
	st := m.st
	m.section("Ripartizione dei servizi sulle attività (fase 4)")
	m.tableHead("Regola", "Significato", "Servizi", "Servizi interessati")
	counts := make(map[costing.Rule][]string)
	for _, r := range rules {
		counts[r.Rule] = append(counts[r.Rule], string(r.Code))
	}
	for _, r := range []costing.Rule{costing.RuleFTE, costing.RuleDriver, costing.RuleEqual, costing.RuleNone} {
		m.set(1, m.row, r.String(), st.text)
		m.set(2, m.row, ruleText(r), st.textWrap)
		m.set(3, m.row, len(counts[r]), st.integer)
		// Every rule names its servizi, on a row of its own.
		list := strings.Join(counts[r], ", ")
		m.set(4, m.row, list, st.textWrap)
		m.height(m.row, max(textHeight(ruleText(r), m.widths[1], 11), textHeight(list, m.widths[3], 11)))
		m.row++
	}
}

// inputFiles writes the files read, with their tables, sizes and hashes.
func (m *metodoSheet) inputFiles(files []model.InputFile) {
	st := m.st
	m.section("File di input")
	m.tableHead("File", "Tabelle", "Byte", "SHA-256")
	for _, in := range files {
		m.set(1, m.row, in.Name, st.text)
		m.set(2, m.row, strings.Join(in.Tables, ", "), st.textWrap)
		m.height(m.row, textHeight(strings.Join(in.Tables, ", "), m.widths[1], 11))
		m.set(3, m.row, in.Size, st.integer)
		m.set(4, m.row, in.SHA256, st.code)
		m.row++
	}
	if len(files) == 0 {
		m.merge(1, m.row, metodoCols, m.row, "nessun file registrato", st.note)
		m.row++
	}
}

// avvisi writes the warnings of the run, one a row.
func (m *metodoSheet) avvisi(warnings []string) {
	m.section("Avvisi")
	for _, w := range warnings {
		m.merge(1, m.row, metodoCols, m.row, w, m.st.textWrap)
		m.height(m.row, textHeight(w, m.widths[0]+m.wide, 11))
		m.row++
	}
	if len(warnings) == 0 {
		m.merge(1, m.row, metodoCols, m.row, "Nessun avviso.", m.st.text)
		m.row++
	}
}

// columnGuide explains the columns of the tree tables, then the words.
func (m *metodoSheet) columnGuide() {
	m.section("Come leggere le colonne")
	for _, t := range columnTexts {
		m.explain(t[0], t[1])
	}
	m.note(m.row, metodoCols, m.widths[0]+m.wide, vocabularyNote, m.st.noteWrap)
}

func orDash(s string) string {
	if s == "" {
		return "–"
	}
	return s
}
