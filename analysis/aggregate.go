package analysis

import (
	"math"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"

	"gonum.org/v1/gonum/stat"
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

// Aggregate summarises one distance over a group of villages,
// population-weighted. Villages with unknown population count in Villages
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

// Aggregates computes every aggregate: for each category (then the
// basket), each basis, each level (areas sorted by country and code,
// countries sorted, then all). Deterministic: sums run in village order.
func (r *Result) Aggregates() []Aggregate { return r.AggregatesFor() }

// AggregatesFrom is Aggregates of a variant's result that Recompute
// rebuilt from base, given baseAggs = base.Aggregates(): the aggregates of
// the categories (and basket) it took unchanged from base are copied from
// baseAggs, the others computed. The result is that of Aggregates; for
// any other result, it is Aggregates. The copies share their slices
// (ShareWithin, Statuses) with baseAggs.
func (r *Result) AggregatesFrom(base *Result, baseAggs []Aggregate) []Aggregate {
	if base == nil || r.from != base || len(baseAggs) == 0 {
		return r.Aggregates()
	}
	return r.aggregates(nil, baseAggs)
}

// AggregatesFor computes the aggregates of the given bases only (all the
// run's bases when none is given), e.g. nearest and domestic for a summary
// when areas.csv is not written.
func (r *Result) AggregatesFor(only ...Basis) []Aggregate { return r.aggregates(only, nil) }

// aggregates computes the aggregates of the given bases (all when none is
// given). With baseAggs, every aggregate of r.from, the block of each
// category r.same marks is copied from it instead.
func (r *Result) aggregates(only []Basis, baseAggs []Aggregate) []Aggregate {
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
	if len(only) > 0 {
		bases = slices.DeleteFunc(bases, func(b Basis) bool { return !slices.Contains(only, b) })
	}
	type group struct {
		level               Level
		code, name, country string
		members             []int
	}
	var groups []group
	areaIdx := map[[2]string]int{}
	countryIdx := map[string]int{}
	var areas, ctrs []group
	for v := range r.Villages {
		vl := &r.Villages[v]
		if vl.AreaCode != "" {
			k := [2]string{vl.Country, vl.AreaCode}
			i, ok := areaIdx[k]
			if !ok {
				i = len(areas)
				areaIdx[k] = i
				areas = append(areas, group{level: LevelArea, code: vl.AreaCode, name: vl.AreaName, country: vl.Country})
			}
			areas[i].members = append(areas[i].members, v)
		}
		if vl.Country != "" {
			i, ok := countryIdx[vl.Country]
			if !ok {
				i = len(ctrs)
				countryIdx[vl.Country] = i
				ctrs = append(ctrs, group{level: LevelCountry, code: vl.Country, country: vl.Country})
			}
			ctrs[i].members = append(ctrs[i].members, v)
		}
	}
	sort.SliceStable(areas, func(i, j int) bool {
		if areas[i].country != areas[j].country {
			return areas[i].country < areas[j].country
		}
		return areas[i].code < areas[j].code
	})
	sort.SliceStable(ctrs, func(i, j int) bool { return ctrs[i].code < ctrs[j].code })
	all := group{level: LevelAll}
	for v := range r.Villages {
		all.members = append(all.members, v)
	}
	if len(ctrs) == 1 {
		all.country = ctrs[0].code
	}
	groups = append(append(append(groups, areas...), ctrs...), all)

	// Each village belongs to at most one group per level: remember which,
	// so one sorted walk per (category, basis) fills every group's sorted
	// distances without sorting each group again.
	gArea, gCountry := make([]int32, len(r.Villages)), make([]int32, len(r.Villages))
	for v := range gArea {
		gArea[v], gCountry[v] = -1, -1
	}
	for gi, g := range groups {
		for _, v := range g.members {
			switch g.level {
			case LevelArea:
				gArea[v] = int32(gi)
			case LevelCountry:
				gCountry[v] = int32(gi)
			}
		}
	}
	gAll := int32(len(groups) - 1)

	cats := append(append([]string(nil), r.Categories...), BasketCategory)
	if len(r.Params.Basket) == 0 {
		cats = cats[:len(cats)-1]
	}
	// Categories are independent: summarise them in parallel, each into
	// its own slot, and concatenate in order (deterministic).
	parts := make([][]Aggregate, len(cats))
	var wg sync.WaitGroup
	sem := make(chan struct{}, max(1, r.workers()))
	// Every category has one aggregate per basis and group, in the same
	// order as the base's.
	per := len(bases) * len(groups)
	reuse := baseAggs != nil && len(baseAggs) == per*len(cats) && len(r.same) == len(r.Categories)+1
	exact := r.exactWeights()
	for ci := range cats {
		if reuse && r.same[ci] && baseAggs[ci*per].Category == cats[ci] {
			parts[ci] = baseAggs[ci*per : (ci+1)*per : (ci+1)*per]
			continue
		}
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			d := make([]float64, len(r.Villages))
			order := make([]int32, 0, len(r.Villages))
			buckets := make([][]pair, len(groups))
			for gi := range buckets {
				buckets[gi] = make([]pair, 0, len(groups[gi].members))
			}
			var nearestOrder []int32
			var scratch radixScratch
			for _, basis := range bases {
				for v := range r.Villages {
					d[v] = r.distance(v, ci, basis)
				}
				if (basis == BasisRoadMEst || basis == BasisRoadMinEst) && nearestOrder != nil {
					// Estimates are the nearest distance scaled: same order.
					order = append(order[:0], nearestOrder...)
				} else {
					order = order[:0]
					for v := range r.Villages {
						if r.Villages[v].HasPopulation && !math.IsNaN(d[v]) {
							order = append(order, int32(v))
						}
					}
					// Quantiles are values of d, so the order among equal
					// distances does not matter: an unstable sort by d
					// alone gives the same bytes every run.
					sortByDistance(order, d, exact, &scratch)
					if basis == BasisNearest {
						nearestOrder = append([]int32(nil), order...)
					}
				}
				for gi := range buckets {
					buckets[gi] = buckets[gi][:0]
				}
				for _, v := range order {
					p := pair{d[v], r.Villages[v].Population}
					if g := gArea[v]; g >= 0 {
						buckets[g] = append(buckets[g], p)
					}
					if g := gCountry[v]; g >= 0 {
						buckets[g] = append(buckets[g], p)
					}
					buckets[gAll] = append(buckets[gAll], p)
				}
				for gi, g := range groups {
					a := Aggregate{Level: g.level, Code: g.code, Name: g.name, Country: g.country,
						Category: cats[ci], Basis: basis}
					r.fill(&a, g.members, r.thresholds(basis), d, buckets[gi])
					if mb, _ := r.modeBasis(basis); mb != nil && ci < len(r.Categories) {
						a.Statuses = r.statusCounts(mb, ci, g.members)
					}
					parts[ci] = append(parts[ci], a)
				}
			}
		}()
	}
	wg.Wait()
	var out []Aggregate
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

func (r *Result) workers() int {
	if r.Params.Workers > 0 {
		return r.Params.Workers
	}
	return runtime.GOMAXPROCS(0)
}

// StatusCount is the number of villages of a group under one status of a
// travel mode, and the people in those of them whose population is known.
type StatusCount struct {
	Status     string
	Villages   int
	Population float64
}

type pair struct{ x, w float64 }

// Value is village v's value on a basis for category position c (the
// basket at len(Categories)), as the aggregates count it: NaN unknown,
// +Inf known to have no service.
func (r *Result) Value(basis Basis, v, c int) float64 { return r.distance(v, c, basis) }

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

// fill computes one aggregate over members; d holds every village's
// distance and sorted the (distance, population) pairs of the members
// whose distance and population are known, in increasing distance.
func (r *Result) fill(a *Aggregate, members []int, ts []float64, d []float64, sorted []pair) {
	a.ShareWithin = make([]float64, len(ts))
	var sum float64
	inf := false
	for _, v := range members {
		vl := &r.Villages[v]
		a.Villages++
		dv := d[v]
		if !math.IsNaN(dv) {
			a.VillagesKnown++
		}
		if !vl.HasPopulation {
			a.VillagesPopulationUnknown++
			continue
		}
		a.PopulationKnown += vl.Population
		if math.IsNaN(dv) {
			continue
		}
		a.PopulationMeasured += vl.Population
		for t, tv := range ts {
			if dv <= tv {
				a.ShareWithin[t] += vl.Population
			}
		}
		if math.IsInf(dv, 1) {
			inf = inf || vl.Population > 0
		} else {
			sum += dv * vl.Population
		}
	}
	a.PopulationAccessUnknown = a.PopulationKnown - a.PopulationMeasured
	a.Mean, a.Median, a.P90 = math.NaN(), math.NaN(), math.NaN()
	if a.PopulationMeasured <= 0 {
		for t := range a.ShareWithin {
			a.ShareWithin[t] = math.NaN()
		}
		return
	}
	for t := range a.ShareWithin {
		a.ShareWithin[t] /= a.PopulationMeasured
	}
	if !inf {
		a.Mean = sum / a.PopulationMeasured
	}
	a.Median = weightedQuantile(0.5, sorted)
	a.P90 = weightedQuantile(0.9, sorted)
}

// weightedQuantile is gonum's empirical weighted quantile of pairs sorted
// by x, with +Inf (no service) allowed at the top: an infinite answer is
// reported as NaN.
func weightedQuantile(p float64, sorted []pair) float64 {
	if q, ok := exactQuantile(p, sorted); ok {
		return q
	}
	xs, ws := make([]float64, len(sorted)), make([]float64, len(sorted))
	for i, q := range sorted {
		xs[i], ws[i] = q.x, q.w
	}
	q := stat.Quantile(p, stat.Empirical, xs, ws)
	if math.IsInf(q, 0) {
		return math.NaN()
	}
	return q
}
