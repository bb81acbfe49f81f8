package generate

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"github.com/shopspring/decimal"

	"camcost/model"
)

// checkFolder asserts the invariants that make a generated folder costable
// on m (docs/metodo.md): complete time sheets, every tema and servizio with time,
// payroll equal to the personale ledger, and every destination, driver and
// support setting pointing at nodes with time. It returns the folder.
func checkFolder(t *testing.T, dir string, m *model.Map) folder {
	t.Helper()
	f := readFolder(t, dir)

	// personale
	unitOf := map[string]string{}
	mesi := map[string]int{}
	for _, p := range f.records("personale") {
		id := p["matricola"]
		if _, dup := unitOf[id]; dup {
			t.Errorf("matricola %s repeated", id)
		}
		unitOf[id] = p["unita"]
		fte := dec(t, p["fte"])
		if !fte.IsPositive() || fte.GreaterThan(decimal.NewFromInt(1)) {
			t.Errorf("%s: fte %s out of (0, 1]", id, fte)
		}
		n, err := strconv.Atoi(p["mesi"])
		if err != nil || n < 1 || n > 12 {
			t.Errorf("%s: mesi %q out of 1-12", id, p["mesi"])
		}
		mesi[id] = n
		switch p["qualifica"] {
		case "Dirigente", "D", "C", "B":
		default:
			t.Errorf("%s: qualifica %q", id, p["qualifica"])
		}
	}

	// retribuzioni
	payroll := decimal.Zero
	for _, r := range f.records("retribuzioni") {
		if _, ok := unitOf[r["matricola"]]; !ok {
			t.Errorf("retribuzioni: unknown matricola %s", r["matricola"])
		}
		payroll = payroll.Add(dec(t, r["importo"]))
	}

	// tempi: every person complete; time per node.
	hours := f["tempi"][0][2] == "ore"
	timeOn := map[model.Code]bool{}
	booked := map[string]decimal.Decimal{}
	months := map[string]map[int]bool{}
	codesOf := map[string]map[model.Code]bool{}
	rows := 0
	for _, r := range f.records("tempi") {
		rows++
		id, code := r["matricola"], model.Code(r["codice"])
		if _, ok := unitOf[id]; !ok {
			t.Fatalf("tempi: unknown matricola %s", id)
		}
		n, ok := m.Node(code)
		if !ok || !n.Bookable() {
			t.Fatalf("tempi: %s booked on %s, not a bookable code of the map", id, code)
		}
		q := dec(t, r[f["tempi"][0][2]])
		if !q.IsPositive() {
			t.Errorf("tempi: %s on %s: %s", id, code, q)
		}
		booked[id] = booked[id].Add(q)
		if codesOf[id] == nil {
			codesOf[id] = map[model.Code]bool{}
		}
		codesOf[id][code] = true
		if hours {
			p, err := strconv.Atoi(r["periodo"])
			if err != nil || p < 1 || p > 12 {
				t.Fatalf("tempi: periodo %q", r["periodo"])
			}
			if months[id] == nil {
				months[id] = map[int]bool{}
			}
			months[id][p] = true
		} else if q.Exponent() < -1 {
			t.Errorf("tempi: %s on %s: %s has more than one decimal", id, code, q)
		}
		timeOn[code] = true
		for _, a := range m.Ancestors(code) {
			timeOn[a] = true
		}
	}
	for id := range unitOf {
		switch {
		case len(codesOf[id]) < 1 || len(codesOf[id]) > 6:
			t.Errorf("%s books %d codes, want 1-6", id, len(codesOf[id]))
		case !hours && !booked[id].Equal(model.Hundred):
			t.Errorf("%s: percentages sum to %s, want exactly 100", id, booked[id])
		case hours && len(months[id]) != mesi[id]:
			t.Errorf("%s: time in %d months, in service %d", id, len(months[id]), mesi[id])
		}
	}
	if hours {
		if avg := rows / len(unitOf); avg < 70 || avg > 130 {
			t.Errorf("%d tempi rows per person, want about 100", avg)
		}
	}

	// Every tema with a regular servizio is staffed, every regular servizio
	// has time, coordinamento and formazione time can move on.
	hasServizio := map[model.Code]bool{}
	for _, n := range m.Nodes() {
		if n.Level == model.LevelServizio && n.Kind == model.KindRegular {
			hasServizio[n.Code] = true
			for _, a := range m.Ancestors(n.Code) {
				hasServizio[a] = true
			}
			if !timeOn[n.Code] {
				t.Errorf("servizio %s has no time", n.Code)
			}
		}
	}
	for _, n := range m.Nodes() {
		if n.Level == model.LevelTema && hasServizio[n.Code] && !timeOn[n.Code] {
			t.Errorf("tema %s is not staffed", n.Code)
		}
		if (n.Kind == model.KindCoordinamento || n.Kind == model.KindFormazione) && timeOn[n.Code] && !hasServizio[n.Parent] {
			t.Errorf("time on %s cannot move on: %s has no servizio", n.Code, n.Parent)
		}
	}

	// Units with time, for unita: destinations; units whose staff work
	// for receivers (C, D, F, Z), for support drivers.
	unitTime, unitReceives := map[string]bool{}, map[string]bool{}
	for id, u := range unitOf {
		for c := range codesOf[id] {
			unitTime[u] = true
			if !strings.ContainsAny(string(c[0]), "AB") {
				unitReceives[u] = true
			}
		}
	}
	target := func(where, s string) {
		t.Helper()
		if name, ok := strings.CutPrefix(s, "unita:"); ok {
			if !unitTime[name] {
				t.Errorf("%s: unit %q has no staff with time", where, name)
			}
			return
		}
		if !timeOn[model.Code(s)] {
			t.Errorf("%s: %s has no time beneath it", where, s)
		}
	}

	// driver
	drivers := map[string]decimal.Decimal{}
	reachesReceivers := map[string]bool{}
	for _, d := range f.records("driver") {
		if name, ok := strings.CutPrefix(d["codice"], "unita:"); (ok && unitReceives[name]) || (!ok && !strings.ContainsAny(d["codice"][:1], "AB")) {
			reachesReceivers[d["driver"]] = true
		}
		q := dec(t, d["quantita"])
		if q.IsNegative() {
			t.Errorf("driver %s on %s: negative %s", d["driver"], d["codice"], q)
		}
		drivers[d["driver"]] = drivers[d["driver"]].Add(q)
		if d["driver"] == model.DriverAttivita {
			n, ok := m.Node(model.Code(d["codice"]))
			if !ok || n.Level != model.LevelAttivita || !timeOn[n.Parent] {
				t.Errorf("driver attivita on %s: not an attività of a servizio with time", d["codice"])
			}
			continue
		}
		target("driver "+d["driver"], d["codice"])
	}

	// contabilita
	voci := map[model.Voce]bool{}
	personale := decimal.Zero
	negatives := 0
	for _, l := range f.records("contabilita") {
		v := model.Voce(l["voce"])
		if _, ok := v.Info(); !ok {
			t.Errorf("conto %s: unknown voce %q", l["conto"], v)
		}
		voci[v] = true
		amount := dec(t, l["importo"])
		if amount.IsNegative() {
			negatives++
		}
		if v == model.Personale {
			personale = personale.Add(amount)
		}
		if l["destinazione"] != "" {
			target("conto "+l["conto"], l["destinazione"])
		}
		switch d := l["driver"]; d {
		case "", model.DriverFTE, model.DriverPersonale:
		default:
			if !drivers[d].IsPositive() {
				t.Errorf("conto %s: driver %q has no quantities", l["conto"], d)
			}
		}
	}
	if len(voci) != model.NumVoci {
		t.Errorf("ledger has %d voci, want all %d", len(voci), model.NumVoci)
	}
	if negatives > 1 {
		t.Errorf("%d negative ledger lines, want at most one", negatives)
	}
	if !personale.Equal(payroll) {
		t.Errorf("personale in the ledger %s, payroll %s", personale, payroll)
	}

	// volumi, contesto
	for _, v := range f.records("volumi") {
		if !m.Has(model.Code(v["codice"])) {
			t.Errorf("volumi: %s is not in the map", v["codice"])
		}
	}
	ctx := map[string]string{}
	for _, c := range f.records("contesto") {
		ctx[c["chiave"]] = c["valore"]
	}
	for _, k := range []string{model.CtxEnte, model.CtxAnno, model.CtxImpreseAttive, model.CtxImpreseRegistrate, model.CtxCluster} {
		if ctx[k] == "" {
			t.Errorf("contesto: no %s", k)
		}
	}

	// camcost.toml
	var settings struct {
		Metodo         string            `toml:"metodo"`
		DriverSupporto map[string]string `toml:"driver_supporto"`
	}
	b, err := os.ReadFile(filepath.Join(dir, SettingsFile))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := toml.Decode(string(b), &settings); err != nil {
		t.Fatalf("%s: %v", SettingsFile, err)
	}
	if _, err := model.ParseMethod(settings.Metodo); err != nil {
		t.Error(err)
	}
	for tema, d := range settings.DriverSupporto {
		n, ok := m.Node(model.Code(tema))
		if !ok || n.Level != model.LevelTema || !strings.ContainsAny(string(tema[0]), "AB") {
			t.Errorf("driver_supporto: %s is not a support tema", tema)
		}
		if !drivers[d].IsPositive() || !reachesReceivers[d] {
			t.Errorf("driver_supporto %s = %q: no quantities on receiving servizi", tema, d)
		}
	}
	return f
}
