package outputs

import (
	"fmt"
	"io"
	"strings"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"camcost/costing"
	"camcost/model"
)

// SheetConto is the sheet of the conto economico workbook.
const SheetConto = "Conto economico"

// istituzionali are the columns of allegato C of DPR 254/2005: the four
// funzioni istituzionali and their official headings.
var istituzionali = []struct {
	code  model.Code
	label string
}{
	{"A", "ORGANI ISTITUZIONALI E SEGRETERIA GENERALE (A)"},
	{"B", "SERVIZI DI SUPPORTO (B)"},
	{"C", "ANAGRAFE E SERVIZI DI REGOLAZIONE DEL MERCATO (C)"},
	{"D", "STUDIO, FORMAZIONE, INFORMAZIONE E PROMOZIONE ECONOMICA (D)"},
}

// contoColumn is a column of the conto economico: a macro funzione.
type contoColumn struct {
	node  int
	code  model.Code
	label string
}

// contoColumns returns the columns: A-D always (when the map has them),
// every other macro funzione (F, Z) only when one of its stage 1 figures is
// not zero, and the macro funzioni left out.
func contoColumns(res *costing.Result) (cols []contoColumn, omitted []model.Node) {
	m := res.Map
	for _, ist := range istituzionali {
		if i, ok := m.Index(ist.code); ok {
			cols = append(cols, contoColumn{i, ist.code, ist.label})
		}
	}
	for i, n := range m.Nodes() {
		if n.Level != model.LevelMacro || isIstituzionale(n.Code) {
			continue
		}
		zero := true
		for _, v := range res.Nodes[i].Stage1 {
			zero = zero && v.IsZero()
		}
		if zero {
			omitted = append(omitted, n)
			continue
		}
		cols = append(cols, contoColumn{i, n.Code, fmt.Sprintf("%s (%s)", strings.ToUpper(n.Name), n.Code)})
	}
	return cols, omitted
}

func isIstituzionale(c model.Code) bool {
	for _, x := range istituzionali {
		if x.code == c {
			return true
		}
	}
	return false
}

// contoLine is a row of the conto economico: a voce, a subtotal or a
// result, as the amounts of each macro funzione and of the whole body.
type contoLine struct {
	n     int    // allegato C number of a voce, 0 for other rows
	label string // as allegato C writes it
	kind  lineKind
	byCol []decimal.Decimal
	total decimal.Decimal
}

type lineKind uint8

const (
	lineVoce lineKind = iota
	lineHeading
	lineSubtotal
	lineResult
	lineFinal
)

// contoLines computes the rows of allegato C from stage 1 figures: each
// voce by macro funzione, the section totals and results, and the
// avanzo/disavanzo. The total column adds every macro funzione, shown or
// not.
func contoLines(res *costing.Result, cols []contoColumn) []contoLine {
	var macros []int
	for i, n := range res.Map.Nodes() {
		if n.Level == model.LevelMacro {
			macros = append(macros, i)
		}
	}
	voce := func(v int) contoLine {
		l := contoLine{n: v + 1, label: model.Voci()[v].Label, kind: lineVoce, byCol: make([]decimal.Decimal, len(cols))}
		for k, c := range cols {
			l.byCol[k] = res.Nodes[c.node].Stage1[v]
		}
		for _, i := range macros {
			l.total = l.total.Add(res.Nodes[i].Stage1[v])
		}
		return l
	}
	// combine adds lines with signs: +1 or -1 each.
	combine := func(label string, kind lineKind, parts []contoLine, signs []int) contoLine {
		l := contoLine{label: label, kind: kind, byCol: make([]decimal.Decimal, len(cols))}
		for p, part := range parts {
			sign := decimal.NewFromInt(int64(signs[p]))
			for k := range cols {
				l.byCol[k] = l.byCol[k].Add(part.byCol[k].Mul(sign))
			}
			l.total = l.total.Add(part.total.Mul(sign))
		}
		return l
	}
	heading := func(label string) contoLine { return contoLine{label: label, kind: lineHeading} }
	// section returns the voci of s and their net result (revenues minus
	// costs).
	section := func(s model.Section) (voci []contoLine, signs []int) {
		for v, vi := range model.Voci() {
			if vi.Section != s {
				continue
			}
			voci = append(voci, voce(v))
			if vi.Revenue {
				signs = append(signs, 1)
			} else {
				signs = append(signs, -1)
			}
		}
		return voci, signs
	}
	plus := func(n int) []int {
		s := make([]int, n)
		for i := range s {
			s[i] = 1
		}
		return s
	}

	var out []contoLine
	out = append(out, heading("GESTIONE CORRENTE"), heading(sectionTitle(model.ProventiCorrenti)))
	prov, _ := section(model.ProventiCorrenti)
	out = append(out, prov...)
	totA := combine("Totale proventi correnti (A)", lineSubtotal, prov, plus(len(prov)))
	out = append(out, totA, heading(sectionTitle(model.OneriCorrenti)))
	oneri, _ := section(model.OneriCorrenti)
	out = append(out, oneri...)
	totB := combine("Totale oneri correnti (B)", lineSubtotal, oneri, plus(len(oneri)))
	corrente := combine("Risultato della gestione corrente (A-B)", lineResult, []contoLine{totA, totB}, []int{1, -1})
	out = append(out, totB, corrente)

	results := []contoLine{corrente}
	for _, s := range []struct {
		sec   model.Section
		label string
	}{
		{model.GestioneFinanziaria, "Risultato della gestione finanziaria"},
		{model.GestioneStraordinaria, "Risultato della gestione straordinaria"},
		{model.RettificheValore, "Differenza rettifiche di valore attività finanziaria"},
	} {
		voci, signs := section(s.sec)
		r := combine(s.label, lineResult, voci, signs)
		out = append(out, heading(sectionTitle(s.sec)))
		out = append(out, voci...)
		out = append(out, r)
		results = append(results, r)
	}
	final := combine("Disavanzo/Avanzo economico esercizio (A-B ±C ±D ±E)", lineFinal, results, plus(len(results)))
	return append(out, final)
}

// WriteContoWorkbook writes conto-economico-per-funzioni.xlsx (docs/uscite.md,
// workbook 2): the conto economico of allegato C of DPR 254/2005 by
// funzione istituzionale, from the stage 1 figures of each macro funzione.
func WriteContoWorkbook(w io.Writer, res *costing.Result, info RunInfo) error {
	f, st, err := newBodyWorkbook("Conto economico per funzioni istituzionali",
		"Conto economico per funzioni istituzionali (allegato C, DPR 254/2005) di "+heading(info), info)
	if err != nil {
		return err
	}
	return writeSheets(f, w, sheetStep{SheetConto, func(f *excelize.File) error { return contoSheet(f, st, res, info) }})
}

// contoSheet lays out allegato C: headings, one row per voce, subtotals and
// results, then the check against the ledger and notes.
func contoSheet(f *excelize.File, st *styles, res *costing.Result, info RunInfo) error {
	if err := f.SetSheetName("Sheet1", SheetConto); err != nil {
		return err
	}
	s := st.sheetOf(f, SheetConto)
	cols, omitted := contoColumns(res)
	lines := contoLines(res, cols)
	width := 3 + len(cols)
	widths := []float64{5, 52}
	for range cols {
		widths = append(widths, 21)
	}
	widths = append(widths, 22)
	s.widths(widths...)

	s.merge(1, 1, width, 1, "CONTO ECONOMICO PER FUNZIONI ISTITUZIONALI", st.title)
	s.merge(1, 2, width, 2, heading(info), st.subtitle)
	note := "Allegato C al DPR 254/2005 (art. 24) – importi in euro. Per ogni funzione istituzionale, i proventi e gli oneri " +
		"che la fase 1 del calcolo attribuisce ai processi della macro funzione, prima dei ribaltamenti."
	s.note(3, width, sum(widths), note, st.noteWrap)
	const head = 4
	s.set(1, head, nil, st.header)
	s.set(2, head, "VOCI DI ONERE/PROVENTO", st.headerLeft)
	total := "TOTALE ("
	for k, c := range cols {
		s.set(3+k, head, c.label, st.header)
		if k > 0 {
			total += "+"
		}
		total += string(c.code)
	}
	s.set(width, head, total+")", st.header)
	s.height(head, 66)

	row := head + 1
	for _, l := range lines {
		labelStyle, numStyle := st.text, st.euroRed
		switch l.kind {
		case lineHeading:
			s.merge(1, row, width, row, l.label, st.sectionLeft)
			row++
			continue
		case lineSubtotal:
			labelStyle, numStyle = st.textBold, st.euroRedBold
			s.style(1, row, 2, row, st.totalText)
		case lineResult, lineFinal:
			labelStyle, numStyle = st.totalText, st.euroRedTotal
		}
		if l.kind != lineVoce {
			s.set(1, row, nil, labelStyle)
		} else {
			s.set(1, row, l.n, st.text)
		}
		s.set(2, row, l.label, labelStyle)
		for k := range cols {
			s.set(3+k, row, l.byCol[k], numStyle)
		}
		s.set(width, row, l.total, numStyle)
		if l.kind == lineFinal {
			s.height(row, 22)
		}
		row++
	}

	row++
	voci, _ := checks(res)
	ok := true
	for _, ch := range voci {
		ok = ok && ch.diff().IsZero()
	}
	if ok {
		s.merge(1, row, width, row, "Controllo: per ogni voce la colonna TOTALE coincide con il totale della contabilità (differenza 0,00 €).", st.ok)
	} else {
		s.merge(1, row, width, row, "Attenzione: per almeno una voce la colonna TOTALE differisce dalla contabilità (vedere il foglio Quadratura dei costi dei processi).", st.bad)
	}
	row++
	notes := []string{
		"Gli oneri correnti di ogni funzione sono il costo diretto dei suoi processi: il costo pieno, dopo il ribaltamento " +
			"dei servizi di supporto (A e B), è nel file costi-dei-processi.xlsx.",
		"Le righe senza una destinazione o un driver in contabilità sono ripartite per FTE (la voce Personale per costo del personale, se presenti le retribuzioni).",
	}
	if len(omitted) > 0 {
		var names []string
		for _, n := range omitted {
			names = append(names, fmt.Sprintf("%s (%s)", n.Code, n.Name))
		}
		notes = append(notes, "Non compaiono, perché senza importi in questo esercizio: "+strings.Join(names, ", ")+".")
	}
	for _, n := range notes {
		s.note(row, width, sum(widths), n, st.noteWrap)
		row++
	}
	s.freeze(2, head)
	s.print(head)
	return s.err
}
