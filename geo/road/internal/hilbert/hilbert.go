// Package hilbert numbers points along a Hilbert curve, so that points
// close on the ground get close numbers: geo/road numbers the junctions
// its searches run on this way. Pure functions, safe for concurrent use.
package hilbert

import (
	"math"

	"github.com/paulmach/orb"
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
	scale := func(x, a, b float64) uint32 {
		if b <= a {
			return 0
		}
		return uint32(math.Min(65535, math.Max(0, (x-a)/(b-a)*65536)))
	}
	keys := make([]uint32, n)
	for v, p := range pts {
		keys[v] = hilbert16(scale(p[0], lo[0], hi[0]), scale(p[1], lo[1], hi[1]))
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

// hilbert16 returns the position of cell (x, y), x and y < 65536, along
// the Hilbert curve filling a 65536 × 65536 grid. Branch-free: the
// quadrant rotations are composed as a parallel prefix scan over the bit
// pairs (the method of "Hilbert curves in O(log n) bit operations"), four
// rounds instead of a 16-step loop whose branches mispredict on every
// vertex.
func hilbert16(x, y uint32) uint32 {
	const m = 0xFFFF
	var A, B, C, D uint32
	{
		a := x ^ y
		b := m ^ a
		c := m ^ (x | y)
		d := x & (y ^ m)
		A = a | (b >> 1)
		B = (a >> 1) ^ a
		C = ((c >> 1) ^ (b & (d >> 1))) ^ c
		D = ((a & (c >> 1)) ^ (d >> 1)) ^ d
	}
	for _, k := range [2]uint{2, 4} {
		a, b, c, d := A, B, C, D
		A = (a & (a >> k)) ^ (b & (b >> k))
		B = (a & (b >> k)) ^ (b & ((a ^ b) >> k))
		C ^= (a & (c >> k)) ^ (b & (d >> k))
		D ^= (b & (c >> k)) ^ ((a ^ b) & (d >> k))
	}
	{
		a, b, c, d := A, B, C, D
		C ^= (a & (c >> 8)) ^ (b & (d >> 8))
		D ^= (b & (c >> 8)) ^ ((a ^ b) & (d >> 8))
	}
	a := C ^ (C >> 1)
	b := D ^ (D >> 1)
	i0 := x ^ y
	i1 := b | (m ^ (i0 | a))
	return interleave16(i1)<<1 | interleave16(i0)
}

// interleave16 spreads the low 16 bits of x to the even bits.
func interleave16(x uint32) uint32 {
	x &= 0xFFFF
	x = (x | x<<8) & 0x00FF00FF
	x = (x | x<<4) & 0x0F0F0F0F
	x = (x | x<<2) & 0x33333333
	x = (x | x<<1) & 0x55555555
	return x
}
