package index

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/paulmach/orb"
)

// TestSetSameAsEachMember: one Set query gives every member exactly its
// own NearestAndCount (item, distance bits, counts), with members of very
// different densities, an empty one, one of invalid points only, shared
// count slices, and queries near, on, and far from the data.
//
// Members spread over the globe crowd the grid's cells, so that Set
// keeps a tree; members of one region give it a grid: both are checked.
func TestSetSameAsEachMember(t *testing.T) {
	rng := rand.New(rand.NewPCG(61, 62))
	world := []*Points{
		New(randomIn(rng, 50, 2.0, 3.3, 50.55, 51.2)),
		New(randomIn(rng, 400, 2.0, 3.3, 50.55, 51.2)),
		New(randomIn(rng, 3, 2.0, 2.2, 50.55, 50.6)),
		New(nil),
		New([]orb.Point{{math.NaN(), 50}, {2, 95}}),
		New(randomIn(rng, 200, -180, 180, -90, 90)),
		New(randomIn(rng, 100, 179.9, 180, 50, 51)),
		New(randomIn(rng, 80, 2.0, 3.3, 50.55, 51.2)),
	}
	region := []*Points{
		New(randomIn(rng, 50, 2.0, 3.3, 50.55, 51.2)),
		New(randomIn(rng, 400, 2.0, 3.3, 50.55, 51.2)),
		New(randomIn(rng, 3, 2.0, 2.2, 50.55, 50.6)),
		New(nil),
		New([]orb.Point{{math.NaN(), 50}, {2, 95}}),
		New(randomIn(rng, 200, 1.5, 3.8, 50.3, 51.4)),
		New(randomIn(rng, 100, 2.0, 3.3, 50.55, 51.2)),
		New(randomIn(rng, 80, 2.0, 3.3, 50.55, 51.2)),
	}
	for _, tc := range []struct {
		name    string
		members []*Points
		tree    bool
	}{{"world", world, true}, {"region", region, false}} {
		t.Run(tc.name, func(t *testing.T) {
			set := NewSet(tc.members)
			if (set.flat != nil) != tc.tree {
				t.Fatalf("set keeps a tree: %v, want %v", set.flat != nil, tc.tree)
			}
			checkSetSameAsEachMember(t, rand.New(rand.NewPCG(63, 64)), set, tc.members)
		})
	}
}

func checkSetSameAsEachMember(t *testing.T, rng *rand.Rand, set *Set, members []*Points) {
	t.Helper()
	radiiSets := [][]float64{{1200, 3750, 10000}, nil, {500}, {2000, 20000}, {3000e3}}
	out := make([]Answer, len(members))
	queries := 4000
	if raceEnabled {
		queries = 800 // the same paths, a fifth of the brute-force work
	}
	for k := 0; k < queries; k++ {
		var p orb.Point
		switch k % 4 {
		case 0:
			p = orb.Point{2 + 1.3*rng.Float64(), 50.55 + 0.65*rng.Float64()}
		case 1:
			m := members[rng.IntN(2)]
			p = m.Point(int32(rng.IntN(m.Len())))
		case 2:
			p = orb.Point{179.5 + rng.Float64(), 50 + rng.Float64()}
			if p[0] > 180 {
				p[0] -= 360
			}
		default:
			p = orb.Point{360*rng.Float64() - 180, 180*rng.Float64() - 90}
		}
		radii := radiiSets[k%len(radiiSets)]
		tol := []float64{0.5e-3, 0, 1e-3}[k%3]
		q := NewQuery(p)
		// Members 0 and 7 share a count slice, as the countries of one
		// category do.
		counts := make([][]int32, len(members))
		shared := make([]int32, len(radii))
		for m := range counts {
			counts[m] = make([]int32, len(radii))
		}
		counts[0], counts[7] = shared, shared
		set.NearestAndCount(&q, radii, counts, tol, out)
		wantShared := make([]int32, len(radii))
		for m, ix := range members {
			want := make([]int32, len(radii))
			if m == 0 || m == 7 {
				want = wantShared
			}
			i, d, ok := ix.NearestAndCount(&q, radii, want, tol)
			if out[m].ID != i || math.Float64bits(out[m].DistM) != math.Float64bits(d) || out[m].OK != ok {
				t.Fatalf("query %v radii %v member %d: %+v, alone %d %v %v", p, radii, m, out[m], i, d, ok)
			}
			if m != 0 && m != 7 && !slices.Equal(counts[m], want) {
				t.Fatalf("query %v radii %v member %d: counts %v, alone %v", p, radii, m, counts[m], want)
			}
		}
		if !slices.Equal(shared, wantShared) {
			t.Fatalf("query %v radii %v: shared counts %v, alone %v", p, radii, shared, wantShared)
		}
	}
	bad := NewQuery(orb.Point{math.NaN(), 0})
	set.NearestAndCount(&bad, radiiSets[0], make([][]int32, len(members)), 0, out)
	for m := range out {
		if out[m].OK || out[m].ID != -1 {
			t.Fatalf("invalid query: member %d answered %+v", m, out[m])
		}
	}
}
