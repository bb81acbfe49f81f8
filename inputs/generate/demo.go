package generate

import (
	"embed"
	"io/fs"
)

// DemoConfig is how the embedded demo was generated, on the default process
// map (seeds.Map): a medium chamber of 150 people, one workbook.
var DemoConfig = Config{People: 150, Seed: 2025, Format: XLSX}

// DemoFiles are the files of the demo run folder.
var DemoFiles = []string{"dati.xlsx", SettingsFile}

//go:embed demo/dati.xlsx demo/camcost.toml
var demoFS embed.FS

// Demo returns the embedded demo run folder: dati.xlsx and camcost.toml, as
// Generate writes them for DemoConfig on the default map. A test keeps them
// in step with the generator.
func Demo() fs.FS {
	sub, err := fs.Sub(demoFS, "demo")
	if err != nil {
		panic(err) // "demo" is a valid path: cannot happen
	}
	return sub
}
