package travel

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"

	"github.com/partons/partons/geo/geodesic"
	"github.com/partons/partons/geo/road"
	"github.com/partons/partons/geo/road/roadtest"
)

// FromGeodesic against every pair measured with geodesic.Distance.
func TestFromGeodesicBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	vs := roadtest.RandomPoints(rng, 300, 2.35, 50.65, 0.9, 0.5)
	ss := roadtest.RandomPoints(rng, 60, 2.35, 50.65, 0.9, 0.5)
	vs = append(vs, orb.Point{math.NaN(), 50}, orb.Point{2.5, 95}) // invalid: reach nothing
	ss = append(ss, orb.Point{200, 95})
	for _, maxM := range []float64{0, 5000, 12345, math.Inf(1)} {
		c, err := GeodesicCosts(context.Background(), vs, ss, maxM, 0)
		if err != nil {
			t.Fatal(err)
		}
		if err := c.Check(); err != nil {
			t.Fatal(err)
		}
		want := 0
		for i, v := range vs {
			sup, cost := c.Demand(i)
			got := map[int32]float64{}
			for k, j := range sup {
				got[j] = cost[k]
			}
			for j, s := range ss {
				if i >= 300 || j >= 60 {
					if _, ok := got[int32(j)]; ok {
						t.Fatalf("invalid point %d/%d has a pair", i, j)
					}
					continue
				}
				d := geodesic.Distance(v, s)
				c, ok := got[int32(j)]
				if ok != (d <= maxM) || ok && c != d {
					t.Fatalf("maxM %v: pair (%d, %d) = %v, %v; geodesic %v", maxM, i, j, c, ok, d)
				}
				if ok {
					want++
				}
			}
		}
		if c.Len() != want {
			t.Fatalf("maxM %v: %d pairs, want %d", maxM, c.Len(), want)
		}
	}
	if _, err := GeodesicCosts(context.Background(), vs, ss, -1, 0); !errors.Is(err, ErrInvalid) {
		t.Errorf("negative radius: %v", err)
	}
}

// FromRoad searches from each service on the reverse graph; the oracle
// searches from each village on the forward graph (Search.Origins) and
// reads the cost at each service: the same village → service trips found
// the other way round.
func TestFromRoadMatchesForwardSearches(t *testing.T) {
	g := roadtest.GridGraph(t, 40, 2.35, 50.65, 0.3, 0.2, 1)
	rng := rand.New(rand.NewPCG(13, 14))
	vs := roadtest.SnapAll(g, roadtest.RandomPoints(rng, 120, 2.34, 50.64, 0.32, 0.22), 800)
	ss := roadtest.SnapAll(g, roadtest.RandomPoints(rng, 25, 2.35, 50.65, 0.3, 0.2), 800)
	vs = append(vs, road.Snap{Edge: -1})
	ss = append(ss, road.Snap{Edge: -1}, road.Snap{Edge: 0, Frac: 2})
	ws := road.NewWorkspace(g)
	for _, tc := range []struct {
		w      road.Weight
		cutoff float64
		legs   float64
	}{{road.Time, 300, 0}, {road.Time, 0, 0}, {road.Length, 4000, 0}, {road.Time, 300, 4.8}, {road.Length, 4000, 15}} {
		c, err := RoadCosts(context.Background(), g, vs, ss, road.Search{Weight: tc.w, Cutoff: tc.cutoff, LegSpeedKmh: tc.legs}, 2)
		if err != nil {
			t.Fatal(err)
		}
		if err := c.Check(); err != nil {
			t.Fatal(err)
		}
		n := 0
		for i, v := range vs {
			sup, cost := c.Demand(i)
			got := map[int32]float64{}
			for k, j := range sup {
				got[j] = cost[k]
			}
			oracleOK := g.Nearest(ws, []road.Snap{v}, road.Search{Weight: tc.w, Cutoff: tc.cutoff, Origins: true, LegSpeedKmh: tc.legs}) == nil
			for j, s := range ss {
				var want float64
				reached := false
				if oracleOK && g.Routable(s.Edge) && s.Frac >= 0 && s.Frac <= 1 {
					r, ok := ws.Cost(s)
					want, reached = r.LengthM, ok
					if tc.w == road.Time {
						want = r.TimeS
					}
				}
				got, ok := got[int32(j)]
				if ok != reached || ok && math.Abs(got-want) > 1e-9*math.Max(1, want) {
					t.Fatalf("%v cutoff %v: village %d → service %d = %v, %v; forward search %v, %v",
						tc.w, tc.cutoff, i, j, got, ok, want, reached)
				}
				if ok {
					n++
				}
			}
		}
		if n == 0 || n != c.Len() {
			t.Fatalf("%v: %d pairs checked, %d stored", tc.w, n, c.Len())
		}
	}
	// Workers do not change the result.
	a, _ := RoadCosts(context.Background(), g, vs, ss, road.Search{Weight: road.Time, Cutoff: 300}, 1)
	b, _ := RoadCosts(context.Background(), g, vs, ss, road.Search{Weight: road.Time, Cutoff: 300}, 4)
	ea, eb := a.Entries(), b.Entries()
	if len(ea) != len(eb) {
		t.Fatal("worker count changed the pairs")
	}
	for k := range ea {
		if ea[k] != eb[k] {
			t.Fatalf("worker count changed pair %d: %v vs %v", k, ea[k], eb[k])
		}
	}
	if _, err := RoadCosts(context.Background(), nil, vs, ss, road.Search{Weight: road.Time, Cutoff: 1}, 1); !errors.Is(err, ErrInvalid) {
		t.Errorf("nil graph: %v", err)
	}
	if _, err := RoadCosts(context.Background(), g, vs, ss, road.Search{Weight: road.Weight(7), Cutoff: 1}, 1); err == nil {
		t.Error("unknown weight accepted")
	}
}

// With legs, a pair's length grows by exactly the two snap distances: one
// seed, so every path to the village grows by the same amount.
func TestFromRoadLegs(t *testing.T) {
	g := roadtest.GridGraph(t, 20, 2.35, 50.65, 0.1, 0.1, 1)
	rng := rand.New(rand.NewPCG(15, 16))
	vs := roadtest.SnapAll(g, roadtest.RandomPoints(rng, 30, 2.35, 50.65, 0.1, 0.1), 800)
	ss := roadtest.SnapAll(g, roadtest.RandomPoints(rng, 5, 2.35, 50.65, 0.1, 0.1), 800)
	without, err := RoadCosts(context.Background(), g, vs, ss, road.Search{Weight: road.Length}, 1)
	if err != nil {
		t.Fatal(err)
	}
	with, err := RoadCosts(context.Background(), g, vs, ss, road.Search{Weight: road.Length, LegSpeedKmh: 4.8}, 1)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for i := range vs {
		sa, ca := without.Demand(i)
		sb, cb := with.Demand(i)
		if len(sa) != len(sb) {
			t.Fatalf("village %d: %d pairs without legs, %d with", i, len(sa), len(sb))
		}
		got := map[int32]float64{}
		for k, j := range sb {
			got[j] = cb[k]
		}
		for k, j := range sa {
			want := ca[k] + vs[i].DistM + ss[j].DistM
			if c, ok := got[j]; !ok || math.Abs(c-want) > 1e-6 {
				t.Errorf("village %d → service %d: %v m with legs (%v), want %v", i, j, c, ok, want)
			}
			n++
		}
	}
	if n == 0 {
		t.Fatal("no pair compared")
	}
}

func TestNewCostsRejectsAndViews(t *testing.T) {
	bad := []struct {
		name string
		n, s int
		es   []Entry
	}{
		{"negative count", -1, 1, nil},
		{"demand out of range", 2, 2, []Entry{{2, 0, 1}}},
		{"supply out of range", 2, 2, []Entry{{0, -1, 1}}},
		{"negative cost", 2, 2, []Entry{{0, 0, -1}}},
		{"NaN cost", 2, 2, []Entry{{0, 0, math.NaN()}}},
		{"infinite cost", 2, 2, []Entry{{0, 0, math.Inf(1)}}},
		{"duplicate pair", 2, 2, []Entry{{0, 1, 1}, {1, 1, 2}, {0, 1, 3}}},
	}
	for _, tc := range bad {
		if _, err := NewCosts(tc.n, tc.s, tc.es); !errors.Is(err, ErrInvalid) {
			t.Errorf("%s: err = %v", tc.name, err)
		}
	}
	c, err := NewCosts(3, 2, []Entry{{2, 1, 4}, {0, 1, 9}, {2, 0, 4}, {1, 0, 0}})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Check(); err != nil {
		t.Fatal(err)
	}
	if sup, cost := c.Demand(2); len(sup) != 2 || sup[0] != 0 || sup[1] != 1 || cost[0] != 4 {
		t.Errorf("Demand(2) = %v %v: ties by supply index", sup, cost)
	}
	if dem, _ := c.Service(1); len(dem) != 2 || dem[0] != 0 || dem[1] != 2 {
		t.Errorf("Service(1) = %v", dem)
	}
	w, err := c.Within(4)
	if err != nil || w.Len() != 3 {
		t.Errorf("Within(4): %v pairs, %v", w.Len(), err)
	}
	s, err := c.Scale(0.5)
	if err != nil {
		t.Fatal(err)
	}
	if _, cost := s.Demand(0); cost[0] != 4.5 {
		t.Errorf("Scale: %v", cost)
	}
	if _, cost := c.Demand(0); cost[0] != 9 {
		t.Error("Scale modified its receiver")
	}
	for _, f := range []float64{0, -1, math.NaN(), math.Inf(1)} {
		if _, err := c.Scale(f); !errors.Is(err, ErrInvalid) {
			t.Errorf("Scale(%v): %v", f, err)
		}
	}
	if _, err := c.Within(-1); !errors.Is(err, ErrInvalid) {
		t.Error("Within(-1) accepted")
	}
}
