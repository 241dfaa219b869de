package transit

import (
	"testing"

	"github.com/partons/partons/datasets/gtfs"
	"github.com/partons/partons/travel/transit/transittest"
)

// hm is a GTFS time from hours and minutes.
func hm(h, m int) int32 { return int32(h*3600 + m*60) }

// tstop is a stop of a hand-built timetable.
type tstop struct {
	id       string
	lon, lat float64
}

// ttrip: route id and (stop index, arrival, departure) calls.
type ttrip struct {
	id, route string
	calls     [][3]int32
	freq      bool
}

func timetable(t testing.TB, stops []tstop, trips []ttrip, transfers []gtfs.Transfer) *gtfs.Timetable {
	t.Helper()
	tt := &gtfs.Timetable{Feeds: []gtfs.Feed{{Name: "be"}, {Name: "fr"}}, Counts: map[string]int{}}
	for _, s := range stops {
		f := int32(0)
		if s.id[:2] == "fr" {
			f = 1
		}
		tt.Stops = append(tt.Stops, gtfs.Stop{ID: s.id, Lon: s.lon, Lat: s.lat, Feed: f})
	}
	for _, tr := range trips {
		g := gtfs.Trip{ID: tr.id, RouteID: tr.route, Frequency: tr.freq, Exact: tr.freq}
		for _, c := range tr.calls {
			g.Times = append(g.Times, gtfs.StopTime{Stop: c[0], Arrival: c[1], Departure: c[2]})
		}
		tt.Trips = append(tt.Trips, g)
	}
	tt.Transfers = transfers
	transittest.Sort(tt)
	return tt
}

// farStops are stops 10 km apart: no footpath between any two.
func farStops(ids ...string) []tstop {
	var s []tstop
	for i, id := range ids {
		s = append(s, tstop{id, 2.8 + 0.15*float64(i), 50.9})
	}
	return s
}
