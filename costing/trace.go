package costing

import (
	"math"

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
	pairs     []keyDriver // the key and driver of the records, by index
	pairIdx   map[keyDriverOf]int32
	last      keyDriverOf // the pair keyDriver returned last, lastPair
	lastPair  int32
	wide      []amt // amounts that do not fit a record (wideExp)
}

// keyDriver is the key of a step (index into stepLog.keys, -1 for none)
// and its driver (index into stepLog.drivers): the steps of a spread
// share them.
type keyDriver struct {
	key, driver int32
}

// keyDriverOf is a pair as the engine names it: one map lookup finds it.
type keyDriverOf struct {
	k *keyVec
	d string
}

// stepRec is a Step as the engine records it, in 24 bytes (each page of
// the trace is a fresh page to touch): nodes, voce, key and driver by
// index, the amount as an amt whose count of 10^-FlowPlaces € fits an
// int64 and whose exponent fits an int8; any other amount, slow ones
// included, goes to stepLog.wide and the record holds its index. The
// target of a step with a key is the key's node at entry.
type stepRec struct {
	amount int64 // the amt's v, or the index into stepLog.wide when exp is wideExp
	from   int32 // Source.Line when >= 0; -1 for none; node n as -2-n
	kd     int32 // index into stepLog.pairs
	entry  int32 // the target's entry in the key; the target for a step without key
	exp    int8
	stage  uint8
	figure Figure
	voce   uint8 // index into model.Voci()
}

// wideExp marks a record whose amount is in stepLog.wide; no amt has it
// as its exponent (they are -FlowPlaces or more).
const wideExp = math.MinInt8

const traceBlock = 1 << 13

// fromLine and fromNode return the part of a record that names its
// source: a ledger line (fromLine(-1) for none, the final rounding) or a
// node.
func fromLine(line int) stepRec { return stepRec{from: int32(line)} }
func fromNode(i int) stepRec    { return stepRec{from: -2 - int32(i)} }

// source returns the ledger line and the node of a record, -1 for none.
func (r *stepRec) source() (line, node int32) {
	if r.from >= -1 {
		return r.from, -1
	}
	return -1, -2 - r.from
}

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

// keyDriver returns the index of the pair of key k (nil for none) and
// driver d, for stepRec.kd.
func (l *stepLog) keyDriver(k *keyVec, d string) int32 {
	of := keyDriverOf{k, d}
	if of == l.last && l.pairIdx != nil {
		return l.lastPair // the steps of one kind come one after the other
	}
	if i, ok := l.pairIdx[of]; ok {
		l.last, l.lastPair = of, i
		return i
	}
	p := keyDriver{key: -1, driver: l.driver(d)}
	if k != nil {
		p.key = l.key(k)
	}
	if l.pairIdx == nil {
		l.pairIdx = make(map[keyDriverOf]int32)
	}
	i := int32(len(l.pairs))
	l.pairs = append(l.pairs, p)
	l.pairIdx[of] = i
	l.last, l.lastPair = of, i
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
	if v, ok := a.v.int64(); ok && !a.slow && a.exp > wideExp && a.exp <= math.MaxInt8 {
		r.amount, r.exp = v, int8(a.exp)
	} else {
		r.amount, r.exp = int64(len(l.wide)), wideExp
		l.wide = append(l.wide, a)
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
			kd := l.pairs[r.kd]
			u := StepCodes{Key: kd.key, Target: r.entry}
			s := Step{
				Stage:  r.stage,
				Voce:   voci[r.voce].Key,
				Figure: r.figure,
				Driver: l.drivers[kd.driver],
			}
			if kd.key >= 0 {
				kv := l.keys[kd.key]
				s.Key, s.Share, s.HasKey = kv.q[r.entry], kv.share(int(r.entry)), true
				u.Entry, u.Target = r.entry, int32(kv.idx[r.entry])
			}
			s.Target = nodes[u.Target].Code
			line, src := r.source()
			s.Source.Line = int(line)
			if src >= 0 {
				s.Source.Node = nodes[src].Code
			}
			a := amt{v: i128of(r.amount), exp: int32(r.exp)}
			if r.exp == wideExp {
				a = l.wide[r.amount]
			}
			switch {
			case a.slow:
				s.Amount = a.d
			case units:
				if u.Units, u.HasUnits = a.v.int64(); u.HasUnits {
					break
				}
				fallthrough
			default:
				s.Amount = a.decimal()
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
