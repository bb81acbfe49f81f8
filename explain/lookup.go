package explain

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"camcost/model"
)

// maxSuggestions is how many codes an unknown code suggests.
const maxSuggestions = 3

// UnknownCodeError is a code that is not a node of the map, with the codes
// the user may have meant.
type UnknownCodeError struct {
	Code        string
	Suggestions []model.Node // close codes, the closest first
	Nearest     *model.Node  // the longest prefix of Code that is a node, when no code is close
}

func (e *UnknownCodeError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "il codice %q non è un nodo della mappa dei processi di questo calcolo", e.Code)
	switch {
	case len(e.Suggestions) == 1:
		fmt.Fprintf(&b, "; forse si intende %s?", nodeName(e.Suggestions[0]))
	case len(e.Suggestions) > 1:
		var names []string
		for _, n := range e.Suggestions {
			names = append(names, nodeName(n))
		}
		fmt.Fprintf(&b, "; forse si intende uno di questi: %s?", strings.Join(names, ", "))
	case e.Nearest != nil:
		fmt.Fprintf(&b, "; il nodo più vicino è %s", nodeName(*e.Nearest))
	}
	b.WriteString(" (camcost map elenca tutti i codici)")
	return b.String()
}

func nodeName(n model.Node) string { return fmt.Sprintf("%s «%s»", n.Code, n.Name) }

// Lookup finds the node with code in m. An unknown code gets an
// *UnknownCodeError suggesting the codes within two edits of it (the same
// code in other capitals first), or else the nearest node above it.
func Lookup(m *model.Map, code string) (model.Node, error) {
	code = strings.TrimSpace(code)
	if n, ok := m.Node(model.Code(code)); ok {
		return n, nil
	}
	return model.Node{}, unknownCode(m, code)
}

func unknownCode(m *model.Map, code string) error {
	e := &UnknownCodeError{Code: code}
	type cand struct {
		i, d int
	}
	var cs []cand
	upper := strings.ToUpper(code)
	for i, n := range m.Nodes() {
		d := model.EditDistance(upper, strings.ToUpper(string(n.Code)))
		if d == 0 {
			d = -1 // the same code in other capitals
		}
		if d <= 2 && d < len(n.Code) {
			cs = append(cs, cand{i, d})
		}
	}
	slices.SortFunc(cs, func(x, y cand) int { return cmp.Or(cmp.Compare(x.d, y.d), cmp.Compare(x.i, y.i)) })
	if len(cs) > 0 && cs[0].d < 0 {
		cs = cs[:1] // only the capitals differ: no other guess
	}
	for _, c := range cs[:min(len(cs), maxSuggestions)] {
		e.Suggestions = append(e.Suggestions, m.At(c.i))
	}
	if len(e.Suggestions) == 0 {
		for p := upper; p != ""; {
			if n, ok := m.Node(model.Code(p)); ok {
				e.Nearest = &n
				break
			}
			if k := strings.LastIndexByte(p, '.'); k > 0 {
				p = p[:k]
			} else {
				p = p[:len(p)-1]
			}
		}
	}
	return e
}
