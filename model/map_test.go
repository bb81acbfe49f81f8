package model

import (
	"slices"
	"strings"
	"testing"
)

func smallMap(t *testing.T) *Map {
	t.Helper()
	m, err := NewMap([]Node{
		{"A1.1.1", LevelServizio, KindRegular, "A1.1", "Servizio"},
		{"A", LevelMacro, KindRegular, "", "Governo"},
		{"A1", LevelTema, KindRegular, "A", "Tema"},
		{"A1.C", LevelFunzione, KindCoordinamento, "A1", "Coordinamento"},
		{"A1.1", LevelFunzione, KindRegular, "A1", "Funzione"},
		{"A1.1.F", LevelServizio, KindFormazione, "A1.1", "Formazione"},
		{"A1.1.1.1", LevelAttivita, KindRegular, "A1.1.1", "Azione uno"},
		{"A1.1.1.2", LevelAttivita, KindRegular, "A1.1.1", "Azione due"},
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestMapLookups(t *testing.T) {
	m := smallMap(t)
	var order []Code
	for _, n := range m.Nodes() {
		order = append(order, n.Code)
	}
	want := []Code{"A", "A1", "A1.1", "A1.1.1", "A1.1.1.1", "A1.1.1.2", "A1.1.F", "A1.C"}
	if !slices.Equal(order, want) {
		t.Errorf("order = %v, want %v", order, want)
	}
	if got, want := m.Children("A1"), []Code{"A1.1", "A1.C"}; !slices.Equal(got, want) {
		t.Errorf("Children(A1) = %v, want %v", got, want)
	}
	if got, want := m.Ancestors("A1.1.1.2"), []Code{"A1.1.1", "A1.1", "A1", "A"}; !slices.Equal(got, want) {
		t.Errorf("Ancestors = %v, want %v", got, want)
	}
	i, _ := m.Index("A1.1")
	s, e := m.Subtree(i)
	if got := e - s; got != 5 {
		t.Errorf("subtree of A1.1 has %d nodes, want 5", got)
	}
	for code, want := range map[Code]bool{"A1.C": true, "A1.1.F": true, "A1.1.1": true, "A1.1.1.1": true, "A1.1": false, "A": false} {
		n, _ := m.Node(code)
		if n.Bookable() != want {
			t.Errorf("%s bookable = %v, want %v", code, n.Bookable(), want)
		}
	}
}

func TestCheckNodes(t *testing.T) {
	tests := []struct {
		name  string
		nodes []Node
		want  string
	}{
		{"duplicate", []Node{{"A", LevelMacro, 0, "", "x"}, {"A", LevelMacro, 0, "", "y"}}, "codice A ripetuto"},
		{"unknown parent", []Node{{"A1", LevelTema, 0, "A", "x"}}, "il padre A del nodo A1 non esiste"},
		{"level skip", []Node{{"A", LevelMacro, 0, "", "x"}, {"A.1", LevelFunzione, 0, "A", "y"}}, "di livello funzione ma il padre A è di livello macro"},
		{"code not under parent", []Node{{"A", LevelMacro, 0, "", "x"}, {"B1", LevelTema, 0, "A", "y"}}, "non discende"},
		{"child of formazione", []Node{
			{"A", LevelMacro, 0, "", "x"}, {"A1", LevelTema, 0, "A", "x"}, {"A1.1", LevelFunzione, 0, "A1", "x"},
			{"A1.1.F", LevelServizio, KindFormazione, "A1.1", "x"}, {"A1.1.F.1", LevelAttivita, 0, "A1.1.F", "x"}}, "non può avere figli"},
		{"no name", []Node{{"A", LevelMacro, 0, "", " "}}, "non ha nome"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			probs := CheckNodes(tt.nodes)
			var msgs []string
			for _, p := range probs {
				msgs = append(msgs, p.Msg)
			}
			if !strings.Contains(strings.Join(msgs, "|"), tt.want) {
				t.Errorf("problems = %q, want one containing %q", msgs, tt.want)
			}
		})
	}
}

func TestProblemsSortAndFormat(t *testing.T) {
	var ps Problems
	ps.Add(Position{File: "tempi.csv", Row: 9, Column: "codice"}, "codice %s sconosciuto", "X9")
	ps.Add(Position{File: "dati.xlsx", Sheet: "personale", Row: 3, Column: "fte", Letter: "C"}, "fte fuori intervallo")
	ps.Sort()
	got := ps.Error()
	want := "2 problemi nei dati:\n" +
		"  dati.xlsx, foglio \"personale\", riga 3, colonna C (fte): fte fuori intervallo\n" +
		"  tempi.csv, riga 9, colonna codice: codice X9 sconosciuto"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}
