package costing

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"github.com/shopspring/decimal"

	"camcost/model"
)

// loadFolder reads a plain-CSV test folder of costing/testdata into Inputs.
// It trusts its data: the folders are hand-written and small.
func loadFolder(t testing.TB, dir string) *model.Inputs {
	t.Helper()
	read := func(name string) []map[string]string {
		f, err := os.Open(filepath.Join(dir, name+".csv"))
		if os.IsNotExist(err) {
			return nil
		}
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		recs, err := csv.NewReader(f).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		var out []map[string]string
		for n, r := range recs[1:] {
			row := map[string]string{"_row": string(rune('0' + n))}
			for i, h := range recs[0] {
				row[h] = strings.TrimSpace(r[i])
			}
			out = append(out, row)
		}
		return out
	}
	dec := func(s string) decimal.Decimal {
		if s == "" {
			return decimal.Zero
		}
		return decimal.RequireFromString(s)
	}
	var nodes []model.Node
	for _, r := range read("mappa") {
		l, _ := model.ParseLevel(r["level"])
		k, _ := model.ParseKind(r["kind"])
		nodes = append(nodes, model.Node{Code: model.Code(r["code"]), Level: l, Kind: k, Parent: model.Code(r["parent"]), Name: r["name"]})
	}
	m, err := model.NewMap(nodes)
	if err != nil {
		t.Fatal(err)
	}
	in := &model.Inputs{Map: m, Settings: model.DefaultSettings()}
	index := map[model.Matricola]int{}
	for _, r := range read("personale") {
		index[model.Matricola(r["matricola"])] = len(in.People)
		in.People = append(in.People, model.Person{Matricola: model.Matricola(r["matricola"]), Qualifica: r["qualifica"], FTE: dec(r["fte"]), Mesi: dec(r["mesi"]), Unita: r["unita"]})
	}
	for _, r := range read("retribuzioni") {
		in.HasPayroll = true
		p := &in.People[index[model.Matricola(r["matricola"])]]
		p.Pay = p.Pay.Add(dec(r["importo"]))
	}
	for _, r := range read("tempi") {
		p := &in.People[index[model.Matricola(r["matricola"])]]
		q := dec(r["percentuale"])
		if _, ok := r["ore"]; ok {
			in.TimeUnit = model.Hours
			q = dec(r["ore"])
		}
		p.Bookings = append(p.Bookings, model.Booking{Code: model.Code(r["codice"]), Qty: q})
	}
	dest := func(s string) model.Destination {
		if u, ok := strings.CutPrefix(s, "unita:"); ok {
			return model.Destination{Unit: u}
		}
		return model.Destination{Code: model.Code(s)}
	}
	for n, r := range read("contabilita") {
		in.Ledger = append(in.Ledger, model.LedgerLine{Conto: r["conto"], Descrizione: r["descrizione"], Voce: model.Voce(r["voce"]),
			Importo: dec(r["importo"]), Dest: dest(r["destinazione"]), Driver: r["driver"],
			Pos: model.Position{File: "contabilita.csv", Row: n + 2}})
	}
	for n, r := range read("driver") {
		in.Drivers = append(in.Drivers, model.DriverQty{Driver: r["driver"], Dest: dest(r["codice"]), Qty: dec(r["quantita"]),
			Pos: model.Position{File: "driver.csv", Row: n + 2}})
	}
	var settings struct {
		Metodo         string            `toml:"metodo"`
		DriverSupporto map[string]string `toml:"driver_supporto"`
	}
	if _, err := toml.DecodeFile(filepath.Join(dir, "camcost.toml"), &settings); err == nil {
		in.Settings.Method = model.Method(settings.Metodo)
		for tema, d := range settings.DriverSupporto {
			in.Settings.SupportDrivers = append(in.Settings.SupportDrivers, model.SupportDriver{Tema: model.Code(tema), Driver: d})
		}
		slices.SortFunc(in.Settings.SupportDrivers, func(a, b model.SupportDriver) int { return model.CompareCodes(a.Tema, b.Tema) })
	}
	return in
}
