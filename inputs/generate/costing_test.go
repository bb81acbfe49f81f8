package generate

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"github.com/shopspring/decimal"

	"camcost/costing"
	"camcost/model"
	"camcost/seeds"
)

// toInputs turns a folder read back by the test reader into the engine's
// inputs, the way package inputs would for valid data.
func toInputs(t *testing.T, dir string, f folder, m *model.Map) *model.Inputs {
	t.Helper()
	in := &model.Inputs{Map: m, HasPayroll: true, Settings: model.DefaultSettings()}
	pay := map[model.Matricola]decimal.Decimal{}
	for _, r := range f.records("retribuzioni") {
		id := model.Matricola(r["matricola"])
		pay[id] = pay[id].Add(dec(t, r["importo"]))
	}
	unitCol := f["tempi"][0][2]
	if unitCol == "ore" {
		in.TimeUnit = model.Hours
	}
	booked := map[model.Matricola]map[model.Code]decimal.Decimal{}
	for _, r := range f.records("tempi") {
		id := model.Matricola(r["matricola"])
		if booked[id] == nil {
			booked[id] = map[model.Code]decimal.Decimal{}
		}
		c := model.Code(r["codice"])
		booked[id][c] = booked[id][c].Add(dec(t, r[unitCol]))
	}
	for _, p := range f.records("personale") {
		id := model.Matricola(p["matricola"])
		var bs []model.Booking
		for c, q := range booked[id] {
			bs = append(bs, model.Booking{Code: c, Qty: q})
		}
		slices.SortFunc(bs, func(a, b model.Booking) int { return model.CompareCodes(a.Code, b.Code) })
		in.People = append(in.People, model.Person{
			Matricola: id, Qualifica: p["qualifica"], FTE: dec(t, p["fte"]), Mesi: dec(t, p["mesi"]),
			Unita: p["unita"], Pay: pay[id], Bookings: bs,
		})
	}
	dest := func(s string) model.Destination {
		if u, ok := strings.CutPrefix(s, "unita:"); ok {
			return model.Destination{Unit: u}
		}
		return model.Destination{Code: model.Code(s)}
	}
	for _, l := range f.records("contabilita") {
		in.Ledger = append(in.Ledger, model.LedgerLine{
			Conto: l["conto"], Descrizione: l["descrizione"], Voce: model.Voce(l["voce"]),
			Importo: dec(t, l["importo"]), Dest: dest(l["destinazione"]), Driver: l["driver"],
		})
	}
	for _, d := range f.records("driver") {
		in.Drivers = append(in.Drivers, model.DriverQty{Driver: d["driver"], Dest: dest(d["codice"]), Qty: dec(t, d["quantita"])})
	}
	var settings struct {
		Metodo         string            `toml:"metodo"`
		DriverSupporto map[string]string `toml:"driver_supporto"`
	}
	if _, err := toml.DecodeFile(filepath.Join(dir, SettingsFile), &settings); err != nil {
		t.Fatal(err)
	}
	in.Settings.Method = model.Method(settings.Metodo)
	for _, tema := range keys(settings.DriverSupporto) {
		in.Settings.SupportDrivers = append(in.Settings.SupportDrivers, model.SupportDriver{Tema: model.Code(tema), Driver: settings.DriverSupporto[tema]})
	}
	return in
}

// The costing engine takes every generated folder, with every method, and
// reconciles each voce to the cent.
func TestCostingAcceptsGeneratedData(t *testing.T) {
	real, err := seeds.Map()
	if err != nil {
		t.Fatal(err)
	}
	maps := map[string]*model.Map{"ufficiale": real, "ridotta": buildMap(t, chamberMap), "insolita": buildMap(t, oddMap)}
	for _, name := range keys(maps) {
		m := maps[name]
		for _, cfg := range []Config{
			{People: minPeople(mustAnalyse(t, m)), Seed: 1},
			{People: 150, Seed: 2},
			{People: 600, Seed: 3, Daily: true},
		} {
			t.Run(fmt.Sprintf("%s-%d-daily=%v", name, cfg.People, cfg.Daily), func(t *testing.T) {
				dir := t.TempDir()
				if err := Generate(dir, m, cfg); err != nil {
					t.Fatal(err)
				}
				in := toInputs(t, dir, readFolder(t, dir), m)
				for _, method := range model.Methods() {
					in.Settings.Method = method
					res, err := costing.Compute(in)
					if err != nil {
						t.Fatalf("%s: %v", method, err)
					}
					for _, tot := range res.Totals {
						if !tot.Difference().IsZero() {
							t.Errorf("%s: voce %s: ledger %s, allocated %s", method, tot.Voce, tot.Ledger, tot.Allocated)
						}
					}
				}
			})
		}
	}
}
