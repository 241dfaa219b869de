package traveltest_test

import (
	"context"
	"math"
	"testing"

	"github.com/paulmach/orb"

	"github.com/partons/partons/geo/road"
	"github.com/partons/partons/travel"
	"github.com/partons/partons/travel/traveltest"
)

// d is 1000 m of longitude on the equator (WGS84: 111319.49 m per degree).
const d = 1000 / 111319.49079327357

// lineGraph is a road along the equator, every edge declared 1000 m:
//
//	0 —36 km/h— 1 —36 km/h— 2 —72 km/h— 3 —72 km/h— 4        5 —— 6 (an island)
//	   BE          BE          border       FR                  BE
//
// so 0→2 is 2000 m in 200 s, 2→3 crosses the border in 50 s, 3→4 50 s.
func lineGraph(t testing.TB) *road.Graph {
	t.Helper()
	lon := []float64{0, 1, 2, 3, 4, 10, 11}
	vs := make([]orb.Point, len(lon))
	for i, x := range lon {
		vs[i] = orb.Point{x * d, 0}
	}
	edge := func(a, b int32, kmh float64) road.EdgeSpec {
		return road.EdgeSpec{From: a, To: b, LengthM: 1000, Forward: true, Backward: true, SpeedKmh: kmh,
			Geometry: orb.LineString{vs[a], vs[b]}, WayID: int64(a + 1)}
	}
	g, err := road.Build(road.Car, vs, []road.EdgeSpec{edge(0, 1, 36), edge(1, 2, 36), edge(2, 3, 72), edge(3, 4, 72), edge(5, 6, 36)})
	if err != nil {
		t.Fatal(err)
	}
	if err := g.SetVertexLabels([]uint8{1, 1, 1, 2, 2, 1, 1}); err != nil {
		t.Fatal(err)
	}
	return g
}

func countryLabel(c string) uint8 { return map[string]uint8{"BE": 1, "FR": 2}[c] }

// The villages and services of the line: v0 at vertex 0 (BE), v1 at
// vertex 4 (FR), v2 50 km away (unsnapped), v3 on the island (BE); the
// post offices at vertex 2 (BE) and vertex 3 (FR).
var (
	lineVillages = []travel.Place{
		{ID: "v0", Location: orb.Point{0, 0}, Country: "BE"},
		{ID: "v1", Location: orb.Point{4 * d, 0}, Country: "FR"},
		{ID: "v2", Location: orb.Point{2 * d, 0.45}, Country: "BE"},
		{ID: "v3", Location: orb.Point{10 * d, 0}, Country: "BE"},
	}
	lineServices = []travel.Place{
		{ID: "s0", Location: orb.Point{2 * d, 0}, Country: "BE"},
		{ID: "s1", Location: orb.Point{3 * d, 0}, Country: "FR"},
	}
)

type want struct {
	status  string
	service int32
	m, min  float64
}

func checkReach(t *testing.T, what string, s travel.Schema, r travel.Reach, ws []want) {
	t.Helper()
	for i, w := range ws {
		st := s.Status(r.Status[i])
		if st != w.status || r.Service[i] != w.service || !close(r.Metrics[0][i], w.m) || !close(r.Metrics[1][i], w.min) {
			t.Errorf("%s village %d: %s service %d %v m %v min; want %s %d %v m %v min", what, i, st, r.Service[i],
				r.Metrics[0][i], r.Metrics[1][i], w.status, w.service, w.m, w.min)
		}
	}
}

func close(got, want float64) bool {
	if math.IsNaN(want) {
		return math.IsNaN(got)
	}
	return math.Abs(got-want) < 1e-6
}

var none = math.NaN()

func TestRoadMetricsOpenBorder(t *testing.T) {
	m := &travel.Road{Graph: lineGraph(t), RouteBy: road.Time, SnapM: 500, LegSpeedKmh: 4.8, Workers: 2}
	sn, err := m.Snap(context.Background(), lineVillages, lineServices)
	if err != nil {
		t.Fatal(err)
	}
	got, err := sn.Nearest(context.Background(), []travel.Category{{Name: "post", Parts: []travel.Part{{Services: []int32{0, 1}}}}})
	if err != nil {
		t.Fatal(err)
	}
	checkReach(t, "open", m.Schema(), got[0][0], []want{
		{"ok", 0, 2000, 200.0 / 60},     // 0→1→2 at 36 km/h
		{"ok", 1, 1000, 50.0 / 60},      // 4→3 at 72 km/h
		{"unsnapped", -1, none, none},   // 50 km from every road
		{"unreachable", -1, none, none}, // the island has no service
	})
	if got[0][0].Cost[0] != 200.0/60 || got[0][0].Definite != nil {
		t.Errorf("cost %v (want minutes), definite %v", got[0][0].Cost[0], got[0][0].Definite)
	}
	if s := sn.Village(2); s.OK || !(s.DistM > 49000) {
		t.Errorf("far village snap %+v", s)
	}
	traveltest.Check(t, m, lineVillages, lineServices, []travel.Category{{Name: "post", Parts: []travel.Part{{Services: []int32{0}}, {Services: []int32{1}}}}})
}

// A closed border: each village reaches only its own country's post
// office, and the search per country part says so.
func TestRoadMetricsClosedBorder(t *testing.T) {
	m := &travel.Road{Graph: lineGraph(t), RouteBy: road.Length, SnapM: 500, LegSpeedKmh: 4.8, ClosedBorder: true, CountryLabel: countryLabel}
	if !m.Schema().ClosedBorder || m.Schema().Unit != travel.Metres {
		t.Fatalf("schema %+v", m.Schema())
	}
	sn, err := m.Snap(context.Background(), lineVillages, lineServices)
	if err != nil {
		t.Fatal(err)
	}
	got, err := sn.Nearest(context.Background(), []travel.Category{{Name: "post", Parts: []travel.Part{{Country: "BE", Services: []int32{0}}, {Country: "FR", Services: []int32{1}}}}})
	if err != nil {
		t.Fatal(err)
	}
	checkReach(t, "BE part", m.Schema(), got[0][0], []want{
		{"ok", 0, 2000, 200.0 / 60},
		{"unreachable", -1, none, none}, // the French village cannot cross
		{"unsnapped", -1, none, none},
		{"unreachable", -1, none, none},
	})
	checkReach(t, "FR part", m.Schema(), got[0][1], []want{
		{"unreachable", -1, none, none},
		{"ok", 1, 1000, 50.0 / 60},
		{"unsnapped", -1, none, none},
		{"unreachable", -1, none, none},
	})
	// The sparse costs honour the border too.
	c, err := sn.Costs(context.Background(), []int32{0, 1}, math.Inf(1))
	if err != nil {
		t.Fatal(err)
	}
	e := c.Entries()
	if len(e) != 2 || e[0].Demand != 0 || e[0].Supply != 0 || !close(e[0].Cost, 2000) || e[1].Demand != 1 || e[1].Supply != 1 || !close(e[1].Cost, 1000) {
		t.Errorf("closed-border costs %v, want only v0→s0 2000 m and v1→s1 1000 m", e)
	}
}

// A cut-off makes reaching nothing a fact (Definite), not a gap.
func TestRoadMetricsCutoff(t *testing.T) {
	m := &travel.Road{Graph: lineGraph(t), RouteBy: road.Length, SnapM: 500, LegSpeedKmh: 4.8, MaxCost: 1500}
	sn, err := m.Snap(context.Background(), lineVillages, lineServices)
	if err != nil {
		t.Fatal(err)
	}
	got, err := sn.Nearest(context.Background(), []travel.Category{{Name: "post", Parts: []travel.Part{{Services: []int32{1}}}}})
	if err != nil {
		t.Fatal(err)
	}
	r := got[0][0]
	checkReach(t, "cut off", m.Schema(), r, []want{
		{"unreachable", -1, none, none}, // 3000 m > 1500 m
		{"ok", 1, 1000, 50.0 / 60},      // 4→3
		{"unsnapped", -1, none, none},
		{"unreachable", -1, none, none}, // the island: within the cut-off there is nothing either
	})
	if wantDef := []bool{true, false, false, true}; len(r.Definite) != 4 || r.Definite[0] != wantDef[0] || r.Definite[1] != wantDef[1] || r.Definite[2] != wantDef[2] || r.Definite[3] != wantDef[3] {
		t.Errorf("definite %v, want %v (an unsnapped village is unknown)", r.Definite, wantDef)
	}
}

// Legs: a village 100 m off the road joins edge 0–1 half-way; its route
// to s0 is the leg (at 4.8 km/h) plus 500 m + 1000 m of road.
func TestRoadMetricsLegs(t *testing.T) {
	off := 100 / 110574.38855779878 // 100 m of latitude on the equator
	vs := []travel.Place{{Location: orb.Point{0.5 * d, off}, Country: "BE"}}
	m := &travel.Road{Graph: lineGraph(t), RouteBy: road.Time, SnapM: 500, LegSpeedKmh: 4.8}
	sn, err := m.Snap(context.Background(), vs, lineServices)
	if err != nil {
		t.Fatal(err)
	}
	leg := sn.Village(0).DistM
	if math.Abs(leg-100) > 0.5 || sn.VillageValue(0, 0) != leg {
		t.Fatalf("leg %v m, want about 100", leg)
	}
	got, err := sn.Nearest(context.Background(), []travel.Category{{Name: "post", Parts: []travel.Part{{Services: []int32{0}}}}})
	if err != nil {
		t.Fatal(err)
	}
	wantM := leg + 1500
	wantMin := (leg/(4.8/3.6) + 50 + 100) / 60
	if r := got[0][0]; math.Abs(r.Metrics[0][0]-wantM) > 1e-6 || math.Abs(r.Metrics[1][0]-wantMin) > 1e-9 {
		t.Errorf("route %v m %v min, want %v m %v min", r.Metrics[0][0], r.Metrics[1][0], wantM, wantMin)
	}
}

// The one snapping path respects the border: with a closed border a
// French village next to a Belgian road joins the nearest French road
// instead (the location-allocation command used to snap with
// road.Graph.Snap, which ignores countries).
func TestSnapPlacesRespectsTheBorder(t *testing.T) {
	g := lineGraph(t)
	p := []travel.Place{{Location: orb.Point{0.5 * d, 0.0001}, Country: "FR"}, {Location: orb.Point{0.5 * d, 0.0001}}}
	snaps, ok, err := travel.SnapPlaces(context.Background(), g, p, 5000, countryLabel, 1)
	if err != nil {
		t.Fatal(err)
	}
	from, to := g.EdgeEnds(snaps[0].Edge)
	if g.VertexLabel(from) != 2 || g.VertexLabel(to) != 2 || !ok[0] {
		t.Errorf("French village snapped onto edge %d–%d (labels %d, %d)", from, to, g.VertexLabel(from), g.VertexLabel(to))
	}
	if math.Abs(snaps[0].DistM-2500) > 5 {
		t.Errorf("French village %v m from its road, want about 2500", snaps[0].DistM)
	}
	if snaps[1].DistM > 20 || !ok[1] {
		t.Errorf("village without a country: %v m, want the nearest road", snaps[1].DistM)
	}
	// Open border (no label function): the nearest road, whatever its country.
	open, _, err := travel.SnapPlaces(context.Background(), g, p[:1], 5000, nil, 1)
	if err != nil || open[0].DistM > 20 {
		t.Errorf("open border: %v m, %v", open[0].DistM, err)
	}
}

func TestRoadCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	m := &travel.Road{Graph: lineGraph(t), RouteBy: road.Time, SnapM: 500, LegSpeedKmh: 4.8}
	if _, err := m.Snap(ctx, lineVillages, lineServices); err != context.Canceled {
		t.Errorf("Snap: %v", err)
	}
}
