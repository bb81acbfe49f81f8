package indicators

import (
	"fmt"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"camcost/internal/fixture"
	"camcost/model"
)

// indicatorIndex finds indicators by key and scope code ("" for the body;
// code/misura for unit costs).
func indicatorIndex(list []Indicator) map[string]Indicator {
	out := make(map[string]Indicator)
	for _, ind := range list {
		k := ind.Key + "@" + string(ind.Scope.Code)
		if ind.Misura != "" {
			k += "/" + ind.Misura
		}
		out[k] = ind
	}
	return out
}

// TestIndicatorsByHand checks the fixture's indicators against figures
// worked out by hand from its totals:
//
//	oneri correnti 6,961,024.91; personale 2,345,678.91; proventi correnti
//	6,441,320.10; FTE 6.8333; imprese attive 41,250.
func TestIndicatorsByHand(t *testing.T) {
	ix := indicatorIndex(Indicators(fixture.Result(t)))
	want := map[string]string{
		"costo_medio_fte@":                            "1018691.54", // 6,961,024.91 / 6.8333
		"incidenza_supporto@":                         "0.462486",   // 3,219,374.53 / 6,961,024.91
		"oneri_correnti_per_impresa@":                 "168.75",     // 6,961,024.91 / 41,250
		"personale_per_impresa@":                      "56.86",      // 2,345,678.91 / 41,250
		"fte_per_1000_imprese@":                       "0.1657",     // 6.8333 / 41,250 × 1,000
		"grado_copertura@":                            "0.925341",   // 6,441,320.10 / 6,961,024.91
		"costo_pieno@C1.1":                            "2114815.44",
		"fte@C1.1":                                    "1.25",
		"costo_medio_fte@C1.1":                        "1691852.35", // 2,114,815.44 / 1.25
		"incidenza_supporto@C1.1":                     "0.558447",   // 1,181,012.85 / 2,114,815.44
		"costo_pieno_per_impresa@C1.1":                "51.27",      // 2,114,815.44 / 41,250
		"grado_copertura@C1.1":                        "0.991907",   // proventi 2,097,699.96 / 2,114,815.44
		"costo_unitario@C1.1.1/pratiche evase":        "157.00",     // 1,962,555.82 / 12,500
		"costo_unitario@D1.1.1/certificati d'origine": "378.46",     // 1,317,041.75 / 3,480
		// B1.1.1 is a support servizio: its cost before ribaltamento,
		// 2,100,708.60 / 4,100.
		"costo_unitario@B1.1.1/mandati di pagamento": "512.37",
	}
	for k, v := range want {
		ind, ok := ix[k]
		switch {
		case !ok:
			t.Errorf("%s missing", k)
		case !ind.Available:
			t.Errorf("%s not available: %s", k, ind.Reason)
		case ind.Value.StringFixed(int32(len(v)-strings.Index(v, ".")-1)) != v:
			t.Errorf("%s = %s, want %s", k, ind.Value, v)
		}
	}
	for k, reason := range map[string]string{
		"costo_unitario@C1.2.1/pratiche SUAP": "quantità pari a zero nella tabella volumi",
		"costo_medio_fte@A1.1":                supportReason,
		"incidenza_supporto@B1.1":             supportReason,
		"costo_medio_fte@Z1.1":                "nessun FTE registrato sul processo",
		"incidenza_supporto@Z1.1":             "costo pieno pari a zero",
	} {
		if ind := ix[k]; ind.Available || ind.Reason != reason || !ind.Value.IsZero() {
			t.Errorf("%s: available %v, value %s, reason %q; want not available because %q", k, ind.Available, ind.Value, ind.Reason, reason)
		}
	}
	// Coverage only where proventi were attributed: Z1.1 received none.
	if _, ok := ix["grado_copertura@Z1.1"]; ok {
		t.Error("grado di copertura given for Z1.1, which has no proventi")
	}
}

// TestIndicatorsMissingInputs: without contesto every indicator per
// impresa says so, and there are no unit costs without volumi.
func TestIndicatorsMissingInputs(t *testing.T) {
	list := Indicators(fixture.BareResult(t))
	perImpresa := 0
	for _, ind := range list {
		switch ind.Key {
		case KeyOneriPerImpresa, KeyPersonalePerImpresa, KeyFTEPer1000Imprese, KeyCostoPienoPerImpresa:
			perImpresa++
			want := "manca imprese_attive nella tabella contesto"
			if c := string(ind.Scope.Code); strings.HasPrefix(c, "A") || strings.HasPrefix(c, "B") {
				want = supportReason
			}
			if ind.Available || ind.Reason != want {
				t.Errorf("%s %s: available %v, reason %q, want %q", ind.Key, ind.Scope.Code, ind.Available, ind.Reason, want)
			}
		case KeyCostoUnitario:
			t.Errorf("unit cost %s without volumi", ind.Scope.Code)
		}
	}
	if perImpresa != 3+9 {
		t.Errorf("%d indicators per impresa, want 3 for the body and 9 for the processi", perImpresa)
	}
}

func TestImpreseAttive(t *testing.T) {
	for _, tc := range []struct {
		name   string
		count  model.Count
		want   string
		reason string
	}{
		{"given", model.Count{Value: fixture.Dec("41250"), Given: true}, "41250", ""},
		{"zero", model.Count{Given: true}, "0", "imprese_attive nella tabella contesto vale 0"},
		{"not given", model.Count{}, "0", "manca imprese_attive nella tabella contesto"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, reason := ImpreseAttive(model.Context{ImpreseAttive: tc.count})
			if !got.Equal(fixture.Dec(tc.want)) || reason != tc.reason {
				t.Errorf("got %s, %q; want %s, %q", got, reason, tc.want, tc.reason)
			}
		})
	}
}

func TestUnitFormat(t *testing.T) {
	for _, tc := range []struct {
		unit  Unit
		value string
		want  string
	}{
		{UnitEuro, "1234567.891", "1.234.567,89 €"},
		{UnitFTE, "6.83333", "6,8333 FTE"},
		{UnitRatio, "0.462486", "46,25%"},
		{UnitCount, "41250", "41.250"},
		{UnitCount, "12.5", "12,5000"},
		{UnitEuroPerFTE, "1018691.541", "1.018.691,54 € per FTE"},
		{UnitFTEPer1000, "0.16566", "0,1657 FTE per 1.000 imprese attive"},
	} {
		if got := tc.unit.Format(fixture.Dec(tc.value)); got != tc.want {
			t.Errorf("%s.Format(%s) = %q, want %q", tc.unit, tc.value, got, tc.want)
		}
	}
}

// TestOneriCorrenti checks the total against the ledger lines of voci 6-9.
func TestOneriCorrenti(t *testing.T) {
	res := fixture.Result(t)
	var want decimal.Decimal
	for _, l := range res.Inputs.Ledger {
		if info, _ := l.Voce.Info(); info.Section == model.OneriCorrenti {
			want = want.Add(l.Importo)
		}
	}
	if got := oneriCorrenti(res); !got.Equal(want) || !got.Equal(fixture.Dec("6961024.91")) {
		t.Errorf("oneri correnti %s, want %s = 6,961,024.91", got, want)
	}
}

// TestIndicatorsComplete: every indicator states its formula and, when
// computed, its inputs with their sources; keys and scopes are unique.
func TestIndicatorsComplete(t *testing.T) {
	for _, list := range [][]Indicator{Indicators(fixture.Result(t)), Indicators(fixture.BareResult(t))} {
		seen := make(map[string]bool)
		for _, ind := range list {
			id := fmt.Sprintf("%s@%s/%s", ind.Key, ind.Scope.Code, ind.Misura)
			if seen[id] {
				t.Errorf("%s twice", id)
			}
			seen[id] = true
			if ind.Name == "" || ind.Formula == "" || ind.Unit == "" {
				t.Errorf("%s lacks name, formula or unit: %+v", id, ind)
			}
			if ind.Available == (ind.Reason != "") {
				t.Errorf("%s: available %v with reason %q", id, ind.Available, ind.Reason)
			}
			if ind.Available && len(ind.Inputs) == 0 {
				t.Errorf("%s has no inputs", id)
			}
			for _, in := range ind.Inputs {
				if in.Name == "" || in.Source == "" {
					t.Errorf("%s: input without name or source: %+v", id, in)
				}
			}
		}
	}
}
