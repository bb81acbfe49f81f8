// Package model holds the types shared by every stage of camcost: the process
// map of the chambers, the tables of a run folder, the voci of the conto
// economico and the positions used to report bad input.
//
// It does no I/O. Reading files is the job of package inputs, computing costs
// the job of package costing, writing reports the job of package outputs.
package model

import (
	"fmt"
	"strings"
)

// Code identifies a node of the process map: "A" (macro funzione), "A1"
// (tema), "A1.1" (funzione), "A1.1.1" (servizio), "A1.1.1.1" (attività),
// "A1.C" (coordinamento) or "A1.1.F" (formazione).
type Code string

// CompareCodes orders codes the way the process map lists them: segment by
// segment, numbers compared as numbers (A1.1.2 before A1.1.10), numbers
// before letters (A1.1 before A1.C), a code before the codes that extend it
// (A1 before A1.1). It returns -1, 0 or +1.
func CompareCodes(a, b Code) int {
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		ca, cb := a[i], b[j]
		da, db := isDigit(ca), isDigit(cb)
		switch {
		case da && db:
			// Compare the two runs of digits as numbers, without
			// converting: skip leading zeros, then longer is larger.
			si, sj := i, j
			for i < len(a) && isDigit(a[i]) {
				i++
			}
			for j < len(b) && isDigit(b[j]) {
				j++
			}
			na := strings.TrimLeft(string(a[si:i]), "0")
			nb := strings.TrimLeft(string(b[sj:j]), "0")
			if len(na) != len(nb) {
				return sign(len(na) - len(nb))
			}
			if c := strings.Compare(na, nb); c != 0 {
				return c
			}
			// Equal values: fewer leading zeros first, for a total order.
			if d := (i - si) - (j - sj); d != 0 {
				return sign(d)
			}
		case ca == cb:
			i++
			j++
		case ca == '.':
			// a's segment ended first: a shorter segment sorts first.
			return -1
		case cb == '.':
			return 1
		case da:
			return -1
		case db:
			return 1
		default:
			return sign(int(ca) - int(cb))
		}
	}
	return sign((len(a) - i) - (len(b) - j))
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func sign(n int) int {
	switch {
	case n < 0:
		return -1
	case n > 0:
		return 1
	}
	return 0
}

// Level is the depth of a node in the process map.
type Level uint8

// The five levels of the map, from the top.
const (
	LevelMacro Level = iota + 1
	LevelTema
	LevelFunzione
	LevelServizio
	LevelAttivita
)

var levelNames = [...]string{"", "macro", "tema", "funzione", "servizio", "attivita"}

// String returns the level's key as written in map files: macro, tema,
// funzione, servizio, attivita.
func (l Level) String() string {
	if int(l) < len(levelNames) && l > 0 {
		return levelNames[l]
	}
	return fmt.Sprintf("Level(%d)", l)
}

// Label is the level's name for readers of the workbooks.
func (l Level) Label() string {
	switch l {
	case LevelMacro:
		return "Macro funzione"
	case LevelTema:
		return "Tema"
	case LevelFunzione:
		return "Funzione"
	case LevelServizio:
		return "Servizio"
	case LevelAttivita:
		return "Attività"
	}
	return l.String()
}

// ParseLevel reads a level key (macro, tema, funzione, servizio, attivita;
// "attività" is accepted too).
func ParseLevel(s string) (Level, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "attività" {
		s = "attivita"
	}
	for i, n := range levelNames {
		if i > 0 && n == s {
			return Level(i), true
		}
	}
	return 0, false
}

// Kind tells regular nodes from the two special kinds.
type Kind uint8

// Node kinds: coordinamento nodes (A1.C) are children of a tema, formazione
// nodes (A1.1.F) are servizio-level children of a funzione.
const (
	KindRegular Kind = iota
	KindCoordinamento
	KindFormazione
)

var kindNames = [...]string{"regular", "coordinamento", "formazione"}

// String returns the kind's key as written in map files.
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("Kind(%d)", k)
}

// ParseKind reads a kind key (regular, coordinamento, formazione).
func ParseKind(s string) (Kind, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	for i, n := range kindNames {
		if n == s {
			return Kind(i), true
		}
	}
	return 0, false
}
