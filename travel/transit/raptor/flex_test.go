package raptor

import (
	"testing"
)

// A village in a zone with no bus: the only journey is an on-demand ride
// straight to the service, booked 10 minutes ahead (Pre), riding 15,
// picked up between 08:00 and 09:00 and dropped off by 09:30.
func TestFlexDirectRide(t *testing.T) {
	tt := timetable(t, farStops("be:A", "be:B"), nil, nil)
	leg := FlexLeg{Stop: -1, Cat: 0, Svc: 5, Pre: 600, Ride: 900, MaxTransfers: 1,
		Windows: []FlexWindow{{PickFrom: hm(8, 0), PickTo: hm(9, 0), DropFrom: hm(8, 0), DropTo: hm(9, 30)}}}
	// 07:58: picked up at 08:08 at the earliest → 08:23, 25 min; the same
	// from 07:59 and 08:00.
	got := runOne(t, tt, Query{From: hm(7, 58), To: hm(8, 1), Flex: []FlexLeg{leg}, MaxTransfers: 3}, nil, 1)
	wantOutcomes(t, got, []Outcome{{25 * 60, 1, 5}, {25 * 60, 1, 5}, {25 * 60, 1, 5}})
	// Outside operating hours: 08:50 is picked up at 09:00, the last
	// pick-up (25 min); 08:51 would be picked up at 09:01: no ride.
	got = runOne(t, tt, Query{From: hm(8, 50), To: hm(8, 52), Flex: []FlexLeg{leg}, MaxTransfers: 3}, nil, 1)
	wantOutcomes(t, got, []Outcome{{25 * 60, 1, 5}, {-1, 0, -1}})
	// Before the service starts, a ride booked at 06:00 waits for 08:00:
	// 135 minutes, beyond a 120-minute limit.
	got = runOne(t, tt, Query{From: hm(6, 0), To: hm(6, 1), Flex: []FlexLeg{leg}, MaxTransfers: 3, MaxTravel: 180 * 60}, nil, 1)
	wantOutcomes(t, got, []Outcome{{135 * 60, 1, 5}})
	got = runOne(t, tt, Query{From: hm(6, 0), To: hm(6, 1), Flex: []FlexLeg{leg}, MaxTransfers: 3, MaxTravel: 120 * 60}, nil, 1)
	wantOutcomes(t, got, []Outcome{{-1, 0, -1}})
	// Walking there in 30 minutes wins over a 30-minute ride.
	got = runOne(t, tt, Query{From: hm(8, 5), To: hm(8, 6), Flex: []FlexLeg{leg}, MaxTransfers: 3,
		Direct: []Walk{{Cat: 0, Svc: 9, Sec: 25 * 60}}}, nil, 1)
	wantOutcomes(t, got, []Outcome{{25 * 60, 0, 9}})
}

// A ride to stop A, then the 08:30 bus to B (egress 1 minute): a
// journey of two trips, allowed only when the ride's own limit lets one
// fixed-route trip follow it.
func TestFlexRideToABus(t *testing.T) {
	tt := timetable(t, farStops("be:A", "be:B"), []ttrip{
		{"be:1", "be:r", [][3]int32{{0, hm(8, 30), hm(8, 30)}, {1, hm(8, 50), hm(8, 50)}}, false},
	}, nil)
	leg := FlexLeg{Stop: 0, Pre: 0, Ride: 600, MaxTransfers: 1,
		Windows: []FlexWindow{{PickFrom: hm(7, 0), PickTo: hm(18, 0), DropFrom: hm(7, 0), DropTo: hm(18, 0)}}}
	eg := []Egress{{Stop: 1, Cat: 0, Svc: 3, Sec: 60}}
	// 08:00 → A 08:10 → bus 08:30 → B 08:50 → 08:51: 51 minutes. With 3
	// transfers the ride takes round 3 of 4, the bus round 4.
	got := runOne(t, tt, Query{From: hm(8, 0), To: hm(8, 1), Flex: []FlexLeg{leg}, MaxTransfers: 3}, eg, 1)
	wantOutcomes(t, got, []Outcome{{51 * 60, 4, 3}})
	// 08:21 reaches A at 08:31: the bus is gone.
	got = runOne(t, tt, Query{From: hm(8, 21), To: hm(8, 22), Flex: []FlexLeg{leg}, MaxTransfers: 3}, eg, 1)
	wantOutcomes(t, got, []Outcome{{-1, 0, -1}})
	// No transfer allowed after the ride: no journey.
	leg.MaxTransfers = 0
	got = runOne(t, tt, Query{From: hm(8, 0), To: hm(8, 1), Flex: []FlexLeg{leg}, MaxTransfers: 3}, eg, 1)
	wantOutcomes(t, got, []Outcome{{-1, 0, -1}})
	// Nor when the query itself allows none.
	leg.MaxTransfers = 1
	got = runOne(t, tt, Query{From: hm(8, 0), To: hm(8, 1), Flex: []FlexLeg{leg}, MaxTransfers: 0}, eg, 1)
	wantOutcomes(t, got, []Outcome{{-1, 0, -1}})
}

// A ride drops off at stop F, which no trip serves; the bus leaves from
// B, about 300 m away, at 08:30. Without footpaths from every stop the journey
// cannot walk on from F; with them it does (300 m × 1.3 at 4.8 km/h:
// about 5 minutes): 08:00 → F 08:10 → B 08:14:53 → bus 08:30 → C 08:50 → 08:51.
func TestFlexDropOffWalksOn(t *testing.T) {
	stops := []tstop{{"be:F", 2.8, 50.9}, {"be:B", 2.8 + 300/(111319.49*0.6293), 50.9}, {"be:C", 3.2, 50.9}}
	tt := timetable(t, stops, []ttrip{
		{"be:1", "be:r", [][3]int32{{1, hm(8, 30), hm(8, 30)}, {2, hm(8, 50), hm(8, 50)}}, false},
	}, nil)
	leg := FlexLeg{Stop: 0, Ride: 600, MaxTransfers: 1,
		Windows: []FlexWindow{{PickFrom: hm(7, 0), PickTo: hm(18, 0), DropFrom: hm(7, 0), DropTo: hm(18, 0)}}}
	q := Query{From: hm(8, 0), To: hm(8, 1), Flex: []FlexLeg{leg}, MaxTransfers: 3, MaxTravel: DefaultMaxTravelSec}
	eg := NewTargets(3, 1, []Egress{{Stop: 2, Cat: 0, Svc: 3, Sec: 60}})
	for _, tc := range []struct {
		every bool
		want  Outcome
	}{{false, Outcome{-1, 0, -1}}, {true, Outcome{51 * 60, 4, 3}}} {
		net, err := Build(tt, NetworkOptions{FootpathsFromEveryStop: tc.every})
		if err != nil {
			t.Fatal(err)
		}
		checkInvariants(t, net)
		var p Profile
		if err := NewSearch(net, eg).Run(&q, &p); err != nil {
			t.Fatal(err)
		}
		if got := p.Dense(); len(got) != 1 || got[0] != tc.want {
			t.Errorf("footpaths from every stop %v: %+v, want %+v", tc.every, got, tc.want)
		}
	}
}

func TestFlexArriveNeverDecreases(t *testing.T) {
	l := FlexLeg{Pre: 300, Ride: 1200, Windows: []FlexWindow{
		{hm(7, 0), hm(9, 0), hm(7, 0), hm(9, 10)}, {hm(12, 0), hm(13, 0), hm(12, 30), hm(14, 0)}}}
	prev := int32(-1)
	for m := hm(6, 0); m < hm(14, 0); m += 60 {
		a, ok := l.Arrive(m)
		if !ok {
			prev = inf
			continue
		}
		if a < prev {
			t.Fatalf("minute %d: %d after %d", m, a, prev)
		}
		prev = a
	}
	// 08:50 + 5 = 08:55, + 20 = 09:15 > 09:10: the morning window is
	// missed, the noon one drops off at 12:30 (picked up at 12:00).
	if a, ok := l.Arrive(hm(8, 50)); !ok || a != hm(12, 30) {
		t.Errorf("08:50: %d %v", a, ok)
	}
}
