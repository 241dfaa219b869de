package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/partons/partons/analysis"
	"github.com/partons/partons/analysis/indicators"
	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/config"
	"github.com/partons/partons/datasets/load"
	"github.com/partons/partons/datasets/osmextract"
	"github.com/partons/partons/datasets/population"
	"github.com/partons/partons/datasets/reportdir"
	"github.com/partons/partons/datasets/taxonomy"
	"github.com/partons/partons/datasets/westhoek"
	"github.com/partons/partons/geo/crs"
	"github.com/partons/partons/geo/road"
	"github.com/partons/partons/render/files"
	"github.com/partons/partons/render/output"
)

// runOptions are the flags of `partons run`.
type runOptions struct {
	villages, services, boundaries []string
	out                            string
	configPath                     string
	thresholdsM                    []float64
	categories                     []string
	crossBorder                    bool
	villageFields, serviceFields   []string
	villagesEPSG, servicesEPSG     int
	attributions                   []string
	workers                        int
	quiet                          bool
	csvRaw                         bool

	outputs           []string
	manifestPath      string
	models            []string
	format            string
	lang              string
	title             string
	decay             string
	catchment         float64
	roads             []string
	contributions     []string
	sampleContrib     bool
	indicators        []string
	osm               []string
	population        []string
	apportion         bool
	profile           string
	routeBy           string
	snapM             float64
	maxRoadM          float64
	maxTimeMin        float64
	border            string
	timeThresholdsMin []float64
	when              string
	lenientHours      bool
	transit           transitFlags

	changed func(flag string) bool
}

func newRunCmd() *cobra.Command {
	o := &runOptions{}
	cmd := &cobra.Command{
		Use:   "run",
		Short: "Compute per-village accessibility and write GeoJSON and CSV reports",
		Long: `Reads villages and service points (GeoJSON or CSV), indexes the services in
an R-tree and writes, for every village and service category, the nearest
service anywhere, in the village's own country and abroad (WGS84 geodesic
metres), counts within distance thresholds, a basket of everyday services,
and population-weighted aggregates per area, country and overall.

With no --villages and --services it analyses the embedded Westhoek sample
(Belgian West Flanders and French Flanders).`,
		Example: `  partons run
  partons run --villages villages.geojson --services shops.csv --services post.geojson --out report
  partons run --villages communes.csv --village-field population=pop_2026 --villages-epsg 2154 ...`,
		Args: wrapArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			o.changed = func(f string) bool { return cmd.Flags().Changed(f) }
			return runRun(cmd.Context(), o, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	f := cmd.Flags()
	f.StringArrayVar(&o.villages, "villages", nil, "village file (GeoJSON or CSV); repeatable")
	f.StringArrayVar(&o.services, "services", nil, "service-point file (GeoJSON or CSV); repeatable")
	f.StringArrayVar(&o.contributions, "contributions", nil, "residents' reports about services (CSV or GeoJSON, FILE[:field=col,…]); repeatable")
	f.StringSliceVar(&o.indicators, "indicators", nil, "official indicator sets to write in indicators.csv: "+strings.Join(indicators.Names(), ", "))
	f.BoolVar(&o.sampleContrib, "sample-contributions", false, "with the embedded sample: merge its example residents' reports")
	f.StringArrayVar(&o.boundaries, "boundaries", nil, "GeoJSON polygons with a country (and area) property, to fill in missing countries; repeatable")
	f.StringVarP(&o.out, "out", "o", "partons-out", "report directory (replaced atomically)")
	f.StringSliceVar(&o.outputs, "outputs", reportFiles, files.OutputsHelp())
	f.StringVar(&o.manifestPath, "manifest", "", "rerun the run recorded in a manifest.json, byte for byte (inputs must be unchanged)")
	f.StringVar(&o.configPath, "config", "", "YAML configuration file (schemas, thresholds, basket, categories, coverage)")
	f.Float64SliceVar(&o.thresholdsM, "thresholds-m", analysis.DefaultThresholdsM, "distance thresholds in metres, ascending")
	f.StringSliceVar(&o.categories, "categories", nil, "only these categories, in this order (default: all, sorted)")
	f.BoolVar(&o.crossBorder, "cross-border", true, "split nearest services into domestic and abroad (needs countries)")
	f.StringArrayVar(&o.villageFields, "village-field", nil, "map a village field to a column/property, e.g. population=pop_2026; repeatable")
	f.StringArrayVar(&o.serviceFields, "service-field", nil, "map a service field to a column/property, e.g. category=type; repeatable")
	f.IntVar(&o.villagesEPSG, "villages-epsg", 0, "EPSG code of x/y columns in village CSV files (4326, 3035, 2154, 31370, 32631)")
	f.IntVar(&o.servicesEPSG, "services-epsg", 0, "EPSG code of x/y columns in service CSV files")
	f.StringArrayVar(&o.attributions, "attribution", nil, "attribution of your input data, carried into the reports; repeatable")
	f.StringArrayVar(&o.roads, "roads", nil, "road network: OSM extracts (.osm.pbf, .osm, .osm.bz2; several are merged) or one graph file from 'partons prepare'; repeatable")
	f.StringArrayVar(&o.osm, "osm", nil, "OpenStreetMap extracts giving villages, services, boundaries and (unless --roads) the road network; repeatable")
	f.StringArrayVar(&o.population, "population", nil, "with --osm: [CC=]CSV of official population per municipality (NIS/INSEE code or name); repeatable")
	f.BoolVar(&o.apportion, "apportion", false, "with --osm: share a municipality's population among its villages by place class")
	f.StringVar(&o.profile, "profile", "car", "travel mode: car, bicycle or foot")
	f.StringVar(&o.routeBy, "route-by", "time", "routes minimise travel time (time) or length (length)")
	f.Float64Var(&o.snapM, "snap-m", 1000, "snapping tolerance in metres: villages and services farther from any road are unsnapped")
	f.Float64Var(&o.maxRoadM, "max-road-m", 0, "ignore services farther than this by road (metres; needs --route-by length)")
	f.Float64Var(&o.maxTimeMin, "max-time-min", 0, "ignore services farther than this by road (minutes)")
	f.StringVar(&o.border, "border", "open", "open, or closed to forbid crossing national borders by road (countries from --boundaries, else from the road extracts' admin_level=2 relations)")
	f.Float64SliceVar(&o.timeThresholdsMin, "time-thresholds-min", analysis.DefaultTimeThresholdsMin, "travel-time thresholds in minutes for coverage shares")
	f.StringVar(&o.format, "format", "", "extra format: gpkg writes partons.gpkg (styled GeoPackage for QGIS)")
	f.StringVar(&o.lang, "lang", "en", "language of report.html and the styles: nl, fr or en")
	f.StringVar(&o.title, "title", "", `title of report.html (default "Access to everyday services" in --lang, the region below it)`)
	f.StringArrayVar(&o.models, "model", nil, "accessibility model per category: 2sfca, e2sfca, 3sfca, gravity, cumulative, nearestN; repeatable (adds {cat}_access_{model} and inequality.csv)")
	f.StringVar(&o.decay, "decay", "", "distance decay of the models, e.g. gaussian:sigma=2000 (default: each model's)")
	f.Float64Var(&o.catchment, "catchment", 0, "model catchment in cost units: metres straight-line (default 10000), minutes by road time (default 30)")
	f.StringVar(&o.when, "when", "", "reference week of opening hours: a date (2026-07-14) or an ISO week (2026-W29); default: the first week from the data date without public holidays; required when the inputs give no data date")
	f.BoolVar(&o.lenientHours, "lenient-hours", false, "read opening_hours values partons cannot read as unknown (counted in the manifest) instead of failing")
	f.IntVar(&o.workers, "workers", 0, "goroutines (default: all cores)")
	addTransitFlags(f, &o.transit)
	addQuietFlag(cmd, &o.quiet)
	limitFlag(f, positive, "thresholds-m", "snap-m", "time-thresholds-min")
	limitFlag(f, nonNegative, "max-road-m", "max-time-min", "catchment", "workers", "villages-epsg", "services-epsg")
	addCSVRawFlag(cmd, &o.csvRaw)
	return cmd
}

// job is everything a run needs, resolved from a runSpec.
type job struct {
	spec         runSpec
	cfg          config.Config
	villageSrcs  []load.Source
	serviceSrcs  []load.Source
	boundSrcs    []load.Source
	embedded     bool
	params       analysis.Params
	tax          *taxonomy.Taxonomy
	names        *taxonomy.Names // category labels and their names
	meta         *westhoek.Metadata
	attributions []string
	roadFiles    []string
}

func runRun(ctx context.Context, o *runOptions, stdout, stderr io.Writer) error {
	p := newProgress(stderr, o.quiet)
	ctx = withProgress(ctx, p)
	var spec runSpec
	var err error
	var want *manifest
	if o.manifestPath != "" {
		if spec, want, err = specFromManifest(o); err != nil {
			return err
		}
	} else if spec, err = specFromFlags(o); err != nil {
		return err
	}
	if err := checkOutputs("run", []output.Path{outDir("--out", o.out)}, specPaths(spec),
		paths("--config", o.configPath), paths("--manifest", o.manifestPath)); err != nil {
		return err
	}
	j, err := jobFromSpec(spec, o.workers)
	if err != nil {
		if want != nil {
			return manifestSpecError(o.manifestPath, err)
		}
		return flagSpecError(err)
	}
	p.step("reading inputs")
	in, err := readInputs(ctx, j)
	if err != nil {
		return err
	}
	if want != nil {
		if err := checkInputsUnchanged(o.manifestPath, want, in); err != nil {
			return err
		}
	}
	if len(j.roadFiles) > 0 {
		p.step("reading the road network")
		if err := attachRoads(ctx, j, in, j.params.Road.ClosedBorder); err != nil {
			return err
		}
		if err := checkRoadsUnchanged(o.manifestPath, want, in.roads); err != nil {
			return err
		}
	}
	var transitInfo *reportdir.TransitInfo
	if len(j.spec.Transit) > 0 {
		p.step("reading the public-transport feeds")
		if transitInfo, err = attachTransit(ctx, j, stderr, o.quiet); err != nil {
			return err
		}
	}
	p.step(fmt.Sprintf("computing %d villages × %d services", len(in.villages), len(in.services)))
	j.params.Progress = p.bar("computing")
	res, err := analysis.Compute(ctx, in.villages, in.services, j.params)
	if err != nil {
		return err
	}
	// Aggregates of every basis go to areas.csv and the visual reports; the
	// summary alone needs only the straight-line ones.
	var aggs []analysis.Aggregate
	if slices.ContainsFunc(j.spec.Outputs, func(o string) bool {
		return o == "areas.csv" || o == "report.html" || o == "partons.gpkg"
	}) {
		aggs = res.Aggregates()
	} else {
		aggs = res.AggregatesFor(analysis.BasisNearest, analysis.BasisDomestic)
	}
	p.step("writing " + o.out)
	m := buildManifest(j, in, res)
	m.Transit = transitInfo
	if err := runHours(ctx, j, in, res, m); err != nil {
		return err
	}
	p.done()
	writeUnmapped(stderr, m.Mapping)
	writeCoverage(stderr, res.CoveragePairs())
	if err := m.RelativeTo(o.out); err != nil {
		return err
	}
	m.Outputs = filterOutputs(m.Outputs, j.spec.Outputs, len(j.params.Models) > 0)
	if skipReport(res, m) {
		fmt.Fprintf(stderr, "partons: report.html not written for %d villages (more than %d); name it in --outputs to force it\n", len(res.Villages), maxReportVillages)
	}
	if err := writeReport(ctx, o.out, j, in, res, aggs, m, stderr); err != nil {
		return err
	}
	p.done()
	return writeSummary(stdout, o.out, res, aggs, m)
}

// applyFields applies --village-field/--service-field key=column pairs
// and the EPSG flags on top of the configured schemas.
func applyFields(c *config.Config, o *runOptions) error {
	set := func(flag string, pairs []string, setter func(field, column string) error) error {
		for _, kv := range pairs {
			k, v, ok := strings.Cut(kv, "=")
			if !ok {
				return usagef("--%s %q: want FIELD=COLUMN", flag, kv)
			}
			if err := setter(strings.TrimSpace(k), strings.TrimSpace(v)); err != nil {
				return usagef("--%s %q: %v", flag, kv, err)
			}
		}
		return nil
	}
	if err := set("village-field", o.villageFields, c.Villages.Set); err != nil {
		return err
	}
	if err := set("service-field", o.serviceFields, c.Services.Set); err != nil {
		return err
	}
	for _, e := range []struct {
		flag string
		code int
		dst  *int
	}{{"villages-epsg", o.villagesEPSG, &c.Villages.Coords.EPSG}, {"services-epsg", o.servicesEPSG, &c.Services.Coords.EPSG}} {
		if e.code == 0 {
			continue
		}
		if _, err := crs.Name(e.code); err != nil {
			return usagef("--%s %d: %v", e.flag, e.code, err)
		}
		*e.dst = e.code
	}
	return nil
}

// inputs is what was read.
type inputs struct {
	villages   []datasets.Village
	services   []datasets.Service
	boundaries []datasets.Boundary
	files      []load.Input
	assign     analysis.AssignStats
	mapping    []mappingEntry
	roads      *roadInfo
	osmDate    string // with --osm: the extracts' data date (RFC 3339), "" unknown
	// osmRoads is the road network read with the --osm inputs when the
	// roads come from the same files, until it is built.
	osmRoads *osmRoads
	contrib  *contribRun // with --contributions: what the reports did
}

func readInputs(ctx context.Context, j *job) (*inputs, error) {
	in := &inputs{}
	var problems datasets.ErrorList
	collect := func(err error) error {
		if l, ok := err.(datasets.ErrorList); ok {
			problems = append(problems, l...)
			return nil
		}
		return err
	}
	var err error
	var files []load.Input
	if len(j.spec.OSM) > 0 {
		if err := readOSMInputs(ctx, j, in); err != nil {
			return nil, err
		}
		if err := mergeContributions(j, in); err != nil {
			return nil, err
		}
		if in.mapping, err = mapCategories(j.tax, j.names, in.services); err != nil {
			return nil, err
		}
		in.assign = analysis.AssignFromBoundaries(in.villages, in.services, in.boundaries)
		return in, nil
	}
	if in.villages, files, err = load.Villages(j.villageSrcs, j.cfg.Villages); collect(err) != nil {
		return nil, err
	}
	in.files = append(in.files, files...)
	if in.services, files, err = load.Services(j.serviceSrcs, j.cfg.Services); collect(err) != nil {
		return nil, err
	}
	in.files = append(in.files, files...)
	if len(j.boundSrcs) > 0 {
		if in.boundaries, files, err = load.Boundaries(j.boundSrcs, j.cfg.Boundaries); collect(err) != nil {
			return nil, err
		}
		in.files = append(in.files, files...)
	}
	if problems.Err() == nil {
		if err := mergeContributions(j, in); collect(err) != nil {
			return nil, err
		}
	}
	// Coordinates must lie where the records say they are (before
	// boundaries fill in countries, which would always agree).
	problems = append(problems, datasets.CheckPlacement(in.villages, in.services)...)
	problems = append(problems, datasets.CheckBoundaries(in.boundaries)...)
	if err := problems.Err(); err != nil {
		return nil, err
	}
	if err := datasets.CheckSeparation(in.villages, in.services); err != nil {
		return nil, err
	}
	if in.mapping, err = mapCategories(j.tax, j.names, in.services); err != nil {
		return nil, err
	}
	in.assign = analysis.AssignFromBoundaries(in.villages, in.services, in.boundaries)
	return in, nil
}

// progress prints steps on stderr when it is a terminal.
type progress struct {
	w  io.Writer
	on bool
}

func newProgress(w io.Writer, quiet bool) *progress {
	on := false
	if f, ok := w.(*os.File); ok && !quiet {
		if fi, err := f.Stat(); err == nil && fi.Mode()&os.ModeCharDevice != 0 {
			on = true
		}
	}
	return &progress{w: w, on: on}
}

func (p *progress) step(s string) {
	if p.on {
		fmt.Fprintf(p.w, "\r\033[K%s…", s)
	}
}

// bar returns a progress callback drawing "label [#####.....] 45%" on
// the terminal, redrawn at most every percent; nil when progress is off.
func (p *progress) bar(label string) func(done, total int) {
	if !p.on {
		return nil
	}
	last := -1
	return func(done, total int) {
		pct := 100 * done / max(total, 1)
		if pct == last {
			return
		}
		last = pct
		const width = 30
		n := width * done / max(total, 1)
		fmt.Fprintf(p.w, "\r\033[K%s [%s%s] %3d%%", label, strings.Repeat("#", n), strings.Repeat(".", width-n), pct)
	}
}

func (p *progress) done() {
	if p.on {
		fmt.Fprint(p.w, "\r\033[K")
	}
}

// readOSMInputs takes villages, services and boundaries from OSM extracts
// (and official population per municipality when given).
func readOSMInputs(ctx context.Context, j *job, in *inputs) error {
	tables, err := readPopulation(j.spec.Population, population.ReadOptions{})
	if err != nil {
		return err
	}
	// Roads from the same files are read in the same passes.
	var profiles []road.Profile
	if slices.Equal(j.roadFiles, j.spec.OSM) {
		profiles = []road.Profile{j.params.Road.Profile}
	}
	res, roads, err := readOSM(ctx, j.spec.OSM, &osmextract.Options{Taxonomy: j.tax}, profiles)
	if err != nil {
		return err
	}
	in.osmRoads = roads
	if len(tables) > 0 {
		osmextract.ApplyPopulation(res, tables, population.Options{Apportion: j.spec.Apportion})
	}
	in.villages, in.services, in.boundaries = res.Villages, res.Services, res.Boundaries
	if !res.Report.DataDate.IsZero() {
		in.osmDate = res.Report.DataDate.UTC().Format(time.RFC3339)
	}
	for _, f := range res.Report.Files {
		in.files = append(in.files, load.Input{Name: f.Name, Kind: "osm", Format: string(f.Format), SHA256: f.SHA256, Bytes: f.Size,
			Records: 0})
	}
	return nil
}
