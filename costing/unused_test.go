package costing

import (
	"testing"

	"github.com/shopspring/decimal"

	"camcost/model"
)

// The warning about the quantities of a support driver that fall on
// coordinamento and formazione nodes says in one line how much does not
// count, what happens to it and what to do, with the codes folded.
func TestUnusedDriverWarning(t *testing.T) {
	in := loadFolder(t, "testdata/metodo-diretto")
	for _, n := range []model.Node{
		{Code: "A1.C", Level: model.LevelFunzione, Kind: model.KindCoordinamento, Parent: "A1", Name: "Coordinamento"},
		{Code: "B1.C", Level: model.LevelFunzione, Kind: model.KindCoordinamento, Parent: "B1", Name: "Coordinamento"},
		{Code: "C1.C", Level: model.LevelFunzione, Kind: model.KindCoordinamento, Parent: "C1", Name: "Coordinamento"},
		{Code: "C1.1.F", Level: model.LevelServizio, Kind: model.KindFormazione, Parent: "C1.1", Name: "Formazione"},
		{Code: "D1.C", Level: model.LevelFunzione, Kind: model.KindCoordinamento, Parent: "D1", Name: "Coordinamento"},
		{Code: "D1.1.F", Level: model.LevelServizio, Kind: model.KindFormazione, Parent: "D1.1", Name: "Formazione"},
	} {
		in.Map = withNode(t, in.Map, n)
		in.Drivers = append(in.Drivers, model.DriverQty{Driver: "postazioni", Dest: model.Destination{Code: n.Code}, Qty: decimal.NewFromInt(5)})
	}
	res, err := Compute(in)
	if err != nil {
		t.Fatal(err)
	}
	want := `il driver "postazioni" dei servizi di supporto di B1 ha il 23,1% delle sue quantità (30 su 130) su 6 nodi di coordinamento o formazione (A1.C, B1.C, C1.1.F, C1.C e altri 2), ` +
		"che non ricevono costi di supporto: quella parte non conta e il costo si ripartisce in proporzione al resto; " +
		"per farla contare, indicare le quantità del driver sui servizi invece che su unita:NOME o su un livello superiore"
	if len(res.Warnings) != 1 || res.Warnings[0].Msg != want {
		t.Errorf("warnings = %q\nwant %q", res.Warnings, want)
	}
}
