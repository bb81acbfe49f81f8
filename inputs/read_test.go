package inputs

import (
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"camcost/model"
)

func TestBookingsAggregated(t *testing.T) {
	f := validFolder()
	f["tempi.csv"] = "matricola,codice,ore,periodo\n" +
		"M1,c1.1.1.1,10,1\n" + // lower case is found
		"M1,A1.1.1,20,1\n" +
		"M1,C1.1.1.1,5.5,2\n" +
		"M1,A1.C,4,3\n" +
		"M2,C1.1.1,7,\n" +
		"M2,A1.1.F,0,12\n"
	in, err := readFolder(t, f, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if in.TimeUnit != model.Hours {
		t.Errorf("TimeUnit = %v, want ore", in.TimeUnit)
	}
	want := [][]model.Booking{
		{{Code: "A1.1.1", Qty: dec("20")}, {Code: "A1.C", Qty: dec("4")}, {Code: "C1.1.1.1", Qty: dec("15.5")}},
		{{Code: "A1.1.F", Qty: dec("0")}, {Code: "C1.1.1", Qty: dec("7")}},
	}
	for i, p := range in.People {
		var got []string
		for _, b := range p.Bookings {
			got = append(got, string(b.Code)+"="+b.Qty.String())
		}
		var w []string
		for _, b := range want[i] {
			w = append(w, string(b.Code)+"="+b.Qty.String())
		}
		if !reflect.DeepEqual(got, w) {
			t.Errorf("%s bookings = %v, want %v (map order, summed)", p.Matricola, got, w)
		}
	}
}

func TestPercentWithinTolerance(t *testing.T) {
	f := validFolder()
	f["tempi.csv"] = "matricola,codice,percentuale\nM1,A1.1.1,33.33\nM1,C1.1.1,33.33\nM1,C1.1.1.1,33.33\nM2,C1.1.1,100.01\n"
	in, err := readFolder(t, f, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if in.TimeUnit != model.Percent {
		t.Errorf("TimeUnit = %v", in.TimeUnit)
	}
}

func TestWarnings(t *testing.T) {
	f := validFolder()
	f["personale.csv"] += "M3,B,1,12,\n"
	f["tempi.csv"] += "M3,C1.1.1,100\n"
	f["retribuzioni.csv"] = "matricola,voce,importo,Note\nM1,stipendio,30000,x\nM2,stipendio,-100,\n"
	f["driver.csv"] += "mq,A1.1.1,3\n"
	f["volumi.csv"] = "codice,misura,quantita,,\nC1.1.1,pratiche,1,,\nC1.1.1,pratiche,2,,\n"
	f["appunti.csv"] = "x\n"
	f["vecchio.ods"] = "x"
	f["contesto.csv"] = "chiave,valore\nnumero_sedi,3\n"
	in, err := readFolder(t, f, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, w := range in.Warnings {
		got = append(got, w.Error())
	}
	want := []string{
		// Pay that counts zero or less can explain a zero key: first.
		"personale.csv, riga 3, colonna matricola: la retribuzione totale della matricola M2 è negativa (-100,00)",
		"personale.csv, riga 4, colonna matricola: la matricola M3 non ha righe in retribuzioni: la sua retribuzione conta zero",
		"driver.csv, riga 4, colonna codice: driver mq su A1.1.1 già indicato alla riga 2: le quantità si sommano",
		"retribuzioni.csv: il totale delle retribuzioni (29.900,00) è diverso dal totale della voce personale in contabilità (54.000,50): differenza -24.100,50",
		"retribuzioni.csv, riga 1, colonna Note: colonna \"Note\" sconosciuta: ignorata (colonne di retribuzioni: matricola, voce, importo)",
		"volumi.csv, riga 3, colonna misura: volume \"pratiche\" di C1.1.1 già indicato alla riga 2",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// Files that are not read are not warnings of the run: its outputs
	// must not depend on them.
	got = nil
	for _, w := range in.Ignored {
		got = append(got, w.Error())
	}
	want = []string{
		"appunti.csv: file ignorato: il nome non è quello di una tabella (mappa, personale, driver, retribuzioni, tempi, contabilita, volumi, contesto)",
		"vecchio.ods: file ignorato: formato .ods non letto; salvare come .xlsx o .csv",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ignored:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if got, want := in.Context.Entries(), []model.ContextEntry{{Key: "numero_sedi", Value: "3", Pos: model.Position{File: "contesto.csv", Row: 2}}}; !reflect.DeepEqual(got, want) {
		t.Errorf("contesto %+v, want the unknown key kept: %+v", got, want)
	}
}

func TestMissingMap(t *testing.T) {
	_, err := Read(writeFolder(t, validFolder()), Options{})
	got := problemsOf(t, err).Error()
	want := "manca la mappa dei processi: la mappa predefinita non è disponibile e la cartella non ha una tabella mappa"
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestMapTableReplacesDefault(t *testing.T) {
	f := validFolder()
	f["mappa.csv"] = mappaCSV()
	other, err := model.NewMap([]model.Node{{Code: "Z", Level: model.LevelMacro, Name: "Altro"}})
	if err != nil {
		t.Fatal(err)
	}
	in, err := readFolder(t, f, Options{DefaultMap: other})
	if err != nil {
		t.Fatal(err)
	}
	if in.MapSource != "mappa.csv" || in.Map.Len() != len(testNodes) {
		t.Errorf("map from %q with %d nodes, want mappa.csv with %d", in.MapSource, in.Map.Len(), len(testNodes))
	}
}

func TestSettings(t *testing.T) {
	f := validFolder()
	f["driver.csv"] += "pratiche,C1.1.1,10\n"
	f["camcost.toml"] = "# impostazioni\nmetodo = \"reciproco\"\n\n[driver_supporto]\nB2 = \"MQ\"\nA1 = \"personale\"\n"
	tests := []struct {
		name string
		opt  Options
		want model.Settings
	}{
		{"file", Options{}, model.Settings{
			Method:         model.MethodReciproco,
			SupportDrivers: []model.SupportDriver{{Tema: "A1", Driver: "personale"}, {Tema: "B2", Driver: "mq"}},
			Source:         "camcost.toml",
		}},
		{"overrides", Options{Overrides: overrides(t, "Scalare", "B2=fte", "A1 = pratiche", "B2=pratiche")}, model.Settings{
			Method:         model.MethodScalare,
			SupportDrivers: []model.SupportDriver{{Tema: "A1", Driver: "pratiche"}, {Tema: "B2", Driver: "pratiche"}},
			Source:         "camcost.toml",
			Overrides: model.Overrides{Method: model.MethodScalare, SupportDrivers: []model.SupportDriver{
				{Tema: "B2", Driver: "fte"}, {Tema: "A1", Driver: "pratiche"}, {Tema: "B2", Driver: "pratiche"},
			}},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in, err := readFolder(t, f, tt.opt)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(in.Settings, tt.want) {
				t.Errorf("settings = %+v, want %+v", in.Settings, tt.want)
			}
		})
	}
	in, err := readFolder(t, validFolder(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(in.Settings, model.DefaultSettings()) {
		t.Errorf("no settings file: %+v, want the defaults", in.Settings)
	}
}

func TestProblemLimit(t *testing.T) {
	f := validFolder()
	var b strings.Builder
	b.WriteString(f["tempi.csv"])
	for range 30 {
		b.WriteString("M9,C1.1.1,1\n")
	}
	f["tempi.csv"] = b.String()
	_, err := readFolder(t, f, Options{Limits: Limits{MaxProblems: 10}})
	ps := problemsOf(t, err)
	// The ten kept fold into one line; the last line counts the rest and
	// is not a problem of its own.
	if got, want := ps.Count(), 30; got != want {
		t.Errorf("Count() = %d, want %d", got, want)
	}
	if len(ps) != 2 {
		t.Fatalf("%d lines, want the folded ten and a count of the rest:\n%v", len(ps), ps)
	}
	if got, want := ps[1].Error(), "e altri 20 non mostrati (limite di 10)"; got != want {
		t.Errorf("last = %q, want %q", got, want)
	}
}

func TestRowLimit(t *testing.T) {
	_, err := readFolder(t, validFolder(), Options{Limits: Limits{MaxRows: 2}})
	got := problemsOf(t, err)
	want := "tempi.csv, riga 4: la tabella tempi ha più di 2 righe, il limite"
	found := false
	for _, p := range got {
		found = found || p.Error() == want
	}
	if !found {
		t.Errorf("problems %v, want one %q", got, want)
	}
}

func TestIgnoredSheets(t *testing.T) {
	dir := writeFolder(t, validFolder())
	writeXLSX(t, dir+"/appunti.xlsx", xlsxSheet{"Note", [][]any{{"da fare"}}}, xlsxSheet{"Tempi 2023", [][]any{{"matricola"}}})
	in, err := Read(dir, Options{DefaultMap: testMap(t)})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, w := range in.Warnings {
		got = append(got, w.Error())
	}
	want := []string{
		"appunti.xlsx, foglio \"Note\": foglio ignorato: il nome non è quello di una tabella (mappa, personale, driver, retribuzioni, tempi, contabilita, volumi, contesto)",
		"appunti.xlsx, foglio \"Tempi 2023\": foglio ignorato: il nome non è quello di una tabella (mappa, personale, driver, retribuzioni, tempi, contabilita, volumi, contesto)",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if f := in.Files[0]; f.Name != "appunti.xlsx" || len(f.Tables) != 0 {
		t.Errorf("files[0] = %+v, want appunti.xlsx read, with no table", f)
	}
}

// A table found twice is not read; what depends on it is not reported as
// wrong on top of that.
func TestDoubledDriverTableNoFollowOnErrors(t *testing.T) {
	f := validFolder()
	f["Driver.CSV"] = f["driver.csv"]
	f["contabilita.csv"] += "330000,Affitti,funzionamento,100,,mq\n"
	f["camcost.toml"] = "[driver_supporto]\nB2 = \"mq\"\n"
	_, err := readFolder(t, f, Options{})
	probs := problemsOf(t, err)
	if probs.Count() != 1 || !strings.Contains(probs[0].Msg, "tabella driver presente due volte") {
		t.Errorf("problems:\n%s", probs.Error())
	}
}

// A workbook filled from camcost template keeps its help sheets: they are
// skipped without a warning.
func TestTemplateHelpSheetsAreNotWarnings(t *testing.T) {
	dir := writeFolder(t, validFolder())
	writeXLSX(t, filepath.Join(dir, "modello.xlsx"),
		xlsxSheet{"istruzioni", [][]any{{"Come compilare"}}},
		xlsxSheet{"codici", [][]any{{"codice", "nome"}}},
		xlsxSheet{"Voci", [][]any{{"voce"}}},
		xlsxSheet{"Appunti", [][]any{{"x"}}},
	)
	in, err := Read(dir, Options{DefaultMap: testMap(t)})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, w := range in.Warnings {
		got = append(got, w.Error())
	}
	if len(got) != 1 || !strings.Contains(got[0], `foglio "Appunti": foglio ignorato`) {
		t.Errorf("warnings: %q, want only the Appunti sheet", got)
	}
}

func TestIsTableFile(t *testing.T) {
	for name, want := range map[string]bool{
		"personale.csv": true, "Contabilità.CSV": true, "dati.xlsx": true, "camcost.toml": true,
		"elenco.csv": false, "note.txt": false, "~$dati.xlsx": false, ".personale.csv": false, "vecchio.ods": false,
	} {
		if got := IsTableFile(name); got != want {
			t.Errorf("IsTableFile(%q) = %v, want %v", name, got, want)
		}
	}
}

// overrides parses command-line overrides as the command line does.
func overrides(t *testing.T, method string, supportDrivers ...string) model.Overrides {
	t.Helper()
	o, err := model.ParseOverrides(method, supportDrivers)
	if err != nil {
		t.Fatal(err)
	}
	return o
}
