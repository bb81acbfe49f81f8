package main

import (
	"errors"

	"camcost/model"
)

// defaultMap returns the process map used when a run folder has no mappa table.
func defaultMap() (*model.Map, error) {
	return nil, errors.New("mappa predefinita non disponibile")
}
