package road

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"
	"github.com/tidwall/rtree"
)

// scanSnap is the obvious snapping SnapFunc must equal: every segment of
// every accepted routable edge, the nearest within maxM, the first in edge
// order among exact ties.
func scanSnap(g *Graph, p orb.Point, maxM float64, accept func(int32) bool) (Snap, bool) {
	if !validLonLat(p) {
		return Snap{}, false
	}
	if maxM <= 0 || math.IsNaN(maxM) {
		maxM = math.Inf(1)
	}
	kx, ky := metresPerDegree(p[1])
	bestD, bestSeg, bestE, bestT := math.Inf(1), int32(-1), int32(-1), 0.0
	for e := int32(0); int(e) < len(g.eDir); e++ {
		if g.eDir[e] == 0 || (accept != nil && !accept(e)) {
			continue
		}
		for i := g.gOff[e]; i+1 < g.gOff[e+1]; i++ {
			if d, t := segDist(p, g.gp(i), g.gp(i+1), kx, ky); d < bestD {
				bestD, bestSeg, bestE, bestT = d, i, e, t
			}
		}
	}
	if bestSeg < 0 || bestD > maxM {
		return Snap{}, false
	}
	return g.snapAt(bestE, bestSeg, bestT, bestD), true
}

// treeSnapper is the snapping of the dynamic tidwall/rtree that the packed
// index replaced, kept verbatim as a reference: it visits segments in
// increasing distance and takes the first accepted one, so it differs from
// scanSnap only in which of several segments at exactly the same distance
// it returns (the one its heap pops first).
type treeSnapper struct {
	g  *Graph
	tr *rtree.RTreeG[int32]
}

func newTreeSnapper(g *Graph) *treeSnapper {
	tr := new(rtree.RTreeG[int32])
	for e, d := range g.eDir {
		if d == 0 {
			continue
		}
		for i := g.gOff[e]; i+1 < g.gOff[e+1]; i++ {
			a, b := g.gp(i), g.gp(i+1)
			tr.Insert(
				[2]float64{math.Min(a[0], b[0]), math.Min(a[1], b[1])},
				[2]float64{math.Max(a[0], b[0]), math.Max(a[1], b[1])},
				i)
		}
	}
	return &treeSnapper{g: g, tr: tr}
}

func (r *treeSnapper) snap(p orb.Point, maxM float64, accept func(edge int32) bool) (Snap, bool) {
	g := r.g
	if !validLonLat(p) {
		return Snap{}, false
	}
	if maxM <= 0 || math.IsNaN(maxM) {
		maxM = math.Inf(1)
	}
	kx, ky := metresPerDegree(p[1])
	boxDist := func(mn, mx [2]float64) float64 {
		dx := math.Max(0, math.Max(mn[0]-p[0], p[0]-mx[0])) * kx
		dy := math.Max(0, math.Max(mn[1]-p[1], p[1]-mx[1])) * ky
		return math.Hypot(dx, dy)
	}
	var best Snap
	found := false
	r.tr.Nearby(
		func(mn, mx [2]float64, seg int32, item bool) float64 {
			if !item {
				return boxDist(mn, mx)
			}
			d, _ := segDist(p, g.gp(seg), g.gp(seg+1), kx, ky)
			return d
		},
		func(_, _ [2]float64, seg int32, d float64) bool {
			if d > maxM {
				return false
			}
			e := g.edgeOfPoint(seg)
			if accept != nil && !accept(e) {
				return true
			}
			_, t := segDist(p, g.gp(seg), g.gp(seg+1), kx, ky)
			best = g.snapAt(e, seg, t, d)
			found = true
			return false
		})
	return best, found
}

// sameSnap reports whether a and b are equal bit for bit.
func sameSnap(a, b Snap) bool {
	bits := math.Float64bits
	return a.Edge == b.Edge && bits(a.Frac) == bits(b.Frac) && bits(a.DistM) == bits(b.DistM) &&
		bits(a.Point[0]) == bits(b.Point[0]) && bits(a.Point[1]) == bits(b.Point[1])
}

// snapQueries returns n query points around g: random ones over its
// bounding box and a margin, its vertices and geometry points exactly
// (ties between the segments meeting there), segment midpoints, points
// beside segments, and points far away (another continent, the other
// hemisphere, near a pole).
func snapQueries(rng *rand.Rand, g *Graph, n int) []orb.Point {
	lo, hi := orb.Point{math.Inf(1), math.Inf(1)}, orb.Point{math.Inf(-1), math.Inf(-1)}
	for i := range int32(g.numGeom()) {
		p := g.gp(i)
		lo = orb.Point{min(lo[0], p[0]), min(lo[1], p[1])}
		hi = orb.Point{max(hi[0], p[0]), max(hi[1], p[1])}
	}
	w, h := hi[0]-lo[0], hi[1]-lo[1]
	far := []orb.Point{{lo[0] + 30, lo[1] - 20}, {-170, -60}, {lo[0], 89.9}, {179.99, hi[1]}, {lo[0] - 0.5, lo[1] - 0.5}}
	qs := append([]orb.Point(nil), far...)
	for len(qs) < n {
		switch k := rng.IntN(6); {
		case k < 2:
			qs = append(qs, orb.Point{lo[0] - 0.1*w + 1.2*w*rng.Float64(), lo[1] - 0.1*h + 1.2*h*rng.Float64()})
		case k == 2:
			qs = append(qs, g.gp(int32(rng.IntN(g.numGeom()))))
		case k == 3 && len(g.pts) > 0:
			qs = append(qs, g.pts[rng.IntN(len(g.pts))])
		default:
			i := int32(rng.IntN(g.numGeom() - 1))
			a, b := g.gp(i), g.gp(i+1)
			t, off := rng.Float64(), 0.0
			if k == 5 {
				off = (rng.Float64() - 0.5) * 2e-3 // about ±100 m beside it
			}
			qs = append(qs, orb.Point{a[0] + t*(b[0]-a[0]) - off*(b[1]-a[1]), a[1] + t*(b[1]-a[1]) + off*(b[0]-a[0])})
		}
	}
	return qs
}

// checkSnaps compares SnapFunc with scanSnap, bit for bit, for every query
// under several filters and limits: no limit, a random one, the exact
// distance of the answer (inclusive) and the float just below it. It also
// compares with the former tidwall/rtree snapping and returns how many
// answers differed from it, each verified to be a tie: an exact one, or a
// near one whose former answer was farther by rounding.
func checkSnaps(tb testing.TB, g *Graph, qs []orb.Point, seed uint64) (compared, ties, nearTies int) {
	tb.Helper()
	rng := rand.New(rand.NewPCG(seed, 99))
	old := newTreeSnapper(g)
	filters := []struct {
		name   string
		accept func(int32) bool
	}{
		{"all", nil},
		{"odd edges", func(e int32) bool { return e%2 == 1 }},
		{"largest component", func(e int32) bool { return g.Component(g.eFrom[e]) == 0 }},
		{"none", func(int32) bool { return false }},
	}
	for _, f := range filters {
		for _, p := range qs {
			// The scan's answer within a limit is its answer without
			// one, if no farther than the limit.
			nearest, found := scanSnap(g, p, 0, f.accept)
			limits := []float64{0, math.NaN(), -1, 500 * rng.Float64()}
			if found {
				limits = append(limits, nearest.DistM, math.Nextafter(nearest.DistM, 0))
			}
			for _, maxM := range limits {
				want, wantOK := nearest, found
				if maxM > 0 && nearest.DistM > maxM {
					want, wantOK = Snap{}, false
				}
				got, gotOK := g.SnapFunc(p, maxM, f.accept)
				compared++
				if gotOK != wantOK || (gotOK && !sameSnap(got, want)) {
					tb.Fatalf("%s, query %v, max %v: got %+v %v, scan %+v %v", f.name, p, maxM, got, gotOK, want, wantOK)
				}
			}
			if !found {
				continue // the former R-tree would walk all of itself
			}
			// The former R-tree, without limit.
			prev, prevOK := old.snap(p, 0, f.accept)
			if prevOK != found {
				tb.Fatalf("%s, query %v: scan %+v %v, former R-tree %+v %v", f.name, p, nearest, found, prev, prevOK)
			}
			if !sameSnap(nearest, prev) {
				// Only a tie may differ: an accepted routable edge at the
				// same distance, later in edge order, or farther by
				// rounding (the former R-tree's box distances had no
				// margin: a node could come out an ulp behind a segment
				// it holds).
				if prev.DistM < nearest.DistM || prev.DistM-nearest.DistM > 1e-12*math.Max(1, nearest.DistM) ||
					(prev.DistM == nearest.DistM && prev.Edge < nearest.Edge) ||
					!g.Routable(prev.Edge) || (f.accept != nil && !f.accept(prev.Edge)) {
					tb.Fatalf("%s, query %v: scan %+v, former R-tree %+v (not a tie)", f.name, p, nearest, prev)
				}
				if prev.DistM == nearest.DistM {
					ties++
				} else {
					nearTies++
				}
			}
		}
	}
	return compared, ties, nearTies
}

func TestSnapIndexMatchesScan(t *testing.T) {
	for _, tc := range []struct {
		name   string
		seed   uint64
		n      int
		twoWay bool
		dup    bool // every fifth edge repeated with the same geometry
	}{
		{"small", 1, 40, false, false},
		{"one-ways", 2, 1500, false, false},
		{"two-way", 3, 800, true, false},
		{"overlapping ways", 4, 600, false, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			rng := rand.New(rand.NewPCG(tc.seed, 7))
			vs, es := randomGraph(rng, tc.n, tc.twoWay)
			if tc.dup {
				for i := 0; i < len(es); i += 5 {
					es = append(es, es[i])
				}
			}
			g := mustBuild(t, Car, vs, es)
			checkSegIndex(t, g)
			compared, ties, near := checkSnaps(t, g, snapQueries(rng, g, 300), tc.seed)
			t.Logf("%d snaps compared; the former R-tree differed on %d exact ties and %d near ties", compared, ties, near)
		})
	}
}

func TestSnapIndexEmpty(t *testing.T) {
	vs := []orb.Point{at(0, 0), at(100, 0)}
	g := mustBuild(t, Car, vs, []EdgeSpec{handEdge(vs, 0, 1, 100, false, false, 5)})
	if s, ok := g.Snap(at(50, 0), 0); ok {
		t.Fatalf("snapped to %+v on a graph without routable edge", s)
	}
	g = mustBuild(t, Car, nil, nil)
	if s, ok := g.Snap(at(50, 0), 0); ok {
		t.Fatalf("snapped to %+v on an empty graph", s)
	}
}

// checkSegIndex checks the packed index's invariants: every segment of
// every routable edge once, each level segNode times smaller than the one
// below it, and each node box holding the points of its segments and the
// boxes of its children.
func checkSegIndex(tb testing.TB, g *Graph) {
	tb.Helper()
	g.segsOnce.Do(g.buildSegs)
	checkSameAsRef(tb, g)
	ix := g.segs
	want := 0
	for e, d := range g.eDir {
		if d != 0 {
			want += int(g.gOff[e+1] - g.gOff[e] - 1)
		}
	}
	if len(ix.segs) != want {
		tb.Fatalf("%d segments indexed, want %d", len(ix.segs), want)
	}
	seen := make(map[int32]bool, want)
	for _, s := range ix.segs {
		e := g.edgeOfPoint(s)
		if seen[s] || g.eDir[e] == 0 || s+1 >= g.gOff[e+1] {
			tb.Fatalf("segment %d (edge %d) repeated or not a routable segment", s, e)
		}
		seen[s] = true
	}
	if want == 0 {
		return
	}
	inside := func(b box32, p orb.Point) bool {
		return float64(b.minX) <= p[0] && p[0] <= float64(b.maxX) && float64(b.minY) <= p[1] && p[1] <= float64(b.maxY)
	}
	for k := 0; k+1 < len(ix.lvl); k++ {
		level := ix.boxes[ix.lvl[k]:ix.lvl[k+1]]
		below := len(ix.segs)
		if k > 0 {
			below = int(ix.lvl[k] - ix.lvl[k-1])
		}
		if len(level) != (below+segNode-1)/segNode {
			tb.Fatalf("level %d has %d nodes over %d entries", k, len(level), below)
		}
		for j, b := range level {
			for c := j * segNode; c < min((j+1)*segNode, below); c++ {
				if k == 0 {
					s := ix.segs[c]
					if !inside(b, g.gp(s)) || !inside(b, g.gp(s+1)) {
						tb.Fatalf("leaf node %d %v does not hold segment %d", j, b, s)
					}
					continue
				}
				cb := ix.boxes[int(ix.lvl[k-1])+c]
				if cb.minX < b.minX || cb.minY < b.minY || cb.maxX > b.maxX || cb.maxY > b.maxY {
					tb.Fatalf("level %d node %d %v does not hold child %v", k, j, b, cb)
				}
			}
		}
	}
	if n := len(ix.lvl); ix.lvl[n-1]-ix.lvl[n-2] != 1 {
		tb.Fatalf("%d top nodes", ix.lvl[n-1]-ix.lvl[n-2])
	}
}

func TestOutwardRounding(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for range 100000 {
		x := (rng.Float64() - 0.5) * 360
		if x > 90*rng.Float64() {
			x = math.Round(x*1e7) / 1e7 // OSM's grid
		}
		lo, hi := down32(x), up32(x)
		if float64(lo) > x || float64(hi) < x || (hi != lo && hi != math.Nextafter32(lo, float32(math.Inf(1)))) {
			t.Fatalf("%v rounded to [%v, %v]", x, lo, hi)
		}
	}
	for _, x := range []float64{0, -180, 180, 90, -90, 0.5, 7.4227405} {
		if lo, hi := down32(x), up32(x); float64(lo) > x || float64(hi) < x {
			t.Fatalf("%v rounded to [%v, %v]", x, lo, hi)
		}
	}
}
