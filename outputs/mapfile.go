// Package outputs writes what camcost produces: the workbooks for managers,
// the plain files for auditors and the process map in its exchange formats.
package outputs

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"

	"camcost/model"
)

// MapHeader is the header of a map file in CSV: the same columns a run
// folder's mappa table has.
var MapHeader = []string{"code", "level", "kind", "parent", "name"}

// WriteMapCSV writes m as CSV: header MapHeader, one row per node in map
// order, UTF-8 without BOM, RFC 4180 quoting, "\n" line ends.
func WriteMapCSV(w io.Writer, m *model.Map) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(MapHeader); err != nil {
		return err
	}
	for _, n := range m.Nodes() {
		if err := cw.Write([]string{string(n.Code), n.Level.String(), n.Kind.String(), string(n.Parent), n.Name}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// mapRecord is a node as written in JSON.
type mapRecord struct {
	Code   string `json:"code"`
	Level  string `json:"level"`
	Kind   string `json:"kind"`
	Parent string `json:"parent"`
	Name   string `json:"name"`
}

// WriteMapJSON writes m as an indented JSON array of objects with the keys
// of MapHeader, in map order.
func WriteMapJSON(w io.Writer, m *model.Map) error {
	recs := make([]mapRecord, m.Len())
	for i, n := range m.Nodes() {
		recs[i] = mapRecord{string(n.Code), n.Level.String(), n.Kind.String(), string(n.Parent), n.Name}
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(recs)
}

// MapSheet is the name of the sheet WriteMapXLSX writes.
const MapSheet = "Mappa dei processi"

// mapXLSXHeader is the header row of the sheet, for its readers.
var mapXLSXHeader = []any{"Codice", "Livello", "Tipo", "Padre", "Nome"}

// kindLabel names a kind for readers of the workbook.
func kindLabel(k model.Kind) string {
	if k == model.KindRegular {
		return "ordinario"
	}
	return k.String()
}

// WriteMapXLSX writes m as a workbook with one sheet, MapSheet: a row per
// node in map order, grouped by level with row outlines (summary rows above
// their detail) so that a reader can fold the tree, names indented by level,
// header frozen, filters on. The bytes depend on m only.
func WriteMapXLSX(w io.Writer, m *model.Map) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := writeMapSheet(f, m); err != nil {
		return fmt.Errorf("foglio %q: %w", MapSheet, err)
	}
	return f.Write(w)
}

func writeMapSheet(f *excelize.File, m *model.Map) error {
	if err := f.SetSheetName("Sheet1", MapSheet); err != nil {
		return err
	}
	// Fixed properties: two runs must give the same bytes.
	if err := f.SetDocProps(&excelize.DocProperties{
		Title:          "Mappa dei processi",
		Creator:        "camcost",
		LastModifiedBy: "camcost",
		Description:    "Mappa dei processi delle Camere di Commercio",
		Language:       "it-IT",
		Version:        model.Version,
		Created:        "2000-01-01T00:00:00Z",
		Modified:       "2000-01-01T00:00:00Z",
	}); err != nil {
		return err
	}
	st, err := newMapStyles(f)
	if err != nil {
		return err
	}
	sh := MapSheet
	for _, c := range []struct {
		col   string
		width float64
	}{{"A", 12}, {"B", 16}, {"C", 15}, {"D", 10}, {"E", 120}} {
		if err := f.SetColWidth(sh, c.col, c.col, c.width); err != nil {
			return err
		}
	}
	if err := f.SetSheetRow(sh, "A1", &mapXLSXHeader); err != nil {
		return err
	}
	if err := f.SetCellStyle(sh, "A1", "E1", st.header); err != nil {
		return err
	}
	for i, n := range m.Nodes() {
		r := i + 2
		row := []any{string(n.Code), n.Level.Label(), kindLabel(n.Kind), string(n.Parent), n.Name}
		if err := f.SetSheetRow(sh, fmt.Sprintf("A%d", r), &row); err != nil {
			return err
		}
		if err := f.SetCellStyle(sh, fmt.Sprintf("A%d", r), fmt.Sprintf("D%d", r), st.cells[n.Level]); err != nil {
			return err
		}
		if err := f.SetCellStyle(sh, fmt.Sprintf("E%d", r), fmt.Sprintf("E%d", r), st.names[n.Level]); err != nil {
			return err
		}
		// Macro funzioni stay at outline level 0; each level below
		// folds into the row above it.
		if n.Level > model.LevelMacro {
			if err := f.SetRowOutlineLevel(sh, r, uint8(n.Level-model.LevelMacro)); err != nil {
				return err
			}
		}
	}
	last := m.Len() + 1
	if err := f.AutoFilter(sh, fmt.Sprintf("A1:E%d", last), nil); err != nil {
		return err
	}
	// After AutoFilter, which resets the sheet properties.
	below := false
	if err := f.SetSheetProps(sh, &excelize.SheetPropsOptions{OutlineSummaryBelow: &below}); err != nil {
		return err
	}
	return f.SetPanes(sh, &excelize.Panes{
		Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}},
	})
}

// mapStyles are the style IDs of the map sheet, created once.
type mapStyles struct {
	header int
	cells  map[model.Level]int // code, level, kind and parent columns
	names  map[model.Level]int // the name column, indented by level
}

func newMapStyles(f *excelize.File) (mapStyles, error) {
	st := mapStyles{cells: make(map[model.Level]int), names: make(map[model.Level]int)}
	var err error
	st.header, err = f.NewStyle(&excelize.Style{
		Font:   &excelize.Font{Bold: true, Color: "FFFFFF"},
		Fill:   excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"1F4E79"}},
		Border: []excelize.Border{{Type: "bottom", Color: "000000", Style: 1}},
	})
	if err != nil {
		return st, err
	}
	for l := model.LevelMacro; l <= model.LevelAttivita; l++ {
		base := excelize.Style{Alignment: &excelize.Alignment{Vertical: "top"}}
		switch l {
		case model.LevelMacro:
			base.Font = &excelize.Font{Bold: true, Size: 12}
			base.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"BDD7EE"}}
		case model.LevelTema:
			base.Font = &excelize.Font{Bold: true}
			base.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}}
		case model.LevelAttivita:
			base.Font = &excelize.Font{Color: "404040"}
		}
		if st.cells[l], err = f.NewStyle(&base); err != nil {
			return st, err
		}
		name := base
		name.Alignment = &excelize.Alignment{Vertical: "top", Indent: int(l - model.LevelMacro)}
		if st.names[l], err = f.NewStyle(&name); err != nil {
			return st, err
		}
	}
	return st, nil
}
