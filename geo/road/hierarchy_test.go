package road

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"
)

// withHierarchies builds both hierarchies of g with opts.
func withHierarchies(tb testing.TB, g *Graph, opts ...HierarchyOption) *Graph {
	tb.Helper()
	for _, w := range []Weight{Length, Time} {
		if err := g.BuildHierarchy(w, opts...); err != nil {
			tb.Fatal(err)
		}
		if !g.HasHierarchy(w) {
			tb.Fatalf("no hierarchy for %v after BuildHierarchy", w)
		}
		if err := g.ix.CheckHierarchies(); err != nil {
			tb.Fatal(err)
		}
	}
	return g
}

// cores are the hierarchies every exactness test runs on: no core, the
// whole graph as core, and a core of a third of the junctions of g
// (CoreSize; the synthetic and OSM test graphs never get dense enough for
// CoreDegree to stop early).
func cores(g *Graph) map[string][]HierarchyOption {
	return map[string][]HierarchyOption{
		"core none":  {CoreDegree(0)},
		"core all":   {CoreSize(g.NumVertices())},
		"core third": {CoreDegree(0), CoreSize(g.ix.Junctions() / 3)},
	}
}

// checkCore checks that the hierarchies of g have the core named by
// cores.
func checkCore(tb testing.TB, g *Graph, name string) {
	tb.Helper()
	want := map[string]int{"core none": 0, "core all": g.ix.Junctions(), "core third": g.ix.Junctions() / 3}[name]
	for _, w := range []Weight{Length, Time} {
		if got := g.HierarchyCore(w); got != want {
			tb.Fatalf("%s: the %v hierarchy's core is %d junctions, want %d", name, w, got, want)
		}
		// Arcs are counted once: a core's are listed at both ends, the
		// others once.
		arcs, sc, entries, _ := g.ix.HierarchySizes(w == Time)
		if a, s := g.HierarchySizes(w); a != arcs || s != sc {
			tb.Fatalf("%s: Graph.HierarchySizes %d, %d; the index's %d, %d", name, a, s, arcs, sc)
		}
		switch {
		case want == 0 && entries != arcs:
			tb.Fatalf("%s: no core, %d arcs listed as %d entries", name, arcs, entries)
		case want == g.ix.Junctions() && (sc != 0 || entries != 2*arcs):
			tb.Fatalf("%s: all core, %d arcs (%d shortcuts) listed as %d entries; want no shortcut, each arc twice", name, arcs, sc, entries)
		case entries < arcs || entries > 2*arcs:
			tb.Fatalf("%s: %d arcs listed as %d entries", name, arcs, entries)
		}
	}
}

// TestHierarchyHandGraphs runs hand-computed cases on graphs with
// hierarchies, with and without a core: one-ways around a square, a
// one-way dead end, parallel edges where length and time choose
// differently, cutoffs and legs.
func TestHierarchyHandGraphs(t *testing.T) {
	for name, opts := range cores(squareGraph(t)) {
		t.Run(name, func(t *testing.T) { handGraphs(t, name, opts) })
	}
}

func handGraphs(t *testing.T, name string, opts []HierarchyOption) {
	atVertex0 := Snap{Edge: 3, Frac: 1}
	sq := withHierarchies(t, squareGraph(t), opts...)
	checkCore(t, sq, name)
	runCostCases(t, sq, []costCase{
		{name: "around the square", seeds: []Snap{atVertex0}, target: Snap{Edge: 0, Frac: 0.5}, ok: true, lengthM: 350, timeS: 35},
		{name: "around by time", seeds: []Snap{atVertex0}, search: Search{Weight: Time}, target: Snap{Edge: 0, Frac: 0.5}, ok: true, lengthM: 350, timeS: 35},
		{name: "origins: direct", seeds: []Snap{atVertex0}, search: Search{Origins: true}, target: Snap{Edge: 0, Frac: 0.5},
			ok: true, lengthM: 50, timeS: 5},
		{name: "same edge against flow", seeds: []Snap{{Edge: 0, Frac: 0.3}}, target: Snap{Edge: 0, Frac: 0.7}, ok: true, lengthM: 360, timeS: 36},
		{name: "into one-way dead end", seeds: []Snap{{Edge: 4, Frac: 0.5}}, target: Snap{Edge: 2, Frac: 0.5}},
		{name: "out of one-way dead end", seeds: []Snap{{Edge: 2, Frac: 0.5}}, target: Snap{Edge: 4, Frac: 0.5}, ok: true, lengthM: 200, timeS: 20},
		{name: "cutoff", seeds: []Snap{atVertex0}, search: Search{Cutoff: 349}, target: Snap{Edge: 0, Frac: 0.5}},
		{name: "legs", seeds: []Snap{{Edge: 2, Frac: 0.5, DistM: 20}}, search: Search{LegSpeedKmh: 3.6},
			target: Snap{Edge: 4, Frac: 0.5, DistM: 10}, ok: true, lengthM: 230, timeS: 50},
		{name: "tie goes to the lower seed", seeds: []Snap{{Edge: 2, Frac: 1}, {Edge: 1, Frac: 0}}, target: Snap{Edge: 4, Frac: 0},
			ok: true, seed: 0, lengthM: 200, timeS: 20},
	})
	vs := []orb.Point{at(0, 0), at(100, 0)}
	bend := at(50, math.Sqrt(75*75-50*50))
	g := withHierarchies(t, mustBuild(t, Car, vs, []EdgeSpec{
		handEdge(vs, 0, 1, 100, true, true, 36),
		handEdge(vs, 0, 1, 150, true, true, 108, bend),
	}), opts...)
	seeds := []Snap{{Edge: 0, Frac: 1}}
	runCostCases(t, g, []costCase{
		{name: "shortest takes the lane", seeds: seeds, target: Snap{Edge: 0, Frac: 0}, ok: true, lengthM: 100, timeS: 10},
		{name: "fastest takes the bypass", seeds: seeds, search: Search{Weight: Time}, target: Snap{Edge: 0, Frac: 0},
			ok: true, lengthM: 150, timeS: 5},
	})
}

// compareHierarchy checks a search on g's hierarchy against Dijkstra
// (Exact) for every vertex and target: both reach the same points (but
// within the bound of the cutoff), their costs differ by at most
// g.RoundingBound() relatively, and the seed the hierarchy reports costs,
// alone, within the bound of the best. It returns the targets reached and
// the largest relative difference seen.
func compareHierarchy(t testing.TB, g *Graph, seeds, targets []Snap, s Search) (reached int, maxRel float64) {
	t.Helper()
	if !g.HasHierarchy(s.Weight) {
		t.Fatalf("no hierarchy for %v", s.Weight)
	}
	bound := g.RoundingBound()
	ex := s
	ex.Exact = true
	wh, wd := NewWorkspace(g), NewWorkspace(g)
	if err := g.Nearest(wh, seeds, s); err != nil {
		t.Fatal(err)
	}
	if err := g.Nearest(wd, seeds, ex); err != nil {
		t.Fatal(err)
	}
	if want := !s.ClosedBorders; wh.UsedHierarchy() != want || wd.UsedHierarchy() {
		t.Fatalf("searches on the hierarchy: %v and %v (Exact), want %v and false", wh.UsedHierarchy(), wd.UsedHierarchy(), want)
	}
	alone := map[int32]*Workspace{} // Dijkstra from one seed
	aloneCost := func(seed int32, cost func(*Workspace) (Result, bool)) (Result, bool) {
		w := alone[seed]
		if w == nil {
			w = NewWorkspace(g)
			if err := g.Nearest(w, seeds[seed:seed+1], ex); err != nil {
				t.Fatal(err)
			}
			alone[seed] = w
		}
		return cost(w)
	}
	near := func(a, b float64) bool {
		d := math.Abs(a - b)
		if m := math.Max(math.Abs(a), math.Abs(b)); m > 0 {
			maxRel = math.Max(maxRel, d/m)
		}
		return d <= bound*math.Max(math.Abs(a), math.Abs(b))
	}
	check := func(what string, cost func(*Workspace) (Result, bool)) bool {
		h, okH := cost(wh)
		d, okD := cost(wd)
		if okH != okD {
			r := h
			if okD {
				r = d
			}
			if s.Cutoff > 0 && near(primary(r, s.Weight), s.Cutoff) {
				return false // on the cutoff within the bound
			}
			t.Fatalf("%s: hierarchy %+v %v, Dijkstra %+v %v", what, h, okH, d, okD)
		}
		if !okH {
			return false
		}
		if !near(primary(h, s.Weight), primary(d, s.Weight)) {
			t.Fatalf("%s: hierarchy %+v, Dijkstra %+v: beyond the bound %g", what, h, d, bound)
		}
		if h.Seed == d.Seed && !near(secondary(h, s.Weight), secondary(d, s.Weight)) {
			t.Fatalf("%s: secondary: hierarchy %+v, Dijkstra %+v: beyond the bound %g", what, h, d, bound)
		}
		if h.Seed != d.Seed {
			a, ok := aloneCost(h.Seed, cost)
			if !ok || !near(primary(a, s.Weight), primary(d, s.Weight)) {
				t.Fatalf("%s: hierarchy chose seed %d (%+v), alone it costs %+v %v; best %+v", what, h.Seed, h, a, ok, d)
			}
		}
		return true
	}
	for k, tg := range targets {
		if check(fmt.Sprintf("target %d %+v", k, tg), func(w *Workspace) (Result, bool) { return w.Cost(tg) }) {
			reached++
		}
	}
	for v := range int32(g.NumVertices()) {
		check(fmt.Sprintf("vertex %d", v), func(w *Workspace) (Result, bool) { return w.VertexCost(v) })
	}
	return reached, maxRel
}

// TestHierarchyMatchesDijkstra compares PHAST with Dijkstra on random
// graphs with chains, one-ways, parallel edges and loops, for every
// vertex and target, and with the gonum oracle.
func TestHierarchyMatchesDijkstra(t *testing.T) {
	for _, tc := range []struct {
		n      int
		seed   uint64
		twoWay bool
	}{
		{60, 1, false}, {400, 2, false}, {700, 3, true}, {1500, 4, false},
	} {
		rng := rand.New(rand.NewPCG(tc.seed, 17))
		vs, es := chainGraph(rng, tc.n, tc.twoWay)
		g := withChains(t, mustBuild(t, Car, vs, es))
		services := randomSnaps(rng, g, max(3, tc.n/50), nil)
		villages := append(randomSnaps(rng, g, 200, nil), chainNeighbours(g, services)...)
		for i := range villages {
			if i%2 == 0 {
				villages[i].DistM = 40 * rng.Float64()
			}
		}
		for core, opts := range cores(g) {
			withHierarchies(t, g, opts...)
			checkCore(t, g, core)
			for _, s := range []Search{
				{Weight: Length}, {Weight: Time}, {Weight: Length, Origins: true}, {Weight: Time, Origins: true},
				{Weight: Length, Cutoff: 2500}, {Weight: Time, Cutoff: 150, Origins: true},
				{Weight: Time, LegSpeedKmh: 5},
			} {
				t.Run(fmt.Sprintf("n=%d/oneway=%v/%s/%+v", tc.n, !tc.twoWay, core, s), func(t *testing.T) {
					r, rel := compareHierarchy(t, g, services, villages, s)
					want := len(villages) / 4
					if s.Cutoff > 0 {
						want = 5
					}
					if r < want {
						t.Fatalf("only %d of %d targets reached", r, len(villages))
					}
					t.Logf("%d targets reached, largest relative difference %.3g (bound %.3g)", r, rel, g.RoundingBound())
					if tc.n <= 400 && s.LegSpeedKmh == 0 {
						checkAgainstOracle(t, g, es, services, villages, s)
					}
				})
			}
		}
	}
}

// TestHierarchyKeepsDijkstra checks that closed-border and Exact searches
// on a graph with hierarchies give Dijkstra's results bit for bit, and
// that labels rebuild the hierarchies.
func TestHierarchyKeepsDijkstra(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 5))
	vs, es := chainGraph(rng, 300, false)
	g := withChains(t, mustBuild(t, Car, vs, es))
	plain := withChains(t, mustBuild(t, Car, vs, es))
	labels := make([]uint8, len(vs))
	for v, p := range vs {
		labels[v] = 1 + uint8(p[0]*100)%2
	}
	for _, x := range []*Graph{g, plain} {
		if err := x.SetVertexLabels(labels); err != nil {
			t.Fatal(err)
		}
	}
	withHierarchies(t, g)
	if err := g.SetVertexLabels(labels); err != nil { // rebuilds them
		t.Fatal(err)
	}
	if err := g.ix.CheckHierarchies(); err != nil || !g.HasHierarchy(Time) {
		t.Fatalf("after SetVertexLabels: %v, hierarchy %v", err, g.HasHierarchy(Time))
	}
	services := randomSnaps(rng, g, 6, nil)
	villages := randomSnaps(rng, g, 100, nil)
	for _, s := range []Search{{Weight: Time, ClosedBorders: true}, {Weight: Length, Exact: true}, {Weight: Time, Origins: true, Exact: true}} {
		a, b := NewWorkspace(g), NewWorkspace(plain)
		if err := g.Nearest(a, services, s); err != nil {
			t.Fatal(err)
		}
		if err := plain.Nearest(b, services, s); err != nil {
			t.Fatal(err)
		}
		for _, v := range villages {
			ra, oka := a.Cost(v)
			rb, okb := b.Cost(v)
			if ra != rb || oka != okb {
				t.Fatalf("%+v: with hierarchy %+v %v, without %+v %v", s, ra, oka, rb, okb)
			}
		}
	}
	if r, _ := compareHierarchy(t, g, services, villages, Search{Weight: Time}); r == 0 {
		t.Fatal("no village reached on the rebuilt hierarchy")
	}
}

// TestHierarchyRelabel: labels that leave the junction graph as it was
// keep a hierarchy as it is (built or restored); labels that change it
// rebuild a built hierarchy and drop a restored one; DropHierarchy drops.
func TestHierarchyRelabel(t *testing.T) {
	rng := rand.New(rand.NewPCG(6, 6))
	vs, es := chainGraph(rng, 300, false)
	sides := make([]uint8, len(vs))
	for v, p := range vs {
		sides[v] = 1 + uint8(p[0]*100)%2
	}
	renamed := make([]uint8, len(vs)) // the same partition under other values
	for v, l := range sides {
		renamed[v] = 10 - l
	}
	built := withChains(t, mustBuild(t, Car, vs, es))
	if err := built.SetVertexLabels(sides); err != nil {
		t.Fatal(err)
	}
	if err := built.BuildHierarchy(Time); err != nil {
		t.Fatal(err)
	}
	want, _ := built.HierarchyArrays(Time)
	restored := withChains(t, mustBuild(t, Car, vs, es))
	if err := restored.SetVertexLabels(sides); err != nil {
		t.Fatal(err)
	}
	if err := restored.SetHierarchyArrays(Time, want); err != nil {
		t.Fatal(err)
	}
	for name, g := range map[string]*Graph{"built": built, "restored": restored} {
		before := g.ix.Hierarchy(true)
		if err := g.SetVertexLabels(renamed); err != nil {
			t.Fatal(err)
		}
		if g.ix.Hierarchy(true) != before || !g.HasHierarchy(Time) {
			t.Errorf("%s: renamed labels did not keep the hierarchy", name)
		}
		if err := g.SetVertexLabels(nil); err != nil { // chains no longer stop at the sides
			t.Fatal(err)
		}
		if err := g.ix.CheckHierarchies(); err != nil {
			t.Fatal(err)
		}
		if got := g.HasHierarchy(Time); got != (name == "built") {
			t.Errorf("%s: after labels changing the junctions, hierarchy %v", name, got)
		}
		if name == "built" {
			if g.ix.Hierarchy(true) == before || Junctions(g) == len(want.Vert) {
				t.Errorf("built: not rebuilt on %d junctions (had %d)", Junctions(g), len(want.Vert))
			}
			g.DropHierarchy(Time)
			ws := NewWorkspace(g)
			if err := g.Nearest(ws, randomSnaps(rng, g, 3, nil), Search{Weight: Time}); err != nil {
				t.Fatal(err)
			}
			if g.HasHierarchy(Time) || ws.UsedHierarchy() {
				t.Error("built: searches still on the hierarchy after DropHierarchy")
			}
		}
	}
}
