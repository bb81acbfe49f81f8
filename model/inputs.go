package model

import (
	"github.com/shopspring/decimal"
)

// Matricola identifies a person of the staff.
type Matricola string

// TimeUnit tells how a time sheet measures time.
type TimeUnit uint8

// A time sheet gives either percentages of each person's time or hours.
const (
	Percent TimeUnit = iota
	Hours
)

func (u TimeUnit) String() string {
	if u == Hours {
		return "ore"
	}
	return "percentuale"
}

// Booking is the time one person booked on one node, summed over the rows
// and periods of the time sheet: percentage points or hours, as the sheet's
// TimeUnit says.
type Booking struct {
	Code Code
	Qty  decimal.Decimal
}

// Person is a member of the staff with the year's time and pay.
type Person struct {
	Matricola Matricola
	Qualifica string
	FTE       decimal.Decimal // contracted share of full time, 0 < FTE <= 1
	Mesi      decimal.Decimal // months in service, 0 < Mesi <= 12
	Unita     string          // organisational unit, may be empty
	Pay       decimal.Decimal // sum of the person's retribuzioni lines
	Bookings  []Booking       // in map order, one per code
	Pos       Position        // the person's row in personale
}

// Destination is where a ledger line or a driver quantity points: a node of
// the map or an organisational unit (unita:NAME). Both empty means none.
type Destination struct {
	Code Code
	Unit string
}

// IsZero reports whether no destination is given.
func (d Destination) IsZero() bool { return d.Code == "" && d.Unit == "" }

func (d Destination) String() string {
	if d.Unit != "" {
		return "unita:" + d.Unit
	}
	return string(d.Code)
}

// Driver names used by ledger lines besides those of the driver table.
const (
	DriverFTE       = "fte"
	DriverPersonale = "personale"
	// DriverAttivita is the driver table name whose quantities split a
	// servizio over its attività when nobody booked time on them.
	DriverAttivita = "attivita"
)

// LedgerLine is one line of the conto economico.
type LedgerLine struct {
	Conto       string
	Descrizione string
	Voce        Voce
	Importo     decimal.Decimal
	Dest        Destination
	Driver      string // "", fte, personale or a driver of the driver table
	Pos         Position
}

// DriverQty is a quantity of a named driver on a node or unit.
type DriverQty struct {
	Driver string
	Dest   Destination
	Qty    decimal.Decimal
	Pos    Position
}

// Volume is an output volume of a node, for unit costs.
type Volume struct {
	Code   Code
	Misura string
	Qty    decimal.Decimal
	Pos    Position
}

// InputFile is a file of the run folder that the run read.
type InputFile struct {
	Name   string   // path relative to the run folder, with forward slashes
	SHA256 string   // hex digest of the file's bytes
	Size   int64    // bytes
	Tables []string // the tables found in it
}

// Inputs is everything a run folder supplies, read and validated.
type Inputs struct {
	Map        *Map
	MapSource  string // "" for the embedded map, else the file holding mappa
	People     []Person
	HasPayroll bool // a retribuzioni table was given
	TimeUnit   TimeUnit
	Ledger     []LedgerLine
	Drivers    []DriverQty
	Volumes    []Volume
	Context    Context
	Settings   Settings
	Files      []InputFile // in name order
	Warnings   []Problem
	// Ignored lists the files of the folder that were not read. They are
	// not part of the run (its outputs do not mention them); the command
	// line shows them.
	Ignored []Problem
	// Hidden lists the sheets, and the rows of sheets, that Excel hides
	// and that were read all the same, as Excel's SUM counts them; each is
	// a warning too.
	Hidden []HiddenPart
}

// HiddenPart is a sheet read as a table, or rows of it, that Excel hides.
type HiddenPart struct {
	File  string
	Sheet string
	// SheetHidden tells that the whole sheet is hidden.
	SheetHidden bool
	// Rows are the hidden rows that hold data, as "5-9, 12"; "" for none.
	Rows string
}
