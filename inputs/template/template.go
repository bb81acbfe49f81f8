// Package template writes the empty input workbook a controller fills in:
// one sheet per table of a run folder with its exact header, a note on every
// header cell explaining the column, drop-down lists where the values come
// from a list (codes of the map, voci, matricole), frozen headers and an
// "istruzioni" sheet that explains how to fill it in.
//
// The workbook depends only on the process map: the same map gives the same
// bytes.
package template

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"camcost/internal/detzip"
	"camcost/model"
)

// lastRow bounds the rows the validations cover and the list of matricole.
const (
	lastRow       = 1048576
	lastMatricola = 10000
)

// check is a data validation of a column.
type check struct {
	list   string   // a range of cells holding the allowed values
	values []string // or the allowed values themselves
	min    string   // or a decimal range
	max    string   // "" for no upper bound
	custom string   // or a formula, relative to the first data row
	strict bool     // stop the value; else only inform
	msg    string
}

type column struct {
	name   string
	width  float64
	format string // number format: "@" text, "" general
	note   string
	check  *check
}

type sheet struct {
	name string
	cols []column
}

// codiciRange and vociRange are the lists of the codici and voci sheets; the
// row count is filled in when the map is known.
func codiciRange(n int) string { return fmt.Sprintf("codici!$A$2:$A$%d", n+1) }

var vociRange = fmt.Sprintf("voci!$A$2:$A$%d", model.NumVoci+1)

var matricole = fmt.Sprintf("personale!$A$2:$A$%d", lastMatricola)

// tables are the sheets of the tables of docs/ingressi.md, with the exact column
// names. The mappa table is left out: without it camcost uses its own map.
func tables(codes int) []sheet {
	codici := codiciRange(codes)
	return []sheet{
		{"personale", []column{
			{"matricola", 14, "@", "Identificativo della persona, unico nel foglio.\nObbligatoria. È testo: gli zeri iniziali restano.\nEsempio: 004127",
				&check{custom: fmt.Sprintf("COUNTIF($A$2:$A$%d,A2)=1", lastMatricola), strict: true, msg: "Questa matricola è già presente nel foglio personale."}},
			{"qualifica", 14, "@", "Categoria o qualifica della persona, testo libero: serve per i report.\nObbligatoria: se è vuota camcost lo segnala con un avviso sulla riga.\nEsempi: Dirigente, D, C, B", nil},
			{"fte", 10, "0.0###", "Quota di tempo pieno da contratto: più di 0 e al massimo 1.\nFacoltativa: vuota vale 1.\nEsempi: 1; 0,5 (part-time al 50%); 0,8333 (30 ore su 36)",
				&check{min: "0.0001", max: "1", strict: true, msg: "fte deve essere maggiore di 0 e al massimo 1."}},
			{"mesi", 9, "", "Mesi di servizio nell'anno: più di 0 e al massimo 12.\nFacoltativa: vuota vale 12.\nEsempio: 7 (assunto a giugno)",
				&check{min: "0.01", max: "12", strict: true, msg: "mesi deve essere maggiore di 0 e al massimo 12."}},
			{"unita", 32, "@", "Ufficio della persona.\nFacoltativa: serve alle destinazioni unita:NOME della contabilità e dei driver, che devono usare lo stesso nome (maiuscole, accenti e spazi non contano).\nEsempio: Ufficio Registro imprese", nil},
		}},
		{"retribuzioni", []column{
			{"matricola", 14, "@", "Matricola della persona, come nel foglio personale (elenco).\nObbligatoria. Una riga per voce retributiva: più righe per persona.\nEsempio: 004127",
				&check{list: matricole, strict: true, msg: "La matricola deve essere nel foglio personale."}},
			{"voce", 30, "@", "Voce retributiva, testo libero.\nObbligatoria.\nEsempi: Stipendio tabellare, Trattamento accessorio, Oneri sociali, IRAP", nil},
			{"importo", 16, "#,##0.00", "Importo dell'anno in euro, con i centesimi.\nObbligatorio; negativo solo per le rettifiche.\nEsempio: 24.312,50", nil},
		}},
		{"tempi", []column{
			{"matricola", 14, "@", "Matricola della persona, come nel foglio personale (elenco).\nObbligatoria. Ogni persona del personale deve avere almeno una riga.\nEsempio: 004127",
				&check{list: matricole, strict: true, msg: "La matricola deve essere nel foglio personale."}},
			{"codice", 14, "@", "Codice della mappa su cui la persona ha lavorato: servizio, attività, coordinamento o formazione (elenco dal foglio codici).\nObbligatorio.\nEsempio: C1.1.1",
				&check{list: codici, strict: true, msg: "Il codice deve essere uno di quelli del foglio codici: servizi, attività, coordinamento e formazione."}},
			{"percentuale", 13, "0.0#", "Quota del tempo della persona su quel codice, in percento.\nObbligatoria. Per ogni persona le quote sommano a 100.\nEsempio: 62,5\nPer registrare ore invece di percentuali: rinominare la colonna in ore e, se serve, aggiungere la colonna periodo (mese 1-12).",
				// No upper bound: renamed to ore, the column takes hours.
				&check{min: "0", strict: true, msg: "La quota (o le ore) non può essere negativa."}},
		}},
		{"contabilita", []column{
			{"conto", 10, "@", "Codice del conto.\nObbligatorio.\nEsempio: 325013", nil},
			{"descrizione", 48, "@", "Nome del conto, come nel piano dei conti.\nObbligatoria: se è vuota camcost lo segnala con un avviso sulla riga.\nEsempio: Utenze energia elettrica", nil},
			{"voce", 28, "@", "Voce del conto economico (DPR 254/2005, allegato C) a cui appartiene il conto: una delle 15 chiavi del foglio voci (elenco).\nObbligatoria.\nEsempio: funzionamento",
				&check{list: vociRange, strict: true, msg: "La voce deve essere una delle chiavi del foglio voci."}},
			{"importo", 16, "#,##0.00", "Importo dell'anno in euro, come nel bilancio: costi e proventi entrambi positivi.\nObbligatorio; negativo solo per le rettifiche.\nEsempio: 457.922,84", nil},
			{"destinazione", 30, "@", "Facoltativa: dove va tutto l'importo.\nUn codice della mappa a qualsiasi livello (l'elenco propone quelli su cui si registra tempo; vanno bene anche funzioni, temi e macro funzioni) oppure unita:NOME di un ufficio del foglio personale.\nEsempi: A2.1.1; D6; unita:Metrologia legale",
				&check{list: codici, msg: "Non è un codice del foglio codici: va bene se è un codice della mappa di livello superiore o unita:NOME di un ufficio."}},
			{"driver", 12, "@", "Facoltativo: come ripartire l'importo quando non c'è una destinazione.\nfte (per FTE), personale (per costo del personale) oppure il nome di un driver del foglio driver.\nVuoto: per costo del personale la voce personale, per FTE le altre.\nEsempio: mq", nil},
		}},
		{"driver", []column{
			{"driver", 12, "@", "Nome del driver, da usare nella colonna driver della contabilità o in camcost.toml.\nObbligatorio.\nEsempi: mq, pratiche; attivita ripartisce un servizio tra le sue attività.", nil},
			{"codice", 30, "@", "Dove sta la quantità: un codice della mappa a qualsiasi livello oppure unita:NOME di un ufficio del foglio personale.\nObbligatorio.\nEsempi: C1.1.1; unita:Provveditorato",
				&check{list: codici, msg: "Non è un codice del foglio codici: va bene se è un codice della mappa di livello superiore o unita:NOME di un ufficio."}},
			{"quantita", 12, "", "Quantità del driver su quel codice, non negativa.\nObbligatoria.\nEsempio: 250 (metri quadri)",
				&check{min: "0", strict: true, msg: "La quantità non può essere negativa."}},
		}},
		{"volumi", []column{
			{"codice", 12, "@", "Codice della mappa a cui si riferisce il volume.\nObbligatorio.\nEsempio: C1.1.1",
				&check{list: codici, msg: "Non è un codice del foglio codici: va bene se è un altro codice della mappa."}},
			{"misura", 40, "@", "Che cosa si conta.\nObbligatoria.\nEsempi: pratiche evase, certificati d'origine", nil},
			{"quantita", 12, "", "Quantità prodotta nell'anno.\nObbligatoria.\nEsempio: 43.963",
				&check{min: "0", strict: true, msg: "La quantità non può essere negativa."}},
		}},
		{"contesto", []column{
			{"chiave", 22, "@", "Nome dell'informazione: ente, anno, imprese_attive, imprese_registrate, cluster (elenco) o un'altra a scelta, che sarà riportata.\nObbligatoria.\nEsempio: imprese_registrate",
				&check{values: []string{model.CtxEnte, model.CtxAnno, model.CtxImpreseAttive, model.CtxImpreseRegistrate, model.CtxCluster},
					msg: "Non è una chiave nota: sarà riportata così com'è."}},
			{"valore", 40, "@", "Valore dell'informazione.\nObbligatorio.\nEsempi: Camera di Commercio di Cuneo; 2025; 60568; media", nil},
		}},
	}
}

// Sheets lists the sheets of the workbook in order.
var Sheets = []string{"istruzioni", "personale", "retribuzioni", "tempi", "contabilita", "driver", "volumi", "contesto", "codici", "voci"}

// Write writes the template workbook for map m to w.
func Write(w io.Writer, m *model.Map) error {
	if m == nil {
		return fmt.Errorf("mappa dei processi mancante")
	}
	f := excelize.NewFile()
	defer f.Close()
	f.SetZipWriter(detzip.New)
	b := &builder{f: f}
	if err := b.styles(); err != nil {
		return err
	}
	var bookable []model.Node
	for _, n := range m.Nodes() {
		if n.Bookable() {
			bookable = append(bookable, n)
		}
	}
	steps := []func() error{
		func() error { return b.instructions(len(bookable)) },
	}
	for _, s := range tables(len(bookable)) {
		steps = append(steps, func() error { return b.table(s) })
	}
	steps = append(steps,
		func() error { return b.codici(bookable) },
		b.voci,
		func() error {
			f.SetActiveSheet(0)
			return f.SetDocProps(&excelize.DocProperties{
				Title:          "Modello di input camcost",
				Subject:        "Personale, retribuzioni, tempi e contabilità per il calcolo dei costi dei processi",
				Creator:        "camcost",
				LastModifiedBy: "camcost",
				Created:        "2025-01-01T00:00:00Z",
				Modified:       "2025-01-01T00:00:00Z",
				Language:       "it-IT",
			})
		})
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}
	_, err := f.WriteTo(w)
	return err
}

type builder struct {
	f                   *excelize.File
	header, title, wrap int
	formats             map[string]int
	sheets              int
}

func (b *builder) styles() error {
	var err error
	if b.header, err = b.f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
		Border:    []excelize.Border{{Type: "bottom", Color: "808080", Style: 1}},
		NumFmt:    49,
		Alignment: &excelize.Alignment{Vertical: "center"},
	}); err != nil {
		return err
	}
	if b.title, err = b.f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}}); err != nil {
		return err
	}
	if b.wrap, err = b.f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}); err != nil {
		return err
	}
	b.formats = map[string]int{}
	for _, format := range []string{"@", "0.0###", "0.0#", "#,##0.00"} {
		st := &excelize.Style{NumFmt: 49}
		if format != "@" {
			st = &excelize.Style{CustomNumFmt: &format}
		}
		if b.formats[format], err = b.f.NewStyle(st); err != nil {
			return err
		}
	}
	return nil
}

// newSheet adds a sheet (renaming the workbook's first, empty one).
func (b *builder) newSheet(name string) error {
	b.sheets++
	if b.sheets == 1 {
		return b.f.SetSheetName("Sheet1", name)
	}
	_, err := b.f.NewSheet(name)
	return err
}

func (b *builder) freeze(name string) error {
	return b.f.SetPanes(name, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
}

func (b *builder) table(s sheet) error {
	if err := b.newSheet(s.name); err != nil {
		return err
	}
	for i, c := range s.cols {
		col, _ := excelize.ColumnNumberToName(i + 1)
		cell := col + "1"
		if err := b.f.SetColWidth(s.name, col, col, c.width); err != nil {
			return err
		}
		if c.format != "" {
			if err := b.f.SetColStyle(s.name, col, b.formats[c.format]); err != nil {
				return err
			}
		}
		if err := b.f.SetCellStr(s.name, cell, c.name); err != nil {
			return err
		}
		if err := b.f.SetCellStyle(s.name, cell, cell, b.header); err != nil {
			return err
		}
		if err := b.f.AddComment(s.name, excelize.Comment{
			Cell: cell, Author: "camcost", Width: 300, Height: 150,
			Paragraph: []excelize.RichTextRun{
				{Text: c.name + "\n", Font: &excelize.Font{Bold: true}},
				{Text: c.note},
			},
		}); err != nil {
			return err
		}
		if c.check != nil {
			if err := b.f.AddDataValidation(s.name, c.check.validation(fmt.Sprintf("%s2:%s%d", col, col, lastRow), c.name)); err != nil {
				return fmt.Errorf("%s.%s: %w", s.name, c.name, err)
			}
		}
	}
	return b.freeze(s.name)
}

func (c *check) validation(sqref, column string) *excelize.DataValidation {
	dv := excelize.NewDataValidation(true)
	dv.Sqref = sqref
	switch {
	case c.list != "":
		dv.SetSqrefDropList(c.list)
	case c.values != nil:
		_ = dv.SetDropList(c.values) // short lists: cannot exceed 255 characters
	case c.custom != "":
		dv.Type = "custom"
		dv.Formula1 = c.custom
	case c.max != "":
		_ = dv.SetRange(c.min, c.max, excelize.DataValidationTypeDecimal, excelize.DataValidationOperatorBetween)
	default:
		_ = dv.SetRange(c.min, c.min, excelize.DataValidationTypeDecimal, excelize.DataValidationOperatorGreaterThanOrEqual)
		dv.Formula2 = ""
	}
	style := excelize.DataValidationErrorStyleInformation
	if c.strict {
		style = excelize.DataValidationErrorStyleStop
	}
	dv.SetError(style, "Colonna "+column, c.msg)
	return dv
}

// codici lists the bookable codes, in map order.
func (b *builder) codici(nodes []model.Node) error {
	const name = "codici"
	if err := b.newSheet(name); err != nil {
		return err
	}
	if err := b.listHeader(name, []string{"codice", "livello", "tipo", "nome"}, []float64{12, 12, 16, 100}); err != nil {
		return err
	}
	for i, n := range nodes {
		if err := b.f.SetSheetRow(name, fmt.Sprintf("A%d", i+2), &[]any{string(n.Code), n.Level.Label(), kindLabel(n), n.Name}); err != nil {
			return err
		}
	}
	return b.freeze(name)
}

// listHeader writes the header row and column widths of a reference sheet.
func (b *builder) listHeader(name string, head []string, widths []float64) error {
	for i, h := range head {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := b.f.SetCellStr(name, col+"1", h); err != nil {
			return err
		}
		if err := b.f.SetColWidth(name, col, col, widths[i]); err != nil {
			return err
		}
	}
	last, _ := excelize.ColumnNumberToName(len(head))
	return b.f.SetCellStyle(name, "A1", last+"1", b.header)
}

func kindLabel(n model.Node) string {
	switch n.Kind {
	case model.KindCoordinamento:
		return "coordinamento"
	case model.KindFormazione:
		return "formazione"
	}
	return "ordinario"
}

// voci lists the voce keys of the conto economico.
func (b *builder) voci() error {
	const name = "voci"
	if err := b.newSheet(name); err != nil {
		return err
	}
	if err := b.listHeader(name, []string{"voce", "descrizione", "sezione", "tipo"}, []float64{28, 42, 40, 10}); err != nil {
		return err
	}
	for i, v := range model.Voci() {
		kind := "onere"
		if v.Revenue {
			kind = "provento"
		}
		if err := b.f.SetSheetRow(name, fmt.Sprintf("A%d", i+2), &[]any{string(v.Key), v.Label, v.Section.Label(), kind}); err != nil {
			return err
		}
	}
	return b.freeze(name)
}

// instructions explains, in Italian, how to fill in the workbook.
func (b *builder) instructions(codes int) error {
	const name = "istruzioni"
	if err := b.newSheet(name); err != nil {
		return err
	}
	if err := b.f.SetColWidth(name, "A", "A", 110); err != nil {
		return err
	}
	lines := strings.Split(strings.TrimSpace(fmt.Sprintf(instructionsText, codes)), "\n")
	for i, line := range lines {
		cell := fmt.Sprintf("A%d", i+1)
		if err := b.f.SetCellStr(name, cell, line); err != nil {
			return err
		}
		// Headings (the title, lines ending with a colon) in large bold;
		// the rest wrapped, with the row as tall as its lines, since not
		// every spreadsheet fits rows to wrapped text on opening.
		style, height := b.wrap, 15*float64((utf8.RuneCountInString(line)+99)/100)+3
		if i == 0 || (!strings.HasPrefix(line, "-") && strings.HasSuffix(line, ":")) {
			style, height = b.title, 24
		}
		if err := b.f.SetCellStyle(name, cell, cell, style); err != nil {
			return err
		}
		if err := b.f.SetRowHeight(name, i+1, height); err != nil {
			return err
		}
	}
	return nil
}

const instructionsText = `
Modello di input camcost
Questa cartella di lavoro raccoglie i dati dell'anno per il calcolo dei costi dei processi. Un foglio per tabella: personale, retribuzioni, tempi, contabilita, driver, volumi, contesto. I fogli codici e voci sono elenchi di consultazione, usati dai menu a tendina.
Regole generali:
- Non rinominare i fogli e non cambiare le intestazioni della riga 1: camcost riconosce le tabelle dal nome del foglio e le colonne dall'intestazione. L'ordine delle colonne invece è libero.
- Passando il mouse su un'intestazione compare una nota che spiega la colonna: che cosa contiene, se è obbligatoria, un esempio.
- Le colonne con un elenco (codici, voci, matricole) propongono i valori ammessi con un menu a tendina.
- Scrivere i numeri come numeri, non come testo. Gli importi sono in euro con i centesimi; sono ammessi negativi solo per le rettifiche.
- Le righe vuote sono ignorate.
Che cosa compilare:
- personale (obbligatorio): una riga per ogni persona in servizio nell'anno, con matricola, qualifica, fte, mesi e ufficio.
- tempi (obbligatorio): per ogni persona, la quota del suo tempo su ciascun codice della mappa. I codici ammessi sono i %d del foglio codici: servizi, attività, coordinamento e formazione. Per ogni persona le percentuali sommano a 100. Per registrare ore invece di percentuali, rinominare la colonna percentuale in ore e, se servono i mesi, aggiungere la colonna periodo (1-12).
- contabilita (obbligatorio): una riga per conto del conto economico dell'anno, con la voce dell'allegato C (foglio voci). destinazione e driver sono facoltativi: senza, il personale si ripartisce per costo del personale e le altre voci per FTE.
- retribuzioni (facoltativo): le voci retributive di ogni persona; se c'è, il costo del personale si ripartisce in proporzione alle retribuzioni invece che agli FTE.
- driver (facoltativo): quantità come i metri quadri (mq) o le pratiche, su codici della mappa o su uffici (unita:NOME).
- volumi (facoltativo): quantità prodotte (pratiche evase, certificati...), per i costi unitari.
- contesto (facoltativo): ente, anno, imprese attive e registrate, cluster.
Attenzione:
- Un foglio facoltativo che non si usa va eliminato: se c'è, anche vuoto, conta come tabella fornita. Un foglio retribuzioni vuoto è un errore: eliminarlo per ripartire il costo del personale per FTE.
- La mappa dei processi è quella predefinita di camcost. Per usarne un'altra aggiungere un foglio mappa con le colonne code, level, kind, parent, name (il formato di camcost map --out mappa.csv).
Salvataggio e calcolo:
- Salvare come Cartella di lavoro di Excel (.xlsx) nella cartella di input dell'anno. Nella stessa cartella può stare camcost.toml con il metodo di ribaltamento (diretto, scalare o reciproco) e i driver dei servizi di supporto.
- Ogni tabella deve comparire una sola volta nella cartella: non tenere insieme, per esempio, un foglio tempi e un file tempi.csv.
- Controllare i dati con camcost validate CARTELLA, poi calcolare i costi con camcost run CARTELLA --out RISULTATI.
`
