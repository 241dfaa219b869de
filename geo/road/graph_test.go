package road

import (
	"errors"
	"math"
	"math/rand/v2"
	"reflect"
	"runtime"
	"testing"

	"github.com/paulmach/orb"
)

func TestBuildRejects(t *testing.T) {
	vs := []orb.Point{at(0, 0), at(100, 0)}
	good := func() EdgeSpec { return handEdge(vs, 0, 1, 100, true, true, 50) }
	for _, tc := range []struct {
		name   string
		vs     []orb.Point
		edit   func(e *EdgeSpec)
		kind   string
		reason string
	}{
		{name: "vertex NaN", vs: []orb.Point{{math.NaN(), 50}, vs[1]}, kind: "vertex"},
		{name: "vertex lat 95", vs: []orb.Point{{2.8, 95}, vs[1]}, kind: "vertex"},
		{name: "from out of range", edit: func(e *EdgeSpec) { e.From = 2 }},
		{name: "to negative", edit: func(e *EdgeSpec) { e.To = -1 }},
		{name: "negative length", edit: func(e *EdgeSpec) { e.LengthM = -1 }},
		{name: "infinite length", edit: func(e *EdgeSpec) { e.LengthM = math.Inf(1) }},
		{name: "NaN length", edit: func(e *EdgeSpec) { e.LengthM = math.NaN() }},
		{name: "zero speed", edit: func(e *EdgeSpec) { e.SpeedKmh = 0 }},
		{name: "NaN speed", edit: func(e *EdgeSpec) { e.SpeedKmh = math.NaN() }},
		{name: "travel time beyond float32", edit: func(e *EdgeSpec) { e.SpeedKmh = 1e-300 }},
		{name: "one-point geometry", edit: func(e *EdgeSpec) { e.Geometry = e.Geometry[:1] }},
		{name: "geometry point out of range", edit: func(e *EdgeSpec) {
			e.Geometry = orb.LineString{vs[0], {200, 0}, vs[1]}
		}},
		{name: "geometry not ending at To", edit: func(e *EdgeSpec) { e.Geometry[1] = at(100, 1) }},
		{name: "length in km", edit: func(e *EdgeSpec) { e.LengthM = 0.1 }},
		{name: "length far too long", edit: func(e *EdgeSpec) { e.LengthM = 150 }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v := vs
			if tc.vs != nil {
				v = tc.vs
			}
			e := good()
			if tc.edit != nil {
				tc.edit(&e)
			}
			e.WayID = 77
			_, err := Build(Car, v, []EdgeSpec{good(), e})
			var ie *InputError
			if !errors.Is(err, ErrInvalid) || !errors.As(err, &ie) {
				t.Fatalf("got %v, want an *InputError wrapping ErrInvalid", err)
			}
			want := tc.kind
			if want == "" {
				want = "edge"
			}
			if ie.Kind != want {
				t.Errorf("kind %q, want %q (%v)", ie.Kind, want, err)
			}
			if want == "edge" && (ie.Index != 1 || ie.WayID != 77) {
				t.Errorf("edge index %d way %d, want 1 and 77 (%v)", ie.Index, ie.WayID, err)
			}
		})
	}
	if _, err := Build("", vs, nil); !errors.Is(err, ErrInvalid) {
		t.Errorf("empty profile: %v, want ErrInvalid", err)
	}
}

func TestBuildAccepts(t *testing.T) {
	vs := []orb.Point{at(0, 0), at(0, 0), at(100, 0)}
	g := mustBuild(t, Foot, vs, []EdgeSpec{
		handEdge(vs, 0, 1, 0, true, true, 5),                                                   // coincident OSM nodes
		handEdge(vs, 1, 2, 100, false, false, 5),                                               // not routable for this profile
		handEdge(vs, 2, 2, 2*math.Hypot(50, 30)+60, true, false, 5, at(150, 30), at(150, -30)), // loop
	})
	if g.Routable(1) || !g.Routable(0) || !g.Routable(2) || g.Routable(3) || g.Routable(-1) {
		t.Error("Routable disagrees with the edge directions")
	}
	// Edge 1 does not connect: components {0,1} and {2}.
	if n, largest := g.Components(); n != 2 || largest != 2 {
		t.Errorf("Components() = %d, %d; want 2, 2", n, largest)
	}
	ws := NewWorkspace(g)
	if err := g.Nearest(ws, []Snap{{Edge: 0, Frac: 1}}, Search{}); err != nil {
		t.Fatal(err)
	}
	if r, ok := ws.Cost(Snap{Edge: 0, Frac: 0.5}); !ok || r.LengthM != 0 {
		t.Errorf("zero-length edge: %+v %v, want 0 m", r, ok)
	}
	if _, ok := ws.Cost(Snap{Edge: 1, Frac: 0.5}); ok {
		t.Error("a target on a non-routable edge was reached")
	}
}

func TestEdgeAccessors(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	vs, es := randomGraph(rng, 100, false)
	g := mustBuild(t, Bicycle, vs, es)
	if g.NumVertices() != len(vs) || g.NumEdges() != len(es) || g.Profile() != Bicycle {
		t.Fatalf("sizes %d/%d profile %q", g.NumVertices(), g.NumEdges(), g.Profile())
	}
	for e := range es {
		if got := g.Edge(int32(e)); !reflect.DeepEqual(got, es[e]) {
			t.Fatalf("Edge(%d) = %+v, want %+v", e, got, es[e])
		}
		if want := es[e].LengthM * 3.6 / es[e].SpeedKmh; g.EdgeTimeS(int32(e)) != want {
			t.Fatalf("EdgeTimeS(%d) = %v, want %v", e, g.EdgeTimeS(int32(e)), want)
		}
	}
	for v := range vs {
		if g.Vertex(int32(v)) != vs[v] {
			t.Fatalf("Vertex(%d) differs", v)
		}
	}
}

func TestValidateDetectsDamage(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	vs, es := randomGraph(rng, 200, false)
	for _, tc := range []struct {
		name   string
		damage func(g *Graph)
	}{
		{"direction", func(g *Graph) { g.eDir[0] ^= dirBackward }},
		{"component", func(g *Graph) { g.comp[0] = int32(g.compCount - 1) }},
		{"time", func(g *Graph) { g.eTime[2]++ }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g := mustBuild(t, Car, vs, es)
			tc.damage(g)
			if err := g.Validate(); !errors.Is(err, ErrInvalid) {
				t.Errorf("Validate() = %v, want ErrInvalid", err)
			}
		})
	}
}

func TestPointAt(t *testing.T) {
	vs := []orb.Point{at(0, 0), at(100, 0)}
	g := mustBuild(t, Foot, vs, []EdgeSpec{handEdge(vs, 0, 1, 300, true, true, 5, at(50, 0), at(50, 100), at(100, 100))})
	// Geometry: 50 m east, 100 m north, 50 m east, 100 m south = 300 m.
	for _, tc := range []struct {
		frac float64
		want orb.Point
	}{
		{0, at(0, 0)}, {1.0 / 6, at(50, 0)}, {1.0 / 3, at(50, 50)}, {0.5, at(50, 100)}, {5.0 / 6, at(100, 50)}, {1, at(100, 0)},
		{-1, at(0, 0)}, {2, at(100, 0)},
	} {
		got, ok := g.PointAt(0, tc.frac)
		if !ok || segmentM(got, tc.want) > 0.01 {
			t.Errorf("PointAt(0, %v) = %v, want %v (%.3f m off)", tc.frac, got, tc.want, segmentM(got, tc.want))
		}
	}
	if _, ok := g.PointAt(1, 0.5); ok {
		t.Error("PointAt on a missing edge succeeded")
	}
}

// TestMemoryBytes checks the estimate against the live heap a graph and
// its snapping index actually hold.
func TestMemoryBytes(t *testing.T) {
	vs, es := gridSpecs(200, 5)
	grew, keep := heapGrowth(func() any {
		g, err := Build(Car, vs, es)
		if err != nil {
			t.Fatal(err)
		}
		g.Snap(vs[0], 0) // builds the snapping index
		return g
	})
	runtime.KeepAlive(vs) // else freed during the measure, offsetting it
	runtime.KeepAlive(es)
	g := keep.(*Graph)
	est := g.MemoryBytes()
	t.Logf("estimate %d B, measured %d B (%.2f)", est, grew, float64(est)/float64(grew))
	if r := float64(est) / float64(grew); r < 0.8 || r > 1.25 {
		t.Errorf("MemoryBytes = %d, live heap grew by %d (ratio %.2f), want within 0.8–1.25", est, grew, r)
	}
}

// A zero-length edge given as -0 (IEEE negative zero, whose bits would sort
// after every positive cost) must not delay the seed on it.
func TestNegativeZeroLength(t *testing.T) {
	a, c, d := orb.Point{0, 0}, orb.Point{0.00001, 0}, orb.Point{0.0005, 0}
	vs := []orb.Point{a, a, c, d}
	line := func(p, q orb.Point) orb.LineString { return orb.LineString{p, q} }
	es := []EdgeSpec{
		{From: 0, To: 1, LengthM: math.Copysign(0, -1), Forward: true, Backward: true, SpeedKmh: 50, Geometry: line(a, a)},
		{From: 1, To: 2, LengthM: polylineM(line(a, c)), Forward: true, Backward: true, SpeedKmh: 50, Geometry: line(a, c)},
		{From: 2, To: 3, LengthM: polylineM(line(c, d)), Forward: true, Backward: true, SpeedKmh: 50, Geometry: line(c, d)},
	}
	g, err := Build(Car, vs, es)
	if err != nil {
		t.Fatal(err)
	}
	if l := g.Edge(0).LengthM; math.Signbit(l) {
		t.Errorf("edge 0 keeps length %v", l)
	}
	ws := NewWorkspace(g)
	for _, w := range []Weight{Length, Time} {
		if err := g.Nearest(ws, []Snap{{Edge: 0, Frac: 0.5}, {Edge: 2, Frac: 0.1}}, Search{Weight: w}); err != nil {
			t.Fatal(err)
		}
		r, ok := ws.VertexCost(2)
		if want := polylineM(line(a, c)); !ok || r.Seed != 0 || math.Abs(r.LengthM-want) > 1e-6 {
			t.Errorf("%v: vertex C %+v, want seed 0 at %.3f m", w, r, want)
		}
	}
}

// The slowest speed Build accepts still gives a graph whose hierarchies
// build and whose searches find the edge's time: 100 m at 1e-35 km/h is
// 3.6·10³⁷ s, within float32.
func TestSlowestSpeedHasHierarchy(t *testing.T) {
	vs := []orb.Point{at(0, 0), at(100, 0)}
	e := handEdge(vs, 0, 1, 100, true, true, 1e-35)
	g, err := Build(Car, vs, []EdgeSpec{e})
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []Weight{Time, Length} {
		if err := g.BuildHierarchy(w); err != nil {
			t.Fatalf("%v: %v", w, err)
		}
	}
	ws := NewWorkspace(g)
	if err := g.Nearest(ws, []Snap{{Edge: 0, Frac: 1}}, Search{Weight: Time}); err != nil {
		t.Fatal(err)
	}
	r, ok := ws.Cost(Snap{Edge: 0, Frac: 0})
	want := float64(float32(100 * 3.6 / 1e-35))
	if !ok || math.Abs(r.TimeS-want) > want*g.RoundingBound() {
		t.Fatalf("cost %+v %v, want %g s", r, ok, want)
	}
}
