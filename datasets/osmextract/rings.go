package osmextract

import (
	"math"
	"slices"

	"github.com/paulmach/orb"

	"github.com/partons/partons/geo"
)

// assembly is the outcome of joining a relation's member ways into
// polygons. The relation is usable only when ok() holds.
type assembly struct {
	mp             orb.MultiPolygon
	missingMembers int // way members no source holds
	missingNodes   int // node references of member ways no source holds
	unclosed       int // chains of member ways that do not close
	orphanInners   int // inner rings in no outer ring (dropped)
	empty          int // rings without interior (dropped)
}

func (a *assembly) ok() bool {
	return a.missingMembers == 0 && a.missingNodes == 0 && a.unclosed == 0 && len(a.mp) > 0
}

// chain is a sequence of node ids with their coordinates.
type chain struct {
	ids []int64
	pts []orb.Point
}

func (c *chain) closed() bool { return len(c.ids) >= 2 && c.ids[0] == c.ids[len(c.ids)-1] }

// assemble joins the member ways of a relation into a MultiPolygon: outer
// and inner ways are joined separately, end to end by shared end nodes
// (Hierholzer-style greedy walk, which closes every ring of a valid
// multipolygon since every node then has an even number of way ends),
// inner rings go into the smallest outer ring containing them. A member
// way listed twice with the same role is used once. O(m log m + v·i) for m
// member ways, v vertices and i inner rings.
func (r *reader) assemble(members []member) assembly {
	var a assembly
	var outer, inner []chain
	seen := make(map[member]bool, len(members))
	for _, m := range members {
		if seen[m] {
			continue
		}
		seen[m] = true
		w := r.way(m.way)
		if w == nil {
			a.missingMembers++
			continue
		}
		c, missing := r.wayChain(w)
		if missing > 0 {
			a.missingNodes += missing
			continue
		}
		if len(c.ids) < 2 {
			continue
		}
		if m.inner {
			inner = append(inner, c)
		} else {
			outer = append(outer, c)
		}
	}
	outerRings, u1 := joinRings(outer)
	innerRings, u2 := joinRings(inner)
	a.unclosed = u1 + u2
	var polys []orb.Polygon
	var areas []float64
	for _, ring := range outerRings {
		ar := signedArea(ring)
		if len(ring) < 4 || ar == 0 || math.IsNaN(ar) {
			a.empty++
			continue
		}
		if ar < 0 {
			slices.Reverse(ring)
		}
		polys = append(polys, orb.Polygon{ring})
		areas = append(areas, math.Abs(ar))
	}
	for _, ring := range innerRings {
		ar := signedArea(ring)
		if len(ring) < 4 || ar == 0 || math.IsNaN(ar) {
			a.empty++
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
			a.orphanInners++
			continue
		}
		polys[best] = append(polys[best], ring)
	}
	a.mp = orb.MultiPolygon(polys)
	return a
}

// wayChain returns the node ids and coordinates of w (consecutive repeated
// nodes removed) and the number of references to missing nodes.
func (r *reader) wayChain(w *wayRec) (chain, int) {
	c := chain{ids: make([]int64, 0, len(w.refs)), pts: make([]orb.Point, 0, len(w.refs))}
	missing := 0
	for k, id := range w.refs {
		if k > 0 && id == w.refs[k-1] {
			continue
		}
		p, ok := r.point(id)
		if !ok {
			missing++
			continue
		}
		c.ids = append(c.ids, id)
		c.pts = append(c.pts, p)
	}
	return c, missing
}

// joinRings joins chains end to end into closed rings and returns them
// with the number of chains left open. Deterministic: chains are taken in
// input order and, at a node where several chains end, the first unused
// one in input order is followed. O(m log m + v).
func joinRings(chains []chain) ([]orb.Ring, int) {
	ends := make(map[int64][]int, 2*len(chains))
	for k, c := range chains {
		if c.closed() {
			continue
		}
		ends[c.ids[0]] = append(ends[c.ids[0]], k)
		ends[c.ids[len(c.ids)-1]] = append(ends[c.ids[len(c.ids)-1]], k)
	}
	used := make([]bool, len(chains))
	var rings []orb.Ring
	open := 0
	for k, c := range chains {
		if used[k] {
			continue
		}
		used[k] = true
		if c.closed() {
			rings = append(rings, slices.Clone(orb.Ring(c.pts)))
			continue
		}
		ring := slices.Clone(c.pts)
		start, end := c.ids[0], c.ids[len(c.ids)-1]
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
				pts, other := n.pts, n.ids[len(n.ids)-1]
				if n.ids[0] != at { // n runs towards at: walk it backwards
					pts, other = slices.Clone(n.pts), n.ids[0]
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

// signedArea is the planar shoelace area of a ring in square degrees,
// positive when counter-clockwise (lon east, lat north). Coordinates are
// taken relative to the first vertex to limit cancellation.
func signedArea(r orb.Ring) float64 {
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

// meanRadiusM is the mean Earth radius (IUGG, R1) used for areas.
const meanRadiusM = 6371008.8

// sphericalAreaKm2 is the area of a multipolygon on the sphere of mean
// radius, in km², holes subtracted (Chamberlain & Duquette 2007). Its error
// against the WGS84 ellipsoid is below 0.5 % at mid latitudes.
func sphericalAreaKm2(mp orb.MultiPolygon) float64 {
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
	return s * meanRadiusM * meanRadiusM / 2
}
