package osmarea

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/paulmach/orb"
)

// mkChain builds a chain from node ids; node k sits at pts[k].
func mkChain(pts map[int64]orb.Point, ids ...int64) Chain {
	c := Chain{IDs: ids}
	for _, id := range ids {
		c.Pts = append(c.Pts, pts[id])
	}
	return c
}

func TestJoinRings(t *testing.T) {
	t.Parallel()
	// Unit square 1-2-3-4 and a second square 3-5-6-7 touching it at 3.
	pts := map[int64]orb.Point{1: {0, 0}, 2: {1, 0}, 3: {1, 1}, 4: {0, 1}, 5: {2, 1}, 6: {2, 2}, 7: {1, 2}}
	cases := []struct {
		name     string
		chains   [][]int64
		rings    int
		open     int
		absArea  float64 // sum of |signed area| of the rings, square degrees
		vertices int     // total, closing vertices included
	}{
		{"closed way", [][]int64{{1, 2, 3, 4, 1}}, 1, 0, 1, 5},
		{"two halves", [][]int64{{1, 2, 3}, {3, 4, 1}}, 1, 0, 1, 5},
		{"second half reversed", [][]int64{{1, 2, 3}, {1, 4, 3}}, 1, 0, 1, 5},
		{"four pieces shuffled", [][]int64{{3, 4}, {1, 2}, {4, 1}, {2, 3}}, 1, 0, 1, 5},
		{"open chain", [][]int64{{1, 2, 3}}, 0, 1, 0, 0},
		{"a gap", [][]int64{{1, 2}, {3, 4, 1}}, 0, 1, 0, 0},
		{"two closed rings", [][]int64{{1, 2, 3, 4, 1}, {3, 5, 6, 7, 3}}, 2, 0, 2, 10},
		// Four chains meeting at node 3: the walk closes (every node has
		// an even number of ends), as one ring touching itself or two.
		{"touching at a node", [][]int64{{1, 2, 3}, {3, 5, 6}, {6, 7, 3}, {3, 4, 1}}, 1, 0, 2, 9},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var cs []Chain
			for _, ids := range tc.chains {
				cs = append(cs, mkChain(pts, ids...))
			}
			rings, open := JoinRings(cs)
			var area float64
			var verts int
			for _, r := range rings {
				if r[0] != r[len(r)-1] {
					t.Errorf("ring not closed: %v", r)
				}
				area += math.Abs(SignedArea(r))
				verts += len(r)
			}
			if len(rings) != tc.rings || open != tc.open || !near(area, tc.absArea, 1e-12) || verts != tc.vertices {
				t.Errorf("%d rings, %d open, area %v, %d vertices; want %d, %d, %v, %d",
					len(rings), open, area, verts, tc.rings, tc.open, tc.absArea, tc.vertices)
			}
		})
	}
}

// Cutting a polygon's ring into random pieces, reversing some and
// shuffling them, then joining, gives back the same ring up to start and
// direction (oracle: the original ring).
func TestJoinRingsRandomCuts(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(1, 2))
	for iter := 0; iter < 200; iter++ {
		n := 3 + rng.IntN(40)
		pts := map[int64]orb.Point{}
		ids := make([]int64, n)
		for k := range n { // a star-shaped polygon: angles increasing
			a := 2 * math.Pi * float64(k) / float64(n)
			rad := 0.5 + rng.Float64()
			ids[k] = int64(100 + k)
			pts[ids[k]] = orb.Point{rad * math.Cos(a), rad * math.Sin(a)}
		}
		ring := append(slices.Clone(ids), ids[0])
		var want float64
		for k := 0; k+1 < len(ring); k++ {
			p, q := pts[ring[k]], pts[ring[k+1]]
			want += p[0]*q[1] - q[0]*p[1]
		}
		want /= 2
		// cut points
		cuts := []int{0}
		for k := 1; k < n; k++ {
			if rng.IntN(3) == 0 {
				cuts = append(cuts, k)
			}
		}
		cuts = append(cuts, n)
		var cs []Chain
		for k := 0; k+1 < len(cuts); k++ {
			piece := slices.Clone(ring[cuts[k] : cuts[k+1]+1])
			if rng.IntN(2) == 0 {
				slices.Reverse(piece)
			}
			cs = append(cs, mkChain(pts, piece...))
		}
		rng.Shuffle(len(cs), func(i, j int) { cs[i], cs[j] = cs[j], cs[i] })
		rings, open := JoinRings(cs)
		if open != 0 || len(rings) != 1 || len(rings[0]) != n+1 {
			t.Fatalf("iter %d: %d rings, %d open", iter, len(rings), open)
		}
		if got := math.Abs(SignedArea(rings[0])); !near(got, math.Abs(want), 1e-9) {
			t.Fatalf("iter %d: area %v, want %v", iter, got, math.Abs(want))
		}
	}
}

func TestSignedAreaOrientation(t *testing.T) {
	t.Parallel()
	ccw := orb.Ring{{0, 0}, {2, 0}, {2, 1}, {0, 1}, {0, 0}}
	cw := slices.Clone(ccw)
	slices.Reverse(cw)
	if SignedArea(ccw) != 2 || SignedArea(cw) != -2 || SignedArea(orb.Ring{{0, 0}, {1, 1}}) != 0 {
		t.Errorf("signed areas %v %v", SignedArea(ccw), SignedArea(cw))
	}
}

func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol }
