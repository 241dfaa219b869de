package geo

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"

	"github.com/paulmach/orb"
)

// Errors returned by PointOnSurface; test with errors.Is.
var (
	// ErrEmptyGeometry is returned for geometries with no coordinates.
	ErrEmptyGeometry = errors.New("geo: empty geometry")
	// ErrUnsupportedGeometry is returned for geometry types other than
	// Point, Polygon and MultiPolygon.
	ErrUnsupportedGeometry = errors.New("geo: unsupported geometry type")
	// ErrInvalidGeometry is returned for NaN or infinite coordinates.
	ErrInvalidGeometry = errors.New("geo: invalid coordinate")
	// ErrNoInterior is returned for polygons of zero area (collinear or
	// repeated vertices, holes covering the shell).
	ErrNoInterior = errors.New("geo: polygon has no interior")
)

// PointOnSurface returns a point strictly inside a Polygon (never on its
// boundary, never in a hole) or inside the largest polygon of a MultiPolygon
// (by area, ties to the lowest index; a part without interior is passed over
// for the next largest), or the point itself for a Point. It is meant as the
// representative position of an area, e.g. a village from its boundary.
//
// Algorithm, deterministic and planar in lon/lat (see Contains):
//  1. Scan line (as GEOS InteriorPointArea): a horizontal line at the
//     mid-height between the two distinct vertex latitudes nearest the middle
//     of the bounding box, so it passes through no vertex; it is cut by all
//     ring edges, and the midpoint of the widest inside interval is taken. If
//     rounding puts that point on the boundary, the next gaps between vertex
//     latitudes, outwards from the middle, are tried.
//  2. The area centroid replaces it when the centroid is strictly inside and
//     at least as far from the boundary (distances with longitude scaled by
//     the cosine of latitude): a compact shape gets its centre, a C-shaped
//     one or one with a hole at its centre gets the scan-line point.
//
// O(n log n) for n vertices in the usual case, O(n² log n) in the worst case
// (repeated fallbacks). Errors: ErrEmptyGeometry (nil, no coordinates),
// ErrInvalidGeometry (NaN or infinite coordinate), ErrNoInterior (zero
// area), ErrUnsupportedGeometry (other types), all wrapped.
func PointOnSurface(g orb.Geometry) (orb.Point, error) {
	switch g := g.(type) {
	case nil:
		return orb.Point{}, ErrEmptyGeometry
	case orb.Point:
		if !finite(g) {
			return orb.Point{}, fmt.Errorf("%w: point %v", ErrInvalidGeometry, g)
		}
		return g, nil
	case orb.Polygon:
		return polygonPointOnSurface(g)
	case orb.MultiPolygon:
		return multiPolygonPointOnSurface(g)
	default:
		return orb.Point{}, fmt.Errorf("%w: %s", ErrUnsupportedGeometry, g.GeoJSONType())
	}
}

// multiPolygonPointOnSurface tries the parts by decreasing area.
func multiPolygonPointOnSurface(mp orb.MultiPolygon) (orb.Point, error) {
	type part struct {
		i    int
		area float64
	}
	parts := make([]part, 0, len(mp))
	for i, poly := range mp {
		if len(poly) == 0 || len(poly[0]) == 0 {
			continue
		}
		if err := checkFinite(poly); err != nil {
			return orb.Point{}, fmt.Errorf("polygon %d: %w", i, err)
		}
		parts = append(parts, part{i, scaledArea(poly)})
	}
	if len(parts) == 0 {
		return orb.Point{}, ErrEmptyGeometry
	}
	slices.SortStableFunc(parts, func(a, b part) int { return cmp.Compare(b.area, a.area) })
	for _, pt := range parts {
		if pt.area <= 0 {
			break
		}
		if p, err := polygonPointOnSurface(mp[pt.i]); err == nil {
			return p, nil
		}
	}
	return orb.Point{}, ErrNoInterior
}

// polygonPointOnSurface implements PointOnSurface for one polygon.
func polygonPointOnSurface(poly orb.Polygon) (orb.Point, error) {
	if len(poly) == 0 || len(poly[0]) == 0 {
		return orb.Point{}, ErrEmptyGeometry
	}
	if err := checkFinite(poly); err != nil {
		return orb.Point{}, err
	}
	p, ok := scanLinePoint(poly)
	if !ok {
		return orb.Point{}, ErrNoInterior
	}
	if c, ok := centroid(poly); ok && polygonLocate(poly, c) == inside {
		cos := math.Cos(p[1] * math.Pi / 180)
		if clearance(poly, c, cos) >= clearance(poly, p, cos) {
			return c, nil
		}
	}
	return p, nil
}

// scanLinePoint returns the midpoint of the widest inside interval on a
// horizontal line through no vertex, trying gaps between vertex latitudes
// from the middle of the bounding box outwards until the point classifies
// strictly inside.
func scanLinePoint(poly orb.Polygon) (orb.Point, bool) {
	var ys []float64
	for _, r := range poly {
		for _, v := range r {
			ys = append(ys, v[1])
		}
	}
	slices.Sort(ys)
	ys = slices.Compact(ys)
	mid := ys[0] + (ys[len(ys)-1]-ys[0])/2
	var gaps []float64
	for k := 0; k+1 < len(ys); k++ {
		y := ys[k] + (ys[k+1]-ys[k])/2
		if ys[k] < y && y < ys[k+1] {
			gaps = append(gaps, y)
		}
	}
	slices.SortStableFunc(gaps, func(a, b float64) int {
		return cmp.Compare(math.Abs(a-mid), math.Abs(b-mid))
	})
	var xs []float64
	for _, y := range gaps {
		xs = xs[:0]
		for _, r := range poly {
			xs = ringCrossings(xs, r, y)
		}
		slices.Sort(xs)
		best, width := -1, 0.0
		for k := 0; k+1 < len(xs); k += 2 {
			if w := xs[k+1] - xs[k]; w > width {
				best, width = k, w
			}
		}
		if best < 0 {
			continue
		}
		p := orb.Point{xs[best] + width/2, y}
		if polygonLocate(poly, p) == inside {
			return p, true
		}
	}
	return orb.Point{}, false
}

// ringCrossings appends the longitudes where the closed ring r crosses the
// horizontal line at y, which passes through none of its vertices.
func ringCrossings(xs []float64, r orb.Ring, y float64) []float64 {
	n := len(r)
	if n > 1 && r[0] == r[n-1] {
		n--
	}
	if n < 3 {
		return xs
	}
	a := r[n-1]
	for i := 0; i < n; i++ {
		b := r[i]
		if (a[1] < y) != (b[1] < y) {
			xs = append(xs, a[0]+(y-a[1])*(b[0]-a[0])/(b[1]-a[1]))
		}
		a = b
	}
	return xs
}

// ringMoments returns the signed area of the closed ring r and the first
// moments (∑ area·x, ∑ area·y) relative to the origin o, by the shoelace
// formula on coordinates shifted to o for precision.
func ringMoments(r orb.Ring, o orb.Point) (area, mx, my float64) {
	n := len(r)
	if n > 1 && r[0] == r[n-1] {
		n--
	}
	if n < 3 {
		return 0, 0, 0
	}
	a := r[n-1]
	ax, ay := a[0]-o[0], a[1]-o[1]
	for i := 0; i < n; i++ {
		bx, by := r[i][0]-o[0], r[i][1]-o[1]
		c := ax*by - bx*ay
		area += c
		mx += (ax + bx) * c
		my += (ay + by) * c
		ax, ay = bx, by
	}
	return area / 2, mx / 6, my / 6
}

// centroid returns the area centroid of poly (outer ring minus holes,
// whatever their winding); ok is false for zero net area.
func centroid(poly orb.Polygon) (orb.Point, bool) {
	o := poly[0][0]
	var area, mx, my float64
	for k, r := range poly {
		a, x, y := ringMoments(r, o)
		sign := 1.0
		if (a < 0) != (k > 0) { // outer ring counts positive, holes negative
			sign = -1
		}
		area += sign * a
		mx += sign * x
		my += sign * y
	}
	if !(area > 0) {
		return orb.Point{}, false
	}
	return orb.Point{o[0] + mx/area, o[1] + my/area}, true
}

// scaledArea returns the net area of poly in square degrees of latitude,
// with longitudes scaled by the cosine of the latitude of its first vertex:
// proportional to the true area for ranking the parts of a MultiPolygon.
func scaledArea(poly orb.Polygon) float64 {
	o := poly[0][0]
	net := 0.0
	for k, r := range poly {
		a, _, _ := ringMoments(r, o)
		if k == 0 {
			net += math.Abs(a)
		} else {
			net -= math.Abs(a)
		}
	}
	return net * math.Cos(o[1]*math.Pi/180)
}

// clearance returns the distance from p to the nearest edge of poly, in
// degrees of latitude, with longitude differences multiplied by cos.
func clearance(poly orb.Polygon, p orb.Point, cos float64) float64 {
	best := math.Inf(1)
	for _, r := range poly {
		n := len(r)
		if n == 0 {
			continue
		}
		a := r[n-1]
		for _, b := range r {
			ax, ay := (a[0]-p[0])*cos, a[1]-p[1]
			bx, by := (b[0]-p[0])*cos, b[1]-p[1]
			dx, dy := bx-ax, by-ay
			t := 0.0
			if l := dx*dx + dy*dy; l > 0 {
				t = math.Max(0, math.Min(1, -(ax*dx+ay*dy)/l))
			}
			best = math.Min(best, math.Hypot(ax+t*dx, ay+t*dy))
			a = b
		}
	}
	return best
}

// checkFinite returns ErrInvalidGeometry for the first NaN or infinite
// coordinate of poly.
func checkFinite(poly orb.Polygon) error {
	for k, r := range poly {
		for i, v := range r {
			if !finite(v) {
				return fmt.Errorf("%w: ring %d vertex %d %v", ErrInvalidGeometry, k, i, v)
			}
		}
	}
	return nil
}

func finite(p orb.Point) bool {
	return !math.IsNaN(p[0]) && !math.IsInf(p[0], 0) && !math.IsNaN(p[1]) && !math.IsInf(p[1], 0)
}
