package seeds_test

import (
	"fmt"
	"log"

	"camcost/seeds"
)

// The default map, walked from a servizio down to its attività.
func ExampleMap() {
	m, err := seeds.Map()
	if err != nil {
		log.Fatal(err)
	}
	sv, _ := m.Node("A1.1.3")
	fmt.Println(sv.Code, sv.Level, sv.Name)
	for _, c := range m.Children(sv.Code) {
		a, _ := m.Node(c)
		fmt.Println(" ", a.Code, a.Name)
	}
	fmt.Println(m.Ancestors(sv.Code))
	// Output:
	// A1.1.3 servizio Rendicontazione
	//   A1.1.3.1 Elaborazione dati e documenti
	//   A1.1.3.2 Relazione sui risultati
	//   A1.1.3.3 Relazione sulla performance
	//   A1.1.3.4 Predisposizione Bilancio sociale/mandato/genere
	//   A1.1.3.5 Relazione sugli esuberi
	// [A1.1 A1 A]
}
