package costing

import (
	"fmt"
	"math/rand/v2"
	"slices"

	"github.com/shopspring/decimal"

	"camcost/model"
)

// randomInputs builds small, valid but arbitrary inputs from a seed: a map
// with support and receiving servizi, coordinamento and formazione nodes,
// attività or not; people booking random percentages; ledger lines of every
// voce with every kind of key, negative amounts included.
func randomInputs(seed uint64) *model.Inputs {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	var nodes []model.Node
	add := func(code model.Code, l model.Level, k model.Kind, parent model.Code) {
		nodes = append(nodes, model.Node{Code: code, Level: l, Kind: k, Parent: parent, Name: "nodo " + string(code)})
	}
	for _, macro := range []model.Code{"A", "B", "C", "D"} {
		add(macro, model.LevelMacro, model.KindRegular, "")
		for t := 1; t <= 1+r.IntN(2); t++ {
			tema := model.Code(fmt.Sprintf("%s%d", macro, t))
			add(tema, model.LevelTema, model.KindRegular, macro)
			if r.IntN(2) == 0 {
				add(tema+".C", model.LevelFunzione, model.KindCoordinamento, tema)
			}
			for f := 1; f <= 1+r.IntN(2); f++ {
				fun := model.Code(fmt.Sprintf("%s.%d", tema, f))
				add(fun, model.LevelFunzione, model.KindRegular, tema)
				if r.IntN(2) == 0 {
					add(fun+".F", model.LevelServizio, model.KindFormazione, fun)
				}
				for s := 1; s <= 1+r.IntN(3); s++ {
					ser := model.Code(fmt.Sprintf("%s.%d", fun, s))
					add(ser, model.LevelServizio, model.KindRegular, fun)
					for a := 1; a <= r.IntN(4); a++ {
						add(model.Code(fmt.Sprintf("%s.%d", ser, a)), model.LevelAttivita, model.KindRegular, ser)
					}
				}
			}
		}
	}
	m, err := model.NewMap(nodes)
	if err != nil {
		panic(err)
	}
	var bookable []model.Code
	for _, n := range m.Nodes() {
		if n.Bookable() {
			bookable = append(bookable, n.Code)
		}
	}
	in := &model.Inputs{Map: m, Settings: model.DefaultSettings(), HasPayroll: r.IntN(2) == 0}
	units := []string{"Ragioneria", "Registro", "Promozione"}
	people := 1 + r.IntN(12)
	for p := range people {
		person := model.Person{
			Matricola: model.Matricola(fmt.Sprintf("M%03d", p)),
			FTE:       decimal.New(int64(1+r.IntN(100)), -2),
			Mesi:      decimal.NewFromInt(int64(1 + r.IntN(12))),
			Unita:     units[r.IntN(len(units))],
			Pay:       decimal.New(int64(r.IntN(6000000)), -2),
		}
		// Percentages summing to exactly 100 over 1-5 distinct codes.
		k := 1 + r.IntN(5)
		left := 10000
		for j := range k {
			code := bookable[r.IntN(len(bookable))]
			q := left
			if j < k-1 {
				q = r.IntN(left + 1)
			}
			left -= q
			if q == 0 {
				continue
			}
			i := slices.IndexFunc(person.Bookings, func(b model.Booking) bool { return b.Code == code })
			if i >= 0 {
				person.Bookings[i].Qty = person.Bookings[i].Qty.Add(decimal.New(int64(q), -2))
			} else {
				person.Bookings = append(person.Bookings, model.Booking{Code: code, Qty: decimal.New(int64(q), -2)})
			}
		}
		slices.SortFunc(person.Bookings, func(a, b model.Booking) int { return model.CompareCodes(a.Code, b.Code) })
		in.People = append(in.People, person)
	}
	for _, name := range []string{"mq", "pratiche"} {
		for range 1 + r.IntN(4) {
			d := model.DriverQty{Driver: name, Qty: decimal.NewFromInt(int64(r.IntN(500)))}
			if r.IntN(5) == 0 {
				d.Dest.Unit = units[r.IntN(len(units))]
			} else {
				d.Dest.Code = m.At(r.IntN(m.Len())).Code
			}
			in.Drivers = append(in.Drivers, d)
		}
	}
	drivers := []string{"", "", "", model.DriverFTE, model.DriverPersonale, "mq", "pratiche"}
	for l := range 1 + r.IntN(10) {
		line := model.LedgerLine{
			Conto:   fmt.Sprintf("%06d", 300000+l),
			Voce:    model.Voci()[r.IntN(model.NumVoci)].Key,
			Importo: decimal.New(r.Int64N(10000000)-1000000, -2),
			Pos:     model.Position{File: "contabilita.csv", Row: l + 2},
		}
		switch r.IntN(6) {
		case 0:
			line.Dest.Code = m.At(r.IntN(m.Len())).Code
		case 1:
			line.Dest.Unit = units[r.IntN(len(units))]
		default:
			line.Driver = drivers[r.IntN(len(drivers))]
		}
		in.Ledger = append(in.Ledger, line)
	}
	methods := model.Methods()
	in.Settings.Method = methods[r.IntN(len(methods))]
	if r.IntN(3) == 0 {
		in.Settings.SupportDrivers = []model.SupportDriver{{Tema: "B1", Driver: drivers[3+r.IntN(4)]}}
	}
	return in
}
