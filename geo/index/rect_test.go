package index

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/paulmach/orb"

	"github.com/partons/partons/geo/geodesic"
)

// TestChordUpperBound: the geodesic never exceeds the bound derived from
// its chord, and the bound is tight at regional distances.
func TestChordUpperBound(t *testing.T) {
	rng := rand.New(rand.NewPCG(8, 9))
	for i := 0; i < 200000; i++ {
		a := orb.Point{360*rng.Float64() - 180, 180*rng.Float64() - 90}
		var b orb.Point
		if i%2 == 0 {
			b = orb.Point{a[0] + (rng.Float64()-0.5)*0.5, math.Max(-90, math.Min(90, a[1]+(rng.Float64()-0.5)*0.5))}
		} else {
			b = orb.Point{360*rng.Float64() - 180, 180*rng.Float64() - 90}
		}
		ea, eb := toECEF(a[0], a[1]), toECEF(b[0], b[1])
		dx, dy, dz := ea[0]-eb[0], ea[1]-eb[1], ea[2]-eb[2]
		c := math.Sqrt(dx*dx + dy*dy + dz*dz)
		s := geodesic.Distance(a, b)
		if u := chordUpperBoundM(c); s > u {
			t.Fatalf("geodesic %v > chord upper bound %v (chord %v) for %v %v", s, u, c, a, b)
		}
		if s < 50e3 && chordUpperBoundM(c)-s > 0.01 {
			t.Fatalf("bound %v loose for geodesic %v", chordUpperBoundM(c), s)
		}
	}
}

// TestDiscRectCovers: every point within r of q lies in discRect(q, r).
func TestDiscRectCovers(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for i := 0; i < 50000; i++ {
		q0 := orb.Point{360*rng.Float64() - 180, 178*rng.Float64() - 89}
		r := math.Pow(10, 1+5*rng.Float64()) // 10 m .. 1000 km
		lat2, lon2, _ := geodesic.Direct(q0[1], q0[0], 360*rng.Float64(), r*rng.Float64())
		if lon2 > 180 {
			lon2 -= 360
		} else if lon2 < -180 {
			lon2 += 360
		}
		q, _ := newQuery(q0)
		var rects [2][2][2]float64
		n := discRect(&q, r, &rects)
		in := false
		for k := 0; k < n; k++ {
			if lon2 >= rects[k][0][0] && lon2 <= rects[k][1][0] && lat2 >= rects[k][0][1] && lat2 <= rects[k][1][1] {
				in = true
			}
		}
		if !in {
			t.Fatalf("point (%v, %v) within %v m of %v outside %v", lon2, lat2, r, q0, rects[:n])
		}
	}
}

// TestCountWithinEachMatchesBruteForce, including radii equal to an item's
// exact distance and the next floats around it.
func TestCountWithinEachMatchesBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	pts := make([]orb.Point, 3000)
	for i := range pts {
		pts[i] = orb.Point{2 + 1.3*rng.Float64(), 50.55 + 0.65*rng.Float64()}
	}
	pts = append(pts, pts[:50]...) // duplicates
	ix := New(pts)
	dist := make([]float64, len(pts)) // brute force: each point's geodesic from the query, once
	for k := 0; k < 400; k++ {
		p := orb.Point{2 + 1.3*rng.Float64(), 50.55 + 0.65*rng.Float64()}
		d0 := geodesic.Distance(p, pts[rng.IntN(len(pts))])
		radii := []float64{math.Nextafter(d0, 0), d0, math.Nextafter(d0, math.Inf(1)), 1200, 3750, 10000}
		sortFloats(radii)
		got := make([]int32, len(radii))
		ix.CountWithinEach(p, radii, got)
		for i, s := range pts {
			dist[i] = geodesic.Distance(p, s)
		}
		for j, r := range radii {
			want := int32(0)
			for _, d := range dist {
				if d <= r {
					want++
				}
			}
			if got[j] != want {
				t.Fatalf("query %d radius %v: %d, want %d", k, r, got[j], want)
			}
		}
	}
}

func sortFloats(x []float64) {
	for i := 1; i < len(x); i++ {
		for j := i; j > 0 && x[j] < x[j-1]; j-- {
			x[j], x[j-1] = x[j-1], x[j]
		}
	}
}

// TestNearestAndCountMatchesBruteForce on clustered, duplicated and sparse
// data, including queries far outside the data.
func TestNearestAndCountMatchesBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	sets := map[string][]orb.Point{}
	var clustered []orb.Point
	for range 40 {
		c := orb.Point{2 + 1.3*rng.Float64(), 50.55 + 0.65*rng.Float64()}
		for range 20 {
			clustered = append(clustered, orb.Point{c[0] + rng.NormFloat64()*0.01, c[1] + rng.NormFloat64()*0.007})
		}
	}
	sets["clustered"] = clustered
	sets["duplicates"] = append(append([]orb.Point{}, clustered[:30]...), clustered[:30]...)
	sets["single"] = []orb.Point{{2.5, 50.9}}
	sets["world"] = func() []orb.Point {
		var w []orb.Point
		for range 500 {
			w = append(w, orb.Point{360*rng.Float64() - 180, 180*rng.Float64() - 90})
		}
		return w
	}()
	radii := []float64{1200, 3750, 10000}
	for name, pts := range sets {
		ix := New(pts)
		for k := 0; k < 300; k++ {
			var p orb.Point
			switch k % 3 {
			case 0:
				p = orb.Point{2 + 1.3*rng.Float64(), 50.55 + 0.65*rng.Float64()}
			case 1:
				p = pts[rng.IntN(len(pts))] // exactly on an item
			default:
				p = orb.Point{360*rng.Float64() - 180, 180*rng.Float64() - 90}
			}
			counts := make([]int32, len(radii))
			qq := NewQuery(p)
			tol := []float64{0, 1e-3}[k%2]
			gi, gd, ok := ix.NearestAndCount(&qq, radii, counts, tol)
			wi, wd := int32(-1), math.Inf(1)
			want := make([]int32, len(radii))
			for i, s := range pts {
				d := geodesic.Distance(p, s)
				if d < wd || (d == wd && int32(i) < wi) {
					wi, wd = int32(i), d
				}
				for j, r := range radii {
					if d <= r {
						want[j]++
					}
				}
			}
			if !ok || gi != wi || math.Abs(gd-wd) > tol || (tol == 0 && gd != wd) {
				t.Fatalf("%s query %v: got %d %v %v, want %d %v", name, p, gi, gd, ok, wi, wd)
			}
			for j := range radii {
				if counts[j] != want[j] {
					t.Fatalf("%s query %v radius %v: %d, want %d", name, p, radii[j], counts[j], want[j])
				}
			}
		}
	}
}

// TestChordWithin: an item whose chord key is at most chordWithinM(r) has
// chordUpperBoundM <= r, the test count used to make, so the counts need
// no arcsine per item; and the key is the largest such up to a few ulps,
// so hardly an item more needs its geodesic.
func TestChordWithin(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 22))
	for i := 0; i < 100000; i++ {
		r := math.Pow(10, -6+13*rng.Float64()) // 1 µm .. 10,000 km
		if i%10 == 0 {
			r = []float64{0, 1e-5, 1200, 3750, 10000, 2000e3}[i/10%6]
		}
		w := chordWithinM(r)
		if math.IsInf(w, -1) {
			if r > 1e-4 && r < 9000e3 {
				t.Fatalf("radius %v: no chord key", r)
			}
			continue
		}
		if chordUpperBoundM(w) > r {
			t.Fatalf("radius %v: key %v has upper bound %v", r, w, chordUpperBoundM(w))
		}
		for _, c := range []float64{w - rng.Float64()*math.Abs(w), math.Nextafter(w, math.Inf(-1)), w - 1e-6} {
			if chordUpperBoundM(c) > r {
				t.Fatalf("radius %v: chord %v <= key %v has upper bound %v", r, c, w, chordUpperBoundM(c))
			}
		}
		ulp := math.Nextafter(math.Abs(w), math.Inf(1)) - math.Abs(w)
		above := w + math.Max(4*ulp, 1e-12)
		if chordUpperBoundM(above) <= r && r < 6000e3 {
			t.Fatalf("radius %v: key %v is not tight (4 ulps or 1e-12 m up still within)", r, w)
		}
	}
	for _, r := range []float64{math.NaN(), -1, math.Inf(1), 30000e3} {
		if w := chordWithinM(r); !math.IsInf(w, -1) {
			t.Fatalf("radius %v: key %v, want -Inf", r, w)
		}
	}
}

// TestCountsOverChangingRadii: the chord keys remembered for one radii
// slice are not reused for another (different values, same length).
func TestCountsOverChangingRadii(t *testing.T) {
	rng := rand.New(rand.NewPCG(23, 24))
	pts := randomIn(rng, 400, 2.0, 3.3, 50.55, 51.2)
	ix := New(pts)
	for k := 0; k < 300; k++ {
		p := orb.Point{2 + 1.3*rng.Float64(), 50.55 + 0.65*rng.Float64()}
		radii := []float64{500 + 20000*rng.Float64()}
		if k%2 == 0 {
			radii = []float64{1200}
		}
		got := make([]int32, 1)
		q := NewQuery(p)
		ix.NearestAndCount(&q, radii, got, 0.5e-3)
		want := int32(0)
		for _, s := range pts {
			if geodesic.Distance(p, s) <= radii[0] {
				want++
			}
		}
		if got[0] != want {
			t.Fatalf("query %d radius %v: %d, want %d", k, radii[0], got[0], want)
		}
	}
}

// TestNearestInCountDiscSameAsFullSearch: answering from the rectangle of
// the largest radius gives exactly what the search from the start radius
// gives (item, distance bits, counts), on clustered, sparse, duplicated
// and world-wide data, with radii below and above the items' spacing, at
// the tolerances used; and the shortcut is taken often.
func TestNearestInCountDiscSameAsFullSearch(t *testing.T) {
	rng := rand.New(rand.NewPCG(51, 52))
	var clustered []orb.Point
	for range 30 {
		c := orb.Point{2 + 1.3*rng.Float64(), 50.55 + 0.65*rng.Float64()}
		for range 10 {
			clustered = append(clustered, orb.Point{c[0] + rng.NormFloat64()*0.02, c[1] + rng.NormFloat64()*0.014})
		}
	}
	sets := map[string][]orb.Point{
		"fifty":      randomIn(rng, 50, 2.0, 3.3, 50.55, 51.2),
		"thousand":   randomIn(rng, 1000, 2.0, 3.3, 50.55, 51.2),
		"clustered":  append(clustered, clustered[:40]...),
		"world":      randomIn(rng, 300, -180, 180, -90, 90),
		"equator":    randomIn(rng, 200, -1, 1, -0.5, 0.5),
		"antimerid.": randomIn(rng, 200, 179, 180, -10, 10),
	}
	radiiSets := [][]float64{{1200, 3750, 10000}, {500}, {2000, 20000}, {100, 1000, 50000, 150000}}
	shortcuts := 0
	for name, pts := range sets {
		ix := New(pts)
		for k := 0; k < 3000; k++ {
			var p orb.Point
			switch k % 3 {
			case 0:
				p = pts[rng.IntN(len(pts))]
				p = orb.Point{p[0] + rng.NormFloat64()*0.05, math.Max(-90, math.Min(90, p[1]+rng.NormFloat64()*0.03))}
			case 1:
				p = pts[rng.IntN(len(pts))] // on an item
			default:
				p = orb.Point{2 + 1.3*rng.Float64(), 50.55 + 0.65*rng.Float64()}
			}
			radii := radiiSets[k%len(radiiSets)]
			tol := []float64{0.5e-3, 0, 1e-3}[k%3]
			q := NewQuery(p)
			got := make([]int32, len(radii))
			gi, gd, gok := ix.NearestAndCount(&q, radii, got, tol)
			want := make([]int32, len(radii))
			var buf []cand
			wi, wd, wok := ix.nearestAndCountFrom(q.p, &q.q, radii, want, tol, &buf)
			if gi != wi || math.Float64bits(gd) != math.Float64bits(wd) || gok != wok || !slices.Equal(got, want) {
				t.Fatalf("%s query %v radii %v tol %v: %d %v %v %v, full search %d %v %v %v", name, p, radii, tol, gi, gd, gok, got, wi, wd, wok, want)
			}
			if r := math.Max(ix.startRadius, radii[len(radii)-1]); r > radii[len(radii)-1] && r < 2000e3 {
				scratch := make([]int32, len(radii))
				if _, _, ok := ix.nearestInCountDisc(q.p, &q.q, radii, scratch, tol, r, &buf); ok {
					shortcuts++
				}
			}
		}
	}
	if shortcuts < 3000 {
		t.Fatalf("the shortcut answered %d queries only", shortcuts)
	}
}
