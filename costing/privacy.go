package costing

import "camcost/model"

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
	for p, person := range r.Inputs.People {
		for _, b := range person.Bookings {
			j, ok := m.Index(b.Code)
			if !ok || b.Qty.IsZero() {
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
