package inputs

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"camcost/model"
)

// The same data three ways: plain CSV, Italian CSV and one workbook with
// numeric cells. The plain CSV is validFolder plus a mappa table and a
// driver quantity that a workbook stores as the double 0.1+0.2.
func plainFolder() map[string]string {
	f := validFolder()
	f["mappa.csv"] = mappaCSV()
	f["driver.csv"] += "mq,B2.1.1,0.3\n"
	return f
}

func italianFolder() map[string]string {
	return map[string]string{
		"mappa.csv": strings.ReplaceAll(mappaCSV(), ",", ";"),
		"personale.csv": "matricola;qualifica;fte;mesi;unita\n" +
			"M1;D;1;12;Ragioneria\n" +
			"M2;C;0,5;6;Anagrafe\n",
		"retribuzioni.csv": "matricola;voce;importo\n" +
			"M1;stipendio;30.000,00\n" +
			"M1;oneri;9.000,50\n" +
			"M2;stipendio;15.000\n",
		"tempi.csv": "matricola;codice;percentuale\n" +
			"M1;A1.1.1;60\n" +
			"M1;C1.1.1.1;40\n" +
			"M2;C1.1.1;100\n",
		"contabilita.csv": "conto;descrizione;voce;importo;destinazione;driver\n" +
			"321000;Stipendi;personale;54.000,50;;\n" +
			"325000;Pulizie;funzionamento;1.200,10;;mq\n" +
			"310000;Diritto annuale;diritto_annuale;100.000;C1;\n" +
			"330000;Contributi;interventi_economici;5000;unita:Anagrafe;\n",
		"driver.csv": "driver;codice;quantita\n" +
			"mq;A1.1.1;120,5\n" +
			"mq;unita:Anagrafe;80\n" +
			"mq;B2.1.1;0,3\n",
		"volumi.csv": "codice;misura;quantita\n" +
			"C1.1.1;pratiche evase;1.500\n",
		"contesto.csv": "chiave;valore\n" +
			"ente;CCIAA di Prova\n" +
			"anno;2024\n" +
			"imprese_attive;12.345\n",
	}
}

// writeWorkbookFolder writes the same data as one workbook, sheet names
// in the capitalisation a controller would use, numbers as numeric cells
// except one amount typed as Italian text.
func writeWorkbookFolder(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	var mappa [][]any
	mappa = append(mappa, []any{"Code", "Level", "Kind", "Parent", "Name"})
	for _, n := range testNodes {
		mappa = append(mappa, []any{string(n.Code), n.Level.String(), n.Kind.String(), string(n.Parent), n.Name})
	}
	writeXLSX(t, filepath.Join(dir, "dati.xlsx"),
		xlsxSheet{"Personale", [][]any{
			{"Matricola", "Qualifica", "FTE", "Mesi", "Unità"},
			{"M1", "D", 1, 12, "Ragioneria"},
			{"M2", "C", 0.5, 6, "Anagrafe"},
		}},
		xlsxSheet{"Retribuzioni", [][]any{
			{"matricola", "voce", "importo"},
			{"M1", "stipendio", 30000.0},
			{"M1", "oneri", "9.000,50"}, // a text cell holding a number
			{"M2", "stipendio", 15000},
		}},
		xlsxSheet{"Tempi", [][]any{
			{"matricola", "codice", "percentuale"},
			{"M1", "A1.1.1", 60},
			{},
			{"M1", "C1.1.1.1", 40},
			{"M2", "C1.1.1", 100},
		}},
		xlsxSheet{"Contabilità", [][]any{
			{"conto", "descrizione", "voce", "importo", "destinazione", "driver"},
			{"321000", "Stipendi", "personale", 54000.5},
			{325000, "Pulizie", "funzionamento", 1200.1, nil, "mq"},
			{"310000", "Diritto annuale", "diritto_annuale", 100000, "C1"},
			{"330000", "Contributi", "interventi_economici", 5000, "unita:Anagrafe"},
		}},
		xlsxSheet{"Driver", [][]any{
			{"driver", "codice", "quantità"},
			{"mq", "A1.1.1", 120.5},
			{"mq", "unita:Anagrafe", 80},
			{"mq", "B2.1.1", 0.1 + 0.2}, // stored as 0.30000000000000004
		}},
		xlsxSheet{"Volumi", [][]any{
			{"codice", "misura", "quantita"},
			{"C1.1.1", "pratiche evase", 1500},
		}},
		xlsxSheet{"Contesto", [][]any{
			{"chiave", "valore"},
			{"ente", "CCIAA di Prova"},
			{"anno", 2024},
			{"imprese_attive", 12345},
		}},
		xlsxSheet{"Mappa", mappa},
	)
	return dir
}

func TestSameDataThreeFormats(t *testing.T) {
	plain, err := Read(writeFolder(t, plainFolder()), Options{})
	if err != nil {
		t.Fatal(err)
	}
	italian, err := Read(writeFolder(t, italianFolder()), Options{})
	if err != nil {
		t.Fatal(err)
	}
	xlsx, err := Read(writeWorkbookFolder(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, in := range []*model.Inputs{plain, italian, xlsx} {
		if len(in.Warnings) > 0 {
			t.Errorf("warnings: %v", in.Warnings)
		}
	}
	sameInputs(t, italian, plain)
	sameInputs(t, xlsx, plain)

	// Spot checks that the common values are the right ones.
	if got := plain.People[0].Pay; !got.Equal(dec("39000.5")) {
		t.Errorf("M1 pay = %s, want 39000.5", got)
	}
	if got := xlsx.Drivers[2].Qty; !got.Equal(dec("0.3")) {
		t.Errorf("0.1+0.2 stored in a workbook reads %s, want 0.3", got)
	}
	if xlsx.MapSource != "dati.xlsx" || plain.MapSource != "mappa.csv" {
		t.Errorf("MapSource = %q, %q", xlsx.MapSource, plain.MapSource)
	}
	if got, want := xlsx.Ledger[1].Conto, "325000"; got != want {
		t.Errorf("numeric conto reads %q, want %q", got, want)
	}
	// Positions in a workbook carry sheet and column letter; row numbers
	// count the blank row.
	if got, want := xlsx.People[1].Pos, (model.Position{File: "dati.xlsx", Sheet: "Personale", Row: 3}); got != want {
		t.Errorf("position = %+v, want %+v", got, want)
	}
	if got, want := xlsx.Files[0].Tables, []string{"personale", "retribuzioni", "tempi", "contabilita", "driver", "volumi", "contesto", "mappa"}; !reflect.DeepEqual(got, want) {
		t.Errorf("tables of dati.xlsx = %v, want %v", got, want)
	}
}

func TestWorkbookPositionsAndCells(t *testing.T) {
	dir := writeFolder(t, map[string]string{
		"personale.csv":   validFolder()["personale.csv"],
		"contabilita.csv": validFolder()["contabilita.csv"],
		"driver.csv":      validFolder()["driver.csv"],
	})
	writeXLSX(t, filepath.Join(dir, "tempi.xlsx"),
		xlsxSheet{"tempi", [][]any{
			{"matricola", nil, "codice", "percentuale"},
			{"M1", nil, "A1.1.1", "60.5"},
			{"M1", nil, "C1.1.1.1", 39.5},
			{"M2", nil, "C1.1.1", "cento"},
		}},
		xlsxSheet{"Note", [][]any{{"appunti"}}},
	)
	_, err := Read(dir, Options{DefaultMap: testMap(t)})
	got := problemsOf(t, err).Error()
	// The ignored sheet is listed too, as a warning: it may be the reason
	// of a problem.
	want := "2 problemi nei dati:\n" +
		"  tempi.xlsx, foglio \"Note\": attenzione: foglio ignorato: il nome non è quello di una tabella (mappa, personale, driver, retribuzioni, tempi, contabilita, volumi, contesto)\n" +
		"  tempi.xlsx, foglio \"tempi\", riga 2, colonna D (percentuale): \"60.5\" non è un numero (cella di testo: formato italiano, es. 1.234,56; oppure inserire un valore numerico)\n" +
		"  tempi.xlsx, foglio \"tempi\", riga 4, colonna D (percentuale): \"cento\" non è un numero (cella di testo: formato italiano, es. 1.234,56; oppure inserire un valore numerico)"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestWorkbookErrorCells(t *testing.T) {
	dir := writeFolder(t, map[string]string{
		"personale.csv":   validFolder()["personale.csv"],
		"contabilita.csv": validFolder()["contabilita.csv"],
		"driver.csv":      validFolder()["driver.csv"],
	})
	path := filepath.Join(dir, "tempi.xlsx")
	writeXLSX(t, path, xlsxSheet{"tempi", [][]any{
		{"matricola", "codice", "percentuale"},
		{"M1", "A1.1.1", 60},
		{"M1", "C1.1.1.1", 40},
		{"M2", "C1.1.1", 100},
	}})
	// An error value and a formula the file stores without its result.
	replaceInZip(t, path, "xl/worksheets/sheet1.xml", func(s string) string {
		s = strings.Replace(s, `<c r="C3"><v>40</v></c>`, `<c r="C3" t="e"><v>#N/D</v></c>`, 1)
		return strings.Replace(s, `<c r="C4"><v>100</v></c>`, `<c r="C4"><f>SUM(A1:A2)</f></c>`, 1)
	})
	_, err := Read(dir, Options{DefaultMap: testMap(t)})
	got := problemsOf(t, err).Error()
	want := "2 problemi nei dati:\n" +
		"  tempi.xlsx, foglio \"tempi\", riga 3, colonna C (percentuale): la cella contiene l'errore #N/D\n" +
		"  tempi.xlsx, foglio \"tempi\", riga 4, colonna C (percentuale): la cella contiene la formula =SUM(A1:A2) il cui risultato non è salvato nel file (file creato da un programma e mai ricalcolato): aprirlo in Excel o LibreOffice e salvarlo, così il risultato viene calcolato e salvato"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestCSVBOMCRLFBlankRows(t *testing.T) {
	f := validFolder()
	f["personale.csv"] = "\xef\xbb\xbfmatricola;qualifica;fte;mesi;unita\r\n" +
		"\r\n" +
		"M1;D;1;12;Ragioneria\r\n" +
		" ; ;;;\r\n" +
		"M2;\"C\r\nsecondo rigo\";0,5;6;Anagrafe\r\n" +
		"M3;B;2;12;\r\n"
	_, err := readFolder(t, f, Options{})
	ps := problemsOf(t, err)
	// M3 is on the 7th line of the file but in the 6th row a spreadsheet
	// shows: the blank line and the blank record count as rows, the line
	// break inside a quoted cell does not.
	want := []string{
		"personale.csv, riga 6, colonna fte: fte 2 fuori intervallo: deve essere maggiore di 0 e al massimo 1",
		"personale.csv, riga 6, colonna matricola: la matricola M3 non ha righe in tempi: ogni persona deve imputare il proprio tempo",
	}
	var got []string
	for _, p := range ps {
		got = append(got, p.Error())
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

func TestCSVRowNumbers(t *testing.T) {
	f := validFolder()
	f["personale.csv"] = "\xef\xbb\xbfmatricola,qualifica,fte,unita\r\n" +
		"\r\n" +
		"M1,\"D\r\nsu due righe\",1,\r\n" +
		",,,\r\n" +
		"M2,C,0.5,Anagrafe\r\n"
	in, err := readFolder(t, f, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := []int{in.People[0].Pos.Row, in.People[1].Pos.Row}; !reflect.DeepEqual(got, []int{3, 5}) {
		t.Errorf("rows = %v, want [3 5]", got)
	}
	if got, want := in.People[0].Qualifica, "D\nsu due righe"; got != want {
		t.Errorf("qualifica = %q, want %q", got, want)
	}
	if !in.People[1].FTE.Equal(dec("0.5")) || !in.People[1].Mesi.Equal(dec("12")) || in.People[0].Unita != "" {
		t.Errorf("people = %+v, want M2 with fte 0.5, mesi 12 by default, M1 without unit", in.People)
	}
}

func TestFilesAreHashed(t *testing.T) {
	files := plainFolder()
	files["camcost.toml"] = "metodo = \"scalare\"\n"
	files["note.txt"] = "not read"
	dir := writeFolder(t, files)
	in, err := Read(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range in.Files {
		names = append(names, f.Name)
		data, err := os.ReadFile(filepath.Join(dir, f.Name))
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(data)
		if f.SHA256 != hex.EncodeToString(sum[:]) || f.Size != int64(len(data)) {
			t.Errorf("%s: hash %s size %d, want %x size %d", f.Name, f.SHA256, f.Size, sum, len(data))
		}
	}
	want := []string{"camcost.toml", "contabilita.csv", "contesto.csv", "driver.csv", "mappa.csv", "personale.csv", "retribuzioni.csv", "tempi.csv", "volumi.csv"}
	if !reflect.DeepEqual(names, want) {
		t.Errorf("files = %v, want %v", names, want)
	}
}

// replaceInZip rewrites one part of a zip file.
func replaceInZip(t testing.TB, path, part string, edit func(string) string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	out, err := rewriteZip(data, part, edit)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, out, 0o644); err != nil {
		t.Fatal(err)
	}
}
