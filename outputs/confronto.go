package outputs

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"camcost/model"
	"camcost/variance"
)

// Names of the files camcost confronta writes.
const (
	ConfrontoCSV          = "confronto.csv"
	ConfrontoWorkbook     = "confronto.xlsx"
	ConfrontoEntiCSV      = "confronto-enti.csv"
	ConfrontoEntiWorkbook = "confronto-enti.xlsx"
)

// Side names one of the two runs given to camcost confronta: its output
// folder, and the same folder seen from the comparison's output folder
// (forward slashes), as the manifest records it.
type Side struct {
	Dir string
	Rel string
}

// Difference is one aspect of the set-up of two runs beyond their data
// (Differenze di impianto): its value in each run, whether they are the
// same, and what a difference means. Alarm marks the aspects that change
// figures without any change in the data.
type Difference struct {
	Aspect string
	A, B   string
	Same   bool
	Alarm  bool
	Effect string
}

// BodyComparison is the comparison of one body's two runs.
type BodyComparison struct {
	Name string // the body's sub-folder, in a multi-body comparison
	A, B *RunFolder
	// RelA and RelB are the two runs' folders seen from this
	// comparison's output folder.
	RelA, RelB string
	Cmp        *variance.Comparison
	// The unit costs of the volumi measures of both runs, and the
	// measures of one run only; VolumesA/B say whether each run reported
	// its volumi at all (indicatori.xlsx).
	Units                  []variance.UnitChange
	UnitsOnlyA, UnitsOnlyB []variance.Volume
	VolumesA, VolumesB     bool
	// Differences lists every aspect of the set-up, equal or not;
	// Changed tells whether the method or the support drivers differ, so
	// that figures move without any change in the data.
	Differences []Difference
	Changed     bool
	Warnings    []string
}

// Confronto is a whole comparison, checked and computed: nothing is left
// to fail but writing it.
type Confronto struct {
	A, B   *RunFolder
	RelA   string
	RelB   string
	Bodies []*BodyComparison // one, or the bodies both multi-body runs have, by name
	// OnlyA and OnlyB are the bodies of a multi-body run missing from the
	// other, by sub-folder.
	OnlyA, OnlyB []string
	Warnings     []string
}

// Multi reports whether the two runs are multi-body runs.
func (c *Confronto) Multi() bool { return c.A.Multi() }

// NewConfronto reads and checks two output folders of camcost run (PRIMA
// and DOPO) and compares them: every node's change of cost, decomposed;
// the unit costs; the differences of set-up. Runs of different bodies, a
// folder edited after its run, a folder that is not an output are refused
// with the reason; runs of different versions of camcost are compared,
// with a warning.
func NewConfronto(a, b Side) (*Confronto, error) {
	fa, err := OpenRun(a.Dir)
	if err != nil {
		return nil, fmt.Errorf("PRIMA: %w", err)
	}
	fb, err := OpenRun(b.Dir)
	if err != nil {
		return nil, fmt.Errorf("DOPO: %w", err)
	}
	c := &Confronto{A: fa, B: fb, RelA: a.Rel, RelB: b.Rel}
	if fa.Multi() != fb.Multi() {
		return nil, fmt.Errorf("PRIMA e DOPO non sono confrontabili: %s", multiMismatch(fa, fb))
	}
	if !fa.Multi() {
		bc, err := compareBody(fa, fb, a.Rel, b.Rel)
		if err != nil {
			return nil, err
		}
		c.Bodies = []*BodyComparison{bc}
		c.Warnings = append(c.Warnings, bc.Warnings...)
		return c, nil
	}
	// The same warning of many bodies is given once, naming them.
	var texts []string
	bodiesOf := map[string][]string{}
	byName := map[string]*RunFolder{}
	for _, body := range fb.Bodies {
		byName[body.Name] = body
	}
	for _, ba := range fa.Bodies {
		bb, ok := byName[ba.Name]
		if !ok {
			c.OnlyA = append(c.OnlyA, ba.Name)
			continue
		}
		delete(byName, ba.Name)
		bc, err := compareBody(ba, bb, bodyRel(a.Rel, ba.Name), bodyRel(b.Rel, bb.Name))
		if err != nil {
			return nil, fmt.Errorf("ente %s: %w", ba.Name, err)
		}
		bc.Name = ba.Name
		c.Bodies = append(c.Bodies, bc)
		for _, w := range bc.Warnings {
			if bodiesOf[w] == nil {
				texts = append(texts, w)
			}
			bodiesOf[w] = append(bodiesOf[w], ba.Name)
		}
	}
	for _, w := range texts {
		c.Warnings = append(c.Warnings, fmt.Sprintf("%s (enti: %s)", w, strings.Join(bodiesOf[w], ", ")))
	}
	c.OnlyB = slices.Sorted(maps.Keys(byName))
	if len(c.Bodies) == 0 {
		return nil, fmt.Errorf("PRIMA e DOPO non hanno nessun ente in comune (gli enti si abbinano per nome della sotto-cartella)")
	}
	if len(c.OnlyA) > 0 {
		c.Warnings = append(c.Warnings, fmt.Sprintf("enti solo in PRIMA, non confrontati: %s", strings.Join(c.OnlyA, ", ")))
	}
	if len(c.OnlyB) > 0 {
		c.Warnings = append(c.Warnings, fmt.Sprintf("enti solo in DOPO, non confrontati: %s", strings.Join(c.OnlyB, ", ")))
	}
	return c, nil
}

func multiMismatch(a, b *RunFolder) string {
	if a.Multi() {
		return "PRIMA è un calcolo di più enti, DOPO di un ente solo (confrontare DOPO con la sotto-cartella del suo ente in PRIMA)"
	}
	return "PRIMA è un calcolo di un ente solo, DOPO di più enti (confrontare PRIMA con la sotto-cartella del suo ente in DOPO)"
}

// bodyRel is where a body's run is seen from the body's comparison folder,
// one level below the comparison's output folder.
func bodyRel(rel, name string) string {
	if path.IsAbs(rel) || filepath.IsAbs(filepath.FromSlash(rel)) {
		return path.Join(rel, name)
	}
	return path.Join("..", rel, name)
}

// sameEnte compares the names of two bodies ignoring case and spacing.
func sameEnte(a, b string) bool {
	return strings.EqualFold(strings.Join(strings.Fields(a), " "), strings.Join(strings.Fields(b), " "))
}

// compareBody compares the runs of one body.
func compareBody(a, b *RunFolder, relA, relB string) (*BodyComparison, error) {
	ma, mb := a.Manifest, b.Manifest
	if !sameEnte(ma.Ente, mb.Ente) {
		return nil, fmt.Errorf("PRIMA e DOPO sono calcoli di enti diversi (%q e %q): si confrontano due calcoli dello stesso ente", ma.Ente, mb.Ente)
	}
	runA, err := a.ReadCosts()
	if err != nil {
		return nil, fmt.Errorf("PRIMA: %w", err)
	}
	runB, err := b.ReadCosts()
	if err != nil {
		return nil, fmt.Errorf("DOPO: %w", err)
	}
	cmp, err := variance.Compare(runA, runB)
	if err != nil {
		return nil, err
	}
	bc := &BodyComparison{A: a, B: b, RelA: relA, RelB: relB, Cmp: cmp}
	volA, okA, err := a.ReadVolumes()
	if err != nil {
		return nil, fmt.Errorf("PRIMA: %w", err)
	}
	volB, okB, err := b.ReadVolumes()
	if err != nil {
		return nil, fmt.Errorf("DOPO: %w", err)
	}
	bc.VolumesA, bc.VolumesB = okA, okB
	bc.Units, bc.UnitsOnlyA, bc.UnitsOnlyB = variance.UnitCosts(volA, volB)
	bc.setDifferences()
	return bc, nil
}

// defaultDriver is the support driver of a tema camcost.toml does not name.
const defaultDriver = "fte"

// setDifferences lists the set-up of both runs side by side.
func (bc *BodyComparison) setDifferences() {
	ma, mb := bc.A.Manifest, bc.B.Manifest
	add := func(aspect, a, b, same, differ string) *Difference {
		d := Difference{Aspect: aspect, A: a, B: b, Same: a == b, Effect: same}
		if a != b {
			d.Effect = differ
		}
		bc.Differences = append(bc.Differences, d)
		return &bc.Differences[len(bc.Differences)-1]
	}
	or := func(s, empty string) string {
		if s == "" {
			return empty
		}
		return s
	}
	add("Ente", ma.Ente, mb.Ente, "stesso ente", "stesso ente, nome scritto diversamente")
	add("Esercizio", or(ma.Anno, "non indicato"), or(mb.Anno, "non indicato"), "stesso esercizio: il confronto mostra l'effetto di impostazioni o dati diversi", "esercizi diversi")
	add("Versione di camcost", ma.Version, mb.Version, "stessa versione", "versioni diverse: una parte delle differenze può venire dal programma").Alarm = ma.Version != mb.Version
	add("Identificativo dell'esecuzione", ma.RunID, mb.RunID, "stessa esecuzione: nessuna differenza", "esecuzioni diverse")
	methodEffect := "i costi di supporto sono ribaltati con metodi diversi: le cifre cambiano anche a parità di dati"
	add("Metodo di ribaltamento", ma.Settings.Method, mb.Settings.Method, "stesso metodo", methodEffect).Alarm = ma.Settings.Method != mb.Settings.Method
	temi := slices.Sorted(maps.Keys(ma.Settings.SupportDrivers))
	for t := range mb.Settings.SupportDrivers {
		if _, ok := ma.Settings.SupportDrivers[t]; !ok {
			temi = append(temi, t)
		}
	}
	slices.SortFunc(temi, func(x, y string) int { return model.CompareCodes(model.Code(x), model.Code(y)) })
	driver := func(m map[string]string, t string) string {
		if d, ok := m[t]; ok {
			return d
		}
		return defaultDriver + " (predefinito)"
	}
	driversDiffer := false
	for _, t := range temi {
		da, db := driver(ma.Settings.SupportDrivers, t), driver(mb.Settings.SupportDrivers, t)
		driversDiffer = driversDiffer || da != db
		add("Driver di supporto del tema "+t, da, db, "stesso driver",
			"i servizi di supporto del tema ribaltano i costi con chiavi diverse: le cifre cambiano anche a parità di dati").Alarm = da != db
	}
	if len(temi) == 0 {
		add("Driver di supporto", defaultDriver+" per ogni tema", defaultDriver+" per ogni tema", "stessi driver", "")
	}
	bc.Changed = ma.Settings.Method != mb.Settings.Method || driversDiffer
	if ma.Version != mb.Version {
		bc.Warnings = append(bc.Warnings, fmt.Sprintf("i due calcoli sono di versioni diverse di camcost (PRIMA %s, DOPO %s): "+
			"una parte delle differenze può venire dal programma e non dai dati", ma.Version, mb.Version))
	}
	add("File di impostazioni", or(ma.Settings.File, "nessuno"), or(mb.Settings.File, "nessuno"), "", "")
	add("Opzioni della riga di comando", or(strings.Join(ma.Settings.Overrides, " "), "nessuna"), or(strings.Join(mb.Settings.Overrides, " "), "nessuna"), "", "")
	add("Mappa dei processi", mapLabel(ma.MapFrom), mapLabel(mb.MapFrom), "stessa origine", "mappe di origine diversa")
	var onlyA, onlyB int
	for _, r := range bc.Cmp.Rows {
		switch r.Status {
		case variance.OnlyA:
			onlyA++
		case variance.OnlyB:
			onlyB++
		}
	}
	mapEffect := "stessi codici"
	if onlyA+onlyB > 0 {
		mapEffect = fmt.Sprintf("%d codici tolti, %d aggiunti (elencati sotto): contano zero nel calcolo in cui mancano", onlyA, onlyB)
	}
	bc.Differences = append(bc.Differences, Difference{Aspect: "Codici della mappa", A: fmt.Sprint(bc.Cmp.Map.Len() - onlyB),
		B: fmt.Sprint(bc.Cmp.Map.Len() - onlyA), Same: onlyA+onlyB == 0, Effect: mapEffect})
	if n := len(bc.Cmp.Renamed); n > 0 {
		bc.Differences = append(bc.Differences, Difference{Aspect: "Denominazioni", Effect: fmt.Sprintf("%d codici hanno un nome diverso (elencati sotto)", n)})
	}
	add("Avvisi del calcolo", fmt.Sprint(len(ma.Warnings)), fmt.Sprint(len(mb.Warnings)), "elencati sotto", "elencati sotto").Same = slices.Equal(ma.Warnings, mb.Warnings)
	if bc.Changed {
		what := "il metodo di ribaltamento"
		switch {
		case ma.Settings.Method == mb.Settings.Method:
			what = "i driver di supporto"
		case driversDiffer:
			what = "il metodo di ribaltamento e i driver di supporto"
		}
		bc.Warnings = append(bc.Warnings, fmt.Sprintf("i due calcoli differiscono per %s: le cifre cambiano anche senza alcun cambiamento nei dati", what))
	}
}

func mapLabel(from string) string {
	if from == "embedded" {
		return "mappa di camcost"
	}
	return from
}

// ConfrontoManifest records a comparison: which two runs, by their
// manifests' hashes, and the files it wrote.
type ConfrontoManifest struct {
	Format   int         `json:"format"`
	Engine   string      `json:"engine"`
	Version  string      `json:"version"`
	Kind     string      `json:"kind"`
	RunID    string      `json:"run_id"`
	Ente     string      `json:"ente,omitempty"`
	Prima    ComparedRun `json:"prima"`
	Dopo     ComparedRun `json:"dopo"`
	Outputs  []File      `json:"outputs"`
	Warnings []string    `json:"warnings,omitempty"`
	Bodies   []Body      `json:"bodies,omitempty"`
}

// ComparedRun names one of the two runs of a comparison.
type ComparedRun struct {
	Dir      string `json:"dir"` // seen from the comparison's folder
	Manifest File   `json:"manifest"`
	RunID    string `json:"run_id"`
	Ente     string `json:"ente,omitempty"`
	Anno     string `json:"anno,omitempty"`
	Version  string `json:"version"`
	Method   string `json:"method,omitempty"`
}

func comparedRun(r *RunFolder, rel string) ComparedRun {
	m := r.Manifest
	return ComparedRun{Dir: rel, Manifest: r.Self, RunID: m.RunID, Ente: m.Ente, Anno: m.Anno, Version: m.Version, Method: m.Settings.Method}
}

// confrontoID identifies a comparison: the version of camcost and the
// hashes of the two manifests.
func confrontoID(a, b *RunFolder) string {
	h := sha256.New()
	fmt.Fprintf(h, "camcost %s confronto\nprima %s\ndopo %s\n", model.Version, a.Self.SHA256, b.Self.SHA256)
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// RunID identifies the comparison of this body's runs.
func (bc *BodyComparison) RunID() string { return confrontoID(bc.A, bc.B) }

// Write writes the comparison into dir, which must exist: for one body,
// confronto.csv, confronto.xlsx and manifest.json; for several, those
// files in a sub-folder per body, confronto-enti.csv and
// confronto-enti.xlsx with every body's totals, and a manifest covering
// every body by its manifest's hash.
func (c *Confronto) Write(dir string) (*ConfrontoManifest, error) {
	if !c.Multi() {
		return c.Bodies[0].write(dir)
	}
	var bodies []Body
	for _, bc := range c.Bodies {
		sub := filepath.Join(dir, bc.Name)
		if err := os.Mkdir(sub, 0o755); err != nil {
			return nil, err
		}
		if _, err := bc.write(sub); err != nil {
			return nil, fmt.Errorf("ente %s: %w", bc.Name, err)
		}
		sum, size, err := HashFile(filepath.Join(sub, ManifestFile))
		if err != nil {
			return nil, err
		}
		bodies = append(bodies, Body{Name: bc.Name, Manifest: File{Name: bc.Name + "/" + ManifestFile, SHA256: sum, Size: size}})
	}
	info := c.info()
	var files []File
	for _, a := range []artefact{
		{ConfrontoEntiCSV, func(w io.Writer) error { return WriteConfrontoEntiCSV(w, c) }},
		{ConfrontoEntiWorkbook, func(w io.Writer) error { return WriteConfrontoEntiWorkbook(w, c, info) }},
	} {
		f, err := writeFile(filepath.Join(dir, a.name), a.write)
		if err != nil {
			return nil, fmt.Errorf("scrittura di %s: %w", a.name, err)
		}
		files = append(files, f)
	}
	m := &ConfrontoManifest{
		Format: manifestFormat, Engine: "camcost", Version: model.Version, Kind: confrontoKind, RunID: info.RunID,
		Prima: comparedRun(c.A, c.RelA), Dopo: comparedRun(c.B, c.RelB),
		Outputs: files, Warnings: c.Warnings, Bodies: bodies,
	}
	return m, writeConfrontoManifest(dir, m)
}

// info describes a multi-body comparison for its workbook.
func (c *Confronto) info() RunInfo {
	return RunInfo{RunID: confrontoID(c.A, c.B), Version: model.Version, Anno: c.B.Bodies[0].Manifest.Anno}
}

// info describes the comparison of a body for its workbook: the
// properties carry DOPO's year.
func (bc *BodyComparison) info() RunInfo {
	return RunInfo{RunID: bc.RunID(), Version: model.Version, Ente: bc.B.Manifest.Ente, Anno: bc.B.Manifest.Anno}
}

// write writes one body's comparison into dir.
func (bc *BodyComparison) write(dir string) (*ConfrontoManifest, error) {
	info := bc.info()
	var files []File
	for _, a := range []artefact{
		{ConfrontoCSV, func(w io.Writer) error { return WriteConfrontoCSV(w, bc.Cmp) }},
		{ConfrontoWorkbook, func(w io.Writer) error { return WriteConfrontoWorkbook(w, bc, info) }},
	} {
		f, err := writeFile(filepath.Join(dir, a.name), a.write)
		if err != nil {
			return nil, fmt.Errorf("scrittura di %s: %w", a.name, err)
		}
		files = append(files, f)
	}
	m := &ConfrontoManifest{
		Format: manifestFormat, Engine: "camcost", Version: model.Version, Kind: confrontoKind, RunID: info.RunID,
		Ente:  bc.B.Manifest.Ente,
		Prima: comparedRun(bc.A, bc.RelA), Dopo: comparedRun(bc.B, bc.RelB),
		Outputs: files, Warnings: bc.Warnings,
	}
	return m, writeConfrontoManifest(dir, m)
}

func writeConfrontoManifest(dir string, m *ConfrontoManifest) error {
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, ManifestFile), append(b, '\n'), 0o644)
}
