package seeds

import (
	"strings"
	"testing"

	"camcost/model"
)

// wantAttivita is the number of lines of attivita.tsv after its header: the
// curated split, 290 actions over the 122 regular servizi.
const wantAttivita = 290

func mustMap(t *testing.T) *model.Map {
	t.Helper()
	m, err := Map()
	if err != nil {
		t.Fatalf("Map: %v", err)
	}
	return m
}

func TestMapIsBuiltOnce(t *testing.T) {
	a, b := mustMap(t), mustMap(t)
	if a != b {
		t.Error("Map returned two different maps")
	}
	again, err := build(seedTSV, attivitaTSV)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := again.Nodes(), a.Nodes(); len(got) != len(want) {
		t.Fatalf("rebuilt map has %d nodes, want %d", len(got), len(want))
	}
	for i, n := range again.Nodes() {
		if n != a.At(i) {
			t.Fatalf("rebuilt map differs at %d: %+v, want %+v", i, n, a.At(i))
		}
	}
}

func TestMapCounts(t *testing.T) {
	m := mustMap(t)
	levels := make(map[model.Level]int)
	for _, n := range m.Nodes() {
		levels[n.Level]++
	}
	want := map[model.Level]int{
		model.LevelMacro:    wantMacro,
		model.LevelTema:     wantTema,
		model.LevelFunzione: wantFunzione + wantCoordinamento,
		model.LevelServizio: wantServizio + wantFormazione,
		model.LevelAttivita: wantAttivita,
	}
	for l, w := range want {
		if levels[l] != w {
			t.Errorf("%s: %d nodes, want %d", l, levels[l], w)
		}
	}
}

// TestAttivitaPerServizio checks that every regular servizio has at least one
// attività and that formazione and coordinamento nodes have none.
func TestAttivitaPerServizio(t *testing.T) {
	m := mustMap(t)
	for i, n := range m.Nodes() {
		kids := len(m.ChildIndexes(i))
		switch {
		case n.Level == model.LevelServizio && n.Kind == model.KindRegular && kids == 0:
			t.Errorf("servizio %s has no attività", n.Code)
		case n.Kind != model.KindRegular && kids > 0:
			t.Errorf("%s node %s has %d children", n.Kind, n.Code, kids)
		}
	}
}

// TestCuratedWordsMatchSeed checks the curated split against the seed: for
// every regular servizio, its attività read in order are the seed's text
// under it, word for word; no attività spans two cells (or <p> paragraphs)
// of the seed. A servizio with no text has one attività named as itself.
func TestCuratedWordsMatchSeed(t *testing.T) {
	s := parseEmbedded(t)
	m := mustMap(t)
	for _, n := range s.Nodes {
		if n.Level != model.LevelServizio || n.Kind != model.KindRegular {
			continue
		}
		var curated []string
		for _, c := range m.Children(n.Code) {
			a, _ := m.Node(c)
			curated = append(curated, a.Name)
		}
		pieces := []string{n.Name}
		if as := s.Actions[n.Code]; len(as) > 0 {
			pieces = pieces[:0]
			for _, a := range as {
				pieces = append(pieces, a.Text)
			}
		}
		got := strings.Fields(strings.Join(curated, " "))
		want := strings.Fields(strings.Join(pieces, " "))
		if strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("%s: curated words differ from the seed\ncurated: %q\nseed:    %q", n.Code, got, want)
			continue
		}
		// Each seed piece must be a run of whole attività.
		k := 0
		for _, p := range pieces {
			var run []string
			for k < len(curated) && len(strings.Fields(strings.Join(run, " "))) < len(strings.Fields(p)) {
				run = append(run, curated[k])
				k++
			}
			if strings.Join(run, " ") != p {
				t.Errorf("%s: an attività straddles the end of the seed piece %q", n.Code, p)
				break
			}
		}
	}
}

func TestCoordinamentoNamesFollowTheirTema(t *testing.T) {
	m := mustMap(t)
	for _, n := range m.Nodes() {
		if n.Kind != model.KindCoordinamento {
			continue
		}
		tema, _ := m.Node(n.Parent)
		if want := "Coordinamento " + tema.Name; n.Name != want {
			t.Errorf("%s: name %q, want %q", n.Code, n.Name, want)
		}
	}
}

func TestReadAttivitaErrors(t *testing.T) {
	s := parseEmbedded(t)
	// A valid file for every servizio, to which each case adds one line.
	var b strings.Builder
	b.WriteString("code\tname\n")
	for _, n := range s.Nodes {
		if n.Level == model.LevelServizio && n.Kind == model.KindRegular {
			b.WriteString(string(n.Code) + ".1\tx\n")
		}
	}
	valid := b.String()
	if _, err := readAttivita([]byte(valid), s); err != nil {
		t.Fatalf("valid file: %v", err)
	}
	tests := []struct {
		name, data, want string
	}{
		{"header", strings.Replace(valid, "code\tname", "codice\tnome", 1), "intestazione"},
		{"one column", valid + "A1.1.1.2\n", "attese due colonne"},
		{"three columns", valid + "A1.1.1.2\tx\ty\n", "attese due colonne"},
		{"spaces", valid + "A1.1.1.2\t x\n", "spazi in eccesso"},
		{"gap", valid + "A1.1.1.3\tx\n", "fuori sequenza"},
		{"repeated", valid + "A1.1.1.1\tx\n", "fuori sequenza"},
		{"leading zero", valid + "A1.1.1.02\tx\n", "fuori sequenza"},
		{"under formazione", valid + "A1.1.F.1\tx\n", "A1.1.F è un nodo di formazione e non ha attività"},
		{"under a funzione", valid + "A1.1.1\tx\n", "A1.1 non è un servizio"},
		{"unknown servizio", valid + "A1.1.99.1\tx\n", "A1.1.99 non è un servizio"},
		{"servizio without attività", strings.Replace(valid, "Z1.1.3.1\tx\n", "", 1), "il servizio Z1.1.3 non ha attività"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := readAttivita([]byte(tt.data), s)
			if err == nil {
				t.Fatalf("no error, want one containing %q", tt.want)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q, want one containing %q", err, tt.want)
			}
		})
	}
}

func TestBuildNamesTheFile(t *testing.T) {
	_, err := build(seedTSV, []byte("code\tname\nA1.1.1.7\tx\n"))
	if err == nil || !strings.Contains(err.Error(), AttivitaFile+", riga 2:") {
		t.Errorf("error %v, want one naming %s, riga 2", err, AttivitaFile)
	}
	_, err = build([]byte("M\tA1 T\n\ttesto\n"), attivitaTSV)
	if err == nil || !strings.Contains(err.Error(), SeedFile+", riga 2") {
		t.Errorf("error %v, want one naming %s, riga 2", err, SeedFile)
	}
}
