package index

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"

	"github.com/partons/partons/geo/geodesic"
)

// boxCase is a query point and a lon/lat box.
type boxCase struct {
	p        orb.Point
	min, max [2]float64
}

// boxGen draws one random case of a family.
type boxGen struct {
	name string
	gen  func(rng *rand.Rand) boxCase
}

// uniform returns a uniform value in [lo, hi].
func uniform(rng *rand.Rand, lo, hi float64) float64 { return lo + rng.Float64()*(hi-lo) }

// span returns a sorted pair in [lo, hi] at most width apart.
func span(rng *rand.Rand, lo, hi, width float64) (float64, float64) {
	a := uniform(rng, lo, hi)
	b := math.Min(hi, a+rng.Float64()*width)
	return a, b
}

// boxFamilies covers the regimes of boxAngle: the region, the globe, boxes
// containing the point, degenerate boxes (points, meridian and parallel
// segments), the poles, the antimeridian, wide boxes (> 180° of longitude)
// and the equator, where the bound is tightest.
var boxFamilies = []boxGen{
	{"westhoek", func(rng *rand.Rand) boxCase {
		x0, x1 := span(rng, 2.0, 3.3, 0.3)
		y0, y1 := span(rng, 50.55, 51.2, 0.2)
		return boxCase{orb.Point{uniform(rng, 2.0, 3.3), uniform(rng, 50.55, 51.2)}, [2]float64{x0, y0}, [2]float64{x1, y1}}
	}},
	{"globe", func(rng *rand.Rand) boxCase {
		x0, x1 := span(rng, -180, 180, 90)
		y0, y1 := span(rng, -90, 90, 60)
		return boxCase{orb.Point{uniform(rng, -180, 180), uniform(rng, -90, 90)}, [2]float64{x0, y0}, [2]float64{x1, y1}}
	}},
	{"wide", func(rng *rand.Rand) boxCase {
		x0, x1 := span(rng, -180, 180, 360)
		y0, y1 := span(rng, -90, 90, 180)
		return boxCase{orb.Point{uniform(rng, -180, 180), uniform(rng, -90, 90)}, [2]float64{x0, y0}, [2]float64{x1, y1}}
	}},
	{"containing", func(rng *rand.Rand) boxCase {
		x0, x1 := span(rng, -10, 10, 5)
		y0, y1 := span(rng, 40, 60, 5)
		return boxCase{orb.Point{uniform(rng, x0, x1), uniform(rng, y0, y1)}, [2]float64{x0, y0}, [2]float64{x1, y1}}
	}},
	{"degenerate", func(rng *rand.Rand) boxCase {
		x0, x1 := span(rng, 2.0, 3.3, 0.3)
		y0, y1 := span(rng, 50.55, 51.2, 0.2)
		switch rng.IntN(3) {
		case 0:
			x1, y1 = x0, y0
		case 1:
			x1 = x0
		default:
			y1 = y0
		}
		return boxCase{orb.Point{uniform(rng, 1.5, 3.8), uniform(rng, 50.3, 51.5)}, [2]float64{x0, y0}, [2]float64{x1, y1}}
	}},
	{"polar", func(rng *rand.Rand) boxCase {
		x0, x1 := span(rng, -180, 180, 200)
		y0 := uniform(rng, 70, 90)
		p := orb.Point{uniform(rng, -180, 180), uniform(rng, 60, 90)}
		if rng.IntN(2) == 0 {
			return boxCase{orb.Point{p[0], -p[1]}, [2]float64{x0, -90}, [2]float64{x1, -y0}}
		}
		return boxCase{p, [2]float64{x0, y0}, [2]float64{x1, 90}}
	}},
	{"antimeridian", func(rng *rand.Rand) boxCase {
		y0, y1 := span(rng, -60, 60, 20)
		p := orb.Point{uniform(rng, 170, 180), uniform(rng, -60, 60)}
		if rng.IntN(4) == 0 {
			p[0] = 180
		}
		return boxCase{p, [2]float64{-180, y0}, [2]float64{uniform(rng, -180, -170), y1}}
	}},
	{"equator", func(rng *rand.Rand) boxCase {
		x := uniform(rng, -180, 179)
		y0, y1 := span(rng, -1e-3, 1e-3, 1e-3)
		return boxCase{orb.Point{x, uniform(rng, -2e-3, 2e-3)}, [2]float64{x, y0}, [2]float64{x + rng.Float64()*1e-6, y1}}
	}},
}

// unitAngle is the great-circle angle in radians by the vector formula
// atan2(|u×v|, u·v), independent of boxAngle's haversine and cross-track
// formulas.
func unitAngle(a, b orb.Point) float64 {
	vec := func(p orb.Point) [3]float64 {
		sl, cl := math.Sincos(p[1] * deg)
		so, co := math.Sincos(p[0] * deg)
		return [3]float64{cl * co, cl * so, sl}
	}
	u, v := vec(a), vec(b)
	cx := u[1]*v[2] - u[2]*v[1]
	cy := u[2]*v[0] - u[0]*v[2]
	cz := u[0]*v[1] - u[1]*v[0]
	return math.Atan2(math.Sqrt(cx*cx+cy*cy+cz*cz), u[0]*v[0]+u[1]*v[1]+u[2]*v[2])
}

// TestBoxAngleIsSphericalMinimum checks boxAngle against the minimum over a
// dense grid of the box (41×41 points, corners and sides included): never
// above it, and below it by no more than half a grid-cell diagonal, the most
// the grid can miss the true minimum by.
func TestBoxAngleIsSphericalMinimum(t *testing.T) {
	t.Parallel()
	const grid = 40
	n := iterations(2000, 200)
	for _, fam := range boxFamilies {
		t.Run(fam.name, func(t *testing.T) {
			t.Parallel()
			rng := rand.New(rand.NewPCG(3, uint64(len(fam.name))))
			for range n {
				c := fam.gen(rng)
				q, ok := newQuery(c.p)
				if !ok {
					t.Fatalf("invalid query %v", c.p)
				}
				got := q.boxAngle(c.min, c.max)
				best := math.Inf(1)
				dx, dy := (c.max[0]-c.min[0])/grid, (c.max[1]-c.min[1])/grid
				for i := 0; i <= grid; i++ {
					for j := 0; j <= grid; j++ {
						s := orb.Point{c.min[0] + float64(i)*dx, c.min[1] + float64(j)*dy}
						best = math.Min(best, unitAngle(c.p, s))
					}
				}
				slack := math.Hypot(dx, dy) / 2 * deg
				if got > best+1e-12 || got < best-slack-1e-12 {
					t.Fatalf("%+v: boxAngle %.15g, grid minimum %.15g (cell half-diagonal %.3g)", c, got, best, slack)
				}
			}
		})
	}
}

// TestLowerBoundNeverExceedsGeodesic is the invariant the nearest search
// rests on: lowerBoundM(boxAngle(p, box)) <= geodesic.Distance(p, q) for
// every q in the box. It draws hundreds of thousands of (point, box) pairs
// across the families and compares with corners, points along every side,
// the point of the box nearest in lon/lat and random interior points. It
// also checks that the bound is tight (within 1 % of the sampled minimum)
// for boxes not containing p.
func TestLowerBoundNeverExceedsGeodesic(t *testing.T) {
	t.Parallel()
	n := iterations(40000, 4000) // per family: 320,000 pairs in full
	for _, fam := range boxFamilies {
		t.Run(fam.name, func(t *testing.T) {
			t.Parallel()
			rng := rand.New(rand.NewPCG(5, uint64(len(fam.name))))
			for range n {
				c := fam.gen(rng)
				q, _ := newQuery(c.p)
				lb := lowerBoundM(q.boxAngle(c.min, c.max))
				lo, la := c.min, c.max
				samples := []orb.Point{
					{lo[0], lo[1]}, {lo[0], la[1]}, {la[0], lo[1]}, {la[0], la[1]},
					{math.Max(lo[0], math.Min(la[0], c.p[0])), math.Max(lo[1], math.Min(la[1], c.p[1]))},
				}
				for range 3 {
					u := rng.Float64()
					x, y := lo[0]+u*(la[0]-lo[0]), lo[1]+u*(la[1]-lo[1])
					samples = append(samples,
						orb.Point{lo[0], y}, orb.Point{la[0], y}, orb.Point{x, lo[1]}, orb.Point{x, la[1]},
						orb.Point{uniform(rng, lo[0], la[0]), uniform(rng, lo[1], la[1])})
				}
				minD := math.Inf(1)
				for _, s := range samples {
					d := geodesic.Distance(c.p, s)
					if lb > d {
						t.Fatalf("%+v: lower bound %.9f m > geodesic %.9f m to %v", c, lb, d, s)
					}
					minD = math.Min(minD, d)
				}
				if fam.name == "westhoek" && lb > 0 && lb < 0.99*minD-1 &&
					!(c.p[0] >= lo[0] && c.p[0] <= la[0] || c.p[1] >= lo[1] && c.p[1] <= la[1]) {
					// Beyond a corner the corner is the true minimum.
					t.Fatalf("%+v: lower bound %.3f m not tight, corner distance %.3f m", c, lb, minD)
				}
			}
		})
	}
}

// TestLowerBoundPoints covers point pairs, including the tightest case for
// the radius b²/a: short meridional arcs on the equator.
func TestLowerBoundPoints(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(9, 9))
	pairs := [][2]orb.Point{
		{{0, 0}, {0, 1e-9}},
		{{0, 0}, {0, 1e-3}},
		{{0, -0.5}, {0, 0.5}},
		{{0, 0}, {180, 0}},
		{{0, 90}, {0, -90}},
		{{2.8850, 50.8503}, {2.8850, 50.8503}},
		{{179.9999, 10}, {-179.9999, 10}},
	}
	for range 20000 {
		lon := uniform(rng, -180, 180)
		lat := uniform(rng, -1, 1)
		pairs = append(pairs,
			[2]orb.Point{{lon, lat}, {lon, lat + uniform(rng, -1e-4, 1e-4)}},
			[2]orb.Point{{lon, uniform(rng, -90, 90)}, {uniform(rng, -180, 180), uniform(rng, -90, 90)}})
	}
	for _, pq := range pairs {
		q, _ := newQuery(pq[0])
		lb := lowerBoundM(q.boxAngle(pq[1], pq[1]))
		if d := geodesic.Distance(pq[0], pq[1]); lb > d {
			t.Fatalf("%v: lower bound %.12g m > geodesic %.12g m", pq, lb, d)
		}
	}
}

func TestNormalise(t *testing.T) {
	t.Parallel()
	cases := []struct {
		p        orb.Point
		lon, lat float64
		ok       bool
	}{
		{orb.Point{2.88, 50.85}, 2.88, 50.85, true},
		{orb.Point{180, 90}, 180, 90, true},
		{orb.Point{-180, -90}, -180, -90, true},
		{orb.Point{181, 0}, -179, 0, true},
		{orb.Point{-540, 10}, 180, 10, true},
		{orb.Point{0, 90.5}, 0, 0, false},
		{orb.Point{math.NaN(), 0}, 0, 0, false},
		{orb.Point{0, math.NaN()}, 0, 0, false},
		{orb.Point{math.Inf(1), 0}, 0, 0, false},
	}
	for _, tc := range cases {
		lon, lat, ok := normalise(tc.p)
		if ok != tc.ok || ok && (math.Abs(lon-tc.lon) > 1e-12 || lat != tc.lat) {
			t.Errorf("normalise(%v) = %v, %v, %v; want %v, %v, %v", tc.p, lon, lat, ok, tc.lon, tc.lat, tc.ok)
		}
	}
}

// iterations returns full, or reduced under -short or the race detector.
func iterations(full, reduced int) int {
	if testing.Short() || raceEnabled {
		return reduced
	}
	return full
}

// TestChordLowerBound: the chord through space never exceeds the geodesic,
// and is within a few millimetres of it at regional distances.
func TestChordLowerBound(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for i := 0; i < 200000; i++ {
		var a, b orb.Point
		if i%2 == 0 { // regional pairs
			a = orb.Point{2 + 1.3*rng.Float64(), 50.55 + 0.65*rng.Float64()}
			b = orb.Point{a[0] + (rng.Float64()-0.5)*0.3, a[1] + (rng.Float64()-0.5)*0.2}
		} else { // anywhere, including near-antipodal and polar
			a = orb.Point{360*rng.Float64() - 180, 180*rng.Float64() - 90}
			b = orb.Point{360*rng.Float64() - 180, 180*rng.Float64() - 90}
		}
		ea, eb := toECEF(a[0], a[1]), toECEF(b[0], b[1])
		c := chordLowerBoundM(&ea, &eb)
		s := geodesic.Distance(a, b)
		if c > s {
			t.Fatalf("chord %v > geodesic %v for %v %v", c, s, a, b)
		}
		if i%2 == 0 && s < 30000 && s-c > 0.1 {
			t.Fatalf("chord %v far below geodesic %v at %.0f m", c, s, s)
		}
	}
}
