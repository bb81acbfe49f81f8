package indicators_test

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/shopspring/decimal"

	"camcost/costing"
	"camcost/indicators"
	"camcost/inputs"
)

// Example reads a tiny chamber, costs it and lists the indicators of the
// whole body and of its processo C1.1. The support processo B1.1 gives
// its cost to C1.1, which thus bears all of the oneri correnti.
func Example() {
	dir, err := os.MkdirTemp("", "camcost-example")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	files := map[string]string{
		"mappa.csv": "code,level,kind,parent,name\n" +
			"B,macro,,,Processi di supporto\nB1,tema,,B,Risorse finanziarie\n" +
			"B1.1,funzione,,B1,Contabilità\nB1.1.1,servizio,,B1.1,Gestione della contabilità\n" +
			"C,macro,,,Anagrafe e servizi di regolazione dei mercati\nC1,tema,,C,Registro imprese\n" +
			"C1.1,funzione,,C1,Iscrizioni\nC1.1.1,servizio,,C1.1,Pratiche\n",
		"personale.csv":   "matricola,qualifica,fte\nM1,D,1\nM2,C,1\nM3,C,0.5\n",
		"tempi.csv":       "matricola,codice,percentuale\nM1,C1.1.1,100\nM2,C1.1.1,100\nM3,B1.1.1,100\n",
		"contabilita.csv": "conto,descrizione,voce,importo,destinazione\n321000,Stipendi,personale,100000,\n325000,Sede,funzionamento,20000,\n311000,Diritti di segreteria,diritti_segreteria,60000,C1.1\n",
		"volumi.csv":      "codice,misura,quantita\nC1.1.1,pratiche evase,4000\n",
		"contesto.csv":    "chiave,valore\nente,CCIAA di Prova\nimprese_attive,5000\n",
	}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			panic(err)
		}
	}
	in, err := inputs.Read(dir, inputs.Options{})
	if err != nil {
		panic(err)
	}
	res, err := costing.Compute(in)
	if err != nil {
		panic(err)
	}
	for _, ind := range indicators.Indicators(res) {
		if !ind.Scope.IsBody() && ind.Scope.Code != "C1.1" && ind.Key != indicators.KeyCostoUnitario {
			continue
		}
		value := ind.Unit.Format(ind.Value)
		if !ind.Available {
			value = "non calcolabile: " + ind.Reason
		}
		fmt.Printf("%s %s: %s\n", ind.Scope.Name, ind.Name, value)
	}
	// Output:
	// CCIAA di Prova Costo medio per FTE: 48.000,00 € per FTE
	// CCIAA di Prova Incidenza dei costi di supporto: 20,00%
	// CCIAA di Prova Oneri correnti per impresa attiva: 24,00 € per impresa attiva
	// CCIAA di Prova Costi del personale per impresa attiva: 20,00 € per impresa attiva
	// CCIAA di Prova FTE per 1.000 imprese attive: 0,5000 FTE per 1.000 imprese attive
	// CCIAA di Prova Grado di copertura: 50,00%
	// Iscrizioni Costo pieno: 120.000,00 €
	// Iscrizioni FTE: 2,0000 FTE
	// Iscrizioni Incidenza dei costi di supporto: 20,00%
	// Iscrizioni Costo medio per FTE: 60.000,00 € per FTE
	// Iscrizioni Costo pieno per impresa attiva: 24,00 € per impresa attiva
	// Iscrizioni Grado di copertura: 50,00%
	// Pratiche Costo unitario: pratiche evase: 30,00 € per unità
}

// ExampleDescribe computes the quartiles of four bodies' values, as
// QUARTILE.INC does, with a fifth body that has no value.
func ExampleDescribe() {
	var values []decimal.Decimal
	for _, v := range []string{"400", "100", "200", "120"} {
		values = append(values, decimal.RequireFromString(v))
	}
	d := indicators.Describe(values, 1)
	fmt.Println(d.Bodies, d.Values, d.Missing())
	fmt.Println(d.Min, d.Q1, d.Median, d.Q3, d.Max)
	fmt.Println(indicators.Ranks(values))
	// Output:
	// 5 4 1
	// 100 115 160 250 400
	// [4 1 3 2]
}
