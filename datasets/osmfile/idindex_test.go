package osmfile

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestIDIndexAgreesWithBinarySearch: Find answers as a binary search over
// the same ids does, for ids present, absent, between and beyond them, on
// dense, sparse, clustered and extreme id sets.
func TestIDIndexAgreesWithBinarySearch(t *testing.T) {
	rng := rand.New(rand.NewPCG(17, 1))
	random := func(n int, span int64) []int64 {
		ids := make([]int64, n)
		for k := range ids {
			ids[k] = rng.Int64N(span) + 1
		}
		return ids
	}
	clustered := func() []int64 {
		var ids []int64
		for c := 0; c < 20; c++ {
			base := rng.Int64N(12_000_000_000)
			for k := 0; k < 500; k++ {
				ids = append(ids, base+int64(k*3))
			}
		}
		return ids
	}
	cases := []struct {
		name string
		ids  []int64
	}{
		{"empty", nil},
		{"one", []int64{42}},
		{"two far apart", []int64{-5, 13_000_000_000}},
		{"dense", random(5000, 6000)},
		{"sparse, planet-like ids", random(5000, 13_000_000_000)},
		{"clustered", clustered()},
		{"extremes", []int64{math.MinInt64, -1, 0, 1, math.MaxInt64}},
		{"negative", random(1000, 1_000_000)},
	}
	for k := range cases[len(cases)-1].ids {
		cases[len(cases)-1].ids[k] = -cases[len(cases)-1].ids[k]
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			slices.Sort(tc.ids)
			ids := slices.Compact(tc.ids)
			x := NewIDIndex(ids)
			if len(x.start) > len(ids)+1 {
				t.Errorf("%d buckets for %d ids", len(x.start)-1, len(ids))
			}
			probes := []int64{math.MinInt64, math.MaxInt64, 0, -1, 1}
			for _, id := range ids {
				probes = append(probes, id, id-1, id+1)
			}
			for range 2000 {
				probes = append(probes, rng.Int64())
			}
			for _, id := range probes {
				want, ok := slices.BinarySearch(ids, id)
				if !ok {
					want = -1
				}
				if got := x.Find(id); got != want {
					t.Fatalf("Find(%d) = %d, want %d", id, got, want)
				}
			}
		})
	}
}
