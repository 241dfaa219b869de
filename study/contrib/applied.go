// Package contrib records what residents' and municipalities' reports
// did to a run's services: their outcomes and the provenance of every
// service for the manifest, services.csv and contributions.csv, and the
// proposed reports a scenario variant may apply.
//
// An Applied is read-only once built and safe for concurrent reads.
package contrib

import (
	"errors"
	"path/filepath"
	"slices"
	"sync"

	"github.com/partons/partons/analysis/variant"
	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/contributions"
	"github.com/partons/partons/datasets/reportdir"
	"github.com/partons/partons/datasets/scenario"
	"github.com/partons/partons/datasets/table"
)

// Applied is what the reports did to a run's services.
type Applied struct {
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

// For is the run behind m, nil without contributions.
func For(m *reportdir.Manifest) *Applied {
	if c, ok := contribOf.Load(m); ok {
		return c.(*Applied)
	}
	return nil
}

// Attach records a run's reports in its manifest.
func Attach(m *reportdir.Manifest, c *Applied) {
	if c == nil {
		return
	}
	m.Contributions = c.Manifest()
	contribOf.Store(m, c)
}

const contribRules = "confirmed reports change the services when observed after their service's source date (or the source has no date); " +
	"proposed reports are listed and change nothing (a scenario may apply them); rejected reports are kept for the record"

func reportDate(reps []contributions.Report, id string) string {
	for i := range reps {
		if reps[i].ID == id {
			return reps[i].ObservedOn.Format(contributions.DateLayout)
		}
	}
	return ""
}

// Manifest returns the manifest's account of the reports.
func (c *Applied) Manifest() *reportdir.Contributions {
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
// changed it, for services.csv; ok is false for a service the reports
// were not merged into (one a scenario adds).
func (c *Applied) Provenance(id string) (source, date string, reports []string, ok bool) {
	p, ok := c.prov[id]
	return p.source, p.date, p.reports, ok
}

// Table is contributions.csv: every report with what became
// of it, in input order. lon, lat are where the report is: the location
// it gives, else its service's position before the reports
// (located_by: report or service), so that a closure can be shown where
// the service was; name is the new service's name, else the service's.
func (c *Applied) Table() table.Table {
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

// Proposed fills in a variant's use_proposed_reports change with
// what the base's proposed reports do when applied as confirmed ones:
// closed services close, and a moved or recategorised one closes there,
// to open again under its id with its new place or category after the
// variant's other changes, with the services the reports add. changes
// are the variant's changes, one per change of v.
//
// It also returns the reports as the variant applies them (for its
// contributions.csv and services.csv), nil when the variant does not use
// them.
func Proposed(c *Applied, services []datasets.Service, v scenario.Variant, changes []variant.Change) ([]variant.Change, *Applied, error) {
	at := proposedIndex(v)
	if at < 0 {
		return changes, nil, nil
	}
	if c == nil {
		return nil, nil, &variant.ChangeError{Change: at + 1, Reason: "use_proposed_reports needs contributions in the base"}
	}
	var proposed []contributions.Report
	for _, e := range c.merged.Reports {
		if e.Status == contributions.Proposed {
			proposed = append(proposed, e.Report)
		}
	}
	o := c.opts
	o.Proposed = true
	r, err := contributions.Merge(services, proposed, o)
	if err != nil {
		return nil, nil, err
	}
	after := map[string]int{}
	for i := range r.Services {
		after[r.Services[i].ID] = i
	}
	var closeIDs []string
	var add []datasets.Service
	for i := range services {
		s := &services[i]
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
	out[at] = variant.Change{}
	if len(closeIDs) > 0 {
		out[at].CloseServices = &variant.Selection{IDs: closeIDs}
	}
	if len(add) > 0 {
		out = append(out, variant.Change{AddServices: add})
	}
	return out, appliedProposed(c, r), nil
}

// appliedProposed is base with the proposed reports r applied: their
// outcomes, and the ids of those that changed or added a service.
func appliedProposed(base *Applied, r *contributions.Result) *Applied {
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
	var ce *variant.ChangeError
	if errors.As(err, &ce) && ce.Change > len(v.Changes) {
		return &variant.ChangeError{Change: proposedIndex(v) + 1, Reason: ce.Reason}
	}
	return err
}

// Merged is the outcome of merging the reports into the services.
func (c *Applied) Merged() *contributions.Result { return c.merged }

// Before is the services the reports were merged into.
func (c *Applied) Before() []datasets.Service { return c.before }

// New records what the reports reps did when merged into before (merged,
// with opts); source names a service's source and its date, for the
// services the reports did not add.
func New(merged *contributions.Result, before []datasets.Service, reps []contributions.Report, opts contributions.Options,
	source func(s *datasets.Service) (name, date string)) *Applied {
	c := &Applied{merged: merged, prov: map[string]provenance{}, opts: opts, before: before}
	for i := range merged.Services {
		s := &merged.Services[i]
		p := provenance{reports: merged.Changes[i]}
		if merged.Added[i] {
			p.source, p.date = filepath.Base(s.Origin.Source), reportDate(reps, s.ID)
		} else {
			p.source, p.date = source(s)
		}
		c.prov[s.ID] = p
	}
	return c
}
