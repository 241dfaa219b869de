package study

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/partons/partons/analysis"
	"github.com/partons/partons/analysis/areas"
	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/config"
	"github.com/partons/partons/datasets/load"
	"github.com/partons/partons/datasets/osmextract"
	"github.com/partons/partons/datasets/population"
	"github.com/partons/partons/datasets/taxonomy"
	"github.com/partons/partons/datasets/westhoek"
	"github.com/partons/partons/geo/road"
	"github.com/partons/partons/study/contrib"
	"github.com/partons/partons/study/roads"
)

// Job is everything a run needs, resolved from a Spec by NewJob.
type Job struct {
	Spec         Spec
	Config       config.Config
	VillageSrcs  []load.Source
	ServiceSrcs  []load.Source
	BoundarySrcs []load.Source
	Embedded     bool // the embedded Westhoek sample
	Params       analysis.Params
	Tax          *taxonomy.Taxonomy
	Names        *taxonomy.Names // category labels and their names
	Meta         *westhoek.Metadata
	Attributions []string
	RoadFiles    []string
	// TransitSources are the run's GTFS feeds as data sources (set by
	// transit.Load): their operators are credited with the OSM data.
	TransitSources []Source
}

// Inputs is what a run read.
type Inputs struct {
	Villages   []datasets.Village
	Services   []datasets.Service
	Boundaries []datasets.Boundary
	Files      []load.Input
	Assign     areas.Stats
	Mapping    []MappingEntry
	Roads      *RoadInfo
	OSMDate    string // with OSM inputs: the extracts' data date (RFC 3339), "" unknown
	// osmRoads is the road network read with the OSM inputs when the
	// roads come from the same files, until it is built.
	osmRoads *roads.OSMRoads
	Contrib  *contrib.Applied // with contributions: what the reports did
}

// ReadInputs reads the villages, services and boundaries of j (OSM
// extracts once for all of them, and for the roads when they come from the
// same files), merges the contributions and maps the categories. Every
// problem of every file is returned at once, as a datasets.ErrorList.
func ReadInputs(ctx context.Context, j *Job) (*Inputs, error) {
	in := &Inputs{}
	var problems datasets.ErrorList
	collect := func(err error) error {
		if l, ok := err.(datasets.ErrorList); ok {
			problems = append(problems, l...)
			return nil
		}
		return err
	}
	var err error
	var files []load.Input
	if len(j.Spec.OSM) > 0 {
		if err := readOSMInputs(ctx, j, in); err != nil {
			return nil, err
		}
		if err := mergeContributions(j, in); err != nil {
			return nil, err
		}
		if in.Mapping, err = MapCategories(j.Tax, j.Names, in.Services); err != nil {
			return nil, err
		}
		in.Assign = areas.Assign(in.Villages, in.Services, in.Boundaries)
		return in, nil
	}
	if in.Villages, files, err = load.Villages(j.VillageSrcs, j.Config.Villages); collect(err) != nil {
		return nil, err
	}
	in.Files = append(in.Files, files...)
	if in.Services, files, err = load.Services(j.ServiceSrcs, j.Config.Services); collect(err) != nil {
		return nil, err
	}
	in.Files = append(in.Files, files...)
	if len(j.BoundarySrcs) > 0 {
		if in.Boundaries, files, err = load.Boundaries(j.BoundarySrcs, j.Config.Boundaries); collect(err) != nil {
			return nil, err
		}
		in.Files = append(in.Files, files...)
	}
	problems = append(problems, checkFileDates(in.Files, Today())...)
	if problems.Err() == nil {
		if err := mergeContributions(j, in); collect(err) != nil {
			return nil, err
		}
	}
	// Coordinates must lie where the records say they are (before
	// boundaries fill in countries, which would always agree).
	problems = append(problems, datasets.CheckPlacement(in.Villages, in.Services)...)
	problems = append(problems, datasets.CheckBoundaries(in.Boundaries)...)
	if err := problems.Err(); err != nil {
		return nil, err
	}
	if err := datasets.CheckSeparation(in.Villages, in.Services); err != nil {
		return nil, err
	}
	if in.Mapping, err = MapCategories(j.Tax, j.Names, in.Services); err != nil {
		return nil, err
	}
	in.Assign = areas.Assign(in.Villages, in.Services, in.Boundaries)
	return in, nil
}

// readOSMInputs takes villages, services and boundaries from OSM extracts
// (and official population per municipality when given).
func readOSMInputs(ctx context.Context, j *Job, in *Inputs) error {
	tables, err := ReadPopulation(j.Spec.Population, population.ReadOptions{})
	if err != nil {
		return err
	}
	// Roads from the same files are read in the same passes.
	var profiles []road.Profile
	if slices.Equal(j.RoadFiles, j.Spec.OSM) {
		profiles = []road.Profile{j.Params.Road.Profile}
	}
	res, rs, err := roads.ReadOSM(ctx, j.Spec.OSM, &osmextract.Options{Taxonomy: j.Tax}, profiles)
	if err != nil {
		return err
	}
	in.osmRoads = rs
	if len(tables) > 0 {
		osmextract.ApplyPopulation(res, tables, population.Options{Apportion: j.Spec.Apportion})
	}
	in.Villages, in.Services, in.Boundaries = res.Villages, res.Services, res.Boundaries
	if !res.Report.DataDate.IsZero() {
		in.OSMDate = res.Report.DataDate.UTC().Format(time.RFC3339)
	}
	for _, f := range res.Report.Files {
		in.Files = append(in.Files, load.Input{Name: f.Name, Kind: "osm", Format: string(f.Format), SHA256: f.SHA256, Bytes: f.Size,
			Records: 0})
	}
	return nil
}

// AttachRoads loads the job's road network into its parameters and
// inputs, labelled with countries when closed (a border is closed in the
// run or in a scenario variant). It returns the network, for a cache of
// the networks of other profiles.
func AttachRoads(ctx context.Context, j *Job, in *Inputs, closed bool) (*roads.Network, error) {
	g, info, label, err := roads.LoadFrom(ctx, j.RoadFiles, j.Params.Road.Profile, in.Boundaries, closed, in.osmRoads)
	in.osmRoads = nil // built: its collector is spent
	if err != nil {
		return nil, err
	}
	if h := info.Hierarchy; h != nil && j.Spec.ExactRoads {
		g.DropHierarchy(road.Length)
		g.DropHierarchy(road.Time)
		if h.Note == "" {
			h.Note = "exact_roads: Dijkstra searches"
		}
	}
	j.Params.Road.Graph, j.Params.Road.CountryLabel = g, label
	in.Roads = info
	return &roads.Network{Graph: g, Info: info, Label: label}, nil
}

// ReadPopulation reads official population files; "CC=path" restricts a
// file to one country's villages.
func ReadPopulation(specs []string, opts population.ReadOptions) ([]*population.Table, error) {
	var tables []*population.Table
	for _, spec := range specs {
		path, o := PopulationPath(spec), opts
		if path != spec {
			o.Country = spec[:2]
		}
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		t, err := population.Read(filepath.Base(path), f, o)
		f.Close()
		if err != nil {
			return nil, err
		}
		tables = append(tables, t)
	}
	return tables, nil
}

// PopulationPath is the file of a population argument [CC=]CSV.
func PopulationPath(spec string) string {
	if cc, p, ok := strings.Cut(spec, "="); ok && len(cc) == 2 && strings.ToUpper(cc) == cc {
		return p
	}
	return spec
}

// checkFileDates refuses a data date a file states after today or not
// after 1 January 1970: it would decide the reference week and which
// residents' reports are newer than the file, so a typo must not pass.
func checkFileDates(files []load.Input, today time.Time) datasets.ErrorList {
	var probs datasets.ErrorList
	epoch := time.Unix(0, 0).UTC()
	for _, f := range files {
		if f.DataDate == "" {
			continue
		}
		t, err := time.Parse(time.RFC3339, f.DataDate)
		switch {
		case err != nil:
			probs.Add(&datasets.RecordError{Source: f.Name, Feature: -1, Field: "data_date", Reason: err.Error()})
		case t.After(today.AddDate(0, 0, 1)): // later than the end of today
			probs.Add(&datasets.RecordError{Source: f.Name, Feature: -1, Field: "data_date",
				Reason: fmt.Sprintf("%s is after today (%s): a file cannot hold data from the future", f.DataDate, today.UTC().Format("2006-01-02"))})
		case !t.After(epoch):
			probs.Add(&datasets.RecordError{Source: f.Name, Feature: -1, Field: "data_date",
				Reason: fmt.Sprintf("%s is not after 1 January 1970", f.DataDate)})
		}
	}
	return probs
}
