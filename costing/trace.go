package costing

import (
	"github.com/shopspring/decimal"

	"camcost/model"
)

// stepLog gathers the trace as compact records without pointers, in
// blocks of traceBlock (append would copy a large slice over and over),
// and the Result keeps it: a Step with its strings and decimals is more
// than twice the size of a record, and the garbage collector scans it, so
// Steps are made one at a time as the trace is read (Result.Steps).
type stepLog struct {
	full [][]stepRec
	cur  []stepRec
	n    int

	keys      []*keyVec // the keys of the records, by index
	keyIdx    map[*keyVec]int32
	drivers   []string // the drivers of the records, by index
	driverIdx map[string]int32
	slow      []decimal.Decimal // amounts that are not fixed point
}

// stepRec is a Step as the engine records it: nodes, voce, key and driver
// by index, the amount as an amt without its decimal.
type stepRec struct {
	amount i128
	exp    int32
	slow   int32 // 1 + index into stepLog.slow when the amount is slow
	line   int32 // Source.Line
	source int32 // node of Source.Node, -1 for none
	target int32
	key    int32 // index into stepLog.keys, -1 for a step without key
	entry  int32 // the target's entry in the key
	driver int32 // index into stepLog.drivers
	stage  uint8
	figure Figure
	voce   uint8 // index into model.Voci()
}

const traceBlock = 1 << 13

// fromLine and fromNode return the part of a record that names its
// source: a ledger line (fromLine(-1) for none, the final rounding) or a
// node.
func fromLine(line int) stepRec { return stepRec{line: int32(line), source: -1, key: -1} }
func fromNode(i int) stepRec    { return stepRec{line: -1, source: int32(i), key: -1} }

// driver returns the index of driver d.
func (l *stepLog) driver(d string) int32 {
	if i, ok := l.driverIdx[d]; ok {
		return i
	}
	if l.driverIdx == nil {
		l.driverIdx = make(map[string]int32)
	}
	i := int32(len(l.drivers))
	l.drivers = append(l.drivers, d)
	l.driverIdx[d] = i
	return i
}

// key returns an index of key k. The Steps take their Key and Share from
// k when steps writes them: k must not change afterwards.
func (l *stepLog) key(k *keyVec) int32 {
	if i, ok := l.keyIdx[k]; ok {
		return i
	}
	if l.keyIdx == nil {
		l.keyIdx = make(map[*keyVec]int32)
	}
	i := int32(len(l.keys))
	l.keys = append(l.keys, k)
	l.keyIdx[k] = i
	return i
}

// add records r with amount a.
func (l *stepLog) add(r stepRec, a amt) {
	if a.slow {
		l.slow = append(l.slow, a.d)
		r.slow = int32(len(l.slow))
	} else {
		r.amount, r.exp = a.v, a.exp
	}
	if len(l.cur) == cap(l.cur) {
		if l.cur != nil {
			l.full = append(l.full, l.cur)
		}
		l.cur = make([]stepRec, 0, traceBlock)
	}
	l.cur = append(l.cur, r)
	l.n++
}

// seal computes the shares of every recorded key, so that reading the
// trace afterwards changes nothing and may run on several goroutines.
func (l *stepLog) seal() {
	for _, k := range l.keys {
		if len(k.q) > 0 {
			k.share(0)
		}
	}
}

// each calls yield with every step in the order added, until it returns
// false. With units, an amount that fits in an int64 count of
// 10^-FlowPlaces € comes as that count and Amount stays zero.
func (l *stepLog) each(nodes []model.Node, units bool, yield func(Step, StepCodes) bool) {
	write := func(recs []stepRec) bool {
		for _, r := range recs {
			s := Step{
				Stage:  r.stage,
				Target: nodes[r.target].Code,
				Voce:   voci[r.voce].Key,
				Figure: r.figure,
				Driver: l.drivers[r.driver],
			}
			s.Source.Line = int(r.line)
			if r.source >= 0 {
				s.Source.Node = nodes[r.source].Code
			}
			if r.key >= 0 {
				kv := l.keys[r.key]
				s.Key, s.Share, s.HasKey = kv.q[r.entry], kv.share(int(r.entry)), true
			}
			u := StepCodes{Key: r.key, Entry: r.entry, Target: r.target}
			switch {
			case r.slow > 0:
				s.Amount = l.slow[r.slow-1]
			case units:
				if u.Units, u.HasUnits = r.amount.int64(); u.HasUnits {
					break
				}
				fallthrough
			default:
				s.Amount = amt{v: r.amount, exp: r.exp}.decimal()
			}
			if !yield(s, u) {
				return false
			}
		}
		return true
	}
	for _, b := range l.full {
		if !write(b) {
			return
		}
	}
	write(l.cur)
}
