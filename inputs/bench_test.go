package inputs

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"

	"github.com/xuri/excelize/v2"
)

// benchPeople and benchCodes shape the benchmark time sheets: 2,000
// people booking hours on the bookable nodes of the test map, month by
// month.
const benchPeople = 2000

var benchCodes = []string{"A1.1.1", "A1.1.1.1", "A1.1.F", "A1.C", "B2.1.1", "C1.1.1", "C1.1.1.1", "C1.1.1.2"}

// benchRow returns row r of a time sheet of rows rows: grouped by person,
// as time-sheet exports and the generator write them, or, when
// interleaved, each row for another person than the last, the worst case
// for the reader's lookups.
func benchRow(r, rows int, interleaved bool) (matricola, code, ore string, periodo int) {
	p, k := r%benchPeople, r/benchPeople
	if !interleaved {
		per := rows / benchPeople
		p, k = r/per, r%per
	}
	return fmt.Sprintf("M%05d", p), benchCodes[k%len(benchCodes)], fmt.Sprintf("%d.%d", 1+r%37, r%10), 1 + (k/len(benchCodes))%12
}

// benchFolder writes a run folder whose tempi table has rows rows in CSV.
func benchFolder(b *testing.B, rows int, interleaved bool) string {
	b.Helper()
	dir := b.TempDir()
	write := func(name string, fill func(w *bufio.Writer)) {
		f, err := os.Create(filepath.Join(dir, name))
		if err != nil {
			b.Fatal(err)
		}
		w := bufio.NewWriter(f)
		fill(w)
		if err := w.Flush(); err != nil {
			b.Fatal(err)
		}
		f.Close()
	}
	write("personale.csv", func(w *bufio.Writer) {
		w.WriteString("matricola,qualifica,fte,mesi\n")
		for p := range benchPeople {
			fmt.Fprintf(w, "M%05d,C,1,12\n", p)
		}
	})
	write("tempi.csv", func(w *bufio.Writer) {
		w.WriteString("matricola,codice,ore,periodo\n")
		for r := range rows {
			m, c, q, p := benchRow(r, rows, interleaved)
			fmt.Fprintf(w, "%s,%s,%s,%d\n", m, c, q, p)
		}
	})
	write("contabilita.csv", func(w *bufio.Writer) {
		w.WriteString("conto,descrizione,voce,importo\n1,Stipendi,personale,1000000\n")
	})
	return dir
}

func benchRead(b *testing.B, dir, table string, rows int) {
	opt := Options{DefaultMap: testMap(b)}
	st, err := os.Stat(filepath.Join(dir, table))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(st.Size())
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		in, err := Read(dir, opt)
		if err != nil {
			b.Fatal(err)
		}
		if len(in.People) != benchPeople || len(in.People[0].Bookings) != len(benchCodes) {
			b.Fatalf("%d people, %d bookings", len(in.People), len(in.People[0].Bookings))
		}
	}
	b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}

// BenchmarkReadTempiCSV reads a folder with one million tempi rows.
func BenchmarkReadTempiCSV(b *testing.B) {
	const rows = 1_000_000
	benchRead(b, benchFolder(b, rows, false), "tempi.csv", rows)
}

// BenchmarkReadTempiCSVInterleaved is BenchmarkReadTempiCSV with every row
// for another person than the last.
func BenchmarkReadTempiCSVInterleaved(b *testing.B) {
	const rows = 1_000_000
	benchRead(b, benchFolder(b, rows, true), "tempi.csv", rows)
}

// BenchmarkCSVFloor is the parse floor BenchmarkReadTempiCSV is measured
// against: the same file through encoding/csv, doing nothing with the rows.
func BenchmarkCSVFloor(b *testing.B) {
	const rows = 1_000_000
	path := filepath.Join(benchFolder(b, rows, false), "tempi.csv")
	st, _ := os.Stat(path)
	b.SetBytes(st.Size())
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		f, err := os.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		r := csv.NewReader(bufio.NewReaderSize(f, 64<<10))
		r.ReuseRecord = true
		for {
			if _, err := r.Read(); err == io.EOF {
				break
			} else if err != nil {
				b.Fatal(err)
			}
		}
		f.Close()
	}
	b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}

// BenchmarkReadTempiXLSX reads a folder whose tempi table is a sheet of
// 200,000 rows, numbers in numeric cells.
func BenchmarkReadTempiXLSX(b *testing.B) {
	benchXLSX(b, func(r int) float64 { return float64(1+r%37) + float64(r%10)/10 }, false)
}

// BenchmarkReadTempiXLSXFloats is BenchmarkReadTempiXLSX with hours that
// are results of sums, stored as Excel stores them, to 17 digits
// (0.21000000000000002), where excelize stores 15.
func BenchmarkReadTempiXLSXFloats(b *testing.B) {
	benchXLSX(b, func(r int) float64 { return float64(1+r%37)*0.1 + float64(r%10)*0.01 }, true)
}

func benchXLSX(b *testing.B, hours func(r int) float64, exact bool) {
	const rows = 200_000
	dir := benchFolder(b, 0, false)
	os.Remove(filepath.Join(dir, "tempi.csv"))
	f := excelize.NewFile()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		b.Fatal(err)
	}
	sw.SetRow("A1", []any{"matricola", "codice", "ore", "periodo"})
	for r := range rows {
		m, c, _, p := benchRow(r, rows, false)
		cell, _ := excelize.CoordinatesToCellName(1, r+2)
		if err := sw.SetRow(cell, []any{m, c, hours(r), p}); err != nil {
			b.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		b.Fatal(err)
	}
	f.SetSheetName("Sheet1", "tempi")
	path := filepath.Join(dir, "tempi.xlsx")
	if err := f.SaveAs(path); err != nil {
		b.Fatal(err)
	}
	if exact {
		data, err := os.ReadFile(path)
		if err != nil {
			b.Fatal(err)
		}
		hoursCell := regexp.MustCompile(`<c r="C(\d+)"([^>]*)><v>[^<]*</v>`)
		data, err = rewriteZip(data, "xl/worksheets/sheet1.xml", func(xml string) string {
			return hoursCell.ReplaceAllStringFunc(xml, func(c string) string {
				m := hoursCell.FindStringSubmatch(c)
				row, _ := strconv.Atoi(m[1])
				if row == 1 {
					return c
				}
				return fmt.Sprintf(`<c r="C%d"%s><v>%s</v>`, row, m[2], strconv.FormatFloat(hours(row-2), 'f', -1, 64))
			})
		})
		if err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	benchRead(b, dir, "tempi.xlsx", rows)
}
