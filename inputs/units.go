package inputs

import (
	"camcost/model"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// unitName is an organisational unit as personale first writes it.
type unitName struct {
	name string
	row  int
}

// unit records the unit of the current row of personale and returns its
// name. Unit names match the way table and column names do (foldName):
// "Ufficio Registro imprese" and "ufficio registro imprese" are one unit,
// named as its first row writes it.
func (rd *reader) unit(t *table, name string) string {
	if name == "" {
		return ""
	}
	if kept, ok := rd.unitSpelled[name]; ok {
		return kept
	}
	key := foldName(name)
	first, seen := rd.units[key]
	if !seen {
		// Copies: name may be a view of a row (table.transient).
		kept := strings.Clone(name)
		rd.units[strings.Clone(key)] = unitName{kept, t.num}
		if rd.unitSpelled == nil {
			rd.unitSpelled = make(map[string]string)
		}
		rd.unitSpelled[kept] = kept
		return kept
	}
	if first.name != name {
		t.warnf(pUnita, "unità %q scritta come %q alla riga %d: è la stessa unità (i nomi si confrontano senza badare a maiuscole, accenti e spazi)", name, first.name, first.row)
	}
	return first.name
}

// unitHint suggests, for a unit that personale lacks, the nearest unit it
// has, or lists them when they are few.
func (rd *reader) unitHint(name string) string {
	names := make([]string, 0, len(rd.units))
	for _, u := range rd.units {
		names = append(names, u.name)
	}
	slices.Sort(names)
	if best, ok := nearest(name, names); ok {
		return fmt.Sprintf(": forse %q?", best)
	}
	if len(names) > 0 && len(names) <= 8 {
		return fmt.Sprintf(" (unità di personale: %s)", strings.Join(names, ", "))
	}
	return ""
}

// nearest returns the candidate closest to s, compared as foldName
// compares names, when it is close enough to be a slip of the keyboard:
// an edit distance of at most a third of the name, and a single best.
func nearest(s string, candidates []string) (string, bool) {
	fs := foldName(s)
	best, bestD, ties := "", -1, 0
	for _, c := range candidates {
		d := model.EditDistance(fs, foldName(c))
		switch {
		case bestD < 0 || d < bestD:
			best, bestD, ties = c, d, 1
		case d == bestD:
			ties++
		}
	}
	if bestD < 0 || ties > 1 || bestD > max(1, utf8.RuneCountInString(fs)/3) {
		return "", false
	}
	return best, true
}
