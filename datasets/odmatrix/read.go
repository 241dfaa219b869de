package odmatrix

import (
	"cmp"
	"fmt"
	"io"
	"slices"

	"github.com/partons/partons/datasets"
)

// Column names of the three tables.
const (
	ColOrigin      = "origin_id"
	ColDestination = "destination_id"
	ColCost        = "cost"
	ColID          = "id"
	ColPopulation  = "population"
	ColCapacity    = "capacity"
)

// Matrix is a sparse origin–destination cost matrix: only the pairs listed
// in the file, in file order. A pair that is not listed is unreachable.
type Matrix struct {
	Source       string   // the source name given to ReadOD, for messages
	Origins      []string // origin ids in first-seen order
	Destinations []string // destination ids in first-seen order
	Pairs        []Pair
	Lines        []int32 // Lines[k] is the 1-based file line of Pairs[k]
}

// Pair is one listed (origin, destination) cost.
type Pair struct {
	O, D int32   // indexes into Matrix.Origins / Matrix.Destinations
	Cost float64 // finite, >= 0, in the file's unit
}

// Weighted is one row of a demand (population) or supply (capacity)
// table.
type Weighted struct {
	ID    string
	Value float64 // finite, >= 0
}

// ReadOD reads a cost matrix with the columns origin_id, destination_id
// and cost. Every problem is reported: a missing column, an empty file, an
// empty id, a cost that is not a finite non-negative decimal number, a
// pair listed twice (at the later line, naming the first).
//
// source names the input in errors. On bad data it returns nil and a
// datasets.ErrorList; if r fails it returns the read error wrapped.
// O(p log p) time for p pairs (duplicates are found by sorting), memory
// 20 bytes per pair plus the ids.
func ReadOD(source string, r io.Reader) (*Matrix, error) {
	probs := datasets.NewProblems(source)
	t, err := openTable(source, r, probs, []string{ColOrigin, ColDestination, ColCost})
	if err != nil || t == nil {
		if err == nil {
			err = probs.Err()
		}
		return nil, err
	}
	m := &Matrix{Source: source}
	oIdx := map[string]int32{}
	dIdx := map[string]int32{}
	intern := func(ids *[]string, idx map[string]int32, id string) int32 {
		k, ok := idx[id]
		if !ok {
			k = int32(len(*ids))
			idx[id] = k
			*ids = append(*ids, id)
		}
		return k
	}
	err = t.rows(func(rw *row) {
		o, d, c := rw.cells[0], rw.cells[1], rw.cells[2]
		if o == "" {
			rw.Fail(ColOrigin, "missing id")
		}
		if d == "" {
			rw.Fail(ColDestination, "missing id")
		}
		cost, perr := datasets.ParseDecimal(c, t.DecimalComma)
		switch {
		case perr != nil:
			rw.Fail(ColCost, "cost: "+perr.Error())
		case cost < 0:
			rw.Fail(ColCost, fmt.Sprintf("cost %v is negative", cost))
		case cost > datasets.MaxCost:
			rw.Fail(ColCost, fmt.Sprintf("cost %v is more than %g", cost, float64(datasets.MaxCost)))
		}
		if rw.Bad {
			return
		}
		m.Pairs = append(m.Pairs, Pair{O: intern(&m.Origins, oIdx, o), D: intern(&m.Destinations, dIdx, d), Cost: cost})
		m.Lines = append(m.Lines, int32(rw.Line))
	})
	if err != nil {
		return nil, err
	}
	if !probs.Full() {
		for _, e := range m.duplicates() {
			if !probs.Add(e) {
				break
			}
		}
	}
	if err := probs.Err(); err != nil {
		return nil, err
	}
	return m, nil
}

// duplicates returns one error per repeated pair, in line order, at the
// repeat and naming the first line. O(p log p).
func (m *Matrix) duplicates() []*datasets.RecordError {
	order := make([]int32, len(m.Pairs))
	for k := range order {
		order[k] = int32(k)
	}
	key := func(k int32) uint64 { p := m.Pairs[k]; return uint64(uint32(p.O))<<32 | uint64(uint32(p.D)) }
	slices.SortFunc(order, func(a, b int32) int {
		if c := cmp.Compare(key(a), key(b)); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	var errs []*datasets.RecordError
	first := 0 // position in order of the first pair of the current group
	for i := 1; i < len(order); i++ {
		if key(order[i]) != key(order[first]) {
			first = i
			continue
		}
		k, f := order[i], order[first]
		p := m.Pairs[k]
		errs = append(errs, &datasets.RecordError{Source: m.Source, Line: int(m.Lines[k]), Feature: -1, Field: ColDestination,
			Reason: fmt.Sprintf("duplicate pair (%q, %q) (first at line %d)", m.Origins[p.O], m.Destinations[p.D], m.Lines[f])})
	}
	slices.SortFunc(errs, func(a, b *datasets.RecordError) int { return cmp.Compare(a.Line, b.Line) })
	return errs
}

// ReadDemand reads a demand table with the columns id and population.
// Errors and cost as for readWeighted.
func ReadDemand(source string, r io.Reader) ([]Weighted, error) {
	return readWeighted(source, r, ColPopulation)
}

// ReadSupply reads a supply table with the columns id and capacity.
// Errors and cost as for readWeighted.
func ReadSupply(source string, r io.Reader) ([]Weighted, error) {
	return readWeighted(source, r, ColCapacity)
}

// readWeighted reads the columns id and value, in file order. Every
// problem is reported: a missing column, an empty file, an empty or
// repeated id, a blank value or one that is not a finite non-negative
// decimal number. On bad data it returns nil and a datasets.ErrorList; if
// r fails it returns the read error wrapped. O(rows) expected.
func readWeighted(source string, r io.Reader, value string) ([]Weighted, error) {
	probs := datasets.NewProblems(source)
	t, err := openTable(source, r, probs, []string{ColID, value})
	if err != nil || t == nil {
		if err == nil {
			err = probs.Err()
		}
		return nil, err
	}
	var out []Weighted
	var ids datasets.IDSet
	err = t.rows(func(rw *row) {
		id, s := rw.cells[0], rw.cells[1]
		if id == "" {
			rw.Fail(ColID, "missing id")
		} else if e := ids.Check(id, ColID, datasets.Origin{Source: source, Line: rw.Line, Feature: -1}); e != nil {
			rw.Bad = true
			probs.Add(e)
		}
		v, ok, perr := datasets.ParseQuantity(s, t.DecimalComma)
		switch {
		case perr != nil:
			rw.Fail(value, perr.Error())
		case !ok:
			rw.Fail(value, "missing value")
		}
		if !rw.Bad {
			out = append(out, Weighted{ID: id, Value: v})
		}
	})
	if err != nil {
		return nil, err
	}
	if err := probs.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

// Check reports every origin id of m that is not in demand and every
// destination id that is not in supply, once per id, at the first line
// where it occurs, with the number of pairs that name it. It returns nil
// when every id is known and a datasets.ErrorList otherwise (capped at
// datasets.MaxProblems). O(p + |demand| + |supply|) expected.
func (m *Matrix) Check(demand, supply []Weighted) error {
	probs := datasets.NewProblems(m.Source)
	known := func(ids []string, table []Weighted) []bool {
		in := make(map[string]struct{}, len(table))
		for _, w := range table {
			in[w.ID] = struct{}{}
		}
		ok := make([]bool, len(ids))
		for k, id := range ids {
			_, ok[k] = in[id]
		}
		return ok
	}
	oOK, dOK := known(m.Origins, demand), known(m.Destinations, supply)
	type seen struct {
		line  int32
		pairs int
	}
	oBad := make([]seen, len(m.Origins))
	dBad := make([]seen, len(m.Destinations))
	for k, p := range m.Pairs {
		if !oOK[p.O] {
			if oBad[p.O].pairs == 0 {
				oBad[p.O].line = m.line(k)
			}
			oBad[p.O].pairs++
		}
		if !dOK[p.D] {
			if dBad[p.D].pairs == 0 {
				dBad[p.D].line = m.line(k)
			}
			dBad[p.D].pairs++
		}
	}
	type problem struct {
		line  int32
		field string
		why   string
	}
	var list []problem
	for k, s := range oBad {
		if s.pairs > 0 {
			list = append(list, problem{s.line, ColOrigin, fmt.Sprintf("origin id %q is not in the demand table (%s)", m.Origins[k], plural(s.pairs))})
		}
	}
	for k, s := range dBad {
		if s.pairs > 0 {
			list = append(list, problem{s.line, ColDestination, fmt.Sprintf("destination id %q is not in the supply table (%s)", m.Destinations[k], plural(s.pairs))})
		}
	}
	slices.SortStableFunc(list, func(a, b problem) int { return cmp.Compare(a.line, b.line) })
	for _, p := range list {
		if !probs.Add(&datasets.RecordError{Line: int(p.line), Feature: -1, Field: p.field, Reason: p.why}) {
			break
		}
	}
	return probs.Err()
}

// line returns the file line of pair k, 0 when Lines does not cover it
// (a Matrix built by hand).
func (m *Matrix) line(k int) int32 {
	if k < len(m.Lines) {
		return m.Lines[k]
	}
	return 0
}

func plural(n int) string {
	if n == 1 {
		return "1 pair"
	}
	return fmt.Sprintf("%d pairs", n)
}
