package costing

import (
	"testing"

	"github.com/shopspring/decimal"
)

// The summaries of a result, on hand-computed cases: the oneri correnti
// are the cost lines of the ledger, and all of them reach the attività.
func TestResultSummaries(t *testing.T) {
	tests := []struct {
		dir        string
		oneri, fte string
	}{
		{"testdata/metodo-diretto", "144000", "5"},
		{"testdata/metodo-reciproco", "144000", "5"},
		{"testdata/fase1", "201500", "3"}, // 128000+30000+19000+12000+6000+1000+3000+2500; 1+0.5+1·6/12+1
	}
	for _, tt := range tests {
		t.Run(tt.dir, func(t *testing.T) {
			res, err := Compute(loadFolder(t, tt.dir))
			if err != nil {
				t.Fatal(err)
			}
			want := decimal.RequireFromString(tt.oneri)
			if got := res.OneriCorrenti(); !got.Equal(want) {
				t.Errorf("OneriCorrenti() = %s, want %s", got, want)
			}
			if got := res.Allocated(); !got.Equal(want) {
				t.Errorf("Allocated() = %s, want %s", got, want)
			}
			if got, want := res.TotalFTE, decimal.RequireFromString(tt.fte); !got.Equal(want) {
				t.Errorf("TotalFTE = %s, want %s", got, want)
			}
		})
	}
}
