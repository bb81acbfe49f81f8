package outputs

import (
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

	"camcost/variance"
)

// WriteConfrontoEntiWorkbook writes confronto-enti.xlsx: every body's
// totals of both runs side by side, with the change decomposed for the
// bodies both runs have.
func WriteConfrontoEntiWorkbook(w io.Writer, c *Confronto, info RunInfo) error {
	f, st, err := newWorkbook("Confronto dei costi dei processi per ente", "Confronto dei costi dei processi di più enti", info)
	if err != nil {
		return err
	}
	return writeSheets(f, w, sheetStep{SheetConfEnti, func(f *excelize.File) error { return entiSheet(f, c, st) }})
}

func entiSheet(f *excelize.File, c *Confronto, st *styles) error {
	if err := f.SetSheetName("Sheet1", SheetConfEnti); err != nil {
		return err
	}
	s := st.sheetOf(f, SheetConfEnti)
	cols := []column{{"Cartella", "", 22}, {"Ente", "", 38}, {"Presente in", "", 12},
		{"PRIMA", "Esercizio", 9}, {"DOPO", "Esercizio", 9}, {"PRIMA", "Metodo", 11}, {"DOPO", "Metodo", 11},
		{"PRIMA", "FTE", 11}, {"DOPO", "FTE", 11}, {"PRIMA", "Costo pieno", 17}, {"DOPO", "Costo pieno", 17},
		{"€", "Variazione", 16}, {"%", "Variazione", 9},
		{"Dovuto agli FTE", groupParts, 16}, {"Dovuto al costo per FTE", groupParts, 16},
		{"Dovuto agli altri costi diretti", groupParts, 16}, {"Dovuto ai ribaltamenti", groupParts, 16},
		{"Impianto", "", 30}}
	s.widths(widthsOf(cols)...)
	s.set(1, 1, "Confronto dei costi dei processi – Enti", st.title)
	s.set(1, 2, fmt.Sprintf("PRIMA: %s (%s) · DOPO: %s (%s)", c.RelA, c.A.Manifest.RunID, c.RelB, c.B.Manifest.RunID), st.subtitle)
	status, style := "Stesso metodo e stessi driver di supporto in ogni ente confrontato.", st.okBig
	var changed []string
	for _, bc := range c.Bodies {
		if bc.Changed {
			changed = append(changed, bc.Name)
		}
	}
	if len(changed) > 0 {
		status, style = fmt.Sprintf("ATTENZIONE – in %d enti il metodo o i driver di supporto sono cambiati (%s): le loro cifre cambiano "+
			"anche senza alcun cambiamento nei dati.", len(changed), strings.Join(changed, ", ")), st.badBig
	}
	s.merge(1, 3, len(cols), 3, status, style)
	s.height(3, max(24, textHeight(status, totalWidth(cols), 13)))
	note := "Un ente per riga, abbinato per nome della sotto-cartella; ogni ente confrontato ha nella sua sotto-cartella confronto.xlsx " +
		"e confronto.csv con il dettaglio dei processi. Le parti della variazione sono quelle del foglio Sintesi del suo confronto. " +
		"Un ente presente in un solo calcolo non è confrontato: ne sono riportati i totali registrati nel suo manifest.json."
	s.note(4, len(cols), totalWidth(cols), note, st.noteWrap)
	s.put(headerBlocks(cols, confHeaderRow, st))
	s.height(confHeaderRow+1, 45)
	row := confFirstData
	var total variance.Row
	for _, t := range c.bodyTotals() {
		s.set(1, row, t.name, st.code)
		s.set(2, row, t.ente, st.text)
		s.set(3, row, presence(t.status), st.text)
		if t.a != nil {
			s.set(4, row, t.a.Anno, st.centered)
			s.set(6, row, t.a.Settings.Method, st.text)
		}
		if t.b != nil {
			s.set(5, row, t.b.Anno, st.centered)
			s.set(7, row, t.b.Settings.Method, st.text)
		}
		s.set(8, row, t.fteA, st.fte)
		s.set(9, row, t.fteB, st.fte)
		s.set(10, row, t.fullA, st.euro)
		s.set(11, row, t.fullB, st.euro)
		s.set(12, row, t.delta, st.euro)
		s.set(13, row, change(t.fullA, t.delta), st.pct)
		if bc := t.compared; bc != nil {
			for k, v := range partsOf(t.parts) {
				s.set(14+k, row, v, st.euro)
			}
			impianto := "uguale"
			if bc.Changed {
				impianto = changedText(bc)
			}
			s.set(18, row, impianto, st.textWrap)
			total.A.FTE, total.B.FTE = total.A.FTE.Add(t.fteA), total.B.FTE.Add(t.fteB)
			total.A.Full, total.B.Full = total.A.Full.Add(t.fullA), total.B.Full.Add(t.fullB)
			total.Delta = total.Delta.Add(t.delta)
			total.Parts.Add(t.parts)
		}
		row++
	}
	last := row - 1
	for k := 1; k <= len(cols); k++ {
		s.set(k, row, nil, st.totalText)
	}
	s.set(2, row, fmt.Sprintf("Totale dei %d enti confrontati", len(c.Bodies)), st.totalText)
	s.set(8, row, total.A.FTE, st.totalFTE)
	s.set(9, row, total.B.FTE, st.totalFTE)
	for k, v := range []any{total.A.Full, total.B.Full, total.Delta} {
		s.set(10+k, row, v, st.totalEuro)
	}
	s.set(13, row, change(total.A.Full, total.Delta), st.totalPct)
	for k, v := range partsOf(total.Parts) {
		s.set(14+k, row, v, st.totalEuro)
	}
	s.filter(1, confHeaderRow+1, len(cols), last)
	row += 2
	if len(c.Warnings) > 0 {
		s.merge(1, row, len(cols), row, "Avvisi", st.sectionLeft)
		row++
		for _, w := range c.Warnings {
			s.merge(1, row, len(cols), row, w, st.textWrap)
			s.height(row, max(15, textHeight(w, totalWidth(cols), 11)))
			row++
		}
	}
	s.freeze(2, confHeaderRow+1)
	s.print(confHeaderRow + 1)
	return s.err
}

func partsOf(p variance.Parts) []any {
	return []any{p.FTE, p.Pay, p.OtherDirect, p.Allocation}
}
