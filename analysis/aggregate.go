package analysis

import (
	"math"
	"runtime"
	"strings"
)

// Basis says which distance an aggregate summarises.
type Basis string

// Aggregate bases.
const (
	// BasisNearest: the nearest service anywhere, across the border.
	BasisNearest Basis = "nearest"
	// BasisDomestic: the nearest service in the village's own country,
	// the figure national statistics report.
	BasisDomestic Basis = "domestic"
	// BasisRoadM and BasisRoadMin: length (m) and travel time (min) of
	// the route to the nearest service by road, across the border: the
	// road block's bases, named {mode}_{metric} as every mode's.
	BasisRoadM   Basis = "road_m"
	BasisRoadMin Basis = "road_min"
	// BasisRoadMEst and BasisRoadMinEst: the same estimated from straight
	// lines (detour factor, constant speed) when no network is given.
	BasisRoadMEst   Basis = "road_m_est"
	BasisRoadMinEst Basis = "road_min_est"
)

// Unit returns "min" for time bases (a travel mode's metric in minutes
// ends in "_min") and "m" for the others.
func (b Basis) Unit() string {
	if b == BasisRoadMin || b == BasisRoadMinEst || strings.HasSuffix(string(b), "_min") {
		return "min"
	}
	return "m"
}

// BasketCategory is the pseudo-category of the basket in aggregates.
const BasketCategory = "basket"

// Level is the grouping of an aggregate.
type Level string

// Aggregate levels, from the finest.
const (
	LevelArea    Level = "area"
	LevelCountry Level = "country"
	LevelAll     Level = "all"
)

// Workers is the number of goroutines the computations of r run on
// (Params.Workers, or GOMAXPROCS when it is 0 or less).
func (r *Result) Workers() int {
	if r.Params.Workers > 0 {
		return r.Params.Workers
	}
	return runtime.GOMAXPROCS(0)
}

// Bases are the run's aggregate bases, in the order of areas.csv:
// nearest, domestic with cross-border metrics, the road estimates
// without a network, then every mode block's aggregate metrics
// ({mode}_{metric}).
func (r *Result) Bases() []Basis {
	bases := []Basis{BasisNearest}
	if r.Params.CrossBorder {
		bases = append(bases, BasisDomestic)
	}
	if rp := r.Params.Road; rp != nil && rp.Graph == nil {
		bases = append(bases, BasisRoadMEst, BasisRoadMinEst)
	}
	for _, mb := range r.Modes {
		for _, m := range mb.Schema.Metrics {
			if m.Aggregate {
				bases = append(bases, Basis(mb.Schema.Name+"_"+m.Name))
			}
		}
	}
	return bases
}

// RebuiltFrom returns the base a variant's result was rebuilt from
// (Recompute) and, per category position (the basket at
// len(Categories)), whether it holds the base's values unchanged, so
// that their summaries can be the base's; nil, nil for any other result.
func (r *Result) RebuiltFrom() (base *Result, same []bool) { return r.from, r.same }

// Value is village v's value on a basis for category position c (the
// basket at len(Categories)), as the aggregates count it: NaN unknown,
// +Inf known to have no service.
func (r *Result) Value(basis Basis, v, c int) float64 { return r.distance(v, c, basis) }

// Values sets dst[v] to Value(basis, v, c) for every village v (dst as
// long as the villages): for the straight-line bases of a category in
// one loop without a call per village, so that the reads of many
// villages' results overlap.
func (r *Result) Values(basis Basis, c int, dst []float64) {
	dst = dst[:len(r.Rows)]
	if (basis != BasisNearest && basis != BasisDomestic) || c >= len(r.Categories) {
		for v := range dst {
			dst[v] = r.distance(v, c, basis)
		}
		return
	}
	if b, _ := r.modeBasis(basis); b != nil {
		for v := range dst {
			dst[v] = r.distance(v, c, basis)
		}
		return
	}
	domestic := basis == BasisDomestic
	for v := range dst {
		// distance, for a category on a straight-line basis.
		cr := &r.Rows[v].Cats[c]
		d := cr.NearestM
		if domestic {
			d = cr.DomesticM
		}
		switch {
		case unknownFor(cr.Status, domestic):
			d = math.NaN()
		case math.IsNaN(d):
			d = math.Inf(1) // covered, none
		}
		dst[v] = d
	}
}

// BasisMode returns the mode block whose aggregate metric a basis
// ({mode}_{metric}) is, or nil.
func (r *Result) BasisMode(basis Basis) *ModeBlock {
	b, _ := r.modeBasis(basis)
	return b
}

// distance returns the village's distance for a category position (or the
// basket when ci == len(Categories)) on a basis: NaN unknown, +Inf none.
func (r *Result) distance(v, ci int, basis Basis) float64 {
	row := &r.Rows[v]
	switch basis {
	case BasisRoadMEst, BasisRoadMinEst:
		return r.roadEstimate(v, ci, basis)
	}
	if b, k := r.modeBasis(basis); b != nil {
		return r.modeDistance(b, k, v, ci)
	}
	if ci == len(r.Categories) {
		b := row.Basket
		if basis == BasisDomestic {
			b = row.Domest
		}
		if !b.Known {
			return math.NaN()
		}
		return b.MaxM
	}
	cr := &row.Cats[ci]
	if basis == BasisDomestic {
		if unknownFor(cr.Status, true) {
			return math.NaN()
		}
		if math.IsNaN(cr.DomesticM) {
			return math.Inf(1) // covered, none at home
		}
		return cr.DomesticM
	}
	if unknownFor(cr.Status, false) {
		return math.NaN()
	}
	if math.IsNaN(cr.NearestM) {
		return math.Inf(1) // covered, none anywhere
	}
	return cr.NearestM
}

// thresholds returns the thresholds of a basis's unit.
func (r *Result) thresholds(b Basis) []float64 {
	if b.Unit() == "min" {
		if ts := r.modeThresholds(b); ts != nil {
			return ts
		}
		return r.timeThresholds()
	}
	return r.Params.ThresholdsM
}

// roadEstimate is the estimated road length or time of village v for
// category ci, from its straight-line distance (RoadParams.DetourFactor
// and SpeedKmh): NaN unknown, +Inf known to have no service. The basket
// has no road figure (NaN).
func (r *Result) roadEstimate(v, ci int, basis Basis) float64 {
	if ci == len(r.Categories) {
		return math.NaN()
	}
	d := r.distance(v, ci, BasisNearest) * r.Params.Road.DetourFactor
	if basis == BasisRoadMinEst {
		d = d / (r.Params.Road.SpeedKmh / 3.6) / 60
	}
	return d
}

// Aggregate summarises one distance over a group of villages,
// population-weighted, as package aggregates computes it. Villages with unknown population count in Villages
// and VillagesPopulationUnknown but never as zero people.
type Aggregate struct {
	Level    Level
	Code     string // area code, country code, or "" for all
	Name     string // area name
	Country  string // the group's country when it has a single one
	Category string // a category or BasketCategory
	Basis    Basis

	Villages                  int     // villages in the group
	VillagesKnown             int     // villages whose distance is known
	VillagesPopulationUnknown int     // villages with unknown population
	PopulationKnown           float64 // people in villages with known population
	PopulationMeasured        float64 // of those, people whose distance is known
	PopulationAccessUnknown   float64 // PopulationKnown − PopulationMeasured

	// ShareWithin[t]: share of PopulationMeasured within threshold t:
	// Params.ThresholdsM for distance bases, Road.TimeThresholdsMin for
	// time bases (Basis.Unit), a further mode's Params.ModeThresholdsMin
	// when given (Result.Thresholds). NaN when PopulationMeasured is 0.
	ShareWithin []float64
	// Statuses, on a further mode's basis, count the villages under each
	// of the mode's own statuses (Schema.Statuses order): for transit
	// walk_only (counted at their walking time), no_service (beyond
	// every threshold when the mode says so for a fact, else unknown)
	// and unsnapped (unknown). Nil on other bases.
	Statuses []StatusCount
	// Mean, Median, P90: population-weighted statistics of the distance
	// (m) or time (min) over PopulationMeasured (NaN when it is 0). A
	// village with no service at all (infinite distance) makes the mean
	// infinite and is reported as NaN; quantiles handle it.
	Mean, Median, P90 float64
}

// StatusCount is the number of villages of a group under one status of a
// travel mode, and the people in those of them whose population is known.
type StatusCount struct {
	Status     string
	Villages   int
	Population float64
}
