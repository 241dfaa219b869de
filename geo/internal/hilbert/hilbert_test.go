package hilbert

import (
	"math/rand/v2"
	"testing"
)

// xy2d is the classic loop (Wikipedia "Hilbert curve") on the n × n grid,
// n a power of two: the oracle for XY.
func xy2d(n, x, y uint32) uint32 {
	var d uint32
	for s := n / 2; s > 0; s /= 2 {
		var rx, ry uint32
		if x&s != 0 {
			rx = 1
		}
		if y&s != 0 {
			ry = 1
		}
		d += s * s * ((3 * rx) ^ ry)
		if ry == 0 {
			if rx == 1 {
				x, y = n-1-x, n-1-y
			}
			x, y = y, x
		}
	}
	return d
}

// TestXYSmallGrid: on every cell of the bottom-left 256 × 256 corner of
// the grid, which the curve fills first, XY agrees with the loop and
// numbers the cells 0..65535 once each.
func TestXYSmallGrid(t *testing.T) {
	seen := make([]bool, 1<<16)
	for x := uint32(0); x < 256; x++ {
		for y := uint32(0); y < 256; y++ {
			got, want := XY(x, y), xy2d(1<<16, x, y)
			if got != want {
				t.Fatalf("XY(%d, %d) = %d, want %d", x, y, got, want)
			}
			if got >= 1<<16 || seen[got] {
				t.Fatalf("XY(%d, %d) = %d: out of the corner or repeated", x, y, got)
			}
			seen[got] = true
		}
	}
}

// TestXYRandom: XY agrees with the loop on random cells of the full grid
// and on its corners and edges.
func TestXYRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	cells := [][2]uint32{{0, 0}, {65535, 0}, {0, 65535}, {65535, 65535}, {32767, 32768}, {32768, 32767}}
	for range 1 << 20 {
		cells = append(cells, [2]uint32{r.Uint32N(1 << 16), r.Uint32N(1 << 16)})
	}
	for _, c := range cells {
		if got, want := XY(c[0], c[1]), xy2d(1<<16, c[0], c[1]); got != want {
			t.Fatalf("XY(%d, %d) = %d, want %d", c[0], c[1], got, want)
		}
	}
}

// TestXYEnds: hand-checked ends of the curve: it starts at the origin, its
// second cell is (1, 0) (16 levels: the 2 × 2 curve transposed) and it ends at (65535, 0).
func TestXYEnds(t *testing.T) {
	for _, tc := range []struct{ x, y, d uint32 }{
		{0, 0, 0}, {1, 0, 1}, {1, 1, 2}, {0, 1, 3}, {65535, 0, 1<<32 - 1},
	} {
		if got := XY(tc.x, tc.y); got != tc.d {
			t.Errorf("XY(%d, %d) = %d, want %d", tc.x, tc.y, got, tc.d)
		}
	}
}

func TestGrid(t *testing.T) {
	for _, tc := range []struct {
		v, lo, hi float64
		want      uint32
	}{
		{0, 0, 1, 0}, {1, 0, 1, 65535}, {0.5, 0, 1, 32768}, {-1, 0, 1, 0}, {2, 0, 1, 65535},
		{3, 3, 3, 0}, {1.0 / 65536, 0, 1, 1},
	} {
		if got := Grid(tc.v, tc.lo, tc.hi); got != tc.want {
			t.Errorf("Grid(%v, %v, %v) = %d, want %d", tc.v, tc.lo, tc.hi, got, tc.want)
		}
	}
}

func BenchmarkXY(b *testing.B) {
	var s uint32
	for i := range b.N {
		s += XY(uint32(i)*2654435761>>16, uint32(i)*40503)
	}
	_ = s
}

func BenchmarkXY2d(b *testing.B) {
	var s uint32
	for i := range b.N {
		s += xy2d(1<<16, uint32(i)*2654435761>>16, uint32(i)*40503)
	}
	_ = s
}

// TestHilbertCurve checks that XY walks the 64 × 64 corner block of
// its grid first, visiting every cell once and stepping between cells that
// share a side, which is what makes it a locality-preserving numbering.
func TestHilbertCurve(t *testing.T) {
	const side = 64
	cells := make([][2]int, side*side)
	seen := make([]bool, side*side)
	for x := range side {
		for y := range side {
			d := XY(uint32(x), uint32(y))
			if d >= side*side || seen[d] {
				t.Fatalf("cell (%d,%d) at %d: out of the block or visited twice", x, y, d)
			}
			seen[d] = true
			cells[d] = [2]int{x, y}
		}
	}
	for d := 1; d < len(cells); d++ {
		a, b := cells[d-1], cells[d]
		if dx, dy := a[0]-b[0], a[1]-b[1]; dx*dx+dy*dy != 1 {
			t.Fatalf("step %d: (%d,%d) → (%d,%d) is not to a neighbouring cell", d, a[0], a[1], b[0], b[1])
		}
	}
}
