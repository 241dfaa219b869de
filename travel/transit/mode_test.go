package transit_test

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"

	"github.com/partons/partons/datasets/gtfs"
	"github.com/partons/partons/geo/geodesic"
	"github.com/partons/partons/travel"
	"github.com/partons/partons/travel/transit"
	"github.com/partons/partons/travel/transit/transittest"
	"github.com/partons/partons/travel/traveltest"
)

func randomMode(t testing.TB, seed uint64) (*transit.Mode, []travel.Place, []travel.Place, []travel.Category) {
	t.Helper()
	tt := transittest.Random(seed, transittest.DefaultRandom)
	net, err := transit.Build(tt, transit.NetworkOptions{})
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(seed, 5))
	pt := func() orb.Point {
		s := tt.Stops[r.IntN(len(tt.Stops))]
		return orb.Point{s.Lon + (r.Float64()-0.5)*0.02, s.Lat + (r.Float64()-0.5)*0.02}
	}
	var villages, services []travel.Place
	for i := 0; i < 30; i++ {
		villages = append(villages, travel.Place{Location: pt(), Country: "BE"})
	}
	villages = append(villages, travel.Place{Location: orb.Point{3.5, 51}}, travel.Place{Location: orb.Point{math.NaN(), 0}})
	cats := []travel.Category{{Name: "shop", Parts: []travel.Part{{Country: "BE"}, {Country: "FR"}}}, {Name: "post", Parts: []travel.Part{{}}}}
	for j := 0; j < 9; j++ {
		services = append(services, travel.Place{Location: pt()})
		switch j % 3 {
		case 0, 1:
			cats[0].Parts[j%2].Services = append(cats[0].Parts[j%2].Services, int32(j))
		case 2:
			cats[1].Parts[0].Services = append(cats[1].Parts[0].Services, int32(j))
		}
	}
	opt := transit.DefaultOptions()
	opt.From, opt.To = 7*3600, 8*3600
	return &transit.Mode{Net: net, Options: opt}, villages, services, cats
}

func TestModeKeepsTheContract(t *testing.T) {
	for seed := uint64(1); seed <= 4; seed++ {
		m, v, s, c := randomMode(t, seed)
		traveltest.Check(t, m, v, s, c)
	}
}

func TestModeColumns(t *testing.T) {
	m, v, s, c := randomMode(t, 2)
	sch := m.Schema()
	var names []string
	for _, mt := range sch.Metrics {
		names = append(names, mt.Name)
	}
	want := []string{"min", "best_min", "p5_min", "p95_min", "share_30min", "share_60min", "transfers"}
	if len(names) != len(want) {
		t.Fatalf("metrics %v, want %v", names, want)
	}
	for k := range want {
		if names[k] != want[k] {
			t.Fatalf("metrics %v, want %v", names, want)
		}
	}
	sn, err := m.Snap(context.Background(), v, s)
	if err != nil {
		t.Fatal(err)
	}
	reach, err := sn.Nearest(context.Background(), c)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]int{}
	for _, parts := range reach {
		for _, r := range parts {
			for i := range v {
				st := sch.Status(r.Status[i])
				seen[st]++
				if st != "ok" && !math.IsNaN(r.Metrics[0][i]) {
					t.Errorf("village %d: status %s with a median %v", i, st, r.Metrics[0][i])
				}
				if st == "ok" && (math.IsNaN(r.Metrics[0][i]) || r.Metrics[0][i] != r.Cost[i]) {
					t.Errorf("village %d: ok but median %v, cost %v", i, r.Metrics[0][i], r.Cost[i])
				}
			}
		}
	}
	last := len(v) - 1
	if sch.Status(reach[0][0].Status[last]) != "unsnapped" || !math.IsNaN(sn.VillageValue(last, 0)) || sn.Village(last).OK {
		t.Errorf("NaN village: status %s", sch.Status(reach[0][0].Status[last]))
	}
	if seen["ok"] == 0 || seen["no_service"] == 0 {
		t.Errorf("statuses seen %v: the fixture proves too little", seen)
	}
}

// transit_vs_car on the example's bus: a median of 45 minutes against
// the car estimate (straight line × 1.3 at 45 km/h); with a car mode
// scripted at 9 minutes, 5; a village reaching nothing by transit has
// none.
func TestModeVsCar(t *testing.T) {
	tt := &gtfs.Timetable{Stops: []gtfs.Stop{{ID: "be:village", Lon: 2.80, Lat: 50.9}, {ID: "be:town", Lon: 2.94, Lat: 50.9}}}
	for d := int32(7 * 3600); d <= 9*3600; d += 1800 {
		tt.Trips = append(tt.Trips, gtfs.Trip{ID: fmt.Sprintf("be:%d", d), RouteID: "be:1",
			Times: []gtfs.StopTime{{Stop: 0, Arrival: d, Departure: d}, {Stop: 1, Arrival: d + 1200, Departure: d + 1200}}})
	}
	net, err := transit.Build(tt, transit.NetworkOptions{})
	if err != nil {
		t.Fatal(err)
	}
	opt := transit.DefaultOptions()
	opt.From, opt.To = 7*3600, 7*3600+600
	villages := []travel.Place{{Location: orb.Point{2.7986, 50.9}}, {Location: orb.Point{2.5, 50.9}}}
	shops := []travel.Place{{Location: orb.Point{2.94, 50.9}}}
	cats := []travel.Category{{Name: "shop", Parts: []travel.Part{{Services: []int32{0}}}}}
	vsCar := func(car travel.Mode) (float64, float64) {
		sn, err := (&transit.Mode{Net: net, Options: opt, Car: car}).Snap(context.Background(), villages, shops)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := sn.Nearest(context.Background(), cats); err != nil {
			t.Fatal(err)
		}
		return sn.VillageValue(0, 1), sn.VillageValue(1, 1)
	}
	est := geodesic.Distance(villages[0].Location, shops[0].Location) * 1.3 / 45000 * 60
	if got, none := vsCar(nil); math.Abs(got-45/est) > 1e-9 || !math.IsNaN(none) {
		t.Errorf("vs the estimate: %v (want %v), far village %v", got, 45/est, none)
	}
	scripted := &traveltest.Scripted{S: travel.Schema{Name: "road", Unit: travel.Minutes},
		Cost: func(v, _ int) float64 { return []float64{9, 30}[v] }}
	if got, _ := vsCar(scripted); got != 5 {
		t.Errorf("vs 9 minutes by car: %v, want 5", got)
	}
}
