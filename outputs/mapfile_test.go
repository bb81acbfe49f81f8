package outputs

import (
	"bytes"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/xuri/excelize/v2"

	"camcost/model"
	"camcost/seeds"
)

func smallMap(t *testing.T) *model.Map {
	t.Helper()
	m, err := model.NewMap([]model.Node{
		{Code: "A1.1.1.2", Level: model.LevelAttivita, Parent: "A1.1.1", Name: `Stampa: "rassegna", rapporti`},
		{Code: "A", Level: model.LevelMacro, Name: "Governo Camerale"},
		{Code: "A1", Level: model.LevelTema, Parent: "A", Name: "Pianificazione, monitoraggio e controllo dell'Ente"},
		{Code: "A1.C", Level: model.LevelFunzione, Kind: model.KindCoordinamento, Parent: "A1", Name: "Coordinamento"},
		{Code: "A1.1", Level: model.LevelFunzione, Parent: "A1", Name: "Performance camerale"},
		{Code: "A1.1.F", Level: model.LevelServizio, Kind: model.KindFormazione, Parent: "A1.1", Name: "Formazione"},
		{Code: "A1.1.1", Level: model.LevelServizio, Parent: "A1.1", Name: "Pianificazione"},
		{Code: "A1.1.1.1", Level: model.LevelAttivita, Parent: "A1.1.1", Name: "Relazione Previsionale e Programmatica"},
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestWriteMapCSV(t *testing.T) {
	var b bytes.Buffer
	if err := WriteMapCSV(&b, smallMap(t)); err != nil {
		t.Fatal(err)
	}
	want := `code,level,kind,parent,name
A,macro,regular,,Governo Camerale
A1,tema,regular,A,"Pianificazione, monitoraggio e controllo dell'Ente"
A1.1,funzione,regular,A1,Performance camerale
A1.1.1,servizio,regular,A1.1,Pianificazione
A1.1.1.1,attivita,regular,A1.1.1,Relazione Previsionale e Programmatica
A1.1.1.2,attivita,regular,A1.1.1,"Stampa: ""rassegna"", rapporti"
A1.1.F,servizio,formazione,A1.1,Formazione
A1.C,funzione,coordinamento,A1,Coordinamento
`
	if got := b.String(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestWriteMapJSON(t *testing.T) {
	m := smallMap(t)
	var b bytes.Buffer
	if err := WriteMapJSON(&b, m); err != nil {
		t.Fatal(err)
	}
	var got []map[string]string
	if err := json.Unmarshal(b.Bytes(), &got); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, b.String())
	}
	if len(got) != m.Len() {
		t.Fatalf("got %d objects, want %d", len(got), m.Len())
	}
	for i, n := range m.Nodes() {
		want := map[string]string{"code": string(n.Code), "level": n.Level.String(), "kind": n.Kind.String(), "parent": string(n.Parent), "name": n.Name}
		if fmt.Sprint(got[i]) != fmt.Sprint(want) {
			t.Errorf("object %d = %v, want %v", i, got[i], want)
		}
	}
	if !bytes.HasPrefix(b.Bytes(), []byte("[\n  {\n    \"code\": \"A\",\n    \"level\": \"macro\",")) {
		t.Errorf("not indented with keys in order:\n%s", b.String()[:80])
	}
	if !bytes.Contains(b.Bytes(), []byte("dell'Ente")) {
		t.Error("apostrophe escaped; names should read as written")
	}
}

func writeXLSX(t *testing.T, m *model.Map) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := WriteMapXLSX(&b, m); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestWriteMapXLSX opens the workbook of the default map and checks its
// contents, its outline levels and the frozen header.
func TestWriteMapXLSX(t *testing.T) {
	m, err := seeds.Map()
	if err != nil {
		t.Fatal(err)
	}
	data := writeXLSX(t, m)
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("workbook does not open: %v", err)
	}
	defer f.Close()
	if got := f.GetSheetList(); len(got) != 1 || got[0] != MapSheet {
		t.Fatalf("sheets = %q, want [%q]", got, MapSheet)
	}
	rows, err := f.GetRows(MapSheet)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != m.Len()+1 {
		t.Fatalf("%d rows, want %d", len(rows), m.Len()+1)
	}
	if got := fmt.Sprint(rows[0]); got != "[Codice Livello Tipo Padre Nome]" {
		t.Errorf("header = %s", got)
	}
	levels := make(map[uint8]int)
	for i, n := range m.Nodes() {
		r := i + 2
		want := []string{string(n.Code), n.Level.Label(), kindLabel(n.Kind), string(n.Parent), n.Name}
		got := rows[i+1]
		for len(got) < len(want) {
			got = append(got, "") // trailing empty cells are not returned
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("row %d = %q, want %q", r, got, want)
		}
		lvl, err := f.GetRowOutlineLevel(MapSheet, r)
		if err != nil {
			t.Fatal(err)
		}
		if want := uint8(n.Level - model.LevelMacro); lvl != want {
			t.Errorf("row %d (%s): outline level %d, want %d", r, n.Code, lvl, want)
		}
		levels[lvl]++
	}
	if len(levels) != 5 {
		t.Errorf("outline levels used: %v, want 0 to 4", levels)
	}
	panes, err := f.GetPanes(MapSheet)
	if err != nil {
		t.Fatal(err)
	}
	if !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("panes = %+v, want the header frozen", panes)
	}
	props, err := f.GetSheetProps(MapSheet)
	if err != nil {
		t.Fatal(err)
	}
	if props.OutlineSummaryBelow == nil || *props.OutlineSummaryBelow {
		t.Error("outline summary rows should be above their detail")
	}
}

func TestWriteMapXLSXIsDeterministic(t *testing.T) {
	m := smallMap(t)
	a, b := writeXLSX(t, m), writeXLSX(t, m)
	if !bytes.Equal(a, b) {
		t.Error("two runs wrote different bytes")
	}
}
