package road

import (
	"math/rand/v2"
	"testing"
)

// TestHilbertCurve checks that hilbert16 walks the 64 × 64 corner block of
// its grid first, visiting every cell once and stepping between cells that
// share a side, which is what makes it a locality-preserving numbering.
func TestHilbertCurve(t *testing.T) {
	const side = 64
	cells := make([][2]int, side*side)
	seen := make([]bool, side*side)
	for x := range side {
		for y := range side {
			d := hilbert16(uint32(x), uint32(y))
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

// TestLocalityPermutation checks the internal numbering of a built graph:
// a permutation that Validate accepts, neighbours on the benchmark grid
// more often close in internal numbers than in row order, and API vertex
// ids unchanged (vertex v is still the v-th input point).
func TestLocalityPermutation(t *testing.T) {
	vs, es := gridSpecs(64, 3)
	g, err := Build(Car, vs, es)
	if err != nil {
		t.Fatal(err)
	}
	if err := g.Validate(); err != nil {
		t.Fatal(err)
	}
	for v := range vs {
		if g.Vertex(int32(v)) != vs[v] {
			t.Fatalf("Vertex(%d) = %v, want %v", v, g.Vertex(int32(v)), vs[v])
		}
	}
	// Share of edges whose ends are within 8 numbers (a cache line or two
	// of vertex state apart): about half in row order (the horizontal ones).
	near := func(num func(int32) int32) float64 {
		n := 0
		for _, e := range es {
			if d := num(e.From) - num(e.To); d >= -8 && d <= 8 {
				n++
			}
		}
		return float64(n) / float64(len(es))
	}
	row := near(func(v int32) int32 { return v })
	hil := near(func(v int32) int32 { return g.jid[v] })
	t.Logf("edges with ends within 8 numbers: %.2f internal, %.2f row order", hil, row)
	if !(hil > row+0.15) {
		t.Errorf("edges with ends within 8 numbers: %.2f internal, %.2f row order; want clearly more internally", hil, row)
	}
}

// hilbertLoop is the textbook bit-by-bit conversion (Wikipedia, "Hilbert
// curve", xy2d), the reference for the branch-free hilbert16.
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
		if got, want := hilbert16(x, y), hilbertLoop(x, y); got != want {
			t.Fatalf("hilbert16(%d, %d) = %d, textbook %d", x, y, got, want)
		}
	}
}
