package index

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/paulmach/orb"
)

// TestCellGridSearchMatchesScan: a grid search finds exactly the items a
// scan of every item finds in the rectangle, for regional, world-wide,
// single-longitude, single-point and empty item sets, and rectangles
// inside, across and outside their bounds, degenerate ones included.
func TestCellGridSearchMatchesScan(t *testing.T) {
	rng := rand.New(rand.NewPCG(71, 72))
	sets := map[string][]orb.Point{
		"region":   randomIn(rng, 1000, 2.0, 3.3, 50.55, 51.2),
		"world":    randomIn(rng, 500, -180, 180, -90, 90),
		"meridian": randomIn(rng, 50, 3, 3, 50, 51),
		"parallel": randomIn(rng, 50, 2, 3, 50, 50),
		"point":    {{2.5, 50.8}, {2.5, 50.8}},
		"empty":    nil,
	}
	for name, pts := range sets {
		t.Run(name, func(t *testing.T) {
			items := make([]setItem, len(pts))
			for i, p := range pts {
				items[i] = setItem{lon: p[0], lat: p[1], ecef: toECEF(p[0], p[1]), member: int32(i % 3), id: int32(i)}
			}
			g := newCellGrid(items)
			if len(g.items) != len(items) || int(g.start[len(g.start)-1]) != len(items) {
				t.Fatalf("grid holds %d of %d items", g.start[len(g.start)-1], len(items))
			}
			for k := 0; k < 3000; k++ {
				var lo, hi [2]float64
				switch k % 3 {
				case 0: // around the items
					lo = [2]float64{2 + 1.3*rng.Float64() - 0.2, 50.5 + 0.7*rng.Float64()}
					hi = [2]float64{lo[0] + 0.3*rng.Float64(), lo[1] + 0.2*rng.Float64()}
				case 1: // anywhere
					lo = [2]float64{360*rng.Float64() - 180, 180*rng.Float64() - 90}
					hi = [2]float64{lo[0] + 100*rng.Float64(), lo[1] + 50*rng.Float64()}
				default: // on an item, degenerate
					if len(pts) > 0 {
						p := pts[rng.IntN(len(pts))]
						lo, hi = [2]float64{p[0], p[1]}, [2]float64{p[0], p[1]}
					}
				}
				var want, got []int32
				for _, it := range items {
					if it.lon >= lo[0] && it.lon <= hi[0] && it.lat >= lo[1] && it.lat <= hi[1] {
						want = append(want, it.id)
					}
				}
				g.search(lo, hi, func(it *setItem) {
					if it.member != it.id%3 {
						t.Fatalf("item %d carries member %d", it.id, it.member)
					}
					got = append(got, it.id)
				})
				slices.Sort(got)
				if !slices.Equal(got, want) {
					t.Fatalf("rectangle %v–%v: grid finds %v, scan %v", lo, hi, got, want)
				}
			}
		})
	}
}
