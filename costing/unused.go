package costing

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"

	"camcost/model"
)

// unusedShown is how many codes the warning about unused driver
// quantities names before it counts the rest.
const unusedShown = 4

// unusedDriverWarning says, in one line, what happens to the quantities of
// a stage 3 driver that fall on coordinamento or formazione nodes (they
// receive no support cost, so they do not count and the shares are taken
// over the rest), how much that is, and what to do if it is not what the
// controller meant. It happens whenever a driver is given on unita:NOME
// and the office also books coordination or training time.
func (e *engine) unusedDriverWarning(driver string, unused []string, lost, total decimal.Decimal) string {
	var temi []string
	for _, d := range e.in.Settings.SupportDrivers {
		if d.Driver == driver {
			temi = append(temi, string(d.Tema))
		}
	}
	of := ""
	if len(temi) > 0 {
		of = " di " + strings.Join(temi, ", ")
	}
	codes := strings.Join(unused, ", ")
	if len(unused) > unusedShown+1 {
		codes = fmt.Sprintf("%s e altri %d", strings.Join(unused[:unusedShown], ", "), len(unused)-unusedShown)
	}
	share := decimal.Zero
	if !total.IsZero() {
		share = lost.Mul(model.Hundred).Div(total)
	}
	return fmt.Sprintf("il driver %q dei servizi di supporto%s ha il %s%% delle sue quantità (%s su %s) su %d nodi di coordinamento o formazione (%s), "+
		"che non ricevono costi di supporto: quella parte non conta e il costo si ripartisce in proporzione al resto; "+
		"per farla contare, indicare le quantità del driver sui servizi invece che su unita:NOME o su un livello superiore",
		driver, of, model.Italian(share, 1), model.ItalianShort(lost.Round(2)), model.ItalianShort(total.Round(2)), len(unused), codes)
}
