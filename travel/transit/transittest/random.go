package transittest

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"time"

	"github.com/partons/partons/datasets/gtfs"
)

// RandomOptions shape a random timetable.
type RandomOptions struct {
	Stops, Routes, TripsPerRoute int
	// SpanM is the side of the square the stops lie in (metres), around
	// Lon, Lat.
	SpanM    float64
	Lon, Lat float64
	// First and Last bound the first departures of trips (GTFS seconds).
	First, Last int32
	// Transfers is the number of random transfers.txt rules.
	Transfers int
}

// DefaultRandom is small enough for an exhaustive oracle: 25 stops in
// 3 km, 8 routes of 12 trips between 06:30 and 09:30, 10 transfer rules.
var DefaultRandom = RandomOptions{Stops: 25, Routes: 8, TripsPerRoute: 12, SpanM: 3000,
	Lon: 2.88, Lat: 50.85, First: 6*3600 + 1800, Last: 9*3600 + 1800, Transfers: 10}

// Random returns a random timetable: routes over random stop sequences
// (sometimes visiting a stop twice), trips at random times with random
// running times (so some overtake others), random no-pickup/no-drop-off
// calls, and random transfers.txt rules of every type, some at one stop.
// Two feeds ("a", "b") share the stops half and half.
func Random(seed uint64, o RandomOptions) *gtfs.Timetable {
	r := rand.New(rand.NewPCG(seed, 0x7261707))
	tt := &gtfs.Timetable{Date: time.Date(2026, 3, 10, 0, 0, 0, 0, time.UTC), Counts: map[string]int{},
		Feeds: []gtfs.Feed{{Name: "a", Timezone: "Europe/Brussels", Running: true}, {Name: "b", Timezone: "Europe/Paris", Running: true}}}
	dLat := o.SpanM / 111320
	dLon := o.SpanM / (111320 * math.Cos(o.Lat*math.Pi/180))
	for i := 0; i < o.Stops; i++ {
		f := int32(i % 2)
		tt.Stops = append(tt.Stops, gtfs.Stop{
			ID:   fmt.Sprintf("%s:s%03d", tt.Feeds[f].Name, i),
			Name: fmt.Sprintf("Stop %d", i),
			Lon:  o.Lon + (r.Float64()-0.5)*dLon, Lat: o.Lat + (r.Float64()-0.5)*dLat, Feed: f})
	}
	sortStops(tt)
	for ri := 0; ri < o.Routes; ri++ {
		n := 2 + r.IntN(6)
		seq := make([]int32, n)
		for i := range seq {
			seq[i] = int32(r.IntN(o.Stops))
			for i > 0 && seq[i] == seq[i-1] {
				seq[i] = int32(r.IntN(o.Stops))
			}
		}
		noPick := make([]bool, n)
		noDrop := make([]bool, n)
		for i := range seq {
			noPick[i] = r.IntN(8) == 0
			noDrop[i] = r.IntN(8) == 0
		}
		hops := make([]int32, n)
		for i := 1; i < n; i++ {
			hops[i] = int32(60 + r.IntN(600))
		}
		f := int32(ri % 2)
		for ti := 0; ti < o.TripsPerRoute; ti++ {
			t := o.First + int32(r.IntN(int(o.Last-o.First)))
			slow := 1.0
			if r.IntN(4) == 0 {
				slow = 1.6
			}
			trip := gtfs.Trip{ID: fmt.Sprintf("%s:r%02d-t%02d", tt.Feeds[f].Name, ri, ti),
				RouteID: fmt.Sprintf("%s:r%02d", tt.Feeds[f].Name, ri), Feed: f, RouteType: 3}
			for i, s := range seq {
				if i > 0 {
					t += int32(float64(hops[i]) * slow)
				}
				dwell := int32(0)
				if r.IntN(3) == 0 {
					dwell = int32(r.IntN(120))
				}
				trip.Times = append(trip.Times, gtfs.StopTime{Stop: s, Arrival: t, Departure: t + dwell,
					NoPickup: noPick[i], NoDropOff: noDrop[i]})
				t += dwell
			}
			tt.Trips = append(tt.Trips, trip)
		}
	}
	for i := 0; i < o.Transfers; i++ {
		a := int32(r.IntN(o.Stops))
		b := a
		if r.IntN(2) == 0 {
			b = int32(r.IntN(o.Stops))
		}
		typ := uint8(r.IntN(4))
		tr := gtfs.Transfer{From: a, To: b, Type: typ}
		if typ == 2 {
			tr.MinSeconds = int32(r.IntN(900))
		}
		tt.Transfers = append(tt.Transfers, tr)
	}
	Sort(tt)
	return tt
}

// sortStops sorts stops by id before any index refers to them.
func sortStops(tt *gtfs.Timetable) {
	sort.Slice(tt.Stops, func(a, b int) bool { return tt.Stops[a].ID < tt.Stops[b].ID })
}

// Sort puts trips and transfers in the Timetable's documented order and
// drops duplicate transfers (the first of each pair wins).
func Sort(tt *gtfs.Timetable) {
	sort.SliceStable(tt.Trips, func(a, b int) bool {
		x, y := tt.Trips[a], tt.Trips[b]
		if x.Times[0].Departure != y.Times[0].Departure {
			return x.Times[0].Departure < y.Times[0].Departure
		}
		return x.ID < y.ID
	})
	sort.SliceStable(tt.Transfers, func(a, b int) bool {
		x, y := tt.Transfers[a], tt.Transfers[b]
		if x.From != y.From {
			return x.From < y.From
		}
		return x.To < y.To
	})
	out := tt.Transfers[:0]
	for _, t := range tt.Transfers {
		if len(out) > 0 && t.From == out[len(out)-1].From && t.To == out[len(out)-1].To {
			continue
		}
		out = append(out, t)
	}
	tt.Transfers = out
}
