package generate

import "math/rand/v2"

// peopleStats is what the ledger needs to know about the people once they
// are written: the payroll totals and where time was booked.
type peopleStats struct {
	people    int
	headcount []int // per unit, dirigenti included
	pay       [numPayItems]int64
	booked    []bool // per node: someone booked time on it
	tempiRows int64
}

// writePeople streams personale, retribuzioni and tempi, one person at a
// time: memory does not grow with the staff or the time sheet.
func writePeople(s *shape, o *org, cfg Config, b body, out sink) (*peopleStats, error) {
	personale, err := out.table("personale", colsPersonale)
	if err != nil {
		return nil, err
	}
	retribuzioni, err := out.table("retribuzioni", colsRetribuzioni)
	if err != nil {
		return nil, err
	}
	cols := colsTempiPct
	if cfg.Daily {
		cols = colsTempiOre
	}
	tempi, err := out.table("tempi", cols)
	if err != nil {
		return nil, err
	}
	st := &peopleStats{headcount: make([]int, len(o.units)), booked: make([]bool, s.m.Len())}
	total := b.people
	gen := &personGen{s: s, o: o, r: rng(cfg, b.index, streamPeople)}
	gen.ids = newMatricole(total, gen.r)
	hours := &hoursGen{r: rng(cfg, b.index, streamHours)}
	rowP := make([]cell, len(colsPersonale))
	rowR := make([]cell, len(colsRetribuzioni))
	rowT := make([]cell, len(cols))

	emit := func(p *person) error {
		st.people++
		st.headcount[p.unit]++
		rowP[0], rowP[1], rowP[2], rowP[3], rowP[4] = text(p.matricola), text(gradeNames[p.grade]),
			number(p.fte, 4), number(int64(p.mesi), 0), text(o.units[p.unit].name)
		if err := personale.row(rowP); err != nil {
			return err
		}
		for k, amount := range p.pay {
			if amount == 0 {
				continue
			}
			st.pay[k] += amount
			rowR[0], rowR[1], rowR[2] = text(p.matricola), text(payItems[k].voce), money(amount)
			if err := retribuzioni.row(rowR); err != nil {
				return err
			}
		}
		for _, c := range p.codes {
			st.booked[c.node] = true
		}
		if !cfg.Daily {
			for _, c := range p.codes {
				rowT[0], rowT[1], rowT[2] = text(p.matricola), text(string(s.codes[c.node])), number(c.tenths, 1)
				if err := tempi.row(rowT); err != nil {
					return err
				}
				st.tempiRows++
			}
			return nil
		}
		for m := p.firstMonth; m < p.firstMonth+p.mesi; m++ {
			for _, h := range hours.month(p, m == p.firstMonth) {
				rowT[0], rowT[1], rowT[2], rowT[3] = text(p.matricola), text(string(s.codes[h.node])), number(h.tenths, 1), number(int64(m), 0)
				if err := tempi.row(rowT); err != nil {
					return err
				}
				st.tempiRows++
			}
		}
		return nil
	}

	i := 0
	for u, un := range o.units {
		for _, d := range un.dirigenti {
			if err := emit(gen.make(i, u, 0, d)); err != nil {
				return nil, err
			}
			i++
		}
		for j := range un.staff {
			if err := emit(gen.make(i, u, j, -1)); err != nil {
				return nil, err
			}
			i++
		}
	}
	for _, t := range []table{personale, retribuzioni, tempi} {
		if err := t.close(); err != nil {
			return nil, err
		}
	}
	return st, nil
}

// hoursGen turns a person's yearly shares into a time sheet in hours: each
// month of service 6-11 rows (every code in the first month), each row a
// few hours on a code drawn by its share, in half hours.
type hoursGen struct {
	r    *rand.Rand
	rows []hourRow
}

type hourRow struct {
	node   int
	tenths int64 // hours in tenths
}

// monthHours is the working time of a full-time month, in tenths of an hour.
const monthHours = 1300

func (h *hoursGen) month(p *person, first bool) []hourRow {
	n := 6 + h.r.Int64N(6)
	if first {
		n = max(n, int64(len(p.codes)))
	}
	mean := monthHours * p.fte / 10000 / n
	h.rows = h.rows[:0]
	for k := range n {
		var node int
		if first && k < int64(len(p.codes)) {
			node = p.codes[k].node
		} else {
			x := h.r.Int64N(1000)
			node = p.codes[len(p.codes)-1].node
			for _, c := range p.codes {
				if x < c.tenths {
					node = c.node
					break
				}
				x -= c.tenths
			}
		}
		t := mean * (60 + h.r.Int64N(81)) / 100
		t = max(5, (t+2)/5*5)
		h.rows = append(h.rows, hourRow{node, t})
	}
	// By code within the month, as a time sheet export sorts them.
	for i := 1; i < len(h.rows); i++ {
		for j := i; j > 0 && h.rows[j].node < h.rows[j-1].node; j-- {
			h.rows[j], h.rows[j-1] = h.rows[j-1], h.rows[j]
		}
	}
	return h.rows
}
