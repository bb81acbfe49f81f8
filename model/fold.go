package model

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// foldAt is how many problems of one kind in one column make Fold merge
// them into one line.
const foldAt = 4

// Fold merges the problems of one kind (the same Kind, in the same file,
// sheet and column, each on a row) into the first of them, which then
// names the other rows and stands for all of them: forty rows with the
// same mistake read as one line with a count. Problems keep their order;
// folding twice changes nothing.
func (ps Problems) Fold() Problems {
	type key struct {
		warning, cause                    bool
		file, sheet, column, letter, kind string
	}
	keyOf := func(p Problem) (key, bool) {
		if p.Kind == "" || p.Pos.Row == 0 || p.Times > 1 {
			return key{}, false
		}
		return key{p.Warning, p.Cause, p.Pos.File, p.Pos.Sheet, p.Pos.Column, p.Pos.Letter, p.Kind}, true
	}
	groups := map[key][]int{}
	for i, p := range ps {
		if k, ok := keyOf(p); ok {
			groups[k] = append(groups[k], i)
		}
	}
	out := make(Problems, 0, len(ps))
	for i, p := range ps {
		k, ok := keyOf(p)
		g := groups[k]
		switch {
		case !ok || len(g) < foldAt:
			out = append(out, p)
		case g[0] == i:
			rows := make([]int, 0, len(g)-1)
			for _, j := range g[1:] {
				rows = append(rows, ps[j].Pos.Row)
			}
			p.Msg += fmt.Sprintf(" (stesso problema %s: %d righe in tutto)", rowList(rows), len(g))
			p.Times = len(g)
			out = append(out, p)
		}
	}
	return out
}

// rowList names rows in a message, runs of consecutive rows as ranges:
// "alle righe 24-30 e 49".
func rowList(rows []int) string {
	rows = slices.Clone(rows)
	slices.Sort(rows)
	rows = slices.Compact(rows)
	var parts []string
	counts := []int{}
	for i := 0; i < len(rows); {
		j := i
		for j+1 < len(rows) && rows[j+1] == rows[j]+1 {
			j++
		}
		if j > i {
			parts = append(parts, strconv.Itoa(rows[i])+"-"+strconv.Itoa(rows[j]))
		} else {
			parts = append(parts, strconv.Itoa(rows[i]))
		}
		counts = append(counts, j-i+1)
		i = j + 1
	}
	const shown = 8
	switch {
	case len(parts) == 1 && counts[0] == 1:
		return "alla riga " + parts[0]
	case len(parts) == 1:
		return "alle righe " + parts[0]
	case len(parts) <= shown:
		return "alle righe " + strings.Join(parts[:len(parts)-1], ", ") + " e " + parts[len(parts)-1]
	}
	rest := 0
	for _, c := range counts[shown-1:] {
		rest += c
	}
	return fmt.Sprintf("alle righe %s e in altre %d", strings.Join(parts[:shown-1], ", "), rest)
}
