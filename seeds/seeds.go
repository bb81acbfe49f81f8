// Package seeds holds the official process map of the Camere di Commercio as
// Unioncamere exports it (mappa-dei-processi.tsv, kept byte for byte), the
// parser that reads that export whatever column its codes sit in, and the
// curated split of its action text into attività (attivita.tsv).
//
// Map returns the default process map, the one a run uses when its folder
// holds no mappa table. PARSER.md lists the irregularities of the export and
// the rule that handles each.
package seeds

import (
	"bufio"
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"camcost/model"
)

// The embedded files, by the names errors use.
const (
	SeedFile     = "mappa-dei-processi.tsv"
	AttivitaFile = "attivita.tsv"
)

var (
	//go:embed mappa-dei-processi.tsv
	seedTSV []byte
	//go:embed attivita.tsv
	attivitaTSV []byte
)

var (
	mapOnce    sync.Once
	defaultMap *model.Map
	mapErr     error
)

// Map returns the default process map: macro funzioni down to servizi from
// the embedded seed, attività from the curated file. It is built on the
// first call; later calls return the same map, which callers must not
// change.
//
// The nodes come already parsed from map_gen.go, which TestGeneratedMap
// keeps equal to what build makes of the two files: parsing them at every
// start took 4-7 ms, a twentieth of a medium run.
//
//go:generate go test -run TestGeneratedMap -update
func Map() (*model.Map, error) {
	mapOnce.Do(func() { defaultMap, mapErr = model.NewMap(generatedNodes) })
	return defaultMap, mapErr
}

func build(seedData, attivitaData []byte) (*model.Map, error) {
	s, err := ParseSeed(bytes.NewReader(seedData))
	if err != nil {
		return nil, inFile(err, SeedFile)
	}
	att, err := readAttivita(attivitaData, s)
	if err != nil {
		return nil, inFile(err, AttivitaFile)
	}
	return model.NewMap(append(append([]model.Node(nil), s.Nodes...), att...))
}

// inFile names the file in the positions of err.
func inFile(err error, name string) error {
	var ps model.Problems
	if errors.As(err, &ps) {
		for i := range ps {
			ps[i].Pos.File = name
		}
		return ps
	}
	return fmt.Errorf("%s: %w", name, err)
}

// readAttivita reads the curated attività: a header "code<TAB>name", then one
// attività per line, coded <servizio>.<n> with n counting from 1 within each
// regular servizio of s, in file order. Every regular servizio must have at
// least one; formazione and coordinamento nodes have none.
func readAttivita(data []byte, s *Seed) ([]model.Node, error) {
	servizi := make(map[model.Code]model.Node)
	for _, n := range s.Nodes {
		if n.Level == model.LevelServizio {
			servizi[n.Code] = n
		}
	}
	var (
		probs model.Problems
		nodes []model.Node
		count = make(map[model.Code]int)
	)
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		text := sc.Text()
		pos := model.Position{Row: line}
		if line == 1 {
			if text != "code\tname" {
				probs.Add(pos, "intestazione %q, attesa %q", text, "code\tname")
			}
			continue
		}
		code, name, ok := strings.Cut(text, "\t")
		if !ok || strings.Contains(name, "\t") {
			probs.Add(pos, "attese due colonne separate da una tabulazione")
			continue
		}
		if name == "" || name != normalise(name) {
			probs.Add(pos, "il nome di %s è vuoto o ha spazi in eccesso", code)
			continue
		}
		i := strings.LastIndexByte(code, '.')
		if i < 0 {
			probs.Add(pos, "codice %q non valido per un'attività", code)
			continue
		}
		parent := model.Code(code[:i])
		n, err := strconv.Atoi(code[i+1:])
		sv, isServizio := servizi[parent]
		switch {
		case !isServizio:
			probs.Add(pos, "%s non è un servizio della mappa, quindi %s non può esserne un'attività", parent, code)
			continue
		case sv.Kind != model.KindRegular:
			probs.Add(pos, "%s è un nodo di %s e non ha attività (%s)", parent, sv.Kind, code)
			continue
		case err != nil || n != count[parent]+1 || code[i+1:] != strconv.Itoa(n):
			probs.Add(pos, "codice %s fuori sequenza: le attività di %s si numerano 1, 2, ... (atteso %s.%d)", code, parent, parent, count[parent]+1)
			continue
		}
		count[parent]++
		nodes = append(nodes, model.Node{
			Code: model.Code(code), Level: model.LevelAttivita, Kind: model.KindRegular,
			Parent: parent, Name: name,
		})
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	for _, sv := range s.Nodes {
		if sv.Level == model.LevelServizio && sv.Kind == model.KindRegular && count[sv.Code] == 0 {
			probs.Add(model.Position{}, "il servizio %s non ha attività", sv.Code)
		}
	}
	probs.Sort()
	if err := probs.Err(); err != nil {
		return nil, err
	}
	return nodes, nil
}
