// Package table is the output contract between analysis and the writers:
// an ordered list of typed columns and rows of cells produced on demand.
// Numbers carry their column's fixed number of decimals and are formatted
// by the writers straight into their buffers, so GeoJSON and CSV carry the
// same digits, reports are byte-for-byte reproducible, and a 100k-village
// report streams without being held in memory.
//
// Concurrency: a Table's Row function may keep state between calls; call
// it from one goroutine, rows in any order.
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
	Number             // JSON number
	Bool               // JSON true/false
)

// Column describes one output field. The unit lives in the name
// (`_m`, `_min`, `_share`), and again in Unit for documentation.
type Column struct {
	Name     string
	Kind     Kind
	Decimals int    // for Number columns: digits after the point; -1 shortest
	Unit     string // "m", "min", "people", "share", "" …
}

type cellKind uint8

const (
	null cellKind = iota
	text
	number
	boolean
	infinite // ±Inf given to Float: an overflow the writers refuse
)

// Cell is one value. The zero Cell is null: empty in CSV, null in JSON.
type Cell struct {
	s    string
	f    float64
	kind cellKind
	dec  int8
}

// Table is a header and Len rows produced by Row.
type Table struct {
	Columns []Column
	Len     int
	// Row appends the cells of row i (aligned with Columns) to dst[:0]
	// and returns the slice.
	Row func(i int, dst []Cell) []Cell
	// Concurrent says Row may be called from several goroutines at once
	// (it keeps no state), so writers may format rows in parallel.
	Concurrent bool
}

// FromRows builds a Table over materialised rows.
func FromRows(cols []Column, rows [][]Cell) Table {
	return Table{Columns: cols, Len: len(rows), Concurrent: true, Row: func(i int, dst []Cell) []Cell {
		return append(dst[:0], rows[i]...)
	}}
}

// NullCell is the missing value.
var NullCell = Cell{}

// Str returns a string cell; an empty string is a null cell.
func Str(s string) Cell {
	if s == "" {
		return NullCell
	}
	return Cell{s: s, kind: text}
}

// Float is v with a fixed number of decimals (-1: the shortest exact
// representation). NaN is null: the value is unknown. ±Inf is kept as an
// infinite cell, which the writers refuse with an error rather than write
// "+Inf" or silently drop: an infinite result is an overflow, a bug.
func Float(v float64, decimals int) Cell {
	if math.IsNaN(v) {
		return NullCell
	}
	if math.IsInf(v, 0) {
		return Cell{f: v, kind: infinite}
	}
	return Cell{f: v, kind: number, dec: int8(decimals)}
}

// Int is an integer cell.
func Int(v int) Cell { return Cell{f: float64(v), kind: number} }

// Boolean is a true/false cell.
func Boolean(v bool) Cell {
	c := Cell{kind: boolean}
	if v {
		c.f = 1
	}
	return c
}

// Null reports whether the cell is missing.
func (c Cell) Null() bool { return c.kind == null }

// Infinite reports whether the cell holds ±Inf (see Float); writers must
// refuse it. AppendText appends nothing for it.
func (c Cell) Infinite() bool { return c.kind == infinite }

// IsText reports whether the cell holds a string (JSON string).
func (c Cell) IsText() bool { return c.kind == text }

// AppendText appends the cell's text (CSV form; for numbers and booleans
// also the JSON literal) to b. Null appends nothing. Negative zero is
// written as zero so equal values give equal bytes. Unlike append, it
// may write into b's spare capacity beyond the text it appends (up to
// 16 bytes past len(b)): b must not share that room with data still
// needed.
func (c Cell) AppendText(b []byte) []byte {
	switch c.kind {
	case text:
		return append(b, c.s...)
	case boolean:
		return strconv.AppendBool(b, c.f != 0)
	case number:
		if c.dec <= 0 && c.f >= 0 && c.f < 1<<52 {
			// Whole numbers (counts, populations) without decimals or
			// at the shortest: the digits appendFixed would write, by
			// strconv's table. Below 2^52 the shortest digits of a
			// whole number are all of its digits: its neighbours are
			// at most 1/2 away, so no shorter string (fewer
			// significant digits, the rest zeros) rounds back to it.
			if u := uint64(c.f); float64(u) == c.f {
				return strconv.AppendUint(b, u, 10)
			}
		}
		n := len(b)
		b = appendFixed(b, c.f, int(c.dec))
		if math.Signbit(c.f) && isNegZero(b[n:]) {
			b = append(b[:n], b[n+1:]...)
		}
		return b
	}
	return b
}

// Text returns AppendText as a string.
func (c Cell) Text() string {
	if c.kind == text {
		return c.s
	}
	return string(c.AppendText(nil))
}

func isNegZero(s []byte) bool {
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
