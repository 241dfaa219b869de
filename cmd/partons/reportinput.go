package main

import (
	"path/filepath"
	"slices"
	"time"

	"github.com/partons/partons/analysis"
	"github.com/partons/partons/datasets/westhoek"
	"github.com/partons/partons/render/qml"
	"github.com/partons/partons/render/report"
)

// reportInput gathers what report.html and partons.gpkg show, from the run
// itself, never from manifest.json (an output): the title and language
// asked for (j.spec), the categories' labels and the files read (in), the
// region (the embedded sample's name, else left to the report: the
// villages' countries), and every data source with its own date, "unknown"
// when the source has none (dataSources). Input files of the user are
// listed as sources of unknown date: partons cannot know it.
func reportInput(j *job, in *inputs, res *analysis.Result, aggs []analysis.Aggregate) report.Input {
	lang, _ := qml.ParseLang(j.spec.Lang)
	src := dataSources(j, in, res)
	ri := report.Input{Result: res, Aggregates: aggs, Lang: lang, Title: j.spec.Title,
		Attributions: attributions(src), Translations: sourceTexts}
	if j.meta != nil {
		ri.Caveats, ri.Coverage = j.meta.Caveats, report.CoverageFromWesthoek(j.meta.Coverage)
	}
	for _, e := range in.mapping {
		if e.Label != "" {
			if ri.Labels == nil {
				ri.Labels = map[string]string{}
			}
			ri.Labels[e.Category] = e.Label
		}
	}
	if embeddedRun(&j.spec) {
		ri.Subtitle = "Westhoek"
		ri.Translations = westhoek.Translations
	} else {
		for _, f := range in.files {
			if f.Kind == "osm" {
				continue // dated by the extracts' own source below
			}
			ri.Sources = append(ri.Sources, report.Source{Name: filepath.Base(f.Name) + " (" + lang.Lookup(kindNames, f.Kind) + ")"})
		}
	}
	for _, d := range src {
		ri.Sources = append(ri.Sources, report.Source{Name: d.Name, Vintage: day(d.Vintage), Licence: d.Licence, Attribution: d.Attribution})
	}
	return ri
}

// dataSources are the data a run's figures come from, in order: the
// embedded sample's sources, the --osm extracts, the road network (when
// routed on one), and the user's --attribution. manifest.json and
// report.html both list them.
func dataSources(j *job, in *inputs, res *analysis.Result) []manifestSource {
	var out []manifestSource
	if j.meta != nil {
		for _, s := range j.meta.Sources {
			out = append(out, manifestSource{Name: s.Name, Vintage: s.Vintage, Licence: s.Licence, Attribution: s.Attribution})
		}
	}
	if len(j.spec.OSM) > 0 {
		out = append(out, manifestSource{Name: osmExtractSource, Vintage: in.osmDate,
			Licence: "ODbL 1.0", Attribution: "© OpenStreetMap contributors"})
	}
	if res.Params.Road != nil && in.roads != nil {
		out = append(out, manifestSource{Name: osmRoadSource, Vintage: in.roads.DataDate,
			Licence: "ODbL 1.0", Attribution: "© OpenStreetMap contributors"})
	}
	for _, a := range j.attributions {
		out = append(out, manifestSource{Name: userDataSource, Attribution: a})
	}
	return out
}

// attributions are the distinct attributions of sources, in order; never
// nil.
func attributions(sources []manifestSource) []string {
	out := []string{}
	for _, d := range sources {
		if !slices.Contains(out, d.Attribution) {
			out = append(out, d.Attribution)
		}
	}
	return out
}

// embeddedRun says whether a run analysed the embedded Westhoek sample.
func embeddedRun(s *runSpec) bool {
	return len(s.Villages) == 0 && len(s.Services) == 0 && len(s.OSM) == 0
}

// day shortens an RFC 3339 timestamp (an OSM replication time) to its
// date; other vintages are returned as they are.
func day(v string) string {
	if t, err := time.Parse(time.RFC3339, v); err == nil {
		return t.UTC().Format("2006-01-02")
	}
	return v
}

// kindNames name the kinds of input file in nl, fr, en.
var kindNames = map[string][3]string{
	"villages":   {"dorpen", "villages", "villages"},
	"services":   {"diensten", "services", "services"},
	"boundaries": {"grenzen", "limites", "boundaries"},
}

// sourceTexts translates the names of the sources a run adds itself.
var sourceTexts = map[string][3]string{
	osmRoadSource:    {"OpenStreetMap-wegennet", "Réseau routier OpenStreetMap", osmRoadSource},
	osmExtractSource: {"OpenStreetMap-uittreksels: dorpen, diensten, grenzen", "Extraits OpenStreetMap : villages, services, limites", osmExtractSource},
	userDataSource:   {"door de gebruiker aangeleverde gegevens", "données fournies par l'utilisateur", userDataSource},
}

// Names of the data sources a run records in manifest.json.
const (
	osmRoadSource    = "OpenStreetMap road network"
	osmExtractSource = "OpenStreetMap extracts: villages, services, boundaries"
	userDataSource   = "user-supplied data"
)

// dataDate is the date written as the GeoPackage layers' last change
// (never the clock): the OSM replication time of the road network or of
// the --osm extracts, the embedded sample's latest vintage (2026), else
// the Unix epoch, which the GeoPackage needs as some date; report.html
// states each source's own date instead.
func dataDate(j *job, in *inputs, res *analysis.Result) time.Time {
	var roads, osm string
	if res.Params.Road != nil && in.roads != nil {
		roads = in.roads.DataDate
	}
	if len(j.spec.OSM) > 0 {
		osm = in.osmDate
	}
	for _, d := range []string{roads, osm} {
		if t, err := time.Parse("2006-01-02", day(d)); err == nil && d != "" {
			return t
		}
	}
	if embeddedRun(&j.spec) {
		return time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	return time.Unix(0, 0).UTC()
}
