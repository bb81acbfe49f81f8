package inputs_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"camcost/inputs"
	"camcost/model"
)

func ExampleRead() {
	dir, err := os.MkdirTemp("", "camcost-example")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	files := map[string]string{
		// An Italian export: ';' as separator, numbers written 1.234,56.
		"personale.csv":   "matricola;qualifica;fte\nM1;D;1\nM2;C;0,5\n",
		"tempi.csv":       "matricola;codice;percentuale\nM1;C1.1.1;100\nM2;C1.1.1;60\nM2;C1.1.2;40\n",
		"contabilita.csv": "conto;descrizione;voce;importo\n321000;Stipendi;personale;45.000,00\n325000;Cancelleria;funzionamento;1.250,50\n",
		"mappa.csv": "code,level,kind,parent,name\n" +
			"C,macro,,,Anagrafe e servizi di regolazione dei mercati\n" +
			"C1,tema,,C,Registro imprese\nC1.1,funzione,,C1,Iscrizioni\n" +
			"C1.1.1,servizio,,C1.1,Pratiche\nC1.1.2,servizio,,C1.1,Certificati\n",
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
	for _, p := range in.People {
		fmt.Println(p.Matricola, p.FTE, p.Bookings)
	}
	for _, l := range in.Ledger {
		fmt.Println(l.Conto, l.Voce, model.Italian(l.Importo, 2))
	}
	fmt.Println(in.Settings.Method, in.MapSource)

	// A number in the wrong convention is a problem with its position.
	os.WriteFile(filepath.Join(dir, "tempi.csv"), []byte("matricola;codice;percentuale\nM1;C1.1.1;100\nM2;C1.1.1;60.5\nM2;C1.1.2;39,5\n"), 0o644)
	_, err = inputs.Read(dir, inputs.Options{})
	var probs model.Problems
	if errors.As(err, &probs) {
		fmt.Println(probs)
	}
	// Output:
	// M1 1 [{C1.1.1 100}]
	// M2 0.5 [{C1.1.1 60} {C1.1.2 40}]
	// 321000 personale 45.000,00
	// 325000 funzionamento 1.250,50
	// diretto mappa.csv
	// tempi.csv, riga 3, colonna percentuale: "60.5" non è un numero (file con separatore ";": formato italiano, es. 1.234,56 o 1234,56)
}
