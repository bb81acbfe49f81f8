package seeds

import (
	"bufio"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"camcost/model"
)

// Seed is the structure read from an export of the process map: the nodes
// from macro funzione down to servizio, and the action text the export lists
// under each servizio. It is what ParseSeed found, before any curation.
type Seed struct {
	// Nodes are the macro funzioni, temi, funzioni (coordinamento included)
	// and servizi (formazione included), in map order.
	Nodes []model.Node
	// Actions holds, for each regular servizio, the action text found under
	// it, in seed order. Servizi with no text are absent.
	Actions map[model.Code][]Action
	// Lines gives the seed line where each node first appears; 0 for a tema
	// that has no heading row and is only implied by the codes below it.
	Lines map[model.Code]int
}

// Action is one piece of action text under a servizio: a cell, or one
// <p> paragraph of a cell, with tags removed and whitespace normalised. A
// piece may hold several actions run together; the curated attività split
// it.
type Action struct {
	Line int // 1-based line of the seed
	Text string
}

// ParseSeed reads an export of the process map in the format of
// mappa-dei-processi.tsv (see PARSER.md): tab-separated rows with the columns
// Macro Funzione, Tema, Funzione, Servizio, Attività, where a code may sit in
// any column. The tree is built from the codes; every piece of text ends up
// under a node or is reported as an error. Errors list every problem found,
// with its line.
func ParseSeed(r io.Reader) (*Seed, error) {
	p := &parser{
		nodes:   make(map[model.Code]*model.Node),
		lines:   make(map[model.Code]int),
		actions: make(map[model.Code][]Action),
		uncoded: make(map[model.Code][]Action),
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	line := 0
	header := false
	for sc.Scan() {
		line++
		text := sc.Text()
		if line == 1 {
			text = strings.TrimPrefix(text, "\uFEFF")
		}
		row := splitRow(text)
		if len(row) == 0 {
			continue
		}
		if !header && strings.EqualFold(row[0].text, "Macro Funzione") {
			header = true
			continue
		}
		p.row(line, row)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("lettura del seme: %w", err)
	}
	p.finish()
	s := p.seed()
	p.probs.Sort()
	if err := p.probs.Err(); err != nil {
		return nil, err
	}
	return s, nil
}

// cell is a non-blank cell of a row, or one paragraph of it.
type cell struct {
	col  int // 0-based column
	text string
}

// splitRow returns the non-blank cells of a line, trimmed, with whitespace
// runs collapsed; a cell made of <p> paragraphs gives one cell per paragraph.
func splitRow(line string) []cell {
	var out []cell
	for i, raw := range strings.Split(strings.TrimRight(line, "\r"), "\t") {
		for _, para := range paragraphs(raw) {
			if t := normalise(para); t != "" {
				out = append(out, cell{i, t})
			}
		}
	}
	return out
}

var (
	breakTag = regexp.MustCompile(`(?i)</?p\s*>|<br\s*/?>`)
	anyTag   = regexp.MustCompile(`<[^<>]*>`)
)

// paragraphs splits a cell at paragraph tags and removes any other tag.
func paragraphs(s string) []string {
	parts := breakTag.Split(s, -1)
	for i, p := range parts {
		parts[i] = anyTag.ReplaceAllString(p, " ")
	}
	return parts
}

// normalise trims s and collapses its runs of white space to one space.
func normalise(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// codeRE matches a code at the start of a cell, then the name.
var codeRE = regexp.MustCompile(`^([A-Z][0-9]+(?:\.[0-9A-Z]+)*)(?:\s+(.*))?$`)

// parseCode reads a code of the seed: A1 (tema), A1.C (coordinamento),
// A1.1 (funzione), A1.1.F (formazione), A1.1.1 (servizio). ok is false for
// a code-like token of any other shape.
func parseCode(s string) (code model.Code, l model.Level, k model.Kind, ok bool) {
	segs := strings.Split(s, ".")
	num := func(x string) bool {
		_, err := strconv.Atoi(x)
		return err == nil && x != ""
	}
	switch {
	case len(segs) == 1:
		return model.Code(s), model.LevelTema, model.KindRegular, true
	case len(segs) == 2 && num(segs[1]):
		return model.Code(s), model.LevelFunzione, model.KindRegular, true
	case len(segs) == 2 && segs[1] == "C":
		return model.Code(s), model.LevelFunzione, model.KindCoordinamento, true
	case len(segs) == 3 && num(segs[1]) && num(segs[2]):
		return model.Code(s), model.LevelServizio, model.KindRegular, true
	case len(segs) == 3 && num(segs[1]) && segs[2] == "F":
		return model.Code(s), model.LevelServizio, model.KindFormazione, true
	}
	return "", 0, 0, false
}

// parentOf derives a node's parent from its code: A1.1.1 -> A1.1 -> A1 -> A.
func parentOf(c model.Code, l model.Level) model.Code {
	if l == model.LevelTema {
		return c[:1]
	}
	i := strings.LastIndexByte(string(c), '.')
	if i < 0 {
		return ""
	}
	return c[:i]
}

// item is a cell read as a heading (a node) or as plain text.
type item struct {
	cell
	node  model.Node // Code is empty for plain text
	coded bool
	bad   bool // a code of unknown shape, already reported
}

type parser struct {
	probs   model.Problems
	nodes   map[model.Code]*model.Node
	lines   map[model.Code]int
	actions map[model.Code][]Action

	// last is the node most recently read; plain text belongs to it.
	last model.Code
	// uncoded holds, per funzione, the servizi listed without a code.
	uncoded map[model.Code][]Action
	// pending is text read on a formazione's row: it belongs to the servizio
	// read next, which must be a regular servizio of the same funzione.
	pending     []Action
	pendingFrom model.Code
}

func (p *parser) errorf(line, col int, format string, args ...any) {
	pos := model.Position{Row: line}
	if col >= 0 {
		pos.Letter = string(rune('A' + col))
	}
	p.probs.Add(pos, format, args...)
}

func (p *parser) row(line int, cells []cell) {
	items := make([]item, len(cells))
	for i, c := range cells {
		items[i] = item{cell: c}
		m := codeRE.FindStringSubmatch(c.text)
		if m == nil {
			continue
		}
		code, l, k, ok := parseCode(m[1])
		if !ok {
			p.errorf(line, c.col, "codice %q di forma sconosciuta", m[1])
			items[i].bad = true
			continue
		}
		items[i].coded = true
		items[i].node = model.Node{Code: code, Level: l, Kind: k, Parent: parentOf(code, l), Name: m[2]}
	}
	for i := 0; i < len(items); i++ {
		it := items[i]
		var next *item
		if i+1 < len(items) {
			next = &items[i+1]
		}
		switch {
		case it.bad:
		case !it.coded && next != nil && next.coded && next.node.Level == model.LevelTema:
			// The name of a macro funzione stands just before the
			// heading of its first tema, whatever its column.
			p.add(line, it.col, model.Node{
				Code: next.node.Parent, Level: model.LevelMacro, Name: it.text,
			})
		case !it.coded:
			p.text(line, it.cell)
		default:
			n := it.node
			if n.Kind == model.KindCoordinamento && n.Name == "Coordinamento" && next != nil && !next.coded {
				// "A1.C Coordinamento" with the tema's name in the next
				// cell: that cell completes the name.
				n.Name += " " + next.text
				i++
			}
			p.add(line, it.col, n)
		}
	}
}

// add records a node read at line; a repeated heading must repeat the name.
func (p *parser) add(line, col int, n model.Node) {
	if n.Level != model.LevelMacro {
		p.takePending(line, n)
		p.last = n.Code
	}
	if old, ok := p.nodes[n.Code]; ok {
		if old.Name != n.Name {
			p.errorf(line, col, "%s compare di nuovo con un altro nome: %q (alla riga %d: %q)", n.Code, n.Name, p.lines[n.Code], old.Name)
		}
		return
	}
	p.nodes[n.Code] = &n
	p.lines[n.Code] = line
}

// takePending gives text held from a formazione row to n, the node read
// after it, which must be a regular servizio of the same funzione (the
// heading of that funzione may come in between).
func (p *parser) takePending(line int, n model.Node) {
	if p.pending == nil {
		return
	}
	f := p.nodes[p.pendingFrom]
	if n.Code == f.Parent {
		return
	}
	if n.Level != model.LevelServizio || n.Kind != model.KindRegular || n.Parent != f.Parent {
		p.errorf(p.pending[0].Line, -1, "testo sulla riga della formazione %s, ma il nodo che segue (%s, riga %d) non è un servizio della stessa funzione", p.pendingFrom, n.Code, line)
	} else {
		p.actions[n.Code] = append(p.pending, p.actions[n.Code]...)
	}
	p.pending, p.pendingFrom = nil, ""
}

// text places a cell of plain text by what was read last.
func (p *parser) text(line int, c cell) {
	a := Action{Line: line, Text: c.text}
	if p.last == "" {
		p.errorf(line, c.col, "testo prima di ogni codice: %q", c.text)
		return
	}
	n := p.nodes[p.last]
	switch {
	case n.Level == model.LevelFunzione && n.Kind == model.KindRegular:
		// Text right under a funzione heading names servizi that have
		// no code; last stays on the funzione, so each item is one.
		p.uncoded[n.Code] = append(p.uncoded[n.Code], a)
	case n.Level == model.LevelServizio && n.Kind == model.KindRegular:
		p.actions[n.Code] = append(p.actions[n.Code], a)
	case n.Kind == model.KindFormazione:
		// Formazione nodes have no actions: the export shifted the first
		// actions of the next servizio up onto this row.
		p.pending = append(p.pending, a)
		p.pendingFrom = n.Code
	default:
		p.errorf(line, c.col, "testo sotto %s (%s), fuori da ogni servizio: %q", n.Code, n.Level, c.text)
	}
}

// finish places what is left after the last line: pending text, servizi
// without a code, temi only implied by their codes.
func (p *parser) finish() {
	if p.pending != nil {
		p.errorf(p.pending[0].Line, -1, "testo sulla riga della formazione %s senza un servizio che la segua", p.pendingFrom)
	}
	codes := p.sortedCodes()
	for _, f := range codes {
		items := p.uncoded[f]
		if len(items) == 0 {
			continue
		}
		for _, c := range codes {
			if n := p.nodes[c]; n.Parent == f && n.Level == model.LevelServizio && n.Kind == model.KindRegular {
				p.errorf(items[0].Line, -1, "la funzione %s ha servizi con codice (%s) e testo senza codice: %q", f, c, items[0].Text)
				break
			}
		}
		for i, a := range items {
			code := model.Code(fmt.Sprintf("%s.%d", f, i+1))
			p.nodes[code] = &model.Node{Code: code, Level: model.LevelServizio, Parent: f, Name: a.Text}
			p.lines[code] = a.Line
		}
	}
	p.implyTemi(codes)
}

func (p *parser) sortedCodes() []model.Code {
	codes := make([]model.Code, 0, len(p.nodes))
	for c := range p.nodes {
		codes = append(codes, c)
	}
	slices.SortFunc(codes, model.CompareCodes)
	return codes
}

// implyTemi adds the temi that have no heading row. The name is the one of
// the tema's coordinamento without the word "Coordinamento", or else the name
// of its only funzione. codes are the funzioni and the rest, in map order.
func (p *parser) implyTemi(codes []model.Code) {
	var order []model.Code
	missing := make(map[model.Code][]*model.Node)
	for _, c := range codes {
		n := p.nodes[c]
		if n.Level != model.LevelFunzione {
			continue
		}
		if _, ok := p.nodes[n.Parent]; ok {
			continue
		}
		if missing[n.Parent] == nil {
			order = append(order, n.Parent)
		}
		missing[n.Parent] = append(missing[n.Parent], n)
	}
	for _, t := range order {
		var coord, funz []*model.Node
		for _, c := range missing[t] {
			if c.Kind == model.KindCoordinamento {
				coord = append(coord, c)
			} else {
				funz = append(funz, c)
			}
		}
		var name string
		switch {
		case len(coord) == 1 && strings.HasPrefix(coord[0].Name, "Coordinamento "):
			name = strings.TrimPrefix(coord[0].Name, "Coordinamento ")
		case len(coord) == 0 && len(funz) == 1:
			name = funz[0].Name
		default:
			p.errorf(p.lines[missing[t][0].Code], -1, "il tema %s non ha una riga di intestazione e il suo nome non si ricava", t)
			continue
		}
		p.nodes[t] = &model.Node{Code: t, Level: model.LevelTema, Parent: t[:1], Name: name}
		p.lines[t] = 0
	}
}

func (p *parser) seed() *Seed {
	s := &Seed{Actions: p.actions, Lines: p.lines}
	for _, c := range p.sortedCodes() {
		s.Nodes = append(s.Nodes, *p.nodes[c])
	}
	for _, pr := range model.CheckNodes(s.Nodes) {
		n := s.Nodes[pr.Index]
		p.probs.Add(model.Position{Row: p.lines[n.Code]}, "%s", pr.Msg)
	}
	return s
}
