package locate

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

	"github.com/partons/partons/analysis/locate"
	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/config"
	"github.com/partons/partons/datasets/load"
	"github.com/partons/partons/datasets/odmatrix"
	"github.com/partons/partons/datasets/taxonomy"
	"github.com/partons/partons/datasets/westhoek"
	"github.com/partons/partons/geo/road"
	"github.com/partons/partons/render/qml"
	"github.com/partons/partons/study"
	"github.com/partons/partons/study/roads"
	"github.com/partons/partons/study/usage"
	"github.com/partons/partons/travel"
	"github.com/partons/partons/travel/matrix"
)

// Options are the settings of a location-allocation: the model and its
// parameters, where costs come from (an external matrix, or villages and
// candidate sites measured in a straight line or on roads) and the report
// folder.
type Options struct {
	Model, Solver        string        // Solver: auto, exact or heuristic
	P                    int           // new sites; -1: not given
	Radius               float64       // coverage radius in the cost unit; -1: not given
	MaxCost              float64       // pairs costing more are ignored; 0: none
	MaxNodes             int64         // branch-and-bound node limit of the auto solver
	MaxWork              int64         // p-median branch-and-bound work limit of the auto solver; 0: the default
	TimeLimit            time.Duration // also stops the auto solver's branch and bound; 0: none (opt-in: the answer then depends on the machine)
	Matrix, Demand       string        // an external cost matrix and its demand table
	Capacities           string        // site capacities (pmedian)
	Villages, Services   []string
	Roads                []string
	Profile, RouteBy     string
	SnapM                float64
	Category, Candidates string
	Fixed, Exclude       []string // candidate ids locked open, never opened
	Out                  string
	Format, Lang         string // Format: "" or gpkg
	CSVRaw               bool
	Stderr               io.Writer // warnings about the data
}

// Outcome is a location-allocation solved and written.
type Outcome struct {
	Solution *locate.Solution
	Instance *locate.Instance
	Labels   locate.Labels
	CostUnit string
	// Inputs is the time taken reading the inputs and the costs, Solve
	// the time of the solver.
	Inputs, Solve time.Duration
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
	siteSource   []string // the file each site was read from (candidates and services)
	capacity     []float64
	costKind     string
	costUnit     string
	inputs       []load.Input
	attrib       []string
	villages     []datasets.Village // demand with geometry (nil for a matrix)
	roads        *road.Graph        // the network costs were measured on (nil: none)
}

// Check checks the options before any work: the model and its
// parameters, and which inputs go together.
func Check(o Options) error {
	_, _, err := parse(o)
	return err
}

// parse checks the options and reads the model and the solver.
func parse(o Options) (locate.Model, locate.Solver, error) {
	if o.Model == "" {
		return 0, 0, usage.Errorf("{model} is required: mclp, pmedian, pcenter, lscp or backup")
	}
	if _, err := qml.ParseLang(o.Lang); err != nil {
		return 0, 0, usage.Errorf("{lang} %q: want nl, fr or en", o.Lang)
	}
	if o.Format != "" && (o.Format != "gpkg" || o.Matrix != "") {
		return 0, 0, usage.Errorf("{format} %q: the only extra format is gpkg, and it needs villages (not {matrix})", o.Format)
	}
	model, err := locate.ParseModel(o.Model)
	if err != nil {
		return 0, 0, usage.Errorf("{model} %q: want mclp, pmedian, pcenter, lscp or backup", o.Model)
	}
	solver, err := locate.ParseSolver(o.Solver)
	if err != nil {
		return 0, 0, usage.Errorf("{solver} %q: want auto, exact or heuristic", o.Solver)
	}
	usesP, usesR := model != locate.LSCP, model == locate.MCLP || model == locate.LSCP || model == locate.Backup
	switch {
	case usesP && o.P < 0:
		return 0, 0, usage.Errorf("{model} %s needs {p}", model)
	case !usesP && o.P >= 0:
		return 0, 0, usage.Errorf("{p} does not apply to lscp (it finds the number of sites)")
	case usesR && !(o.Radius >= 0):
		return 0, 0, usage.Errorf("{model} %s needs {radius}", model)
	case !usesR && o.Radius >= 0:
		return 0, 0, usage.Errorf("{radius} does not apply to %s", model)
	case (o.Matrix == "") != (o.Demand == ""):
		return 0, 0, usage.Errorf("{matrix} and {demand} go together")
	case o.Matrix != "" && len(o.Villages)+len(o.Services)+len(o.Roads) > 0:
		return 0, 0, usage.Errorf("{matrix} replaces {villages}, {services} and {roads}")
	case o.Capacities != "" && model != locate.PMedian:
		return 0, 0, usage.Errorf("{capacities} applies to pmedian only")
	case o.Category != "" && len(o.Services) == 0:
		return 0, 0, usage.Errorf("{category} filters {services}")
	case math.IsNaN(o.MaxCost) || o.MaxCost < 0 || o.MaxCost > 0 && usesR:
		return 0, 0, usage.Errorf("{max_cost} must be ≥ 0 and applies to pmedian and pcenter (coverage models use {radius})")
	case o.MaxWork < 0:
		return 0, 0, usage.Errorf("{max_work} must be > 0")
	case o.TimeLimit < 0:
		return 0, 0, usage.Errorf("{time_limit_s} must be ≥ 0 (0: none)")
	case o.TimeLimit > 0 && solver != locate.Auto:
		return 0, 0, usage.Errorf("{time_limit_s} applies to the auto {solver}")
	case o.TimeLimit > 0 && (model == locate.PCenter || o.Capacities != ""):
		return 0, 0, usage.Errorf("{time_limit_s} applies to mclp, pmedian without {capacities}, lscp and backup")
	}
	return model, solver, nil
}

// Run checks the options, reads the inputs, computes the costs, solves
// the model and writes the report folder atomically.
func Run(ctx context.Context, o Options) (*Outcome, error) {
	stderr := o.Stderr
	if stderr == nil {
		stderr = io.Discard
	}
	model, solver, err := parse(o)
	if err != nil {
		return nil, err
	}
	usesR := model == locate.MCLP || model == locate.LSCP || model == locate.Backup
	t0 := time.Now()
	cutoff := o.MaxCost
	if usesR {
		cutoff = o.Radius
	}
	var in *locInput
	if o.Matrix != "" {
		in, err = matrixInput(ctx, &o)
	} else {
		in, err = pointInput(ctx, &o, cutoff)
	}
	if err != nil {
		return nil, err
	}
	tInput := time.Since(t0)
	cfg := locate.Config{Model: model, P: max(o.P, 0), Radius: o.Radius, Solver: solver, MaxNodes: o.MaxNodes,
		MaxWork: o.MaxWork, TimeLimit: o.TimeLimit}
	for _, ids := range []struct {
		key string
		ids []string
		dst *[]int32
	}{{"fixed", o.Fixed, &cfg.Fixed}, {"exclude", o.Exclude, &cfg.Excluded}} {
		for _, id := range ids.ids {
			j, ok := in.siteIndex[strings.TrimSpace(id)]
			if !ok {
				return nil, usage.Errorf("{%s}: %q is not a candidate site id", ids.key, id)
			}
			*ids.dst = append(*ids.dst, j)
		}
	}
	cfg.Excluded = append(cfg.Excluded, in.notCandidate...)
	for j := in.candidates; j < in.inst.NumSites(); j++ {
		cfg.Fixed = append(cfg.Fixed, int32(j))
	}
	if o.Capacities != "" {
		cfg.Capacity = in.capacity
	}
	in.labels.CoverageRadius, in.labels.CoverageRelevant = o.Radius, usesR
	t1 := time.Now()
	sol, err := locate.Solve(ctx, in.inst, cfg)
	switch {
	case errors.Is(err, locate.ErrInvalid):
		return nil, usage.Wrap("", err)
	case err != nil:
		return nil, err
	}
	tSolve := time.Since(t1)
	if sol.Stopped != "" {
		fmt.Fprintf(stderr, "partons: locate: not proven optimal: branch and bound stopped at its %s after %d nodes; objective %.10g, proven %s bound %.10g, gap %.4g%%\n",
			strings.ReplaceAll(sol.Stopped, "_", " "), sol.Nodes, sol.Objective, boundSide(model), sol.Bound, sol.Gap*100)
	}
	if locate.NoDemandWeight(sol, in.inst) {
		fmt.Fprintf(stderr, "partons: warning: "+locate.NoWeightWarning+"\n", sol.Model)
	}
	if err := writeLocate(ctx, &o, in, cfg, sol, stderr); err != nil {
		return nil, err
	}
	return &Outcome{Solution: sol, Instance: in.inst, Labels: in.labels, CostUnit: in.costUnit, Inputs: tInput, Solve: tSolve}, nil
}

// boundSide names the side of the optimum a proven bound lies on.
func boundSide(m locate.Model) string {
	if m.Maximise() {
		return "upper"
	}
	return "lower"
}

// matrixInput reads --matrix, --demand, --candidates and --capacities.
func matrixInput(ctx context.Context, o *Options) (*locInput, error) {
	in := &locInput{costKind: "matrix", costUnit: "matrix unit"}
	var m *odmatrix.Matrix
	var demand, supply []odmatrix.Weighted
	if err := readHashed(in, o.Matrix, "matrix", func(r io.Reader) (err error) { m, err = odmatrix.ReadOD(o.Matrix, r); return }); err != nil {
		return nil, err
	}
	if err := readHashed(in, o.Demand, "demand", func(r io.Reader) (err error) { demand, err = odmatrix.ReadDemand(o.Demand, r); return }); err != nil {
		return nil, err
	}
	if o.Capacities != "" {
		if err := readHashed(in, o.Capacities, "capacities", func(r io.Reader) (err error) { supply, err = odmatrix.ReadSupply(o.Capacities, r); return }); err != nil {
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
			return nil, fmt.Errorf("%w: %s: %v", datasets.ErrInvalid, o.Matrix, err)
		}
		return nil, err
	}
	if in.inst, err = locate.NewInstance(w, costs); err != nil {
		return nil, fmt.Errorf("%w: %s: %v", datasets.ErrInvalid, o.Matrix, err)
	}
	in.labels.CostDecimals = -1
	if o.Candidates != "" {
		ids, err := readIDColumn(in, o.Candidates)
		if err != nil {
			return nil, err
		}
		keep := make(map[int32]bool)
		for _, id := range ids {
			j, ok := in.siteIndex[id]
			if !ok {
				return nil, fmt.Errorf("%w: %s: candidate %q is not a destination of %s", datasets.ErrInvalid, o.Candidates, id, o.Matrix)
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
func pointInput(ctx context.Context, o *Options, cutoff float64) (*locInput, error) {
	in := &locInput{costKind: "straight-line WGS84 geodesic", costUnit: "m"}
	in.labels.CostDecimals = 1
	cfg := config.Default()
	var vsrc []load.Source
	for _, f := range o.Villages {
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
	if o.Candidates != "" {
		if cands, inputs, err = load.Villages([]load.Source{load.File(o.Candidates)}, cfg.Villages); err != nil {
			return nil, err
		}
		in.inputs = append(in.inputs, inputs...)
	}
	var svcs []datasets.Service
	if len(o.Services) > 0 {
		var ssrc []load.Source
		for _, f := range o.Services {
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
			if cat, _ := tax.Map(raw); o.Category == "" || study.SameCategory(cat, o.Category) {
				svcs = append(svcs, s)
			}
		}
	}
	checked := vs
	if o.Candidates != "" {
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
	addSite := func(id, name string, p orb.Point, source string) error {
		if _, dup := in.siteIndex[id]; dup {
			return fmt.Errorf("%w: site id %q is both a candidate and an existing service", datasets.ErrInvalid, id)
		}
		in.siteIndex[id] = int32(len(in.sitePts))
		in.labels.SiteIDs = append(in.labels.SiteIDs, id)
		in.labels.SiteNames = append(in.labels.SiteNames, name)
		in.sitePts = append(in.sitePts, p)
		in.siteSource = append(in.siteSource, source)
		return nil
	}
	for _, c := range cands {
		addSite(c.ID, c.Name, c.Location, c.Origin.Source) // candidate ids are unique (load checks)
	}
	in.candidates = len(cands)
	for _, s := range svcs {
		if err := addSite(s.ID, s.Name, s.Location, s.Origin.Source); err != nil {
			return nil, err
		}
	}
	var costs *travel.Costs
	if len(o.Roads) > 0 {
		costs, err = roadCosts(ctx, o, in, cutoff)
	} else {
		limit := cutoff
		if !(limit > 0) {
			limit = math.Inf(1)
		}
		costs, err = travel.GeodesicCosts(ctx, in.demandPts, in.sitePts, limit, 0)
		if errors.Is(err, travel.ErrInvalid) {
			return nil, usage.Wrap("", fmt.Errorf("%w ({max_cost})", err))
		}
	}
	if err != nil {
		return nil, err
	}
	if in.inst, err = locate.NewInstance(w, costs); err != nil {
		return nil, err
	}
	if o.Capacities != "" {
		var supply []odmatrix.Weighted
		if err := readHashed(in, o.Capacities, "capacities", func(r io.Reader) (err error) { supply, err = odmatrix.ReadSupply(o.Capacities, r); return }); err != nil {
			return nil, err
		}
		return in, setCapacities(in, supply)
	}
	return in, nil
}

// roadCosts snaps villages and sites onto the road network (the one
// snapping path of package travel) and runs one bounded search per site.
func roadCosts(ctx context.Context, o *Options, in *locInput, cutoff float64) (*travel.Costs, error) {
	profile, err := travel.ParseProfile(o.Profile)
	if err != nil {
		return nil, usage.Errorf("{profile} %q: want %s", o.Profile, road.ProfileNames)
	}
	weight, err := travel.ParseRouteBy(o.RouteBy)
	if err != nil {
		return nil, usage.Errorf("{route_by} %q: want length or time", o.RouteBy)
	}
	if weight == road.Time {
		in.costKind, in.costUnit, in.labels.CostDecimals = "road travel time ("+o.Profile+")", "min", 2
	} else {
		in.costKind, in.costUnit = "road length ("+o.Profile+")", "m"
	}
	g, _, _, err := roads.Load(ctx, o.Roads, profile, nil, false)
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
	mode := &travel.Road{Graph: g, RouteBy: weight, SnapM: o.SnapM}
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
	sn, err := matrix.Mode{M: m, Unit: travel.Metres}.Snap(ctx, demand, sites)
	if err != nil {
		return nil, err
	}
	all := make([]int32, len(sites))
	for j := range all {
		all[j] = int32(j)
	}
	return sn.Costs(ctx, all, math.Inf(1))
}
