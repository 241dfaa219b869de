// Package hilbert numbers points along a Hilbert curve, so that points
// close on the ground get close numbers: geo/road numbers the junctions
// its searches run on this way. Pure functions, safe for concurrent use.
package hilbert

import (
	"github.com/paulmach/orb"

	curve "github.com/partons/partons/geo/internal/hilbert"
)

// Order numbers the points along a Hilbert curve over their bounding
// box (16 bits per axis, ties by index) and returns inner (point index →
// number) and its inverse outer. Vertices close on the ground are
// then close in memory, so a search's wavefronts touch fewer cache lines
// and pages: on the 1M-vertex benchmark grid, which is numbered row by row,
// the multi-source searches take about a fifth less time, and a random
// numbering is 1.4 times slower than row order. (An OSM extract's vertices
// come in way-id order, the order the ways were mapped, far from spatial.)
// O(V).
func Order(pts []orb.Point) (inner, outer []int32) {
	n := len(pts)
	inner, outer = make([]int32, n), make([]int32, n)
	if n == 0 {
		return inner, outer
	}
	lo, hi := pts[0], pts[0]
	for _, p := range pts[1:] {
		lo = orb.Point{min(lo[0], p[0]), min(lo[1], p[1])}
		hi = orb.Point{max(hi[0], p[0]), max(hi[1], p[1])}
	}
	keys := make([]uint32, n)
	for v, p := range pts {
		keys[v] = curve.XY(curve.Grid(p[0], lo[0], hi[0]), curve.Grid(p[1], lo[1], hi[1]))
	}
	// Stable LSD radix sort of the vertex ids on their 32-bit keys, two
	// 16-bit digits: O(V), ties in input order.
	tmp := inner // free until the end
	for v := range outer {
		outer[v] = int32(v)
	}
	src, dst := outer, tmp
	for _, shift := range [2]uint{0, 16} {
		var count [1<<16 + 1]int
		for _, v := range src {
			count[(keys[v]>>shift)&0xFFFF+1]++
		}
		for k := 1; k < len(count); k++ {
			count[k] += count[k-1]
		}
		for _, v := range src {
			k := (keys[v] >> shift) & 0xFFFF
			dst[count[k]] = v
			count[k]++
		}
		src, dst = dst, src
	}
	// After two passes the sorted order is back in outer.
	for i, v := range outer {
		inner[v] = int32(i)
	}
	return inner, outer
}
