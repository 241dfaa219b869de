package contributions

import (
	"fmt"
	"slices"
	"time"

	"github.com/partons/partons/datasets"
	"github.com/paulmach/orb"
)

// Options are what Merge needs to know besides the services and reports.
type Options struct {
	// Today is the date of the run: a report observed after it is an
	// error. Required (the zero time refuses every report).
	Today time.Time
	// SourceDate returns the last day a service's source describes
	// (the end of its vintage: 2020 is 2020-12-31); ok is false when
	// the source has no known date. Nil: every date is unknown.
	SourceDate func(s *datasets.Service) (date time.Time, ok bool)
	// InArea reports whether a location lies in some area of the study.
	// Nil: locations are not checked.
	InArea func(p orb.Point) bool
	// Proposed applies proposed reports as if they were confirmed: a
	// scenario's "if residents are right". Rejected ones never apply.
	Proposed bool
}

// Outcome is what became of a report in a merge.
type Outcome string

// The outcomes of a report.
const (
	// Applied: the report changed the service list (or, for
	// hours_changed, is recorded on its service).
	Applied Outcome = "applied"
	// Listed: a proposed report, shown but changing nothing.
	Listed Outcome = "listed"
	// Superseded: a confirmed report observed no later than its
	// service's source date: the source already tells what it saw.
	Superseded Outcome = "superseded"
	// Refused: a rejected report, kept for the record.
	Refused Outcome = "rejected"
)

// Entry is one report and what became of it.
type Entry struct {
	Report
	Outcome Outcome
}

// Result is a merged service list.
type Result struct {
	// Services are the input services in input order, without the
	// closed ones, with moves and category corrections applied,
	// followed by the services reports added, in report order. A
	// changed or added service has an empty Raw and its raw category in
	// Category, to be mapped by the taxonomy as read services are; an
	// added one has the report's id and origin.
	Services []datasets.Service
	// Changes[i] lists the ids of the reports applied to Services[i],
	// in report order (nil for none).
	Changes [][]string
	// Added[i] reports whether Services[i] was added by a report.
	Added []bool
	// Closed are the services closed reports removed, in input order,
	// with the ids of the reports that closed them.
	Closed []ClosedService
	// Reports are every report in input order with its outcome.
	Reports []Entry
}

// ClosedService is a service a report closed.
type ClosedService struct {
	Service datasets.Service
	Reports []string
}

// Merge applies reports to services; neither is changed. The rules:
//
//   - A confirmed report (or a proposed one, with Options.Proposed)
//     about an existing service applies when it was observed after the
//     service's source date, or the source has no date; otherwise it is
//     superseded. One that adds a service (opened, missing) always
//     applies: the new service's id is the report's.
//   - closed removes the service, moved sets its location,
//     wrong_category its (raw) category; hours_changed changes no figure
//     and is recorded on the service. A report may be about a service
//     another report adds.
//   - Proposed reports are listed and change nothing; rejected ones are
//     kept for the record and are not checked against the data.
//   - Errors, every one reported at once: a report about an unknown
//     service; a new service whose id (the report's) is a service's; a
//     report observed after Options.Today; a location outside every area;
//     two applying reports about one service that contradict each other
//     (closed with any other kind, two moves to different places, two
//     different categories), naming both.
//
// O((services + reports) · log) time; the result shares no memory with
// the inputs.
func Merge(services []datasets.Service, reports []Report, o Options) (*Result, error) {
	var errs datasets.ErrorList
	fail := func(r *Report, field, format string, args ...any) {
		errs.Add(&datasets.RecordError{Source: r.Origin.Source, Line: r.Origin.Line, Feature: r.Origin.Feature,
			Field: field, Reason: fmt.Sprintf("report %q: ", r.ID) + fmt.Sprintf(format, args...)})
	}
	byID := make(map[string]int, len(services))
	for i := range services {
		byID[services[i].ID] = i
	}
	res := &Result{Reports: make([]Entry, len(reports))}
	apply := make([]bool, len(reports))
	for i := range reports {
		r := &reports[i]
		res.Reports[i] = Entry{Report: *r}
		if r.Status == Rejected {
			res.Reports[i].Outcome = Refused
			continue
		}
		if r.ObservedOn.After(o.Today) {
			fail(r, "observed_on", "observed on %s, after the date of the run (%s)", r.ObservedOn.Format(DateLayout), o.Today.Format(DateLayout))
		}
		if r.HasLocation && o.InArea != nil && !o.InArea(r.Location) {
			fail(r, "location", "location %.6f, %.6f lies outside every area of the study", r.Location[0], r.Location[1])
		}
		if r.Status == Proposed && !o.Proposed {
			res.Reports[i].Outcome = Listed
			continue
		}
		apply[i] = true
		res.Reports[i].Outcome = Applied
	}

	// New services first, so that other reports may be about them.
	out := slices.Clone(services)
	added := make([]bool, len(out))
	srcDate := map[int]time.Time{} // of added services: their report's date
	for i := range reports {
		r := &reports[i]
		if !apply[i] || !r.Kind.adds() {
			continue
		}
		if k, dup := byID[r.ID]; dup {
			fail(r, "id", "%s report adds a service under its own id, which service %q (%s) already has", article(r.Kind), r.ID, out[k].Origin.String())
			continue
		}
		byID[r.ID] = len(out)
		out = append(out, datasets.Service{ID: r.ID, Name: r.Name, Category: r.Category, Country: r.Country, Location: r.Location, Origin: r.Origin})
		added = append(added, true)
		srcDate[len(out)-1] = r.ObservedOn
	}
	changes := make([][]string, len(out))
	for i := range reports {
		if apply[i] && reports[i].Kind.adds() {
			if k, ok := byID[reports[i].ID]; ok && added[k] {
				changes[k] = []string{reports[i].ID}
			}
		}
	}

	// Then reports about a service, grouped by service to find
	// contradictions.
	prev := map[int][]int{} // service index -> the applying reports about it so far
	closed := map[int][]string{}
	for i := range reports {
		r := &reports[i]
		if !r.Kind.needsService() || r.Status == Rejected {
			continue
		}
		k, ok := byID[r.ServiceID]
		if !ok {
			fail(r, "service_id", "no service has id %q", r.ServiceID)
			apply[i] = false
			continue
		}
		if !apply[i] {
			continue
		}
		if d, known := sourceDate(o, out, added, srcDate, k); known && !r.ObservedOn.After(d) {
			res.Reports[i].Outcome = Superseded
			apply[i] = false
			continue
		}
		if j := contradicted(reports, prev[k], r); j >= 0 {
			fail(r, "", "contradicts report %q (%s) about service %q: %s", reports[j].ID, reports[j].Origin.String(), r.ServiceID, contradiction(&reports[j], r))
			continue
		}
		prev[k] = append(prev[k], i)
		s := &out[k]
		switch r.Kind {
		case Closed:
			closed[k] = append(closed[k], r.ID)
		case Moved:
			s.Location = r.Location
		case WrongCategory:
			s.Category, s.Raw = r.Category, ""
		}
		changes[k] = append(changes[k], r.ID)
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	for k := range out {
		if ids, ok := closed[k]; ok {
			res.Closed = append(res.Closed, ClosedService{Service: out[k], Reports: ids})
			continue
		}
		res.Services = append(res.Services, out[k])
		res.Changes = append(res.Changes, changes[k])
		res.Added = append(res.Added, added[k])
	}
	return res, nil
}

// sourceDate is the date of service k's source: the report's date for
// an added service.
func sourceDate(o Options, out []datasets.Service, added []bool, srcDate map[int]time.Time, k int) (time.Time, bool) {
	if added[k] {
		return srcDate[k], true
	}
	if o.SourceDate == nil {
		return time.Time{}, false
	}
	return o.SourceDate(&out[k])
}

// contradicted returns the first of the reports prev that r contradicts,
// or -1.
func contradicted(reports []Report, prev []int, r *Report) int {
	for _, j := range prev {
		if contradiction(&reports[j], r) != "" {
			return j
		}
	}
	return -1
}

// contradiction says why two applying reports about one service cannot
// both be true, or "" when they can.
func contradiction(a, b *Report) string {
	switch {
	case a.Kind == Closed && b.Kind == Closed:
		return ""
	case a.Kind == Closed || b.Kind == Closed:
		other := a
		if a.Kind == Closed {
			other = b
		}
		return fmt.Sprintf("one says it closed, the other that it %s", verb(other.Kind))
	case a.Kind == Moved && b.Kind == Moved && a.Location != b.Location:
		return fmt.Sprintf("moved to %.6f, %.6f and to %.6f, %.6f", a.Location[0], a.Location[1], b.Location[0], b.Location[1])
	case a.Kind == WrongCategory && b.Kind == WrongCategory && a.Category != b.Category:
		return fmt.Sprintf("category %q and category %q", a.Category, b.Category)
	}
	return ""
}

func verb(k Kind) string {
	switch k {
	case Moved:
		return "moved"
	case HoursChanged:
		return "changed its hours"
	case WrongCategory:
		return "is of another category"
	}
	return string(k)
}

// Counts returns how many reports of each kind and status a result holds.
func (r *Result) Counts() []Count {
	reps := make([]Report, len(r.Reports))
	for i := range r.Reports {
		reps[i] = r.Reports[i].Report
	}
	return Counts(reps)
}
