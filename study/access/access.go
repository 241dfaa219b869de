// Package access is partons access as a library function: an
// accessibility model (2SFCA, E2SFCA, 3SFCA, gravity, cumulative,
// nearest N) computed for every demand location from an external
// origin–destination cost matrix, a demand table and a supply table,
// written as CSV tables (one per demand location, optionally one per
// service) committed together.
//
// Costs are in the matrix's own unit. Run honours its context. Nothing
// here is safe for concurrent use.
package access

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"

	"github.com/partons/partons/analysis/access"
	"github.com/partons/partons/datasets/odmatrix"
	"github.com/partons/partons/render/output"
	"github.com/partons/partons/study/usage"
	"github.com/partons/partons/travel"
	"github.com/partons/partons/travel/matrix"
)

// Options are the files and the model of an accessibility computation.
type Options struct {
	Matrix, Demand, Supply string
	Model, Decay           string
	MaxCost                float64 // keep pairs costing at most this; +Inf: all
	Out, Services          string  // Services: "" for no per-service table
	CSVRaw                 bool
}

// Outcome is what Run computed and wrote.
type Outcome struct {
	Column           string // access_MODEL
	Decay            access.Decay
	Bounded          bool // a maximum cost was applied
	Demand, Supply   int
	PairsKept, Pairs int
	Inequality       access.Stats
	Empty            int // demand locations with no supply in reach
}

// Run computes the model and writes the tables atomically; stderr
// receives the notes of the report folders' writers.
func Run(ctx context.Context, o Options, stderr io.Writer) (*Outcome, error) {
	m, err := access.ParseModel(o.Model)
	if err != nil {
		return nil, usage.Errorf("{model}: %v", err)
	}
	if !(o.MaxCost >= 0) {
		return nil, usage.Errorf("{max_cost} %v: want a number >= 0", o.MaxCost)
	}
	d := access.DefaultDecay(m)
	if o.Decay != "" {
		if d, err = access.ParseDecay(o.Decay); err != nil {
			return nil, usage.Errorf("{decay}: %v", err)
		}
	}
	od, err := accessReadFile(o.Matrix, odmatrix.ReadOD)
	if err != nil {
		return nil, err
	}
	demand, err := accessReadFile(o.Demand, odmatrix.ReadDemand)
	if err != nil {
		return nil, err
	}
	supply, err := accessReadFile(o.Supply, odmatrix.ReadSupply)
	if err != nil {
		return nil, err
	}
	if err := od.Check(demand, supply); err != nil {
		return nil, err
	}
	ids := func(ws []odmatrix.Weighted) (id []string, v []float64) {
		for _, w := range ws {
			id, v = append(id, w.ID), append(v, w.Value)
		}
		return id, v
	}
	dIDs, pop := ids(demand)
	sIDs, capacity := ids(supply)
	// A positive --max-cost bounds the catchments inside the model, so that
	// 3SFCA's selection weights still see every pair of the matrix.
	cut := math.Inf(1)
	if o.MaxCost == 0 {
		cut = 0
	} else if !math.IsInf(o.MaxCost, 1) {
		m.MaxCost = o.MaxCost
	}
	places := func(ids []string) []travel.Place {
		out := make([]travel.Place, len(ids))
		for k, id := range ids {
			out[k].ID = id
		}
		return out
	}
	// The matrix's unit is whatever the file holds; the mode only looks
	// pairs up, so the declared unit does not change any figure.
	snapped, err := matrix.Mode{M: od, Unit: travel.Minutes}.Snap(ctx, places(dIDs), places(sIDs))
	if err != nil {
		return nil, fmt.Errorf("access: %w", err)
	}
	all := make([]int32, len(sIDs))
	for j := range all {
		all[j] = int32(j)
	}
	costs, err := snapped.Costs(ctx, all, cut)
	if err != nil {
		return nil, fmt.Errorf("access: %w", err)
	}
	values, ok, perService, err := access.Compute(costs, pop, capacity, m, d)
	if err != nil {
		return nil, fmt.Errorf("access: %w", err)
	}
	col := "access_" + m.String()
	opts := output.Options{Command: "access", Log: stderr, Owns: TableOwned}
	var files []*output.File
	defer func() {
		for _, f := range files {
			f.Abort()
		}
	}()
	tables := []accessTable{{o.Out, func(w *bufio.Writer) error {
		w.WriteString("id," + col + "\n")
		for i, id := range dIDs {
			w.WriteString(output.CSVText(id, !o.CSVRaw) + ",")
			if ok[i] {
				if math.IsNaN(values[i]) || math.IsInf(values[i], 0) {
					return fmt.Errorf("access: %s of %q is %v (an overflow): not written", col, id, values[i])
				}
				w.WriteString(strconv.FormatFloat(values[i], 'g', -1, 64))
			}
			w.WriteByte('\n')
		}
		return nil
	}}}
	if o.Services != "" {
		tables = append(tables, accessTable{o.Services, func(w *bufio.Writer) error {
			w.WriteString("id,capacity,catchment_locations,catchment_population,weighted_demand,supply_per_person,people_per_unit\n")
			for j, id := range sIDs {
				st := perService[j]
				fmt.Fprintf(w, "%s,%s,%d,%s,%s,%s,%s\n", output.CSVText(id, !o.CSVRaw), Num(capacity[j]), st.Reached,
					Num(st.Population), Num(st.Weighted), Num(st.Ratio), Num(st.PerUnit))
			}
			return nil
		}})
	}
	if err := accessWriteTables(ctx, tables, opts, &files); err != nil {
		return nil, err
	}
	if err := output.CommitFiles(files...); err != nil {
		return nil, err
	}
	vals := make([]float64, len(values))
	empty := 0
	for i := range values {
		vals[i] = values[i]
		if !ok[i] {
			vals[i] = math.NaN()
			empty++
		}
	}
	kept := 0
	for _, p := range od.Pairs {
		if p.Cost <= o.MaxCost {
			kept++
		}
	}
	return &Outcome{Column: col, Decay: d, Bounded: m.MaxCost > 0 || cut == 0, Demand: len(dIDs), Supply: len(sIDs),
		PairsKept: kept, Pairs: len(od.Pairs), Inequality: access.Inequality(vals, pop, math.Inf(1)), Empty: empty}, nil
}

// accessReadFile opens path and reads it with read.
func accessReadFile[T any](path string, read func(string, io.Reader) (T, error)) (T, error) {
	var zero T
	f, err := os.Open(path)
	if err != nil {
		return zero, err
	}
	defer f.Close()
	return read(path, bufio.NewReaderSize(f, 1<<20))
}

// Num formats a number exactly (shortest round-trip form); NaN and
// infinities are empty.
func Num(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return ""
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

// TableOwned recognises a table 'partons access' wrote by its
// header: only such a file is replaced by a new one.
func TableOwned(head []byte) bool {
	return bytes.HasPrefix(head, []byte("id,access_")) ||
		bytes.HasPrefix(head, []byte("id,capacity,catchment_locations,catchment_population,"))
}

// accessTable is one output table of 'partons access'.
type accessTable struct {
	path string
	fill func(w *bufio.Writer) error
}

// accessWriteTables creates the output files of tables, adds them to files
// to be committed together, and fills them. The files (and so their locks)
// are taken in the order of their absolute paths: two runs whose --out and
// --services are swapped would otherwise each hold one lock and wait for
// the other for ever.
func accessWriteTables(ctx context.Context, tables []accessTable, opts output.Options, files *[]*output.File) error {
	key := func(p string) string {
		if a, err := filepath.Abs(p); err == nil {
			return a
		}
		return p
	}
	sort.Slice(tables, func(i, j int) bool { return key(tables[i].path) < key(tables[j].path) })
	created := make([]*output.File, 0, len(tables))
	for _, t := range tables {
		f, err := output.CreateFile(ctx, t.path, opts)
		if err != nil {
			return err
		}
		created = append(created, f)
		*files = append(*files, f)
	}
	for i, t := range tables {
		if err := t.fill(created[i].Writer()); err != nil {
			return fmt.Errorf("access: writing %s: %w", t.path, err)
		}
	}
	return nil
}
