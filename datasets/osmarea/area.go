package osmarea

import (
	"math"
	"slices"

	"github.com/paulmach/orb"

	"github.com/partons/partons/geo"
)

// Chain is a sequence of OSM node ids with their coordinates: a way, or
// ways joined end to end.
type Chain struct {
	IDs []int64
	Pts []orb.Point
}

// Closed reports whether the chain ends where it starts.
func (c *Chain) Closed() bool { return len(c.IDs) >= 2 && c.IDs[0] == c.IDs[len(c.IDs)-1] }

// Assembly is the outcome of Assemble.
type Assembly struct {
	MP           orb.MultiPolygon
	Unclosed     int // chains that do not close into rings
	OrphanInners int // inner rings in no outer ring (dropped)
	Empty        int // rings without interior (dropped)
}

// Assemble joins the outer and the inner chains of a multipolygon into
// polygons: each set is joined end to end by shared end nodes (see
// JoinRings), outer rings are turned counter-clockwise and inner rings
// clockwise, and each inner ring goes into the smallest outer ring
// containing it. O(m log m + v·i) for m chains, v vertices and i inner
// rings.
func Assemble(outer, inner []Chain) Assembly {
	var a Assembly
	outerRings, u1 := JoinRings(outer)
	innerRings, u2 := JoinRings(inner)
	a.Unclosed = u1 + u2
	var polys []orb.Polygon
	var areas []float64
	for _, ring := range outerRings {
		ar := SignedArea(ring)
		if len(ring) < 4 || ar == 0 || math.IsNaN(ar) {
			a.Empty++
			continue
		}
		if ar < 0 {
			slices.Reverse(ring)
		}
		polys = append(polys, orb.Polygon{ring})
		areas = append(areas, math.Abs(ar))
	}
	for _, ring := range innerRings {
		ar := SignedArea(ring)
		if len(ring) < 4 || ar == 0 || math.IsNaN(ar) {
			a.Empty++
			continue
		}
		if ar > 0 {
			slices.Reverse(ring)
		}
		best := -1
		for k, p := range polys {
			if (best < 0 || areas[k] < areas[best]) && ringInside(ring, p[0]) {
				best = k
			}
		}
		if best < 0 {
			a.OrphanInners++
			continue
		}
		polys[best] = append(polys[best], ring)
	}
	a.MP = orb.MultiPolygon(polys)
	return a
}

// JoinRings joins chains end to end into closed rings and returns them
// with the number of chains left open. Deterministic: chains are taken in
// input order and, at a node where several chains end, the first unused
// one in input order is followed. O(m log m + v).
func JoinRings(chains []Chain) ([]orb.Ring, int) {
	ends := make(map[int64][]int, 2*len(chains))
	for k, c := range chains {
		if c.Closed() {
			continue
		}
		ends[c.IDs[0]] = append(ends[c.IDs[0]], k)
		ends[c.IDs[len(c.IDs)-1]] = append(ends[c.IDs[len(c.IDs)-1]], k)
	}
	used := make([]bool, len(chains))
	var rings []orb.Ring
	open := 0
	for k, c := range chains {
		if used[k] {
			continue
		}
		used[k] = true
		if c.Closed() {
			rings = append(rings, slices.Clone(orb.Ring(c.Pts)))
			continue
		}
		ring := slices.Clone(c.Pts)
		start, end := c.IDs[0], c.IDs[len(c.IDs)-1]
		// Extend at the end while possible, then (if still open) at the
		// start, so that an open result is one maximal chain.
		for _, atEnd := range []bool{true, false} {
			for end != start {
				at := start
				if atEnd {
					at = end
				}
				next := -1
				for _, j := range ends[at] {
					if !used[j] {
						next = j
						break
					}
				}
				if next < 0 {
					break
				}
				used[next] = true
				n := chains[next]
				pts, other := n.Pts, n.IDs[len(n.IDs)-1]
				if n.IDs[0] != at { // n runs towards at: walk it backwards
					pts, other = slices.Clone(n.Pts), n.IDs[0]
					slices.Reverse(pts)
				}
				if atEnd {
					ring, end = append(ring, pts[1:]...), other
				} else {
					rev := slices.Clone(pts)
					slices.Reverse(rev) // now ends at "at"
					ring, start = append(rev[:len(rev)-1], ring...), other
				}
			}
		}
		if end != start {
			open++
			continue
		}
		rings = append(rings, orb.Ring(ring))
	}
	return rings, open
}

// SignedArea is the planar shoelace area of a ring in square degrees,
// positive when counter-clockwise (lon east, lat north). Coordinates are
// taken relative to the first vertex to limit cancellation.
func SignedArea(r orb.Ring) float64 {
	if len(r) < 3 {
		return 0
	}
	o := r[0]
	var s float64
	for i := 1; i+1 < len(r); i++ {
		s += (r[i][0]-o[0])*(r[i+1][1]-o[1]) - (r[i+1][0]-o[0])*(r[i][1]-o[1])
	}
	return s / 2
}

// ringInside reports whether every vertex of in lies in or on out (holes
// may touch their shell). O(|in|·|out|) after a bounding-box test.
func ringInside(in, out orb.Ring) bool {
	if !out.Bound().Contains(in[0]) {
		return false
	}
	shell := orb.Polygon{out}
	for _, p := range in {
		if !geo.Contains(shell, p) {
			return false
		}
	}
	return true
}

// MeanRadiusM is the mean Earth radius (IUGG, R1) used for areas.
const MeanRadiusM = 6371008.8

// SphericalAreaKm2 is the area of a multipolygon on the sphere of mean
// radius, in km², holes subtracted (Chamberlain & Duquette 2007). Its error
// against the WGS84 ellipsoid is below 0.5 % at mid latitudes.
func SphericalAreaKm2(mp orb.MultiPolygon) float64 {
	var total float64
	for _, poly := range mp {
		for k, ring := range poly {
			a := math.Abs(ringSphericalArea(ring))
			if k == 0 {
				total += a
			} else {
				total -= a
			}
		}
	}
	return total / 1e6
}

func ringSphericalArea(r orb.Ring) float64 {
	var s float64
	rad := math.Pi / 180
	for i := 0; i+1 < len(r); i++ {
		p1, p2 := r[i], r[i+1]
		s += (p2[0] - p1[0]) * rad * (2 + math.Sin(p1[1]*rad) + math.Sin(p2[1]*rad))
	}
	return s * MeanRadiusM * MeanRadiusM / 2
}
