package main

import (
	"context"
	"fmt"
	"io"
	"math"

	"github.com/spf13/cobra"

	saccess "github.com/partons/partons/study/access"
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
	outs := outFile("--out", o.out, saccess.TableOwned)
	outs = append(outs, outFile("--services", o.services, saccess.TableOwned)...)
	if err := checkOutputs("access", outs, paths("--matrix", o.matrix), paths("--demand", o.demand), paths("--supply", o.supply)); err != nil {
		return err
	}
	r, err := saccess.Run(ctx, saccess.Options{Matrix: o.matrix, Demand: o.demand, Supply: o.supply, Model: o.model, Decay: o.decay,
		MaxCost: o.maxCost, Out: o.out, Services: o.services, CSVRaw: o.csvRaw}, stderr)
	if err != nil {
		return flagged(err)
	}
	st, num := r.Inequality, saccess.Num
	fmt.Fprintf(stdout, "%s (decay %v", r.Column, r.Decay)
	if r.Bounded {
		fmt.Fprintf(stdout, ", max cost %v", o.maxCost)
	}
	fmt.Fprintf(stdout, "): %d demand, %d supply, %d pairs kept of %d\n", r.Demand, r.Supply, r.PairsKept, r.Pairs)
	fmt.Fprintf(stdout, "population-weighted: mean %s, p10 %s, median %s, p90 %s, gini %s, theil %s, palma %s\n",
		num(st.Mean), num(st.P10), num(st.P50), num(st.P90), num(st.Gini), num(st.Theil), num(st.Palma))
	fmt.Fprintf(stdout, "wrote %s\n", o.out)
	if r.Empty > 0 {
		fmt.Fprintf(stderr, "note: %d of %d demand locations (population %s) have no supply in reach: their %s is empty\n",
			r.Empty, r.Demand, num(st.Population-st.Reached), r.Column)
	}
	return nil
}
