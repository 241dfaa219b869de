// Package hilbert numbers the cells of the 2¹⁶ × 2¹⁶ grid along a Hilbert
// curve, so that points close on the ground get close numbers: the spatial
// indexes of geo/index and geo/road sort their entries this way, and
// geo/road numbers the junctions its searches run on. Pure functions, safe
// for concurrent use.
package hilbert

// XY returns the position of cell (x, y), x and y < 65536, along the
// Hilbert curve filling the 65536 × 65536 grid: the curve of the classic
// xy2d loop (it starts at (0, 0), steps to (1, 0) and ends at
// (65535, 0)), bit for bit. Branch-free: the quadrant rotations are
// composed as a parallel prefix scan over the bit pairs (the method of
// "Hilbert curves in O(log n) bit operations"), four rounds instead of a
// 16-step loop whose branches mispredict on every point.
func XY(x, y uint32) uint32 {
	const m = 0xFFFF
	x &= m
	y &= m
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

// Grid maps v in [lo, hi] to a cell 0..65535 in 65536 equal steps
// (hi itself falls in the last cell); 0 when the range is empty or NaN.
func Grid(v, lo, hi float64) uint32 {
	if !(hi > lo) {
		return 0
	}
	return uint32(min(65535, max(0, (v-lo)/(hi-lo)*65536)))
}
