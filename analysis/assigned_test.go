package analysis

import (
	"math"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"github.com/partons/partons/datasets"
	"github.com/partons/partons/geo/geodesic"
	"github.com/partons/partons/geo/road"
)

func assignedFixture() ([]datasets.Village, []datasets.Service) {
	vs := []datasets.Village{
		{ID: "a", Country: "BE", Population: 10, HasPopulation: true, Location: orb.Point{2.90, 50.85}},
		{ID: "b", Country: "BE", Population: 20, HasPopulation: true, Location: orb.Point{2.95, 50.86}},
		{ID: "c", Country: "FR", Location: orb.Point{2.60, 50.80}},
	}
	ss := []datasets.Service{
		{ID: "s0", Category: "site", Location: orb.Point{2.91, 50.85}},
		{ID: "s1", Category: "site", Location: orb.Point{2.61, 50.80}},
	}
	return vs, ss
}

// TestFromAssignment: each village keeps the site and cost it was
// assigned, with no search: straight-line costs become the distances;
// road costs become the route length or time (the other unknown), with
// the geodesic to the assigned site as the straight line.
func TestFromAssignment(t *testing.T) {
	vs, ss := assignedFixture()
	// b is assigned to s1 although s0 is nearer: a capacitated model's
	// choice, which a new search would undo.
	as := []Assigned{{Service: 0, Cost: 700}, {Service: 1, Cost: 25000}, {Service: -1, Cost: math.NaN()}}
	p := DefaultParams()
	p.CrossBorder = false
	straight, err := FromAssignment(vs, ss, p, as)
	if err != nil {
		t.Fatal(err)
	}
	if got := straight.Rows[1].Cats[0]; got.NearestM != 25000 || got.NearestService != 1 || got.Status != StatusOK {
		t.Errorf("straight b: %+v", got)
	}
	if got := straight.Rows[2].Cats[0]; !math.IsNaN(got.NearestM) || got.NearestService != -1 {
		t.Errorf("straight c: %+v", got)
	}
	if straight.RoadBlock() != nil {
		t.Error("a straight-line assignment has road figures")
	}
	for _, tc := range []struct {
		by           road.Weight
		length, time float64
	}{{road.Length, 25000, math.NaN()}, {road.Time, math.NaN(), 25000}} {
		rp := DefaultRoadParams(road.Car)
		rp.Graph, rp.RouteBy = &road.Graph{}, tc.by
		p.Road = rp
		r, err := FromAssignment(vs, ss, p, as)
		if err != nil {
			t.Fatal(err)
		}
		rr := r.RoadBlock().Cells[1][0]
		same := func(a, b float64) bool { return a == b || math.IsNaN(a) && math.IsNaN(b) }
		if rr.Status != "ok" || rr.Service != 1 || !same(rr.Metrics[0], tc.length) || !same(rr.Metrics[1], tc.time) {
			t.Errorf("%v: road b %+v", tc.by, rr)
		}
		if want := geodesic.Distance(vs[1].Location, ss[1].Location); r.Rows[1].Cats[0].NearestM != want {
			t.Errorf("%v: straight line b %v, want the geodesic to s1 %v", tc.by, r.Rows[1].Cats[0].NearestM, want)
		}
		if got := r.RoadBlock().Cells[2][0]; got.Status != "unreachable" || got.Service != -1 {
			t.Errorf("%v: unassigned c: %+v", tc.by, got)
		}
		if aggs := AggregatesOf(r); len(aggs) == 0 {
			t.Errorf("%v: no aggregates", tc.by)
		}
	}
}

func TestFromAssignmentRefuses(t *testing.T) {
	vs, ss := assignedFixture()
	ok := []Assigned{{0, 1}, {1, 1}, {-1, 0}}
	p := DefaultParams()
	p.CrossBorder = false
	cross := DefaultParams()
	cross.CrossBorder = true
	two := append([]datasets.Service{{ID: "x", Category: "post", Location: orb.Point{2.9, 50.8}}}, ss...)
	for _, tc := range []struct {
		name string
		ss   []datasets.Service
		p    Params
		as   []Assigned
		want string
	}{
		{"count", ss, p, ok[:2], "2 assignments for 3 villages"},
		{"cross-border", ss, cross, ok, "no cross-border"},
		{"two categories", two, p, ok, "one category"},
		{"bad index", ss, p, []Assigned{{0, 1}, {7, 1}, {-1, 0}}, "service 7 of 2"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := FromAssignment(vs, tc.ss, tc.p, tc.as); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err %v, want %q", err, tc.want)
			}
		})
	}
}
