package transit_test

import (
	"context"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"

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
