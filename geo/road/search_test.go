package road

import (
	"errors"
	"math"
	"testing"

	"github.com/paulmach/orb"
)

// lineGraph: 0 —100 m— 1 —100 m— 2 —100 m— 3 along an east-west street,
// two-way at 36 km/h (10 s per 100 m).
func lineGraph(tb testing.TB) *Graph {
	tb.Helper()
	vs := []orb.Point{at(0, 0), at(100, 0), at(200, 0), at(300, 0)}
	return mustBuild(tb, Foot, vs, []EdgeSpec{
		handEdge(vs, 0, 1, 100, true, true, 36),
		handEdge(vs, 1, 2, 100, true, true, 36),
		handEdge(vs, 2, 3, 100, true, true, 36),
	})
}

// squareGraph: 0(0,0) →1(100,0) one-way, 1–2, 2–3, 3–0 two-way, 100 m each
// at 36 km/h; plus a dead-end 4(0,-100)–0 that may only be driven 4→0.
func squareGraph(tb testing.TB) *Graph {
	tb.Helper()
	vs := []orb.Point{at(0, 0), at(100, 0), at(100, 100), at(0, 100), at(0, -100)}
	return mustBuild(tb, Car, vs, []EdgeSpec{
		handEdge(vs, 0, 1, 100, true, false, 36),
		handEdge(vs, 1, 2, 100, true, true, 36),
		handEdge(vs, 2, 3, 100, true, true, 36),
		handEdge(vs, 3, 0, 100, true, true, 36),
		handEdge(vs, 4, 0, 100, true, false, 36),
	})
}

type costCase struct {
	name      string
	seeds     []Snap
	search    Search
	target    Snap
	ok        bool
	seed      int32
	lengthM   float64
	timeS     float64
	tolerance float64
}

func runCostCases(t *testing.T, g *Graph, cases []costCase) {
	t.Helper()
	ws := NewWorkspace(g)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if err := g.Nearest(ws, tc.seeds, tc.search); err != nil {
				t.Fatal(err)
			}
			r, ok := ws.Cost(tc.target)
			if ok != tc.ok || r.Reached != ok {
				t.Fatalf("Cost ok = %v (Reached %v), want %v; result %+v", ok, r.Reached, tc.ok, r)
			}
			if !ok {
				if r != (Result{}) {
					t.Errorf("unreached result %+v, want zero", r)
				}
				return
			}
			tol := tc.tolerance
			if tol == 0 {
				tol = 1e-6 // float32 arcs: ≤ 6e-8 relative
			}
			if r.Seed != tc.seed || math.Abs(r.LengthM-tc.lengthM) > tol || math.Abs(r.TimeS-tc.timeS) > tol {
				t.Errorf("got seed %d, %.9f m, %.9f s; want seed %d, %v m, %v s", r.Seed, r.LengthM, r.TimeS, tc.seed, tc.lengthM, tc.timeS)
			}
		})
	}
}

func TestNearestLine(t *testing.T) {
	g := lineGraph(t)
	service := Snap{Edge: 1, Frac: 0.25} // 125 m from vertex 0
	runCostCases(t, g, []costCase{
		{name: "village behind", seeds: []Snap{service}, target: Snap{Edge: 0, Frac: 0.5}, ok: true, lengthM: 75, timeS: 7.5},
		{name: "village ahead", seeds: []Snap{service}, target: Snap{Edge: 2, Frac: 0.5}, ok: true, lengthM: 125, timeS: 12.5},
		{name: "village at vertex", seeds: []Snap{service}, target: Snap{Edge: 0, Frac: 1}, ok: true, lengthM: 25, timeS: 2.5},
		{name: "same edge", seeds: []Snap{service}, target: Snap{Edge: 1, Frac: 0.75}, ok: true, lengthM: 50, timeS: 5},
		{name: "same point", seeds: []Snap{service}, target: service, ok: true},
		{name: "nearest of two", seeds: []Snap{{Edge: 0, Frac: 0}, {Edge: 2, Frac: 1}}, target: Snap{Edge: 1, Frac: 0.6},
			ok: true, seed: 1, lengthM: 140, timeS: 14},
		{name: "tie goes to lower seed", seeds: []Snap{{Edge: 2, Frac: 1}, {Edge: 0, Frac: 0}}, target: Snap{Edge: 1, Frac: 0.5},
			ok: true, seed: 0, lengthM: 150, timeS: 15},
		{name: "by time", seeds: []Snap{service}, search: Search{Weight: Time}, target: Snap{Edge: 0, Frac: 0.5}, ok: true, lengthM: 75, timeS: 7.5},
		{name: "within cutoff", seeds: []Snap{service}, search: Search{Cutoff: 75}, target: Snap{Edge: 0, Frac: 0.5}, ok: true, lengthM: 75, timeS: 7.5},
		{name: "beyond cutoff", seeds: []Snap{service}, search: Search{Cutoff: 74.9}, target: Snap{Edge: 0, Frac: 0.5}},
		{name: "beyond time cutoff", seeds: []Snap{service}, search: Search{Weight: Time, Cutoff: 7}, target: Snap{Edge: 0, Frac: 0.5}},
		{name: "no seeds", target: Snap{Edge: 0, Frac: 0.5}},
		{name: "target off graph", seeds: []Snap{service}, target: Snap{Edge: 7}},
		{name: "target frac out of range", seeds: []Snap{service}, target: Snap{Edge: 0, Frac: 1.5}},
	})
	// Legs between the points and the network: 18 m at 3.6 km/h (1 m/s)
	// from the service, 30 m from the village, both in length and time;
	// they decide which seed is nearest and count against the cutoff.
	legs := Search{LegSpeedKmh: 3.6}
	far := Snap{Edge: 1, Frac: 0.25, DistM: 18}
	runCostCases(t, g, []costCase{
		{name: "legs: village behind", seeds: []Snap{far}, search: legs, target: Snap{Edge: 0, Frac: 0.5, DistM: 30},
			ok: true, lengthM: 18 + 75 + 30, timeS: 18 + 7.5 + 30},
		{name: "legs: by time", seeds: []Snap{far}, search: Search{Weight: Time, LegSpeedKmh: 3.6}, target: Snap{Edge: 0, Frac: 0.5, DistM: 30},
			ok: true, lengthM: 18 + 75 + 30, timeS: 18 + 7.5 + 30},
		{name: "legs: same edge", seeds: []Snap{far}, search: legs, target: Snap{Edge: 1, Frac: 0.75, DistM: 30},
			ok: true, lengthM: 18 + 50 + 30, timeS: 18 + 5 + 30},
		{name: "legs: same point", seeds: []Snap{far}, search: legs, target: Snap{Edge: 1, Frac: 0.25, DistM: 2},
			ok: true, lengthM: 20, timeS: 20},
		// Seed 1 is nearer along the road (60 m against 140 m) but 100 m
		// off it: seed 0 wins, 140 + 10 + 5 = 155 m against 60 + 100 + 5.
		{name: "legs: nearest counts the leg", seeds: []Snap{{Edge: 0, Frac: 0, DistM: 10}, {Edge: 2, Frac: 1, DistM: 100}}, search: legs,
			target: Snap{Edge: 1, Frac: 0.4, DistM: 5}, ok: true, seed: 0, lengthM: 155, timeS: 10 + 14 + 5},
		{name: "legs: within cutoff", seeds: []Snap{far}, search: Search{LegSpeedKmh: 3.6, Cutoff: 123}, target: Snap{Edge: 0, Frac: 0.5, DistM: 30},
			ok: true, lengthM: 123, timeS: 55.5},
		{name: "legs: beyond cutoff", seeds: []Snap{far}, search: Search{LegSpeedKmh: 3.6, Cutoff: 122.9}, target: Snap{Edge: 0, Frac: 0.5, DistM: 30}},
		{name: "legs: target without distance", seeds: []Snap{far}, search: legs, target: Snap{Edge: 0, Frac: 0.5, DistM: math.NaN()}},
		{name: "no legs: distances ignored", seeds: []Snap{far}, target: Snap{Edge: 0, Frac: 0.5, DistM: 30}, ok: true, lengthM: 75, timeS: 7.5},
	})
	ws := NewWorkspace(g)
	for _, bad := range []struct {
		seed Snap
		s    Search
		want error
	}{
		{Snap{Edge: 0, DistM: math.NaN()}, legs, ErrSnap},
		{Snap{Edge: 0, DistM: -1}, legs, ErrSnap},
		{Snap{Edge: 0}, Search{LegSpeedKmh: math.NaN()}, ErrInvalid},
		{Snap{Edge: 0}, Search{LegSpeedKmh: -5}, ErrInvalid},
	} {
		if err := g.Nearest(ws, []Snap{bad.seed}, bad.s); !errors.Is(err, bad.want) {
			t.Errorf("seed %+v, search %+v: %v, want %v", bad.seed, bad.s, err, bad.want)
		}
	}
	if err := g.Nearest(ws, []Snap{service}, Search{Cutoff: 150}); err != nil {
		t.Fatal(err)
	}
	// Vertex 0 is 125 m away, vertex 3 175 m: beyond the cutoff, unreached,
	// not a sentinel.
	if r, ok := ws.VertexCost(0); !ok || math.Abs(r.LengthM-125) > 1e-6 {
		t.Errorf("vertex 0: %+v %v, want 125 m", r, ok)
	}
	if r, ok := ws.VertexCost(3); ok || r != (Result{}) {
		t.Errorf("vertex 3 beyond cutoff: %+v %v, want unreached", r, ok)
	}
}

func TestNearestOneWaySquare(t *testing.T) {
	g := squareGraph(t)
	atVertex0 := Snap{Edge: 3, Frac: 1} // end of edge 3→0
	runCostCases(t, g, []costCase{
		// From the middle of 0→1 the village cannot turn back to 0: it
		// drives on to 1, then 1→2→3→0.
		{name: "around the square", seeds: []Snap{atVertex0}, target: Snap{Edge: 0, Frac: 0.5}, ok: true, lengthM: 350, timeS: 35},
		// The other way round 0 reaches the village directly.
		{name: "origins: direct", seeds: []Snap{atVertex0}, search: Search{Origins: true}, target: Snap{Edge: 0, Frac: 0.5},
			ok: true, lengthM: 50, timeS: 5},
		// Same one-way edge: with the flow, or all the way round.
		{name: "same edge with flow", seeds: []Snap{{Edge: 0, Frac: 0.7}}, target: Snap{Edge: 0, Frac: 0.3}, ok: true, lengthM: 40, timeS: 4},
		{name: "same edge against flow", seeds: []Snap{{Edge: 0, Frac: 0.3}}, target: Snap{Edge: 0, Frac: 0.7}, ok: true, lengthM: 360, timeS: 36},
		{name: "origins same edge", seeds: []Snap{{Edge: 0, Frac: 0.3}}, search: Search{Origins: true}, target: Snap{Edge: 0, Frac: 0.7},
			ok: true, lengthM: 40, timeS: 4},
		// Nothing enters the dead end 4→0 except at 4 itself.
		{name: "into one-way dead end", seeds: []Snap{{Edge: 4, Frac: 0.5}}, target: Snap{Edge: 2, Frac: 0.5}},
		{name: "out of one-way dead end", seeds: []Snap{{Edge: 2, Frac: 0.5}}, target: Snap{Edge: 4, Frac: 0.5}, ok: true, lengthM: 200, timeS: 20},
		// A point at Frac 0 of 4→0 is vertex 4: reachable only from 4.
		{name: "at dead-end vertex", seeds: []Snap{{Edge: 4, Frac: 0}}, target: Snap{Edge: 4, Frac: 0.25}},
		// A point at Frac 1 of 4→0 is vertex 0 and may leave 0 any way,
		// though the edge cannot be driven from there.
		{name: "frac 1 is the vertex", seeds: []Snap{{Edge: 1, Frac: 0}}, target: Snap{Edge: 4, Frac: 1}, ok: true, lengthM: 100, timeS: 10},
	})
}

func TestNearestParallelEdges(t *testing.T) {
	vs := []orb.Point{at(0, 0), at(100, 0)}
	// A 100 m lane at 36 km/h (10 s) and a 150 m bypass at 108 km/h (5 s):
	// the bypass bends 55.9 m north so its geometry is 150 m long.
	bend := at(50, math.Sqrt(75*75-50*50))
	g := mustBuild(t, Car, vs, []EdgeSpec{
		handEdge(vs, 0, 1, 100, true, true, 36),
		handEdge(vs, 0, 1, 150, true, true, 108, bend),
	})
	seeds := []Snap{{Edge: 0, Frac: 1}} // vertex 1
	runCostCases(t, g, []costCase{
		{name: "shortest takes the lane", seeds: seeds, target: Snap{Edge: 0, Frac: 0}, ok: true, lengthM: 100, timeS: 10},
		{name: "fastest takes the bypass", seeds: seeds, search: Search{Weight: Time}, target: Snap{Edge: 0, Frac: 0},
			ok: true, lengthM: 150, timeS: 5},
		{name: "from the bypass", seeds: seeds, target: Snap{Edge: 1, Frac: 0.2}, ok: true, lengthM: 120, timeS: 4},
	})
}

func TestNearestComponents(t *testing.T) {
	// Two separate streets and an isolated vertex.
	vs := []orb.Point{at(0, 0), at(100, 0), at(200, 0), at(0, 500), at(100, 500), at(900, 900)}
	g := mustBuild(t, Foot, vs, []EdgeSpec{
		handEdge(vs, 0, 1, 100, true, true, 5),
		handEdge(vs, 1, 2, 100, true, true, 5),
		handEdge(vs, 3, 4, 100, true, true, 5),
	})
	if n, largest := g.Components(); n != 3 || largest != 3 {
		t.Errorf("Components() = %d, %d; want 3, 3", n, largest)
	}
	for v, want := range []int32{0, 0, 0, 1, 1, 2} {
		if got := g.Component(int32(v)); got != want {
			t.Errorf("Component(%d) = %d, want %d", v, got, want)
		}
	}
	runCostCases(t, g, []costCase{
		{name: "other component", seeds: []Snap{{Edge: 2, Frac: 0.5}}, target: Snap{Edge: 0, Frac: 0.5}},
		{name: "own component", seeds: []Snap{{Edge: 2, Frac: 0.5}, {Edge: 1, Frac: 1}}, target: Snap{Edge: 0, Frac: 0.5},
			ok: true, seed: 1, lengthM: 150, timeS: 108},
	})
}

func TestNearestClosedBorder(t *testing.T) {
	// 0 —BE— 1 —crossing— 2 —FR— 3, and a detour 1–4–2 (200 m + 200 m)
	// through an unlabelled vertex 4 (a road whose country is unknown).
	vs := []orb.Point{at(0, 0), at(100, 0), at(200, 0), at(300, 0), at(150, math.Sqrt(200*200-50*50))}
	g := mustBuild(t, Car, vs, []EdgeSpec{
		handEdge(vs, 0, 1, 100, true, true, 36),
		handEdge(vs, 1, 2, 100, true, true, 36),
		handEdge(vs, 2, 3, 100, true, true, 36),
		handEdge(vs, 1, 4, 200, true, true, 36),
		handEdge(vs, 4, 2, 200, true, true, 36),
	})
	service := []Snap{{Edge: 2, Frac: 0.5}}
	village := Snap{Edge: 0, Frac: 0.5}
	if err := g.Nearest(NewWorkspace(g), service, Search{ClosedBorders: true}); !errors.Is(err, ErrNoLabels) {
		t.Fatalf("closed search without labels: %v, want ErrNoLabels", err)
	}
	if err := g.SetVertexLabels([]uint8{1, 1, 2, 2, 0}); err != nil {
		t.Fatal(err)
	}
	runCostCases(t, g, []costCase{
		{name: "open", seeds: service, target: village, ok: true, lengthM: 200, timeS: 20},
		{name: "closed uses unlabelled detour", seeds: service, search: Search{ClosedBorders: true}, target: village,
			ok: true, lengthM: 500, timeS: 50},
		// A point on the crossing edge itself may leave it either way.
		{name: "closed from crossing edge", seeds: service, search: Search{ClosedBorders: true}, target: Snap{Edge: 1, Frac: 0.5},
			ok: true, lengthM: 100, timeS: 10},
	})
	if err := g.SetVertexLabels([]uint8{1, 1, 2, 2, 1}); err != nil {
		t.Fatal(err)
	}
	runCostCases(t, g, []costCase{
		{name: "closed, no way through", seeds: service, search: Search{ClosedBorders: true}, target: village},
	})
	if err := g.SetVertexLabels([]uint8{1}); !errors.Is(err, ErrInvalid) {
		t.Errorf("short labels: %v, want ErrInvalid", err)
	}
}

func TestNearestErrors(t *testing.T) {
	g := lineGraph(t)
	other := lineGraph(t)
	ws := NewWorkspace(g)
	for _, tc := range []struct {
		name  string
		ws    *Workspace
		seeds []Snap
		s     Search
		want  error
	}{
		{"foreign workspace", NewWorkspace(other), nil, Search{}, ErrWorkspace},
		{"nil workspace", nil, nil, Search{}, ErrWorkspace},
		{"edge out of range", ws, []Snap{{Edge: 3}}, Search{}, ErrSnap},
		{"negative edge", ws, []Snap{{Edge: -1}}, Search{}, ErrSnap},
		{"NaN frac", ws, []Snap{{Edge: 0, Frac: math.NaN()}}, Search{}, ErrSnap},
		{"unknown weight", ws, nil, Search{Weight: 9}, ErrInvalid},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := g.Nearest(tc.ws, tc.seeds, tc.s); !errors.Is(err, tc.want) {
				t.Errorf("got %v, want %v", err, tc.want)
			}
		})
	}
	// A failed search invalidates the previous result.
	if err := g.Nearest(ws, []Snap{{Edge: 0}}, Search{}); err != nil {
		t.Fatal(err)
	}
	if _, ok := ws.Cost(Snap{Edge: 1}); !ok {
		t.Fatal("want a result after a good search")
	}
	_ = g.Nearest(ws, []Snap{{Edge: 99}}, Search{})
	if _, ok := ws.Cost(Snap{Edge: 1}); ok {
		t.Error("result survived a failed search")
	}
}

func TestNearestMany(t *testing.T) {
	g := squareGraph(t)
	targets := []Snap{{Edge: 0, Frac: 0.5}, {Edge: 2, Frac: 0.1}, {Edge: 4, Frac: 0.5}}
	jobs := []Job{
		{Seeds: []Snap{{Edge: 3, Frac: 1}}, Targets: targets},
		{Seeds: []Snap{{Edge: 1, Frac: 0.5}}, Search: Search{Weight: Time}, Targets: targets},
		{Seeds: []Snap{{Edge: 4, Frac: 0.5}}, Targets: targets},
		{Seeds: []Snap{{Edge: 42}}, Targets: targets, Results: make([]Result, 1)},
	}
	err := g.NearestMany(jobs, 2)
	if !errors.Is(err, ErrSnap) {
		t.Fatalf("NearestMany error %v, want ErrSnap from job 3", err)
	}
	ws := NewWorkspace(g)
	for i, j := range jobs[:3] {
		if err := g.Nearest(ws, j.Seeds, j.Search); err != nil {
			t.Fatal(err)
		}
		for k, tg := range targets {
			want, _ := ws.Cost(tg)
			if j.Results[k] != want {
				t.Errorf("job %d target %d: %+v, want %+v", i, k, j.Results[k], want)
			}
		}
	}
	if len(jobs[3].Results) != len(targets) || jobs[3].Results[0].Reached {
		t.Errorf("failed job results %+v, want unreached", jobs[3].Results)
	}
}
