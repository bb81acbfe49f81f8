package generate_test

import (
	"fmt"
	"log"
	"os"
	"path/filepath"

	"camcost/inputs/generate"
	"camcost/model"
)

// A run folder for a chamber of 60 people, on a small process map.
func ExampleGenerate() {
	m, err := model.NewMap([]model.Node{
		{Code: "A", Level: model.LevelMacro, Name: "Governo camerale"},
		{Code: "A1", Level: model.LevelTema, Parent: "A", Name: "Pianificazione"},
		{Code: "A1.1", Level: model.LevelFunzione, Parent: "A1", Name: "Performance camerale"},
		{Code: "A1.1.1", Level: model.LevelServizio, Parent: "A1.1", Name: "Programmazione"},
		{Code: "C", Level: model.LevelMacro, Name: "Trasparenza, semplificazione e tutela"},
		{Code: "C1", Level: model.LevelTema, Parent: "C", Name: "Semplificazione e trasparenza"},
		{Code: "C1.C", Level: model.LevelFunzione, Kind: model.KindCoordinamento, Parent: "C1", Name: "Coordinamento"},
		{Code: "C1.1", Level: model.LevelFunzione, Parent: "C1", Name: "Registro delle imprese"},
		{Code: "C1.1.1", Level: model.LevelServizio, Parent: "C1.1", Name: "Istruttoria pratiche"},
		{Code: "C1.1.4", Level: model.LevelServizio, Parent: "C1.1", Name: "Sportello"},
	})
	if err != nil {
		log.Fatal(err)
	}
	dir, err := os.MkdirTemp("", "camcost-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)

	cfg := generate.Config{People: 60, Seed: 1, Format: generate.CSVIt}
	if err := generate.Generate(dir, m, cfg); err != nil {
		log.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*"))
	for _, f := range files {
		fmt.Println(filepath.Base(f))
	}
	// Output:
	// camcost.toml
	// contabilita.csv
	// contesto.csv
	// driver.csv
	// personale.csv
	// retribuzioni.csv
	// tempi.csv
	// volumi.csv
}
