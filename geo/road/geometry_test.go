package road

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/paulmach/orb"
)

func TestToFix(t *testing.T) {
	for _, tc := range []struct {
		x  float64
		n  int32
		ok bool
	}{
		{0, 0, true},
		{7.4227405, 74227405, true},
		{-179.9999999, -1799999999, true},
		{180, 1800000000, true},
		{42.5, 425000000, true},
		{7.422740500000001, 0, false}, // a decoder's product, not the quotient
		{math.Copysign(0, -1), 0, false},
		{1e-8, 0, false},
		{300, 0, false}, // beyond int32
		{math.NaN(), 0, false},
	} {
		n, ok := toFix(tc.x)
		if ok != tc.ok || (ok && n != tc.n) {
			t.Errorf("toFix(%v) = %d, %v; want %d, %v", tc.x, n, ok, tc.n, tc.ok)
		}
	}
	// Every integer of the range round-trips (a sample).
	rng := rand.New(rand.NewPCG(1, 1))
	for range 200000 {
		n := int32(rng.IntN(3600000001) - 1800000000)
		if m, ok := toFix(fromFix(n)); !ok || m != n {
			t.Fatalf("%d → %v → %d, %v", n, fromFix(n), m, ok)
		}
	}
}

// onGrid returns the graph's vertices and edges with every coordinate
// moved to the 1e-7 degree grid, as an OSM reader decodes it.
func onGrid(vs []orb.Point, es []EdgeSpec) ([]orb.Point, []EdgeSpec) {
	snap := func(p orb.Point) orb.Point {
		return orb.Point{fromFix(int32(math.Round(p[0] * 1e7))), fromFix(int32(math.Round(p[1] * 1e7)))}
	}
	vs = slices.Clone(vs)
	for i := range vs {
		vs[i] = snap(vs[i])
	}
	es = slices.Clone(es)
	for i := range es {
		geom := slices.Clone(es[i].Geometry)
		for k := range geom {
			geom[k] = snap(geom[k])
		}
		geom[0], geom[len(geom)-1] = vs[es[i].From], vs[es[i].To]
		es[i].Geometry = geom
		es[i].LengthM = geodesicLength(geom)
	}
	return vs, es
}

// TestCompactGeometry checks that a graph on the 1e-7 grid holds its
// geometry as integers and gives back the input's values bit for bit
// (Arrays, Edge, PointAt, snaps), the same as a graph holding float64
// points; and that a graph with one point off the grid keeps float64.
func TestCompactGeometry(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 22))
	vs, es := onGrid(randomGraph(rng, 600, false))
	g := mustBuild(t, Car, vs, es)
	if g.gFix == nil {
		t.Fatal("geometry on the 1e-7 grid is not compact")
	}
	// The same graph holding float64 points.
	wide := mustBuild(t, Car, vs, es)
	wide.gPts, wide.gFix = wide.Arrays().Geometry, nil
	if err := wide.Validate(); err != nil {
		t.Fatal(err)
	}
	var want []orb.Point
	for _, e := range es {
		want = append(want, e.Geometry...)
	}
	bitsEqual := func(a, b []orb.Point) bool {
		if len(a) != len(b) {
			return false
		}
		for i := range a {
			if math.Float64bits(a[i][0]) != math.Float64bits(b[i][0]) || math.Float64bits(a[i][1]) != math.Float64bits(b[i][1]) {
				return false
			}
		}
		return true
	}
	if !bitsEqual(g.Arrays().Geometry, want) || !bitsEqual(wide.gPts, want) {
		t.Fatal("Arrays().Geometry differs from the input")
	}
	for e := range int32(len(es)) {
		if !bitsEqual(g.Edge(e).Geometry, es[e].Geometry) {
			t.Fatalf("edge %d geometry %v, input %v", e, g.Edge(e).Geometry, es[e].Geometry)
		}
		for _, f := range []float64{0, 0.25, rng.Float64(), 1} {
			a, _ := g.PointAt(e, f)
			b, _ := wide.PointAt(e, f)
			if !bitsEqual([]orb.Point{a}, []orb.Point{b}) {
				t.Fatalf("PointAt(%d, %v) = %v, float64 graph %v", e, f, a, b)
			}
		}
	}
	for _, p := range snapQueries(rng, g, 400) {
		a, okA := g.Snap(p, 0)
		b, okB := wide.Snap(p, 0)
		if okA != okB || !sameSnap(a, b) {
			t.Fatalf("query %v: %+v, float64 graph %+v", p, a, b)
		}
	}
	if g.MemoryBytes() >= wide.MemoryBytes() {
		t.Errorf("MemoryBytes %d, float64 graph %d", g.MemoryBytes(), wide.MemoryBytes())
	}
	// Arrays of a compact graph rebuild the same graph.
	h, err := FromArrays(g.Arrays())
	if err != nil || h.gFix == nil || !slices.Equal(h.gFix, g.gFix) {
		t.Fatalf("FromArrays(Arrays()): %v, compact %v", err, h != nil && h.gFix != nil)
	}

	// One point off the grid (inside an edge): float64 kept as given.
	es[3].Geometry = slices.Clone(es[3].Geometry)
	es[3].Geometry = slices.Insert(es[3].Geometry, 1, orb.Point{es[3].Geometry[0][0] + 1e-9, es[3].Geometry[0][1]})
	off := mustBuild(t, Car, vs, es)
	if off.gFix != nil || off.gPts[off.gOff[3]+1] != es[3].Geometry[1] {
		t.Fatal("geometry off the grid was made compact")
	}
}
