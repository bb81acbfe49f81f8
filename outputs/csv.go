// Package outputs writes what a run leaves behind (docs/uscite.md): the
// workbooks for managers and the annual accounts, costs.csv and trace.csv for
// auditors and other tools, and manifest.json to reproduce the run.
//
// Every writer is deterministic: the same Result gives the same bytes.
package outputs

import (
	"bufio"
	"encoding/csv"
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
	bw := bufio.NewWriter(w)
	cw := csv.NewWriter(bw)
	if err := cw.Write(CostsHeader()); err != nil {
		return err
	}
	row := make([]string, 0, len(CostsHeader()))
	for i, n := range res.Map.Nodes() {
		f := res.Nodes[i]
		row = append(row[:0], SafeText(string(n.Code)), n.Level.String(), SafeText(n.Name), model.FTEString(f.FTE),
			model.Euro(costing.Total(f.Direct)), model.Euro(costing.Total(f.FromCoordination)),
			model.Euro(costing.Total(f.FromSupport)), model.Euro(costing.Total(f.ToOthers)),
			model.Euro(costing.Total(f.Full)))
		for c := range model.NumCostVoci {
			row = append(row, model.Euro(f.Direct[c]))
		}
		row = append(row, n.Kind.String(), SafeText(string(n.Parent)))
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
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
func WriteTraceCSV(w io.Writer, res *costing.Result) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	cw := csv.NewWriter(bw)
	if err := cw.Write(TraceHeader); err != nil {
		return err
	}
	row := make([]string, len(TraceHeader))
	for _, s := range res.Trace {
		row[0] = strconv.Itoa(int(s.Stage))
		row[1] = SafeText(SourceLabel(res, s))
		row[2] = SafeText(string(s.Target))
		row[3] = SafeText(s.Driver)
		row[4], row[5] = "", ""
		if s.HasKey {
			row[4] = decString(s.Key)
			row[5] = decString(s.Share)
		}
		row[6] = amountText(s.Amount)
		row[7] = string(s.Voce)
		row[8] = s.Figure.String()
		row[9], row[10] = "", ""
		if s.Source.Line >= 0 {
			line := res.Inputs.Ledger[s.Source.Line]
			row[9] = SafeText(line.Conto)
			row[10] = SafeText(line.Descrizione)
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}
