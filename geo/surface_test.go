package geo

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"
)

func TestPointOnSurface(t *testing.T) {
	t.Parallel()
	square := orb.Polygon{{{0, 0}, {10, 0}, {10, 10}, {0, 10}, {0, 0}}}
	// U: base [0,6]×[0,2] plus arms [0,2]×[2,6] and [4,6]×[2,6]; area 28,
	// centroid (3, 76/28) lies in the notch.
	u := orb.Polygon{{{0, 0}, {6, 0}, {6, 6}, {4, 6}, {4, 2}, {2, 2}, {2, 6}, {0, 6}, {0, 0}}}
	// Triangle: centroid (2,2) is 1.41 from the hypotenuse, deeper than the
	// scan-line point (1.5,3) at 1.06.
	tri := orb.Polygon{{{0, 0}, {6, 0}, {0, 6}}}
	small := orb.Polygon{{{20, 0}, {21, 0}, {21, 1}, {20, 1}, {20, 0}}}
	cases := []struct {
		name string
		g    orb.Geometry
		want orb.Point
	}{
		{"point", orb.Point{2.88, 50.85}, orb.Point{2.88, 50.85}},
		{"square: centre", square, orb.Point{5, 5}},
		// Scan line at y=5 (middle gap of vertex ys 0,4,6,10) meets x = 0,
		// 4, 6, 10; intervals [0,4] and [6,10] tie, the first wins; the
		// centroid (5,5) is in the hole.
		{"centroid in hole", squareWithHole, orb.Point{2, 5}},
		// Vertex ys 0,2,6: gaps at 1 and 4, 4 is nearer the middle 3; x = 0,
		// 2, 4, 6 there.
		{"U: centroid outside", u, orb.Point{1, 4}},
		{"triangle: centroid deeper", tri, orb.Point{2, 2}},
		{"multipolygon: largest part", orb.MultiPolygon{small, square}, orb.Point{5, 5}},
		{"multipolygon: tie to first", orb.MultiPolygon{small, square, small.Clone(), square.Clone()}, orb.Point{5, 5}},
		{"multipolygon: zero-area part skipped", orb.MultiPolygon{{{{0, 0}, {100, 0}, {50, 0}}}, small}, orb.Point{20.5, 0.5}},
		{"multipolygon: empty parts skipped", orb.MultiPolygon{{}, {{}}, small}, orb.Point{20.5, 0.5}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := PointOnSurface(tc.g)
			if err != nil {
				t.Fatalf("PointOnSurface: %v", err)
			}
			if math.Abs(got[0]-tc.want[0]) > 1e-12 || math.Abs(got[1]-tc.want[1]) > 1e-12 {
				t.Errorf("PointOnSurface = %v, want %v", got, tc.want)
			}
			if _, isPoint := tc.g.(orb.Point); !isPoint && locate(tc.g, got) != inside {
				t.Errorf("%v not strictly inside", got)
			}
		})
	}
}

func TestPointOnSurfaceErrors(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		g    orb.Geometry
		want error
	}{
		{"nil", nil, ErrEmptyGeometry},
		{"empty polygon", orb.Polygon{}, ErrEmptyGeometry},
		{"empty ring", orb.Polygon{{}}, ErrEmptyGeometry},
		{"empty multipolygon", orb.MultiPolygon{}, ErrEmptyGeometry},
		{"multipolygon of empty polygons", orb.MultiPolygon{{}, {{}}}, ErrEmptyGeometry},
		{"line string", orb.LineString{{0, 0}, {1, 1}}, ErrUnsupportedGeometry},
		{"multipoint", orb.MultiPoint{{0, 0}}, ErrUnsupportedGeometry},
		{"ring", orb.Ring{{0, 0}, {1, 0}, {0, 1}, {0, 0}}, ErrUnsupportedGeometry},
		{"NaN point", orb.Point{math.NaN(), 1}, ErrInvalidGeometry},
		{"Inf vertex", orb.Polygon{{{0, 0}, {math.Inf(1), 0}, {0, 1}}}, ErrInvalidGeometry},
		{"NaN in multipolygon", orb.MultiPolygon{{{{0, 0}, {1, 0}, {0, math.NaN()}}}}, ErrInvalidGeometry},
		{"collinear", orb.Polygon{{{0, 0}, {1, 1}, {2, 2}, {0, 0}}}, ErrNoInterior},
		{"horizontal", orb.Polygon{{{0, 0}, {1, 0}, {2, 0}}}, ErrNoInterior},
		{"single repeated vertex", orb.Polygon{{{3, 3}, {3, 3}, {3, 3}, {3, 3}}}, ErrNoInterior},
		{"two-vertex ring", orb.Polygon{{{0, 0}, {1, 1}}}, ErrNoInterior},
		{"hole equals shell", orb.Polygon{squareWithHole[1], squareWithHole[1]}, ErrNoInterior},
		{"multipolygon without area", orb.MultiPolygon{{{{0, 0}, {1, 1}, {2, 2}}}}, ErrNoInterior},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p, err := PointOnSurface(tc.g)
			if !errors.Is(err, tc.want) {
				t.Fatalf("PointOnSurface = %v, %v; want error %v", p, err, tc.want)
			}
		})
	}
}

// TestPointOnSurfaceSliver checks thin shapes, where the scan line and the
// centroid are both within rounding distance of the boundary.
func TestPointOnSurfaceSliver(t *testing.T) {
	t.Parallel()
	for _, h := range []float64{1e-3, 1e-7, 1e-10} {
		for _, poly := range []orb.Polygon{
			{{{2.5, 50.7}, {3.1, 50.7}, {2.5, 50.7 + h}}},                    // thin triangle
			{{{2.5, 50.7}, {3.1, 50.7 + h}, {3.1, 50.7 + 2*h}, {2.5, 50.7}}}, // thin wedge
			{{{2.5, 50.7}, {2.5 + h, 51.1}, {2.5 - h, 51.1}}},                // tall needle
		} {
			p, err := PointOnSurface(poly)
			if err != nil {
				t.Errorf("h=%g %v: %v", h, poly, err)
				continue
			}
			if locate(poly, p) != inside {
				t.Errorf("h=%g %v: %v not strictly inside", h, poly, p)
			}
		}
	}
}

// TestPointOnSurfaceProperty: on random star-shaped polygons, with and
// without holes, at regional and at centimetre scale, the result is always
// strictly inside; for multipolygons it is inside the largest part.
func TestPointOnSurfaceProperty(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(7, 11))
	n := 5000
	if testing.Short() {
		n = 500
	}
	for i := range n {
		r := []float64{0.2, 1e-3, 1e-7}[i%3]
		c := orb.Point{2 + rng.Float64()*1.3, 50.55 + rng.Float64()*0.65}
		poly := randomStarPolygon(rng, c, r, rng.IntN(2) == 0)
		p, err := PointOnSurface(poly)
		if err != nil {
			t.Fatalf("%v: %v", poly, err)
		}
		if locate(poly, p) != inside {
			t.Fatalf("%v: %v not strictly inside", poly, p)
		}
		far := randomStarPolygon(rng, orb.Point{c[0] + 3*r, c[1]}, r/2, false)
		mp := orb.MultiPolygon{far, poly}
		largest := poly
		if scaledArea(far) > scaledArea(poly) {
			largest = far
		}
		q, err := PointOnSurface(mp)
		if err != nil {
			t.Fatalf("%v: %v", mp, err)
		}
		if polygonLocate(largest, q) != inside {
			t.Fatalf("multipolygon %v: %v not strictly inside the largest part", mp, q)
		}
	}
}

// A C-shaped area whose centroid falls in the opening: the representative
// point is taken on a scan line instead, inside the area.
func ExamplePointOnSurface() {
	c := orb.Polygon{{
		{2.0, 50.0}, {3.0, 50.0}, {3.0, 50.2}, {2.2, 50.2},
		{2.2, 50.8}, {3.0, 50.8}, {3.0, 51.0}, {2.0, 51.0}, {2.0, 50.0},
	}}
	centre, _ := PointOnSurface(c)
	fmt.Printf("%.2f %.2f inside: %v\n", centre[0], centre[1], Contains(c, centre))
	_, err := PointOnSurface(orb.LineString{{2, 50}, {3, 51}})
	fmt.Println(err)
	// Output:
	// 2.10 50.50 inside: true
	// geo: unsupported geometry type: LineString
}
