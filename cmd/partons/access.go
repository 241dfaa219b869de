package main

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

	"github.com/spf13/cobra"

	"github.com/partons/partons/analysis/access"
	"github.com/partons/partons/datasets/odmatrix"
	"github.com/partons/partons/render/output"
	"github.com/partons/partons/travel"
)

type accessOptions struct {
	matrix, demand, supply string
	model, decay           string
	maxCost                float64
	out, services          string
	csvRaw                 bool
}

func newAccessCmd() *cobra.Command {
	o := &accessOptions{}
	cmd := &cobra.Command{
		Use:   "access",
		Short: "Accessibility scores (2SFCA, E2SFCA, 3SFCA, gravity…) from an external cost matrix",
		Long: `Computes an accessibility model for every demand location from an external
origin–destination cost matrix (origin_id,destination_id,cost), a demand table
(id,population) and a supply table (id,capacity), and writes OUT as
id,access_MODEL in the order of the demand table.

Models: cumulative (capacity in reach), gravity (Σ S·f(d)), 2sfca, e2sfca
(default decay bands:10=1,20=0.68,30=0.22 after Luo & Qi 2009), 3sfca
(selection weights normalised over every pair of the matrix, as PySAL access
does), nearest[N] (mean cost to the N nearest services with capacity > 0;
nearest = nearest3 as Eurostat GISCO).

Pairs missing from the matrix are unreachable. --max-cost C keeps pairs with
cost <= C. The decay defaults to the step function (weight 1 for every kept
pair: the classic 2SFCA). Decay parameters are in the matrix's cost unit:
  step:T  linear:T  exponential:beta=B  gaussian:sigma=S
  power:scale=S,alpha=A,dmin=M  logistic:mid=M,k=K  bands:U1=W1,U2=W2,…

A demand location with no supply in reach gets an empty value for 2sfca,
e2sfca, 3sfca and nearest (0 for cumulative and gravity, which define it).
--services writes each service's catchment population and supply per person.`,
		Example: `  partons access --matrix od.csv --demand pop.csv --supply gps.csv --model 2sfca --max-cost 30 --out access.csv
  partons access --matrix od.csv --demand pop.csv --supply gps.csv --model 3sfca --decay gaussian:sigma=20 --max-cost 60 --out a.csv`,
		Args: wrapArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			o.maxCost = math.Inf(1)
			if cmd.Flags().Changed("max-cost") {
				v, _ := cmd.Flags().GetFloat64("max-cost")
				o.maxCost = v
			}
			return runAccess(cmd.Context(), o, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.matrix, "matrix", "", "cost matrix CSV: origin_id,destination_id,cost (required)")
	f.StringVar(&o.demand, "demand", "", "demand CSV: id,population (required)")
	f.StringVar(&o.supply, "supply", "", "supply CSV: id,capacity (required)")
	f.StringVar(&o.model, "model", "2sfca", "cumulative, gravity, 2sfca, e2sfca, 3sfca or nearest[N]")
	f.StringVar(&o.decay, "decay", "", "distance-decay spec, e.g. step:30, gaussian:sigma=20 (default: the model's)")
	f.Float64("max-cost", 0, "keep only pairs with cost <= this (default: all)")
	f.StringVarP(&o.out, "out", "o", "", "CSV to write: id,access_MODEL (required)")
	f.StringVar(&o.services, "services", "", "also write a per-service CSV (catchment population, supply per person)")
	limitFlag(f, nonNegative, "max-cost")
	addCSVRawFlag(cmd, &o.csvRaw)
	return cmd
}

func runAccess(ctx context.Context, o *accessOptions, stdout, stderr io.Writer) error {
	for _, r := range []struct{ flag, v string }{{"matrix", o.matrix}, {"demand", o.demand}, {"supply", o.supply}, {"out", o.out}} {
		if r.v == "" {
			return usagef("--%s is required", r.flag)
		}
	}
	outs := outFile("--out", o.out, accessTableOwned)
	outs = append(outs, outFile("--services", o.services, accessTableOwned)...)
	if err := checkOutputs("access", outs, paths("--matrix", o.matrix), paths("--demand", o.demand), paths("--supply", o.supply)); err != nil {
		return err
	}
	m, err := access.ParseModel(o.model)
	if err != nil {
		return usagef("--model: %v", err)
	}
	if !(o.maxCost >= 0) {
		return usagef("--max-cost %v: want a number >= 0", o.maxCost)
	}
	d := access.DefaultDecay(m)
	if o.decay != "" {
		if d, err = access.ParseDecay(o.decay); err != nil {
			return usagef("--decay: %v", err)
		}
	}
	od, err := accessReadFile(o.matrix, odmatrix.ReadOD)
	if err != nil {
		return err
	}
	demand, err := accessReadFile(o.demand, odmatrix.ReadDemand)
	if err != nil {
		return err
	}
	supply, err := accessReadFile(o.supply, odmatrix.ReadSupply)
	if err != nil {
		return err
	}
	if err := od.Check(demand, supply); err != nil {
		return err
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
	if o.maxCost == 0 {
		cut = 0
	} else if !math.IsInf(o.maxCost, 1) {
		m.MaxCost = o.maxCost
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
	snapped, err := travel.Matrix{M: od, Unit: travel.Minutes}.Snap(ctx, places(dIDs), places(sIDs))
	if err != nil {
		return fmt.Errorf("access: %w", err)
	}
	all := make([]int32, len(sIDs))
	for j := range all {
		all[j] = int32(j)
	}
	costs, err := snapped.Costs(ctx, all, cut)
	if err != nil {
		return fmt.Errorf("access: %w", err)
	}
	values, ok, perService, err := access.Compute(costs, pop, capacity, m, d)
	if err != nil {
		return fmt.Errorf("access: %w", err)
	}
	col := "access_" + m.String()
	opts := output.Options{Command: "access", Log: stderr, Owns: accessTableOwned}
	var files []*output.File
	defer func() {
		for _, f := range files {
			f.Abort()
		}
	}()
	tables := []accessTable{{o.out, func(w *bufio.Writer) error {
		w.WriteString("id," + col + "\n")
		for i, id := range dIDs {
			w.WriteString(output.CSVText(id, !o.csvRaw) + ",")
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
	if o.services != "" {
		tables = append(tables, accessTable{o.services, func(w *bufio.Writer) error {
			w.WriteString("id,capacity,catchment_locations,catchment_population,weighted_demand,supply_per_person,people_per_unit\n")
			for j, id := range sIDs {
				st := perService[j]
				fmt.Fprintf(w, "%s,%s,%d,%s,%s,%s,%s\n", output.CSVText(id, !o.csvRaw), accessNum(capacity[j]), st.Reached,
					accessNum(st.Population), accessNum(st.Weighted), accessNum(st.Ratio), accessNum(st.PerUnit))
			}
			return nil
		}})
	}
	if err := accessWriteTables(ctx, tables, opts, &files); err != nil {
		return err
	}
	if err := output.CommitFiles(files...); err != nil {
		return err
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
	st := access.Inequality(vals, pop, math.Inf(1))
	fmt.Fprintf(stdout, "%s (decay %v", col, d)
	if m.MaxCost > 0 || cut == 0 {
		fmt.Fprintf(stdout, ", max cost %v", o.maxCost)
	}
	kept := 0
	for _, p := range od.Pairs {
		if p.Cost <= o.maxCost {
			kept++
		}
	}
	fmt.Fprintf(stdout, "): %d demand, %d supply, %d pairs kept of %d\n", len(dIDs), len(sIDs), kept, len(od.Pairs))
	fmt.Fprintf(stdout, "population-weighted: mean %s, p10 %s, median %s, p90 %s, gini %s, theil %s, palma %s\n",
		accessNum(st.Mean), accessNum(st.P10), accessNum(st.P50), accessNum(st.P90), accessNum(st.Gini), accessNum(st.Theil), accessNum(st.Palma))
	fmt.Fprintf(stdout, "wrote %s\n", o.out)
	if empty > 0 {
		fmt.Fprintf(stderr, "note: %d of %d demand locations (population %s) have no supply in reach: their %s is empty\n",
			empty, len(dIDs), accessNum(st.Population-st.Reached), col)
	}
	return nil
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

// accessNum formats a number exactly (shortest round-trip form); NaN and
// infinities are empty.
func accessNum(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return ""
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

// accessTableOwned recognises a table 'partons access' wrote by its
// header: only such a file is replaced by a new one.
func accessTableOwned(head []byte) bool {
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
