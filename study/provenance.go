package study

import (
	"path/filepath"
	"strings"
	"time"

	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/contributions"
	"github.com/partons/partons/datasets/load"
)

// ServiceProvenance gives every service of a run, by id, its source, the
// source's date and the ids of the reports that changed it: what the
// reports recorded (in.Contrib) for the services they merged into or
// added, else serviceSource (a service a scenario adds comes from the
// scenario). The function is safe for concurrent calls.
func ServiceProvenance(j *Job, in *Inputs) func(id string) (source, date string, reports []string) {
	type prov struct{ source, date string }
	of := make(map[string]prov, len(in.Services))
	for i := range in.Services {
		name, date, _, _ := serviceSource(j, in, &in.Services[i])
		of[in.Services[i].ID] = prov{name, date}
	}
	c := in.Contrib
	return func(id string) (string, string, []string) {
		if c != nil {
			if source, date, reports, ok := c.Provenance(id); ok {
				return source, date, reports
			}
		}
		p := of[id]
		return p.source, p.date, nil
	}
}

// serviceSource names a service's source and its date. A service read
// from the embedded sample comes from the sample's source of its category
// and country; one read from OSM extracts from the extracts, of their data
// date; one read from a file from that file (named without its folder, so
// that a replay from elsewhere writes the same bytes), of the data date
// the file states, if any. A service no input holds (a scenario adds it)
// comes from what its origin names, of unknown date. vintage is the date
// as the source gives it (2015-11 for the sample's vintages, else
// YYYY-MM-DD), "" when unknown; date is the last day the source
// describes, ok false when unknown.
func serviceSource(j *Job, in *Inputs, s *datasets.Service) (name, vintage string, date time.Time, ok bool) {
	f := serviceInput(in, s.Origin.Source)
	switch {
	case f == nil:
		return filepath.Base(s.Origin.Source), "", time.Time{}, false
	case f.Kind == "osm":
		vintage, date, ok := utcDay(in.OSMDate)
		return OSMExtractSource, vintage, date, ok
	case j.Meta != nil:
		raw := s.Raw
		if raw == "" {
			raw = s.Category // not mapped yet
		}
		cat := j.Tax.Resolve(raw).Category
		for _, c := range j.Meta.Coverage {
			if c.Category == cat && c.Country == s.Country && c.Source != "" {
				d, ok := vintageEnd(c.Vintage)
				return c.Source, c.Vintage, d, ok
			}
		}
	}
	vintage, date, ok = utcDay(f.DataDate)
	return filepath.Base(s.Origin.Source), vintage, date, ok
}

// serviceInput is the services file or OSM extract named name, nil when
// the run read none.
func serviceInput(in *Inputs, name string) *load.Input {
	for i := range in.Files {
		if f := &in.Files[i]; f.Name == name && (f.Kind == "services" || f.Kind == "osm") {
			return f
		}
	}
	return nil
}

// utcDay is the UTC day of an RFC 3339 time, as YYYY-MM-DD and as a date;
// ok is false for "" or anything else.
func utcDay(rfc3339 string) (string, time.Time, bool) {
	t, err := time.Parse(time.RFC3339, rfc3339)
	if err != nil {
		return "", time.Time{}, false
	}
	y, m, d := t.UTC().Date()
	return t.UTC().Format(contributions.DateLayout), time.Date(y, m, d, 0, 0, 0, 0, time.UTC), true
}

// vintageEnd is the last day of a vintage written 2020, 2015-11 or
// 2020-01-01; ok is false for anything else.
func vintageEnd(v string) (time.Time, bool) {
	v = strings.TrimSpace(v)
	for _, f := range []struct {
		layout string
		end    func(t time.Time) time.Time
	}{
		{"2006-01-02", func(t time.Time) time.Time { return t }},
		{"2006-01", func(t time.Time) time.Time { return t.AddDate(0, 1, -1) }},
		{"2006", func(t time.Time) time.Time { return t.AddDate(1, 0, -1) }},
	} {
		if t, err := time.Parse(f.layout, v); err == nil {
			return f.end(t), true
		}
	}
	return time.Time{}, false
}
