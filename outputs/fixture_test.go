package outputs

import "camcost/costing"

// The fixture chamber the tests write is camcost/internal/fixture, which
// the tests of indicators cost too.

// fixtureInfo is the RunInfo of a fixture result, as a run derives it.
func fixtureInfo(res *costing.Result) RunInfo { return NewRunInfo(res, "esempio") }
