package model

import (
	"strconv"

	"github.com/shopspring/decimal"
)

// The keys of the contesto table that camcost uses.
const (
	CtxEnte              = "ente"
	CtxAnno              = "anno"
	CtxImpreseAttive     = "imprese_attive"
	CtxImpreseRegistrate = "imprese_registrate"
	CtxCluster           = "cluster"
)

// Context is the contesto table: facts about the body and the year, read
// and checked once by inputs. A key that is not given, or is given with a
// blank value, leaves its field zero.
type Context struct {
	Ente string // the body's name
	Anno int    // the year, 1900 to 2100; 0 when not given
	// ImpreseAttive and ImpreseRegistrate are counts of firms.
	ImpreseAttive     Count
	ImpreseRegistrate Count
	Cluster           string // the size class the body declares, trimmed
	// Other are the keys camcost does not use, in input order: kept to be
	// shown with the rest.
	Other []ContextEntry
	// Keys are the keys of the table, known and other, in input order:
	// the order Entries shows them in. A known key given blank is listed.
	Keys []string
}

// Count is a count of the contesto table: when Given, Value is a whole
// number, zero or more, of scale 0 or more. Not given, it is zero.
type Count struct {
	Value decimal.Decimal
	Given bool
}

// ContextEntry is a key of the contesto table with its value as text.
type ContextEntry struct {
	Key   string
	Value string
	Pos   Position
}

// Entries lists the table as given, one entry per key of Keys: the known
// keys with their fields written back as text (blank when not given), the
// others as read. Only the entries of Other carry a position.
func (c Context) Entries() []ContextEntry {
	out := make([]ContextEntry, 0, len(c.Keys))
	for _, k := range c.Keys {
		e := ContextEntry{Key: k}
		switch k {
		case CtxEnte:
			e.Value = c.Ente
		case CtxAnno:
			if c.Anno != 0 {
				e.Value = strconv.Itoa(c.Anno)
			}
		case CtxImpreseAttive:
			e.Value = c.ImpreseAttive.text()
		case CtxImpreseRegistrate:
			e.Value = c.ImpreseRegistrate.text()
		case CtxCluster:
			e.Value = c.Cluster
		default:
			for _, o := range c.Other {
				if o.Key == k {
					e = o
					break
				}
			}
		}
		out = append(out, e)
	}
	return out
}

// text is the count written plainly (41250), blank when not given.
func (n Count) text() string {
	if !n.Given {
		return ""
	}
	return n.Value.String()
}
