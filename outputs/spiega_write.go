package outputs

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"camcost/explain"
	"camcost/model"
)

// This file renders the explanation of a node (camcost spiega): as text
// for the terminal, as CSV whose amounts add up to the costo pieno, and as
// a one-sheet workbook.

// ExplanationHeader is the header of the CSV of an explanation.
var ExplanationHeader = []string{"stage", "source", "description", "amount"}

// SheetSpiegazione is the sheet of the explanation workbook.
const SheetSpiegazione = "Spiegazione"

// explainTitle is the first line of every rendering.
func explainTitle(e *explain.Explanation) string {
	return fmt.Sprintf("Come si forma il costo pieno di %s «%s»", e.Node.Code, e.Node.Name)
}

// explainPath is the node's level and the nodes above it.
func explainPath(e *explain.Explanation) string {
	s := levelLabel(e.Node.Level)
	switch e.Node.Kind {
	case model.KindCoordinamento:
		s = "Coordinamento"
	case model.KindFormazione:
		s = "Formazione"
	}
	for _, p := range e.Parents {
		s += fmt.Sprintf(" › %s «%s»", p.Code, p.Name)
	}
	return s
}

// explainRun is the run's description: body, year, method, run id.
func explainRun(info RunInfo, method string) string {
	s := heading(info)
	if method != "" {
		s += " · metodo " + method
	}
	return s + " · esecuzione " + info.RunID
}

// figureLine is one of the figures that make up the costo pieno.
type figureLine struct {
	label  string
	amount decimal.Decimal
}

// explainFigures are the node's figures in costs.csv that add up to its
// costo pieno.
func explainFigures(f explain.Figures) []figureLine {
	return []figureLine{
		{"costo diretto", f.Direct},
		{"quota coordinamento e formazione", f.FromCoordination},
		{"quota supporto ricevuta", f.FromSupport},
		{"ceduto ad altri", f.ToOthers},
	}
}

const exactNote = "Gli importi delle righe sono quelli esatti di trace.csv, qui mostrati al centesimo: la loro somma " +
	"esatta è il costo pieno di costs.csv. I dettagli preceduti da → sono informativi e non entrano nella somma."

// WriteExplanationText writes the explanation as text, for a terminal.
func WriteExplanationText(w io.Writer, e *explain.Explanation, info RunInfo, method string) error {
	bw := bufio.NewWriter(w)
	euro := func(d decimal.Decimal) string { return model.Italian(d, model.CentPlaces) + " €" }
	fmt.Fprintln(bw, explainTitle(e))
	fmt.Fprintln(bw, explainPath(e))
	fmt.Fprintln(bw, explainRun(info, method))
	fmt.Fprintln(bw)
	fmt.Fprintf(bw, "%-36s %18s\n", "Costo pieno", euro(e.Figures.Full))
	for k, l := range explainFigures(e.Figures) {
		sign := "+"
		if k == 0 {
			sign = "="
		}
		fmt.Fprintf(bw, "  %s %-32s %18s\n", sign, l.label, euro(l.amount))
	}
	for _, s := range e.Sections {
		fmt.Fprintln(bw)
		fmt.Fprintf(bw, "%s: %s\n", s.Title, euro(s.Total()))
		for _, d := range s.Details {
			fmt.Fprintf(bw, "%18s  → %s: %s\n", "", d.Text, euro(d.Amount))
		}
		for _, r := range s.Rows {
			text := r.Description
			if r.Kind == explain.KindLedger {
				text = r.Source + ", " + text
			}
			fmt.Fprintf(bw, "%18s  %s\n", euro(r.Amount), text)
			for _, d := range r.Details {
				fmt.Fprintf(bw, "%18s      → %s: %s\n", "", d.Text, euro(d.Amount))
			}
		}
	}
	fmt.Fprintln(bw)
	fmt.Fprintf(bw, "%18s  totale delle righe = costo pieno in costs.csv\n", euro(e.Total()))
	fmt.Fprintln(bw)
	fmt.Fprintln(bw, "Note:")
	for _, n := range append([]string{exactNote}, e.Notes...) {
		fmt.Fprintf(bw, "  - %s\n", n)
	}
	return bw.Flush()
}

// WriteExplanationCSV writes the rows of the explanation as CSV: stage,
// source, description and the exact amount, which add up to the node's
// full in costs.csv. Details, being informative, are left out.
func WriteExplanationCSV(w io.Writer, e *explain.Explanation) error {
	bw := bufio.NewWriter(w)
	cw := csv.NewWriter(bw)
	if err := cw.Write(ExplanationHeader); err != nil {
		return err
	}
	for _, r := range e.Rows() {
		if err := cw.Write([]string{strconv.Itoa(r.Stage), SafeText(r.Source), SafeText(r.Description), amountString(r.Amount)}); err != nil {
			return err
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}

// WriteExplanationWorkbook writes the explanation as a workbook of one
// sheet, to circulate: the figures, then every row with its stage and
// source, the details in a column of their own.
func WriteExplanationWorkbook(w io.Writer, e *explain.Explanation, info RunInfo, method string) error {
	title := explainTitle(e)
	f, st, err := newWorkbook(title, title+" – "+heading(info), info)
	if err != nil {
		return err
	}
	return writeSheets(f, w, sheetStep{SheetSpiegazione, func(f *excelize.File) error {
		return explanationSheet(f, st, e, info, method)
	}})
}

func explanationSheet(f *excelize.File, st *styles, e *explain.Explanation, info RunInfo, method string) error {
	if err := f.SetSheetName("Sheet1", SheetSpiegazione); err != nil {
		return err
	}
	s := st.sheetOf(f, SheetSpiegazione)
	cols := []column{{header: "Fase", width: 6}, {header: "Fonte", width: 24}, {header: "Descrizione", width: 78},
		{header: "Importo", width: 18}, {header: "Totali e dettagli (non sommati)", width: 20}}
	width := totalWidth(cols)
	s.widths(widthsOf(cols)...)
	s.merge(1, 1, len(cols), 1, explainTitle(e), st.title)
	s.merge(1, 2, len(cols), 2, explainRun(info, method), st.subtitle)
	s.note(3, len(cols), width, explainPath(e)+". "+exactNote, st.noteWrap)

	row := 5
	s.set(2, row, "Costo pieno", st.totalText)
	s.style(3, row, 3, row, st.totalText)
	s.set(4, row, e.Figures.Full, st.totalEuro)
	for _, l := range explainFigures(e.Figures) {
		row++
		s.set(3, row, l.label, st.text)
		s.set(4, row, l.amount, st.euro)
	}

	row += 2
	for i, c := range cols {
		s.set(i+1, row, c.header, st.header)
	}
	for _, sec := range e.Sections {
		row++
		s.merge(1, row, 4, row, sec.Title, st.sectionLeft)
		s.set(5, row, sec.Total(), st.euroRedBold)
		for _, d := range sec.Details {
			row++
			s.set(3, row, "→ "+d.Text, st.notCalc)
			s.set(5, row, d.Amount, st.euro)
		}
		for _, r := range sec.Rows {
			row++
			s.set(1, row, r.Stage, st.centered)
			s.set(2, row, r.Source, st.code)
			s.set(3, row, r.Description, st.textWrap)
			s.set(4, row, r.Amount, st.euro)
			if h := textHeight(r.Description, cols[2].width, 11); h > 18 {
				s.height(row, h)
			}
			for _, d := range r.Details {
				row++
				s.set(3, row, "→ "+d.Text, st.notCalc)
				s.set(5, row, d.Amount, st.euro)
			}
		}
	}
	row += 2
	s.merge(1, row, 3, row, "Totale delle righe = costo pieno in costs.csv", st.totalText)
	s.set(4, row, e.Total(), st.totalEuro)
	for _, n := range e.Notes {
		row += 2
		s.note(row, len(cols), width, n, st.noteWrap)
	}
	s.print(0)
	return s.err
}
