package outputs

import (
	"bufio"
	"encoding/csv"
	"io"
	"slices"
	"strings"

	"github.com/shopspring/decimal"

	"camcost/model"
	"camcost/variance"
)

// ConfrontoHeader is the header of confronto.csv: a is PRIMA, b is DOPO;
// kind and parent as in costs.csv.
var ConfrontoHeader = []string{"code", "level", "name", "status", "fte_a", "fte_b", "full_a", "full_b", "delta",
	"due_to_fte", "due_to_pay", "due_to_other_direct", "due_to_allocation", "kind", "parent"}

// WriteConfrontoCSV writes confronto.csv: one row per node of either run,
// in map order, in the number format of costs.csv.
func WriteConfrontoCSV(w io.Writer, c *variance.Comparison) error {
	return writeCSV(w, ConfrontoHeader, func(emit func([]string) error) error {
		for i, n := range c.Map.Nodes() {
			r := c.Rows[i]
			row := []string{SafeText(string(n.Code)), n.Level.String(), SafeText(n.Name), r.Status.String(),
				model.FTEString(r.A.FTE), model.FTEString(r.B.FTE), model.Euro(r.A.Full), model.Euro(r.B.Full), model.Euro(r.Delta)}
			row = append(row, partStrings(r.Parts)...)
			row = append(row, n.Kind.String(), SafeText(string(n.Parent)))
			if err := emit(row); err != nil {
				return err
			}
		}
		return nil
	})
}

func partStrings(p variance.Parts) []string {
	return []string{model.Euro(p.FTE), model.Euro(p.Pay), model.Euro(p.OtherDirect), model.Euro(p.Allocation)}
}

// ConfrontoEntiHeader is the header of confronto-enti.csv.
var ConfrontoEntiHeader = []string{"body", "ente", "status", "anno_a", "anno_b", "method_a", "method_b", "fte_a", "fte_b",
	"full_a", "full_b", "delta", "due_to_fte", "due_to_pay", "due_to_other_direct", "due_to_allocation"}

// bodyTotal is one body's line of a multi-body comparison.
type bodyTotal struct {
	name, ente   string
	status       variance.Status
	a, b         *Manifest // nil where the body is missing
	fteA, fteB   decimal.Decimal
	fullA, fullB decimal.Decimal
	delta        decimal.Decimal
	parts        variance.Parts
	compared     *BodyComparison
}

// bodyTotals lists every body of either run, by sub-folder: the compared
// ones with their decomposed change, the others with their totals as their
// manifest records them.
func (c *Confronto) bodyTotals() []bodyTotal {
	var out []bodyTotal
	for _, bc := range c.Bodies {
		t := bc.Cmp.Total()
		out = append(out, bodyTotal{name: bc.Name, ente: bc.B.Manifest.Ente, a: bc.A.Manifest, b: bc.B.Manifest,
			fteA: t.A.FTE, fteB: t.B.FTE, fullA: t.A.Full, fullB: t.B.Full, delta: t.Delta, parts: t.Parts, compared: bc})
	}
	alone := func(r *RunFolder, names []string, st variance.Status) {
		for _, name := range names {
			i := slices.IndexFunc(r.Bodies, func(b *RunFolder) bool { return b.Name == name })
			m := r.Bodies[i].Manifest
			fte, full := manifestTotals(m)
			bt := bodyTotal{name: name, ente: m.Ente, status: st}
			if st == variance.OnlyA {
				bt.a, bt.fteA, bt.fullA, bt.delta = m, fte, full, full.Neg()
			} else {
				bt.b, bt.fteB, bt.fullB, bt.delta = m, fte, full, full
			}
			out = append(out, bt)
		}
	}
	alone(c.A, c.OnlyA, variance.OnlyA)
	alone(c.B, c.OnlyB, variance.OnlyB)
	slices.SortStableFunc(out, func(x, y bodyTotal) int { return strings.Compare(x.name, y.name) })
	return out
}

// manifestTotals are the FTE and the costo pieno of a run as its manifest
// records them: costo pieno is what the run allocated of the cost voci.
func manifestTotals(m *Manifest) (fte, full decimal.Decimal) {
	fte, _ = decimal.NewFromString(m.TotalFTE)
	for _, t := range m.Totals {
		if model.Voce(t.Voce).IsCost() {
			d, _ := decimal.NewFromString(t.Allocated)
			full = full.Add(d)
		}
	}
	return fte, full
}

// WriteConfrontoEntiCSV writes confronto-enti.csv: one row per body of
// either run, by sub-folder; the parts are empty for a body of one run
// only.
func WriteConfrontoEntiCSV(w io.Writer, c *Confronto) error {
	return writeCSV(w, ConfrontoEntiHeader, func(emit func([]string) error) error {
		for _, t := range c.bodyTotals() {
			var annoA, annoB, methA, methB string
			if t.a != nil {
				annoA, methA = t.a.Anno, t.a.Settings.Method
			}
			if t.b != nil {
				annoB, methB = t.b.Anno, t.b.Settings.Method
			}
			row := []string{SafeText(t.name), SafeText(t.ente), t.status.String(), SafeText(annoA), SafeText(annoB), methA, methB,
				model.FTEString(t.fteA), model.FTEString(t.fteB), model.Euro(t.fullA), model.Euro(t.fullB), model.Euro(t.delta)}
			if t.compared != nil {
				row = append(row, partStrings(t.parts)...)
			} else {
				row = append(row, "", "", "", "")
			}
			if err := emit(row); err != nil {
				return err
			}
		}
		return nil
	})
}

// writeCSV writes a header and the rows rows emits, as costs.csv is
// written.
func writeCSV(w io.Writer, header []string, rows func(emit func([]string) error) error) error {
	bw := bufio.NewWriter(w)
	cw := csv.NewWriter(bw)
	if err := cw.Write(header); err != nil {
		return err
	}
	if err := rows(cw.Write); err != nil {
		return err
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}
