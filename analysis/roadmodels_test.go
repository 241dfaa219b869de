package analysis

import (
	"context"
	"testing"

	"github.com/paulmach/orb"

	"github.com/partons/partons/analysis/access"
	"github.com/partons/partons/datasets"
	"github.com/partons/partons/geo/road"
)

// borderLine is a road along the equator, every edge declared 1000 m:
// vertices 0, 1, 2 in BE (label 1), 3 and 4 in FR (label 2), at 0.01°
// steps.
func borderLine(t testing.TB) *road.Graph {
	t.Helper()
	vs := make([]orb.Point, 5)
	for i := range vs {
		vs[i] = eq(0.01 * float64(i))
	}
	var es []road.EdgeSpec
	for i := int32(0); i < 4; i++ {
		es = append(es, road.EdgeSpec{From: i, To: i + 1, LengthM: metresPerCentiDegree, Forward: true, Backward: true,
			SpeedKmh: 50, Geometry: orb.LineString{vs[i], vs[i+1]}, WayID: int64(i + 1)})
	}
	g, err := road.Build(road.Car, vs, es)
	if err != nil {
		t.Fatal(err)
	}
	if err := g.SetVertexLabels([]uint8{1, 1, 1, 2, 2}); err != nil {
		t.Fatal(err)
	}
	return g
}

// Under a closed border the accessibility models count only the services
// a village can reach without crossing it. (Their road searches used to
// cross it: the French village at vertex 3 counted the Belgian post
// office one edge away.)
func TestModelsHonourAClosedBorder(t *testing.T) {
	villages := []datasets.Village{village("fr", "FR", 0.03, 100), village("be", "BE", 0.00, 100)}
	services := []datasets.Service{service("be-post", "post", "BE", 0.02), service("fr-post", "post", "FR", 0.04)}
	m, err := access.ParseModel("cumulative")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		closed bool
		want   []float64 // services within 1.5 edges, per village
	}{
		{false, []float64{2, 0}},
		{true, []float64{1, 0}},
	} {
		p := DefaultParams()
		p.Road = DefaultRoadParams(road.Car)
		p.Road.Graph, p.Road.RouteBy, p.Road.ClosedBorder = borderLine(t), road.Length, tc.closed
		p.Road.CountryLabel = func(c string) uint8 { return map[string]uint8{"BE": 1, "FR": 2}[c] }
		p.Models = []ModelSpec{{Model: m, Decay: access.DefaultDecay(m)}}
		p.Catchment = 1.5 * metresPerCentiDegree
		r, err := Compute(context.Background(), villages, services, p)
		if err != nil {
			t.Fatal(err)
		}
		for v, want := range tc.want {
			if got := r.models[0][0].values[v]; got != want {
				t.Errorf("closed %v: village %s reaches %v services, want %v", tc.closed, villages[v].ID, got, want)
			}
		}
	}
}
