package inputs

import (
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"camcost/model"
)

// contabilitaRows is the contabilita table of validFolder as workbook rows.
func contabilitaRows() [][]any {
	return [][]any{
		{"conto", "descrizione", "voce", "importo", "destinazione", "driver"},
		{"321000", "Stipendi", "personale", 54000.50},
		{"325000", "Pulizie", "funzionamento", 1200.10, nil, "mq"},
		{"310000", "Diritto annuale", "diritto_annuale", 100000, "C1"},
		{"330000", "Contributi", "interventi_economici", 5000, "unita:Anagrafe"},
	}
}

// testBook is a workbook for a test, written with excelize.
type testBook struct {
	sheet    string
	rows     [][]any
	formats  map[string]any // cell → a built-in format id (int) or a custom format code
	merge    []string       // ranges such as "E1:F1"
	hidden   []int          // hidden rows
	formulas map[string]string
	hide     bool // the sheet is hidden (another visible sheet is added)
	date1904 bool
	edit     func(sheetXML string) string // applied to the written sheet
}

func (w testBook) write(t testing.TB, path string) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", w.sheet); err != nil {
		t.Fatal(err)
	}
	for r, row := range w.rows {
		for c, v := range row {
			if v == nil {
				continue
			}
			ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
			if err := f.SetCellValue(w.sheet, ref, v); err != nil {
				t.Fatal(err)
			}
		}
	}
	for ref, format := range w.formats {
		st := &excelize.Style{}
		switch format := format.(type) {
		case int:
			st.NumFmt = format
		case string:
			st.CustomNumFmt = &format
		}
		id, err := f.NewStyle(st)
		if err != nil {
			t.Fatal(err)
		}
		if err := f.SetCellStyle(w.sheet, ref, ref, id); err != nil {
			t.Fatal(err)
		}
	}
	for _, m := range w.merge {
		a, b, _ := strings.Cut(m, ":")
		if err := f.MergeCell(w.sheet, a, b); err != nil {
			t.Fatal(err)
		}
	}
	for _, r := range w.hidden {
		if err := f.SetRowVisible(w.sheet, r, false); err != nil {
			t.Fatal(err)
		}
	}
	for ref, formula := range w.formulas {
		if err := f.SetCellFormula(w.sheet, ref, formula); err != nil {
			t.Fatal(err)
		}
	}
	if w.hide {
		if _, err := f.NewSheet("note"); err != nil {
			t.Fatal(err)
		}
		f.SetActiveSheet(1)
		if err := f.SetSheetVisible(w.sheet, false); err != nil {
			t.Fatal(err)
		}
	}
	if w.date1904 {
		yes := true
		if err := f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &yes}); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	if w.edit != nil {
		replaceInZip(t, path, "xl/worksheets/sheet1.xml", w.edit)
	}
}

// readWith reads validFolder with the table of w, in w.sheet+".xlsx", in
// place of its CSV file, and returns the problems and warnings as lines.
func readWith(t *testing.T, w testBook) (problems, warnings []string) {
	t.Helper()
	files := validFolder()
	delete(files, foldName(w.sheet)+".csv")
	dir := writeFolder(t, files)
	w.write(t, filepath.Join(dir, foldName(w.sheet)+".xlsx"))
	in, err := Read(dir, Options{DefaultMap: testMap(t)})
	for _, p := range problemsOf(t, err) {
		problems = append(problems, p.Error())
	}
	if in != nil {
		for _, p := range in.Warnings {
			warnings = append(warnings, p.Error())
		}
	}
	return problems, warnings
}

func holds(lines []string, want string) bool {
	for _, l := range lines {
		if strings.Contains(l, want) {
			return true
		}
	}
	return false
}

// TestDateCells: a number formatted as a date or time in a numeric column
// is an error showing it as the user sees it; number formats that merely
// hold the letters d, m, y, h or s in quotes, brackets or escapes are not
// dates.
func TestDateCells(t *testing.T) {
	at := `contabilita.xlsx, foglio "contabilita", riga 2, colonna D (importo): `
	tests := []struct {
		name     string
		value    any
		format   any
		date1904 bool
		want     string // "" for no problem
	}{
		{"built-in date", 45728, 14, false, at + "la cella contiene una data (12/03/2025), non un numero: correggere il valore, o cambiare il formato della cella in Numero se è un numero"},
		{"custom date", 45728, "dd/mm/yyyy", false, at + "la cella contiene una data (12/03/2025), non un numero"},
		{"Italian long date", 45728, "[$-410]d mmmm yyyy;@", false, at + "la cella contiene una data (12/03/2025), non un numero"},
		{"1904 system", 44266, 14, true, at + "la cella contiene una data (12/03/2025), non un numero"},
		{"date and time", 45728.75, 22, false, at + "la cella contiene una data e ora (12/03/2025 18:00), non un numero"},
		{"time", 0.5, "hh:mm", false, at + "la cella contiene un'ora (12:00), non un numero"},
		{"elapsed time", 1.5, "[h]:mm:ss", false, at + "la cella contiene un'ora (36:00:00), non un numero"},
		{"built-in time", 0.25, 20, false, at + "la cella contiene un'ora (06:00), non un numero"},
		{"before 1 March 1900", 59, 14, false, at + "la cella contiene una data (28/02/1900), non un numero"},
		{"colour and condition", 54000.5, "[Red][>=1000]#,##0.00;[Blue]-#,##0.00", false, ""},
		{"quoted and escaped letters", 54000.5, `#,##0.00 "euro dei mesi" \d`, false, ""},
		{"padding and fill", 54000.5, "#,##0.00_);(#,##0.00)* ", false, ""},
		{"euro", 54000.5, `[$€-410] #.##0,00`, false, ""},
		{"general", 54000.5, 0, false, ""},
		{"percent", 54000.5, 10, false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows := contabilitaRows()
			rows[1][3] = tt.value
			problems, _ := readWith(t, testBook{sheet: "contabilita", rows: rows, formats: map[string]any{"D2": tt.format}, date1904: tt.date1904})
			switch {
			case tt.want == "" && len(problems) > 0:
				t.Errorf("got %q, want no problem", problems)
			case tt.want != "" && !holds(problems, tt.want):
				t.Errorf("got %q\nwant %q", problems, tt.want)
			}
		})
	}
}

// TestAmountDecimals: a euro amount with more than two decimals is an error
// on its row, with a hint about how the file writes numbers. In text the
// decimals count as written (380.000 has three); a numeric cell counts
// those of its value as Excel shows it, to 15 significant digits.
func TestAmountDecimals(t *testing.T) {
	tests := []struct {
		name, file, old, new string
		italian              bool
		want                 string // "" for no problem
	}{
		{"plain thousands", "contabilita.csv", "54000.50", "380.000", false,
			`contabilita.csv, riga 2, colonna importo: l'importo 380.000 ha 3 decimali, un importo in euro ne ha al massimo 2 (file con separatore ",": il punto separa i decimali e le migliaia non si separano; se si intende 380000, scriverlo così)`},
		{"plain cents with a zero", "contabilita.csv", "54000.50", "380.00", false, ""},
		{"plain payroll", "retribuzioni.csv", "30000.00", "30000.005", false,
			`retribuzioni.csv, riga 2, colonna importo: l'importo 30000.005 ha 3 decimali, un importo in euro ne ha al massimo 2 (file con separatore ",": il punto separa i decimali e le migliaia non si separano)`},
		{"Italian", "contabilita.csv", "54.000,50", "54.000,505", true,
			`contabilita.csv, riga 2, colonna importo: l'importo 54.000,505 ha 3 decimali, un importo in euro ne ha al massimo 2 (file con separatore ";": la virgola separa i decimali e il punto le migliaia, es. 1.234,56)`},
		{"Italian payroll", "retribuzioni.csv", "9.000,50", "9.000,5000", true,
			`retribuzioni.csv, riga 3, colonna importo: l'importo 9.000,5000 ha 4 decimali, un importo in euro ne ha al massimo 2 (file con separatore ";": la virgola separa i decimali e il punto le migliaia, es. 1.234,56)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := validFolder()
			if tt.italian {
				files = italianFolder()
			}
			if !strings.Contains(files[tt.file], tt.old) {
				t.Fatalf("%q not in %s", tt.old, tt.file)
			}
			files[tt.file] = strings.Replace(files[tt.file], tt.old, tt.new, 1)
			_, err := readFolder(t, files, Options{})
			got := problemsOf(t, err)
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("got %q, want no problem", got.Error())
			case tt.want != "" && !strings.Contains(got.Error(), tt.want):
				t.Errorf("got %q\nwant %q", got.Error(), tt.want)
			}
		})
	}
	cells := []struct {
		name  string
		value any
		want  string
	}{
		{"stored value", 1.005, `contabilita.xlsx, foglio "contabilita", riga 2, colonna D (importo): l'importo 1,005 ha 3 decimali, un importo in euro ne ha al massimo 2 (valore della cella: arrotondarlo al centesimo, es. con ARROTONDA(...; 2))`},
		{"float noise", 0.1 + 0.2, ""},
		{"cents", 54000.5, ""},
		{"text cell", "54.000,505", `contabilita.xlsx, foglio "contabilita", riga 2, colonna D (importo): l'importo 54.000,505 ha 3 decimali, un importo in euro ne ha al massimo 2 (cella di testo: la virgola separa i decimali e il punto le migliaia, es. 1.234,56; oppure inserire un valore numerico)`},
	}
	for _, tt := range cells {
		t.Run(tt.name, func(t *testing.T) {
			rows := contabilitaRows()
			rows[1][3] = tt.value
			problems, _ := readWith(t, testBook{sheet: "contabilita", rows: rows})
			switch {
			case tt.want == "" && len(problems) > 0:
				t.Errorf("got %q, want no problem", problems)
			case tt.want != "" && !holds(problems, tt.want):
				t.Errorf("got %q\nwant %q", problems, tt.want)
			}
		})
	}
}

// TestColumnsWithoutName: a merged header cell, or a column holding values
// under no name, is an error: its values are never quietly dropped.
func TestColumnsWithoutName(t *testing.T) {
	at := `tempi.xlsx, foglio "tempi", `
	tempi := func(extra ...any) [][]any {
		rows := [][]any{
			{"matricola", "codice", "percentuale"},
			{"M1", "A1.1.1", 60},
			{"M1", "C1.1.1.1", 40},
			{"M2", "C1.1.1", 100},
		}
		for i, v := range extra {
			rows[i] = append(rows[i], v)
		}
		return rows
	}
	tests := []struct {
		name string
		book testBook
		want []string // all the problems
	}{
		{"merged header", testBook{sheet: "tempi", rows: tempi(nil, nil, 5), merge: []string{"C1:D1"}}, []string{
			at + "riga 1, colonna C (percentuale): intestazione in celle unite (C1:D1): dividere le celle (Home > Unisci e allinea al centro > Dividi) e dare a ogni colonna il suo nome",
			at + "riga 3, colonna D: valori in una colonna senza intestazione: dare un nome alla colonna nella riga 1 o cancellarne i valori (segnalato solo alla prima riga con valori)",
		}},
		{"merged header, no values", testBook{sheet: "tempi", rows: tempi(), merge: []string{"C1:D1"}}, []string{
			at + "riga 1, colonna C (percentuale): intestazione in celle unite (C1:D1): dividere le celle (Home > Unisci e allinea al centro > Dividi) e dare a ogni colonna il suo nome",
		}},
		{"merged down", testBook{sheet: "tempi", rows: tempi(), merge: []string{"A1:A2"}}, []string{
			at + "riga 1, colonna A (matricola): intestazione in celle unite (A1:A2): dividere le celle (Home > Unisci e allinea al centro > Dividi) e dare a ogni colonna il suo nome",
			// Excel keeps the value of the first cell of a merge only.
			at + "riga 2, colonna A (matricola): matricola mancante",
			at + "riga 3, colonna C (percentuale): le percentuali della matricola M1 sommano a 40 invece di 100 (una sola riga, questa)",
		}},
		{"values past the header", testBook{sheet: "tempi", rows: tempi(nil, "nota", "nota")}, []string{
			at + "riga 2, colonna D: valori in una colonna senza intestazione: dare un nome alla colonna nella riga 1 o cancellarne i valori (segnalato solo alla prima riga con valori)",
		}},
		{"data merged", testBook{sheet: "tempi", rows: tempi(), merge: []string{"D3:E4"}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _ := readWith(t, tt.book)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
	// In a CSV file too.
	files := validFolder()
	files["volumi.csv"] = "codice,misura,quantita,\nC1.1.1,pratiche,1,\nC1.1.1,visure,2,x\n"
	_, err := readFolder(t, files, Options{})
	want := "volumi.csv, riga 3, colonna D: valori in una colonna senza intestazione: dare un nome alla colonna nella riga 1 o cancellarne i valori (segnalato solo alla prima riga con valori)"
	if got := problemsOf(t, err).Error(); got != want {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

// TestRowLongerThanHeader: a CSV row with more values than its header has
// names is an error on the row, even when the extra values are empty: it
// is a number like 120.500,33 in a file separated by commas, or a stray
// separator, and its values cannot be trusted to be in their columns.
func TestRowLongerThanHeader(t *testing.T) {
	const hint = `: controllare il separatore (",") e le virgolette; un numero con la virgola (1.234,56) in un file separato da "," va racchiuso tra virgolette`
	tests := []struct {
		name, file, old, new string
		italian              bool
		want                 string
	}{
		{"Italian number, empty extras", "contabilita.csv", "321000,Stipendi,personale,54000.50,,", "321000,Stipendi,personale,54000.50,,,", false,
			"contabilita.csv, riga 2: la riga ha 7 valori ma l'intestazione ne ha 6" + hint},
		{"Italian number", "contabilita.csv", "321000,Stipendi,personale,54000.50,,", "321000,Stipendi,personale,120.500,33,,", false,
			"contabilita.csv, riga 2: la riga ha 7 valori ma l'intestazione ne ha 6" + hint},
		{"trailing separators", "retribuzioni.csv", "M1,stipendio,30000.00", "M1,stipendio,30000.00,,", false,
			"retribuzioni.csv, riga 2: la riga ha 5 valori ma l'intestazione ne ha 3" + hint},
		{"semicolons", "retribuzioni.csv", "M1;stipendio;30.000,00", "M1;stipendio;30.000,00;", true,
			`retribuzioni.csv, riga 2: la riga ha 4 valori ma l'intestazione ne ha 3: controllare il separatore (";") e le virgolette`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := validFolder()
			if tt.italian {
				files = italianFolder()
			}
			if !strings.Contains(files[tt.file], tt.old) {
				t.Fatalf("%q not in %s", tt.old, tt.file)
			}
			files[tt.file] = strings.Replace(files[tt.file], tt.old, tt.new, 1)
			_, err := readFolder(t, files, Options{})
			if got := problemsOf(t, err).Error(); got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

// TestFormulaWithoutValue: a formula whose result the file never stored
// (a workbook written by a program, never opened in Excel) is reported as
// such, with the formula and the fix, not as a missing value.
func TestFormulaWithoutValue(t *testing.T) {
	const fix = " il cui risultato non è salvato nel file (file creato da un programma e mai ricalcolato): aprirlo in Excel o LibreOffice e salvarlo, così il risultato viene calcolato e salvato"
	at := `contabilita.xlsx, foglio "contabilita", `
	tests := []struct {
		name     string
		cell     [2]int // the cell emptied before the formula is set
		formulas map[string]string
		edit     func(string) string
		want     []string
	}{
		{"amount", [2]int{1, 3}, map[string]string{"D2": "SUM(D3:D5)"}, nil,
			[]string{at + "riga 2, colonna D (importo): la cella contiene la formula =SUM(D3:D5)" + fix}},
		{"empty value", [2]int{1, 3}, map[string]string{"D2": "SUM(D3:D5)"}, func(s string) string {
			return strings.Replace(s, `<c r="D2" t="str"><f>SUM(D3:D5)</f></c>`, `<c r="D2"><f>SUM(D3:D5)</f><v></v></c>`, 1)
		}, []string{at + "riga 2, colonna D (importo): la cella contiene la formula =SUM(D3:D5)" + fix}},
		{"shared formula", [2]int{1, 3}, map[string]string{"D2": "SUM(D3:D5)"}, func(s string) string {
			return strings.Replace(s, `<c r="D2" t="str"><f>SUM(D3:D5)</f></c>`, `<c r="D2"><f t="shared" si="0"/></c>`, 1)
		}, []string{at + "riga 2, colonna D (importo): la cella contiene una formula" + fix}},
		{"text", [2]int{2, 1}, map[string]string{"B3": `"Puli"&"zie"`}, nil,
			[]string{at + `riga 3, colonna B (descrizione): la cella contiene la formula ="Puli"&"zie"` + fix}},
		{"empty text result", [2]int{2, 1}, map[string]string{"B3": `"Puli"&"zie"`}, func(s string) string {
			return strings.Replace(s, `<f>&#34;Puli&#34;&amp;&#34;zie&#34;</f></c>`, `<f>&#34;Puli&#34;&amp;&#34;zie&#34;</f><v></v></c>`, 1)
		}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows := contabilitaRows()
			rows[tt.cell[0]][tt.cell[1]] = nil
			got, _ := readWith(t, testBook{sheet: "contabilita", rows: rows, formulas: tt.formulas, edit: tt.edit})
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

// TestHiddenRowsAndSheets: hidden rows and sheets are read, as Excel's SUM
// counts them, and named in a warning and in Inputs.Hidden.
func TestHiddenRowsAndSheets(t *testing.T) {
	// M1 books 10% on each of 10 rows, 2 to 11; row 12 is blank.
	rows := [][]any{{"matricola", "codice", "percentuale"}}
	for range 10 {
		rows = append(rows, []any{"M1", "A1.1.1", 10})
	}
	rows = append(rows, []any{}, []any{"M2", "C1.1.1", 100})
	tests := []struct {
		name   string
		hidden []int
		hide   bool
		want   []model.HiddenPart
		warn   string
	}{
		{"rows", []int{5, 6, 7, 8, 9, 11, 12}, false, []model.HiddenPart{{File: "tempi.xlsx", Sheet: "tempi", Rows: "5-9, 11"}},
			`tempi.xlsx, foglio "tempi": righe nascoste in Excel, lette comunque come fa la SOMMA di Excel: righe 5-9, 11`},
		{"one row", []int{3}, false, []model.HiddenPart{{File: "tempi.xlsx", Sheet: "tempi", Rows: "3"}},
			`tempi.xlsx, foglio "tempi": righe nascoste in Excel, lette comunque come fa la SOMMA di Excel: riga 3`},
		{"sheet", nil, true, []model.HiddenPart{{File: "tempi.xlsx", Sheet: "tempi", SheetHidden: true}},
			`tempi.xlsx, foglio "tempi": foglio nascosto in Excel, letto comunque`},
		{"sheet and rows", []int{1}, true, []model.HiddenPart{{File: "tempi.xlsx", Sheet: "tempi", SheetHidden: true, Rows: "1"}},
			`tempi.xlsx, foglio "tempi": foglio nascosto in Excel, letto comunque, con righe nascoste anche nel foglio: riga 1`},
		{"blank row only", []int{12}, false, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := validFolder()
			delete(files, "tempi.csv")
			dir := writeFolder(t, files)
			testBook{sheet: "tempi", rows: rows, hidden: tt.hidden, hide: tt.hide}.write(t, filepath.Join(dir, "tempi.xlsx"))
			in, err := Read(dir, Options{DefaultMap: testMap(t)})
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(in.Hidden, tt.want) {
				t.Errorf("Hidden = %+v, want %+v", in.Hidden, tt.want)
			}
			var warns []string
			for _, w := range in.Warnings {
				if strings.Contains(w.Error(), "nascost") {
					warns = append(warns, w.Error())
				}
			}
			if want := []string{tt.warn}; tt.warn == "" && warns != nil || tt.warn != "" && !reflect.DeepEqual(warns, want) {
				t.Errorf("warnings %q, want %q", warns, tt.warn)
			}
		})
	}
	// A long list is cut, with the count of rows.
	var ranges []int
	for r := 2; r <= 200; r += 2 {
		ranges = append(ranges, r)
	}
	if got, want := rowRanges(ranges), "2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30, 32, 34, 36, 38, 40, … (100 righe)"; got != want {
		t.Errorf("rowRanges = %q, want %q", got, want)
	}
}
