// Package aggregates summarises a Result per area, per country and
// overall: for every category (and the basket) and every basis (straight
// line nearest and domestic, road estimates, each travel mode's aggregate
// metrics) the population-weighted shares within each threshold, mean,
// median and 90th percentile, and the villages and people under each of
// a mode's statuses. Villages of unknown population count as villages,
// never as zero people. Deterministic: sums run in village order.
package aggregates

import (
	"math"
	"slices"
	"sort"
	"sync"

	"gonum.org/v1/gonum/stat"

	"github.com/partons/partons/analysis"
)

// Of computes every aggregate of r: for each category (then the
// basket), each basis, each level (areas sorted by country and code,
// countries sorted, then all). Deterministic: sums run in village order.
func Of(r *analysis.Result) []analysis.Aggregate { return For(r) }

// From is Of for a variant's result that analysis.Recompute rebuilt from
// base, given baseAggs = Of(base): the aggregates of the categories (and
// basket) it took unchanged from base are copied from baseAggs, the
// others computed. The result is that of Of; for any other result, it is
// Of. The copies share their slices
// (ShareWithin, Statuses) with baseAggs.
func From(r, base *analysis.Result, baseAggs []analysis.Aggregate) []analysis.Aggregate {
	if from, _ := r.RebuiltFrom(); base == nil || from != base || len(baseAggs) == 0 {
		return Of(r)
	}
	return aggregates(r, nil, baseAggs, false)
}

// For computes the aggregates of the given bases only (all the
// run's bases when none is given), e.g. nearest and domestic for a summary
// when areas.csv is not written.
func For(r *analysis.Result, only ...analysis.Basis) []analysis.Aggregate {
	return aggregates(r, only, nil, false)
}

// Countries is For at the country level alone: the aggregates For
// gives there, in the same order, without those of the areas and of
// all villages (what a printed summary reads, when areas.csv is not
// written).
func Countries(r *analysis.Result, only ...analysis.Basis) []analysis.Aggregate {
	return aggregates(r, only, nil, true)
}

// aggregates computes the aggregates of the given bases (all when none is
// given). With baseAggs, every aggregate of the base r was rebuilt from,
// the block of each category it holds unchanged is copied from it
// instead. With countriesOnly, only those of the country level.
func aggregates(r *analysis.Result, only []analysis.Basis, baseAggs []analysis.Aggregate, countriesOnly bool) []analysis.Aggregate {
	bases := r.Bases()
	if len(only) > 0 {
		bases = slices.DeleteFunc(bases, func(b analysis.Basis) bool { return !slices.Contains(only, b) })
	}
	type group struct {
		level               analysis.Level
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
				areas = append(areas, group{level: analysis.LevelArea, code: vl.AreaCode, name: vl.AreaName, country: vl.Country})
			}
			areas[i].members = append(areas[i].members, v)
		}
		if vl.Country != "" {
			i, ok := countryIdx[vl.Country]
			if !ok {
				i = len(ctrs)
				countryIdx[vl.Country] = i
				ctrs = append(ctrs, group{level: analysis.LevelCountry, code: vl.Country, country: vl.Country})
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
	all := group{level: analysis.LevelAll}
	for v := 0; v < len(r.Villages) && !countriesOnly; v++ {
		all.members = append(all.members, v)
	}
	if len(ctrs) == 1 {
		all.country = ctrs[0].code
	}
	groups = append(append(append(groups, areas...), ctrs...), all)
	if countriesOnly {
		groups = groups[len(areas) : len(areas)+len(ctrs)]
	}

	// Each village belongs to at most one group per level: remember which,
	// so one sorted walk per (category, basis) fills every group's sorted
	// distances without sorting each group again. The walk reads each
	// village's population and groups from one compact record
	// (villageInfo) instead of the villages themselves.
	info := make([]villageInfo, len(r.Villages))
	for v := range info {
		vl := &r.Villages[v]
		info[v] = villageInfo{w: vl.Population, known: vl.HasPopulation, area: -1, country: -1}
	}
	for gi, g := range groups {
		for _, v := range g.members {
			switch g.level {
			case analysis.LevelArea:
				info[v].area = int32(gi)
			case analysis.LevelCountry:
				info[v].country = int32(gi)
			}
		}
	}
	gAll := int32(len(groups) - 1) // -1: no group of all villages
	if countriesOnly {
		gAll = -1
	}
	sizes := make([]int, len(groups))
	for gi, g := range groups {
		sizes[gi] = len(g.members)
	}

	cats := append(append([]string(nil), r.Categories...), analysis.BasketCategory)
	if len(r.Params.Basket) == 0 {
		cats = cats[:len(cats)-1]
	}
	// Categories are independent: summarise them in parallel, each into
	// its own slot, and concatenate in order (deterministic).
	parts := make([][]analysis.Aggregate, len(cats))
	var wg sync.WaitGroup
	workers := max(1, r.Workers())
	sem := make(chan struct{}, workers)
	// Workspaces go from one category to the next: at most one per
	// worker is allocated.
	spaces := make(chan *workspace, workers)
	// Every category has one aggregate per basis and group, in the same
	// order as the base's.
	per := len(bases) * len(groups)
	_, same := r.RebuiltFrom()
	reuse := baseAggs != nil && len(baseAggs) == per*len(cats) && len(same) == len(r.Categories)+1
	exact := exactWeights(r.Villages)
	for ci := range cats {
		if reuse && same[ci] && baseAggs[ci*per].Category == cats[ci] {
			parts[ci] = baseAggs[ci*per : (ci+1)*per : (ci+1)*per]
			continue
		}
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			var ws *workspace
			select {
			case ws = <-spaces:
			default:
				ws = newWorkspace(len(r.Villages), sizes)
			}
			defer func() { spaces <- ws }()
			d, buckets := ws.d, ws.buckets
			var nearestOrder []int32
			// put adds village v's pair to the buckets of its groups.
			put := func(v int) {
				in := &info[v]
				p := pair{d[v], in.w}
				if g := in.area; g >= 0 {
					buckets[g] = append(buckets[g], p)
				}
				if g := in.country; g >= 0 {
					buckets[g] = append(buckets[g], p)
				}
				if gAll >= 0 {
					buckets[gAll] = append(buckets[gAll], p)
				}
			}
			// fillGroups appends every group's aggregate of basis from its
			// bucket (sel: the quantiles selected, nil: the bucket sorted).
			fillGroups := func(basis analysis.Basis, sel *selector) {
				for gi, g := range groups {
					a := analysis.Aggregate{Level: g.level, Code: g.code, Name: g.name, Country: g.country,
						Category: cats[ci], Basis: basis}
					fill(info, &a, g.members, r.Thresholds(basis), d, buckets[gi], sel)
					if mb := r.BasisMode(basis); mb != nil && ci < len(r.Categories) {
						a.Statuses = statusCounts(r, mb, ci, g.members)
					}
					parts[ci] = append(parts[ci], a)
				}
			}
			for _, basis := range bases {
				r.Values(basis, ci, d)
				negZero := false
				for _, x := range d {
					negZero = negZero || math.Float64bits(x) == 1<<63
				}
				if exact && !negZero {
					// The quantiles are selected from each group's pairs in
					// village order (selector.quantiles): nothing to sort.
					for gi := range buckets {
						buckets[gi] = buckets[gi][:0]
					}
					for v := range r.Villages {
						if info[v].known && !math.IsNaN(d[v]) {
							put(v)
						}
					}
					fillGroups(basis, &ws.sel)
					continue
				}
				order := ws.order[:0]
				if (basis == analysis.BasisRoadMEst || basis == analysis.BasisRoadMinEst) && nearestOrder != nil {
					// Estimates are the nearest distance scaled: same order.
					order = append(order, nearestOrder...)
				} else {
					for v := range r.Villages {
						if info[v].known && !math.IsNaN(d[v]) {
							order = append(order, int32(v))
						}
					}
					// Quantiles are values of d, so the order among equal
					// distances does not matter: an unstable sort by d
					// alone gives the same bytes every run.
					sortByDistance(order, d, exact, &ws.scratch)
					if basis == analysis.BasisNearest {
						nearestOrder = append(ws.nearest[:0], order...)
						ws.nearest = nearestOrder
					}
				}
				ws.order = order
				for gi := range buckets {
					buckets[gi] = buckets[gi][:0]
				}
				for _, v := range order {
					put(int(v))
				}
				fillGroups(basis, nil)
			}
		}()
	}
	wg.Wait()
	var out []analysis.Aggregate
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

type pair struct{ x, w float64 }

// villageInfo is what the aggregates read of a village, packed: its
// population w (known or not) and its groups at area and country level
// (-1 for none).
type villageInfo struct {
	w             float64
	known         bool
	area, country int32
}

// workspace holds the buffers of one category's aggregates, reused for
// the next category.
type workspace struct {
	d              []float64 // every village's value on the basis
	order, nearest []int32   // measured villages by distance; those of the nearest basis
	buckets        [][]pair  // each group's pairs, sorted unless selected
	scratch        radixScratch
	sel            selector
}

// newWorkspace sizes a workspace for n villages and groups of the given
// sizes.
func newWorkspace(n int, sizes []int) *workspace {
	ws := &workspace{d: make([]float64, n), order: make([]int32, 0, n), buckets: make([][]pair, len(sizes))}
	for g, k := range sizes {
		ws.buckets[g] = make([]pair, 0, k)
	}
	return ws
}

// fill computes one aggregate over members; d holds every village's
// distance and sorted the (distance, population) pairs of the members
// whose distance and population are known, in increasing distance; with
// sel, those pairs in any order, their quantiles selected (see
// selector.quantiles, whose conditions must hold).
func fill(info []villageInfo, a *analysis.Aggregate, members []int, ts []float64, d []float64, sorted []pair, sel *selector) {
	a.ShareWithin = make([]float64, len(ts))
	var sum float64
	inf := false
	for _, v := range members {
		in := &info[v]
		a.Villages++
		dv := d[v]
		if !math.IsNaN(dv) {
			a.VillagesKnown++
		}
		if !in.known {
			a.VillagesPopulationUnknown++
			continue
		}
		a.PopulationKnown += in.w
		if math.IsNaN(dv) {
			continue
		}
		a.PopulationMeasured += in.w
		for t, tv := range ts {
			if dv <= tv {
				a.ShareWithin[t] += in.w
			}
		}
		if math.IsInf(dv, 1) {
			inf = inf || in.w > 0
		} else {
			sum += dv * in.w
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
	if sel != nil {
		var q [2]float64
		sel.quantiles(sorted, []float64{0.5, 0.9}, q[:])
		a.Median, a.P90 = q[0], q[1]
		return
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

// statusCounts counts, for mode block b and category position c, the
// member villages under each of the mode's own statuses, and their known
// population: the villages the mode leaves unknown (off its network),
// reaching nothing within its limits, or reaching the service only on
// foot, stated rather than hidden in the shares.
func statusCounts(r *analysis.Result, b *analysis.ModeBlock, c int, members []int) []analysis.StatusCount {
	out := make([]analysis.StatusCount, len(b.Schema.Statuses))
	for i, st := range b.Schema.Statuses {
		out[i].Status = st.Code
	}
	for _, v := range members {
		st := b.Cells[v][c].Status
		for i := range out {
			if out[i].Status == st {
				out[i].Villages++
				if vl := &r.Villages[v]; vl.HasPopulation {
					out[i].Population += vl.Population
				}
			}
		}
	}
	return out
}
