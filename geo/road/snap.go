package road

import (
	"math"
	"sort"

	"github.com/paulmach/orb"
)

// WGS84 ellipsoid.
const (
	wgs84A  = 6378137.0
	wgs84F  = 1 / 298.257223563
	wgs84E2 = wgs84F * (2 - wgs84F)
)

// metresPerDegree returns the lengths in metres of one degree of longitude
// and of latitude at latitude lat (degrees) on the WGS84 ellipsoid: N·cos φ
// and M, with N and M the normal and meridional radii of curvature.
func metresPerDegree(lat float64) (kx, ky float64) {
	phi := lat * math.Pi / 180
	s := math.Sin(phi)
	w := 1 - wgs84E2*s*s
	n := wgs84A / math.Sqrt(w)
	m := wgs84A * (1 - wgs84E2) / (w * math.Sqrt(w))
	return n * math.Cos(phi) * math.Pi / 180, m * math.Pi / 180
}

// segmentM returns the length in metres of the lon/lat segment a–b in the
// local equirectangular projection at its mid-latitude. Its relative error
// against the geodesic is below 10⁻⁶ for segments under 10 km at |lat| < 60°.
func segmentM(a, b orb.Point) float64 {
	kx, ky := metresPerDegree((a[1] + b[1]) / 2)
	return math.Hypot((b[0]-a[0])*kx, (b[1]-a[1])*ky)
}

// polylineM sums segment lengths over a polyline like segmentM, but reuses
// the scale factors while the mid-latitude stays within 0.01° (1.1 km) of
// where they were computed: relative error below 2·10⁻⁴, no trigonometry
// for most segments. Used for validation only.
func polylineM(ls []orb.Point) float64 {
	var s, lat0, kx, ky float64
	for i := 1; i < len(ls); i++ {
		a, b := ls[i-1], ls[i]
		if lat := (a[1] + b[1]) / 2; i == 1 || math.Abs(lat-lat0) > 0.01 {
			lat0 = lat
			kx, ky = metresPerDegree(lat)
		}
		dx, dy := (b[0]-a[0])*kx, (b[1]-a[1])*ky
		s += math.Sqrt(dx*dx + dy*dy)
	}
	return s
}

// Snap is a point on a routable edge.
type Snap struct {
	Edge  int32     // edge id
	Frac  float64   // position along the edge length: 0 at From, 1 at To
	DistM float64   // distance in metres from the query point to Point
	Point orb.Point // the snapped position on the edge geometry
}

// buildSegs builds the snapping index over every segment of every
// routable edge (segindex.go).
func (g *Graph) buildSegs() { g.segs = newSegIndex(g.gp, g.gOff, g.eDir) }

// Snap returns the point nearest to p on any routable edge, if it lies
// within maxM metres (maxM ≤ 0: no limit). See SnapFunc.
func (g *Graph) Snap(p orb.Point, maxM float64) (Snap, bool) {
	return g.SnapFunc(p, maxM, nil)
}

// SnapFunc is Snap restricted to edges for which accept returns true (nil
// accepts all routable edges), e.g. edges in the largest component, or
// edges whose ends carry the village's country label.
//
// Distances are measured in an equirectangular projection centred on p
// whose scale factors are the WGS84 radii of curvature at p's latitude.
// The projection is affine in lon/lat, so straight lon/lat segments stay
// straight, index node boxes map to boxes and the box distance is a lower
// bound for the segment distances inside: the index walk returns the true
// nearest segment in that metric, the one a scan of every segment finds.
// Among accepted segments at exactly the same distance (a point nearest to
// a junction, a point on two overlapping ways) the first in edge order
// wins. Against the ellipsoidal geodesic the metric errs by the change of
// the parallel's scale, about tan φ·d/R relative (2·10⁻⁴ at d = 1 km,
// 50.8°N), plus second-order terms: under 0.03 % within 1 km and 0.2 %
// within 10 km in the Westhoek (tested against GeographicLib). Longitudes
// must not cross the antimeridian: a segment from 179.9° to −179.9° runs
// the long way round, as its lon/lat box does, and a query near ±180°
// does not see segments across it.
//
// The first call builds the index over all segments (segindex.go: a packed
// static R-tree, O(S log S) for S segments, about 5 bytes each); it is
// safe for concurrent use. A query costs O(log S) node visits plus the
// segments in the nodes whose box is not farther than the answer (and
// those of nodes nearer than the first accepted segment), and allocates
// nothing but small pooled queues.
func (g *Graph) SnapFunc(p orb.Point, maxM float64, accept func(edge int32) bool) (Snap, bool) {
	if !validLonLat(p) {
		return Snap{}, false
	}
	g.segsOnce.Do(g.buildSegs)
	if maxM <= 0 || math.IsNaN(maxM) {
		maxM = math.Inf(1)
	}
	kx, ky := metresPerDegree(p[1])
	seg, e, d, t, ok := g.nearestSeg(p, kx, ky, maxM, accept)
	if !ok {
		return Snap{}, false
	}
	return g.snapAt(e, seg, t, d), true
}

// segDist returns the distance in metres from p to segment a–b in the
// projection centred on p with scales kx, ky, and the parameter t ∈ [0,1]
// of the nearest point a + t(b−a).
func segDist(p, a, b orb.Point, kx, ky float64) (d, t float64) {
	x, y, t := segOffset(p, a, b, kx, ky)
	return math.Hypot(x, y), t
}

// segOffset returns the offset in metres (x east, y north) from p to the
// point of segment a–b nearest to it and that point's parameter t, in the
// projection of segDist, whose distance is math.Hypot(x, y).
func segOffset(p, a, b orb.Point, kx, ky float64) (x, y, t float64) {
	ax, ay := (a[0]-p[0])*kx, (a[1]-p[1])*ky
	bx, by := (b[0]-p[0])*kx, (b[1]-p[1])*ky
	dx, dy := bx-ax, by-ay
	if l2 := dx*dx + dy*dy; l2 > 0 {
		t = -(ax*dx + ay*dy) / l2
		t = math.Max(0, math.Min(1, t))
	}
	return ax + t*dx, ay + t*dy, t
}

// edgeOfPoint returns the edge whose geometry holds gPts[i]. O(log E).
func (g *Graph) edgeOfPoint(i int32) int32 {
	// The last e with gOff[e] <= i.
	return int32(sort.Search(len(g.gOff)-1, func(e int) bool { return g.gOff[e+1] > i }))
}

// snapAt builds the Snap for parameter t on segment seg of edge e.
// O(points of e).
func (g *Graph) snapAt(e, seg int32, t, d float64) Snap {
	a, b := g.gp(seg), g.gp(seg+1)
	pt := orb.Point{a[0] + t*(b[0]-a[0]), a[1] + t*(b[1]-a[1])}
	var before, total float64
	for i := g.gOff[e]; i+1 < g.gOff[e+1]; i++ {
		l := segmentM(g.gp(i), g.gp(i+1))
		if i < seg {
			before += l
		} else if i == seg {
			before += t * l
		}
		total += l
	}
	frac := 0.0
	if total > 0 {
		frac = math.Max(0, math.Min(1, before/total))
	}
	// Exact ends, so that a point at a junction counts as the vertex: also
	// within a millimetre of it, where coordinate rounding (OSM decoders
	// give 7.422740500000001 for 7.4227405) would otherwise leave the point
	// a nanometre inside a one-way edge, forced to drive all of it.
	const endM = 1e-3
	switch {
	case seg == g.gOff[e] && t == 0, before <= endM:
		frac = 0
	case seg == g.gOff[e+1]-2 && t == 1, total-before <= endM:
		frac = 1
	}
	return Snap{Edge: e, Frac: frac, DistM: d, Point: pt}
}

// PointAt returns the point at fraction frac (clamped to [0,1]) of edge e's
// length, and false if e is out of range. O(points of e).
func (g *Graph) PointAt(e int32, frac float64) (orb.Point, bool) {
	if e < 0 || int(e) >= len(g.eFrom) || math.IsNaN(frac) {
		return orb.Point{}, false
	}
	frac = math.Max(0, math.Min(1, frac))
	geom := g.geometry(nil, g.gOff[e], g.gOff[e+1])
	var total float64
	for i := 1; i < len(geom); i++ {
		total += segmentM(geom[i-1], geom[i])
	}
	want := frac * total
	for i := 1; i < len(geom); i++ {
		l := segmentM(geom[i-1], geom[i])
		if want <= l && l > 0 {
			t := want / l
			a, b := geom[i-1], geom[i]
			return orb.Point{a[0] + t*(b[0]-a[0]), a[1] + t*(b[1]-a[1])}, true
		}
		want -= l
	}
	return geom[len(geom)-1], true
}
