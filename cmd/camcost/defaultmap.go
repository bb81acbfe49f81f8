package main

import (
	"camcost/model"
	"camcost/seeds"
)

// defaultMap returns the process map used when a run folder has no mappa
// table: the official map with the curated attività, embedded by package
// seeds. Package inputs does not import seeds; commands pass it this map.
func defaultMap() (*model.Map, error) { return seeds.Map() }
