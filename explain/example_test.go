package explain_test

import (
	"fmt"

	"github.com/shopspring/decimal"

	"camcost/explain"
	"camcost/model"
)

// A servizio with two ledger lines and the support it received: the rows
// of its explanation add up to its costo pieno.
func Example() {
	m, err := model.NewMap([]model.Node{
		{Code: "A", Level: model.LevelMacro, Name: "Governo camerale"},
		{Code: "A1", Level: model.LevelTema, Parent: "A", Name: "Pianificazione"},
		{Code: "A1.1", Level: model.LevelFunzione, Parent: "A1", Name: "Segreteria generale"},
		{Code: "A1.1.1", Level: model.LevelServizio, Parent: "A1.1", Name: "Segreteria"},
		{Code: "C", Level: model.LevelMacro, Name: "Trasparenza e tutela"},
		{Code: "C1", Level: model.LevelTema, Parent: "C", Name: "Registro imprese"},
		{Code: "C1.1", Level: model.LevelFunzione, Parent: "C1", Name: "Gestione del registro"},
		{Code: "C1.1.1", Level: model.LevelServizio, Parent: "C1.1", Name: "Iscrizioni"},
	})
	if err != nil {
		panic(err)
	}
	d := decimal.RequireFromString
	trace := []explain.Step{
		{Stage: 1, Source: "contabilita.csv:3", Target: "C1.1.1", Driver: "destinazione", HasKey: true, Key: d("1"), Share: d("1"),
			Amount: d("1000"), Voce: model.Funzionamento, Figure: explain.Direct, Conto: "325010", Descrizione: "Spese postali"},
		{Stage: 1, Source: "contabilita.csv:2", Target: "C1.1.1", Driver: "fte", HasKey: true, Key: d("0.75"), Share: d("0.3"),
			Amount: d("3000"), Voce: model.Funzionamento, Figure: explain.Direct, Conto: "325000", Descrizione: "Spese generali"},
		{Stage: 1, Source: "contabilita.csv:2", Target: "A1.1.1", Driver: "fte", HasKey: true, Key: d("1.75"), Share: d("0.7"),
			Amount: d("7000"), Voce: model.Funzionamento, Figure: explain.Direct, Conto: "325000", Descrizione: "Spese generali"},
		{Stage: 3, Source: "A1.1.1", Target: "C1.1.1", Driver: "fte", HasKey: true, Key: d("0.75"), Share: d("1"),
			Amount: d("7000"), Voce: model.Funzionamento, Figure: explain.FromSupport},
		{Stage: 3, Source: "A1.1.1", Target: "A1.1.1", Amount: d("-7000"), Voce: model.Funzionamento, Figure: explain.ToOthers},
	}
	b, err := explain.New(m, "C1.1.1", explain.Options{})
	if err != nil {
		panic(err)
	}
	for _, s := range trace {
		if b.Wants(string(s.Target), s.Source) {
			b.Add(s)
		}
	}
	e, err := b.Explain(explain.Figures{Direct: d("4000"), FromSupport: d("7000"), Full: d("11000")})
	if err != nil {
		panic(err)
	}
	for _, r := range e.Rows() {
		fmt.Printf("%d %-17s %9s  %s\n", r.Stage, r.Source, r.Amount.StringFixed(2), r.Description)
	}
	fmt.Printf("costo pieno %s\n", e.Total().StringFixed(2))
	// Output:
	// 1 contabilita.csv:2   3000.00  conto 325000 «Spese generali», voce funzionamento, chiave fte, 30,00% della riga
	// 1 contabilita.csv:3   1000.00  conto 325010 «Spese postali», voce funzionamento, destinazione C1.1.1
	// 3 A1.1.1              7000.00  da A1.1.1 «Segreteria» (servizio di supporto), chiave fte, 100,00% di ciò che ha ceduto
	// costo pieno 11000.00
}
