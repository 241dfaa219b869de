package main

import (
	"context"
	"io"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/partons/partons/analysis"
	"github.com/partons/partons/analysis/indicators"
	"github.com/partons/partons/render/files"
	"github.com/partons/partons/render/output"
	"github.com/partons/partons/render/summary"
	"github.com/partons/partons/study"
	"github.com/partons/partons/study/run"
	"github.com/partons/partons/study/runspec"
)

// runOptions are the flags of `partons run`: the run's options, and how
// to run it.
type runOptions struct {
	spec         runspec.Options
	out          string
	manifestPath string
	workers      int
	quiet        bool

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
			o.spec.Given = givenKeys(cmd.Flags())
			return runRun(cmd.Context(), o, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	f := cmd.Flags()
	f.StringArrayVar(&o.spec.Villages, "villages", nil, "village file (GeoJSON or CSV); repeatable")
	f.StringArrayVar(&o.spec.Services, "services", nil, "service-point file (GeoJSON or CSV); repeatable")
	f.StringArrayVar(&o.spec.Contributions, "contributions", nil, "residents' reports about services (CSV or GeoJSON, FILE[:field=col,…]); repeatable")
	f.StringSliceVar(&o.spec.Indicators, "indicators", nil, "official indicator sets to write in indicators.csv: "+strings.Join(indicators.Names(), ", "))
	f.BoolVar(&o.spec.SampleContributions, "sample-contributions", false, "with the embedded sample: merge its example residents' reports")
	f.StringArrayVar(&o.spec.Boundaries, "boundaries", nil, "GeoJSON polygons with a country (and area) property, to fill in missing countries; repeatable")
	f.StringVarP(&o.out, "out", "o", "partons-out", "report directory (replaced atomically)")
	f.StringSliceVar(&o.spec.Outputs, "outputs", study.ReportFiles, files.OutputsHelp(flagName))
	f.StringVar(&o.manifestPath, "manifest", "", "rerun the run recorded in a manifest.json, byte for byte (inputs must be unchanged)")
	f.StringVar(&o.spec.Config, "config", "", "YAML configuration file (schemas, thresholds, basket, categories, coverage, public transport)")
	f.Float64SliceVar(&o.spec.ThresholdsM, "thresholds-m", analysis.DefaultThresholdsM, "distance thresholds in metres, ascending")
	f.StringSliceVar(&o.spec.Categories, "categories", nil, "only these categories, in this order (default: all, sorted)")
	f.BoolVar(&o.spec.CrossBorder, "cross-border", true, "split nearest services into domestic and abroad (needs countries)")
	f.StringArrayVar(&o.spec.VillageFields, "village-field", nil, "map a village field to a column/property, e.g. population=pop_2026; repeatable")
	f.StringArrayVar(&o.spec.ServiceFields, "service-field", nil, "map a service field to a column/property, e.g. category=type; repeatable")
	f.IntVar(&o.spec.VillagesEPSG, "villages-epsg", 0, "EPSG code of x/y columns in village CSV files (4326, 3035, 2154, 31370, 32631)")
	f.IntVar(&o.spec.ServicesEPSG, "services-epsg", 0, "EPSG code of x/y columns in service CSV files")
	f.StringArrayVar(&o.spec.Attributions, "attribution", nil, "attribution of your input data, carried into the reports; repeatable")
	f.StringArrayVar(&o.spec.Roads, "roads", nil, "road network: OSM extracts (.osm.pbf, .osm, .osm.bz2; several are merged) or one graph file from 'partons prepare'; repeatable")
	f.StringArrayVar(&o.spec.OSM, "osm", nil, "OpenStreetMap extracts giving villages, services, boundaries and (unless --roads) the road network; repeatable")
	f.StringArrayVar(&o.spec.Population, "population", nil, "with --osm: [CC=]CSV of official population per municipality (NIS/INSEE code or name); repeatable")
	f.BoolVar(&o.spec.Apportion, "apportion", false, "with --osm: share a municipality's population among its villages by place class")
	f.StringVar(&o.spec.Profile, "profile", "car", "travel mode: car, bicycle or foot")
	f.StringVar(&o.spec.RouteBy, "route-by", "time", "routes minimise travel time (time) or length (length)")
	f.Float64Var(&o.spec.SnapM, "snap-m", 1000, "snapping tolerance in metres: villages and services farther from any road are unsnapped")
	f.Float64Var(&o.spec.MaxRoadM, "max-road-m", 0, "ignore services farther than this by road (metres; needs --route-by length)")
	f.Float64Var(&o.spec.MaxTimeMin, "max-time-min", 0, "ignore services farther than this by road (minutes)")
	f.StringVar(&o.spec.Border, "border", "open", "open, or closed to forbid crossing national borders by road (countries from --boundaries, else from the road extracts' admin_level=2 relations)")
	f.BoolVar(&o.spec.ExactRoads, "exact-roads", false, "search roads with Dijkstra even when the graph file holds a contraction hierarchy (prepare --hierarchy): costs bit for bit, slower")
	f.Float64SliceVar(&o.spec.TimeThresholdsMin, "time-thresholds-min", analysis.DefaultTimeThresholdsMin, "travel-time thresholds in minutes for coverage shares")
	f.StringVar(&o.spec.Format, "format", "", "extra format: gpkg writes partons.gpkg (styled GeoPackage for QGIS)")
	f.StringVar(&o.spec.Lang, "lang", "en", "language of report.html and the styles: nl, fr or en")
	f.StringVar(&o.spec.Title, "title", "", `title of report.html (default "Access to everyday services" in --lang, the region below it)`)
	f.StringArrayVar(&o.spec.Models, "model", nil, "accessibility model per category: 2sfca, e2sfca, 3sfca, gravity, cumulative, nearestN; repeatable (adds {cat}_access_{model} and inequality.csv)")
	f.StringVar(&o.spec.Decay, "decay", "", "distance decay of the models, e.g. gaussian:sigma=2000 (default: each model's)")
	f.Float64Var(&o.spec.Catchment, "catchment", 0, "model catchment in cost units: metres straight-line (default 10000), minutes by road time (default 30)")
	f.StringVar(&o.spec.When, "when", "", "reference week of opening hours: a date (2026-07-14) or an ISO week (2026-W29); default: the first week from the data date without public holidays; required when the inputs give no data date")
	f.BoolVar(&o.spec.LenientHours, "lenient-hours", false, "read opening_hours values partons cannot read as unknown (counted in the manifest) instead of failing")
	f.IntVar(&o.workers, "workers", 0, "goroutines (default: all cores)")
	addTransitFlags(f, &o.spec)
	addQuietFlag(cmd, &o.quiet)
	limitFlag(f, positive, "thresholds-m", "snap-m", "time-thresholds-min")
	limitFlag(f, nonNegative, "max-road-m", "max-time-min", "catchment", "workers", "villages-epsg", "services-epsg")
	addCSVRawFlag(cmd, &o.spec.CSVRaw)
	return cmd
}

func runRun(ctx context.Context, o *runOptions, stdout, stderr io.Writer) error {
	var spec study.Spec
	var err error
	var want *study.Manifest
	if o.manifestPath != "" {
		if spec, want, err = specFromManifest(o, stderr); err != nil {
			return err
		}
	} else if spec, err = runspec.Resolve(o.spec); err != nil {
		return flagged(err)
	}
	if err := checkOutputs("run", []output.Path{outDir("--out", o.out)}, specPaths(spec),
		paths("--config", o.spec.Config), paths("--manifest", o.manifestPath)); err != nil {
		return err
	}
	memoryForRun()
	rep, err := run.Run(ctx, spec, run.Options{Out: o.out, Workers: o.workers, Quiet: o.quiet,
		Replay: want, ManifestPath: o.manifestPath, Stderr: stderr})
	if err != nil {
		return flagged(runspec.SpecError(err))
	}
	return summary.Write(stdout, o.out, rep.Result, rep.Aggregates, rep.Manifest)
}

// givenKeys are the option keys of the flags given in f ("thresholds_m"
// for --thresholds-m).
func givenKeys(f *pflag.FlagSet) map[string]bool {
	given := map[string]bool{}
	f.Visit(func(fl *pflag.Flag) { given[strings.ReplaceAll(fl.Name, "-", "_")] = true })
	return given
}
