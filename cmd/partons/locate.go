package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/paulmach/orb"
	"github.com/spf13/cobra"

	"github.com/partons/partons/analysis/locate"
	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/config"
	"github.com/partons/partons/datasets/load"
	"github.com/partons/partons/datasets/odmatrix"
	"github.com/partons/partons/datasets/table"
	"github.com/partons/partons/datasets/taxonomy"
	"github.com/partons/partons/datasets/westhoek"
	"github.com/partons/partons/geo/road"
	"github.com/partons/partons/render/output"
	"github.com/partons/partons/render/qml"
	"github.com/partons/partons/study"
	"github.com/partons/partons/study/roads"
	"github.com/partons/partons/travel"
)

type locateOptions struct {
	model, solver        string
	p                    int
	radius, maxCost      float64
	maxNodes             int64
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
	f.StringVarP(&o.out, "out", "o", "partons-locate", "report directory (replaced atomically)")
	f.StringVar(&o.format, "format", "", "extra format: gpkg writes partons.gpkg (styled GeoPackage for QGIS); needs villages")
	f.StringVar(&o.lang, "lang", "en", "language of report.html: nl, fr or en")
	addQuietFlag(cmd, &o.quiet)
	limitFlag(f, positive, "p", "radius", "snap-m", "max-nodes")
	limitFlag(f, nonNegative, "max-cost")
	addCSVRawFlag(cmd, &o.csvRaw)
	return cmd
}

// locInput is an instance with its labels, geometry and provenance.
type locInput struct {
	inst         *locate.Instance
	labels       locate.Labels
	demandPts    []orb.Point // nil without geometry
	sitePts      []orb.Point
	candidates   int     // sites [0, candidates) are candidates, the rest existing services
	notCandidate []int32 // destinations left out by --candidates
	siteIndex    map[string]int32
	capacity     []float64
	costKind     string
	costUnit     string
	inputs       []load.Input
	attrib       []string
	villages     []datasets.Village // demand with geometry (nil for a matrix)
	roads        *road.Graph        // the network costs were measured on (nil: none)
}

func runLocate(ctx context.Context, o *locateOptions, stdout, stderr io.Writer) error {
	if o.model == "" {
		return usagef("--model is required: mclp, pmedian, pcenter, lscp or backup")
	}
	if _, err := qml.ParseLang(o.lang); err != nil {
		return usagef("--lang %q: want nl, fr or en", o.lang)
	}
	if o.format != "" && (o.format != "gpkg" || o.matrix != "") {
		return usagef("--format %q: the only extra format is gpkg, and it needs villages (not --matrix)", o.format)
	}
	model, err := locate.ParseModel(o.model)
	if err != nil {
		return usagef("--model %q: want mclp, pmedian, pcenter, lscp or backup", o.model)
	}
	solver, err := locate.ParseSolver(o.solver)
	if err != nil {
		return usagef("--solver %q: want auto, exact or heuristic", o.solver)
	}
	usesP, usesR := model != locate.LSCP, model == locate.MCLP || model == locate.LSCP || model == locate.Backup
	switch {
	case usesP && o.p < 0:
		return usagef("--model %s needs --p", model)
	case !usesP && o.p >= 0:
		return usagef("--p does not apply to lscp (it finds the number of sites)")
	case usesR && !(o.radius >= 0):
		return usagef("--model %s needs --radius", model)
	case !usesR && o.radius >= 0:
		return usagef("--radius does not apply to %s", model)
	case (o.matrix == "") != (o.demand == ""):
		return usagef("--matrix and --demand go together")
	case o.matrix != "" && len(o.villages)+len(o.services)+len(o.roads) > 0:
		return usagef("--matrix replaces --villages, --services and --roads")
	case o.capacities != "" && model != locate.PMedian:
		return usagef("--capacities applies to pmedian only")
	case o.category != "" && len(o.services) == 0:
		return usagef("--category filters --services")
	case math.IsNaN(o.maxCost) || o.maxCost < 0 || o.maxCost > 0 && usesR:
		return usagef("--max-cost must be ≥ 0 and applies to pmedian and pcenter (coverage models use --radius)")
	}
	if err := checkOutputs("locate", []output.Path{outDir("--out", o.out)}, paths("--matrix", o.matrix), paths("--demand", o.demand),
		paths("--capacities", o.capacities), paths("--villages", o.villages...), paths("--services", o.services...),
		paths("--roads", o.roads...), paths("--candidates", o.candidates)); err != nil {
		return err
	}
	t0 := time.Now()
	cutoff := o.maxCost
	if usesR {
		cutoff = o.radius
	}
	var in *locInput
	if o.matrix != "" {
		in, err = matrixInput(ctx, o)
	} else {
		in, err = pointInput(ctx, o, cutoff)
	}
	if err != nil {
		return err
	}
	tInput := time.Since(t0)
	cfg := locate.Config{Model: model, P: max(o.p, 0), Radius: o.radius, Solver: solver, MaxNodes: o.maxNodes}
	for _, ids := range []struct {
		flag string
		ids  []string
		dst  *[]int32
	}{{"fixed", o.fixed, &cfg.Fixed}, {"exclude", o.exclude, &cfg.Excluded}} {
		for _, id := range ids.ids {
			j, ok := in.siteIndex[strings.TrimSpace(id)]
			if !ok {
				return usagef("--%s: %q is not a candidate site id", ids.flag, id)
			}
			*ids.dst = append(*ids.dst, j)
		}
	}
	cfg.Excluded = append(cfg.Excluded, in.notCandidate...)
	for j := in.candidates; j < in.inst.NumSites(); j++ {
		cfg.Fixed = append(cfg.Fixed, int32(j))
	}
	if o.capacities != "" {
		cfg.Capacity = in.capacity
	}
	in.labels.CoverageRadius, in.labels.CoverageRelevant = o.radius, usesR
	t1 := time.Now()
	sol, err := locate.Solve(ctx, in.inst, cfg)
	switch {
	case errors.Is(err, locate.ErrInvalid):
		return usageError{err}
	case err != nil:
		return err
	}
	tSolve := time.Since(t1)
	if locate.NoDemandWeight(sol, in.inst) {
		fmt.Fprintf(stderr, "partons: warning: "+locate.NoWeightWarning+"\n", sol.Model)
	}
	if err := writeLocate(ctx, o, in, cfg, sol, stderr); err != nil {
		return err
	}
	if !o.quiet {
		fmt.Fprintf(stderr, "locate: inputs and costs %.3f s, solve %.3f s (%s, %d nodes)\n",
			tInput.Seconds(), tSolve.Seconds(), sol.Method, sol.Nodes)
	}
	return printLocate(stdout, o, in, sol)
}

// printLocate is the short result on stdout.
func printLocate(w io.Writer, o *locateOptions, in *locInput, sol *locate.Solution) error {
	ids := make([]string, len(sol.Sites))
	for k, j := range sol.Sites {
		ids[k] = in.labels.SiteIDs[j]
		if in.labels.SiteNames != nil && in.labels.SiteNames[j] != "" {
			ids[k] += " (" + in.labels.SiteNames[j] + ")"
		}
	}
	b := &bytes.Buffer{}
	fmt.Fprintf(b, "%s: %d new site(s): %s\n", sol.Model, len(sol.Sites), strings.Join(ids, ", "))
	if len(sol.Fixed) > 0 {
		fmt.Fprintf(b, "fixed sites: %d\n", len(sol.Fixed))
	}
	proof := "optimal"
	switch {
	case locate.NoDemandWeight(sol, in.inst):
		proof = "arbitrary: no demand point has a known population"
	case !sol.Optimal:
		proof = fmt.Sprintf("gap %.3g%%", sol.Gap*100)
	}
	fmt.Fprintf(b, "objective %s, bound %s (%s; %s)\n", fmtNum(sol.Objective), fmtNum(sol.Bound), proof, sol.Method)
	if o.radius >= 0 {
		share := 0.0
		if sol.TotalWeight > 0 {
			share = sol.CoveredWeight / sol.TotalWeight
		}
		fmt.Fprintf(b, "within %s %s: %s people (%.1f%% of %s), %d of %d demand points\n", fmtNum(o.radius), in.costUnit,
			fmtNum(sol.CoveredWeight), share*100, fmtNum(sol.TotalWeight), sol.CoveredPoints, in.inst.NumDemand())
	}
	if n := unknownCount(in); n > 0 {
		fmt.Fprintf(b, "demand points with unknown population: %d (not counted in population figures)\n", n)
	}
	if len(sol.Uncoverable) > 0 {
		fmt.Fprintf(b, "demand points no candidate can serve: %d (status uncoverable in assignment.csv)\n", len(sol.Uncoverable))
	}
	fmt.Fprintf(b, "wrote %s\n", o.out)
	_, err := w.Write(b.Bytes())
	return err
}

func fmtNum(v float64) string {
	if math.IsInf(v, 0) || math.IsNaN(v) {
		return "none"
	}
	return table.Float(v, -1).Text()
}

func unknownCount(in *locInput) int {
	n := 0
	for _, k := range in.labels.WeightKnown {
		if !k {
			n++
		}
	}
	return n
}

// matrixInput reads --matrix, --demand, --candidates and --capacities.
func matrixInput(ctx context.Context, o *locateOptions) (*locInput, error) {
	in := &locInput{costKind: "matrix", costUnit: "matrix unit"}
	var m *odmatrix.Matrix
	var demand, supply []odmatrix.Weighted
	if err := readHashed(in, o.matrix, "matrix", func(r io.Reader) (err error) { m, err = odmatrix.ReadOD(o.matrix, r); return }); err != nil {
		return nil, err
	}
	if err := readHashed(in, o.demand, "demand", func(r io.Reader) (err error) { demand, err = odmatrix.ReadDemand(o.demand, r); return }); err != nil {
		return nil, err
	}
	if o.capacities != "" {
		if err := readHashed(in, o.capacities, "capacities", func(r io.Reader) (err error) { supply, err = odmatrix.ReadSupply(o.capacities, r); return }); err != nil {
			return nil, err
		}
	}
	check := supply
	if check == nil { // only origins are checked
		for _, d := range m.Destinations {
			check = append(check, odmatrix.Weighted{ID: d})
		}
	}
	if err := m.Check(demand, check); err != nil {
		return nil, err
	}
	w := make([]float64, len(demand))
	for k, d := range demand {
		w[k] = d.Value
		in.labels.DemandIDs = append(in.labels.DemandIDs, d.ID)
	}
	in.labels.SiteIDs = m.Destinations
	in.candidates = len(m.Destinations)
	in.siteIndex = make(map[string]int32, len(m.Destinations))
	for j, id := range m.Destinations {
		in.siteIndex[id] = int32(j)
	}
	dPlaces := make([]travel.Place, len(demand))
	for k, d := range demand {
		dPlaces[k].ID = d.ID
	}
	sPlaces := make([]travel.Place, len(m.Destinations))
	for j, id := range m.Destinations {
		sPlaces[j].ID = id
	}
	costs, err := matrixCosts(ctx, m, dPlaces, sPlaces)
	if err != nil {
		if errors.Is(err, travel.ErrInvalid) {
			return nil, fmt.Errorf("%w: %s: %v", datasets.ErrInvalid, o.matrix, err)
		}
		return nil, err
	}
	if in.inst, err = locate.NewInstance(w, costs); err != nil {
		return nil, fmt.Errorf("%w: %s: %v", datasets.ErrInvalid, o.matrix, err)
	}
	in.labels.CostDecimals = -1
	if o.candidates != "" {
		ids, err := readIDColumn(in, o.candidates)
		if err != nil {
			return nil, err
		}
		keep := make(map[int32]bool)
		for _, id := range ids {
			j, ok := in.siteIndex[id]
			if !ok {
				return nil, fmt.Errorf("%w: %s: candidate %q is not a destination of %s", datasets.ErrInvalid, o.candidates, id, o.matrix)
			}
			keep[j] = true
		}
		for j := range m.Destinations {
			if !keep[int32(j)] {
				in.notCandidate = append(in.notCandidate, int32(j))
			}
		}
	}
	return in, setCapacities(in, supply)
}

// setCapacities maps a supply table onto the sites (every site needs one).
func setCapacities(in *locInput, supply []odmatrix.Weighted) error {
	if supply == nil {
		return nil
	}
	in.capacity = make([]float64, in.inst.NumSites())
	for j := range in.capacity {
		in.capacity[j] = math.NaN()
	}
	for _, s := range supply {
		if j, ok := in.siteIndex[s.ID]; ok {
			in.capacity[j] = s.Value
		}
	}
	for j, c := range in.capacity {
		if math.IsNaN(c) {
			if j >= in.candidates {
				in.capacity[j] = math.Inf(1) // existing services: unlimited
				continue
			}
			return fmt.Errorf("%w: no capacity for site %q", datasets.ErrInvalid, in.labels.SiteIDs[j])
		}
	}
	return nil
}

// readHashed reads a file through fn, recording its SHA-256 for the
// manifest.
func readHashed(in *locInput, path, kind string, fn func(io.Reader) error) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	sum := sha256.Sum256(b)
	in.inputs = append(in.inputs, load.Input{Name: path, Kind: kind, Format: "csv", SHA256: hex.EncodeToString(sum[:]), Bytes: int64(len(b))})
	return fn(bytes.NewReader(b))
}

// readIDColumn reads the id column of a CSV file.
func readIDColumn(in *locInput, path string) ([]string, error) {
	var ids []string
	err := readHashed(in, path, "candidates", func(r io.Reader) error {
		cr := csv.NewReader(r)
		cr.FieldsPerRecord = -1
		recs, err := cr.ReadAll()
		if err != nil {
			return fmt.Errorf("%w: %s: %v", datasets.ErrInvalid, path, err)
		}
		if len(recs) == 0 {
			return fmt.Errorf("%w: %s: empty file", datasets.ErrInvalid, path)
		}
		col := slices.IndexFunc(recs[0], func(h string) bool { return strings.Trim(strings.TrimSpace(h), "\ufeff") == "id" })
		if col < 0 {
			return fmt.Errorf("%w: %s: no id column", datasets.ErrInvalid, path)
		}
		for k, r := range recs[1:] {
			if col >= len(r) || strings.TrimSpace(r[col]) == "" {
				return fmt.Errorf("%w: %s: line %d: empty id", datasets.ErrInvalid, path, k+2)
			}
			ids = append(ids, strings.TrimSpace(r[col]))
		}
		return nil
	})
	return ids, err
}

// pointInput reads villages (demand), candidates and services, and
// computes straight-line or road costs up to cutoff (0: none).
func pointInput(ctx context.Context, o *locateOptions, cutoff float64) (*locInput, error) {
	in := &locInput{costKind: "straight-line WGS84 geodesic", costUnit: "m"}
	in.labels.CostDecimals = 1
	cfg := config.Default()
	var vsrc []load.Source
	for _, f := range o.villages {
		vsrc = append(vsrc, load.File(f))
	}
	if len(vsrc) == 0 {
		vsrc = []load.Source{load.Bytes(westhoek.VillagesFile, westhoek.Villages())}
		if meta, err := westhoek.ReadMetadata(); err == nil {
			in.attrib = meta.Attributions()
		}
	}
	vs, inputs, err := load.Villages(vsrc, cfg.Villages)
	if err != nil {
		return nil, err
	}
	in.villages = vs
	in.inputs = append(in.inputs, inputs...)
	cands := vs
	if o.candidates != "" {
		if cands, inputs, err = load.Villages([]load.Source{load.File(o.candidates)}, cfg.Villages); err != nil {
			return nil, err
		}
		in.inputs = append(in.inputs, inputs...)
	}
	var svcs []datasets.Service
	if len(o.services) > 0 {
		var ssrc []load.Source
		for _, f := range o.services {
			ssrc = append(ssrc, load.File(f))
		}
		all, inputs, err := load.Services(ssrc, cfg.Services)
		if err != nil {
			return nil, err
		}
		in.inputs = append(in.inputs, inputs...)
		tax := taxonomy.Default()
		for _, s := range all {
			raw := s.Raw
			if raw == "" {
				raw = s.Category
			}
			if cat, _ := tax.Map(raw); o.category == "" || study.SameCategory(cat, o.category) {
				svcs = append(svcs, s)
			}
		}
	}
	checked := vs
	if o.candidates != "" {
		checked = append(slices.Clip(vs), cands...)
	}
	if err := datasets.CheckPlacement(checked, svcs).Err(); err != nil {
		return nil, err
	}
	w := make([]float64, len(vs))
	in.labels.WeightKnown = make([]bool, len(vs))
	for i, v := range vs {
		in.labels.DemandIDs = append(in.labels.DemandIDs, v.ID)
		in.labels.DemandNames = append(in.labels.DemandNames, v.Name)
		in.demandPts = append(in.demandPts, v.Location)
		if v.HasPopulation {
			w[i], in.labels.WeightKnown[i] = v.Population, true
		}
	}
	in.siteIndex = make(map[string]int32)
	addSite := func(id, name string, p orb.Point) error {
		if _, dup := in.siteIndex[id]; dup {
			return fmt.Errorf("%w: site id %q is both a candidate and an existing service", datasets.ErrInvalid, id)
		}
		in.siteIndex[id] = int32(len(in.sitePts))
		in.labels.SiteIDs = append(in.labels.SiteIDs, id)
		in.labels.SiteNames = append(in.labels.SiteNames, name)
		in.sitePts = append(in.sitePts, p)
		return nil
	}
	for _, c := range cands {
		addSite(c.ID, c.Name, c.Location) // candidate ids are unique (load checks)
	}
	in.candidates = len(cands)
	for _, s := range svcs {
		if err := addSite(s.ID, s.Name, s.Location); err != nil {
			return nil, err
		}
	}
	var costs *travel.Costs
	if len(o.roads) > 0 {
		costs, err = roadCosts(ctx, o, in, cutoff)
	} else {
		limit := cutoff
		if !(limit > 0) {
			limit = math.Inf(1)
		}
		costs, err = travel.GeodesicCosts(ctx, in.demandPts, in.sitePts, limit, 0)
		if errors.Is(err, travel.ErrInvalid) {
			return nil, usagef("%v (--max-cost)", err)
		}
	}
	if err != nil {
		return nil, err
	}
	if in.inst, err = locate.NewInstance(w, costs); err != nil {
		return nil, err
	}
	if o.capacities != "" {
		var supply []odmatrix.Weighted
		if err := readHashed(in, o.capacities, "capacities", func(r io.Reader) (err error) { supply, err = odmatrix.ReadSupply(o.capacities, r); return }); err != nil {
			return nil, err
		}
		return in, setCapacities(in, supply)
	}
	return in, nil
}

// roadCosts snaps villages and sites onto the road network (the one
// snapping path of package travel) and runs one bounded search per site.
func roadCosts(ctx context.Context, o *locateOptions, in *locInput, cutoff float64) (*travel.Costs, error) {
	profile, err := travel.ParseProfile(o.profile)
	if err != nil {
		return nil, usagef("--%v", err)
	}
	weight, err := travel.ParseRouteBy(o.routeBy)
	if err != nil {
		return nil, usagef("--route-by %q: want length or time", o.routeBy)
	}
	if weight == road.Time {
		in.costKind, in.costUnit, in.labels.CostDecimals = "road travel time ("+o.profile+")", "min", 2
	} else {
		in.costKind, in.costUnit = "road length ("+o.profile+")", "m"
	}
	g, _, _, err := roads.Load(ctx, o.roads, profile, nil, false)
	if err != nil {
		return nil, err
	}
	in.roads = g
	places := func(pts []orb.Point) []travel.Place {
		out := make([]travel.Place, len(pts))
		for k, p := range pts {
			out[k].Location = p
		}
		return out
	}
	vs := places(in.demandPts)
	// Costs run between the points on the network: no legs.
	mode := &travel.Road{Graph: g, RouteBy: weight, SnapM: o.snapM}
	limit := cutoff
	if !(limit > 0) {
		limit = math.Inf(1)
	}
	sn, err := mode.Snap(ctx, vs, places(in.sitePts))
	if err != nil {
		return nil, err
	}
	all := make([]int32, len(in.sitePts))
	for j := range all {
		all[j] = int32(j)
	}
	return sn.Costs(ctx, all, limit)
}

// matrixCosts is the costs of an external matrix between the demand
// points and the destinations, by id.
func matrixCosts(ctx context.Context, m *odmatrix.Matrix, demand, sites []travel.Place) (*travel.Costs, error) {
	sn, err := travel.Matrix{M: m, Unit: travel.Metres}.Snap(ctx, demand, sites)
	if err != nil {
		return nil, err
	}
	all := make([]int32, len(sites))
	for j := range all {
		all[j] = int32(j)
	}
	return sn.Costs(ctx, all, math.Inf(1))
}
