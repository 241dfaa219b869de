package raptor

import (
	"errors"
	"testing"

	"github.com/partons/partons/datasets/gtfs"
	"github.com/partons/partons/geo/geodesic"
	"github.com/partons/partons/travel/transit/transittest"
)

// Shorthands of the hand-built timetables of transittest.
type (
	tstop transittest.Stop
	ttrip transittest.Trip
)

func hm(h, m int) int32 { return transittest.HM(h, m) }

func timetable(_ testing.TB, stops []tstop, trips []ttrip, transfers []gtfs.Transfer) *gtfs.Timetable {
	return transittest.Timetable(transittest.Stops(stops), transittest.Trips(trips), transfers)
}

func farStops(ids ...string) []tstop { return transittest.FarStops[tstop](ids...) }

func runOne(t *testing.T, tt *gtfs.Timetable, q Query, egress []Egress, nc int) []Outcome {
	t.Helper()
	net, err := Build(tt, NetworkOptions{})
	if err != nil {
		t.Fatal(err)
	}
	checkInvariants(t, net)
	if q.MaxTravel == 0 {
		q.MaxTravel = DefaultMaxTravelSec
	}
	var p Profile
	if err := NewSearch(net, NewTargets(net.NumStops(), nc, egress)).Run(&q, &p); err != nil {
		t.Fatal(err)
	}
	return p.Dense()
}

func wantOutcomes(t *testing.T, got []Outcome, want []Outcome) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%d outcomes, want %d", len(got), len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("minute %d: got %+v, want %+v", i, got[i], want[i])
		}
	}
}

// A 08:10 arrival at B with a 3-minute change time there misses the
// 08:12 connection and waits for the 08:40.
func TestMissedConnection(t *testing.T) {
	tt := timetable(t, farStops("be:A", "be:B", "be:C"), []ttrip{
		{"be:1", "be:r1", [][3]int32{{0, hm(8, 0), hm(8, 0)}, {1, hm(8, 10), hm(8, 10)}}, false},
		{"be:2", "be:r2", [][3]int32{{1, hm(8, 12), hm(8, 12)}, {2, hm(8, 30), hm(8, 30)}}, false},
		{"be:3", "be:r2", [][3]int32{{1, hm(8, 40), hm(8, 40)}, {2, hm(8, 58), hm(8, 58)}}, false},
	}, []gtfs.Transfer{{From: 1, To: 1, Type: 2, MinSeconds: 180}})
	// Walk 2 min to A; egress 1 min at C. Minutes 07:57, 07:58, 07:59.
	got := runOne(t, tt, Query{From: hm(7, 57), To: hm(8, 0), Access: []Leg{{0, 120}}, MaxTransfers: 3},
		[]Egress{{Stop: 2, Cat: 0, Svc: 7, Sec: 60}}, 1)
	// 07:57 → 08:59 arrival: 62 min; 07:58: 61; 07:59 misses the 08:00 bus.
	wantOutcomes(t, got, []Outcome{{62 * 60, 2, 7}, {61 * 60, 2, 7}, {-1, 0, -1}})

	// Without the change time the 08:12 is caught: 07:57 → 08:31.
	tt.Transfers = nil
	got = runOne(t, tt, Query{From: hm(7, 57), To: hm(7, 58), Access: []Leg{{0, 120}}, MaxTransfers: 3},
		[]Egress{{Stop: 2, Cat: 0, Svc: 7, Sec: 60}}, 1)
	wantOutcomes(t, got, []Outcome{{34 * 60, 2, 7}})
	// With no transfer allowed, C is out of reach.
	got = runOne(t, tt, Query{From: hm(7, 57), To: hm(7, 58), Access: []Leg{{0, 120}}, MaxTransfers: 0},
		[]Egress{{Stop: 2, Cat: 0, Svc: 7, Sec: 60}}, 1)
	wantOutcomes(t, got, []Outcome{{-1, 0, -1}})
}

// A trip of the previous service day past midnight (times shifted by the
// reader to below 0) and a trip of the day running past 24:00 both count.
func TestOvernightTrip(t *testing.T) {
	tt := timetable(t, farStops("be:A", "be:B"), []ttrip{
		{"be:late", "be:r", [][3]int32{{0, hm(24, 20), hm(24, 20)}, {1, hm(25, 5), hm(25, 5)}}, false},
	}, nil)
	// Window 24:00–24:02: waits 20 then 19 minutes, rides 45.
	got := runOne(t, tt, Query{From: hm(24, 0), To: hm(24, 2), Access: []Leg{{0, 0}}, MaxTransfers: 3},
		[]Egress{{Stop: 1, Cat: 0, Svc: 0, Sec: 0}}, 1)
	wantOutcomes(t, got, []Outcome{{65 * 60, 1, 0}, {64 * 60, 1, 0}})
}

// A frequencies route every 15 minutes: the wait depends on the minute.
func TestFrequenciesRoute(t *testing.T) {
	var trips []ttrip
	for d := hm(7, 0); d <= hm(9, 0); d += 15 * 60 {
		trips = append(trips, ttrip{"be:f#" + string(rune('a'+(d-hm(7, 0))/900)), "be:f",
			[][3]int32{{0, d, d}, {1, d + 600, d + 600}}, true})
	}
	tt := timetable(t, farStops("be:A", "be:B"), trips, nil)
	got := runOne(t, tt, Query{From: hm(7, 58), To: hm(8, 3), Access: []Leg{{0, 60}}, MaxTransfers: 3},
		[]Egress{{Stop: 1, Cat: 0, Svc: 0, Sec: 120}}, 1)
	// 07:58 walks to A for 07:59, boards 08:00, arrives 08:10, 08:12 at the
	// service: 14 min. 07:59: 13. 08:00 → 08:15 bus: 27, 08:01: 26, 08:02: 25.
	wantOutcomes(t, got, []Outcome{{14 * 60, 1, 0}, {13 * 60, 1, 0}, {27 * 60, 1, 0}, {26 * 60, 1, 0}, {25 * 60, 1, 0}})
}

// A forbidden transfer between two nearby stops forces the slow way.
func TestForbiddenTransfer(t *testing.T) {
	stops := []tstop{{"be:A", 2.80, 50.9}, {"be:B1", 2.95, 50.9}, {"be:B2", 2.9514, 50.9}, {"be:C", 3.1, 50.9}}
	trips := []ttrip{
		{"be:1", "be:r1", [][3]int32{{0, hm(8, 0), hm(8, 0)}, {1, hm(8, 10), hm(8, 10)}}, false},
		{"be:2", "be:r2", [][3]int32{{2, hm(8, 20), hm(8, 20)}, {3, hm(8, 30), hm(8, 30)}}, false},
		{"be:3", "be:r3", [][3]int32{{0, hm(8, 5), hm(8, 5)}, {3, hm(9, 5), hm(9, 5)}}, false},
	}
	eg := []Egress{{Stop: 3, Cat: 0, Svc: 0, Sec: 0}}
	q := Query{From: hm(8, 0), To: hm(8, 1), Access: []Leg{{0, 0}}, MaxTransfers: 3}
	// B1–B2 is about 100 m: walking 1.3 × 100 m at 4.8 km/h < 10 min.
	got := runOne(t, timetable(t, stops, trips, nil), q, eg, 1)
	wantOutcomes(t, got, []Outcome{{30 * 60, 2, 0}})
	got = runOne(t, timetable(t, stops, trips, []gtfs.Transfer{{From: 1, To: 2, Type: 3}}), q, eg, 1)
	wantOutcomes(t, got, []Outcome{{65 * 60, 1, 0}})
}

// A cross-border trip: a Belgian bus to the border, a walk across to a
// French stop of another feed, a French bus on.
func TestCrossBorderChangeOfOperator(t *testing.T) {
	stops := []tstop{{"be:Ieper", 2.885, 50.851}, {"be:grens", 2.9, 50.75}, {"fr:frontiere", 2.9, 50.7482}, {"fr:Lille", 3.06, 50.63}}
	tt := timetable(t, stops, []ttrip{
		{"be:1", "be:r", [][3]int32{{0, hm(7, 30), hm(7, 30)}, {1, hm(7, 50), hm(7, 50)}}, false},
		{"fr:1", "fr:r", [][3]int32{{2, hm(8, 0), hm(8, 0)}, {3, hm(8, 40), hm(8, 40)}}, false},
	}, nil)
	d := geodesic.Distance([2]float64{2.9, 50.75}, [2]float64{2.9, 50.7482})
	walk := StraightSeconds(d, 1.3, 4.8)
	if d < 195 || d > 205 || walk < 190 || walk > 200 { // 200 m × 1.3 at 4.8 km/h ≈ 195 s
		t.Fatalf("border walk %v m, %d s", d, walk)
	}
	got := runOne(t, tt, Query{From: hm(7, 25), To: hm(7, 26), Access: []Leg{{0, 300}}, MaxTransfers: 1},
		[]Egress{{Stop: 3, Cat: 0, Svc: 3, Sec: 300}}, 1)
	// 07:25 → 08:45 at the service: 80 min, two trips, the 195-s walk fits.
	wantOutcomes(t, got, []Outcome{{80 * 60, 2, 3}})
}

// Walking all the way wins when it is as fast; the journey with fewer
// trips wins ties between journeys.
func TestWalkingAndTies(t *testing.T) {
	tt := timetable(t, farStops("be:A", "be:B", "be:C"), []ttrip{
		{"be:1", "be:r1", [][3]int32{{0, hm(8, 0), hm(8, 0)}, {1, hm(8, 10), hm(8, 10)}, {2, hm(8, 20), hm(8, 20)}}, false},
		{"be:2", "be:r2", [][3]int32{{1, hm(8, 10), hm(8, 10)}, {2, hm(8, 20), hm(8, 20)}}, false},
	}, nil)
	eg := []Egress{{Stop: 2, Cat: 0, Svc: 1, Sec: 0}}
	got := runOne(t, tt, Query{From: hm(8, 0), To: hm(8, 1), Access: []Leg{{0, 0}}, MaxTransfers: 3}, eg, 1)
	wantOutcomes(t, got, []Outcome{{20 * 60, 1, 1}})
	got = runOne(t, tt, Query{From: hm(8, 0), To: hm(8, 1), Access: []Leg{{0, 0}}, MaxTransfers: 3,
		Direct: []Walk{{Cat: 0, Sec: 20 * 60, Svc: 0}}}, eg, 1)
	wantOutcomes(t, got, []Outcome{{20 * 60, 0, 0}})
}

func TestBadQueryAndTimetable(t *testing.T) {
	tt := timetable(t, farStops("be:A", "be:B"), nil, nil)
	net, err := Build(tt, NetworkOptions{})
	if err != nil {
		t.Fatal(err)
	}
	s := NewSearch(net, NewTargets(2, 1, nil))
	var p Profile
	if err := s.Run(&Query{From: 0, To: 60, MaxTravel: 0}, &p); !errors.Is(err, ErrQuery) {
		t.Errorf("max travel 0: %v", err)
	}
	bad := timetable(t, farStops("be:A", "be:B"), []ttrip{{"be:x", "be:r", [][3]int32{{0, 100, 100}, {1, 50, 50}}, false}}, nil)
	if _, err := Build(bad, NetworkOptions{}); err == nil {
		t.Error("decreasing times accepted")
	}
	bad.Trips[0].Times[1] = gtfs.StopTime{Stop: 9, Arrival: 200, Departure: 200}
	if _, err := Build(bad, NetworkOptions{}); err == nil {
		t.Error("unknown stop accepted")
	}
}
