package traveltest_test

import (
	"context"
	"reflect"
	"testing"

	"github.com/paulmach/orb"

	"github.com/partons/partons/geo/road"
	"github.com/partons/partons/travel"
)

// TestSnapReusing: snapping a variant's new services beside the base's
// village and unchanged service snaps answers as snapping everything again
// (snaps, nearest services, metres and minutes) and shares the village
// snaps; another tolerance or a closed border snaps everything again, a
// service that moved is snapped again.
func TestSnapReusing(t *testing.T) {
	ctx := context.Background()
	g := lineGraph(t)
	base := &travel.Road{Graph: g, RouteBy: road.Time, SnapM: 500, LegSpeedKmh: 4.8}
	prev, err := base.Snap(ctx, lineVillages, lineServices)
	if err != nil {
		t.Fatal(err)
	}
	// The variant: s0 closes, a post office opens at vertex 1 (BE).
	services := []travel.Place{lineServices[1], {ID: "s2", Location: orb.Point{1 * d, 0}, Country: "BE"}}
	query := []travel.Category{{Name: "post", Parts: []travel.Part{{Services: []int32{0, 1}}}}}
	for _, tc := range []struct {
		name  string
		m     *travel.Road
		share bool
	}{
		{"same settings", &travel.Road{Graph: g, RouteBy: road.Time, SnapM: 500, LegSpeedKmh: 4.8}, true},
		{"by length", &travel.Road{Graph: g, RouteBy: road.Length, SnapM: 500, LegSpeedKmh: 4.8}, true},
		{"other tolerance", &travel.Road{Graph: g, RouteBy: road.Time, SnapM: 100, LegSpeedKmh: 4.8}, false},
		{"closed border", &travel.Road{Graph: g, RouteBy: road.Time, SnapM: 500, LegSpeedKmh: 4.8, ClosedBorder: true, CountryLabel: countryLabel}, false},
	} {
		got, err := tc.m.SnapReusing(ctx, prev, lineServices, lineVillages, services)
		if err != nil {
			t.Fatal(err)
		}
		want, err := tc.m.Snap(ctx, lineVillages, services)
		if err != nil {
			t.Fatal(err)
		}
		for i := range lineVillages {
			if a, b := got.Village(i), want.Village(i); a != b {
				t.Errorf("%s: village %d snap %+v, want %+v", tc.name, i, a, b)
			}
		}
		for j := range services {
			if a, b := got.Service(j), want.Service(j); a != b {
				t.Errorf("%s: service %d snap %+v, want %+v", tc.name, j, a, b)
			}
		}
		ra, err := got.Nearest(ctx, query)
		if err != nil {
			t.Fatal(err)
		}
		rb, err := want.Nearest(ctx, query)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(ra[0][0].Service, rb[0][0].Service) || !reflect.DeepEqual(ra[0][0].Status, rb[0][0].Status) ||
			!sameFloats(ra[0][0].Cost, rb[0][0].Cost) || !sameFloats(ra[0][0].Metrics[0], rb[0][0].Metrics[0]) {
			t.Errorf("%s: nearest %+v, want %+v", tc.name, ra[0][0], rb[0][0])
		}
		pv, _, _ := travel.RoadSnaps(prev)
		gv, _, _ := travel.RoadSnaps(got)
		if share := &pv[0] == &gv[0]; share != tc.share {
			t.Errorf("%s: village snaps shared %v, want %v", tc.name, share, tc.share)
		}
	}
	// A service that moved keeps its id but is snapped again: s1 from
	// vertex 3 to vertex 4 (FR), 2000 m from v0's side of the border.
	moved := []travel.Place{lineServices[0], {ID: "s1", Location: orb.Point{4 * d, 0}, Country: "FR"}}
	got, err := base.SnapReusing(ctx, prev, lineServices, lineVillages, moved)
	if err != nil {
		t.Fatal(err)
	}
	fresh, err := base.Snap(ctx, lineVillages, moved)
	if err != nil {
		t.Fatal(err)
	}
	_, gs, _ := travel.RoadSnaps(got)
	_, ws, _ := travel.RoadSnaps(fresh)
	if !reflect.DeepEqual(gs, ws) {
		t.Errorf("moved service: snaps %+v, want %+v", gs, ws)
	}
	// v0 now reaches s2 (vertex 1) in 100 s, 1000 m.
	got, err = base.SnapReusing(ctx, prev, lineServices, lineVillages, services)
	if err != nil {
		t.Fatal(err)
	}
	r, err := got.Nearest(ctx, query)
	if err != nil {
		t.Fatal(err)
	}
	checkReach(t, "variant", base.Schema(), r[0][0], []want{
		{"ok", 1, 1000, 100.0 / 60},
		{"ok", 0, 1000, 50.0 / 60},
		{"unsnapped", -1, none, none},
		{"unreachable", -1, none, none},
	})
}

func sameFloats(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !close(a[i], b[i]) {
			return false
		}
	}
	return true
}
