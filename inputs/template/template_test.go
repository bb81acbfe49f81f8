package template

import (
	"bytes"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"camcost/model"
	"camcost/seeds"
)

func realMap(t *testing.T) *model.Map {
	t.Helper()
	m, err := seeds.Map()
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func build(t *testing.T, m *model.Map) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, m); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func open(t *testing.T, b []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func TestTemplateIsDeterministic(t *testing.T) {
	m := realMap(t)
	first := build(t, m)
	for range 3 {
		if !bytes.Equal(build(t, m), first) {
			t.Fatal("two templates of the same map differ")
		}
	}
}

// The headers are the exact column names of docs/ingressi.md.
func TestTemplateHeaders(t *testing.T) {
	f := open(t, build(t, realMap(t)))
	if got := f.GetSheetList(); !slices.Equal(got, Sheets) {
		t.Fatalf("sheets %v, want %v", got, Sheets)
	}
	want := map[string][]string{
		"personale":    {"matricola", "qualifica", "fte", "mesi", "unita"},
		"retribuzioni": {"matricola", "voce", "importo"},
		"tempi":        {"matricola", "codice", "percentuale"},
		"contabilita":  {"conto", "descrizione", "voce", "importo", "destinazione", "driver"},
		"driver":       {"driver", "codice", "quantita"},
		"volumi":       {"codice", "misura", "quantita"},
		"contesto":     {"chiave", "valore"},
	}
	for sheet, cols := range want {
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != 1 || !slices.Equal(rows[0], cols) {
			t.Errorf("%s: rows %q, want only the header %q", sheet, rows, cols)
		}
		panes, err := f.GetPanes(sheet)
		if err != nil || !panes.Freeze || panes.YSplit != 1 {
			t.Errorf("%s: header not frozen (%+v, %v)", sheet, panes, err)
		}
		comments, err := f.GetComments(sheet)
		if err != nil {
			t.Fatal(err)
		}
		if len(comments) != len(cols) {
			t.Errorf("%s: %d header notes, want %d", sheet, len(comments), len(cols))
		}
		for _, c := range comments {
			col, row, _ := excelize.CellNameToCoordinates(c.Cell)
			var text strings.Builder
			for _, r := range c.Paragraph {
				text.WriteString(r.Text)
			}
			note := text.String()
			if row != 1 || !strings.HasPrefix(note, cols[col-1]+"\n") || !strings.Contains(note, "Esemp") {
				t.Errorf("%s!%s: note %q does not explain column %s with an example", sheet, c.Cell, note, cols[col-1])
			}
			if !strings.Contains(note, "Obbligatori") && !strings.Contains(note, "Facoltativ") {
				t.Errorf("%s!%s: note %q does not say whether the column is required", sheet, c.Cell, note)
			}
		}
	}
}

func TestTemplateValidations(t *testing.T) {
	m := realMap(t)
	f := open(t, build(t, m))
	bookable := 0
	for _, n := range m.Nodes() {
		if n.Bookable() {
			bookable++
		}
	}
	type key struct{ sheet, sqref string }
	got := map[key]*excelize.DataValidation{}
	for _, sheet := range Sheets {
		dvs, err := f.GetDataValidations(sheet)
		if err != nil {
			t.Fatal(err)
		}
		for _, dv := range dvs {
			got[key{sheet, dv.Sqref}] = dv
		}
	}
	codici := "codici!$A$2:$A$" + strconv.Itoa(bookable+1)
	tests := []struct {
		sheet, sqref, typ, formula, style string
	}{
		{"tempi", "B2:B1048576", "list", codici, "stop"},
		{"tempi", "A2:A1048576", "list", "personale!$A$2:$A$10000", "stop"},
		{"retribuzioni", "A2:A1048576", "list", "personale!$A$2:$A$10000", "stop"},
		{"contabilita", "C2:C1048576", "list", "voci!$A$2:$A$16", "stop"},
		{"contabilita", "E2:E1048576", "list", codici, "information"},
		{"driver", "B2:B1048576", "list", codici, "information"},
		{"volumi", "A2:A1048576", "list", codici, "information"},
		{"personale", "A2:A1048576", "custom", "COUNTIF($A$2:$A$10000,A2)=1", "stop"},
		{"personale", "C2:C1048576", "decimal", "0.0001", "stop"},
		{"tempi", "C2:C1048576", "decimal", "0", "stop"},
		{"contesto", "A2:A1048576", "list", `"ente,anno,imprese_attive,imprese_registrate,cluster"`, "information"},
	}
	for _, tt := range tests {
		dv := got[key{tt.sheet, tt.sqref}]
		if dv == nil {
			t.Errorf("%s!%s: no validation", tt.sheet, tt.sqref)
			continue
		}
		style := ""
		if dv.ErrorStyle != nil {
			style = *dv.ErrorStyle
		}
		if dv.Type != tt.typ || strings.TrimPrefix(dv.Formula1, "=") != tt.formula || style != tt.style {
			t.Errorf("%s!%s: %s %q %s, want %s %q %s", tt.sheet, tt.sqref, dv.Type, dv.Formula1, style, tt.typ, tt.formula, tt.style)
		}
	}
	if dv := got[key{"contabilita", "F2:F1048576"}]; dv != nil {
		t.Errorf("contabilita!driver has a validation (%s %q): it takes free driver names", dv.Type, dv.Formula1)
	}
}

// The codici sheet lists every bookable code of the map, in map order, and
// the voci sheet the 15 voci.
func TestTemplateLists(t *testing.T) {
	m := realMap(t)
	f := open(t, build(t, m))
	rows, err := f.GetRows("codici")
	if err != nil {
		t.Fatal(err)
	}
	var want [][]string
	for _, n := range m.Nodes() {
		if n.Bookable() {
			want = append(want, []string{string(n.Code), n.Level.Label(), kindLabel(n), n.Name})
		}
	}
	if !slices.EqualFunc(rows[1:], want, slices.Equal) {
		t.Errorf("codici has %d rows, want the %d bookable nodes in map order", len(rows)-1, len(want))
	}
	rows, err = f.GetRows("voci")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != model.NumVoci+1 {
		t.Fatalf("voci has %d rows, want %d", len(rows)-1, model.NumVoci)
	}
	for i, v := range model.Voci() {
		if rows[i+1][0] != string(v.Key) || rows[i+1][1] != v.Label {
			t.Errorf("voci row %d = %q, want %s %s", i+2, rows[i+1], v.Key, v.Label)
		}
	}
	text, err := f.GetCellValue("istruzioni", "A1")
	if err != nil || text != "Modello di input camcost" {
		t.Errorf("istruzioni!A1 = %q, %v", text, err)
	}
	rows, _ = f.GetRows("istruzioni")
	all := ""
	for _, r := range rows {
		all += strings.Join(r, " ") + "\n"
	}
	for _, want := range []string{"somma", "100", "codici", "camcost validate", ".xlsx", "eliminato", strconv.Itoa(len(want)) + " del foglio codici"} {
		if !strings.Contains(all, want) {
			t.Errorf("istruzioni do not mention %q", want)
		}
	}
}
