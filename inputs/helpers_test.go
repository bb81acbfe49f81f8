package inputs

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"camcost/model"
)

// testNodes is a small process map: a support macro funzione A with a
// coordinamento and a formazione node, a support tema B2, and a receiving
// macro funzione C with two attività.
var testNodes = []model.Node{
	{Code: "A", Level: model.LevelMacro, Name: "Governo camerale"},
	{Code: "A1", Level: model.LevelTema, Parent: "A", Name: "Pianificazione"},
	{Code: "A1.C", Level: model.LevelFunzione, Kind: model.KindCoordinamento, Parent: "A1", Name: "Coordinamento"},
	{Code: "A1.1", Level: model.LevelFunzione, Parent: "A1", Name: "Performance"},
	{Code: "A1.1.1", Level: model.LevelServizio, Parent: "A1.1", Name: "Ciclo della performance"},
	{Code: "A1.1.1.1", Level: model.LevelAttivita, Parent: "A1.1.1", Name: "Piano"},
	{Code: "A1.1.F", Level: model.LevelServizio, Kind: model.KindFormazione, Parent: "A1.1", Name: "Formazione"},
	{Code: "B", Level: model.LevelMacro, Name: "Supporto"},
	{Code: "B2", Level: model.LevelTema, Parent: "B", Name: "Servizi generali"},
	{Code: "B2.1", Level: model.LevelFunzione, Parent: "B2", Name: "Logistica"},
	{Code: "B2.1.1", Level: model.LevelServizio, Parent: "B2.1", Name: "Sedi"},
	{Code: "C", Level: model.LevelMacro, Name: "Anagrafe"},
	{Code: "C1", Level: model.LevelTema, Parent: "C", Name: "Registro imprese"},
	{Code: "C1.1", Level: model.LevelFunzione, Parent: "C1", Name: "Iscrizioni"},
	{Code: "C1.1.1", Level: model.LevelServizio, Parent: "C1.1", Name: "Pratiche"},
	{Code: "C1.1.1.1", Level: model.LevelAttivita, Parent: "C1.1.1", Name: "Istruttoria"},
	{Code: "C1.1.1.2", Level: model.LevelAttivita, Parent: "C1.1.1", Name: "Evasione"},
}

func testMap(t testing.TB) *model.Map {
	t.Helper()
	m, err := model.NewMap(testNodes)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// mappaCSV is testNodes as a mappa table.
func mappaCSV() string {
	var b strings.Builder
	b.WriteString("code,level,kind,parent,name\n")
	for _, n := range testNodes {
		b.WriteString(strings.Join([]string{string(n.Code), n.Level.String(), n.Kind.String(), string(n.Parent), n.Name}, ","))
		b.WriteByte('\n')
	}
	return b.String()
}

// validFolder is a small valid run folder in plain CSV. Each test changes
// one file to break one rule.
func validFolder() map[string]string {
	return map[string]string{
		"personale.csv": "matricola,qualifica,fte,mesi,unita\n" +
			"M1,D,1,12,Ragioneria\n" +
			"M2,C,0.5,6,Anagrafe\n",
		"retribuzioni.csv": "matricola,voce,importo\n" +
			"M1,stipendio,30000.00\n" +
			"M1,oneri,9000.50\n" +
			"M2,stipendio,15000\n",
		"tempi.csv": "matricola,codice,percentuale\n" +
			"M1,A1.1.1,60\n" +
			"M1,C1.1.1.1,40\n" +
			"M2,C1.1.1,100\n",
		"contabilita.csv": "conto,descrizione,voce,importo,destinazione,driver\n" +
			"321000,Stipendi,personale,54000.50,,\n" +
			"325000,Pulizie,funzionamento,1200.10,,mq\n" +
			"310000,Diritto annuale,diritto_annuale,100000,C1,\n" +
			"330000,Contributi,interventi_economici,5000,unita:Anagrafe,\n",
		"driver.csv": "driver,codice,quantita\n" +
			"mq,A1.1.1,120.5\n" +
			"mq,unita:Anagrafe,80\n",
		"volumi.csv": "codice,misura,quantita\n" +
			"C1.1.1,pratiche evase,1500\n",
		"contesto.csv": "chiave,valore\n" +
			"ente,CCIAA di Prova\n" +
			"anno,2024\n" +
			"imprese_attive,12345\n",
	}
}

func writeFolder(t testing.TB, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// readFolder writes files to a temporary folder and reads it with the test
// map as default.
func readFolder(t testing.TB, files map[string]string, opt Options) (*model.Inputs, error) {
	t.Helper()
	if opt.DefaultMap == nil {
		opt.DefaultMap = testMap(t)
	}
	return Read(writeFolder(t, files), opt)
}

// problemsOf returns the problems of err, failing on any other error.
func problemsOf(t testing.TB, err error) model.Problems {
	t.Helper()
	if err == nil {
		return nil
	}
	var ps model.Problems
	if !errors.As(err, &ps) {
		t.Fatalf("error is %T (%v), want model.Problems", err, err)
	}
	return ps
}

// normalize drops what differs between two encodings of the same data:
// positions, file names and hashes, and the internal form of decimals.
func normalize(in *model.Inputs) *model.Inputs {
	out := *in
	out.Files = nil
	out.MapSource = ""
	out.Warnings = nil
	out.People = nil
	for _, p := range in.People {
		p.Pos = model.Position{}
		p.FTE, p.Mesi, p.Pay = canon(p.FTE), canon(p.Mesi), canon(p.Pay)
		var bs []model.Booking
		for _, b := range p.Bookings {
			bs = append(bs, model.Booking{Code: b.Code, Qty: canon(b.Qty)})
		}
		p.Bookings = bs
		out.People = append(out.People, p)
	}
	out.Ledger = nil
	for _, l := range in.Ledger {
		l.Pos, l.Importo = model.Position{}, canon(l.Importo)
		out.Ledger = append(out.Ledger, l)
	}
	out.Drivers = nil
	for _, d := range in.Drivers {
		d.Pos, d.Qty = model.Position{}, canon(d.Qty)
		out.Drivers = append(out.Drivers, d)
	}
	out.Volumes = nil
	for _, v := range in.Volumes {
		v.Pos, v.Qty = model.Position{}, canon(v.Qty)
		out.Volumes = append(out.Volumes, v)
	}
	out.Context.Other = nil
	for _, c := range in.Context.Other {
		c.Pos = model.Position{}
		out.Context.Other = append(out.Context.Other, c)
	}
	out.Context.ImpreseAttive.Value = canon(in.Context.ImpreseAttive.Value)
	out.Context.ImpreseRegistrate.Value = canon(in.Context.ImpreseRegistrate.Value)
	out.Settings.Source = ""
	return &out
}

// canon rebuilds d from its text so that equal values compare equal with
// reflect.DeepEqual whatever their scale.
func canon(d decimal.Decimal) decimal.Decimal { return decimal.RequireFromString(d.String()) }

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// sameInputs compares two reads of the same data.
func sameInputs(t *testing.T, got, want *model.Inputs) {
	t.Helper()
	g, w := normalize(got), normalize(want)
	if !reflect.DeepEqual(g, w) {
		t.Errorf("inputs differ\n got  %+v\n want %+v", g, w)
	}
}

// xlsxSheet is a sheet for writeXLSX: rows of cell values, strings written
// as text cells and numbers (int, float64) as numeric cells.
type xlsxSheet struct {
	name string
	rows [][]any
}

func writeXLSX(t testing.TB, path string, sheets ...xlsxSheet) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, s := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", s.name); err != nil {
				t.Fatal(err)
			}
		} else if _, err := f.NewSheet(s.name); err != nil {
			t.Fatal(err)
		}
		for r, row := range s.rows {
			for c, v := range row {
				if v == nil {
					continue
				}
				ref, err := excelize.CoordinatesToCellName(c+1, r+1)
				if err != nil {
					t.Fatal(err)
				}
				if err := f.SetCellValue(s.name, ref, v); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

// rewriteZip copies a zip archive, passing one part through edit.
func rewriteZip(data []byte, part string, edit func(string) string) ([]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			return nil, err
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return nil, err
		}
		if f.Name == part {
			b = []byte(edit(string(b)))
		}
		w, err := zw.Create(f.Name)
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(b); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}
