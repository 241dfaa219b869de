package figures

import (
	"math"
	"slices"
	"sort"

	"github.com/partons/partons/analysis"
	"github.com/partons/partons/travel"
)

// RoadValues are village v's road figures for category position c: the
// travel time (min) and the length (m) of the route to the nearest
// service, with the conventions of analysis' aggregates: NaN unknown
// (unsnapped, coverage), +Inf when no service can be reached.
func RoadValues(r *analysis.Result, v, c int) (minutes, metres float64) {
	b := r.RoadBlock()
	if b == nil || c >= len(b.Cells[v]) {
		return math.NaN(), math.NaN()
	}
	cell := &b.Cells[v][c]
	switch {
	case cell.Service >= 0:
		return cell.Metrics[b.Schema.MetricIndex("min")], cell.Metrics[b.Schema.MetricIndex("m")]
	case cell.None || cell.Status == b.Schema.Status(travel.RoadUnreachable):
		return math.Inf(1), math.Inf(1)
	}
	return math.NaN(), math.NaN()
}

// Routed says whether the run measured routes on a road network (not
// straight-line estimates).
func Routed(r *analysis.Result) bool {
	return r.Params.Road != nil && r.Params.Road.Graph != nil
}

// Unmeasured blanks figures x that were never measured: when no village
// has a finite x but some have a finite other figure (a location model
// routed by length knows no travel times, one routed by time no
// lengths), the villages no route reaches (+Inf) say nothing about x
// either, and x is unknown (NaN) everywhere.
func Unmeasured(x, other []float64) {
	finite := func(d []float64) bool {
		return slices.ContainsFunc(d, func(f float64) bool { return !math.IsNaN(f) && !math.IsInf(f, 0) })
	}
	if finite(x) || !finite(other) {
		return
	}
	for i := range x {
		x[i] = math.NaN()
	}
}

// VillageFigures summarise the values d of the villages member accepts
// in villages, for groups where no population is known: the share of
// villages within each threshold and the median village (the lower of
// the two middle ones). n is the number of villages with a known value;
// NaN values are unknown, +Inf counts as beyond every threshold.
func VillageFigures(d []float64, member func(v int) bool, ts []float64) (shares []float64, median float64, n int) {
	var xs []float64
	for v, x := range d {
		if member(v) && !math.IsNaN(x) {
			xs = append(xs, x)
		}
	}
	shares = make([]float64, len(ts))
	if len(xs) == 0 {
		for i := range shares {
			shares[i] = math.NaN()
		}
		return shares, math.NaN(), 0
	}
	sort.Float64s(xs)
	for i, tv := range ts {
		k := sort.Search(len(xs), func(j int) bool { return xs[j] > tv })
		shares[i] = float64(k) / float64(len(xs))
	}
	return shares, xs[(len(xs)-1)/2], len(xs)
}

// TransitBlock is the run's public-transport block and its aggregate
// minute basis, or nil.
func TransitBlock(r *analysis.Result) (*analysis.ModeBlock, analysis.Basis) {
	b := r.Mode("transit")
	if b == nil {
		return nil, ""
	}
	for _, m := range b.Schema.Metrics {
		if m.Aggregate && m.Unit == travel.Minutes {
			return b, analysis.Basis(b.Schema.Name + "_" + m.Name)
		}
	}
	return nil, ""
}

// CatIndex is the position of category c in r.Categories, -1 when absent.
func CatIndex(r *analysis.Result, c string) int {
	for i, x := range r.Categories {
		if x == c {
			return i
		}
	}
	return -1
}

// MainCategory returns the category whose cross-border (nearest)
// distance is known for the most people, the first in Result order on
// ties; with no population known anywhere, the one known for the most
// villages. "" when there are no categories. Complexity O(villages ×
// categories).
func MainCategory(r *analysis.Result) string {
	best, bestPop, bestN := "", -1.0, -1
	for c, name := range r.Categories {
		pop, n := 0.0, 0
		for v := range r.Villages {
			cr := &r.Rows[v].Cats[c]
			if cr.Status != analysis.StatusOK && cr.Status != analysis.StatusNoDomesticService {
				continue
			}
			n++
			if r.Villages[v].HasPopulation {
				pop += r.Villages[v].Population
			}
		}
		if pop > bestPop || (pop == bestPop && n > bestN) {
			best, bestPop, bestN = name, pop, n
		}
	}
	return best
}
