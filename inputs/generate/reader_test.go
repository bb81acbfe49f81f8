package generate

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

// A tiny reader of the generated folders, independent of package inputs:
// every table as rows of strings, numbers in canonical decimal form, so
// folders of different formats can be compared.

var tableNames = []string{"personale", "retribuzioni", "tempi", "contabilita", "driver", "volumi", "contesto"}

var numericColumns = map[string]bool{
	"fte": true, "mesi": true, "importo": true, "percentuale": true,
	"ore": true, "periodo": true, "quantita": true,
}

// folder is a run folder read back: table name -> rows (header first).
type folder map[string][][]string

func readFolder(t testing.TB, dir string) folder {
	t.Helper()
	f := folder{}
	if _, err := os.Stat(filepath.Join(dir, "dati.xlsx")); err == nil {
		wb, err := excelize.OpenFile(filepath.Join(dir, "dati.xlsx"))
		if err != nil {
			t.Fatal(err)
		}
		defer wb.Close()
		if got := strings.Join(wb.GetSheetList(), ","); got != strings.Join(tableNames, ",") {
			t.Fatalf("sheets = %s, want %s", got, strings.Join(tableNames, ","))
		}
		for _, name := range tableNames {
			rows, err := wb.GetRows(name, excelize.Options{RawCellValue: true})
			if err != nil {
				t.Fatal(err)
			}
			f[name] = normalise(t, name, rows, false)
		}
		return f
	}
	for _, name := range tableNames {
		b, err := os.ReadFile(filepath.Join(dir, name+".csv"))
		if err != nil {
			t.Fatal(err)
		}
		italian := bytes.HasPrefix(b, []byte("\uFEFF"))
		b = bytes.TrimPrefix(b, []byte("\uFEFF"))
		r := csv.NewReader(bytes.NewReader(b))
		if italian {
			r.Comma = ';'
		}
		rows, err := r.ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		f[name] = normalise(t, name, rows, italian)
	}
	return f
}

func normalise(t testing.TB, table string, rows [][]string, italian bool) [][]string {
	t.Helper()
	if len(rows) == 0 {
		t.Fatalf("%s: no header", table)
	}
	head := rows[0]
	for r := range rows[1:] {
		row := rows[r+1]
		for len(row) < len(head) {
			row = append(row, "") // xlsx rows stop at the last filled cell
		}
		rows[r+1] = row
		if table == "contesto" {
			continue
		}
		for i, v := range row {
			if !numericColumns[head[i]] {
				continue
			}
			if italian {
				v = strings.ReplaceAll(v, ".", "")
				v = strings.ReplaceAll(v, ",", ".")
			}
			d, err := decimal.NewFromString(v)
			if err != nil {
				t.Fatalf("%s: column %s: %q is not a number", table, head[i], row[i])
			}
			row[i] = d.String()
		}
	}
	return rows
}

// records returns the rows of a table as maps by column name.
func (f folder) records(table string) []map[string]string {
	rows := f[table]
	out := make([]map[string]string, 0, len(rows))
	for _, row := range rows[1:] {
		rec := map[string]string{}
		for i, h := range rows[0] {
			if i < len(row) {
				rec[h] = row[i]
			}
		}
		out = append(out, rec)
	}
	return out
}

func dec(t testing.TB, s string) decimal.Decimal {
	t.Helper()
	d, err := decimal.NewFromString(s)
	if err != nil {
		t.Fatalf("%q: %v", s, err)
	}
	return d
}
