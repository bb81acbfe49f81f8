package variance_test

import (
	"fmt"

	"github.com/shopspring/decimal"

	"camcost/variance"
)

// One attività, two years: half an FTE more at last year's 40,000 per FTE,
// a 2% rise of pay, 300 more of supplies and 150 more of support.
func ExampleDecompose() {
	d := decimal.RequireFromString
	a := variance.Figures{FTE: d("2"), Personale: d("80000.00"), Direct: d("81000.00"), FromSupport: d("5000.00"), Full: d("86000.00")}
	b := variance.Figures{FTE: d("2.5"), Personale: d("102000.00"), Direct: d("103300.00"), FromSupport: d("5150.00"), Full: d("108450.00")}
	p := variance.Decompose(a, b)
	fmt.Println("delta", b.Full.Sub(a.Full).StringFixed(2))
	fmt.Println("due_to_fte", p.FTE.StringFixed(2))
	fmt.Println("due_to_pay", p.Pay.StringFixed(2))
	fmt.Println("due_to_other_direct", p.OtherDirect.StringFixed(2))
	fmt.Println("due_to_allocation", p.Allocation.StringFixed(2))
	// Output:
	// delta 22450.00
	// due_to_fte 20000.00
	// due_to_pay 2000.00
	// due_to_other_direct 300.00
	// due_to_allocation 150.00
}
