package files

import (
	"bufio"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/paulmach/orb"

	"github.com/partons/partons/analysis"
	"github.com/partons/partons/analysis/delta"
	"github.com/partons/partons/analysis/tables"
	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/geojsonio/collection"
	"github.com/partons/partons/datasets/table"
	"github.com/partons/partons/render/layers"
	"github.com/partons/partons/render/output"
	"github.com/partons/partons/render/report"
	"github.com/partons/partons/render/report/input"
)

// Report is a kind of report folder, as a set of bits.
type Report uint8

// The report folders partons writes.
const (
	// Run is the folder of `partons run`, and each folder of a scenario
	// report (its base and every variant).
	Run Report = 1 << iota
	// Variant is a scenario variant's folder (the Run files and more).
	Variant
	// Scenario is the top folder of a scenario report.
	Scenario
	// Locate is the folder of `partons locate`.
	Locate
	// History is the folder of `partons history`.
	History
)

// File is one file a report may hold.
type File struct {
	Name string
	// Description is what the file holds, as manifest.json lists it.
	Description string
	// In is the reports that may hold the file.
	In Report
	// Selectable files may be named in a run's outputs; Default ones
	// are written when it is not given.
	Selectable, Default bool
	// Beside names the selectable file this one is written with (for
	// help texts and manifests); When says what else it needs ("with
	// {model}"), naming options by their run-spec key written {key}
	// (OutputsHelp renders them).
	Beside, When string

	write func(w *bufio.Writer, c *Content) error
}

// Layer is a table with one geometry (WGS84 lon/lat) per row.
type Layer struct {
	Table      table.Table
	Geometries []orb.Geometry
}

// Content is what a report's writers read. Each writer reads only its
// own fields; the rest may stay empty.
type Content struct {
	Result     *analysis.Result
	Aggregates []analysis.Aggregate
	// Report is what report.html, partons.gpkg and villages.qml show.
	Report input.Input
	// DataDate is the GeoPackage layers' last change (never the clock).
	DataDate time.Time
	// Attribution is the "attribution" member of GeoJSON collections.
	Attribution string
	// RawCSV writes CSV text cells without the formula guard.
	RawCSV bool

	Delta *delta.Delta // a scenario variant against its base
	// HoursDelta is a variant's open-hour metrics against its base
	// (tables.OpenHoursDelta), when the base has opening hours.
	HoursDelta *table.Table
	Comparison table.Table // a scenario's headline indicators

	Sites           Layer       // locate: the chosen sites
	Assignment      table.Table // locate: every demand point's site
	AssignmentLines Layer       // locate: assigned points, one line each
	Summary         any         // locate: summary.json

	// Provenance gives attribution.csv the columns source, source_date
	// and reports of each closed service (Report.Provenance gives them
	// to services.csv and the GeoPackage); nil leaves them empty.
	Provenance func(serviceID string) (source, date string, reports []string)
	// Contributions is contributions.csv: the residents' reports.
	Contributions table.Table

	Trends, TrendsAreas, ServiceChanges table.Table // history: years side by side

	Indicators table.Table // indicators.csv: official indicator sets

	// Boundaries are the run's boundaries; those with an area code are
	// written as areas.geojson (Areas).
	Boundaries []datasets.Boundary

	Manifest any // manifest.json
}

func (c *Content) guard() output.CSVOption { return output.CSVGuard(!c.RawCSV) }

func csvOf(tb func(c *Content) table.Table) func(w *bufio.Writer, c *Content) error {
	return func(w *bufio.Writer, c *Content) error { return output.WriteCSV(w, tb(c), c.guard()) }
}

func geojsonOf(name string, l func(c *Content) Layer) func(w *bufio.Writer, c *Content) error {
	return func(w *bufio.Writer, c *Content) error {
		ly := l(c)
		return collection.Write(w, ly.Table, ly.Geometries, collection.Options{Name: name, Attribution: c.Attribution})
	}
}

// optionKey is an option named {key} in When.
var optionKey = regexp.MustCompile(`\{([a-z][a-z0-9_.]*)\}`)

// registry lists every file, in the order manifest.json lists them.
var registry = []File{
	{Name: "villages.geojson", In: Run, Selectable: true, Default: true,
		Description: "one feature per input village, input order, original geometry, the columns of villages.csv as properties",
		write: geojsonOf("villages", func(c *Content) Layer {
			return Layer{tables.Villages(c.Result), VillageGeometries(c.Result)}
		})},
	{Name: "villages.csv", In: Run, Selectable: true, Default: true,
		Description: "one row per input village: identity, status, and per category nearest/domestic/abroad distances (m), border gain (m), counts within thresholds, basket",
		write:       csvOf(func(c *Content) table.Table { return tables.Villages(c.Result) })},
	{Name: "access.csv", In: Run, Selectable: true, Default: true,
		Description: "long form of villages.csv: village_id, category, metric, value, status",
		write:       csvOf(func(c *Content) table.Table { return tables.Access(c.Result) })},
	{Name: "areas.csv", In: Run, Selectable: true, Default: true,
		Description: "population-weighted aggregates per area, country and overall, per category and basis (nearest anywhere, domestic, road length and time or their estimates)",
		write:       csvOf(func(c *Content) table.Table { return tables.Areas(c.Result, c.Aggregates) })},
	{Name: "services.csv", In: Run, Selectable: true, Default: true,
		Description: "every input service with its mapped category and, when routed, its distance to the road network; with an access model, its catchment population and people per unit of capacity; its source (input file, OSM extracts or the sample's source), that source's date when known and the ids of the reports that changed it",
		write:       csvOf(func(c *Content) table.Table { return layers.ServiceTable(c.Result, c.Report.Provenance) })},
	{Name: "contributions.csv", In: Run, When: "with {contributions}",
		Description: "with residents' reports: every resident report with what became of it (applied, listed, superseded, rejected), " +
			"the service it is about, where and when it was observed, by whom, its note and evidence link",
		write: csvOf(func(c *Content) table.Table { return c.Contributions })},
	{Name: "open_hours.csv", In: Run, When: "with opening hours",
		Description: "with opening hours: per travel mode, category, threshold, area, country and overall, the share of people with a service open in each slot within the threshold (population yes, no, unknown) and the border gain in open hours (mean hours a week with every service, at home, and their difference)",
		write:       csvOf(func(c *Content) table.Table { return tables.OpenHours(c.Result) })},
	{Name: "inequality.csv", In: Run, When: "with {model}",
		Description: "with access models: population-weighted distribution of each model's access per area, country and overall (mean, Gini, Theil, Palma, percentiles, share without a value)",
		write:       csvOf(func(c *Content) table.Table { return tables.Inequality(c.Result) })},
	{Name: "report.html", In: Run | Locate, Selectable: true, Default: true,
		Description: "a self-contained report (no network access): headline figures, maps, distribution charts, villages worst off, sources, coverage and attributions, in the report language",
		write:       func(w *bufio.Writer, c *Content) error { return report.Write(w, c.Report) }},
	{Name: "partons.gpkg", In: Run | Locate, When: "with {format} gpkg",
		Description: "when asked for: GeoPackage with styled layers (villages, village_polygons, services, areas) for QGIS",
		write:       func(w *bufio.Writer, c *Content) error { return layers.GeoPackage(w, c.Report, c.DataDate) }},
	{Name: "villages.qml", In: Run, Beside: "villages.geojson",
		Description: "the default QGIS style of villages.geojson",
		write: func(w *bufio.Writer, c *Content) error {
			_, err := w.Write(layers.StyleFiles(c.Report)["villages.qml"])
			return err
		}},
	{Name: "delta_villages.csv", In: Variant,
		Description: "per village and category whose values changed (every village and category when asked; the scenario's manifest.json counts the unchanged rows left out, per variant): base and variant nearest distance (and road length and time when routed), the change (m, negative closer), coverage lost or gained per threshold, the closed service that was nearest",
		write:       csvOf(func(c *Content) table.Table { return c.Delta.Table() })},
	{Name: "delta_villages.geojson", In: Variant,
		Description: "delta_villages.csv with each village's geometry, the same rows",
		write: geojsonOf("delta_villages", func(c *Content) Layer {
			return Layer{c.Delta.Table(), c.Delta.Geometries()}
		})},
	{Name: "delta_open_hours.csv", In: Variant, When: "with opening hours",
		Description: "with opening hours: per village, travel mode, category and metric whose value or status changed, the base and variant cost to the nearest service open in each slot and hours a week a service within each threshold is open, and the change",
		write:       csvOf(func(c *Content) table.Table { return *c.HoursDelta })},
	{Name: "attribution.csv", In: Variant,
		Description: "per closed service: the villages whose nearest it was, their people, and per threshold the people who lose coverage; its source, that source's date when known and the ids of the reports that changed it (as in services.csv)",
		write: csvOf(func(c *Content) table.Table {
			return layers.WithProvenance(c.Delta.Attribution(), "service_id", c.Provenance)
		})},
	{Name: "comparison.csv", In: Scenario,
		Description: "headline indicators of the base and every variant per country and overall: shares within thresholds, mean, 90th percentile, people losing and gaining",
		write:       csvOf(func(c *Content) table.Table { return c.Comparison })},
	{Name: "sites.csv", In: Locate,
		Description: "the chosen and fixed sites with the demand points and people assigned to each",
		write:       csvOf(func(c *Content) table.Table { return c.Sites.Table })},
	{Name: "assignment.csv", In: Locate,
		Description: "every demand point with its population, the site it is assigned to, the cost and its status",
		write:       csvOf(func(c *Content) table.Table { return c.Assignment })},
	{Name: "summary.json", In: Locate,
		Description: "the model and its parameters, the objective, a proven bound and the gap, status and warnings",
		write:       func(w *bufio.Writer, c *Content) error { return output.WriteJSON(w, c.Summary) }},
	{Name: "sites.geojson", In: Locate, When: "with villages (not {matrix})",
		Description: "sites.csv as points",
		write:       geojsonOf("sites", func(c *Content) Layer { return c.Sites })},
	{Name: "assignment.geojson", In: Locate, When: "with villages (not {matrix})",
		Description: "assignment.csv as lines from each assigned demand point to its site",
		write:       geojsonOf("assignment", func(c *Content) Layer { return c.AssignmentLines })},
	{Name: "indicators.csv", In: Run, When: "with {indicators}",
		Description: "with official indicators: per village, official indicator set (the Flemish basic services, INSEE's gamme de proximité) and member: nearest distance (m), nearest service and its country, road time when routed, within each of the set's thresholds; a row 'all' with the farthest member (incomplete when a member is unknown)",
		write:       csvOf(func(c *Content) table.Table { return c.Indicators })},
	{Name: "areas.geojson", In: Run, When: "with boundaries that name areas",
		Description: "with boundaries that name areas (an area code): one feature per area, sorted by country and code, " +
			"with area_code, area_name and country (as in areas.csv) and every polygon of its boundaries as one multipolygon",
		write: geojsonOf("areas", func(c *Content) Layer { return Areas(c.Boundaries) })},
	{Name: "trends.csv", In: History,
		Description: "per village, category and year: nearest distance (m), nearest service and its side of the border, coverage within each threshold every year has, change from the year before, first and last years with a distance and the change between them; villages and categories missing from a year marked missing_village, missing_category",
		write:       csvOf(func(c *Content) table.Table { return c.Trends })},
	{Name: "trends_areas.csv", In: History,
		Description: "per area, category, basis and year: people measured, shares within the thresholds, mean, median and 90th percentile distance, and the change of the median and shares from the first to the last year; rows missing from a year marked missing_area",
		write:       csvOf(func(c *Content) table.Table { return c.TrendsAreas })},
	{Name: "service_changes.csv", In: History,
		Description: "services that appeared, disappeared, moved or changed category between consecutive years (missing_category when one run has no data of the kind)",
		write:       csvOf(func(c *Content) table.Table { return c.ServiceChanges })},
	{Name: "manifest.json", In: Run | Scenario | Locate | History,
		Description: "this file",
		write:       func(w *bufio.Writer, c *Content) error { return output.WriteJSON(w, c.Manifest) }},
}

// All lists every file, in manifest order.
func All() []File { return slices.Clone(registry) }

// Of lists the files reports of kind r may hold, in manifest order.
func Of(r Report) []File {
	var out []File
	for _, f := range registry {
		if f.In&r != 0 {
			out = append(out, f)
		}
	}
	return out
}

// Lookup finds a file by name.
func Lookup(name string) (File, bool) {
	i := slices.IndexFunc(registry, func(f File) bool { return f.Name == name })
	if i < 0 {
		return File{}, false
	}
	return registry[i], true
}

// Names are the names of files, in their order.
func Names(fs []File) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = f.Name
	}
	return out
}

// Defaults are the files a run writes when its outputs are not named.
func Defaults() []string {
	return Names(slices.DeleteFunc(All(), func(f File) bool { return !f.Default }))
}

// Selectable are the files a run's outputs option may name.
func Selectable() []string {
	return Names(slices.DeleteFunc(All(), func(f File) bool { return !f.Selectable }))
}

// Writer is f's writer over c.
func (f File) Writer(c *Content) func(w *bufio.Writer) error {
	return func(w *bufio.Writer) error {
		if f.write == nil {
			return fmt.Errorf("files: %s has no writer", f.Name)
		}
		return f.write(w, c)
	}
}

// OutputsHelp is the help of a run's outputs option: the selectable
// files with the files written beside them, then what is always written
// and what other options add, each option written name(key) (a command
// line passes the flag of a run-spec key).
func OutputsHelp(name func(key string) string) string {
	var sel, more []string
	for _, f := range Of(Run) {
		switch {
		case f.Selectable:
			s := f.Name
			for _, b := range registry {
				if b.Beside == f.Name {
					s += " (with " + b.Name + ")"
				}
			}
			sel = append(sel, s)
		case f.When != "":
			more = append(more, f.Name+" comes "+optionKey.ReplaceAllStringFunc(f.When, func(m string) string { return name(m[1 : len(m)-1]) }))
		}
	}
	return "report files to write, of: " + strings.Join(sel, ", ") +
		" (manifest.json always is; " + strings.Join(more, ", ") + ")"
}

// VillageGeometries is each village's original geometry (its location
// when it has none), as villages.geojson writes them.
func VillageGeometries(r *analysis.Result) []orb.Geometry {
	g := make([]orb.Geometry, len(r.Villages))
	for i := range r.Villages {
		g[i] = r.Villages[i].Geometry
		if g[i] == nil {
			g[i] = r.Villages[i].Location
		}
	}
	return g
}
