package costing

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"unsafe"

	"github.com/shopspring/decimal"

	"camcost/model"
)

// TestStepLogRecords adds steps with amounts of every kind (int64 counts,
// counts beyond an int64, exponents beyond an int8, slow decimals),
// sources of every kind, with and without keys, to a stepLog, over more
// than one block, and checks that each yields them as the fields they
// were made from say.
func TestStepLogRecords(t *testing.T) {
	if got, want := unsafe.Sizeof(stepRec{}), uintptr(24); got != want {
		t.Errorf("stepRec takes %d bytes, want %d", got, want)
	}
	nodes := make([]model.Node, 50)
	for i := range nodes {
		nodes[i].Code = model.Code(fmt.Sprintf("N%d", i))
	}
	amounts := func(r *rand.Rand) amt {
		switch r.IntN(6) {
		case 0: // a count beyond an int64
			return amt{v: i128{hi: r.Int64N(1<<40) + 1, lo: r.Uint64()}, exp: -model.FlowPlaces}
		case 1: // a negative count beyond an int64
			return amt{v: i128{hi: -r.Int64N(1<<40) - 2, lo: r.Uint64()}, exp: -model.FlowPlaces}
		case 2: // slow
			return amt{slow: true, d: decimal.New(r.Int64(), -int32(r.IntN(30)))}
		case 3: // an exponent beyond an int8 (only zero has one)
			return amt{exp: int32(128 + r.IntN(3))}
		case 4: // zero
			return amt{}
		}
		// a count of 10^exp € at exp, as a count of 10^-FlowPlaces €: it
		// may or may not fit an int64
		exp := -r.IntN(model.FlowPlaces + 1)
		v, ok := i128of(r.Int64() >> r.IntN(63)).mulPow10(exp + model.FlowPlaces)
		if !ok {
			t.Fatal("count does not fit")
		}
		return amt{v: v, exp: int32(exp)}
	}
	// keys over random nodes, as the engine spreads on them
	keys := make([]*keyVec, 5)
	rk := rand.New(rand.NewPCG(32, 2))
	for n := range keys {
		keys[n] = &keyVec{}
		for range 1 + rk.IntN(20) {
			keys[n].add(rk.IntN(len(nodes)), decimal.New(1+rk.Int64N(1000), -int32(rk.IntN(5))))
		}
	}
	type added struct {
		line, node int
		target     int
		key, entry int // entry of keys[key], key -1 for none
		driver     string
		stage      uint8
		figure     Figure
		voce       int
		a          amt
	}
	r := rand.New(rand.NewPCG(32, 1))
	var l stepLog
	var want []added
	for range 2*traceBlock + 100 {
		w := added{line: -1, node: -1, target: r.IntN(len(nodes)), key: r.IntN(len(keys)+1) - 1, driver: fmt.Sprint("d", r.IntN(4)),
			stage: uint8(1 + r.IntN(5)), figure: Figure(r.IntN(int(numFigures))), voce: r.IntN(len(voci)), a: amounts(r)}
		var rec stepRec
		switch r.IntN(3) {
		case 0:
			w.node = r.IntN(len(nodes))
			rec = fromNode(w.node)
		case 1:
			w.line = r.IntN(1 << 20)
			rec = fromLine(w.line)
		default:
			rec = fromLine(-1)
		}
		rec.stage, rec.voce, rec.figure = w.stage, uint8(w.voce), w.figure
		if w.key >= 0 {
			k := keys[w.key]
			w.entry = r.IntN(len(k.idx))
			w.target = k.idx[w.entry]
			rec.kd, rec.entry = l.keyDriver(k, w.driver), int32(w.entry)
		} else {
			rec.kd, rec.entry = l.keyDriver(nil, w.driver), int32(w.target)
		}
		l.add(rec, w.a)
		want = append(want, w)
	}
	if got := l.n; got != len(want) {
		t.Fatalf("n = %d, want %d", got, len(want))
	}
	for _, units := range []bool{false, true} {
		i := 0
		l.each(nodes, units, func(s Step, c StepCodes) bool {
			w := want[i]
			wantAmount := w.a.d
			if !w.a.slow {
				wantAmount = w.a.decimal()
			}
			wantUnits, wantHas := int64(0), false
			if units && !w.a.slow {
				wantUnits, wantHas = w.a.v.int64()
			}
			gotAmount := s.Amount
			if c.HasUnits {
				gotAmount = decimal.New(c.Units, -model.FlowPlaces)
				if !s.Amount.IsZero() {
					t.Errorf("step %d: Amount %s beside units", i, s.Amount)
				}
			} else if s.Amount.Exponent() != wantAmount.Exponent() {
				t.Errorf("step %d: amount %s, want %s (same exponent)", i, s.Amount, wantAmount)
			}
			var wantNode model.Code
			if w.node >= 0 {
				wantNode = nodes[w.node].Code
			}
			if got := (Source{Line: w.line, Node: wantNode}); s.Source != got {
				t.Errorf("step %d: source %+v, want %+v", i, s.Source, got)
			}
			if !gotAmount.Equal(wantAmount) || c.Units != wantUnits || c.HasUnits != wantHas {
				t.Errorf("step %d (units %v): amount %s %+v, want %s units %d %v", i, units, s.Amount, c, wantAmount, wantUnits, wantHas)
			}
			if s.Target != nodes[w.target].Code || c.Target != int32(w.target) || s.Driver != w.driver ||
				s.Stage != w.stage || s.Figure != w.figure || s.Voce != voci[w.voce].Key {
				t.Errorf("step %d: %+v %+v, want %+v", i, s, c, w)
			}
			switch {
			case w.key < 0 && (s.HasKey || c.Key != -1 || c.Entry != 0):
				t.Errorf("step %d without key: %+v %+v", i, s, c)
			case w.key >= 0:
				k := keys[w.key]
				if !s.HasKey || !s.Key.Equal(k.q[w.entry]) || !s.Share.Equal(k.share(w.entry)) ||
					c.Key != l.keyIdx[k] || c.Entry != int32(w.entry) {
					t.Errorf("step %d with key %d entry %d: %+v %+v", i, w.key, w.entry, s, c)
				}
			}
			i++
			return true
		})
		if i != len(want) {
			t.Errorf("each yielded %d steps, want %d", i, len(want))
		}
	}
}
