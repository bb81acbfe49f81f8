package costing

import (
	"testing"

	"camcost/model"
	"camcost/seeds"
)

// TestFewPeople checks FewPeople against a plain computation with sets on a
// generated chamber: a small one, where many servizi are worked by one or
// two people.
func TestFewPeople(t *testing.T) {
	m, err := seeds.Map()
	if err != nil {
		t.Fatal(err)
	}
	in := generated(t, m, 150)
	res, err := Compute(in)
	if err != nil {
		t.Fatal(err)
	}
	// people[i] is the set of people whose pay can reach node i's direct
	// personnel cost.
	people := make([]map[model.Matricola]bool, m.Len())
	for i := range people {
		people[i] = map[model.Matricola]bool{}
	}
	for _, p := range in.People {
		for _, b := range p.Bookings {
			if b.Qty.IsZero() {
				continue
			}
			j, _ := m.Index(b.Code)
			targets := []int{j}
			if m.At(j).Level == model.LevelServizio {
				targets = append(targets, m.ChildIndexes(j)...)
			}
			for _, k := range targets {
				for a := k; a >= 0; a = m.ParentIndex(a) {
					people[a][p.Matricola] = true
				}
			}
		}
	}
	var want []FewPeopleNode
	personale := model.CostIndex(model.Personale)
	for i, n := range m.Nodes() {
		if c := len(people[i]); c > 0 && c < MinPeople && !res.Nodes[i].Direct[personale].IsZero() {
			want = append(want, FewPeopleNode{n.Code, c})
		}
	}
	if len(want) == 0 {
		t.Fatal("the generated chamber has no node worked by fewer than three people: the test proves nothing")
	}
	// With the nodes Compute looked up, and without them (a Result built
	// otherwise).
	lookedUp := res.bookingNodes
	for _, nodes := range [][]int32{lookedUp, nil} {
		res.bookingNodes = nodes
		got := res.FewPeople()
		if len(got) != len(want) {
			t.Fatalf("FewPeople() lists %d nodes, want %d:\ngot  %v\nwant %v", len(got), len(want), got, want)
		}
		for i := range want {
			if got[i] != want[i] {
				t.Errorf("FewPeople()[%d] = %v, want %v", i, got[i], want[i])
			}
		}
	}
	if lookedUp == nil {
		t.Error("Compute left no booking nodes for FewPeople")
	}

	// Without a payroll no figure is anyone's pay.
	noPay := *in
	noPay.HasPayroll = false
	res.Inputs = &noPay
	if got := res.FewPeople(); got != nil {
		t.Errorf("without payroll FewPeople() = %v, want none", got)
	}
}
