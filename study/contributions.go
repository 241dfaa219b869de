package study

import (
	"errors"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/partons/partons/analysis"
	"github.com/partons/partons/datasets/reportdir"
	"github.com/partons/partons/datasets/scenario"
	"github.com/partons/partons/datasets/westhoek"
	"github.com/partons/partons/geo/geodesic"
	"github.com/partons/partons/study/usage"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"

	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/contributions"
	"github.com/partons/partons/datasets/load"
	"github.com/partons/partons/datasets/table"
)

// Today is the date reports are checked against (a report observed after
// it is an error); tests set it.
var Today = func() time.Time {
	y, m, d := time.Now().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// areaMarginDeg widens the villages' bounding box into the study area
// when no boundaries are given: a report's location must lie in it.
const areaMarginDeg = 0.1

// Contrib is what the reports did to a run's services.
type Contrib struct {
	merged *contributions.Result
	before []datasets.Service    // the services the reports were merged into
	prov   map[string]provenance // by service id
	opts   contributions.Options // as merged: ProposedChanges merges again
}

// provenance is where a service comes from and which reports changed it.
type provenance struct {
	source, date string
	reports      []string
}

// contribOf holds the reports of the runs whose manifests are being
// built (*manifest → *contribRun), for the writers of services.csv and
// contributions.csv, which see only the manifest.
var contribOf sync.Map

// ContribFor is the run behind m, nil without contributions.
func ContribFor(m *Manifest) *Contrib {
	if c, ok := contribOf.Load(m); ok {
		return c.(*Contrib)
	}
	return nil
}

// AttachContributions records a run's reports in its manifest.
func AttachContributions(m *Manifest, c *Contrib) {
	if c == nil {
		return
	}
	m.Contributions = c.Manifest()
	contribOf.Store(m, c)
}

const contribRules = "confirmed reports change the services when observed after their service's source date (or the source has no date); " +
	"proposed reports are listed and change nothing (a scenario may apply them); rejected reports are kept for the record"

// ContributionFiles resolves contributions files given as FILE[:field=col,…]
// into paths and per-file mappings (kind "contributions").
func ContributionFiles(args []string, ff []FileFields) ([]string, []FileFields) {
	var paths []string
	for _, a := range args {
		p, fields := SplitFileArg(a)
		paths = append(paths, p)
		if len(fields) > 0 {
			ff = append(ff, FileFields{Kind: "contributions", Path: p, Fields: fields})
		}
	}
	return paths, ff
}

// ReadContributions reads every contributions file of a run, each with
// its own mappings, and checks ids across files. Every problem of every
// file is returned at once.
func ReadContributions(files []string, ff []FileFields, extra ...load.Source) ([]contributions.Report, []load.Input, error) {
	srcs := make([]load.Source, len(files), len(files)+len(extra))
	for i, path := range files {
		fields := FieldsFor(ff, "contributions", path)
		s := contributions.DefaultSchema()
		if err := s.Apply(fields); err != nil {
			return nil, nil, usage.Errorf("{contributions} %s: %v", path, err)
		}
		srcs[i] = load.File(path)
		srcs[i].Fields = fields
	}
	return load.Contributions(append(srcs, extra...), contributions.DefaultSchema())
}

// mergeContributions reads the run's contributions and applies them to
// in.services (before categories are mapped), with proposed reports too
// when the spec asks for them. Without contributions it does nothing.
func mergeContributions(j *Job, in *Inputs) error {
	var sample []load.Source
	if j.Spec.SampleContributions {
		if !j.Embedded {
			return usage.Errorf("{sample_contributions} are reports about the embedded sample's services: drop {villages} and {services}, or give your own with {contributions}")
		}
		sample = append(sample, load.Bytes(westhoek.ContributionsFile, westhoek.Contributions()))
	}
	if len(j.Spec.Contributions) == 0 && len(sample) == 0 {
		return nil
	}
	reps, files, err := ReadContributions(j.Spec.Contributions, j.Spec.FileFields, sample...)
	if err != nil {
		return err
	}
	in.Files = append(in.Files, files...)
	source := func(s *datasets.Service) (string, string, time.Time, bool) { return serviceSource(j, in, s) }
	opts := contributions.Options{
		Today: Today(),
		SourceDate: func(s *datasets.Service) (time.Time, bool) {
			_, _, d, ok := source(s)
			return d, ok
		},
		InArea: studyArea(in),
	}
	merged, err := contributions.Merge(in.Services, reps, opts)
	if err != nil {
		return err
	}
	c := &Contrib{merged: merged, prov: map[string]provenance{}, opts: opts, before: in.Services}
	for i := range merged.Services {
		s := &merged.Services[i]
		p := provenance{reports: merged.Changes[i]}
		if merged.Added[i] {
			p.source, p.date = filepath.Base(s.Origin.Source), reportDate(reps, s.ID)
		} else {
			p.source, p.date, _, _ = source(s)
		}
		c.prov[s.ID] = p
	}
	if len(in.Boundaries) == 0 {
		fillCountries(merged, in.Villages)
	}
	in.Services = merged.Services
	in.Contrib = c
	return nil
}

func reportDate(reps []contributions.Report, id string) string {
	for i := range reps {
		if reps[i].ID == id {
			return reps[i].ObservedOn.Format(contributions.DateLayout)
		}
	}
	return ""
}

// serviceSource names a service's source and its date: the embedded
// sample's source of the service's category and country, the OSM
// extracts' data date with OSM inputs, else the name of the file it was read
// from (without its folder, so that a replay from elsewhere writes the
// same bytes), of unknown date. date is the last day the source describes.
func serviceSource(j *Job, in *Inputs, s *datasets.Service) (name, vintage string, date time.Time, ok bool) {
	switch {
	case j.Meta != nil:
		cat := j.Tax.Resolve(s.Category).Category
		for _, c := range j.Meta.Coverage {
			if c.Category == cat && c.Country == s.Country && c.Source != "" {
				d, ok := vintageEnd(c.Vintage)
				return c.Source, c.Vintage, d, ok
			}
		}
		return filepath.Base(s.Origin.Source), "", time.Time{}, false
	case in.OSMDate != "":
		t, err := time.Parse(time.RFC3339, in.OSMDate)
		if err != nil {
			return OSMExtractSource, "", time.Time{}, false
		}
		y, m, d := t.UTC().Date()
		return OSMExtractSource, t.UTC().Format(contributions.DateLayout), time.Date(y, m, d, 0, 0, 0, 0, time.UTC), true
	}
	return filepath.Base(s.Origin.Source), "", time.Time{}, false
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

// studyArea is where a report's location must lie: inside a boundary
// polygon when there are boundaries, else within areaMarginDeg of the
// villages' and services' bounding box.
func studyArea(in *Inputs) func(p orb.Point) bool {
	if len(in.Boundaries) > 0 {
		return func(p orb.Point) bool {
			for i := range in.Boundaries {
				b := &in.Boundaries[i]
				if b.Geometry.Bound().Contains(p) && planar.MultiPolygonContains(b.Geometry, p) {
					return true
				}
			}
			return false
		}
	}
	var box orb.Bound
	first := true
	extend := func(p orb.Point) {
		if first {
			box, first = p.Bound(), false
		} else {
			box = box.Extend(p)
		}
	}
	for i := range in.Villages {
		extend(in.Villages[i].Location)
	}
	for i := range in.Services {
		extend(in.Services[i].Location)
	}
	box = box.Pad(areaMarginDeg)
	return func(p orb.Point) bool { return !first && box.Contains(p) }
}

// Manifest returns the manifest's account of the reports.
func (c *Contrib) Manifest() *reportdir.Contributions {
	m := &reportdir.Contributions{Rules: contribRules, Outcomes: map[string]int{}, Closed: []string{}, Added: []string{}}
	for _, n := range c.merged.Counts() {
		m.Counts = append(m.Counts, reportdir.ContributionCount{Kind: string(n.Kind), Status: string(n.Status), Reports: n.Reports})
	}
	for _, e := range c.merged.Reports {
		m.Outcomes[string(e.Outcome)]++
	}
	for _, s := range c.merged.Closed {
		m.Closed = append(m.Closed, s.Service.ID)
	}
	for i, added := range c.merged.Added {
		if added {
			m.Added = append(m.Added, c.merged.Services[i].ID)
		}
	}
	return m
}

// Provenance gives a service's source, its date and the reports that
// changed it, for services.csv.
func (c *Contrib) Provenance(id string) (source, date string, reports []string) {
	p := c.prov[id]
	return p.source, p.date, p.reports
}

// ContributionsTable is contributions.csv: every report with what became
// of it, in input order. lon, lat are where the report is: the location
// it gives, else its service's position before the reports
// (located_by: report or service), so that a closure can be shown where
// the service was; name is the new service's name, else the service's.
func ContributionsTable(c *Contrib) table.Table {
	cols := []table.Column{{Name: "id"}, {Name: "kind"}, {Name: "status"}, {Name: "outcome"}, {Name: "service_id"},
		{Name: "category"}, {Name: "name"},
		{Name: "lon", Kind: table.Number, Decimals: 6, Unit: "degree"}, {Name: "lat", Kind: table.Number, Decimals: 6, Unit: "degree"},
		{Name: "located_by"},
		{Name: "observed_on"}, {Name: "reporter_role"}, {Name: "note"}, {Name: "evidence_url"}, {Name: "lang"}, {Name: "file"}, {Name: "line", Kind: table.Number}}
	reps := c.merged.Reports
	before := make(map[string]*datasets.Service, len(c.before))
	for i := range c.before {
		before[c.before[i].ID] = &c.before[i]
	}
	return table.Table{Columns: cols, Len: len(reps), Row: func(i int, cells []table.Cell) []table.Cell {
		e := &reps[i]
		lon, lat, by, name := table.NullCell, table.NullCell, "", e.Name
		s := before[e.ServiceID]
		switch {
		case e.HasLocation:
			lon, lat, by = table.Float(e.Location[0], 6), table.Float(e.Location[1], 6), "report"
		case s != nil:
			lon, lat, by = table.Float(s.Location[0], 6), table.Float(s.Location[1], 6), "service"
		}
		if name == "" && s != nil {
			name = s.Name
		}
		line := table.NullCell
		if e.Origin.Line > 0 {
			line = table.Int(e.Origin.Line)
		}
		return append(cells[:0], table.Str(e.ID), table.Str(string(e.Kind)), table.Str(string(e.Status)), table.Str(string(e.Outcome)),
			table.Str(e.ServiceID), table.Str(e.Category), table.Str(name), lon, lat, table.Str(by),
			table.Str(e.ObservedOn.Format(contributions.DateLayout)), table.Str(string(e.Role)), table.Str(e.Note),
			table.Str(e.EvidenceURL), table.Str(e.Lang), table.Str(filepath.Base(e.Origin.Source)), line)
	}}
}

// ProposedChanges fills in a variant's use_proposed_reports change with
// what the base's proposed reports do when applied as confirmed ones:
// closed services close, and a moved or recategorised one closes there,
// to open again under its id with its new place or category after the
// variant's other changes, with the services the reports add. changes
// are the variant's changes, one per change of v.
//
// It also returns the reports as the variant applies them (for its
// contributions.csv and services.csv), nil when the variant does not use
// them.
func ProposedChanges(in *Inputs, v scenario.Variant, changes []analysis.Change) ([]analysis.Change, *Contrib, error) {
	at := proposedIndex(v)
	if at < 0 {
		return changes, nil, nil
	}
	if in.Contrib == nil {
		return nil, nil, &analysis.ChangeError{Change: at + 1, Reason: "use_proposed_reports needs contributions in the base"}
	}
	var proposed []contributions.Report
	for _, e := range in.Contrib.merged.Reports {
		if e.Status == contributions.Proposed {
			proposed = append(proposed, e.Report)
		}
	}
	o := in.Contrib.opts
	o.Proposed = true
	r, err := contributions.Merge(in.Services, proposed, o)
	if err != nil {
		return nil, nil, err
	}
	after := map[string]int{}
	for i := range r.Services {
		after[r.Services[i].ID] = i
	}
	var closeIDs []string
	var add []datasets.Service
	for i := range in.Services {
		s := &in.Services[i]
		k, ok := after[s.ID]
		if !ok {
			closeIDs = append(closeIDs, s.ID)
			continue
		}
		t := r.Services[k]
		if t.Location != s.Location || t.Raw == "" {
			closeIDs = append(closeIDs, s.ID)
			if t.Raw == "" {
				t.Raw = t.Category // recategorised: the report's raw category
			}
			add = append(add, t)
		}
	}
	for i := range r.Services {
		if r.Added[i] {
			t := r.Services[i]
			t.Raw = t.Category
			add = append(add, t)
		}
	}
	out := slices.Clone(changes)
	out[at] = analysis.Change{}
	if len(closeIDs) > 0 {
		out[at].CloseServices = &analysis.Selection{IDs: closeIDs}
	}
	if len(add) > 0 {
		out = append(out, analysis.Change{AddServices: add})
	}
	return out, appliedProposed(in.Contrib, r), nil
}

// appliedProposed is base with the proposed reports r applied: their
// outcomes, and the ids of those that changed or added a service.
func appliedProposed(base *Contrib, r *contributions.Result) *Contrib {
	c := *base
	merged := *base.merged
	merged.Reports = slices.Clone(base.merged.Reports)
	outcome := map[string]contributions.Outcome{}
	for _, e := range r.Reports {
		outcome[e.ID] = e.Outcome
	}
	for i := range merged.Reports {
		if o, ok := outcome[merged.Reports[i].ID]; ok {
			merged.Reports[i].Outcome = o
		}
	}
	c.merged = &merged
	c.prov = make(map[string]provenance, len(base.prov))
	for id, p := range base.prov {
		c.prov[id] = p
	}
	for i := range r.Services {
		if len(r.Changes[i]) == 0 {
			continue
		}
		p := c.prov[r.Services[i].ID]
		if r.Added[i] {
			p.source = filepath.Base(r.Services[i].Origin.Source)
			for _, e := range r.Reports {
				if e.ID == r.Services[i].ID {
					p.date = e.ObservedOn.Format(contributions.DateLayout)
				}
			}
		}
		p.reports = append(slices.Clone(p.reports), r.Changes[i]...)
		c.prov[r.Services[i].ID] = p
	}
	return &c
}

// proposedIndex is the index of v's use_proposed_reports change, -1 when
// it has none.
func proposedIndex(v scenario.Variant) int {
	return slices.IndexFunc(v.Changes, func(c scenario.Change) bool { return c.UseProposedReports })
}

// Renumber makes an error of the services a use_proposed_reports change
// opens (appended after the variant's changes) that change's error.
func Renumber(err error, v scenario.Variant) error {
	var ce *analysis.ChangeError
	if errors.As(err, &ce) && ce.Change > len(v.Changes) {
		return &analysis.ChangeError{Change: proposedIndex(v) + 1, Reason: ce.Reason}
	}
	return err
}

// PrintMergeProblems checks the reports against the services read (ids
// unique across files, known services, no date after today, no
// contradiction) and prints every problem; it returns how many.
func PrintMergeProblems(w io.Writer, services []datasets.Service, reps []contributions.Report) int {
	probs := contributions.CheckUniqueIDs(reps)
	if len(services) > 0 && len(probs) == 0 {
		_, err := contributions.Merge(services, reps, contributions.Options{Today: Today()})
		var list datasets.ErrorList
		if errors.As(err, &list) {
			probs = list
		}
	}
	for _, e := range probs {
		fmt.Fprintln(w, e.Error())
	}
	return len(probs)
}

// fillCountries gives an added service without a country that of the
// village nearest to it (without boundaries there is nothing better).
// O(added services × villages): reports are few.
func fillCountries(r *contributions.Result, villages []datasets.Village) {
	for i := range r.Services {
		s := &r.Services[i]
		if !r.Added[i] || s.Country != "" {
			continue
		}
		best := math.Inf(1)
		for k := range villages {
			if d := geodesic.Distance(s.Location, villages[k].Location); d < best && villages[k].Country != "" {
				best, s.Country = d, villages[k].Country
			}
		}
	}
}

// Merged is the outcome of merging the reports into the services.
func (c *Contrib) Merged() *contributions.Result { return c.merged }

// Before is the services the reports were merged into.
func (c *Contrib) Before() []datasets.Service { return c.before }
