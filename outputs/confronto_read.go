package outputs

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"camcost/model"
	"camcost/variance"
)

// This file reads what camcost confronta compares: output folders of
// camcost run, trusted only as far as their manifests vouch for them.

// RunFolder is an output folder of camcost run whose outputs all hash as
// its manifest records. A multi-body output has Bodies, each a folder of
// its own, in the manifest's order.
type RunFolder struct {
	Dir      string
	Name     string // the body's sub-folder, for a body of a multi-body output
	Manifest *Manifest
	Self     File // manifest.json itself: its hash names the run
	Bodies   []*RunFolder
}

// Multi reports whether the folder is a multi-body output.
func (r *RunFolder) Multi() bool { return len(r.Bodies) > 0 }

// has reports whether the manifest lists an output named name.
func (r *RunFolder) has(name string) bool {
	return slices.ContainsFunc(r.Manifest.Outputs, func(f File) bool { return f.Name == name })
}

// OpenRun reads the output folder dir of camcost run and checks that every
// file its manifest lists (and, for a multi-body output, every body's
// manifest and files) hashes as recorded: a run edited after it was
// written is refused, naming the files that changed.
func OpenRun(dir string) (*RunFolder, error) {
	r, err := openRun(dir, "")
	if err != nil {
		return nil, err
	}
	if !r.Multi() && !r.has(CostsFile) {
		return nil, fmt.Errorf("%s: il manifest non elenca %s: non è la cartella di uscita di camcost run", dir, CostsFile)
	}
	return r, nil
}

// confrontoKind marks the manifest of a comparison.
const confrontoKind = "confronto"

func openRun(dir, name string) (*RunFolder, error) {
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return nil, fmt.Errorf("la cartella %s non esiste", dir)
	}
	path := filepath.Join(dir, ManifestFile)
	raw, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%s non contiene %s: non è la cartella di uscita di camcost run", dir, ManifestFile)
	}
	if err != nil {
		return nil, err
	}
	var head struct {
		Kind string `json:"kind"`
	}
	var man Manifest
	err = json.Unmarshal(raw, &head)
	if err == nil {
		err = json.Unmarshal(raw, &man)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: manifest non leggibile: %w", path, err)
	}
	switch {
	case head.Kind == confrontoKind:
		return nil, fmt.Errorf("%s è il risultato di camcost confronta, non di camcost run: indicare le cartelle di uscita dei due calcoli", dir)
	case man.Engine != "camcost" || man.Format < 1:
		return nil, fmt.Errorf("%s: non è un manifest di camcost: %s non è la cartella di uscita di camcost run", path, dir)
	case man.Format > manifestFormat:
		return nil, fmt.Errorf("%s: manifest in un formato (%d) più recente di questa versione di camcost (%s): aggiornare camcost", path, man.Format, model.Version)
	}
	if err := checkManifestNames(&man); err != nil {
		var unv *UnverifiableError
		if errors.As(err, &unv) {
			return nil, fmt.Errorf("%s: %s", dir, strings.Replace(unv.Msg, "impossibile verificarlo", "impossibile confrontarlo", 1))
		}
		return nil, err
	}
	sum, size, err := HashFile(path)
	if err != nil {
		return nil, err
	}
	r := &RunFolder{Dir: dir, Name: name, Manifest: &man, Self: File{Name: ManifestFile, SHA256: sum, Size: size}}
	var changed []string
	for _, f := range man.Outputs {
		sum, size, err := HashFile(filepath.Join(dir, filepath.FromSlash(f.Name)))
		switch {
		case errors.Is(err, fs.ErrNotExist):
			changed = append(changed, f.Name+": manca")
		case err != nil:
			changed = append(changed, fmt.Sprintf("%s: %v", f.Name, err))
		case sum != f.SHA256 || size != f.Size:
			changed = append(changed, fmt.Sprintf("%s: modificato dopo il calcolo (sha256 %s, registrato %s)", f.Name, short(sum), short(f.SHA256)))
		}
	}
	for _, b := range man.Bodies {
		sum, _, err := HashFile(filepath.Join(dir, b.Name, ManifestFile))
		switch {
		case err != nil:
			changed = append(changed, b.Name+"/"+ManifestFile+": manca o non è leggibile")
		case sum != b.Manifest.SHA256:
			changed = append(changed, fmt.Sprintf("%s/%s: modificato dopo il calcolo (sha256 %s, registrato %s)", b.Name, ManifestFile, short(sum), short(b.Manifest.SHA256)))
		}
	}
	if len(changed) > 0 {
		return nil, fmt.Errorf("%s non è più come camcost run l'ha scritta, impossibile confrontarla:\n  %s", dir, strings.Join(changed, "\n  "))
	}
	for _, b := range man.Bodies {
		body, err := openRun(filepath.Join(dir, b.Name), b.Name)
		if err != nil {
			return nil, err
		}
		if body.Multi() || !body.has(CostsFile) {
			return nil, fmt.Errorf("%s: l'ente %s non è l'uscita di un calcolo di un ente", dir, b.Name)
		}
		r.Bodies = append(r.Bodies, body)
	}
	return r, nil
}

// ReadCosts reads the folder's costs.csv: its map (code, level, kind,
// parent, name) and the figures of every node. Every problem is reported
// with file, row and column; so is a row whose figures do not add up.
func (r *RunFolder) ReadCosts() (variance.Run, error) {
	path := filepath.Join(r.Dir, CostsFile)
	f, err := os.Open(path)
	if err != nil {
		return variance.Run{}, err
	}
	defer f.Close()
	return readCosts(f, path)
}

// costsColumns are the columns of costs.csv a comparison reads.
var costsColumns = []string{"code", "level", "name", "kind", "parent", "fte", "direct", "direct_personale",
	"from_coordination", "from_support", "to_others", "full"}

func readCosts(rd io.Reader, path string) (variance.Run, error) {
	cr := csv.NewReader(bufio.NewReader(rd))
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err != nil {
		return variance.Run{}, fmt.Errorf("%s: %w", path, err)
	}
	col := map[string]int{}
	for i, h := range header {
		col[h] = i
	}
	var probs model.Problems
	for _, c := range costsColumns {
		if _, ok := col[c]; !ok {
			probs.Add(model.Position{File: path, Row: 1}, "manca la colonna %s", c)
		}
	}
	if len(probs) > 0 {
		return variance.Run{}, probs
	}
	var nodes []model.Node
	var figs []variance.Figures
	rows := map[model.Code]int{}
	for row := 2; ; row++ {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return variance.Run{}, fmt.Errorf("%s: %w", path, err)
		}
		pos := func(c string) model.Position { return model.Position{File: path, Row: row, Column: c} }
		get := func(c string) string { return rec[col[c]] }
		n := model.Node{Code: model.Code(UnsafeText(get("code"))), Name: UnsafeText(get("name")), Parent: model.Code(UnsafeText(get("parent")))}
		var ok bool
		if n.Level, ok = model.ParseLevel(get("level")); !ok {
			probs.Add(pos("level"), "livello %q sconosciuto", get("level"))
		}
		if n.Kind, ok = model.ParseKind(get("kind")); !ok {
			probs.Add(pos("kind"), "tipo %q sconosciuto", get("kind"))
		}
		num := func(c string, places int32) decimal.Decimal {
			d, err := decimal.NewFromString(get(c))
			if err != nil || d.Exponent() < -places {
				probs.Add(pos(c), "%q non è un numero con al più %d decimali", get(c), places)
				return decimal.Zero
			}
			return d
		}
		fg := variance.Figures{
			FTE:              num("fte", model.FTEPlaces),
			Direct:           num("direct", model.CentPlaces),
			Personale:        num("direct_personale", model.CentPlaces),
			FromCoordination: num("from_coordination", model.CentPlaces),
			FromSupport:      num("from_support", model.CentPlaces),
			ToOthers:         num("to_others", model.CentPlaces),
			Full:             num("full", model.CentPlaces),
		}
		if _, dup := rows[n.Code]; dup {
			probs.Add(pos("code"), "il codice %s compare più volte", n.Code)
			continue
		}
		rows[n.Code] = row
		nodes = append(nodes, n)
		figs = append(figs, fg)
	}
	if len(probs) > 0 {
		return variance.Run{}, probs
	}
	m, err := model.NewMap(nodes)
	if err != nil {
		return variance.Run{}, fmt.Errorf("%s: %w", path, err)
	}
	run := variance.Run{Map: m, Nodes: make([]variance.Figures, m.Len())}
	for k, n := range nodes {
		i, _ := m.Index(n.Code)
		run.Nodes[i] = figs[k]
	}
	for _, bad := range run.Check() {
		probs.Add(model.Position{File: path, Row: rows[bad.Code], Column: bad.Field}, "%s: %s", bad.Code, bad.Msg)
	}
	if len(probs) > 0 {
		return variance.Run{}, probs
	}
	return run, nil
}

// ReadVolumes reads the measures of the volumi table and the cost each
// unit cost divides, from the Costi unitari sheet of the folder's
// indicatori.xlsx: the output folder does not carry them in any other
// file. ok is false when the run did not write the workbook.
func (r *RunFolder) ReadVolumes() (vols []variance.Volume, ok bool, err error) {
	if !r.has(IndicWorkbook) {
		return nil, false, nil
	}
	path := filepath.Join(r.Dir, IndicWorkbook)
	f, err := excelize.OpenFile(path, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, false, fmt.Errorf("%s: %w", path, err)
	}
	defer f.Close()
	vols, err = readVolumes(f, path)
	return vols, err == nil, err
}

// The headers of the Costi unitari sheet a comparison reads.
const (
	hdrCode = "Codice"
	hdrMis  = "Misura"
	hdrQty  = "Quantità"
	hdrCost = "Costo considerato"
)

func readVolumes(f *excelize.File, path string) ([]variance.Volume, error) {
	rows, err := f.GetRows(SheetCostiUnitari)
	if err != nil {
		return nil, fmt.Errorf("%s, foglio %q: %w", path, SheetCostiUnitari, err)
	}
	head := -1
	col := map[string]int{}
	for r, cells := range rows {
		if len(cells) > 0 && cells[0] == hdrCode {
			head = r
			for c, h := range cells {
				col[h] = c
			}
			break
		}
	}
	var probs model.Problems
	at := func(row int, c string) model.Position {
		return model.Position{File: path, Sheet: SheetCostiUnitari, Row: row, Column: c}
	}
	for _, h := range []string{hdrCode, hdrMis, hdrQty, hdrCost} {
		if _, ok := col[h]; !ok {
			probs.Add(at(head+1, h), "manca la colonna %s", h)
		}
	}
	if len(probs) > 0 {
		return nil, probs
	}
	var out []variance.Volume
	// Data start below the two header rows.
	for r := head + 2; r < len(rows); r++ {
		cells := rows[r]
		get := func(h string) string {
			if c := col[h]; c < len(cells) {
				return strings.TrimSpace(cells[c])
			}
			return ""
		}
		code := get(hdrCode)
		if code == "" || strings.HasPrefix(code, "Nessun costo unitario") {
			break
		}
		v := variance.Volume{Code: model.Code(code), Misura: get(hdrMis)}
		num := func(h string) (decimal.Decimal, bool) {
			s := get(h)
			if s == "" {
				return decimal.Zero, false
			}
			d, err := decimal.NewFromString(s)
			if err != nil {
				probs.Add(at(r+1, h), "%q non è un numero", s)
			}
			return d, err == nil
		}
		var ok bool
		if v.Quantity, ok = num(hdrQty); !ok {
			probs.Add(at(r+1, hdrQty), "manca la quantità")
		}
		// Workbook cells hold doubles: a cost in cents reads back exactly
		// once rounded to the cent.
		v.Cost, v.HasCost = num(hdrCost)
		v.Cost = v.Cost.Round(model.CentPlaces)
		out = append(out, v)
	}
	if len(probs) > 0 {
		return nil, probs
	}
	return out, nil
}
