package main

import (
	"path/filepath"
	"time"

	"github.com/partons/partons/analysis"
	"github.com/partons/partons/datasets/westhoek"
	"github.com/partons/partons/render/qml"
	"github.com/partons/partons/render/report"
)

// reportInput gathers what report.html and partons.gpkg show: the title
// given (--title), the region (the embedded sample's name, else left to
// the report: the villages' countries), and every data source with its
// own date, "unknown" when the source has none. Input files of the user
// are listed as sources of unknown date: partons cannot know it.
func reportInput(res *analysis.Result, aggs []analysis.Aggregate, m *manifest) report.Input {
	lang, _ := qml.ParseLang(m.Run.Lang)
	in := report.Input{Result: res, Aggregates: aggs, Lang: lang, Title: m.Run.Title,
		Attributions: m.Attribution, Caveats: m.Caveats, Coverage: report.CoverageFromWesthoek(m.Coverage.Notes),
		Translations: sourceTexts}
	for _, e := range m.Mapping {
		if e.Label != "" {
			if in.Labels == nil {
				in.Labels = map[string]string{}
			}
			in.Labels[e.Category] = e.Label
		}
	}
	if embeddedRun(m) {
		in.Subtitle = "Westhoek"
		in.Translations = westhoek.Translations
	} else {
		for _, f := range m.Inputs {
			if f.Kind == "osm" {
				continue // dated by the extracts' own source below
			}
			in.Sources = append(in.Sources, report.Source{Name: filepath.Base(f.Name) + " (" + lang.Lookup(kindNames, f.Kind) + ")"})
		}
	}
	for _, d := range m.Data {
		in.Sources = append(in.Sources, report.Source{Name: d.Name, Vintage: day(d.Vintage), Licence: d.Licence, Attribution: d.Attribution})
	}
	return in
}

// embeddedRun says whether a run analysed the embedded Westhoek sample.
func embeddedRun(m *manifest) bool {
	return len(m.Run.Villages) == 0 && len(m.Run.Services) == 0 && len(m.Run.OSM) == 0
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
func dataDate(m *manifest) time.Time {
	for _, d := range []string{roadsDate(m), osmDate(m)} {
		if t, err := time.Parse("2006-01-02", day(d)); err == nil && d != "" {
			return t
		}
	}
	if embeddedRun(m) {
		return time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	return time.Unix(0, 0).UTC()
}

func roadsDate(m *manifest) string {
	if m.Roads != nil {
		return m.Roads.DataDate
	}
	return ""
}

func osmDate(m *manifest) string {
	for _, d := range m.Data {
		if d.Name == osmExtractSource {
			return d.Vintage
		}
	}
	return ""
}
