package costing

import (
	"fmt"
	"strings"

	"camcost/model"
)

// MinPeople is the fewest people whose pay may make up a node's personnel
// cost before a reader of the figures could work out one person's pay.
const MinPeople = 3

// FewPeopleNode is a node whose direct personnel cost comes from the pay of
// fewer than MinPeople people.
type FewPeopleNode struct {
	Code   model.Code
	People int
}

// FewPeople lists, in map order, the nodes whose direct personnel cost
// comes from the pay of one or two people: with the FTE beside it, such a
// figure tells a person's pay. The people of a node are those who booked
// time on it or below it; an attività also counts the people booked on its
// servizio, whose cost stage 4 moves down to it. Without a payroll the
// personnel cost follows FTE, not anyone's pay, and nothing is listed.
func (r *Result) FewPeople() []FewPeopleNode {
	if !r.Inputs.HasPayroll {
		return nil
	}
	m := r.Map
	count := make([]int, m.Len())
	seen := make([]int, m.Len()) // the last person counted on each node, +1
	mark := func(j, person int) {
		for ; j >= 0; j = m.ParentIndex(j) {
			if seen[j] == person+1 {
				return // its ancestors are marked already
			}
			seen[j] = person + 1
			count[j]++
		}
	}
	people := r.Inputs.People
	nodes, n := r.bookingNodes, 0
	for p := range people {
		n += len(people[p].Bookings)
	}
	if len(nodes) != n {
		nodes = make([]int32, 0, n)
		for p := range people {
			for _, b := range people[p].Bookings {
				j, ok := m.Index(b.Code)
				if !ok || b.Qty.IsZero() {
					j = -1
				}
				nodes = append(nodes, int32(j))
			}
		}
	}
	k := 0
	for p := range people {
		for range people[p].Bookings {
			j := int(nodes[k])
			k++
			if j < 0 {
				continue
			}
			mark(j, p)
			if m.At(j).Level == model.LevelServizio {
				for _, c := range m.ChildIndexes(j) {
					if m.At(c).Level == model.LevelAttivita {
						mark(c, p)
					}
				}
			}
		}
	}
	personale := model.CostIndex(model.Personale)
	var few []FewPeopleNode
	for i, n := range m.Nodes() {
		if count[i] > 0 && count[i] < MinPeople && !r.Nodes[i].Direct[personale].IsZero() {
			few = append(few, FewPeopleNode{Code: n.Code, People: count[i]})
		}
	}
	return few
}

// fewPeopleTop lists the nodes of FewPeople whose parent is not listed:
// the nodes below them are implied.
func (r *Result) fewPeopleTop() []FewPeopleNode {
	few := r.FewPeople()
	flagged := make(map[model.Code]bool, len(few))
	for _, f := range few {
		flagged[f.Code] = true
	}
	var top []FewPeopleNode
	for _, f := range few {
		if n, _ := r.Map.Node(f.Code); !flagged[n.Parent] {
			top = append(top, f)
		}
	}
	return top
}

// fewPeopleWarning tells the controller, before the workbooks circulate,
// which nodes show one or two people's pay.

// maxNamed is how many nodes a warning names before it counts the rest.
const maxNamed = 12

func fewPeopleWarning(r *Result) (model.Problem, bool) {
	top := r.fewPeopleTop()
	if len(top) == 0 {
		return model.Problem{}, false
	}
	var names []string
	for i, f := range top {
		if i == maxNamed {
			names = append(names, fmt.Sprintf("e altri %d", len(top)-maxNamed))
			break
		}
		names = append(names, fmt.Sprintf("%s (%d)", f.Code, f.People))
	}
	return model.Problem{Warning: true, Msg: fmt.Sprintf(
		"riservatezza: il costo del personale di %d nodi (e dei nodi sotto di essi) viene dalla retribuzione di una o due persone: "+
			"%s; dalle cartelle di lavoro, con gli FTE accanto, si ricava la retribuzione di una persona: "+
			"valutare prima di diffonderle (costs.csv e trace.csv restano per i revisori)",
		len(top), strings.Join(names, ", "))}, true
}
