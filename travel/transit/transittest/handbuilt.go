package transittest

import "github.com/partons/partons/datasets/gtfs"

// HM is a GTFS time (seconds after noon minus 12 h) from hours and minutes.
func HM(h, m int) int32 { return int32(h*3600 + m*60) }

// Stop is a stop of a hand-built timetable; an ID starting "fr" is in
// the second feed ("fr"), any other in the first ("be").
type Stop struct {
	ID       string
	Lon, Lat float64
}

// Trip is a trip of a hand-built timetable: its calls are (stop index,
// arrival, departure); Freq makes it an exact-times frequency trip.
type Trip struct {
	ID, Route string
	Calls     [][3]int32
	Freq      bool
}

// Timetable builds a timetable of two feeds, "be" and "fr", from stops,
// trips and transfers, in the Timetable's documented order.
func Timetable(stops []Stop, trips []Trip, transfers []gtfs.Transfer) *gtfs.Timetable {
	tt := &gtfs.Timetable{Feeds: []gtfs.Feed{{Name: "be"}, {Name: "fr"}}, Counts: map[string]int{}}
	for _, s := range stops {
		f := int32(0)
		if len(s.ID) >= 2 && s.ID[:2] == "fr" {
			f = 1
		}
		tt.Stops = append(tt.Stops, gtfs.Stop{ID: s.ID, Lon: s.Lon, Lat: s.Lat, Feed: f})
	}
	for _, tr := range trips {
		g := gtfs.Trip{ID: tr.ID, RouteID: tr.Route, Frequency: tr.Freq, Exact: tr.Freq}
		for _, c := range tr.Calls {
			g.Times = append(g.Times, gtfs.StopTime{Stop: c[0], Arrival: c[1], Departure: c[2]})
		}
		tt.Trips = append(tt.Trips, g)
	}
	tt.Transfers = transfers
	Sort(tt)
	return tt
}

// FarStops are stops 0.15° of longitude (about 10 km) apart along 50.9 N:
// no footpath joins any two. S is Stop or a test's own type of it.
func FarStops[S ~struct {
	ID       string
	Lon, Lat float64
}](ids ...string) []S {
	var s []S
	for i, id := range ids {
		s = append(s, S(Stop{ID: id, Lon: 2.8 + 0.15*float64(i), Lat: 50.9}))
	}
	return s
}

// Stops converts a test's own type of Stop.
func Stops[S ~struct {
	ID       string
	Lon, Lat float64
}](ss []S) []Stop {
	out := make([]Stop, len(ss))
	for i, s := range ss {
		out[i] = Stop(s)
	}
	return out
}

// Trips converts a test's own type of Trip.
func Trips[T ~struct {
	ID, Route string
	Calls     [][3]int32
	Freq      bool
}](ts []T) []Trip {
	out := make([]Trip, len(ts))
	for i, t := range ts {
		out[i] = Trip(t)
	}
	return out
}
