package outputs

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"io"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"camcost/costing"
	"camcost/internal/fixture"
	"camcost/model"
)

// csvTricky are fields that encoding/csv quotes, or nearly does.
var csvTricky = []string{
	"", "plain", "a,b", `say "hi"`, `"`, "line\nbreak", "cr\rlf", "crlf\r\n", " lead", "\tlead", "\vlead", "\flead",
	"\u0085next", "\u00a0nbsp", "\u2003em", "trail ", `\.`, `\..`, "=SUM(A1)", "'quoted", "-5", "+x", "@x",
	"àèìòù €", "x\u2028y", "\xff\xfebad", `a""b`, ",", "\n",
}

func csvReference(records [][]string) string {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	for _, r := range records {
		if err := w.Write(r); err != nil {
			panic(err)
		}
	}
	w.Flush()
	return b.String()
}

func TestAppendRecord(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	var records [][]string
	for _, f := range csvTricky {
		records = append(records, []string{f}, []string{f, f}, []string{"x", f, "y"})
	}
	alphabet := []string{"a", ",", `"`, "\n", "\r", " ", "\t", "é", "\u00a0", `\`, ".", "0"}
	for range 20000 {
		rec := make([]string, 1+r.IntN(4))
		for i := range rec {
			var s strings.Builder
			for range r.IntN(6) {
				s.WriteString(alphabet[r.IntN(len(alphabet))])
			}
			rec[i] = s.String()
		}
		records = append(records, rec)
	}
	var got []byte
	for _, rec := range records {
		got = appendRecord(got, rec)
	}
	if want := csvReference(records); string(got) != want {
		t.Errorf("appendRecord differs from encoding/csv")
	}
}

func TestAppendFixed(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 9))
	check := func(d decimal.Decimal, places int) {
		t.Helper()
		if got, want := string(appendFixed(nil, d, places)), d.StringFixed(int32(places)); got != want {
			t.Fatalf("appendFixed(%s, %d) = %q, want %q", d, places, got, want)
		}
	}
	for _, s := range []string{"0", "0.00", "-0.005", "0.5", "-0.5", "5", "1e3", "1.10", "12.345", "-12.344999",
		"99999999999999999", "999999999999999999.99", "1e-30", "123456789012345678901234.5"} {
		for _, p := range []int{0, 2, 4} {
			check(decimal.RequireFromString(s), p)
		}
	}
	for range 200000 {
		pow := int64(1)
		for range 1 + r.IntN(18) {
			pow *= 10
		}
		c := r.Int64N(pow)
		if r.IntN(2) == 0 {
			c = -c
		}
		check(decimal.New(c, int32(r.IntN(12)-8)), []int{0, 2, 4}[r.IntN(3)])
	}
}

// The CSV outputs as encoding/csv wrote them before they were encoded
// by hand.
func referenceCostsCSV(w io.Writer, res *costing.Result) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(CostsHeader()); err != nil {
		return err
	}
	for i, n := range res.Map.Nodes() {
		f := res.Nodes[i]
		row := []string{SafeText(string(n.Code)), n.Level.String(), SafeText(n.Name), model.FTEString(f.FTE),
			model.Euro(costing.Total(f.Direct)), model.Euro(costing.Total(f.FromCoordination)),
			model.Euro(costing.Total(f.FromSupport)), model.Euro(costing.Total(f.ToOthers)),
			model.Euro(costing.Total(f.Full))}
		for c := range model.NumCostVoci {
			row = append(row, model.Euro(f.Direct[c]))
		}
		row = append(row, n.Kind.String(), SafeText(string(n.Parent)))
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func referenceTraceCSV(w io.Writer, res *costing.Result) error {
	bw := bufio.NewWriter(w)
	cw := csv.NewWriter(bw)
	if err := cw.Write(TraceHeader); err != nil {
		return err
	}
	row := make([]string, len(TraceHeader))
	for s := range res.Steps() {
		row[0] = strconv.Itoa(int(s.Stage))
		row[1] = SafeText(SourceLabel(res, s))
		row[2] = SafeText(string(s.Target))
		row[3] = SafeText(s.Driver)
		row[4], row[5] = "", ""
		if s.HasKey {
			row[4] = s.Key.String()
			row[5] = s.Share.String()
		}
		row[6] = amountString(s.Amount)
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

// TestCSVWritersMatchEncodingCSV: costs.csv and trace.csv are the bytes
// encoding/csv gives, for the fixture and for ledger texts and file names
// that need quoting or SafeText.
func TestCSVWritersMatchEncodingCSV(t *testing.T) {
	plain := fixture.Result(t)
	in := fixture.Inputs(t)
	for i := range in.Ledger {
		in.Ledger[i].Conto = csvTricky[i%len(csvTricky)]
		in.Ledger[i].Descrizione = csvTricky[(i+5)%len(csvTricky)]
		in.Ledger[i].Pos.File = []string{"conti, 2025.csv", `"dati".xlsx`, "dati.xlsx"}[i%3]
		in.Ledger[i].Pos.Sheet = []string{"", "conta bilità", "a,b"}[i%3]
	}
	tricky, err := costing.Compute(in)
	if err != nil {
		t.Fatal(err)
	}
	writers := []struct {
		name      string
		got, want func(io.Writer, *costing.Result) error
	}{
		{"costs.csv", WriteCostsCSV, referenceCostsCSV},
		{"trace.csv", WriteTraceCSV, referenceTraceCSV},
	}
	for _, res := range []*costing.Result{plain, tricky} {
		for _, w := range writers {
			var got, want bytes.Buffer
			if err := w.got(&got, res); err != nil {
				t.Fatal(err)
			}
			if err := w.want(&want, res); err != nil {
				t.Fatal(err)
			}
			if got.String() != want.String() {
				t.Errorf("%s differs from encoding/csv's (%d bytes, want %d)", w.name, got.Len(), want.Len())
			}
		}
	}
}
