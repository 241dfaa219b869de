package transit

import (
	"context"
	"math"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/paulmach/orb"

	"github.com/partons/partons/travel/transit/raptor"
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
	services := []Place{{"shop-B", b}, {"bakery-A", orb.Point{a[0] - 0.0015, a[1]}}, {"shop-far", orb.Point{b[0] + 0.02, b[1]}}}
	groups := []Group{{0, 2}, {1}}
	opt := DefaultOptions()
	opt.From, opt.To = hm(7, 0), hm(7, 10)
	res, err := Compute(context.Background(), net, villages, services, groups, opt)
	if err != nil {
		t.Fatal(err)
	}
	// near-A → shop: the 07:30 bus from every minute 07:00–07:09, at B
	// 07:50, so 50 … 41 minutes. Sorted 41 … 50: median (5th) 45, p5 (1st)
	// 41, p95 (10th) 50; none within 30, all within 60.
	shop := res[0].Groups[0]
	want := Metric{Status: StatusOK, Service: 0, Median: 45, Min: 45, BestMin: 41, P5Min: 41, P95Min: 50, Share: []float64{0, 1}, Transfers: 0, FlexMin: math.NaN()}
	if !reflect.DeepEqual(sameNaN(shop), sameNaN(want)) {
		t.Errorf("near-A shop: %+v, want %+v", shop, want)
	}
	if res[0].StopDepartures != 1 { // the 07:00 departure from A
		t.Errorf("stop departures %d, want 1", res[0].StopDepartures)
	}
	if m := res[0].Groups[1]; m.Status != StatusWalkOnly || !math.IsNaN(m.Min) || m.Service != 1 || !(m.Median > 0 && m.Median < 1) {
		t.Errorf("bakery next door: %+v", m)
	}
	for c := range groups {
		if m := res[1].Groups[c]; m.Status != StatusUnsnapped || !math.IsNaN(m.Min) || m.Transfers != -1 || !math.IsNaN(m.Share[0]) || m.Service != -1 {
			t.Errorf("NaN village: %+v", m)
		}
		if m := res[2].Groups[c]; m.Status != StatusNoService || !math.IsNaN(m.BestMin) || m.Service != -1 {
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
	var services []Place
	groups := []Group{{}, {}}
	for j := 0; j < 6; j++ {
		services = append(services, Place{ID: string(rune('a' + j)), Point: pt()})
		groups[j%2] = append(groups[j%2], int32(j))
	}
	opt := DefaultOptions()
	opt.Workers = 1
	one, err := Compute(context.Background(), net, villages, services, groups, opt)
	if err != nil {
		t.Fatal(err)
	}
	opt.Workers = 3
	three, err := Compute(context.Background(), net, villages, services, groups, opt)
	if err != nil {
		t.Fatal(err)
	}
	ok := 0
	for i := range one {
		for c := range groups {
			a, b := one[i].Groups[c], three[i].Groups[c]
			if a.Status != b.Status || a.Service != b.Service || !sameF(a.Min, b.Min) || !sameF(a.P95Min, b.P95Min) {
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
	if _, err := Compute(ctx, net, villages, services, groups, opt); err == nil {
		t.Error("cancelled context: no error")
	}
	opt.To = opt.From
	if _, err := Compute(context.Background(), net, villages, services, groups, opt); err == nil {
		t.Error("empty window accepted")
	}
}

func sameF(a, b float64) bool { return a == b || (math.IsNaN(a) && math.IsNaN(b)) }

// summarise prunes services by their best minute; brute force takes every
// service's percentiles.
func TestSummariseMatchesBruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 3))
	for it := 0; it < 500; it++ {
		nm, ns := 1+r.IntN(20), 1+r.IntN(6)
		p := raptor.NewProfile(nm, ns)
		for j := 0; j < ns; j++ {
			if r.IntN(5) == 0 {
				continue
			}
			col := make([]Outcome, nm)
			for mi := range col {
				o := unreached
				if r.IntN(4) > 0 {
					o = Outcome{Sec: int32(60 * (1 + r.IntN(10))), Trips: int8(r.IntN(3)), Svc: int32(j)}
				}
				col[mi] = o
			}
			p.Add(int32(j), col)
		}
		grp := Group{}
		for j := 0; j < ns; j++ {
			grp = append(grp, int32(j))
		}
		var sc scratch
		got, _ := summarise(p, grp, []int{3, 6}, &sc)
		// brute force
		want := emptyMetric(StatusNoService, 2)
		bestMed, bestJ := int64(math.MaxInt64), int32(-1)
		minP := func(pc float64) float64 {
			v := math.NaN()
			for _, j := range grp {
				if col := p.Column(j); col != nil {
					if o, ok := sc.percentile(col, pc); ok && (math.IsNaN(v) || float64(o.Sec)/60 < v) {
						v = float64(o.Sec) / 60
					}
				}
			}
			return v
		}
		for _, j := range grp {
			if col := p.Column(j); col != nil {
				if o, ok := sc.percentile(col, 50); ok && int64(o.Sec) < bestMed {
					bestMed, bestJ = int64(o.Sec), j
				}
			}
		}
		if bestJ >= 0 {
			want.Service, want.Median = bestJ, float64(bestMed)/60
			want.Status = StatusWalkOnly
			for _, o := range p.Column(bestJ) {
				if o.Sec >= 0 && o.Trips > 0 {
					want.Status = StatusOK
				}
			}
			if want.Status == StatusOK {
				want.Min, want.P5Min, want.P95Min, want.BestMin = want.Median, minP(5), minP(95), minP(0)
				o, _ := sc.percentile(p.Column(bestJ), 50)
				want.Transfers = max(0, int(o.Trips)-1)
				for i, th := range []int{3, 6} {
					k := 0
					for mi := 0; mi < nm; mi++ {
						for _, j := range grp {
							if col := p.Column(j); col != nil && col[mi].Sec >= 0 && col[mi].Sec <= int32(th*60) {
								k++
								break
							}
						}
					}
					want.Share[i] = float64(k) / float64(nm)
				}
			}
		}
		if got.Status != want.Status || got.Service != want.Service || !sameF(got.Median, want.Median) || !sameF(got.Min, want.Min) ||
			!sameF(got.P5Min, want.P5Min) || !sameF(got.P95Min, want.P95Min) || !sameF(got.BestMin, want.BestMin) ||
			got.Transfers != want.Transfers || !sameF(got.Share[0], want.Share[0]) || !sameF(got.Share[1], want.Share[1]) {
			t.Fatalf("iteration %d: got %+v, want %+v", it, got, want)
		}
	}
}

// Compute's first search, cut off at an hour, gives the same metrics as
// one search up to MaxTravelSec.
func TestComputeCutOffIsExact(t *testing.T) {
	reruns := 0
	for seed := uint64(1); seed <= 6; seed++ {
		o := transittest.DefaultRandom
		o.SpanM = 12000 // long enough trips for journeys beyond an hour
		tt := transittest.Random(seed, o)
		net, err := Build(tt, NetworkOptions{})
		if err != nil {
			t.Fatal(err)
		}
		r := rand.New(rand.NewPCG(seed, 1))
		pt := func() orb.Point {
			s := tt.Stops[r.IntN(len(tt.Stops))]
			return orb.Point{s.Lon + (r.Float64()-0.5)*0.01, s.Lat + (r.Float64()-0.5)*0.01}
		}
		var villages, services []Place
		for i := 0; i < 20; i++ {
			villages = append(villages, Place{Point: pt()})
		}
		groups := []Group{{}, {}, {}}
		for j := 0; j < 9; j++ {
			services = append(services, Place{Point: pt()})
			groups[j%3] = append(groups[j%3], int32(j))
		}
		opt := DefaultOptions()
		var st Stats
		opt.Stats = &st
		got, err := Compute(context.Background(), net, villages, services, groups, opt)
		if err != nil {
			t.Fatal(err)
		}
		reruns += int(st.Minutes.Load())/120 - len(villages)
		err = Profiles(context.Background(), net, villages, services, opt, func(i int, snapped bool, p *Profile) {
			var sc scratch
			for g, grp := range groups {
				want, _ := summarise(p, grp, opt.ThresholdsMin, &sc)
				if !reflect.DeepEqual(sameNaN(got[i].Groups[g]), sameNaN(want)) {
					t.Errorf("seed %d village %d group %d: %+v, want %+v", seed, i, g, got[i].Groups[g], want)
				}
			}
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if reruns == 0 || reruns == 6*20 {
		t.Errorf("%d of %d villages searched twice: the test proves nothing", reruns, 6*20)
	}
}

// sameNaN replaces NaN by -1 so that reflect.DeepEqual compares metrics.
func sameNaN(m Metric) Metric {
	f := func(x *float64) {
		if math.IsNaN(*x) {
			*x = -1
		}
	}
	f(&m.Median)
	f(&m.Min)
	f(&m.BestMin)
	f(&m.P5Min)
	f(&m.P95Min)
	f(&m.FlexMin)
	m.Share = append([]float64(nil), m.Share...)
	for i := range m.Share {
		f(&m.Share[i])
	}
	return m
}
