package aggregates

import (
	"cmp"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"gonum.org/v1/gonum/stat"

	"github.com/partons/partons/datasets"
)

// TestRadixSortSameQuantiles: with whole populations, the radix sort gives
// a sorted permutation whose weighted quantiles are those of the
// comparison sort, bit for bit, on distances full of ties, zeros, +Inf
// and negative values.
func TestRadixSortSameQuantiles(t *testing.T) {
	rng := rand.New(rand.NewPCG(31, 32))
	var scratch radixScratch
	for trial := 0; trial < 300; trial++ {
		n := 65 + rng.IntN(3000)
		d := make([]float64, n)
		w := make([]float64, n)
		levels := 1 + rng.IntN(40) // few distinct values: many ties
		for i := range d {
			switch k := rng.IntN(levels + 3); {
			case k == levels:
				d[i] = math.Inf(1)
			case k == levels+1:
				d[i] = 0
			case k == levels+2 && trial%3 == 0:
				d[i] = -float64(rng.IntN(5)) - 0.5
			default:
				d[i] = float64(k)*1234.5 + float64(trial)
			}
			w[i] = float64(rng.IntN(5000)) // zeros included
		}
		order := make([]int32, 0, n)
		for i := range d {
			if rng.IntN(10) > 0 {
				order = append(order, int32(i))
			}
		}
		if len(order) <= 64 {
			continue
		}
		want := slices.Clone(order)
		slices.SortFunc(want, func(a, b int32) int { return cmp.Compare(d[a], d[b]) })
		got := slices.Clone(order)
		sortByDistance(got, d, true, &scratch)
		if !slices.IsSortedFunc(got, func(a, b int32) int { return cmp.Compare(d[a], d[b]) }) {
			t.Fatalf("trial %d: radix order not sorted", trial)
		}
		a, b := slices.Clone(got), slices.Clone(order)
		slices.Sort(a)
		slices.Sort(b)
		if !slices.Equal(a, b) {
			t.Fatalf("trial %d: radix order is not a permutation", trial)
		}
		pairs := func(o []int32) []pair {
			ps := make([]pair, len(o))
			for i, v := range o {
				ps[i] = pair{d[v], w[v]}
			}
			return ps
		}
		pg, pw := pairs(got), pairs(want)
		for _, p := range []float64{0, 0.1, 0.25, 0.5, 0.9, 0.99, 1} {
			qg, qw := weightedQuantile(p, pg), weightedQuantile(p, pw)
			if math.Float64bits(qg) != math.Float64bits(qw) && !(math.IsNaN(qg) && math.IsNaN(qw)) {
				t.Fatalf("trial %d p %v: quantile %v, comparison sort %v", trial, p, qg, qw)
			}
		}
	}
}

// TestRadixSortDeclines: a −0 distance or inexact weights keep the
// comparison sort.
func TestRadixSortDeclines(t *testing.T) {
	d := make([]float64, 100)
	order := make([]int32, 100)
	for i := range d {
		d[i] = float64(100 - i)
		order[i] = int32(i)
	}
	d[7] = math.Copysign(0, -1)
	var s radixScratch
	before := slices.Clone(order)
	if s.sort(order, d) || !slices.Equal(order, before) {
		t.Fatal("radix sort accepted a −0 distance or changed the order")
	}
	sortByDistance(order, d, true, &s)
	if order[0] != 7 || !slices.IsSortedFunc(order, func(a, b int32) int { return cmp.Compare(d[a], d[b]) }) {
		t.Fatalf("fallback did not sort: %v", order[:5])
	}

	mk := func(pops ...float64) []datasets.Village {
		var vs []datasets.Village
		for _, p := range pops {
			vs = append(vs, datasets.Village{Population: p, HasPopulation: true})
		}
		return append(vs, datasets.Village{Population: 0.5}) // unknown: not a weight
	}
	for _, tc := range []struct {
		pops []float64
		want bool
	}{
		{[]float64{1, 2, 3000}, true},
		{[]float64{1, 2.5}, false},
		{[]float64{1, -2}, false},
		{[]float64{1 << 52, 1 << 52}, false},
		{[]float64{math.NaN()}, false},
		{[]float64{math.Inf(1)}, false},
	} {
		if got := exactWeights(mk(tc.pops...)); got != tc.want {
			t.Errorf("exactWeights(%v) = %v, want %v", tc.pops, got, tc.want)
		}
	}
}

// TestExactQuantileMatchesGonum: without copying, the quantile of whole
// weights is gonum's, bit for bit, on sorted distances with ties, zeros
// weights and +Inf; other weights are left to gonum.
func TestExactQuantileMatchesGonum(t *testing.T) {
	rng := rand.New(rand.NewPCG(33, 34))
	for trial := 0; trial < 3000; trial++ {
		n := 1 + rng.IntN(300)
		ps := make([]pair, n)
		for i := range ps {
			ps[i] = pair{float64(rng.IntN(20)) * 777.7, float64(rng.IntN(3) * rng.IntN(4000))}
			if rng.IntN(15) == 0 {
				ps[i].x = math.Inf(1)
			}
		}
		slices.SortFunc(ps, func(a, b pair) int { return cmp.Compare(a.x, b.x) })
		if trial%7 == 0 {
			for i := range ps {
				ps[i].w = 0
			}
			ps[rng.IntN(n)].w = 5
		}
		xs, ws := make([]float64, n), make([]float64, n)
		for i, e := range ps {
			xs[i], ws[i] = e.x, e.w
		}
		for _, p := range []float64{0, 0.1, 0.5, 0.9, 1, rng.Float64()} {
			want := stat.Quantile(p, stat.Empirical, xs, ws)
			if math.IsInf(want, 0) {
				want = math.NaN()
			}
			got, ok := exactQuantile(p, ps)
			if !ok {
				t.Fatalf("trial %d: whole weights not taken", trial)
			}
			if math.Float64bits(got) != math.Float64bits(want) && !(math.IsNaN(got) && math.IsNaN(want)) {
				t.Fatalf("trial %d p %v: %v, gonum %v", trial, p, got, want)
			}
		}
	}
	for _, ps := range [][]pair{nil, {{1, 0.5}}, {{1, -1}}, {{2, 1}, {1, 1}}, {{math.NaN(), 1}}} {
		if _, ok := exactQuantile(0.5, ps); ok {
			t.Errorf("exactQuantile took %v", ps)
		}
	}
}
