package road

import (
	"math"

	"github.com/paulmach/orb"
)

// Edge geometries are held compactly when they allow it: OSM coordinates
// are integers of 10⁻⁷ degrees, which readers turn into float64 as
// float64(n)/1e7 (datasets/osmroad). When every geometry point of a graph
// is such a quotient, bit for bit, the graph keeps the integers (8 bytes a
// point instead of 16) and gives back the same float64 values by the same
// division; otherwise (points off that grid, or −0) it keeps the float64
// points as given. Either way every consumer sees the input's values
// exactly.

// fixPoint is a lon/lat position in integers of 10⁻⁷ degrees.
type fixPoint [2]int32

// fromFix is the float64 of n·10⁻⁷ degrees, as OSM readers compute it.
func fromFix(n int32) float64 { return float64(n) / 1e7 }

// FromE7 is the float64 of n·10⁻⁷ degrees as OSM readers compute it,
// float64(n)/1e7: the value ToE7 reads back to n, for every int32 n.
func FromE7(n int32) float64 { return fromFix(n) }

// ToE7 returns the integer n of 10⁻⁷ degrees with FromE7(n) == x bit for
// bit, and false when there is none (x off that grid, −0, NaN, or beyond
// the int32 range).
func ToE7(x float64) (int32, bool) { return toFix(x) }

// toFix returns the integer n with fromFix(n) == x bit for bit, if any.
func toFix(x float64) (int32, bool) {
	r := math.Round(x * 1e7)
	if !(r >= math.MinInt32 && r <= math.MaxInt32) {
		return 0, false
	}
	n := int32(r)
	return n, math.Float64bits(fromFix(n)) == math.Float64bits(x)
}

// compactGeometry replaces gPts by gFix when every point is on the 10⁻⁷
// degree grid; it leaves gPts otherwise. O(G), 8 bytes per point.
func (g *Graph) compactGeometry() {
	fix := make([]fixPoint, len(g.gPts))
	for i, p := range g.gPts {
		x, okX := toFix(p[0])
		y, okY := toFix(p[1])
		if !okX || !okY {
			return
		}
		fix[i] = fixPoint{x, y}
	}
	g.gFix, g.gPts = fix, nil
}

// gp returns geometry point i. It panics if i is out of range.
func (g *Graph) gp(i int32) orb.Point {
	if g.gFix != nil {
		q := g.gFix[i]
		return orb.Point{fromFix(q[0]), fromFix(q[1])}
	}
	return g.gPts[i]
}

// numGeom returns the number of geometry points.
func (g *Graph) numGeom() int {
	if g.gFix != nil {
		return len(g.gFix)
	}
	return len(g.gPts)
}

// geometry returns the points gp(lo) … gp(hi-1): a subslice of gPts, or
// when compact the points appended to buf[:0].
func (g *Graph) geometry(buf []orb.Point, lo, hi int32) []orb.Point {
	if g.gFix == nil {
		return g.gPts[lo:hi]
	}
	buf = buf[:0]
	for i := lo; i < hi; i++ {
		buf = append(buf, g.gp(i))
	}
	return buf
}
