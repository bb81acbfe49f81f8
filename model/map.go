package model

import (
	"fmt"
	"slices"
	"strings"
)

// Node is one entry of the process map.
type Node struct {
	Code   Code
	Level  Level
	Kind   Kind
	Parent Code // empty for a macro funzione
	Name   string
}

// Bookable reports whether time can be booked on the node: servizi (regular
// and formazione), attività and coordinamento nodes.
func (n Node) Bookable() bool {
	return n.Level == LevelServizio || n.Level == LevelAttivita || n.Kind == KindCoordinamento
}

// NodeProblem is a structural fault of a list of nodes, found by CheckNodes.
// Index points into the list given to CheckNodes; Field names the column
// (code, level, kind, parent, name).
type NodeProblem struct {
	Index int
	Field string
	Msg   string
}

// Map is the process map: nodes in map order with lookups by code. A Map is
// immutable once built and safe for concurrent use.
type Map struct {
	nodes    []Node
	index    map[Code]int
	children [][]int
	parent   []int
}

// CheckNodes returns every structural fault of nodes, in list order: empty or
// duplicated codes, unknown parents, levels that do not follow the parent's,
// special kinds in the wrong place. A nil result means NewMap will accept the
// nodes.
func CheckNodes(nodes []Node) []NodeProblem {
	var probs []NodeProblem
	add := func(i int, field, format string, args ...any) {
		probs = append(probs, NodeProblem{i, field, fmt.Sprintf(format, args...)})
	}
	first := make(map[Code]int, len(nodes))
	for i, n := range nodes {
		if n.Code == "" {
			add(i, "code", "codice mancante")
			continue
		}
		if strings.ContainsAny(string(n.Code), " \t") {
			add(i, "code", "il codice %q contiene spazi", n.Code)
		}
		if j, dup := first[n.Code]; dup {
			add(i, "code", "codice %s ripetuto (già alla voce %d)", n.Code, j+1)
			continue
		}
		first[n.Code] = i
	}
	for i, n := range nodes {
		if n.Code == "" {
			continue
		}
		if n.Level < LevelMacro || n.Level > LevelAttivita {
			add(i, "level", "livello non valido per %s", n.Code)
			continue
		}
		if strings.TrimSpace(n.Name) == "" {
			add(i, "name", "il nodo %s non ha nome", n.Code)
		}
		if n.Level == LevelMacro {
			if n.Parent != "" {
				add(i, "parent", "la macro funzione %s non può avere un padre (%s)", n.Code, n.Parent)
			}
			if n.Kind != KindRegular {
				add(i, "kind", "la macro funzione %s non può essere di tipo %s", n.Code, n.Kind)
			}
			continue
		}
		j, ok := first[n.Parent]
		if !ok {
			if n.Parent == "" {
				add(i, "parent", "il nodo %s non ha padre", n.Code)
			} else {
				add(i, "parent", "il padre %s del nodo %s non esiste nella mappa", n.Parent, n.Code)
			}
			continue
		}
		p := nodes[j]
		if !extends(n.Code, p.Code, n.Level) {
			add(i, "code", "il codice %s non discende da quello del padre %s", n.Code, p.Code)
			continue
		}
		if p.Level != n.Level-1 {
			add(i, "level", "%s è di livello %s ma il padre %s è di livello %s", n.Code, n.Level, p.Code, p.Level)
			continue
		}
		if p.Kind != KindRegular {
			add(i, "parent", "il nodo %s è di tipo %s e non può avere figli (%s)", p.Code, p.Kind, n.Code)
		}
		switch n.Kind {
		case KindCoordinamento:
			if n.Level != LevelFunzione {
				add(i, "kind", "un nodo di coordinamento deve stare sotto un tema (%s è di livello %s)", n.Code, n.Level)
			}
		case KindFormazione:
			if n.Level != LevelServizio {
				add(i, "kind", "un nodo di formazione deve stare sotto una funzione (%s è di livello %s)", n.Code, n.Level)
			}
		}
	}
	return probs
}

// extends reports whether child's code continues parent's: a tema adds a
// number to its macro letter (A1 under A), every other level adds a
// dot-separated segment (A1.1 under A1). Map order relies on it.
func extends(child, parent Code, l Level) bool {
	if len(child) <= len(parent) || !strings.HasPrefix(string(child), string(parent)) {
		return false
	}
	rest := child[len(parent):]
	if l == LevelTema {
		return !strings.Contains(string(rest), ".")
	}
	return len(rest) > 1 && rest[0] == '.' && !strings.Contains(string(rest[1:]), ".")
}

// NewMap builds a map from nodes in any order; it returns an error listing
// every problem CheckNodes finds.
func NewMap(nodes []Node) (*Map, error) {
	if probs := CheckNodes(nodes); len(probs) > 0 {
		var b strings.Builder
		b.WriteString("mappa dei processi non valida:")
		for _, p := range probs {
			fmt.Fprintf(&b, "\n  voce %d (%s): %s", p.Index+1, p.Field, p.Msg)
		}
		return nil, fmt.Errorf("%s", b.String())
	}
	sorted := slices.Clone(nodes)
	slices.SortFunc(sorted, func(a, b Node) int { return CompareCodes(a.Code, b.Code) })
	m := &Map{
		nodes:    sorted,
		index:    make(map[Code]int, len(sorted)),
		children: make([][]int, len(sorted)),
		parent:   make([]int, len(sorted)),
	}
	for i, n := range sorted {
		m.index[n.Code] = i
	}
	for i, n := range sorted {
		m.parent[i] = -1
		if n.Parent != "" {
			p := m.index[n.Parent]
			m.parent[i] = p
			m.children[p] = append(m.children[p], i)
		}
	}
	return m, nil
}

// Len is the number of nodes.
func (m *Map) Len() int { return len(m.nodes) }

// Nodes returns the nodes in map order. The slice must not be modified.
func (m *Map) Nodes() []Node { return m.nodes }

// At returns the node at position i of map order.
func (m *Map) At(i int) Node { return m.nodes[i] }

// Index returns the position of code in map order.
func (m *Map) Index(code Code) (int, bool) {
	i, ok := m.index[code]
	return i, ok
}

// Node returns the node with the given code.
func (m *Map) Node(code Code) (Node, bool) {
	i, ok := m.index[code]
	if !ok {
		return Node{}, false
	}
	return m.nodes[i], true
}

// Has reports whether code is a node of the map.
func (m *Map) Has(code Code) bool {
	_, ok := m.index[code]
	return ok
}

// ParentIndex returns the position of the parent of node i, or -1.
func (m *Map) ParentIndex(i int) int { return m.parent[i] }

// ChildIndexes returns the positions of the children of node i in map order.
// The slice must not be modified.
func (m *Map) ChildIndexes(i int) []int { return m.children[i] }

// Children returns the codes of the children of code, in map order.
func (m *Map) Children(code Code) []Code {
	i, ok := m.index[code]
	if !ok {
		return nil
	}
	out := make([]Code, len(m.children[i]))
	for k, c := range m.children[i] {
		out[k] = m.nodes[c].Code
	}
	return out
}

// Ancestors returns the codes above code, parent first, macro funzione last.
func (m *Map) Ancestors(code Code) []Code {
	i, ok := m.index[code]
	if !ok {
		return nil
	}
	var out []Code
	for p := m.parent[i]; p >= 0; p = m.parent[p] {
		out = append(out, m.nodes[p].Code)
	}
	return out
}

// AncestorAt returns the position of the ancestor of node i at level l (node
// i itself when it is at level l), or -1 when l is below node i.
func (m *Map) AncestorAt(i int, l Level) int {
	for ; i >= 0; i = m.parent[i] {
		if m.nodes[i].Level == l {
			return i
		}
		if m.nodes[i].Level < l {
			return -1
		}
	}
	return -1
}

// Subtree returns the positions of node i and of every node below it, in map
// order. Map order is a depth-first order, so the subtree is a contiguous
// range starting at i.
func (m *Map) Subtree(i int) (start, end int) {
	end = i + 1
	for end < len(m.nodes) && m.isBelow(end, i) {
		end++
	}
	return i, end
}

func (m *Map) isBelow(j, i int) bool {
	for p := m.parent[j]; p >= 0; p = m.parent[p] {
		if p == i {
			return true
		}
	}
	return false
}

// Macro returns the position of the macro funzione above node i.
func (m *Map) Macro(i int) int { return m.AncestorAt(i, LevelMacro) }
