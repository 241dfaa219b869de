package main

import (
	"time"

	"github.com/partons/partons/analysis"
	"github.com/partons/partons/analysis/report"
	"github.com/partons/partons/datasets/qml"
)

// reportInput gathers what report.html and partons.gpkg show.
func reportInput(res *analysis.Result, aggs []analysis.Aggregate, m *manifest) report.Input {
	lang, _ := qml.ParseLang(m.Run.Lang)
	in := report.Input{Result: res, Aggregates: aggs, Lang: lang, DataDate: dataDate(m).Format("2006-01-02"),
		Attributions: m.Attribution, Caveats: m.Caveats, Coverage: report.CoverageFromWesthoek(m.Coverage.Notes)}
	if len(m.Run.Villages) == 0 {
		in.Subtitle = "Westhoek"
	}
	for _, d := range m.Data {
		in.Sources = append(in.Sources, report.Source{Name: d.Name, Vintage: d.Vintage, Licence: d.Licence, Attribution: d.Attribution})
	}
	return in
}

// dataDate is the date a report states for its data (never the clock):
// the OSM replication time of the road network when there is one, the
// embedded sample's latest vintage (2026) for the demo, else 1970-01-01.
func dataDate(m *manifest) time.Time {
	if m.Roads != nil && m.Roads.DataDate != "" {
		if t, err := time.Parse(time.RFC3339, m.Roads.DataDate); err == nil {
			return t.UTC().Truncate(24 * time.Hour)
		}
	}
	if len(m.Run.Villages) == 0 {
		return time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	return time.Unix(0, 0).UTC()
}
