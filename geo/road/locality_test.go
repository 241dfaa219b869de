package road

import (
	"testing"
)

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
	hil := near(func(v int32) int32 { return g.ix.JunctionOf(v) })
	t.Logf("edges with ends within 8 numbers: %.2f internal, %.2f row order", hil, row)
	if !(hil > row+0.15) {
		t.Errorf("edges with ends within 8 numbers: %.2f internal, %.2f row order; want clearly more internally", hil, row)
	}
}
