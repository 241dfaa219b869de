package study

import (
	"slices"
	"time"

	"github.com/partons/partons/analysis"
)

// DataSources are the data a run's figures come from, in order: the
// embedded sample's sources, the OSM extracts, the road network (when
// routed on one), the public-transport feeds, and the user's
// attributions. manifest.json and
// report.html both list them.
func DataSources(j *Job, in *Inputs, res *analysis.Result) []Source {
	var out []Source
	if j.Meta != nil {
		for _, s := range j.Meta.Sources {
			out = append(out, Source{Name: s.Name, Vintage: s.Vintage, Licence: s.Licence, Attribution: s.Attribution})
		}
	}
	if len(j.Spec.OSM) > 0 {
		out = append(out, Source{Name: OSMExtractSource, Vintage: in.OSMDate,
			Licence: "ODbL 1.0", Attribution: "© OpenStreetMap contributors"})
	}
	if res.Params.Road != nil && in.Roads != nil {
		out = append(out, Source{Name: OSMRoadSource, Vintage: in.Roads.DataDate,
			Licence: "ODbL 1.0", Attribution: "© OpenStreetMap contributors"})
	}
	out = append(out, j.TransitSources...)
	for _, a := range j.Attributions {
		out = append(out, Source{Name: UserDataSource, Attribution: a})
	}
	return out
}

// Attributions are the distinct attributions of sources, in order; never
// nil.
func Attributions(sources []Source) []string {
	out := []string{}
	for _, d := range sources {
		if !slices.Contains(out, d.Attribution) {
			out = append(out, d.Attribution)
		}
	}
	return out
}

// EmbeddedRun says whether a run analysed the embedded Westhoek sample.
func EmbeddedRun(s *Spec) bool {
	return len(s.Villages) == 0 && len(s.Services) == 0 && len(s.OSM) == 0
}

// Day shortens an RFC 3339 timestamp (an OSM replication time) to its
// date; other vintages are returned as they are.
func Day(v string) string {
	if t, err := time.Parse(time.RFC3339, v); err == nil {
		return t.UTC().Format("2006-01-02")
	}
	return v
}

// DataDate is the date written as the GeoPackage layers' last change
// (never the clock): the OSM replication time of the road network or of
// the OSM extracts, the newest date the village, service and boundary
// files state (the "data_date" of the files partons extract writes), the
// embedded sample's latest vintage (2026), else
// the Unix epoch, which the GeoPackage needs as some date; report.html
// states each source's own date instead.
func DataDate(j *Job, in *Inputs, res *analysis.Result) time.Time {
	var roads, osm string
	if res.Params.Road != nil && in.Roads != nil {
		roads = in.Roads.DataDate
	}
	if len(j.Spec.OSM) > 0 {
		osm = in.OSMDate
	}
	for _, d := range []string{roads, osm, filesDate(in)} {
		if t, err := time.Parse("2006-01-02", Day(d)); err == nil && d != "" {
			return t
		}
	}
	if EmbeddedRun(&j.Spec) {
		return time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	return time.Unix(0, 0).UTC()
}

// Names of the data sources a run records in manifest.json.
const (
	OSMRoadSource    = "OpenStreetMap road network"
	OSMExtractSource = "OpenStreetMap extracts: villages, services, boundaries"
	UserDataSource   = "user-supplied data"
)

// filesDate is the newest data date the village, service and boundary
// files state (RFC 3339), "" when none does.
func filesDate(in *Inputs) string {
	newest := ""
	var at time.Time
	for _, f := range in.Files {
		if f.DataDate == "" || (f.Kind != "villages" && f.Kind != "services" && f.Kind != "boundaries") {
			continue
		}
		if t, err := time.Parse(time.RFC3339, f.DataDate); err == nil && (newest == "" || t.After(at)) {
			newest, at = f.DataDate, t
		}
	}
	return newest
}
