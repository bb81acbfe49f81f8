package model

import "github.com/shopspring/decimal"

// The scales of the numbers camcost reports and carries. Money is always a
// decimal.Decimal; these are the only places its precision is chosen.
const (
	// CentPlaces is the scale of reported euro amounts.
	CentPlaces = 2
	// FTEPlaces is the scale of reported FTE.
	FTEPlaces = 4
	// FlowPlaces is the scale of amounts while they move between nodes:
	// each split is rounded to it and its last part takes the remainder,
	// so every split conserves its amount exactly.
	FlowPlaces = 12
	// SharePlaces is the scale of shares and keys that are quotients.
	SharePlaces = 16
)

// Hundred and Twelve are the constants of the FTE and share formulas.
var (
	Hundred = decimal.NewFromInt(100)
	Twelve  = decimal.NewFromInt(12)
)

// Euro formats an amount as reported: two places, dot decimal separator.
func Euro(d decimal.Decimal) string { return d.StringFixed(CentPlaces) }

// FTEString formats an FTE figure as reported: four places.
func FTEString(d decimal.Decimal) string { return d.StringFixed(FTEPlaces) }
