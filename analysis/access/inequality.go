package access

import (
	"cmp"
	"math"
	"slices"

	"gonum.org/v1/gonum/stat"
)

// Stats summarises how a value (an access score or a cost) is spread over
// a population. Every share and index is population-weighted. Fields that
// are undefined (no population with a value, a zero mean, …) are NaN.
type Stats struct {
	Locations  int     // entries with a valid weight (finite, >= 0)
	Skipped    int     // entries left out for an invalid weight
	Population float64 // Σ w over the valid entries, with a value or not
	Reached    float64 // Σ w over the entries with a value (not NaN)

	Mean float64 // weighted mean over the reached population
	// Gini is the population-weighted Gini coefficient
	// Σ_i Σ_j w_i w_j |x_i − x_j| / (2 W² μ) over the reached population
	// (no small-sample correction), in [0, 1) for x >= 0; NaN when μ = 0 or
	// a value is negative.
	Gini float64
	// Theil is the Theil T index (1/W) Σ w_i (x_i/μ) ln(x_i/μ), with
	// 0·ln 0 = 0, in [0, ln W/w_min]; NaN when μ = 0 or a value is negative.
	Theil float64
	// Palma is the share of the total value held by the 10 % of the
	// population with the highest values divided by the share held by the
	// 40 % with the lowest (units at the 10 %/40 % boundaries split
	// pro rata); NaN when the lowest 40 % hold nothing or a value is
	// negative.
	Palma float64
	// Weighted percentiles (gonum stat.Quantile, Empirical: the smallest
	// value with at least p of the reached population at or below it).
	P10, P25, P50, P75, P90 float64
	// ShareBeyond is the share of Population whose value is > T (the
	// beyondT argument) or missing; NaN when Population is 0 or T is NaN.
	ShareBeyond float64
}

// Inequality computes Stats for values[k] held by weights[k] people
// (population per village, say). A NaN value means "no value" (no service
// in reach): it counts in Population and as beyond T, and nowhere else.
// Entries whose weight is negative, NaN or infinite are skipped and
// counted in Skipped; infinite values are treated as missing. It panics if
// the slices differ in length (a programmer error). O(n log n).
func Inequality(values, weights []float64, beyondT float64) Stats {
	if len(values) != len(weights) {
		panic("access: Inequality: values and weights differ in length")
	}
	st := Stats{Mean: math.NaN(), Gini: math.NaN(), Theil: math.NaN(), Palma: math.NaN(),
		P10: math.NaN(), P25: math.NaN(), P50: math.NaN(), P75: math.NaN(), P90: math.NaN(),
		ShareBeyond: math.NaN()}
	type vw struct{ x, w float64 }
	var reached []vw
	beyond := 0.0
	for k, w := range weights {
		if !(w >= 0) || math.IsInf(w, 1) {
			st.Skipped++
			continue
		}
		st.Locations++
		st.Population += w
		x := values[k]
		if math.IsNaN(x) || math.IsInf(x, 0) {
			beyond += w
			continue
		}
		if x > beyondT {
			beyond += w
		}
		st.Reached += w
		if w > 0 {
			reached = append(reached, vw{x, w})
		}
	}
	if st.Population > 0 && !math.IsNaN(beyondT) {
		st.ShareBeyond = beyond / st.Population
	}
	if len(reached) == 0 || !(st.Reached > 0) {
		return st
	}
	slices.SortStableFunc(reached, func(a, b vw) int { return cmp.Compare(a.x, b.x) })
	xs := make([]float64, len(reached))
	ws := make([]float64, len(reached))
	for k, r := range reached {
		xs[k], ws[k] = r.x, r.w
	}
	W := st.Reached
	st.Mean = stat.Mean(xs, ws)
	for _, q := range []struct {
		p   float64
		dst *float64
	}{{0.10, &st.P10}, {0.25, &st.P25}, {0.50, &st.P50}, {0.75, &st.P75}, {0.90, &st.P90}} {
		*q.dst = stat.Quantile(q.p, stat.Empirical, xs, ws)
	}
	if xs[0] < 0 || !(st.Mean > 0) {
		return st
	}
	mu := st.Mean
	// Gini: Σ_i w_i x_i (2 C_i − w_i − W) / (W² μ) with C_i the cumulative
	// weight through i in ascending order (ties cancel).
	var gsum, theil, cum float64
	for k, x := range xs {
		w := ws[k]
		cum += w
		gsum += w * x * (2*cum - w - W)
		if x > 0 {
			r := x / mu
			theil += w * r * math.Log(r)
		}
	}
	st.Gini = gsum / (W * W * mu)
	st.Theil = theil / W
	bottom := shareBetween(xs, ws, 0, 0.4*W)
	top := shareBetween(xs, ws, 0.9*W, W)
	if bottom > 0 {
		st.Palma = top / bottom
	}
	return st
}

// shareBetween returns Σ x·w over the part of the (ascending) population
// lying between cumulative weights lo and hi, splitting units pro rata.
func shareBetween(xs, ws []float64, lo, hi float64) float64 {
	sum, cum := 0.0, 0.0
	for k, x := range xs {
		a, b := cum, cum+ws[k]
		cum = b
		if b <= lo || a >= hi {
			continue
		}
		sum += x * (math.Min(b, hi) - math.Max(a, lo))
	}
	return sum
}

// InequalityByGroup computes Stats per group (area code, country…):
// keys are the distinct groups in ascending order and stats[k] the Stats
// of the entries of group keys[k]. See Inequality for the arguments; it
// panics if the three slices differ in length. O(n log n).
func InequalityByGroup(values, weights []float64, groups []string, beyondT float64) (keys []string, stats []Stats) {
	if len(values) != len(weights) || len(values) != len(groups) {
		panic("access: InequalityByGroup: slices differ in length")
	}
	members := map[string][]int{}
	for k, g := range groups {
		if _, seen := members[g]; !seen {
			keys = append(keys, g)
		}
		members[g] = append(members[g], k)
	}
	slices.Sort(keys)
	stats = make([]Stats, len(keys))
	for n, g := range keys {
		idx := members[g]
		v := make([]float64, len(idx))
		w := make([]float64, len(idx))
		for m, k := range idx {
			v[m], w[m] = values[k], weights[k]
		}
		stats[n] = Inequality(v, w, beyondT)
	}
	return keys, stats
}
