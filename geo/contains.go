package geo

import (
	"math"

	"github.com/paulmach/orb"
)

// location classifies a point against an area.
type location int8

const (
	outside location = iota
	onBoundary
	inside
)

// Contains reports whether p lies in the Polygon or MultiPolygon g, holes
// excluded. Points on the boundary, including the edge of a hole, count as
// inside. Coordinates are treated as planar lon/lat degrees: edges are
// straight in lon/lat (as in GeoJSON, RFC 7946 §3.1.1) and polygons must not
// cross the antimeridian.
//
// Rings need not be closed (the last vertex joins the first) and may wind
// either way. A ring with fewer than three vertices encloses nothing; an empty
// polygon, a point with a NaN coordinate and any other geometry type contain
// nothing. O(n) in the number of vertices; never panics.
func Contains(g orb.Geometry, p orb.Point) bool {
	return locate(g, p) != outside
}

// locate classifies p against g (see Contains for the conventions).
func locate(g orb.Geometry, p orb.Point) location {
	if math.IsNaN(p[0]) || math.IsNaN(p[1]) {
		return outside
	}
	switch g := g.(type) {
	case orb.Polygon:
		return polygonLocate(g, p)
	case orb.MultiPolygon:
		best := outside
		for _, poly := range g {
			if l := polygonLocate(poly, p); l > best {
				best = l
				if best == inside {
					break
				}
			}
		}
		return best
	}
	return outside
}

// polygonLocate classifies p against the outer ring of poly minus its holes.
func polygonLocate(poly orb.Polygon, p orb.Point) location {
	if len(poly) == 0 {
		return outside
	}
	l := ringLocate(poly[0], p)
	if l != inside {
		return l
	}
	for _, hole := range poly[1:] {
		switch ringLocate(hole, p) {
		case inside:
			return outside
		case onBoundary:
			return onBoundary
		}
	}
	return inside
}

// ringLocate classifies p against the closed ring r with the crossing-number
// rule. The side of p relative to each edge is decided by the sign of one
// cross product, used both for the boundary test (zero) and for the crossing
// test, so the answers are consistent with each other.
func ringLocate(r orb.Ring, p orb.Point) location {
	n := len(r)
	if n > 1 && r[0] == r[n-1] {
		n--
	}
	if n < 3 {
		return outside
	}
	in := false
	a := r[n-1]
	for i := 0; i < n; i++ {
		b := r[i]
		cross := (b[0]-a[0])*(p[1]-a[1]) - (p[0]-a[0])*(b[1]-a[1])
		if cross == 0 &&
			math.Min(a[0], b[0]) <= p[0] && p[0] <= math.Max(a[0], b[0]) &&
			math.Min(a[1], b[1]) <= p[1] && p[1] <= math.Max(a[1], b[1]) {
			return onBoundary
		}
		if a[1] <= p[1] {
			if b[1] > p[1] && cross > 0 { // upward edge, p on its left
				in = !in
			}
		} else if b[1] <= p[1] && cross < 0 { // downward edge, p on its right
			in = !in
		}
		a = b
	}
	if in {
		return inside
	}
	return outside
}
