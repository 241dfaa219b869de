package hilbert

import (
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"

	curve "github.com/partons/partons/geo/internal/hilbert"
)

// TestHilbertCurve checks that curve.XY walks the 64 × 64 corner block of
// its grid first, visiting every cell once and stepping between cells that
// share a side, which is what makes it a locality-preserving numbering.
func TestHilbertCurve(t *testing.T) {
	const side = 64
	cells := make([][2]int, side*side)
	seen := make([]bool, side*side)
	for x := range side {
		for y := range side {
			d := curve.XY(uint32(x), uint32(y))
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

// hilbertLoop is the textbook bit-by-bit conversion (Wikipedia, "Hilbert
// curve", xy2d), the reference for the branch-free curve.XY.
func hilbertLoop(x, y uint32) uint32 {
	var d uint32
	for s := uint32(1 << 15); s > 0; s >>= 1 {
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
				x, y = s-1-x, s-1-y
			}
			x, y = y, x
		}
	}
	return d
}

func TestHilbertMatchesTextbook(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 200000 {
		x, y := uint32(rng.IntN(65536)), uint32(rng.IntN(65536))
		if i < 4 { // the corners
			x, y = uint32(i&1)*65535, uint32(i>>1)*65535
		}
		if got, want := curve.XY(x, y), hilbertLoop(x, y); got != want {
			t.Fatalf("curve.XY(%d, %d) = %d, textbook %d", x, y, got, want)
		}
	}
}

// TestOrder checks that Order gives inverse permutations that follow the
// curve: on a 4 × 4 grid of points given row by row, the numbers are those
// of curve.XY at the cells' scaled corners, and ties keep the input order.
func TestOrder(t *testing.T) {
	var pts []orb.Point
	for y := range 4 {
		for x := range 4 {
			pts = append(pts, orb.Point{float64(x), float64(y)})
		}
	}
	pts = append(pts, pts[5]) // a tie with point 5
	inner, outer := Order(pts)
	for i, k := range inner {
		if outer[k] != int32(i) {
			t.Fatalf("outer is not the inverse of inner at %d", i)
		}
	}
	for k := 1; k < len(outer); k++ {
		a, b := pts[outer[k-1]], pts[outer[k]]
		ka := curve.XY(uint32(a[0]/3*65535), uint32(a[1]/3*65535))
		kb := curve.XY(uint32(b[0]/3*65535), uint32(b[1]/3*65535))
		if ka > kb || (ka == kb && outer[k-1] > outer[k]) {
			t.Fatalf("numbers %d and %d out of curve order", k-1, k)
		}
	}
	if inner[16] != inner[5]+1 {
		t.Errorf("the tie with point 5 is numbered %d, want %d", inner[16], inner[5]+1)
	}
	if in, out := Order(nil); len(in) != 0 || len(out) != 0 {
		t.Error("Order(nil) is not empty")
	}
}
