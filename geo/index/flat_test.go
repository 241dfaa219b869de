package index

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/paulmach/orb"

	"github.com/partons/partons/geo/internal/hilbert"
)

// TestFlatTreeSearchMatchesRtree: the packed tree returns exactly the items
// tidwall/rtree returns for the same rectangle, on uniform, clustered,
// duplicated and world-wide points, for rectangles of every size, empty
// ones, and rectangles whose sides pass exactly through items.
func TestFlatTreeSearchMatchesRtree(t *testing.T) {
	rng := rand.New(rand.NewPCG(41, 42))
	sets := map[string][]orb.Point{
		"empty":   nil,
		"single":  {{2.5, 50.9}},
		"uniform": randomIn(rng, 5000, 2.0, 3.3, 50.55, 51.2),
		"world":   randomIn(rng, 3000, -180, 180, -90, 90),
	}
	var clustered []orb.Point
	for range 30 {
		c := orb.Point{2 + 1.3*rng.Float64(), 50.55 + 0.65*rng.Float64()}
		for range 40 {
			clustered = append(clustered, orb.Point{c[0] + rng.NormFloat64()*0.01, c[1] + rng.NormFloat64()*0.007})
		}
	}
	sets["clustered"] = append(clustered, clustered[:100]...) // with duplicates
	sets["edges"] = []orb.Point{{-180, 0}, {180, 0}, {0, 90}, {0, -90}, {-180, -90}, {180, 90}, {190, 10}}
	for name, pts := range sets {
		ix := New(pts)
		for k := 0; k < 2000; k++ {
			var lo, hi [2]float64
			switch k % 4 {
			case 0: // around an item, sides through items
				if len(pts) > 0 {
					a, b := pts[rng.IntN(len(pts))], pts[rng.IntN(len(pts))]
					an, _, _ := normalise(a)
					bn, _, _ := normalise(b)
					lo = [2]float64{min(an, bn), min(a[1], b[1])}
					hi = [2]float64{max(an, bn), max(a[1], b[1])}
					break
				}
				fallthrough
			case 1: // small
				c := [2]float64{2 + 1.3*rng.Float64(), 50.55 + 0.65*rng.Float64()}
				w := 0.3 * rng.Float64()
				lo, hi = [2]float64{c[0] - w, c[1] - w/2}, [2]float64{c[0] + w, c[1] + w/2}
			case 2: // anywhere, any size
				x0, x1 := 360*rng.Float64()-180, 360*rng.Float64()-180
				y0, y1 := 180*rng.Float64()-90, 180*rng.Float64()-90
				lo, hi = [2]float64{min(x0, x1), min(y0, y1)}, [2]float64{max(x0, x1), max(y0, y1)}
			default: // the whole world
				lo, hi = [2]float64{-180, -90}, [2]float64{180, 90}
			}
			var want, got []int32
			ix.tree.Search(lo, hi, func(_, _ [2]float64, id int32) bool { want = append(want, id); return true })
			ix.flat.search(lo, hi, func(it *flatItem) {
				if it.ecef != ix.ecef[it.id] {
					t.Fatalf("%s: item %d carries a wrong position", name, it.id)
				}
				got = append(got, it.id)
			})
			slices.Sort(want)
			slices.Sort(got)
			if !slices.Equal(got, want) {
				t.Fatalf("%s rect %v %v: %d items, rtree %d", name, lo, hi, len(got), len(want))
			}
		}
	}
}

// TestHilbertIsABijection on a coarse sub-grid: distinct cells get
// distinct curve positions (the order only affects speed, but a broken
// curve would quietly pack far items together).
func TestHilbertIsABijection(t *testing.T) {
	seen := map[uint64]bool{}
	for x := uint32(0); x < 1<<16; x += 1 << 9 {
		for y := uint32(0); y < 1<<16; y += 1 << 9 {
			h := uint64(hilbert.XY(x, y))
			if seen[h] {
				t.Fatalf("hilbert(%d, %d) = %d repeats", x, y, h)
			}
			seen[h] = true
		}
	}
	// Neighbouring positions along the curve are neighbouring cells.
	inv := map[uint64][2]uint32{}
	for x := uint32(0); x < 64; x++ {
		for y := uint32(0); y < 64; y++ {
			inv[uint64(hilbert.XY(x, y))] = [2]uint32{x, y}
		}
	}
	for d := uint64(0); d+1 < 64*64; d++ {
		a, ok1 := inv[d]
		b, ok2 := inv[d+1]
		if !ok1 || !ok2 {
			t.Fatalf("the first 64×64 positions do not fill the corner cells (%d)", d)
		}
		dx, dy := int(a[0])-int(b[0]), int(a[1])-int(b[1])
		if dx*dx+dy*dy != 1 {
			t.Fatalf("positions %d and %d are cells %v and %v", d, d+1, a, b)
		}
	}
}
