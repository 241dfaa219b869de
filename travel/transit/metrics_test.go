package transit

import (
	"context"
	"math"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/paulmach/orb"

	"github.com/partons/partons/travel/transit/transittest"
)

func TestComputeHandChecked(t *testing.T) {
	var trips []ttrip
	for d := hm(7, 0); d <= hm(9, 0); d += 30 * 60 {
		trips = append(trips, ttrip{"be:t" + string(rune('a'+(d-hm(7, 0))/1800)), "be:r", [][3]int32{{0, d, d}, {1, d + 1200, d + 1200}}, false})
	}
	tt := timetable(t, farStops("be:A", "be:B"), trips, nil)
	net, err := Build(tt, NetworkOptions{})
	if err != nil {
		t.Fatal(err)
	}
	a, b := net.StopPoint(0), net.StopPoint(1)
	villages := []Place{
		{"near-A", orb.Point{a[0] - 0.0014, a[1]}},
		{"nowhere", orb.Point{math.NaN(), 50}},
		{"far", orb.Point{a[0], a[1] + 0.5}},
	}
	cats := []Category{
		{"shop", []Place{{"shop-B", b}}},
		{"bakery", []Place{{"bakery-A", orb.Point{a[0] - 0.0015, a[1]}}}},
	}
	opt := DefaultOptions()
	opt.From, opt.To = hm(7, 0), hm(7, 10)
	res, err := Compute(context.Background(), net, villages, cats, opt)
	if err != nil {
		t.Fatal(err)
	}
	// near-A → shop: the 07:30 bus from every minute 07:00–07:09, at B
	// 07:50, so 50 … 41 minutes. Sorted 41 … 50: median (5th) 45, p5 (1st)
	// 41, p95 (10th) 50; none within 30, all within 60.
	shop := res[0].Cats[0]
	want := Metric{Status: StatusOK, Min: 45, BestMin: 41, P5Min: 41, P95Min: 50, Share: []float64{0, 1}, ServiceID: "shop-B", Transfers: 0}
	if !reflect.DeepEqual(shop, want) {
		t.Errorf("near-A shop: %+v, want %+v", shop, want)
	}
	if res[0].StopDepartures != 1 { // the 07:00 departure from A
		t.Errorf("stop departures %d, want 1", res[0].StopDepartures)
	}
	if st := res[0].Cats[1].Status; st != StatusWalkOnly || !math.IsNaN(res[0].Cats[1].Min) {
		t.Errorf("bakery next door: %+v", res[0].Cats[1])
	}
	for c := range cats {
		if m := res[1].Cats[c]; m.Status != StatusUnsnapped || !math.IsNaN(m.Min) || m.Transfers != -1 || !math.IsNaN(m.Share[0]) {
			t.Errorf("NaN village: %+v", m)
		}
		if m := res[2].Cats[c]; m.Status != StatusNoService || !math.IsNaN(m.BestMin) {
			t.Errorf("far village: %+v", m)
		}
	}
	if r := VsCar(res[0], []float64{15, 1}); r != 3 {
		t.Errorf("transit vs car %v, want 45/15", r)
	}
}

// The result does not depend on the number of workers.
func TestComputeDeterministic(t *testing.T) {
	tt := transittest.Random(7, transittest.DefaultRandom)
	net, err := Build(tt, NetworkOptions{})
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(7, 7))
	pt := func() orb.Point {
		s := tt.Stops[r.IntN(len(tt.Stops))]
		return orb.Point{s.Lon + (r.Float64()-0.5)*0.01, s.Lat + (r.Float64()-0.5)*0.01}
	}
	var villages []Place
	for i := 0; i < 40; i++ {
		villages = append(villages, Place{ID: "v", Point: pt()})
	}
	cats := []Category{{Name: "a"}, {Name: "b"}}
	for c := range cats {
		for j := 0; j < 3; j++ {
			cats[c].Services = append(cats[c].Services, Place{ID: cats[c].Name + string(rune('0'+j)), Point: pt()})
		}
	}
	opt := DefaultOptions()
	opt.Workers = 1
	one, err := Compute(context.Background(), net, villages, cats, opt)
	if err != nil {
		t.Fatal(err)
	}
	opt.Workers = 3
	three, err := Compute(context.Background(), net, villages, cats, opt)
	if err != nil {
		t.Fatal(err)
	}
	ok := 0
	for i := range one {
		for c := range cats {
			a, b := one[i].Cats[c], three[i].Cats[c]
			if a.Status != b.Status || a.ServiceID != b.ServiceID || !sameF(a.Min, b.Min) || !sameF(a.P95Min, b.P95Min) {
				t.Fatalf("village %d cat %d: %+v vs %+v", i, c, a, b)
			}
			if a.Status == StatusOK {
				ok++
			}
		}
	}
	if ok == 0 {
		t.Fatal("no village reaches anything by transit: the test proves nothing")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Compute(ctx, net, villages, cats, opt); err == nil {
		t.Error("cancelled context: no error")
	}
	opt.To = opt.From
	if _, err := Compute(context.Background(), net, villages, cats, opt); err == nil {
		t.Error("empty window accepted")
	}
}

func sameF(a, b float64) bool { return a == b || (math.IsNaN(a) && math.IsNaN(b)) }
