package costing

import (
	"camcost/model"
	"math/rand/v2"
	"testing"

	"github.com/shopspring/decimal"
)

// split must give exactly the parts of the plain decimal computation.
func TestSplitMatchesDecimal(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		amount := decimal.New(r.Int64N(2_000_000_000_00)-1_000_000_000_00, -int32(r.IntN(13)))
		n := 1 + r.IntN(6)
		keys := make([]decimal.Decimal, n)
		var total decimal.Decimal
		for i := range keys {
			keys[i] = decimal.New(r.Int64N(2_000_000)-200_000, -int32(r.IntN(17)))
			total = total.Add(keys[i])
		}
		if total.IsZero() {
			continue
		}
		got := split(amount, keys, total)
		want := model.Split(amount, keys, total)
		var sum decimal.Decimal
		for i := range got {
			if !got[i].Equal(want[i]) {
				t.Fatalf("split(%s, %v) part %d = %s, want %s", amount, keys, i, got[i], want[i])
			}
			sum = sum.Add(got[i])
		}
		if !sum.Equal(amount) {
			t.Fatalf("split(%s, %v) sums to %s", amount, keys, sum)
		}
	}
}
