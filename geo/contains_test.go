package geo

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// squareWithHole is [0,10]² minus [4,6]², outer counter-clockwise, hole
// clockwise, both closed.
var squareWithHole = orb.Polygon{
	{{0, 0}, {10, 0}, {10, 10}, {0, 10}, {0, 0}},
	{{4, 4}, {4, 6}, {6, 6}, {6, 4}, {4, 4}},
}

func TestLocate(t *testing.T) {
	t.Parallel()
	unclosedCW := orb.Polygon{{{0, 0}, {0, 2}, {2, 2}, {2, 0}}}
	tri := orb.Polygon{{{0, 0}, {4, 0}, {0, 4}, {0, 0}}}
	mp := orb.MultiPolygon{unclosedCW, {{{5, 5}, {7, 5}, {7, 7}, {5, 7}, {5, 5}}}}
	cases := []struct {
		name string
		g    orb.Geometry
		p    orb.Point
		want location
	}{
		{"inside", squareWithHole, orb.Point{2, 2}, inside},
		{"outside right", squareWithHole, orb.Point{11, 5}, outside},
		{"outside left at vertex height", squareWithHole, orb.Point{-1, 0}, outside},
		{"outside above", squareWithHole, orb.Point{5, 10.5}, outside},
		{"in hole", squareWithHole, orb.Point{5, 5}, outside},
		{"on outer edge", squareWithHole, orb.Point{10, 3}, onBoundary},
		{"on outer bottom edge", squareWithHole, orb.Point{3, 0}, onBoundary},
		{"on outer vertex", squareWithHole, orb.Point{0, 10}, onBoundary},
		{"on hole edge", squareWithHole, orb.Point{4, 5}, onBoundary},
		{"on hole vertex", squareWithHole, orb.Point{6, 6}, onBoundary},
		{"right of hole at hole vertex height", squareWithHole, orb.Point{8, 6}, inside},
		{"left of hole at hole vertex height", squareWithHole, orb.Point{2, 4}, inside},
		{"unclosed clockwise inside", unclosedCW, orb.Point{1, 1}, inside},
		{"unclosed closing edge", unclosedCW, orb.Point{1, 0}, onBoundary},
		{"triangle hypotenuse", tri, orb.Point{2, 2}, onBoundary},
		{"triangle just inside", tri, orb.Point{1.99, 2}, inside},
		{"triangle just outside", tri, orb.Point{2.01, 2}, outside},
		{"multipolygon second part", mp, orb.Point{6, 6}, inside},
		{"multipolygon between parts", mp, orb.Point{3, 3}, outside},
		{"multipolygon edge of first", mp, orb.Point{2, 1}, onBoundary},
		{"empty polygon", orb.Polygon{}, orb.Point{0, 0}, outside},
		{"empty ring", orb.Polygon{{}}, orb.Point{0, 0}, outside},
		{"two-vertex ring", orb.Polygon{{{0, 0}, {1, 1}}}, orb.Point{0.5, 0.5}, outside},
		{"empty multipolygon", orb.MultiPolygon{}, orb.Point{0, 0}, outside},
		{"nil geometry", nil, orb.Point{0, 0}, outside},
		{"line string unsupported", orb.LineString{{0, 0}, {1, 1}}, orb.Point{0, 0}, outside},
		{"NaN point", squareWithHole, orb.Point{math.NaN(), 2}, outside},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := locate(tc.g, tc.p); got != tc.want {
				t.Errorf("locate(%v) = %d, want %d", tc.p, got, tc.want)
			}
			if got, want := Contains(tc.g, tc.p), tc.want != outside; got != want {
				t.Errorf("Contains(%v) = %v, want %v", tc.p, got, want)
			}
		})
	}
}

// TestContainsMatchesOrb cross-checks Contains against orb's independent
// ray-casting implementation on random star-shaped polygons with holes, for
// points not on the boundary (where the two conventions differ for holes).
func TestContainsMatchesOrb(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(1, 2))
	checked := 0
	for range 300 {
		poly := randomStarPolygon(rng, orb.Point{2.8, 50.9}, 0.2, rng.IntN(2) == 0)
		b := poly.Bound().Pad(0.05)
		for range 200 {
			p := orb.Point{
				b.Min[0] + rng.Float64()*(b.Max[0]-b.Min[0]),
				b.Min[1] + rng.Float64()*(b.Max[1]-b.Min[1]),
			}
			l := locate(poly, p)
			if l == onBoundary {
				continue
			}
			checked++
			if got, want := l == inside, planar.PolygonContains(poly, p); got != want {
				t.Fatalf("polygon %v point %v: got inside=%v, orb says %v", poly, p, got, want)
			}
		}
	}
	if checked < 50000 {
		t.Fatalf("only %d points checked", checked)
	}
}

// randomStarPolygon returns a polygon star-shaped around c with 6 to 45
// vertices at random increasing angles (gaps < 180°) and radii in
// (0.1·r, r]; with a hole, a smaller star around c inside the disc of radius
// 0.9 × the distance from c to the nearest shell edge, so it lies within the
// shell. Windings are random to exercise both.
func randomStarPolygon(rng *rand.Rand, c orb.Point, r float64, hole bool) orb.Polygon {
	star := func(n int, rMin, rMax float64) orb.Ring {
		ring := make(orb.Ring, 0, n+1)
		for i := range n {
			a := (float64(i) + rng.Float64()*0.9) * 2 * math.Pi / float64(n)
			rad := rMin + rng.Float64()*(rMax-rMin)
			ring = append(ring, orb.Point{c[0] + rad*math.Cos(a), c[1] + rad*math.Sin(a)})
		}
		ring = append(ring, ring[0])
		if rng.IntN(2) == 0 {
			ring.Reverse()
		}
		return ring
	}
	shell := star(6+rng.IntN(40), 0.1*r, r)
	poly := orb.Polygon{shell}
	if hole {
		d := math.Inf(1)
		for i := 0; i+1 < len(shell); i++ {
			d = math.Min(d, segmentDistance(c, shell[i], shell[i+1]))
		}
		poly = append(poly, star(4+rng.IntN(10), 0.1*d, 0.9*d))
	}
	return poly
}

// segmentDistance is the planar distance from p to segment ab.
func segmentDistance(p, a, b orb.Point) float64 {
	dx, dy := b[0]-a[0], b[1]-a[1]
	t := ((p[0]-a[0])*dx + (p[1]-a[1])*dy) / (dx*dx + dy*dy)
	t = math.Max(0, math.Min(1, t))
	return math.Hypot(a[0]+t*dx-p[0], a[1]+t*dy-p[1])
}

func ExampleContains() {
	// [0,10]² with the hole [4,6]².
	square := orb.Polygon{
		{{0, 0}, {10, 0}, {10, 10}, {0, 10}, {0, 0}},
		{{4, 4}, {4, 6}, {6, 6}, {6, 4}, {4, 4}},
	}
	for _, p := range []orb.Point{{2, 2}, {5, 5}, {4, 5}, {10, 3}, {11, 3}} {
		fmt.Println(p, Contains(square, p))
	}
	// Output:
	// [2 2] true
	// [5 5] false
	// [4 5] true
	// [10 3] true
	// [11 3] false
}
