package transit

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/partons/partons/datasets/gtfs"
	"github.com/partons/partons/datasets/gtfs/flex"
	"github.com/partons/partons/datasets/hours"
	"github.com/partons/partons/geo/geodesic"
	"github.com/partons/partons/travel/transit/ondemand"
)

// monday is the study day of the on-demand tests.
var monday = time.Date(2026, 12, 7, 0, 0, 0, 0, time.UTC)

// squareZone is a configured zone around (2.85, 50.9), about 20 × 20 km.
func squareZone(t *testing.T, h string, leadMin int, factor float64) *flex.Flex {
	t.Helper()
	parsed, err := hours.Parse(h)
	if err != nil {
		t.Fatal(err)
	}
	ring := orb.Ring{{2.7, 50.8}, {3.0, 50.8}, {3.0, 51.0}, {2.7, 51.0}, {2.7, 50.8}}
	z := flex.Zone{ID: "z:flex", Area: orb.MultiPolygon{{ring}}, Bound: ring.Bound(),
		OnDemand: &flex.OnDemand{Hours: h, Parsed: parsed, MaxWalkM: 500, MaxRideFactor: factor, BookingLeadMin: leadMin, MaxTransfers: 1}}
	return &flex.Flex{Feed: "z", Zones: []flex.Zone{z}}
}

// flexMin measures one village against one shop with the zone fx over
// the window [from, to).
func flexMin(t *testing.T, fx *flex.Flex, from, to int32) (Metric, float64) {
	t.Helper()
	// A bus line far away (10 km east of the zone): no stop to walk to.
	tt := timetable(t, []tstop{{"be:X", 3.2, 50.9}, {"be:Y", 3.3, 50.9}}, []ttrip{
		{"be:1", "be:r", [][3]int32{{0, hm(8, 0), hm(8, 0)}, {1, hm(8, 20), hm(8, 20)}}, false},
	}, nil)
	net, err := Build(tt, NetworkOptions{})
	if err != nil {
		t.Fatal(err)
	}
	pl, err := ondemand.New(net, ondemand.Config{Flex: []*flex.Flex{fx}, Date: monday})
	if err != nil {
		t.Fatal(err)
	}
	village := orb.Point{2.80, 50.9}
	shop := orb.Point{2.87, 50.9} // about 4.9 km east: beyond walking
	opt := DefaultOptions()
	opt.From, opt.To = from, to
	opt.OnDemand = pl.For([]orb.Point{shop})
	res, err := Compute(context.Background(), net, []Place{{Point: village}}, []Place{{Point: shop}}, []Group{{0}}, opt)
	if err != nil {
		t.Fatal(err)
	}
	// The ride: the straight line × 1.3 at 45 km/h by car, × the ride
	// factor, rounded up to the second at each step.
	car := math.Ceil(geodesic.Distance(village, shop) * 1.3 * 3.6 / 45)
	return res[0].Groups[0], car
}

// A village in a zone with no bus: without on-demand buses nothing is
// reached; with them, the resident books at the departure minute, waits
// the 30-minute lead at home and rides 2 × the car time, door to door.
func TestFlexVillageWithoutBus(t *testing.T) {
	m, car := flexMin(t, squareZone(t, "Mo-Fr 07:00-19:00", 30, 2), hm(8, 0), hm(8, 10))
	if m.Status != StatusNoService || !math.IsNaN(m.Min) {
		t.Fatalf("without on-demand: %+v", m)
	}
	want := (30*60 + 2*car) / 60
	if math.Abs(m.FlexMin-want) > 1e-9 {
		t.Errorf("flex %v min, want %v (car %v s)", m.FlexMin, want, car)
	}
}

// The zone runs 07:00–19:00: from 18:30 with a 30-minute lead the ride
// would start at 19:00 and end after the zone closes; with no lead it
// fits. On Sunday the zone does not run at all.
func TestFlexOutsideOperatingHours(t *testing.T) {
	m, _ := flexMin(t, squareZone(t, "Mo-Fr 07:00-19:00", 30, 2), hm(18, 30), hm(18, 31))
	if !math.IsNaN(m.FlexMin) {
		t.Errorf("18:30 with a 30-minute lead: %v min, want none", m.FlexMin)
	}
	m, car := flexMin(t, squareZone(t, "Mo-Fr 07:00-19:00", 0, 2), hm(18, 30), hm(18, 31))
	if want := 2 * car / 60; math.Abs(m.FlexMin-want) > 1e-9 {
		t.Errorf("18:30 with no lead: %v min, want %v", m.FlexMin, want)
	}
	m, _ = flexMin(t, squareZone(t, "Sa-Su 07:00-19:00", 0, 2), hm(8, 0), hm(8, 10))
	if !math.IsNaN(m.FlexMin) {
		t.Errorf("a weekend zone on Monday: %v min, want none", m.FlexMin)
	}
	// Before opening the booked ride waits for 07:00: from 06:50 with no
	// lead, 10 minutes of waiting.
	m, car = flexMin(t, squareZone(t, "Mo-Fr 07:00-19:00", 0, 2), hm(6, 50), hm(6, 51))
	if want := (600 + 2*car) / 60; math.Abs(m.FlexMin-want) > 1e-9 {
		t.Errorf("06:50: %v min, want %v", m.FlexMin, want)
	}
}

// The lead time adds to the door-to-door time minute for minute, and the
// ride factor multiplies the car time.
func TestFlexLeadTimeAndFactor(t *testing.T) {
	a, car := flexMin(t, squareZone(t, "Mo-Fr 07:00-19:00", 15, 1.5), hm(8, 0), hm(8, 10))
	b, _ := flexMin(t, squareZone(t, "Mo-Fr 07:00-19:00", 75, 1.5), hm(8, 0), hm(8, 10))
	if d := b.FlexMin - a.FlexMin; math.Abs(d-60) > 1e-9 {
		t.Errorf("75 vs 15 minutes of lead: %v min apart, want 60", d)
	}
	if want := (15*60 + math.Ceil(1.5*car)) / 60; math.Abs(a.FlexMin-want) > 1e-9 {
		t.Errorf("%v min, want %v", a.FlexMin, want)
	}
}

// On C-TRAN's GTFS-Flex feed (kept outside the repository; skipped when
// absent), villages at the zones' centres and services at every 25th
// stop: booking a ride never makes a median longer, and it makes some
// reachable or quicker.
func TestFlexCTranNeverSlower(t *testing.T) {
	dir := os.Getenv("PARTONS_GTFS_DATA")
	if dir == "" {
		dir = "../../../../shared/data/gtfs"
	}
	src := gtfs.Source{Path: filepath.Join(dir, "ctran-flex.zip")}
	if _, err := os.Stat(src.Path); err != nil {
		t.Skipf("real feed absent (see ../shared/data/gtfs/SOURCES.md): %v", err)
	}
	ctx := context.Background()
	feeds, err := gtfs.Load(ctx, []gtfs.Source{src})
	if err != nil {
		t.Fatal(err)
	}
	fx, err := flex.Read(ctx, src)
	if err != nil {
		t.Fatal(err)
	}
	date, _ := feeds.DefaultDate()
	tt := feeds.Timetable(date)
	net, err := Build(tt, NetworkOptions{})
	if err != nil {
		t.Fatal(err)
	}
	pl, err := ondemand.New(net, ondemand.Config{Flex: []*flex.Flex{fx}, Date: date, Runs: feeds.ServiceRuns, MaxWalkM: DefaultMaxWalkM})
	if err != nil {
		t.Fatal(err)
	}
	var villages, services []Place
	for _, z := range fx.Zones {
		villages = append(villages, Place{ID: z.ID, Point: z.Bound.Center()})
	}
	var pts []orb.Point
	for s := 0; s < len(tt.Stops); s += 25 {
		p := orb.Point{tt.Stops[s].Lon, tt.Stops[s].Lat}
		services = append(services, Place{ID: tt.Stops[s].ID, Point: p})
		pts = append(pts, p)
	}
	groups := make([]Group, len(services))
	for j := range groups {
		groups[j] = Group{int32(j)}
	}
	opt := DefaultOptions()
	opt.From, opt.To = hm(9, 0), hm(10, 0)
	opt.OnDemand = pl.For(pts)
	res, err := Compute(ctx, net, villages, services, groups, opt)
	if err != nil {
		t.Fatal(err)
	}
	better := 0
	for i, r := range res {
		for g, m := range r.Groups {
			if !math.IsNaN(m.Min) && !(m.FlexMin <= m.Min) {
				t.Errorf("village %s service %d: %v min with on-demand, %v without", villages[i].ID, g, m.FlexMin, m.Min)
			}
			if !math.IsNaN(m.FlexMin) && (math.IsNaN(m.Min) || m.FlexMin < m.Min) {
				better++
			}
		}
	}
	if better == 0 {
		t.Error("on-demand rides help no village: the test proves nothing")
	}
	t.Logf("%d village × service pairs reached sooner or only with on-demand rides", better)
}
