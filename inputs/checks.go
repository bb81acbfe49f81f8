package inputs

import (
	"github.com/shopspring/decimal"

	"camcost/model"
)

// crossChecks looks across tables for what a controller would want to know
// but does not stop the run.
func (rd *reader) crossChecks() {
	in := &rd.in
	if in.HasPayroll {
		var ledger decimal.Decimal
		pay := rd.payTotal.value()
		for i, p := range in.People {
			if rd.payRows[i] == 0 && !rd.lostZeros[i] {
				pos := rd.matricolaPos
				pos.Row = p.Pos.Row
				rd.causeWarnf(pos, "la matricola %s non ha righe in retribuzioni: la sua retribuzione conta zero", p.Matricola)
			} else if p.Pay.Sign() < 0 {
				pos := rd.matricolaPos
				pos.Row = p.Pos.Row
				rd.causeWarnf(pos, "la retribuzione totale della matricola %s è negativa (%s)", p.Matricola, model.Italian(p.Pay, model.CentPlaces))
			}
		}
		for _, l := range in.Ledger {
			if l.Voce == model.Personale {
				ledger = ledger.Add(l.Importo)
			}
		}
		if !pay.Equal(ledger) {
			rd.warnf(rd.paySrc, "il totale delle retribuzioni (%s) è diverso dal totale della voce personale in contabilità (%s): differenza %s",
				model.Italian(pay, model.CentPlaces), model.Italian(ledger, model.CentPlaces), model.Italian(pay.Sub(ledger), model.CentPlaces))
		}
	}
	if src, ok := rd.sources[tContabilita]; ok && len(in.Ledger) > 0 {
		costs := false
		for _, l := range in.Ledger {
			costs = costs || l.Voce.IsCost()
		}
		if !costs {
			rd.warnf(src.pos(), "la contabilità non ha righe di oneri correnti (personale, funzionamento, interventi_economici, ammortamenti_accantonamenti): non ci sono costi da attribuire")
		}
	}
}

// causeWarnf is warnf for a warning that can explain a problem of the
// costing (a pay of zero makes a personnel key of zero): when costing
// refuses the data, it is listed first.
func (rd *reader) causeWarnf(pos model.Position, format string, args ...any) {
	if rd.warns.add(pos, format, args...) {
		rd.warns.ps[len(rd.warns.ps)-1].Cause = true
	}
}
