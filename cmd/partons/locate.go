package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/spf13/cobra"

	"github.com/partons/partons/analysis/locate"
	"github.com/partons/partons/render/output"
	slocate "github.com/partons/partons/study/locate"
)

// maxTimeLimitS is the longest wall-clock limit of locate: 30 days.
const maxTimeLimitS = 30 * 24 * 3600

type locateOptions struct {
	model, solver        string
	p                    int
	radius, maxCost      float64
	maxNodes, maxWork    int64
	timeLimitS           float64
	matrix, demand       string
	capacities           string
	villages, services   []string
	roads                []string
	profile, routeBy     string
	snapM                float64
	category, candidates string
	fixed, exclude       []string
	out                  string
	format, lang         string
	quiet                bool
	csvRaw               bool
}

func newLocateCmd() *cobra.Command {
	o := &locateOptions{}
	cmd := &cobra.Command{
		Use:   "locate",
		Short: "Choose where to put shared service points (location-allocation)",
		Long: `Chooses sites for shared service points among candidates:
  mclp     P sites reaching the most people within --radius
  pmedian  P sites with the least population-weighted total cost (with --capacities: capacitated)
  pcenter  P sites with the smallest largest cost (population ignored)
  lscp     the fewest sites leaving nobody farther than --radius (points no
           candidate reaches are reported, not declared infeasible)
  backup   P sites reaching the most people twice within --radius

Costs come from an external matrix (--matrix origin_id,destination_id,cost
with --demand id,population) or are computed between --villages and the
candidates: WGS84 geodesic metres, or with --roads road metres (--route-by
length) or minutes (--route-by time). Candidates are the villages, or a
--candidates file (points; with --matrix a CSV with an id column naming
destinations). --services are existing service points, open whatever the
model decides; the P new sites complement them. Without --matrix and
--villages the embedded Westhoek villages are used.

Villages with unknown population stay demand points for lscp and pcenter
(which ignore population) and are left out of the population sums of mclp,
pmedian and backup; summary.json counts them.

Branch and bound proves optimality where the instance allows it; otherwise
the result carries a proven bound and the gap. Writes sites.csv,
assignment.csv, summary.json (and with geometry sites.geojson,
assignment.geojson) into --out.`,
		Example: `  partons locate --model mclp --p 3 --radius 5000 --out where
  partons locate --model lscp --radius 5000 --matrix od.csv --demand tracts.csv --out cover
  partons locate --model pmedian --p 4 --villages villages.geojson --services post.csv --category post --roads region.graph --out pm`,
		Args: wrapArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runLocate(cmd.Context(), o, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.model, "model", "", "mclp, pmedian, pcenter, lscp or backup (required)")
	f.IntVar(&o.p, "p", -1, "number of new sites (all models but lscp)")
	f.Float64Var(&o.radius, "radius", -1, "coverage radius in the cost unit (mclp, lscp, backup)")
	f.StringVar(&o.matrix, "matrix", "", "cost matrix CSV: origin_id,destination_id,cost")
	f.StringVar(&o.demand, "demand", "", "demand CSV for --matrix: id,population")
	f.StringVar(&o.capacities, "capacities", "", "site capacities CSV: id,capacity (pmedian only)")
	f.StringArrayVar(&o.villages, "villages", nil, "village file (GeoJSON or CSV); repeatable")
	f.StringArrayVar(&o.services, "services", nil, "existing service points, locked open (GeoJSON or CSV); repeatable")
	f.StringVar(&o.category, "category", "", "only the --services of this category (after the taxonomy; its label or its name in run's columns)")
	f.StringArrayVar(&o.roads, "roads", nil, "road network: OSM extracts or a graph file from 'partons prepare'")
	f.StringVar(&o.profile, "profile", "car", "with --roads: car, bicycle or foot")
	f.StringVar(&o.routeBy, "route-by", "length", "with --roads: length (cost in m) or time (cost in min)")
	f.Float64Var(&o.snapM, "snap-m", 1000, "with --roads: farthest snap onto the network, metres")
	f.StringVar(&o.candidates, "candidates", "", "candidate sites: a point file, or with --matrix a CSV with an id column")
	f.StringSliceVar(&o.fixed, "fixed", nil, "candidate ids locked open (comma-separated)")
	f.StringSliceVar(&o.exclude, "exclude", nil, "candidate ids never opened (comma-separated)")
	f.Float64Var(&o.maxCost, "max-cost", 0, "ignore pairs costing more (pmedian, pcenter; 0: none)")
	f.StringVar(&o.solver, "solver", "auto", "auto (branch and bound up to --max-nodes), exact or heuristic")
	f.Int64Var(&o.maxNodes, "max-nodes", locate.DefaultMaxNodes, "branch-and-bound node limit of the auto solver")
	f.Int64Var(&o.maxWork, "max-work", locate.DefaultMaxWork, "pmedian branch-and-bound work limit of the auto solver (pairs visited; deterministic)")
	f.Float64Var(&o.timeLimitS, "time-limit-s", 0, "also stop the auto solver's branch and bound after this many seconds (0: none; results then depend on the machine)")
	f.StringVarP(&o.out, "out", "o", "partons-locate", "report directory (replaced atomically)")
	f.StringVar(&o.format, "format", "", "extra format: gpkg writes partons.gpkg (styled GeoPackage for QGIS); needs villages")
	f.StringVar(&o.lang, "lang", "en", "language of report.html: nl, fr or en")
	addQuietFlag(cmd, &o.quiet)
	limitFlag(f, positive, "p", "radius", "snap-m", "max-nodes", "max-work")
	limitFlag(f, nonNegative, "max-cost", "time-limit-s")
	addCSVRawFlag(cmd, &o.csvRaw)
	return cmd
}

func runLocate(ctx context.Context, o *locateOptions, stdout, stderr io.Writer) error {
	// Seconds become a time.Duration in nanoseconds: refuse what it
	// cannot hold, and what would round to 0 (no limit).
	if s := o.timeLimitS; s != 0 && (s < 1e-3 || s > maxTimeLimitS) {
		return usagef("--time-limit-s %v: give 0 (no limit) or between 0.001 and %v seconds", s, maxTimeLimitS)
	}
	opts := slocate.Options{Model: o.model, Solver: o.solver, P: o.p, Radius: o.radius, MaxCost: o.maxCost,
		MaxNodes: o.maxNodes, MaxWork: o.maxWork, TimeLimit: time.Duration(o.timeLimitS * float64(time.Second)), Matrix: o.matrix, Demand: o.demand, Capacities: o.capacities, Villages: o.villages,
		Services: o.services, Roads: o.roads, Profile: o.profile, RouteBy: o.routeBy, SnapM: o.snapM, Category: o.category,
		Candidates: o.candidates, Fixed: o.fixed, Exclude: o.exclude, Out: o.out, Format: o.format, Lang: o.lang,
		CSVRaw: o.csvRaw, Stderr: stderr}
	if err := slocate.Check(opts); err != nil {
		return flagged(err)
	}
	if err := checkOutputs("locate", []output.Path{outDir("--out", o.out)}, paths("--matrix", o.matrix), paths("--demand", o.demand),
		paths("--capacities", o.capacities), paths("--villages", o.villages...), paths("--services", o.services...),
		paths("--roads", o.roads...), paths("--candidates", o.candidates)); err != nil {
		return err
	}
	out, err := slocate.Run(ctx, opts)
	if err != nil {
		return flagged(err)
	}
	if !o.quiet {
		fmt.Fprintf(stderr, "locate: inputs and costs %.3f s, solve %.3f s (%s, %d nodes)\n",
			out.Inputs.Seconds(), out.Solve.Seconds(), out.Solution.Method, out.Solution.Nodes)
	}
	return out.WriteSummary(stdout, o.radius, o.out)
}
