package main

import (
	"camcost/model"
	"camcost/seeds"
)

// defaultMap returns the process map used when a run folder has no mappa
// table: the official map embedded in the binary, with its curated attività.
func defaultMap() (*model.Map, error) { return seeds.Map() }
