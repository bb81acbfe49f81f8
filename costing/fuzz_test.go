package costing

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/shopspring/decimal"

	"camcost/model"
)

// FuzzCompute decodes the fuzz bytes into validated inputs (a map, people
// and their time, ledger lines with every kind of key, drivers, the method
// and the support drivers), so that coverage can guide the fuzzer through
// the engine. Whatever the inputs, Compute either returns a list of
// problems or a result that conserves every voce to the cent, whose parents
// are the sums of their children, whose rows add up and whose trace sums to
// its figures.
func FuzzCompute(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte{1, 1, 0, 1, 1, 2, 3})
	for seed := range uint64(20) {
		r := rand.New(rand.NewPCG(seed, 11))
		b := make([]byte, 64+r.IntN(448))
		for i := range b {
			b[i] = byte(r.UintN(256))
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		in := fuzzInputs(data)
		res, err := Compute(in)
		if err != nil {
			var ps model.Problems
			if !errors.As(err, &ps) || len(ps) == 0 {
				t.Fatalf("error is not a list of problems: %v", err)
			}
			for _, p := range ps {
				if p.Msg == "" || p.Warning {
					t.Fatalf("problem %#v: want a message and no warning", p)
				}
			}
			return
		}
		if err := checkResult(res); err != nil {
			t.Fatal(err)
		}
		if err := checkFTE(res); err != nil {
			t.Fatal(err)
		}
		for _, w := range res.Warnings {
			if w.Msg == "" || !w.Warning {
				t.Fatalf("warning %#v: want a message and the warning mark", w)
			}
		}
	})
}

// checkFTE verifies that the FTE of the leaves add up to the staff's FTE,
// up to the last place of the rounding: every booking percentage sums to
// exactly 100 in fuzzInputs.
func checkFTE(res *Result) error {
	var leaves decimal.Decimal
	for i, n := range res.Map.Nodes() {
		if n.Bookable() && len(res.Map.ChildIndexes(i)) == 0 {
			leaves = leaves.Add(res.Nodes[i].FTE)
		}
	}
	if d := leaves.Sub(res.TotalFTE).Abs(); d.GreaterThan(decimal.New(1, -model.FTEPlaces)) {
		return fmt.Errorf("FTE of the leaves %s, of the staff %s", leaves, res.TotalFTE)
	}
	return nil
}

// fuzzData hands out the bytes of a fuzz input; past the end it gives
// zeros, so that every input decodes.
type fuzzData struct{ b []byte }

func (d *fuzzData) byte() byte {
	if len(d.b) == 0 {
		return 0
	}
	c := d.b[0]
	d.b = d.b[1:]
	return c
}

func (d *fuzzData) uint16() int { return int(d.byte())<<8 | int(d.byte()) }

// intn returns a number in [0, n), n > 0.
func (d *fuzzData) intn(n int) int { return d.uint16() % n }

func (d *fuzzData) bool() bool { return d.byte()&1 == 1 }

// fuzzInputs decodes inputs that pass validation: codes in the map, time
// booked on bookable nodes summing to 100% (or positive hours), units of
// the staff, non-negative driver quantities, amounts in cents.
func fuzzInputs(data []byte) *model.Inputs {
	d := &fuzzData{b: data}
	m := fuzzMap(d)
	var bookable []model.Code
	for _, n := range m.Nodes() {
		if n.Bookable() {
			bookable = append(bookable, n.Code)
		}
	}
	in := &model.Inputs{Map: m, Settings: model.DefaultSettings(), HasPayroll: d.bool(), TimeUnit: model.Percent}
	if d.bool() {
		in.TimeUnit = model.Hours
	}
	allUnits := []string{"Ragioneria", "Registro", "Promozione"}
	var units []string
	for p := range 1 + d.intn(8) {
		person := model.Person{
			Matricola: model.Matricola(fmt.Sprintf("M%02d", p)),
			FTE:       decimal.New(int64(1+d.intn(100)), -2),
			Mesi:      decimal.NewFromInt(int64(1 + d.intn(12))),
			Unita:     allUnits[d.intn(len(allUnits))],
			Pay:       decimal.New(int64(d.uint16())*int64(1+d.intn(100)), -2),
			Pos:       model.Position{File: "personale.csv", Row: p + 2},
		}
		if !slices.Contains(units, person.Unita) {
			units = append(units, person.Unita)
		}
		person.Bookings = fuzzBookings(d, bookable, in.TimeUnit)
		in.People = append(in.People, person)
	}
	drivers := []string{"mq", "pratiche", model.DriverAttivita}
	dest := func() model.Destination {
		if d.intn(5) == 0 {
			return model.Destination{Unit: units[d.intn(len(units))]}
		}
		return model.Destination{Code: m.At(d.intn(m.Len())).Code}
	}
	for n := range d.intn(10) {
		in.Drivers = append(in.Drivers, model.DriverQty{
			Driver: drivers[d.intn(len(drivers))],
			Dest:   dest(),
			Qty:    decimal.New(int64(d.intn(1000)), -int32(d.intn(3))),
			Pos:    model.Position{File: "driver.csv", Row: n + 2},
		})
	}
	keys := []string{"", "", model.DriverFTE, model.DriverPersonale, "mq", "pratiche", model.DriverAttivita}
	for l := range 1 + d.intn(16) {
		line := model.LedgerLine{
			Conto:   fmt.Sprintf("%06d", 300000+l),
			Voce:    model.Voci()[d.intn(model.NumVoci)].Key,
			Importo: decimal.New(int64(int16(d.uint16()))*int64(1+d.intn(300)), -2),
			Pos:     model.Position{File: "contabilita.csv", Row: l + 2},
		}
		switch d.intn(6) {
		case 0, 1:
			line.Dest = dest()
		default:
			line.Driver = keys[d.intn(len(keys))]
		}
		in.Ledger = append(in.Ledger, line)
	}
	methods := model.Methods()
	in.Settings.Method = methods[d.intn(len(methods))]
	for _, n := range m.Nodes() {
		if n.Level == model.LevelTema && isSupportMacro(n.Code[:1]) && d.intn(3) == 0 {
			in.Settings.SupportDrivers = append(in.Settings.SupportDrivers,
				model.SupportDriver{Tema: n.Code, Driver: keys[2+d.intn(len(keys)-3)]})
		}
	}
	return in
}

// fuzzMap decodes a map with support macro funzioni A and B and receiving
// C and D: one or two temi each, with or without a coordinamento node; one
// or two funzioni a tema, with or without a formazione node; one to three
// servizi a funzione, with up to three attività.
func fuzzMap(d *fuzzData) *model.Map {
	var nodes []model.Node
	add := func(code model.Code, l model.Level, k model.Kind, parent model.Code) {
		nodes = append(nodes, model.Node{Code: code, Level: l, Kind: k, Parent: parent, Name: "nodo " + string(code)})
	}
	for _, macro := range []model.Code{"A", "B", "C", "D"} {
		add(macro, model.LevelMacro, model.KindRegular, "")
		for t := range 1 + d.intn(2) {
			tema := model.Code(fmt.Sprintf("%s%d", macro, t+1))
			add(tema, model.LevelTema, model.KindRegular, macro)
			if d.bool() {
				add(tema+".C", model.LevelFunzione, model.KindCoordinamento, tema)
			}
			for f := range 1 + d.intn(2) {
				fun := model.Code(fmt.Sprintf("%s.%d", tema, f+1))
				add(fun, model.LevelFunzione, model.KindRegular, tema)
				if d.bool() {
					add(fun+".F", model.LevelServizio, model.KindFormazione, fun)
				}
				for s := range 1 + d.intn(3) {
					ser := model.Code(fmt.Sprintf("%s.%d", fun, s+1))
					add(ser, model.LevelServizio, model.KindRegular, fun)
					for a := range d.intn(4) {
						add(model.Code(fmt.Sprintf("%s.%d", ser, a+1)), model.LevelAttivita, model.KindRegular, ser)
					}
				}
			}
		}
	}
	m, err := model.NewMap(nodes)
	if err != nil {
		panic(err) // the codes above are always a valid map
	}
	return m
}

// fuzzBookings decodes the time of one person: one to four codes, with
// percentages summing to exactly 100 or hours summing to more than zero.
func fuzzBookings(d *fuzzData, bookable []model.Code, unit model.TimeUnit) []model.Booking {
	var out []model.Booking
	left := 10000 // hundredths of a percent
	k := 1 + d.intn(4)
	for j := range k {
		code := bookable[d.intn(len(bookable))]
		var q decimal.Decimal
		switch {
		case unit == model.Hours:
			q = decimal.New(int64(d.intn(2000)), -1)
			if j == k-1 && !slices.ContainsFunc(out, func(b model.Booking) bool { return !b.Qty.IsZero() }) && q.IsZero() {
				q = decimal.NewFromInt(1)
			}
		case j == k-1:
			q = decimal.New(int64(left), -2)
		default:
			n := d.intn(left + 1)
			left -= n
			q = decimal.New(int64(n), -2)
		}
		if i := slices.IndexFunc(out, func(b model.Booking) bool { return b.Code == code }); i >= 0 {
			out[i].Qty = out[i].Qty.Add(q)
			continue
		}
		out = append(out, model.Booking{Code: code, Qty: q})
	}
	slices.SortFunc(out, func(a, b model.Booking) int { return model.CompareCodes(a.Code, b.Code) })
	return out
}
