package road

import (
	"fmt"
	"github.com/partons/partons/geo/road/internal/search"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"
)

// chainGraph returns randomGraph's network with every edge split at its
// inner geometry points into edges of their own (ways meeting end to end),
// a tenth of the pieces turned one-way against their neighbours, and
// rings of vertices with two edges each and no junction.
func chainGraph(rng *rand.Rand, n int, twoWay bool) ([]orb.Point, []EdgeSpec) {
	vs, base := randomGraph(rng, n, twoWay)
	var es []EdgeSpec
	for _, e := range base {
		from := e.From
		for k := 1; k < len(e.Geometry); k++ {
			to := e.To
			if k < len(e.Geometry)-1 {
				to = int32(len(vs))
				vs = append(vs, e.Geometry[k])
			}
			p := e
			p.From, p.To = from, to
			p.Geometry = orb.LineString{e.Geometry[k-1], e.Geometry[k]}
			p.LengthM = geodesicLength(p.Geometry)
			if !twoWay && len(e.Geometry) > 2 && rng.Float64() < 0.1 {
				p.Forward, p.Backward = !p.Forward, !p.Backward
			}
			es = append(es, p)
			from = to
		}
	}
	for r := 0; r < 3; r++ {
		c := orb.Point{2.6 + 0.28*rng.Float64(), 50.8 + 0.18*rng.Float64()}
		first, k := int32(len(vs)), 4+r
		for i := 0; i < k; i++ {
			a := 2 * math.Pi * float64(i) / float64(k)
			vs = append(vs, orb.Point{c[0] + 0.003*math.Cos(a), c[1] + 0.002*math.Sin(a)})
		}
		for i := int32(0); i < int32(k); i++ {
			a, b := first+i, first+(i+1)%int32(k)
			geom := orb.LineString{vs[a], vs[b]}
			es = append(es, EdgeSpec{From: a, To: b, LengthM: geodesicLength(geom), Forward: true, Backward: twoWay || r != 1,
				SpeedKmh: 30, Geometry: geom, WayID: int64(len(es) + 1)})
		}
	}
	return vs, es
}

// withChains collapses the chains of g.
func withChains(tb testing.TB, g *Graph) *Graph {
	tb.Helper()
	g.chains = true
	g.compress()
	if err := g.Validate(); err != nil {
		tb.Fatal(err)
	}
	return g
}

// flatCopy rebuilds g without chains: the full graph.
func flatCopy(tb testing.TB, g *Graph) *Graph {
	tb.Helper()
	es := make([]EdgeSpec, g.NumEdges())
	for e := range es {
		es[e] = g.Edge(int32(e))
	}
	f, err := Build(g.profile, g.pts, es)
	if err != nil {
		tb.Fatal(err)
	}
	f.labels = g.labels
	f.chains = false
	f.compress()
	if err := f.Validate(); err != nil {
		tb.Fatal(err)
	}
	if f.ix.Junctions() <= g.ix.Junctions() {
		tb.Fatalf("the full graph has %d junctions, the compressed one %d", f.ix.Junctions(), g.ix.Junctions())
	}
	return f
}

// chainNeighbours returns, for each snap, points on the edges before and
// after its edge in its chain, so that searches meet points sharing a chain
// but not an edge.
func chainNeighbours(g *Graph, snaps []Snap) []Snap {
	var out []Snap
	for _, s := range snaps {
		chain, i := g.ix.ChainOfEdge(s.Edge)
		for _, k := range []int{i - 1, i + 1, i + 2} {
			if k >= 0 && k < len(chain) {
				e := chain[k]
				out = append(out, Snap{Edge: e, Frac: 0.25}, Snap{Edge: e, Frac: 0}, Snap{Edge: e, Frac: 1})
			}
		}
	}
	return out
}

// TestChainsMatchGonum runs the gonum oracle (on the full edge list) over
// graphs where most vertices lie inside chains.
func TestChainsMatchGonum(t *testing.T) {
	for _, tc := range []struct {
		n      int
		seed   uint64
		twoWay bool
	}{
		{40, 1, false}, {250, 2, false}, {300, 3, true},
	} {
		rng := rand.New(rand.NewPCG(tc.seed, 77))
		vs, es := chainGraph(rng, tc.n, tc.twoWay)
		g := withChains(t, mustBuild(t, Car, vs, es))
		withEdges := 0
		for v := range vs {
			if g.ix.JunctionOf(int32(v)) != search.NoJunction {
				withEdges++
			}
		}
		if g.ix.Junctions() > withEdges*3/4 {
			t.Fatalf("%d junctions among %d vertices with edges: too few chains to prove anything", g.ix.Junctions(), withEdges)
		}
		services := randomSnaps(rng, g, max(3, tc.n/40), nil)
		villages := append(randomSnaps(rng, g, 60, nil), chainNeighbours(g, services)...)
		for _, s := range []Search{
			{Weight: Length}, {Weight: Time}, {Weight: Length, Origins: true}, {Weight: Time, Origins: true},
			{Weight: Length, Cutoff: 3000}, {Weight: Time, Cutoff: 200, Origins: true},
		} {
			t.Run(fmt.Sprintf("n=%d/oneway=%v/%v/origins=%v/cutoff=%v", tc.n, !tc.twoWay, s.Weight, s.Origins, s.Cutoff), func(t *testing.T) {
				checkAgainstOracle(t, g, es, services, villages, s)
			})
		}
	}
}

// sameResult reports whether two results are the same, bit for bit.
func sameResult(a, b Result) bool { return a == b }

// compareFull checks that g and its full copy give the same result for
// every vertex and every target, and returns how many were reached.
func compareFull(t *testing.T, g, full *Graph, seeds, targets []Snap, s Search) int {
	t.Helper()
	ws, wf := NewWorkspace(g), NewWorkspace(full)
	if err := g.Nearest(ws, seeds, s); err != nil {
		t.Fatal(err)
	}
	if err := full.Nearest(wf, seeds, s); err != nil {
		t.Fatal(err)
	}
	reached := 0
	for k, tg := range targets {
		a, okA := ws.Cost(tg)
		b, okB := wf.Cost(tg)
		if okA != okB || !sameResult(a, b) {
			t.Fatalf("target %d %+v: compressed %+v %v, full %+v %v", k, tg, a, okA, b, okB)
		}
		if okA {
			reached++
		}
	}
	for v := range int32(g.NumVertices()) {
		a, okA := ws.VertexCost(v)
		b, okB := wf.VertexCost(v)
		if okA != okB || !sameResult(a, b) {
			t.Fatalf("vertex %d: compressed %+v %v, full %+v %v", v, a, okA, b, okB)
		}
	}
	// NearestFor stops early but must give the same costs to its targets.
	if err := g.NearestFor(ws, seeds, s, targets); err != nil {
		t.Fatal(err)
	}
	for k, tg := range targets {
		a, okA := ws.Cost(tg)
		b, okB := wf.Cost(tg)
		if okA != okB || !sameResult(a, b) {
			t.Fatalf("NearestFor target %d %+v: compressed %+v %v, full %+v %v", k, tg, a, okA, b, okB)
		}
	}
	return reached
}

// TestCompressedMatchesFull compares the compressed graph with the full
// one on chain graphs, with and without legs, cutoffs and closed borders.
func TestCompressedMatchesFull(t *testing.T) {
	for _, tc := range []struct {
		n      int
		seed   uint64
		twoWay bool
	}{
		{500, 11, false}, {800, 12, true},
	} {
		rng := rand.New(rand.NewPCG(tc.seed, 5))
		vs, es := chainGraph(rng, tc.n, tc.twoWay)
		g := withChains(t, mustBuild(t, Car, vs, es))
		labels := make([]uint8, len(vs))
		for v, p := range vs {
			switch {
			case v%11 == 0:
			case p[0] < 2.74:
				labels[v] = 1
			default:
				labels[v] = 2
			}
		}
		services := randomSnaps(rng, g, 12, nil)
		villages := append(randomSnaps(rng, g, 200, nil), chainNeighbours(g, services)...)
		for i := range villages {
			villages[i].DistM = 30 * rng.Float64()
		}
		for _, labelled := range []bool{false, true} {
			if labelled {
				if err := g.SetVertexLabels(labels); err != nil {
					t.Fatal(err)
				}
				if err := g.Validate(); err != nil {
					t.Fatal(err)
				}
			}
			full := flatCopy(t, g)
			t.Logf("n=%d labelled=%v: %d vertices, %d junctions, %d chains for %d edges", tc.n, labelled,
				len(vs), g.ix.Junctions(), g.ix.NumChains(), len(es))
			for _, s := range []Search{
				{Weight: Length}, {Weight: Time, Origins: true}, {Weight: Time, Cutoff: 400},
				{Weight: Length, LegSpeedKmh: 5}, {Weight: Time, ClosedBorders: labelled},
			} {
				t.Run(fmt.Sprintf("n=%d/labels=%v/%+v", tc.n, labelled, s), func(t *testing.T) {
					want := len(villages) / 4
					if s.Cutoff > 0 {
						want = 10 // the cutoff must also leave some out
					}
					if r := compareFull(t, g, full, services, villages, s); r < want || r == len(villages) {
						t.Fatalf("only %d of %d targets reached", r, len(villages))
					}
				})
			}
		}
	}
}

// TestChainBasics checks a hand-made line a–b–c–d of two-way edges 100,
// 200 and 300 m long and a branch at b: b is a junction, c lies inside the
// chain b–c–d, and costs along it are exact.
func TestChainBasics(t *testing.T) {
	vs := []orb.Point{at(0, 0), at(100, 0), at(300, 0), at(600, 0), at(100, 50)}
	es := []EdgeSpec{
		handEdge(vs, 0, 1, 100, true, true, 36),
		handEdge(vs, 1, 2, 200, true, true, 36),
		handEdge(vs, 3, 2, 300, true, true, 36), // reversed along the chain
		handEdge(vs, 1, 4, 50, true, true, 36),
	}
	g := withChains(t, mustBuild(t, Car, vs, es))
	if j := g.ix.JunctionOf(2); j >= 0 || g.ix.Junctions() != 4 || g.ix.NumChains() != 3 {
		t.Fatalf("vertex 2 has junction number %d, %d junctions, %d chains; want vertex 2 inside a chain, 4 junctions, 3 chains", j, g.ix.Junctions(), g.ix.NumChains())
	}
	ws := NewWorkspace(g)
	seed := Snap{Edge: 2, Frac: 0.5} // 150 m before d on the chain's last edge
	if err := g.Nearest(ws, []Snap{seed}, Search{Weight: Length}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		target Snap
		want   float64
	}{
		{Snap{Edge: 1, Frac: 0.5}, 250}, // same chain, other edge
		{Snap{Edge: 2, Frac: 0.9}, 120}, // same edge
		{Snap{Edge: 2, Frac: 1}, 150},   // c, as a point
		{Snap{Edge: 0, Frac: 0}, 450},   // a, through the junction b
		{Snap{Edge: 3, Frac: 1}, 400},
	} {
		if r, ok := ws.Cost(tc.target); !ok || math.Abs(r.LengthM-tc.want) > 1e-6 || math.Abs(r.TimeS-tc.want/10) > 1e-6 {
			t.Errorf("Cost(%+v) = %+v %v, want %v m, %v s", tc.target, r, ok, tc.want, tc.want/10)
		}
	}
	if r, ok := ws.VertexCost(2); !ok || math.Abs(r.LengthM-150) > 1e-6 {
		t.Errorf("VertexCost(c) = %+v %v, want 150 m", r, ok)
	}
	if r, ok := ws.VertexCost(3); !ok || math.Abs(r.LengthM-150) > 1e-6 {
		t.Errorf("VertexCost(d) = %+v %v, want 150 m", r, ok)
	}
}
