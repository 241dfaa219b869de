package study

import (
	"errors"
	"math"
	"time"

	"github.com/partons/partons/datasets/westhoek"
	"github.com/partons/partons/geo/geodesic"
	"github.com/partons/partons/study/contrib"
	"github.com/partons/partons/study/speccheck"
	"github.com/partons/partons/study/usage"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"

	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/contributions"
	"github.com/partons/partons/datasets/load"
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

// ContributionFiles resolves contributions files given as FILE[:field=col,…]
// into paths and per-file mappings (kind "contributions").
func ContributionFiles(args []string, ff []FileFields) ([]string, []FileFields) {
	var paths []string
	for _, a := range args {
		p, fields := speccheck.SplitFileArg(a)
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
		fields := speccheck.FieldsFor(ff, "contributions", path)
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
	c := contrib.New(merged, in.Services, reps, opts, func(s *datasets.Service) (string, string) {
		name, date, _, _ := source(s)
		return name, date
	})
	if len(in.Boundaries) == 0 {
		fillCountries(merged, in.Villages)
	}
	in.Services = merged.Services
	in.Contrib = c
	return nil
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

// MergeProblems checks the reports against the services read (ids
// unique across files, known services, no date after today, no
// contradiction) and lists every problem.
func MergeProblems(services []datasets.Service, reps []contributions.Report) datasets.ErrorList {
	probs := contributions.CheckUniqueIDs(reps)
	if len(services) > 0 && len(probs) == 0 {
		_, err := contributions.Merge(services, reps, contributions.Options{Today: Today()})
		var list datasets.ErrorList
		if errors.As(err, &list) {
			probs = list
		}
	}
	return probs
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
