package search

import (
	"math"
	"testing"

	"github.com/paulmach/orb"
)

// grid returns the edges of an n × n grid, 100 m between neighbours at
// 36 km/h, every fifth edge one-way, with chains along the border.
func grid(n int) Edges {
	var e Edges
	id := func(x, y int) int32 { return int32(y*n + x) }
	for y := range n {
		for x := range n {
			e.Pts = append(e.Pts, orb.Point{2.8 + 0.0014*float64(x), 50.8 + 0.0009*float64(y)})
		}
	}
	add := func(a, b int32) {
		d := DirForward | DirBackward
		if len(e.From)%5 == 4 {
			d = DirForward
		}
		e.From, e.To, e.Dir = append(e.From, a), append(e.To, b), append(e.Dir, d)
		e.LengthM, e.TimeS = append(e.LengthM, 100), append(e.TimeS, 10)
	}
	for y := range n {
		for x := range n {
			if x+1 < n {
				add(id(x, y), id(x+1, y))
			}
			if y+1 < n && (x == 0 || x == n-1 || y%2 == 0) {
				add(id(x, y), id(x, y+1))
			}
		}
	}
	return e
}

// line is a-b-c-d, three two-way edges of 100 m at 36 km/h: one chain.
func line() Edges {
	return Edges{
		Pts:  []orb.Point{{2.8, 50.8}, {2.8014, 50.8}, {2.8028, 50.8}, {2.8042, 50.8}},
		From: []int32{0, 1, 2}, To: []int32{1, 2, 3},
		LengthM: []float64{100, 100, 100}, TimeS: []float64{10, 10, 10},
		Dir: []uint8{3, 3, 3},
	}
}

func TestWorkspaceEpochWrap(t *testing.T) {
	ix := Build(line(), true)
	if err := ix.Check(); err != nil {
		t.Fatal(err)
	}
	ws := NewWorkspace(ix)
	ix.Nearest(ws, []Point{{Edge: 0, Frac: 0}}, Query{}, nil)
	ws.epoch = math.MaxUint32 - 5 // next search is the last before the wrap
	for i := 0; i < 3; i++ {
		ix.Nearest(ws, []Point{{Edge: 2, Frac: 1}}, Query{Cutoff: 150}, nil)
		if _, ok := ws.VertexCost(0); ok {
			t.Fatalf("search %d: vertex 0 beyond cutoff reported reached after epoch wrap", i)
		}
		if r, ok := ws.VertexCost(2); !ok || math.Abs(r.LengthM-100) > 1e-9 {
			t.Fatalf("search %d: vertex 2 = %+v %v, want 100 m", i, r, ok)
		}
	}
}

func TestCheckDetectsDamage(t *testing.T) {
	if err := Build(grid(8), true).Check(); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name   string
		damage func(ix *Index)
	}{
		{"reverse head", func(ix *Index) { ix.rev.arcs[5].head = (ix.rev.arcs[5].head + 1) % int32(len(ix.jvert)) }},
		{"forward weight", func(ix *Index) { ix.cW[7].l *= 1.5 }},
		{"negative weight", func(ix *Index) { ix.cW[7].t = -1 }},
		{"arc weights", func(ix *Index) { ix.fwd.arcs[7].timeS++ }},
		{"offsets", func(ix *Index) { ix.fwd.off[3], ix.fwd.off[4] = ix.fwd.off[4], ix.fwd.off[3]+1 }},
		{"missing arc", func(ix *Index) { ix.rev.arcs = ix.rev.arcs[:len(ix.rev.arcs)-1] }},
		{"direction", func(ix *Index) { ix.Dir[0] ^= DirBackward }},
		{"chain edge", func(ix *Index) { ix.eAt[3] = -1 }},
		{"labels", func(ix *Index) { ix.slabels = make([]uint8, len(ix.jvert)) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ix := Build(grid(8), true)
			if ix.NumChains() >= len(ix.cEdge) {
				t.Fatal("the grid has no chain of several edges")
			}
			tc.damage(ix)
			if err := ix.Check(); err == nil {
				t.Error("Check() = nil, want an error")
			}
		})
	}
}
