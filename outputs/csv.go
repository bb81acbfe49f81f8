// Package outputs writes what a run leaves behind (docs/uscite.md): the
// workbooks for managers and the annual accounts, costs.csv and trace.csv for
// auditors and other tools, and manifest.json to reproduce the run.
//
// Every writer is deterministic: the same Result gives the same bytes.
package outputs

import (
	"fmt"
	"io"
	"strconv"

	"github.com/shopspring/decimal"

	"camcost/costing"
	"camcost/model"
)

// CostsHeader is the header of costs.csv: the columns docs/uscite.md requires,
// one direct_<voce> column per cost voce, then kind and parent.
func CostsHeader() []string {
	h := []string{"code", "level", "name", "fte", "direct", "from_coordination", "from_support", "to_others", "full"}
	for _, v := range model.CostVoci() {
		h = append(h, "direct_"+string(v))
	}
	return append(h, "kind", "parent")
}

// WriteCostsCSV writes costs.csv: one row per node of the map, in map order,
// euro with two decimals and a dot, FTE with four.
func WriteCostsCSV(w io.Writer, res *costing.Result) error {
	return writeCostsCSV(w, res, newNodeTotals(res))
}

func writeCostsCSV(w io.Writer, res *costing.Result, tot *nodeTotals) error {
	buf := make([]byte, 0, 64<<10)
	buf = appendRecord(buf, CostsHeader())
	euro := func(d decimal.Decimal) {
		buf = append(buf, ',')
		buf = appendFixed(buf, d, model.CentPlaces)
	}
	for i, n := range res.Map.Nodes() {
		f := res.Nodes[i]
		buf = appendField(buf, SafeText(string(n.Code)))
		buf = append(buf, ',')
		buf = appendField(buf, n.Level.String())
		buf = append(buf, ',')
		buf = appendField(buf, SafeText(n.Name))
		buf = append(buf, ',')
		buf = appendFixed(buf, f.FTE, model.FTEPlaces)
		for _, t := range tot.node(i) {
			euro(t)
		}
		for c := range model.NumCostVoci {
			euro(f.Direct[c])
		}
		buf = append(buf, ',')
		buf = appendField(buf, n.Kind.String())
		buf = append(buf, ',')
		buf = appendField(buf, SafeText(string(n.Parent)))
		buf = append(buf, '\n')
		if len(buf) >= 60<<10 {
			if _, err := w.Write(buf); err != nil {
				return err
			}
			buf = buf[:0]
		}
	}
	_, err := w.Write(buf)
	return err
}

// TraceHeader is the header of trace.csv. Columns are only ever added at
// the end, so that programs reading them by position keep working.
var TraceHeader = []string{"stage", "source", "target", "driver", "key", "share", "amount", "voce", "figure", "conto", "descrizione"}

// SourceLabel names where a step takes its amount from: a ledger line as
// file:row (file[sheet]:row for a workbook), a node by its code, the final
// rounding as "arrotondamento".
func SourceLabel(res *costing.Result, s costing.Step) string {
	switch {
	case s.Source.Line >= 0:
		p := res.Inputs.Ledger[s.Source.Line].Pos
		if p.Sheet != "" {
			return fmt.Sprintf("%s[%s]:%d", p.File, p.Sheet, p.Row)
		}
		return fmt.Sprintf("%s:%d", p.File, p.Row)
	case s.Source.Node != "":
		return string(s.Source.Node)
	}
	return "arrotondamento"
}

// SafeText makes a text field of a CSV output inert in a spreadsheet: a
// field that Excel or LibreOffice would read as a formula (it starts with
// =, +, -, @, a tab or a carriage return; OWASP "CSV injection") gets a
// leading apostrophe, and so does one that starts with an apostrophe
// already. A program recovers the exact text by dropping one leading
// apostrophe whenever there is one (UnsafeText). Numbers are never passed
// through it: a negative amount stays a number.
func SafeText(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r', '\'':
		return "'" + s
	}
	return s
}

// UnsafeText recovers the exact text of a field written by SafeText.
func UnsafeText(s string) string {
	if len(s) > 1 && s[0] == '\'' {
		return s[1:]
	}
	return s
}

// amountString renders an exact amount: at least two decimals, more only
// when the amount has them.
func amountString(d decimal.Decimal) string {
	if d.Equal(d.Round(model.CentPlaces)) {
		return d.StringFixed(model.CentPlaces)
	}
	return d.String()
}

// WriteTraceCSV writes trace.csv: every allocation step in stage order.
// Summing amount over the steps whose target lies under a node, by figure
// (and voce), gives that node's figures in costs.csv exactly.
//
// Rows are encoded straight into a buffer (appendField) and written in
// large chunks. The fields of a ledger line (source, conto, descrizione),
// of a target node and of a key entry (key, share) are encoded once and
// copied into every row that names them again (costing.StepCodes).
func WriteTraceCSV(w io.Writer, res *costing.Result) error {
	const chunk = 1 << 18
	buf := make([]byte, 0, chunk+4096)
	buf = appendRecord(buf, TraceHeader)
	// lines[i] is ledger line i's source field and, after sep, its
	// ",conto,descrizione" tail.
	type lineFields struct {
		b   []byte
		sep int
	}
	lines := make([]lineFields, len(res.Inputs.Ledger))
	// The text of targets, by node, and of key entries, by key and entry,
	// in one arena.
	var arena []byte
	type text struct{ off, n int32 }
	cached := func(t *text, encode func([]byte) []byte) []byte {
		if t.n == 0 { // no field encodes to nothing: both hold a comma or a code
			off := len(arena)
			arena = encode(arena)
			t.off, t.n = int32(off), int32(len(arena)-off)
		}
		return arena[t.off : t.off+t.n]
	}
	targets := make([]text, res.Map.Len())
	var entries [][]text
	for s, code := range res.TraceSteps() {
		buf = strconv.AppendUint(buf, uint64(s.Stage), 10)
		buf = append(buf, ',')
		var tail []byte
		switch {
		case s.Source.Line >= 0:
			lf := &lines[s.Source.Line]
			if lf.b == nil {
				line := res.Inputs.Ledger[s.Source.Line]
				lf.b = appendField(nil, SafeText(SourceLabel(res, s)))
				lf.sep = len(lf.b)
				lf.b = append(lf.b, ',')
				lf.b = appendField(lf.b, SafeText(line.Conto))
				lf.b = append(lf.b, ',')
				lf.b = appendField(lf.b, SafeText(line.Descrizione))
			}
			buf = append(buf, lf.b[:lf.sep]...)
			tail = lf.b[lf.sep:]
		case s.Source.Node != "":
			buf = appendField(buf, SafeText(string(s.Source.Node)))
		default:
			buf = append(buf, "arrotondamento"...)
		}
		buf = append(buf, ',')
		buf = append(buf, cached(&targets[code.Target], func(b []byte) []byte {
			return appendField(b, SafeText(string(s.Target)))
		})...)
		buf = append(buf, ',')
		buf = appendField(buf, SafeText(s.Driver))
		buf = append(buf, ',')
		if s.HasKey {
			for int(code.Key) >= len(entries) {
				entries = append(entries, nil)
			}
			for int(code.Entry) >= len(entries[code.Key]) {
				entries[code.Key] = append(entries[code.Key], text{})
			}
			buf = append(buf, cached(&entries[code.Key][code.Entry], func(b []byte) []byte {
				b = appendDecString(b, s.Key)
				b = append(b, ',')
				return appendDecString(b, s.Share)
			})...)
		} else {
			buf = append(buf, ',')
		}
		buf = append(buf, ',')
		if code.HasUnits {
			buf = appendUnitsText(buf, code.Units)
		} else {
			buf = appendAmountText(buf, s.Amount)
		}
		buf = append(buf, ',')
		buf = appendField(buf, string(s.Voce))
		buf = append(buf, ',')
		buf = appendField(buf, s.Figure.String())
		if tail != nil {
			buf = append(buf, tail...)
		} else {
			buf = append(buf, ',', ',')
		}
		buf = append(buf, '\n')
		if len(buf) >= chunk {
			if _, err := w.Write(buf); err != nil {
				return err
			}
			buf = buf[:0]
		}
	}
	_, err := w.Write(buf)
	return err
}
