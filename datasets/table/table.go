// Package table is the output contract between analysis and the writers:
// an ordered list of typed columns and rows of pre-formatted cells. Numbers
// are formatted once, here, with a fixed number of decimals per column, so
// the GeoJSON and CSV outputs carry the same digits and are byte-for-byte
// reproducible.
//
// Concurrency: a Table is plain data; build it in one goroutine.
package table

import (
	"math"
	"strconv"
)

// Kind is the JSON type a column's cells take in GeoJSON properties.
type Kind uint8

// Column kinds.
const (
	String Kind = iota // JSON string
	Number             // JSON number (formatted with Column.Decimals)
	Bool               // JSON true/false
)

// Column describes one output field. The unit lives in the name
// (`_m`, `_min`, `_share`), and again in Unit for documentation.
type Column struct {
	Name     string
	Kind     Kind
	Decimals int    // for Number columns: digits after the point
	Unit     string // "m", "min", "people", "share", "" …
}

// Cell is one value: Text is what CSV shows and, for Number and Bool
// columns, the JSON literal. Null cells are empty in CSV and null in JSON.
type Cell struct {
	Text string
	Null bool
}

// Table is a header and rows of cells aligned with it.
type Table struct {
	Columns []Column
	Rows    [][]Cell
}

// NullCell is the missing value.
var NullCell = Cell{Null: true}

// Str returns a string cell; an empty string is a null cell.
func Str(s string) Cell {
	if s == "" {
		return NullCell
	}
	return Cell{Text: s}
}

// Float formats v with a fixed number of decimals; NaN and ±Inf are null.
// Negative zero is written as zero so equal values give equal bytes.
func Float(v float64, decimals int) Cell {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return NullCell
	}
	s := strconv.FormatFloat(v, 'f', decimals, 64)
	if isNegZero(s) {
		s = s[1:]
	}
	return Cell{Text: s}
}

// Int formats an integer.
func Int(v int) Cell { return Cell{Text: strconv.Itoa(v)} }

// Boolean formats a boolean as true/false.
func Boolean(v bool) Cell { return Cell{Text: strconv.FormatBool(v)} }

func isNegZero(s string) bool {
	if len(s) < 2 || s[0] != '-' {
		return false
	}
	for _, c := range s[1:] {
		if c != '0' && c != '.' {
			return false
		}
	}
	return true
}

// Index returns the position of the named column, or -1.
func (t *Table) Index(name string) int {
	for i, c := range t.Columns {
		if c.Name == name {
			return i
		}
	}
	return -1
}
