// Package validate reads input files to list every problem they hold at
// once, rather than stopping at the first: villages, services and
// boundaries (through datasets/load), and GTFS timetables (datasets/gtfs
// and its GTFS-Flex reader). It reports; it prints nothing: problems come
// back as datasets.RecordError values naming the file, line or feature and
// field. Safe for concurrent use.
package validate

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/config"
	"github.com/partons/partons/datasets/contributions"
	"github.com/partons/partons/datasets/load"
	"github.com/partons/partons/study"
)

// File is one file to validate and how to read it.
type File struct {
	Path   string
	Kind   string            // villages, services, boundaries or auto (services when it has the category column, else villages; a GTFS feed when IsGTFS)
	Fields map[string]string // schema field → column or property
}

// Result is what validating one file found.
type Result struct {
	Path    string
	Kind    string // as read: villages, services, boundaries or gtfs
	Guessed bool   // the kind was guessed (File.Kind auto)

	CategoryColumn string // the services' category column (after File.Fields), by which the kind is guessed
	Records        int    // records read (villages, services, boundaries)
	Problems       datasets.ErrorList
	Columns        []string   // the file's columns or properties; nil when unknown
	Missing        []Optional // optional columns the file lacks (a note, not a problem)

	Notes   []string // GTFS: notes about the feed
	Summary string   // GTFS without problems: what the feed holds, ", 1 agency, 5 stops; …"

	// The records of a file read without problems, for the checks across
	// files (Placement).
	Villages   []datasets.Village
	Services   []datasets.Service
	Boundaries []datasets.Boundary
	Reports    []contributions.Report
}

// Optional is an optional column a file lacks, which leaves a field
// unknown for every record.
type Optional struct {
	Field  string // the schema field: population or country
	Column string // the column it is read from
}

// FieldsError is a field mapping that does not fit the schema of the kind
// a file is read as.
type FieldsError struct {
	Path, Kind string
	Err        error
}

func (e *FieldsError) Error() string {
	return fmt.Sprintf("%s (read as %s): %v", e.Path, e.Kind, e.Err)
}
func (e *FieldsError) Unwrap() error { return e.Err }

// Read validates one file of villages, services, boundaries, residents'
// reports or (Kind auto) a GTFS feed, with the schemas of cfg. Problems in
// the data are in the Result, not an error; an error is a file that cannot
// be read at all, a *FieldsError, or the context's.
func Read(ctx context.Context, f File, cfg config.Config) (*Result, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if f.Kind == "auto" && IsGTFS(f.Path) {
		return readGTFS(ctx, f.Path)
	}
	res := &Result{Path: f.Path, Kind: f.Kind}
	if f.Kind == "contributions" {
		ff := []study.FileFields{{Kind: "contributions", Path: f.Path, Fields: f.Fields}}
		reps, _, err := study.ReadContributions([]string{f.Path}, ff)
		if err != nil && !errors.As(err, &res.Problems) {
			return nil, err
		}
		if err == nil {
			res.Reports, res.Records = reps, len(reps)
		}
		res.Columns = Columns(f.Path)
		return res, nil
	}
	vsch, ssch := cfg.Villages, cfg.Services
	verr, serr := vsch.Apply(f.Fields), ssch.Apply(f.Fields)
	res.CategoryColumn = ssch.Category
	if res.Kind == "auto" {
		k, err := GuessKind(f.Path, ssch.Category)
		if err != nil {
			return nil, err
		}
		res.Kind, res.Guessed = k, true
	}
	if e := map[string]error{"villages": verr, "services": serr}[res.Kind]; e != nil {
		return nil, &FieldsError{Path: f.Path, Kind: res.Kind, Err: e}
	}
	var err error
	src := []load.Source{load.File(f.Path)}
	switch res.Kind {
	case "villages":
		res.Villages, _, err = load.Villages(src, vsch)
		res.Records = len(res.Villages)
	case "services":
		res.Services, _, err = load.Services(src, ssch)
		res.Records = len(res.Services)
	default:
		res.Boundaries, _, err = load.Boundaries(src, cfg.Boundaries)
		res.Records = len(res.Boundaries)
	}
	res.Columns = Columns(f.Path)
	if err != nil && !errors.As(err, &res.Problems) {
		return nil, err
	}
	res.Missing = missingOptional(res.Kind, res.Columns, vsch, ssch)
	return res, nil
}

// missingOptional lists the optional columns a file lacks: a village file
// without population, say.
func missingOptional(kind string, cols []string, vs datasets.VillageSchema, ss datasets.ServiceSchema) []Optional {
	if len(cols) == 0 {
		return nil
	}
	var opts []Optional
	switch kind {
	case "villages":
		opts = []Optional{{"population", vs.Population}, {"country", vs.Country}}
	case "services":
		opts = []Optional{{"country", ss.Country}}
	}
	var out []Optional
	for _, o := range opts {
		if o.Column != "" && !slices.Contains(cols, o.Column) {
			out = append(out, o)
		}
	}
	return out
}

// Placement lists the problems of datasets.CheckPlacement,
// CheckBoundaries and CheckSeparation on the records read: coordinates
// far from the country they claim, or villages and services a continent
// apart.
func Placement(villages []datasets.Village, services []datasets.Service, boundaries []datasets.Boundary) []*datasets.RecordError {
	probs := datasets.CheckPlacement(villages, services)
	probs = append(probs, datasets.CheckBoundaries(boundaries)...)
	var re *datasets.RecordError
	if err := datasets.CheckSeparation(villages, services); errors.As(err, &re) {
		probs = append(probs, re)
	}
	return probs
}

// Group is one distinct problem of a file (a field and a reason) with how
// many times it occurs and its first places.
type Group struct {
	First  *datasets.RecordError
	Places []string // "line 3", "feature 2": the first five
	N      int
}

// Grouped gathers a file's problems, each distinct (field, reason) once
// in the order first met.
func Grouped(list datasets.ErrorList) []Group {
	var order []*Group
	byKey := map[[2]string]*Group{}
	for _, e := range list {
		k := [2]string{e.Field, e.Reason}
		g := byKey[k]
		if g == nil {
			g = &Group{First: e}
			byKey[k] = g
			order = append(order, g)
		}
		g.N++
		if len(g.Places) < 5 {
			switch {
			case e.Feature >= 0:
				g.Places = append(g.Places, fmt.Sprintf("feature %d", e.Feature))
			case e.Line > 0:
				g.Places = append(g.Places, fmt.Sprintf("line %d", e.Line))
			}
		}
	}
	out := make([]Group, len(order))
	for i, g := range order {
		out[i] = *g
	}
	return out
}
