package ondemand

import (
	"math"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/partons/partons/datasets/gtfs"
	"github.com/partons/partons/datasets/gtfs/flex"
	"github.com/partons/partons/geo/geodesic"
	"github.com/partons/partons/travel/transit/raptor"
)

func hm(h, m int) int32 { return int32(h*3600 + m*60) }

// Two GTFS-Flex trips between stop A and stop B, one booked the same day
// 45 minutes ahead, one the day before: only the first is a ride.
func TestFlexBookingRules(t *testing.T) {
	a, b := orb.Point{2.80, 50.9}, orb.Point{2.90, 50.9}
	tt := &gtfs.Timetable{Stops: []gtfs.Stop{{ID: "f:A", Lon: a[0], Lat: a[1]}, {ID: "f:B", Lon: b[0], Lat: b[1]}}}
	net, err := raptor.Build(tt, raptor.NetworkOptions{})
	if err != nil {
		t.Fatal(err)
	}
	fx := &flex.Flex{Feed: "f",
		Groups: []flex.Group{{ID: "f:gA", Stops: []string{"f:A"}}, {ID: "f:gB", Stops: []string{"f:B"}}},
		BookingRules: []flex.BookingRule{{ID: "f:same", Type: 1, PriorNoticeMinMin: 45},
			{ID: "f:before", Type: 2, PriorNoticeLastDay: 1, PriorNoticeLastTime: hm(17, 0)}},
	}
	for _, tr := range []struct{ id, rule string }{{"f:t1", "f:same"}, {"f:t2", "f:before"}} {
		fx.Windows = append(fx.Windows,
			flex.Window{Trip: tr.id, Service: "f:wk", Sequence: 1, Group: "f:gA", Start: hm(8, 0), End: hm(18, 0), DropOffType: 1, PickupType: 2, PickupRule: tr.rule},
			flex.Window{Trip: tr.id, Service: "f:wk", Sequence: 2, Group: "f:gB", Start: hm(8, 0), End: hm(18, 30), PickupType: 1})
	}
	runs := func(feed, svc string, _ time.Time) bool { return feed == "f" && svc == "wk" }
	pl, err := New(net, Config{Flex: []*flex.Flex{fx}, Date: time.Date(2026, 12, 7, 0, 0, 0, 0, time.UTC), Runs: runs, MaxWalkM: 1200})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{"ondemand_trips_running": 2, "ondemand_prior_day_booking": 1, "ondemand_windows_used": 2,
		"ondemand_windows_unpaired": 2, "ondemand_offers": 1}
	for k, v := range want {
		if pl.Counts[k] != v {
			t.Errorf("%s = %d, want %d (%v)", k, pl.Counts[k], v, pl.Counts)
		}
	}
	// A village 100 m from A: walks there (well within the lead time),
	// books 45 minutes ahead and rides the direct car time (the trip
	// gives no duration factor).
	v := orb.Point{2.80, 50.9009}
	legs := pl.For(nil).Legs(v, 3, nil)
	car := math.Ceil(geodesic.Distance(a, b) * DefaultCarDetour * 3.6 / DefaultCarKmh)
	if len(legs) != 1 {
		t.Fatalf("legs %+v", legs)
	}
	l := legs[0]
	if l.Stop != 1 || l.Pre != 45*60 || float64(l.Ride) != car || l.MaxTransfers != 3 ||
		len(l.Windows) != 1 || l.Windows[0] != (raptor.FlexWindow{PickFrom: hm(8, 0), PickTo: hm(18, 0), DropFrom: hm(8, 0), DropTo: hm(18, 30)}) {
		t.Errorf("leg %+v, want stop 1, pre 2700, ride %v", l, car)
	}
	// 2 km from A: beyond the walk, no ride.
	if legs := pl.Legs(orb.Point{2.80, 50.92}, 3, nil); len(legs) != 0 {
		t.Errorf("far village: %+v", legs)
	}
}
