package generate

import (
	"math/rand/v2"
	"slices"
	"strconv"
)

// Grades of the staff (qualifica).
type grade uint8

const (
	gradeDirigente grade = iota
	gradeD
	gradeC
	gradeB
)

var gradeNames = [...]string{"Dirigente", "D", "C", "B"}

// booking is one code of a person's time sheet: a node and its share in
// tenths of a percent (1000 = the whole year).
type booking struct {
	node   int
	tenths int64
	role   role
}

// role tells how a code came into a person's time sheet; it sets its share.
type role uint8

const (
	roleMain   role = iota // a servizio (or attività) the person covers
	roleExtra              // some more work
	roleFormaz             // training
	roleCoord              // coordinamento
)

// person is one member of the staff, rebuilt in place for each person so a
// body of any size takes constant memory.
type person struct {
	matricola  string
	grade      grade
	fte        int64 // ten-thousandths: 10000 is full time
	mesi       int
	firstMonth int // 1-12
	unit       int
	codes      []booking // map order once complete
	pay        [numPayItems]int64
}

// matricole hands out person ids: distinct six-digit numbers in an order
// that looks random (an affine permutation of the sequence).
type matricole struct {
	n, a, c, step int64
}

func newMatricole(n int, r *rand.Rand) matricole {
	m := matricole{n: int64(n)}
	m.a = between(r, int64(n)/3+1, int64(n)/2+2)
	for gcd(m.a, m.n) != 1 {
		m.a++
	}
	m.c = r.Int64N(m.n)
	m.step = max(1, min(7, 800000/m.n))
	return m
}

func (m matricole) id(i int, r *rand.Rand) string {
	p := (m.a*int64(i) + m.c) % m.n
	return strconv.FormatInt(100000+p*m.step+r.Int64N(m.step), 10)
}

func gcd(a, b int64) int64 {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

// personGen makes the people of one body, one at a time.
type personGen struct {
	s   *shape
	o   *org
	r   *rand.Rand
	ids matricole
	p   person
}

// make fills g.p with person number i of the body: a dirigente (d >= 0) or
// the j-th member of unit u.
func (g *personGen) make(i, u, j, d int) *person {
	p, r := &g.p, g.r
	p.matricola = g.ids.id(i, r)
	p.unit = u
	p.codes = p.codes[:0]
	un := &g.o.units[u]
	head := d < 0 && j == 0 && un.staff >= 3

	switch {
	case d >= 0:
		p.grade = gradeDirigente
	case head:
		p.grade = gradeD
	default:
		switch x := r.IntN(100); {
		case x < 19:
			p.grade = gradeD
		case x < 80:
			p.grade = gradeC
		default:
			p.grade = gradeB
		}
	}
	p.fte = 10000
	if p.grade != gradeDirigente && r.IntN(100) < 14 {
		p.fte = [...]int64{5000, 5556, 6667, 8333, 8333}[r.IntN(5)]
	}
	p.mesi, p.firstMonth = 12, 1
	if r.IntN(100) < 8 {
		p.mesi = int(between(r, 3, 11))
		if r.IntN(2) == 0 {
			p.firstMonth = 13 - p.mesi // hired during the year
		}
	}

	if d >= 0 {
		g.dirigenteCodes(d)
	} else {
		g.staffCodes(un, j, head)
	}
	g.shares()
	g.payroll(d == 0)
	return p
}

func (p *person) has(ro role) bool {
	return slices.ContainsFunc(p.codes, func(b booking) bool { return b.role == ro })
}

func (g *personGen) add(node int, ro role) bool {
	if node < 0 || slices.ContainsFunc(g.p.codes, func(b booking) bool { return b.node == node }) {
		return false
	}
	g.p.codes = append(g.p.codes, booking{node: node, role: ro})
	return true
}

// dirigenteCodes: the coordinamento nodes of up to four of the dirigente's
// temas (the largest) and one servizio of their unit.
func (g *personGen) dirigenteCodes(d int) {
	s, dir := g.s, g.o.dirigenti[d]
	temas := slices.Clone(dir.temas)
	slices.SortStableFunc(temas, func(a, b int) int { return len(s.temaServizi[b]) - len(s.temaServizi[a]) })
	for _, t := range temas {
		if len(g.p.codes) == 4 {
			break
		}
		g.add(s.coord[t], roleCoord)
	}
	un := g.o.units[dir.unit]
	for _, sv := range un.servizi {
		if slices.Contains(dir.temas, s.tema[sv]) && g.add(sv, roleMain) {
			break
		}
	}
	// Temas without coordinamento nodes: their largest servizi instead.
	for _, t := range temas {
		if len(g.p.codes) >= 3 {
			break
		}
		if s.coord[t] < 0 {
			g.add(s.temaServizi[t][0], roleMain)
		}
	}
}

// staffCodes: the servizi of the unit this person covers (servizi j, j+n,
// j+2n, ... of the unit's n people, so every servizio has someone), a
// coordinamento node for the head of unit, then a few more codes.
func (g *personGen) staffCodes(un *unit, j int, head bool) {
	s, r := g.s, g.r
	n, sv := un.staff, un.servizi
	if n >= len(sv) {
		g.addMain(sv[j%len(sv)])
	} else {
		for k := j; k < len(sv); k += n {
			g.addMain(sv[k])
		}
	}
	if head && s.hasServizi(un.mainTema) {
		g.add(s.coord[un.mainTema], roleCoord)
	}
	want := len(g.p.codes)
	switch x := r.IntN(100); {
	case x < 18:
		want = max(want, 1)
	case x < 48:
		want = max(want, 2)
	case x < 74:
		want = max(want, 3)
	case x < 89:
		want = max(want, 4)
	case x < 97:
		want = max(want, 5)
	default:
		want = max(want, 6)
	}
	first := g.p.codes[0].node
	for try := 0; len(g.p.codes) < want && try < 20; try++ {
		switch x := r.IntN(100); {
		case x < 25:
			// Training on the funzione of the main servizio.
			if !g.p.has(roleFormaz) {
				if f := s.formaz[s.funzione[first]]; f >= 0 {
					g.add(f, roleFormaz)
				}
			}
		case x < 40:
			// An attività of one of the person's servizi.
			b := g.p.codes[r.IntN(len(g.p.codes))].node
			if a := s.attivita[b]; len(a) > 0 {
				g.add(a[r.IntN(len(a))], roleExtra)
			}
		case x < 92:
			g.add(sv[r.IntN(len(sv))], roleExtra)
		default:
			// Some help to another unit.
			o := g.o.units[r.IntN(len(g.o.units))]
			g.add(o.servizi[r.IntN(len(o.servizi))], roleExtra)
		}
	}
}

// addMain books a servizio the person covers, sometimes as one of its
// attività instead (time on an attività counts within its servizio).
func (g *personGen) addMain(sv int) {
	if a := g.s.attivita[sv]; len(a) > 1 && g.r.IntN(100) < 12 {
		g.add(a[g.r.IntN(len(a))], roleMain)
		return
	}
	g.add(sv, roleMain)
}

// shares gives each code its percentage, summing to exactly 100: integers for
// most people, one decimal for some.
func (g *personGen) shares() {
	p, r := &g.p, g.r
	unit := int64(10) // tenths per step: whole percent
	if r.IntN(100) < 20 {
		unit = 1
	}
	fixed := int64(0)
	weights := make([]int64, len(p.codes))
	var free []int
	nCoord := 0
	for _, b := range p.codes {
		if b.role == roleCoord {
			nCoord++
		}
	}
	for k, b := range p.codes {
		switch ro := b.role; {
		case ro == roleFormaz:
			p.codes[k].tenths = between(r, 10, 40) / unit * unit
			fixed += p.codes[k].tenths
		case ro == roleCoord && p.grade != gradeDirigente:
			p.codes[k].tenths = between(r, 100, 250) / unit * unit
			fixed += p.codes[k].tenths
		default:
			switch ro {
			case roleCoord:
				weights[k] = between(r, 60, 140) * 3 / int64(max(1, nCoord))
			case roleMain:
				weights[k] = between(r, 60, 140)
				if k == 0 {
					weights[k] *= 2
				}
			default:
				weights[k] = between(r, 15, 60)
			}
			free = append(free, k)
		}
	}
	if len(free) == 0 {
		// Only fixed shares: the first takes what is left.
		p.codes[0].tenths += 1000 - fixed
	} else {
		steps := (1000-fixed)/unit - int64(len(free))
		w := make([]int64, len(free))
		for i, k := range free {
			w[i] = weights[k]
		}
		for i, extra := range largestRemainder(steps, w) {
			p.codes[free[i]].tenths = (1 + extra) * unit
		}
	}
	// Map order, as a time sheet export lists them.
	slices.SortFunc(p.codes, func(a, b booking) int { return a.node - b.node })
}

// payroll fills the pay items of the person, prorated by fte and months.
// Levels are yearly full-time euro by grade; oneri sociali 25.2-26.8%, IRAP
// 8.5% and TFR 6.91% are computed on the pay.
func (g *personGen) payroll(segretario bool) {
	p, r := &g.p, g.r
	clear(p.pay[:])
	prorate := func(euro int64) int64 {
		return mulDiv(euro*100, p.fte*int64(p.mesi), 10000*12)
	}
	switch p.grade {
	case gradeDirigente:
		p.pay[payTabellare] = prorate(45260)
		pos := between(r, 32000, 48000)
		if segretario {
			pos = between(r, 62000, 76000)
		}
		p.pay[payPosizione] = prorate(pos)
		p.pay[payRisultato] = prorate(pos * between(r, 200, 250) / 1000)
	case gradeD:
		p.pay[payTabellare] = prorate(between(r, 25600, 30400))
		p.pay[payAccessorio] = prorate(between(r, 4400, 7600))
	case gradeC:
		p.pay[payTabellare] = prorate(between(r, 22700, 25100))
		p.pay[payAccessorio] = prorate(between(r, 3600, 6000))
	case gradeB:
		p.pay[payTabellare] = prorate(between(r, 19800, 21700))
		p.pay[payAccessorio] = prorate(between(r, 2800, 4400))
	}
	if p.has(roleCoord) && p.grade != gradeDirigente {
		p.pay[payPO] = prorate(between(r, 9000, 16000))
	}
	gross := p.pay[payTabellare] + p.pay[payAccessorio] + p.pay[payPO] + p.pay[payPosizione] + p.pay[payRisultato]
	p.pay[payOneri] = mulDiv(gross, between(r, 2520, 2680), 10000)
	p.pay[payTFR] = mulDiv(p.pay[payTabellare], 691, 10000)
	p.pay[payIRAP] = mulDiv(gross, 85, 1000)
}
