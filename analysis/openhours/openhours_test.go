package openhours

import (
	"context"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/hours"
	"github.com/partons/partons/travel"
	"github.com/partons/partons/travel/traveltest"
)

// line is a mode on a line: the cost of a pair is |x_village − x_service|.
func line(vx, sx []float64, unsnapped map[int]bool) *traveltest.Scripted {
	return &traveltest.Scripted{
		S:         travel.Schema{Name: "line", Unit: travel.Metres},
		Cost:      func(i, j int) float64 { return math.Abs(vx[i] - sx[j]) },
		Unsnapped: unsnapped,
	}
}

func snap(tb testing.TB, m travel.Mode, nv, ns int) travel.Snapped {
	tb.Helper()
	sn, err := m.Snap(context.Background(), make([]travel.Place, nv), make([]travel.Place, ns))
	if err != nil {
		tb.Fatal(err)
	}
	return sn
}

func schedule(tb testing.TB, value, country string) hours.Schedule {
	tb.Helper()
	w, _ := hours.ParseWhen("2026-12-07")
	s, err := hours.NewEvaluator(w, false).Schedule(value, country)
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

// fixture: four villages and six services on a line, hand-computed below.
func fixture(tb testing.TB) ([]datasets.Village, []datasets.Service, []hours.Schedule, travel.Snapped) {
	tb.Helper()
	villages := []datasets.Village{
		{ID: "v0", Country: "BE", AreaCode: "A", Population: 100, HasPopulation: true},
		{ID: "v1", Country: "FR", AreaCode: "B", Population: 50, HasPopulation: true},
		{ID: "v2", Country: "FR", AreaCode: "B", Population: 10, HasPopulation: true},
		{ID: "v3", Country: "BE", AreaCode: "A", Population: 5, HasPopulation: true},
	}
	vx := []float64{0, 10, 100, 0}
	type svc struct {
		cat, country, value string
		x                   float64
	}
	ss := []svc{
		{"pharmacy", "BE", "Mo-Fr 08:00-12:00", 1},                 // S0: 20 h, mornings
		{"pharmacy", "FR", "Mo-Fr 14:00-19:00; Sa 09:00-12:00", 5}, // S1: 28 h, evenings, Saturday
		{"pharmacy", "BE", "", 3},                                  // S2: hours missing
		{"pharmacy", "FR", "Mo-Fr 08:00-12:00", 12},                // S3: 20 h, mornings
		{"post", "BE", "Tu,Th 09:00-11:30", 50},                    // S4
		{"pharmacy", "BE", "Sa 14:00-18:00", 16},                   // S5: 4 h
	}
	var services []datasets.Service
	var sx []float64
	var sch []hours.Schedule
	for n, s := range ss {
		services = append(services, datasets.Service{ID: string(rune('a' + n)), Category: s.cat, Country: s.country})
		sx = append(sx, s.x)
		sch = append(sch, schedule(tb, s.value, s.country))
	}
	return villages, services, sch, snap(tb, line(vx, sx, map[int]bool{3: true}), len(villages), len(services))
}

func cfg() Config {
	return Config{Categories: []string{"pharmacy", "post"}, Slots: hours.DefaultSlots(), Thresholds: []float64{4, 6, 10}}
}

func TestComputeByHand(t *testing.T) {
	villages, services, sch, sn := fixture(t)
	res, err := Compute(context.Background(), sn, villages, services, sch, cfg())
	if err != nil {
		t.Fatal(err)
	}
	ph := res.Categories[0]
	morning, evening := ph.Slots[0], ph.Slots[1]
	// weekday morning: S0 at 1 from v0, S3 at 2 from v1; S2 (unknown) is farther for both
	checkSlot(t, "morning", morning, 0, OK, 0, 1)
	checkSlot(t, "morning", morning, 1, OK, 3, 2)
	// weekday evening: only S1 (5 from v0) is open, but S2 (unknown, 3 from v0) is nearer
	checkSlot(t, "evening", evening, 0, HoursUnknown, -1, math.NaN())
	checkSlot(t, "evening", evening, 1, OK, 1, 5)
	checkSlot(t, "evening", evening, 2, OK, 1, 95)
	checkSlot(t, "evening", evening, 3, Unsnapped, -1, math.NaN())
	if evening.YesCost[0] != 5 || evening.MaybeCost[0] != 3 {
		t.Errorf("evening v0 bounds %v %v, want 5 3", evening.YesCost[0], evening.MaybeCost[0])
	}
	// hours within 4, 6, 10
	w4, w6, w10 := ph.Within[0], ph.Within[1], ph.Within[2]
	checkWithin(t, "4 v0", w4, 0, HoursUnknown, math.NaN(), HoursUnknown, math.NaN()) // S2 within 3
	checkWithin(t, "4 v1", w4, 1, OK, 1200, OK, 1200)                                 // S3
	checkWithin(t, "6 v1", w6, 1, OK, 3120, OK, 2880)                                 // S1 ∪ S3 ∪ S5 (BE): 52 h, 48 h at home
	checkWithin(t, "10 v1", w10, 1, HoursUnknown, math.NaN(), OK, 2880)               // S2 at 7
	checkWithin(t, "6 v2", w6, 2, NoneWithin, 0, NoneWithin, 0)
	checkWithin(t, "6 v3", w6, 3, Unsnapped, math.NaN(), Unsnapped, math.NaN())
	if g := w6.Gain(1); g != 240 {
		t.Errorf("gain v1 within 6: %v, want 240 minutes", g)
	}
	// post: one service, Tuesday and Thursday mornings
	if p := res.Categories[1].Within[2]; p.Status[1] != NoneWithin || p.Minutes[1] != 0 {
		t.Errorf("post within 10 of v1: %v %v", p.Status[1], p.Minutes[1])
	}
	if got := res.Categories[1].Slots[0]; got.Status[1] != OK || got.Cost[1] != 40 {
		t.Errorf("post morning v1: %v %v", got.Status[1], got.Cost[1])
	}
}

func checkSlot(t *testing.T, name string, r SlotReach, i int, st Status, svc int32, cost float64) {
	t.Helper()
	if r.Status[i] != st || r.Service[i] != svc || !same(r.Cost[i], cost) {
		t.Errorf("%s v%d: %s %d %v, want %s %d %v", name, i, r.Status[i], r.Service[i], r.Cost[i], st, svc, cost)
	}
}

func checkWithin(t *testing.T, name string, w Within, i int, st Status, min float64, dst Status, dmin float64) {
	t.Helper()
	if w.Status[i] != st || !same(w.Minutes[i], min) || w.DomesticStatus[i] != dst || !same(w.Domestic[i], dmin) {
		t.Errorf("within %s: %s %v / %s %v, want %s %v / %s %v", name, w.Status[i], w.Minutes[i],
			w.DomesticStatus[i], w.Domestic[i], st, min, dst, dmin)
	}
}

func same(a, b float64) bool { return a == b || (math.IsNaN(a) && math.IsNaN(b)) }

func TestAggregatesByHand(t *testing.T) {
	villages, services, sch, sn := fixture(t)
	res, err := Compute(context.Background(), sn, villages, services, sch, cfg())
	if err != nil {
		t.Fatal(err)
	}
	shares := SlotShares(res, villages, []float64{4, 6})
	find := func(slot string, th float64, level, code string) SlotShare {
		t.Helper()
		for _, s := range shares {
			if s.Category == "pharmacy" && s.Slot == slot && s.Threshold == th && s.Level == level && s.Code == code {
				return s
			}
		}
		t.Fatalf("no share %s %v %s %s", slot, th, level, code)
		return SlotShare{}
	}
	// within 6: v0 (100) and v1 (50) reach S1, open in the evening; v2 (10) does not; v3 (5) is unsnapped
	if s := find("weekday_evening", 6, LevelAll, ""); s.Yes != 150 || s.No != 10 || s.Unknown != 5 || s.Share != 150.0/160 || s.Villages != 4 {
		t.Errorf("evening within 6, all: %+v", s)
	}
	// within 4: v0's nearest evening-open service is at 5, an unknown one at 3: unknown
	if s := find("weekday_evening", 4, LevelCountry, "BE"); s.Yes != 0 || s.No != 0 || s.Unknown != 105 || !math.IsNaN(s.Share) {
		t.Errorf("evening within 4, BE: %+v", s)
	}
	if s := find("weekday_evening", 4, LevelArea, "FR/B"); s.Yes != 0 || s.No != 60 || s.Share != 0 {
		t.Errorf("evening within 4, FR/B: %+v", s)
	}
	for _, g := range Gains(res, villages) {
		if g.Category == "pharmacy" && g.Threshold == 6 && g.Level == LevelAll {
			// v1: 52 h (48 h at home), v2: 0 h; v0 and v3 unknown
			if g.Villages != 2 || g.Unknown != 2 || g.Population != 60 ||
				math.Abs(g.MeanHours-52.0*50/60) > 1e-12 || g.MeanDomestic != 40 || math.Abs(g.MeanGain-4.0*50/60) > 1e-12 {
				t.Errorf("gain within 6: %+v", g)
			}
			return
		}
	}
	t.Error("no overall gain within 6")
}

func TestServices(t *testing.T) {
	_, _, sch, _ := fixture(t)
	s := Services(sch, hours.DefaultSlots())
	if s[1].OpenMinutes != 28*60 || s[1].Slots[1] != hours.Yes || s[1].Slots[2] != hours.Yes || s[1].Slots[0] != hours.No {
		t.Errorf("S1: %+v", s[1])
	}
	if s[2].OpenMinutes != -1 || s[2].Status != hours.Missing || s[2].Slots[0] != hours.Unknown {
		t.Errorf("S2 (missing hours): %+v", s[2])
	}
}

func TestConfigErrors(t *testing.T) {
	villages, services, sch, sn := fixture(t)
	for _, c := range []Config{
		{Thresholds: []float64{5, 5}},
		{Thresholds: []float64{-1}},
		{Thresholds: []float64{math.Inf(1)}},
		{Slots: []hours.Slot{hours.DefaultSlots()[0], hours.DefaultSlots()[0]}},
	} {
		if _, err := Compute(context.Background(), sn, villages, services, sch, c); err == nil {
			t.Errorf("%+v: no error", c)
		}
	}
	if _, err := Compute(context.Background(), sn, villages, services, sch[:2], cfg()); err == nil {
		t.Error("fewer schedules than services: no error")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Compute(ctx, sn, villages, services, sch, cfg()); err == nil {
		t.Error("a cancelled context: no error")
	}
}

// randomInstance builds villages and services on a line with random
// schedules: known (random open and unknown stretches), missing, or closed.
func randomInstance(r *rand.Rand) ([]datasets.Village, []float64, []datasets.Service, []float64, []hours.Schedule) {
	nv, ns := 1+r.IntN(12), r.IntN(15)
	var villages []datasets.Village
	var vx, sx []float64
	countries := []string{"BE", "FR"}
	for range nv {
		villages = append(villages, datasets.Village{Country: countries[r.IntN(2)], Population: float64(r.IntN(100)), HasPopulation: true})
		vx = append(vx, r.Float64()*100)
	}
	var services []datasets.Service
	var sch []hours.Schedule
	for range ns {
		services = append(services, datasets.Service{Category: "c", Country: countries[r.IntN(2)]})
		sx = append(sx, r.Float64()*100)
		sch = append(sch, randomSchedule(r))
	}
	return villages, vx, services, sx, sch
}

func randomSchedule(r *rand.Rand) hours.Schedule {
	if r.IntN(6) == 0 {
		return hours.Schedule{Status: hours.Missing}
	}
	var st [hours.WeekMinutes]uint8
	for range r.IntN(6) {
		a := r.IntN(hours.WeekMinutes)
		b := min(hours.WeekMinutes, a+1+r.IntN(600))
		v := uint8(1)
		if r.IntN(4) == 0 {
			v = 2
		}
		for m := a; m < b; m++ {
			st[m] = v
		}
	}
	return hours.Schedule{Status: hours.Known, Open: runsOf(st[:], 1), Unknown: runsOf(st[:], 2)}
}

func runsOf(st []uint8, v uint8) []hours.Interval {
	var out []hours.Interval
	for m := 0; m < len(st); {
		if st[m] != v {
			m++
			continue
		}
		e := m
		for e < len(st) && st[e] == v {
			e++
		}
		out = append(out, hours.Interval{Start: m, End: e})
		m = e
	}
	return out
}

// Hours within T never decrease when T grows.
func TestPropertyWithinGrowsWithThreshold(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	c := Config{Categories: []string{"c"}, Slots: hours.DefaultSlots(), Thresholds: []float64{5, 10, 20, 40, 80}}
	for it := range 300 {
		villages, vx, services, sx, sch := randomInstance(r)
		sn := snap(t, line(vx, sx, nil), len(vx), len(sx))
		res, err := Compute(context.Background(), sn, villages, services, sch, c)
		if err != nil {
			t.Fatal(err)
		}
		ws := res.Categories[0].Within
		for i := range villages {
			last, lastDom := -1.0, -1.0
			for _, w := range ws {
				if m := w.Minutes[i]; !math.IsNaN(m) {
					if m < last {
						t.Fatalf("instance %d village %d: %v minutes within %v after %v below", it, i, m, w.Threshold, last)
					}
					last = m
				}
				if m := w.Domestic[i]; !math.IsNaN(m) {
					if m < lastDom {
						t.Fatalf("instance %d village %d: domestic %v within %v after %v", it, i, m, w.Threshold, lastDom)
					}
					lastDom = m
				}
				if g := w.Gain(i); g < 0 {
					t.Fatalf("instance %d village %d: negative border gain %v", it, i, g)
				}
			}
		}
	}
}

// Closing a service never adds open hours and never brings the nearest
// open service nearer.
func TestPropertyClosingNeverAdds(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	c := Config{Categories: []string{"c"}, Slots: hours.DefaultSlots(), Thresholds: []float64{10, 30, 90}}
	inf := func(x float64) float64 {
		if math.IsNaN(x) {
			return math.Inf(1)
		}
		return x
	}
	for it := range 300 {
		villages, vx, services, sx, sch := randomInstance(r)
		if len(services) == 0 {
			continue
		}
		sn := snap(t, line(vx, sx, nil), len(vx), len(sx))
		before, err := Compute(context.Background(), sn, villages, services, sch, c)
		if err != nil {
			t.Fatal(err)
		}
		closed := append([]hours.Schedule(nil), sch...)
		j := r.IntN(len(services))
		closed[j] = hours.Schedule{Status: hours.Known} // open no minute
		after, err := Compute(context.Background(), sn, villages, services, closed, c)
		if err != nil {
			t.Fatal(err)
		}
		for k := range c.Thresholds {
			b, a := before.Categories[0].Within[k], after.Categories[0].Within[k]
			for i := range villages {
				if !math.IsNaN(a.Minutes[i]) && !math.IsNaN(b.Minutes[i]) && a.Minutes[i] > b.Minutes[i] {
					t.Fatalf("instance %d: closing service %d raised village %d's hours within %v from %v to %v",
						it, j, i, c.Thresholds[k], b.Minutes[i], a.Minutes[i])
				}
			}
		}
		for k := range c.Slots {
			b, a := before.Categories[0].Slots[k], after.Categories[0].Slots[k]
			for i := range villages {
				if inf(a.YesCost[i]) < inf(b.YesCost[i]) {
					t.Fatalf("instance %d: closing service %d brought village %d's nearest open service nearer", it, j, i)
				}
			}
		}
	}
}
