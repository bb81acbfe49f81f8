package generate

import (
	"errors"

	"camcost/model"
)

// shape is what the generator needs to know about a process map: where time
// can go and which codes can carry cost. Everything is found from the map, so
// any valid map works.
type shape struct {
	m *model.Map
	// servizi are the regular servizi, in map order.
	servizi []int
	// temas are the temas holding at least one regular servizio.
	temas []int
	// Per node position: its tema and funzione (-1 above them), the
	// coordinamento node of a tema and the formazione node of a funzione
	// (-1 if none), the attività of a servizio.
	tema, funzione []int
	coord, formaz  []int
	attivita       [][]int
	temaServizi    map[int][]int // tema -> its regular servizi
	support        []bool        // node under macro A or B
	costable       []bool        // node with a regular servizio at or below it
	codes          []model.Code
}

var errNoServizi = errors.New("la mappa non ha servizi su cui registrare tempo")

func analyse(m *model.Map) (*shape, error) {
	if m == nil {
		return nil, errors.New("mappa dei processi mancante")
	}
	n := m.Len()
	s := &shape{
		m:           m,
		tema:        make([]int, n),
		funzione:    make([]int, n),
		coord:       make([]int, n),
		formaz:      make([]int, n),
		attivita:    make([][]int, n),
		temaServizi: map[int][]int{},
		support:     make([]bool, n),
		costable:    make([]bool, n),
		codes:       make([]model.Code, n),
	}
	for i, node := range m.Nodes() {
		s.codes[i] = node.Code
		s.tema[i] = m.AncestorAt(i, model.LevelTema)
		s.funzione[i] = m.AncestorAt(i, model.LevelFunzione)
		s.coord[i], s.formaz[i] = -1, -1
		if mi := m.Macro(i); mi >= 0 {
			c := m.At(mi).Code
			s.support[i] = c == "A" || c == "B"
		}
	}
	for i, node := range m.Nodes() {
		switch {
		case node.Kind == model.KindCoordinamento:
			if p := m.ParentIndex(i); p >= 0 && s.coord[p] < 0 {
				s.coord[p] = i
			}
		case node.Kind == model.KindFormazione:
			if p := m.ParentIndex(i); p >= 0 && s.formaz[p] < 0 {
				s.formaz[p] = i
			}
		case node.Level == model.LevelServizio:
			s.servizi = append(s.servizi, i)
			if t := s.tema[i]; t >= 0 {
				if len(s.temaServizi[t]) == 0 {
					s.temas = append(s.temas, t)
				}
				s.temaServizi[t] = append(s.temaServizi[t], i)
			}
			for p := i; p >= 0; p = m.ParentIndex(p) {
				s.costable[p] = true
			}
		case node.Level == model.LevelAttivita:
			p := m.ParentIndex(i)
			if m.At(p).Kind == model.KindRegular {
				s.attivita[p] = append(s.attivita[p], i)
			}
		}
	}
	if len(s.servizi) == 0 {
		return nil, errNoServizi
	}
	return s, nil
}

// hasServizi reports whether the funzione or tema at i holds a regular
// servizio, so that coordinamento or formazione time there can move on.
func (s *shape) hasServizi(i int) bool { return i >= 0 && s.costable[i] }

// lookup returns the position of code if the map has it and it can carry
// cost (a regular servizio is at or below it).
func (s *shape) lookup(code model.Code) (int, bool) {
	i, ok := s.m.Index(code)
	if !ok || !s.costable[i] {
		return -1, false
	}
	return i, true
}
