package index

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"

	"github.com/partons/partons/geo"
)

// rect returns the closed counter-clockwise ring of [x0,x1]×[y0,y1].
func rect(x0, y0, x1, y1 float64) orb.Ring {
	return orb.Ring{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}}
}

func TestPolygonsLocate(t *testing.T) {
	t.Parallel()
	areas := []orb.MultiPolygon{
		0: {{rect(0, 0, 2, 2)}},                                 // shares the edge x=2 with 1
		1: {{rect(2, 0, 4, 2)}},                                 //
		2: {{rect(0, 0, 10, 10), rect(4, 4, 6, 6)}},             // big, with a hole; overlaps 0, 1
		3: {{rect(4.5, 4.5, 5.5, 5.5)}, {rect(20, 20, 21, 21)}}, // island in 2's hole + far part
		4: {},                                                   // empty area
		5: {{rect(3, 3, 7, 7)}},                                 // overlaps 2 and 3
		6: {{{{30, 30}, {math.NaN(), 31}, {31, 30}}}},           // invalid bound: never found
	}
	ix := NewPolygons(areas)
	if ix.Len() != len(areas) {
		t.Fatalf("Len = %d, want %d", ix.Len(), len(areas))
	}
	cases := []struct {
		name string
		p    orb.Point
		want int32
		ok   bool
	}{
		{"only 0 and 2: smallest", orb.Point{1, 1}, 0, true},
		{"shared edge of 0 and 1", orb.Point{2, 1}, 0, true},
		{"only 1 and 2", orb.Point{3, 1}, 1, true},
		{"only 2", orb.Point{8, 8}, 2, true},
		{"2 and 5", orb.Point{3.5, 3.5}, 2, true},
		{"in 2's hole: 3 and 5", orb.Point{5, 5}, 3, true},
		{"in 2's hole, outside 3: 5", orb.Point{4.2, 4.2}, 5, true},
		{"on 2's hole edge", orb.Point{4, 5}, 2, true},
		{"far part of 3", orb.Point{20.5, 20.5}, 3, true},
		{"outside all", orb.Point{15, 15}, -1, false},
		{"NaN", orb.Point{math.NaN(), 1}, -1, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			i, ok := ix.Locate(tc.p)
			if i != tc.want || ok != tc.ok {
				t.Errorf("Locate(%v) = %d, %v; want %d, %v", tc.p, i, ok, tc.want, tc.ok)
			}
		})
	}
	if i, ok := NewPolygons(nil).Locate(orb.Point{1, 1}); ok || i != -1 {
		t.Errorf("empty locator: %d, %v", i, ok)
	}
}

// TestPolygonsLocateBruteForce compares Locate with a scan over all areas
// (the first containing one) on random overlapping star polygons.
func TestPolygonsLocateBruteForce(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(4, 4))
	var areas []orb.MultiPolygon
	for range 300 {
		var mp orb.MultiPolygon
		for range 1 + rng.IntN(3) {
			c := orb.Point{uniform(rng, 2.0, 3.3), uniform(rng, 50.55, 51.2)}
			mp = append(mp, starPolygon(rng, c, uniform(rng, 0.01, 0.1)))
		}
		areas = append(areas, mp)
	}
	ix := NewPolygons(areas)
	found := 0
	for range 20000 {
		p := orb.Point{uniform(rng, 1.9, 3.4), uniform(rng, 50.5, 51.3)}
		want := int32(-1)
		for i, mp := range areas {
			if geo.Contains(mp, p) {
				want = int32(i)
				break
			}
		}
		got, ok := ix.Locate(p)
		if got != want || ok != (want >= 0) {
			t.Fatalf("Locate(%v) = %d, %v; want %d", p, got, ok, want)
		}
		if ok {
			found++
		}
	}
	if found < 1000 {
		t.Fatalf("only %d points located: test too weak", found)
	}
}

// starPolygon returns a polygon star-shaped around c, radii in (0.2r, r].
func starPolygon(rng *rand.Rand, c orb.Point, r float64) orb.Polygon {
	n := 5 + rng.IntN(20)
	ring := make(orb.Ring, 0, n+1)
	for i := range n {
		a := (float64(i) + rng.Float64()*0.9) * 2 * math.Pi / float64(n)
		rad := r * uniform(rng, 0.2, 1)
		ring = append(ring, orb.Point{c[0] + rad*math.Cos(a), c[1] + rad*math.Sin(a)})
	}
	return orb.Polygon{append(ring, ring[0])}
}
