package travel

import (
	"context"
	"errors"
	"fmt"
	"math"

	"github.com/paulmach/orb"
)

// ErrInvalid is wrapped by errors about invalid places, costs or settings
// given to this package.
var ErrInvalid = errors.New("travel: invalid input")

// Mode is one way of travelling between places. See the package
// documentation for the full contract.
type Mode interface {
	// Schema describes the mode's results (name, unit, columns).
	Schema() Schema
	// Snap joins the villages and services to the mode, once per run.
	Snap(ctx context.Context, villages, services []Place) (Snapped, error)
}

// Snapped is a mode joined to one set of villages and services.
type Snapped interface {
	// Village returns where village i joins the mode.
	Village(i int) Snap
	// Service returns where service j joins the mode.
	Service(j int) Snap
	// VillageValue returns the value of Schema.VillageColumns[k] for
	// village i (NaN when absent).
	VillageValue(i, k int) float64
	// Nearest returns, for every category and part, the best service of
	// the part for every village: out[c][p] answers cats[c].Parts[p].
	Nearest(ctx context.Context, cats []Category) ([][]Reach, error)
	// Costs returns the village × service costs of every pair costing at
	// most maxCost (+Inf: every reachable pair), supply j being
	// services[j], in Schema.Unit.
	Costs(ctx context.Context, services []int32, maxCost float64) (*Costs, error)
}

// Place is a village, a service or a candidate site.
type Place struct {
	ID       string    // the record's id (modes that look places up by id, travel/matrix, need it)
	Location orb.Point // lon, lat (WGS84)
	Country  string    // ISO code; "" when unknown (joins anywhere)
}

// Snap is where a place joins a mode.
type Snap struct {
	// DistM is the distance in metres from the place to where it joins
	// (0 for straight lines); NaN when there is nothing to join.
	DistM float64
	// OK reports whether the place joined within the mode's tolerance; a
	// place that did not reaches nothing.
	OK bool
}

// Category is one service category of a Nearest query.
type Category struct {
	Name  string
	Parts []Part
}

// Part is the services of a category in one country (Country "" when the
// study does not split domestic and abroad: one part holds them all).
type Part struct {
	Country  string
	Services []int32 // indexes into the services given to Snap, ascending
}

// Code is a status of a (village, part) answer: CodeOK, or k ≥ 1 for
// Schema.Statuses[k-1].
type Code uint8

// CodeOK says a service was reached.
const CodeOK Code = 0

// Reach is the answer of one part for every village, column-wise (each
// slice has one entry per village; Metrics[k] per Schema.Metrics[k]).
type Reach struct {
	Service []int32   // the best service, -1 when none
	Cost    []float64 // its cost in Schema.Unit, NaN when none
	// Status is CodeOK where a service was reached; a mode may also name
	// the service it reached under one of its own statuses (transit's
	// walk_only: reached, but only on foot), with Service and Cost set.
	Status   []Code
	Definite []bool // nil, or true where reaching nothing is a fact (a cut-off)
	Metrics  [][]float64
}

// NewReach returns a Reach for n villages with m metrics, every village
// at Service -1, Cost NaN, status code and metrics NaN.
func NewReach(n, m int, code Code) Reach {
	r := Reach{Service: make([]int32, n), Cost: make([]float64, n), Status: make([]Code, n), Metrics: make([][]float64, m)}
	for i := range n {
		r.Service[i], r.Cost[i], r.Status[i] = -1, nan, code
	}
	for k := range r.Metrics {
		r.Metrics[k] = make([]float64, n)
		for i := range r.Metrics[k] {
			r.Metrics[k][i] = nan
		}
	}
	return r
}

// Unit is the unit of a cost or metric.
type Unit string

// Units of costs and metrics.
const (
	Metres  Unit = "m"
	Minutes Unit = "min"
	Share   Unit = "share" // a fraction in [0, 1]
	Count   Unit = ""      // a plain number
	// Answer is yes (1), no (0) or unknown (NaN), written as words.
	Answer Unit = "answer"
)

// AnswerText is an Answer value as written: "yes", "no" or "unknown".
func AnswerText(x float64) string {
	switch x {
	case 1:
		return "yes"
	case 0:
		return "no"
	}
	return "unknown"
}

// Schema describes a mode's results. See the package documentation for
// the columns it gives.
type Schema struct {
	// Name keys the mode's result block and prefixes its columns: a
	// short lowercase word ("road", "transit").
	Name string
	// Unit is the unit of Reach.Cost and of Costs.
	Unit Unit
	// Metrics are the per village and category values, in column order.
	Metrics []Metric
	// Split names the metric also reported for the best service at home
	// and abroad ("" none).
	Split string
	// Statuses are the mode's own statuses, besides "ok" and the
	// coverage statuses of the study; Code k is Statuses[k-1].
	Statuses []StatusDoc
	// VillageColumns are per-village values (Snapped.VillageValue),
	// with their full column names.
	VillageColumns []Metric
	// ClosedBorder says the mode never crosses a national border: a
	// village whose country has no service of a category reaches none,
	// a fact rather than a gap (aggregates count it as having none).
	ClosedBorder bool
}

// Metric declares one value of a mode's results.
type Metric struct {
	Name     string // column name part, with its unit suffix: "m", "median_min"
	Unit     Unit
	Decimals int // digits after the point in outputs; -1 shortest exact
	Doc      string
	// Aggregate makes the metric a basis of the area aggregates
	// (Unit Metres or Minutes only).
	Aggregate bool
	// Unsnapped, for a village column, makes the village's status for
	// the column "unsnapped" when it did not join the mode.
	Unsnapped bool
}

// StatusDoc is a mode status and its meaning.
type StatusDoc struct {
	Code    string // as written in outputs: lowercase, underscores
	Meaning string
}

// Status returns the output code of c ("ok" for CodeOK).
func (s Schema) Status(c Code) string {
	if c == CodeOK {
		return "ok"
	}
	if int(c) <= len(s.Statuses) {
		return s.Statuses[c-1].Code
	}
	return "unknown"
}

// MetricIndex returns the position of the metric named name, or -1.
func (s Schema) MetricIndex(name string) int {
	for k, m := range s.Metrics {
		if m.Name == name {
			return k
		}
	}
	return -1
}

// Validate checks a schema: a name, a unit of metres or minutes, unique
// metric names, a Split among them, at most 255 statuses none named "ok".
func (s Schema) Validate() error {
	if s.Name == "" {
		return fmt.Errorf("travel: mode schema without a name: %w", ErrInvalid)
	}
	if s.Unit != Metres && s.Unit != Minutes {
		return fmt.Errorf("travel: mode %s: unit %q, want m or min: %w", s.Name, s.Unit, ErrInvalid)
	}
	seen := map[string]bool{}
	for _, m := range append(append([]Metric(nil), s.Metrics...), s.VillageColumns...) {
		if m.Name == "" || seen[m.Name] {
			return fmt.Errorf("travel: mode %s: metric %q empty or repeated: %w", s.Name, m.Name, ErrInvalid)
		}
		seen[m.Name] = true
		if m.Aggregate && m.Unit != Metres && m.Unit != Minutes {
			return fmt.Errorf("travel: mode %s: metric %s aggregated but in %q: %w", s.Name, m.Name, m.Unit, ErrInvalid)
		}
	}
	if s.Split != "" && s.MetricIndex(s.Split) < 0 {
		return fmt.Errorf("travel: mode %s: split metric %q is not a metric: %w", s.Name, s.Split, ErrInvalid)
	}
	if len(s.Statuses) > 255 {
		return fmt.Errorf("travel: mode %s: more than 255 statuses: %w", s.Name, ErrInvalid)
	}
	for _, st := range s.Statuses {
		if st.Code == "" || st.Code == "ok" {
			return fmt.Errorf("travel: mode %s: status %q: %w", s.Name, st.Code, ErrInvalid)
		}
	}
	return nil
}

var nan = math.NaN()
