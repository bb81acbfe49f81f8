package costing

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"camcost/model"

	"github.com/shopspring/decimal"
)

// figureColumn returns the value of a costs.csv-style column of a node.
func figureColumn(f Figures, col string) string {
	switch col {
	case "fte":
		return model.FTEString(f.FTE)
	case "direct":
		return model.Euro(Total(f.Direct))
	case "from_coordination":
		return model.Euro(Total(f.FromCoordination))
	case "from_support":
		return model.Euro(Total(f.FromSupport))
	case "to_others":
		return model.Euro(Total(f.ToOthers))
	case "full":
		return model.Euro(Total(f.Full))
	}
	if v, ok := strings.CutPrefix(col, "direct_"); ok {
		return model.Euro(f.Direct[model.CostIndex(model.Voce(v))])
	}
	if v, ok := strings.CutPrefix(col, "stage1_"); ok {
		i, _ := model.VoceIndex(model.Voce(v))
		return model.Euro(f.Stage1[i])
	}
	return "?" + col
}

// TestHandComputed runs the cases of testdata, whose expected figures are
// worked out by hand in the NOTE files beside them.
func TestHandComputed(t *testing.T) {
	dirs, _ := filepath.Glob("testdata/*/expected.csv")
	if len(dirs) < 6 {
		t.Fatalf("found %d hand-computed cases, want at least 6", len(dirs))
	}
	for _, exp := range dirs {
		dir := filepath.Dir(exp)
		t.Run(filepath.Base(dir), func(t *testing.T) {
			res, err := Compute(loadFolder(t, dir))
			if err != nil {
				t.Fatal(err)
			}
			f, err := os.Open(exp)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			recs, err := csv.NewReader(f).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range recs[1:] {
				fig, ok := res.Figures(model.Code(r[0]))
				if !ok {
					t.Fatalf("node %s not in result", r[0])
				}
				for i, col := range recs[0][1:] {
					if got, want := figureColumn(fig, col), r[i+1]; got != want {
						t.Errorf("%s %s = %s, want %s", r[0], col, got, want)
					}
				}
			}
		})
	}
}

// A support driver with quantities on nodes that cannot receive support
// costs (coordinamento and formazione nodes) is used for the rest, with a
// warning at the driver row they come from, or at the driver table when
// they come from several rows.
func TestSupportDriverOnNonReceiverWarns(t *testing.T) {
	row := func(code model.Code, n int) model.DriverQty {
		return model.DriverQty{Driver: "postazioni", Dest: model.Destination{Code: code}, Qty: decimal.NewFromInt(5), Pos: model.Position{File: "driver.csv", Row: n}}
	}
	tests := []struct {
		name  string
		rows  []model.DriverQty
		want  model.Problem
		error string
	}{
		{
			name: "one row",
			rows: []model.DriverQty{row("C1.C", 10)},
			want: model.Problem{Pos: model.Position{File: "driver.csv", Row: 10}, Warning: true,
				Msg: `il driver "postazioni" dei servizi di supporto di B1 ha il 4,8% delle sue quantità (5 su 105) su 1 nodi di coordinamento o formazione (C1.C), che non ricevono costi di supporto: quella parte non conta e il costo si ripartisce in proporzione al resto; per farla contare, indicare le quantità del driver sui servizi invece che su unita:NOME o su un livello superiore`},
			error: `driver.csv, riga 10: attenzione: il driver "postazioni" dei servizi di supporto di B1 ha il 4,8% delle sue quantità (5 su 105) su 1 nodi di coordinamento o formazione (C1.C), che non ricevono costi di supporto: quella parte non conta e il costo si ripartisce in proporzione al resto; per farla contare, indicare le quantità del driver sui servizi invece che su unita:NOME o su un livello superiore`,
		},
		{
			name: "two rows",
			rows: []model.DriverQty{row("C1.C", 10), row("C1.1.F", 11)},
			want: model.Problem{Pos: model.Position{File: "driver.csv"}, Warning: true,
				Msg: `il driver "postazioni" dei servizi di supporto di B1 ha il 9,1% delle sue quantità (10 su 110) su 2 nodi di coordinamento o formazione (C1.1.F, C1.C), che non ricevono costi di supporto: quella parte non conta e il costo si ripartisce in proporzione al resto; per farla contare, indicare le quantità del driver sui servizi invece che su unita:NOME o su un livello superiore`},
			error: `driver.csv: attenzione: il driver "postazioni" dei servizi di supporto di B1 ha il 9,1% delle sue quantità (10 su 110) su 2 nodi di coordinamento o formazione (C1.1.F, C1.C), che non ricevono costi di supporto: quella parte non conta e il costo si ripartisce in proporzione al resto; per farla contare, indicare le quantità del driver sui servizi invece che su unita:NOME o su un livello superiore`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := loadFolder(t, "testdata/metodo-diretto")
			in.Map = withNode(t, in.Map, model.Node{Code: "C1.C", Level: model.LevelFunzione, Kind: model.KindCoordinamento, Parent: "C1", Name: "Coordinamento Registro"})
			in.Map = withNode(t, in.Map, model.Node{Code: "C1.1.F", Level: model.LevelServizio, Kind: model.KindFormazione, Parent: "C1.1", Name: "Formazione Registro"})
			in.Drivers = append(in.Drivers, tt.rows...)
			res, err := Compute(in)
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Warnings) != 1 || res.Warnings[0] != tt.want {
				t.Fatalf("warnings = %#v\nwant %#v", res.Warnings, tt.want)
			}
			if got := res.Warnings[0].Error(); got != tt.error {
				t.Errorf("warning reads %q\nwant %q", got, tt.error)
			}
			// The figures are those of the hand-computed case.
			if f, _ := res.Figures("C1.1.1"); !Total(f.Full).Equal(decimal.NewFromInt(72000)) {
				t.Errorf("C1.1.1 full = %s, want 72000", Total(f.Full))
			}
		})
	}
}

func withNode(t *testing.T, m *model.Map, n model.Node) *model.Map {
	t.Helper()
	nodes := append(slices.Clone(m.Nodes()), n)
	out, err := model.NewMap(nodes)
	if err != nil {
		t.Fatal(err)
	}
	return out
}
