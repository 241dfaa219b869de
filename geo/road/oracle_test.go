package road

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/partons/partons/geo/geodesic"
	"gonum.org/v1/gonum/graph/path"
)

// primary and secondary return the minimised and the other quantity.
func primary(r Result, w Weight) float64 {
	if w == Time {
		return r.TimeS
	}
	return r.LengthM
}

func secondary(r Result, w Weight) float64 {
	if w == Time {
		return r.LengthM
	}
	return r.TimeS
}

// checkAgainstOracle runs one multi-source search on g and compares every
// target and every vertex with gonum's Dijkstra on the chain graph of es.
func checkAgainstOracle(t *testing.T, g *Graph, es []EdgeSpec, seeds, targets []Snap, s Search) {
	t.Helper()
	nv := g.NumVertices()
	pts := slices.Concat(seeds, targets)
	o := newOracle(nv, es, pts, s.Weight == Time, !s.Origins)
	trees := make([]path.Shortest, len(seeds))
	for k := range seeds {
		trees[k] = o.from(k)
	}
	cutoff := s.Cutoff
	if cutoff <= 0 {
		cutoff = math.Inf(1)
	}
	ws := NewWorkspace(g)
	if err := g.Nearest(ws, seeds, s); err != nil {
		t.Fatal(err)
	}
	best := func(node int64) float64 {
		b := math.Inf(1)
		for _, tr := range trees {
			b = math.Min(b, tr.WeightTo(node))
		}
		return b
	}
	reached := 0
	for j, tg := range targets {
		node := int64(nv + len(seeds) + j)
		want := best(node)
		r, ok := ws.Cost(tg)
		if math.Abs(want-cutoff) < 1e-6*cutoff {
			continue // too close to the cutoff to call
		}
		if ok != (want <= cutoff && !math.IsInf(want, 1)) {
			t.Fatalf("target %d %+v: reached %v, oracle cost %v (cutoff %v)", j, tg, ok, want, cutoff)
		}
		if !ok {
			continue
		}
		reached++
		if got := primary(r, s.Weight); !closeTo(got, want) {
			t.Fatalf("target %d %+v: cost %.9f, oracle %.9f", j, tg, got, want)
		}
		if w := trees[r.Seed].WeightTo(node); !closeTo(w, want) {
			t.Fatalf("target %d: chosen seed %d costs %.9f in the oracle, best %.9f", j, r.Seed, w, want)
		}
		if got, want := secondary(r, s.Weight), o.secondaryTo(trees[r.Seed], len(seeds)+j); !closeTo(got, want) {
			t.Fatalf("target %d: secondary %.9f along the chosen path, oracle %.9f", j, got, want)
		}
	}
	for v := 0; v < nv; v++ {
		want := best(int64(v))
		r, ok := ws.VertexCost(int32(v))
		if math.Abs(want-cutoff) < 1e-6*cutoff {
			continue
		}
		if ok != (want <= cutoff && !math.IsInf(want, 1)) || (ok && !closeTo(primary(r, s.Weight), want)) {
			t.Fatalf("vertex %d: %+v %v, oracle %v", v, r, ok, want)
		}
	}
	if len(targets) > 0 && reached == 0 && math.IsInf(cutoff, 1) {
		t.Fatal("no target reached: the test graph is too sparse to prove anything")
	}
}

func TestNearestMatchesGonum(t *testing.T) {
	for _, tc := range []struct {
		n      int
		seed   uint64
		twoWay bool
	}{
		{50, 1, false}, {300, 2, false}, {2000, 3, false}, {400, 4, true},
	} {
		rng := rand.New(rand.NewPCG(tc.seed, 99))
		vs, es := randomGraph(rng, tc.n, tc.twoWay)
		g := mustBuild(t, Car, vs, es)
		services := randomSnaps(rng, g, max(3, tc.n/80), nil)
		villages := randomSnaps(rng, g, 80, nil)
		// Villages sharing an edge with a service, before and after it.
		for _, s := range services[:3] {
			villages = append(villages, Snap{Edge: s.Edge, Frac: s.Frac / 2}, Snap{Edge: s.Edge, Frac: (1 + s.Frac) / 2}, s)
		}
		for _, s := range []Search{
			{Weight: Length}, {Weight: Time}, {Weight: Length, Origins: true}, {Weight: Time, Origins: true},
			{Weight: Length, Cutoff: 4000}, {Weight: Time, Cutoff: 300, Origins: true},
		} {
			t.Run(fmt.Sprintf("n=%d/oneway=%v/%v/origins=%v/cutoff=%v", tc.n, !tc.twoWay, s.Weight, s.Origins, s.Cutoff), func(t *testing.T) {
				checkAgainstOracle(t, g, es, services, villages, s)
			})
		}
	}
}

func TestClosedBordersMatchGonum(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	n := 600
	vs, es := randomGraph(rng, n, false)
	labels := make([]uint8, n)
	for v := range labels {
		switch {
		case v%7 == 0:
			labels[v] = 0 // unknown country
		case v < n/2:
			labels[v] = 1
		default:
			labels[v] = 2
		}
	}
	crossing := func(e int) bool {
		a, b := labels[es[e].From], labels[es[e].To]
		return a != 0 && b != 0 && a != b
	}
	// With snaps off crossing edges, a closed border is the same as
	// removing the crossing edges.
	open := slices.Clone(es)
	removed := 0
	for e := range open {
		if crossing(e) && (open[e].Forward || open[e].Backward) {
			open[e].Forward, open[e].Backward = false, false
			removed++
		}
	}
	if removed == 0 {
		t.Fatal("no crossing edge in the test graph")
	}
	g := mustBuild(t, Car, vs, es)
	if err := g.SetVertexLabels(labels); err != nil {
		t.Fatal(err)
	}
	cut := mustBuild(t, Car, vs, open)
	notCrossing := func(e int32) bool { return !crossing(int(e)) }
	services := randomSnaps(rng, g, 8, notCrossing)
	villages := randomSnaps(rng, g, 100, notCrossing)
	for _, s := range []Search{{Weight: Length}, {Weight: Time, Origins: true}} {
		closed := s
		closed.ClosedBorders = true
		t.Run(fmt.Sprintf("%v/origins=%v", s.Weight, s.Origins), func(t *testing.T) {
			checkAgainstOracle(t, g, open, services, villages, closed)
			wsClosed, wsCut := NewWorkspace(g), NewWorkspace(cut)
			if err := g.Nearest(wsClosed, services, closed); err != nil {
				t.Fatal(err)
			}
			if err := cut.Nearest(wsCut, services, s); err != nil {
				t.Fatal(err)
			}
			differ := 0
			wsOpen := NewWorkspace(g)
			if err := g.Nearest(wsOpen, services, s); err != nil {
				t.Fatal(err)
			}
			for _, v := range villages {
				a, _ := wsClosed.Cost(v)
				b, _ := wsCut.Cost(v)
				if a != b {
					t.Fatalf("village %+v: closed %+v, crossings removed %+v", v, a, b)
				}
				if c, _ := wsOpen.Cost(v); c != a {
					differ++
				}
			}
			if differ == 0 {
				t.Error("closing the border changed nothing: the test proves nothing")
			}
		})
	}
}

// TestRoadNotShorterThanGeodesic: a road trip between two vertices is at
// least the geodesic between them (edge lengths are geodesic sums).
func TestRoadNotShorterThanGeodesic(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	vs, es := randomGraph(rng, 800, false)
	g := mustBuild(t, Car, vs, es)
	services := randomSnaps(rng, g, 10, nil)
	for i := range services {
		services[i].Frac = math.Round(services[i].Frac) // at a vertex
	}
	pt := func(s Snap) (p [2]float64) {
		q, _ := g.PointAt(s.Edge, s.Frac)
		return q
	}
	for _, w := range []Weight{Length, Time} {
		ws := NewWorkspace(g)
		if err := g.Nearest(ws, services, Search{Weight: w}); err != nil {
			t.Fatal(err)
		}
		checked := 0
		for v := range vs {
			r, ok := ws.VertexCost(int32(v))
			if !ok {
				continue
			}
			crow := geodesic.Distance(vs[v], pt(services[r.Seed]))
			if r.LengthM < crow*(1-1e-6)-1e-6 {
				t.Fatalf("%v: vertex %d is %.3f m by road from seed %d but %.3f m as the crow flies", w, v, r.LengthM, r.Seed, crow)
			}
			checked++
		}
		if checked < len(vs)/4 {
			t.Fatalf("only %d vertices reached", checked)
		}
	}
}

// cost returns the cost from x to y, or +Inf.
func cost(t *testing.T, g *Graph, ws *Workspace, x, y Snap, s Search) float64 {
	t.Helper()
	if err := g.Nearest(ws, []Snap{y}, s); err != nil {
		t.Fatal(err)
	}
	r, ok := ws.Cost(x)
	if !ok {
		return math.Inf(1)
	}
	return primary(r, s.Weight)
}

func TestTriangleInequality(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	vs, es := randomGraph(rng, 500, false)
	g := mustBuild(t, Car, vs, es)
	services := randomSnaps(rng, g, 6, nil)
	pts := randomSnaps(rng, g, 30, nil)
	ws, wsS := NewWorkspace(g), NewWorkspace(g)
	for _, s := range []Search{{Weight: Length}, {Weight: Time}} {
		if err := g.Nearest(wsS, services, s); err != nil {
			t.Fatal(err)
		}
		toS := func(x Snap) float64 {
			if r, ok := wsS.Cost(x); ok {
				return primary(r, s.Weight)
			}
			return math.Inf(1)
		}
		finite := 0
		for i, x := range pts {
			y := pts[(i*7+3)%len(pts)]
			xy := cost(t, g, ws, x, y, s)
			if xs, ys := toS(x), toS(y); xs > xy+ys+1e-6*(xy+ys) {
				t.Fatalf("%v: d(x,S)=%v > d(x,y)=%v + d(y,S)=%v", s.Weight, xs, xy, ys)
			} else if !math.IsInf(xy+ys, 1) {
				finite++
			}
		}
		if finite == 0 {
			t.Fatal("no finite triple: the test proves nothing")
		}
	}
}

func TestSymmetryWhenTwoWay(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	vs, es := randomGraph(rng, 400, true)
	g := mustBuild(t, Foot, vs, es)
	pts := randomSnaps(rng, g, 40, nil)
	ws := NewWorkspace(g)
	for _, w := range []Weight{Length, Time} {
		for i := 0; i+1 < len(pts); i += 2 {
			x, y := pts[i], pts[i+1]
			xy := cost(t, g, ws, x, y, Search{Weight: w})
			yx := cost(t, g, ws, y, x, Search{Weight: w})
			fromY := cost(t, g, ws, x, y, Search{Weight: w, Origins: true})
			if !(math.IsInf(xy, 1) && math.IsInf(yx, 1)) && (!closeTo(xy, yx) || !closeTo(xy, fromY)) {
				t.Fatalf("%v: d(x→y)=%v, d(y→x)=%v, origins %v", w, xy, yx, fromY)
			}
		}
	}
}
