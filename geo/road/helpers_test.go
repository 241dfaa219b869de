package road

import (
	"cmp"
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"testing"

	"github.com/partons/partons/geo/geodesic"
	"github.com/paulmach/orb"
	"gonum.org/v1/gonum/graph/path"
	"gonum.org/v1/gonum/graph/simple"
)

// origin anchors the hand-made graphs in Ypres.
var origin = orb.Point{2.885, 50.851}

// at returns the lon/lat of the point x metres east and y metres north of
// origin, in the local projection used by the package.
func at(x, y float64) orb.Point {
	kx, ky := metresPerDegree(origin[1])
	return orb.Point{origin[0] + x/kx, origin[1] + y/ky}
}

// handEdge is an edge of a hand-made graph with an exact length.
func handEdge(vs []orb.Point, from, to int32, lengthM float64, fwd, bwd bool, kmh float64, via ...orb.Point) EdgeSpec {
	geom := orb.LineString{vs[from]}
	geom = append(geom, via...)
	geom = append(geom, vs[to])
	return EdgeSpec{From: from, To: to, LengthM: lengthM, Forward: fwd, Backward: bwd, SpeedKmh: kmh, Geometry: geom}
}

func mustBuild(tb testing.TB, p Profile, vs []orb.Point, es []EdgeSpec) *Graph {
	tb.Helper()
	g, err := Build(p, vs, es)
	if err != nil {
		tb.Fatalf("Build: %v", err)
	}
	if err := g.Validate(); err != nil {
		tb.Fatalf("Validate: %v", err)
	}
	return g
}

// geodesicLength sums the project's geodesic distance over a polyline.
func geodesicLength(ls orb.LineString) float64 {
	var s float64
	for i := 1; i < len(ls); i++ {
		s += geodesic.Distance(ls[i-1], ls[i])
	}
	return s
}

// randomGraph returns n vertices in a 20 km box with about 2n edges of 2 to
// 4 points, including parallel edges, self-loops, isolated vertices,
// one-ways (unless twoWay) and a few non-routable edges.
func randomGraph(rng *rand.Rand, n int, twoWay bool) ([]orb.Point, []EdgeSpec) {
	vs := make([]orb.Point, n)
	for i := range vs {
		vs[i] = orb.Point{2.6 + 0.28*rng.Float64(), 50.8 + 0.18*rng.Float64()}
	}
	// Index order follows longitude so that nearby ids are nearby places.
	slices.SortFunc(vs, func(a, b orb.Point) int { return cmp.Compare(a[0], b[0]) })
	jitter := func(p orb.Point) orb.Point {
		return orb.Point{p[0] + 0.002*(rng.Float64()-0.5), p[1] + 0.002*(rng.Float64()-0.5)}
	}
	var es []EdgeSpec
	// parallel edges get a bent geometry so that shortest paths stay unique
	// and the secondary quantity along them is well defined.
	seen := map[[2]int32]bool{}
	add := func(a, b int32, parallel bool) {
		pair := [2]int32{min(a, b), max(a, b)}
		parallel = parallel || seen[pair]
		seen[pair] = true
		geom := orb.LineString{vs[a]}
		k := rng.IntN(3)
		if parallel {
			k++
		}
		for ; k > 0; k-- {
			geom = append(geom, jitter(vs[a]))
		}
		if a == b && len(geom) == 1 {
			geom = append(geom, jitter(vs[a]), jitter(vs[a]))
		}
		geom = append(geom, vs[b])
		e := EdgeSpec{From: a, To: b, LengthM: geodesicLength(geom), SpeedKmh: 5 + 85*rng.Float64(),
			Geometry: geom, WayID: int64(len(es) + 1), Forward: true, Backward: true}
		if !twoWay {
			switch r := rng.Float64(); {
			case r < 0.15:
				e.Backward = false
			case r < 0.27:
				e.Forward = false
			case r < 0.30:
				e.Forward, e.Backward = false, false
			}
		}
		es = append(es, e)
	}
	live := n - n/50 // the last ids stay isolated
	for i := 1; i < live; i++ {
		add(int32(i), int32(max(0, i-1-rng.IntN(6))), false)
	}
	for k := 0; k < live; k++ {
		a := rng.IntN(live)
		b := min(live-1, max(0, a+rng.IntN(21)-10))
		add(int32(a), int32(b), false)
		if rng.Float64() < 0.05 {
			add(int32(a), int32(b), true)
		}
	}
	return vs, es
}

// randomSnaps returns snaps on random routable edges: random fractions, and
// exact ends in a quarter of the cases.
func randomSnaps(rng *rand.Rand, g *Graph, k int, ok func(e int32) bool) []Snap {
	var out []Snap
	for len(out) < k {
		e := int32(rng.IntN(g.NumEdges()))
		if !g.Routable(e) || (ok != nil && !ok(e)) {
			continue
		}
		f := rng.Float64()
		switch rng.IntN(8) {
		case 0:
			f = 0
		case 1:
			f = 1
		}
		out = append(out, Snap{Edge: e, Frac: f})
	}
	return out
}

// oracle is an independent model of the search: every edge is split at the
// snapped points lying on it into a chain of gonum nodes, so partial edges,
// one-ways and points sharing an edge follow from plain graph structure.
type oracle struct {
	g         *simple.WeightedDirectedGraph
	secondary map[[2]int64]float64
	nv        int
}

// newOracle builds the chain graph for edges (EdgeSpec input, not the
// Graph) with node nv+k for pts[k]. reverse flips every arc.
func newOracle(nv int, es []EdgeSpec, pts []Snap, byTime, reverse bool) *oracle {
	type w2 struct{ p, s float64 }
	arcs := map[[2]int64]w2{}
	put := func(x, y int64, p, s float64) {
		if x == y {
			return // gonum's simple graphs reject self-loops; they never help
		}
		if reverse {
			x, y = y, x
		}
		k := [2]int64{x, y}
		if old, ok := arcs[k]; !ok || p < old.p || (p == old.p && s < old.s) {
			arcs[k] = w2{p, s} // keep the cheapest parallel arc
		}
	}
	onEdge := map[int32][]int{}
	for k, p := range pts {
		onEdge[p.Edge] = append(onEdge[p.Edge], k)
	}
	for e, sp := range es {
		if !sp.Forward && !sp.Backward {
			continue
		}
		l, t := sp.LengthM, sp.LengthM*3.6/sp.SpeedKmh
		if byTime {
			l, t = t, l
		}
		ks := onEdge[int32(e)]
		sort.SliceStable(ks, func(i, j int) bool { return pts[ks[i]].Frac < pts[ks[j]].Frac })
		nodes := []int64{int64(sp.From)}
		fracs := []float64{0}
		for _, k := range ks {
			nodes = append(nodes, int64(nv+k))
			fracs = append(fracs, pts[k].Frac)
		}
		nodes = append(nodes, int64(sp.To))
		fracs = append(fracs, 1)
		for i := 1; i < len(nodes); i++ {
			x, y, df := nodes[i-1], nodes[i], fracs[i]-fracs[i-1]
			if df == 0 && (i > 1 || i < len(nodes)-1) {
				// Coincident points are one place: both ways, free.
				put(x, y, 0, 0)
				put(y, x, 0, 0)
				continue
			}
			if sp.Forward {
				put(x, y, df*l, df*t)
			}
			if sp.Backward {
				put(y, x, df*l, df*t)
			}
		}
	}
	o := &oracle{g: simple.NewWeightedDirectedGraph(0, math.Inf(1)), secondary: map[[2]int64]float64{}, nv: nv}
	for i := 0; i < nv+len(pts); i++ {
		o.g.AddNode(simple.Node(int64(i)))
	}
	for k, w := range arcs {
		o.g.SetWeightedEdge(o.g.NewWeightedEdge(simple.Node(k[0]), simple.Node(k[1]), w.p))
		o.secondary[k] = w.s
	}
	return o
}

// from runs gonum's Dijkstra from snapped point k.
func (o *oracle) from(k int) path.Shortest {
	return path.DijkstraFrom(simple.Node(int64(o.nv+k)), o.g)
}

// secondaryTo sums the secondary weight along the shortest path to point k.
func (o *oracle) secondaryTo(sh path.Shortest, k int) float64 {
	p, _ := sh.To(int64(o.nv + k))
	var s float64
	for i := 1; i < len(p); i++ {
		s += o.secondary[[2]int64{p[i-1].ID(), p[i].ID()}]
	}
	return s
}

func closeTo(got, want float64) bool {
	return math.Abs(got-want) <= 1e-6*math.Max(math.Abs(want), 1)
}
