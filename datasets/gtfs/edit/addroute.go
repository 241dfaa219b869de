package edit

import (
	"fmt"
	"github.com/partons/partons/datasets/gtfs"
	"math"
	"sort"
)

// NewRoute is a route a scenario adds: a line through existing stops or
// new ones, run at a fixed headway.
type NewRoute struct {
	// ID names the route within ScenarioFeed ("scenario:ID").
	ID string
	// Type is the GTFS route_type as it is: 3 for a bus (the zero value,
	// 0, is a tram).
	Type int
	// Stops are called in order: an existing stop by its namespaced ID,
	// or a new stop at Lon, Lat (ID empty).
	Stops []RouteStop
	// RunSeconds are the running times between consecutive stops
	// (len(Stops)−1 values, each above 0); there is no dwell time.
	RunSeconds []int32
	// First and Last are the first and the latest departure from the first
	// stop (GTFS seconds, Last ≥ First); HeadwaySeconds (> 0) separates
	// departures.
	First, Last, HeadwaySeconds int32
	// BothWays adds the return direction too, the stops reversed, at the
	// same departure times from its own first stop.
	BothWays bool
}

// RouteStop is a stop of a NewRoute.
type RouteStop struct {
	ID       string  // an existing stop, namespaced; or "" for a new stop
	Name     string  // of a new stop
	Lon, Lat float64 // of a new stop, WGS84 degrees
}

// AddRoute adds a route: its new stops (ids "scenario:ROUTE-N", N the
// 1-based position on the route), its trips ("scenario:ROUTE#HHMMSS",
// the return direction "scenario:ROUTE-back#HHMMSS"), and the feed
// ScenarioFeed when the Timetable has none. Stops are sorted again, so
// stop indices of the result differ from the argument's when new stops
// come before old ones.
func AddRoute(tt *gtfs.Timetable, r NewRoute) (*gtfs.Timetable, error) {
	if err := r.check(tt); err != nil {
		return nil, err
	}
	c := clone(tt)
	feed := int32(-1)
	for i, f := range c.Feeds {
		if f.Name == ScenarioFeed {
			feed = int32(i)
		}
	}
	if feed < 0 {
		feed = int32(len(c.Feeds))
		c.Feeds = append(c.Feeds, gtfs.Feed{Name: ScenarioFeed, Start: c.Date, End: c.Date, Running: true})
	}
	// Stops by id, new ones appended, then everything re-sorted.
	ids := make([]string, len(r.Stops))
	for k, s := range r.Stops {
		ids[k] = s.ID
		if s.ID == "" {
			ids[k] = fmt.Sprintf("%s:%s-%d", ScenarioFeed, r.ID, k+1)
			name := s.Name
			if name == "" {
				name = fmt.Sprintf("%s stop %d", r.ID, k+1)
			}
			c.Stops = append(c.Stops, gtfs.Stop{ID: ids[k], Name: name, Lon: s.Lon, Lat: s.Lat, Feed: feed})
		}
	}
	resortStops(c)
	index := make(map[string]int32, len(c.Stops))
	for i, s := range c.Stops {
		index[s.ID] = int32(i)
	}
	route := ScenarioFeed + ":" + r.ID
	dirs := [][]int{make([]int, len(ids))}
	for k := range ids {
		dirs[0][k] = k
	}
	if r.BothWays {
		back := make([]int, len(ids))
		for k := range ids {
			back[k] = len(ids) - 1 - k
		}
		dirs = append(dirs, back)
	}
	for d, order := range dirs {
		prefix := route
		if d == 1 {
			prefix += "-back"
		}
		for dep := r.First; dep <= r.Last; dep += r.HeadwaySeconds {
			t := gtfs.Trip{ID: fmt.Sprintf("%s#%02d%02d%02d", prefix, dep/3600, dep/60%60, dep%60), RouteID: route, Feed: feed, RouteType: r.Type}
			at := dep
			for k, si := range order {
				if k > 0 {
					run := r.RunSeconds[min(si, order[k-1])] // the leg between the two stops, either way
					at += run
				}
				t.Times = append(t.Times, gtfs.StopTime{Stop: index[ids[si]], Arrival: at, Departure: at})
			}
			c.Trips = append(c.Trips, t)
		}
	}
	sortTrips(c.Trips)
	return c, nil
}

func (r *NewRoute) check(tt *gtfs.Timetable) error {
	bad := func(format string, args ...any) error {
		return editError("add_route %q: %s", r.ID, fmt.Sprintf(format, args...))
	}
	switch {
	case r.ID == "":
		return editError("add_route: the route needs an id")
	case len(r.Stops) < 2:
		return bad("%d stops: a route needs at least 2", len(r.Stops))
	case len(r.RunSeconds) != len(r.Stops)-1:
		return bad("%d running times for %d stops: want one between each two consecutive stops (%d)", len(r.RunSeconds), len(r.Stops), len(r.Stops)-1)
	case r.HeadwaySeconds <= 0:
		return bad("headway %d s: want more than 0", r.HeadwaySeconds)
	case r.First < 0 || r.Last < r.First:
		return bad("first departure %s, last %s: want 0 ≤ first ≤ last", gtfs.FormatTime(r.First), gtfs.FormatTime(r.Last))
	case (r.Last-r.First)/r.HeadwaySeconds > 100_000:
		return bad("more than 100000 departures: check the headway")
	}
	for k, s := range r.RunSeconds {
		if s <= 0 {
			return bad("running time %d (between stops %d and %d) is %d s: want more than 0", k+1, k+1, k+2, s)
		}
	}
	known := make(map[string]bool, len(tt.Stops))
	for _, s := range tt.Stops {
		known[s.ID] = true
	}
	for _, t := range tt.Trips {
		if t.RouteID == ScenarioFeed+":"+r.ID {
			return bad("a route with this id is already in the timetable")
		}
	}
	for k, s := range r.Stops {
		switch {
		case s.ID != "" && !known[s.ID]:
			return bad("stop %d: unknown stop %q (ids are namespaced, feed:stop)", k+1, s.ID)
		case s.ID == "" && (math.IsNaN(s.Lon) || math.IsNaN(s.Lat) || s.Lon < -180 || s.Lon > 180 || s.Lat < -90 || s.Lat > 90 || s.Lon == 0 && s.Lat == 0):
			return bad("stop %d: coordinates %v, %v are not WGS84 lon, lat", k+1, s.Lon, s.Lat)
		}
	}
	return nil
}

// resortStops sorts c.Stops by ID and renumbers every stop index in trips
// and transfers (trips get new gtfs.StopTime slices when an index changes).
func resortStops(c *gtfs.Timetable) {
	order := make([]int32, len(c.Stops))
	for i := range order {
		order[i] = int32(i)
	}
	sort.SliceStable(order, func(i, j int) bool { return c.Stops[order[i]].ID < c.Stops[order[j]].ID })
	remap := make([]int32, len(c.Stops))
	stops := make([]gtfs.Stop, len(c.Stops))
	changed := false
	for n, o := range order {
		remap[o] = int32(n)
		stops[n] = c.Stops[o]
		changed = changed || int32(n) != o
	}
	c.Stops = stops
	if !changed {
		return
	}
	for i := range c.Trips {
		times := make([]gtfs.StopTime, len(c.Trips[i].Times))
		for k, s := range c.Trips[i].Times {
			s.Stop = remap[s.Stop]
			times[k] = s
		}
		c.Trips[i].Times = times
	}
	for i := range c.Transfers {
		c.Transfers[i].From = remap[c.Transfers[i].From]
		c.Transfers[i].To = remap[c.Transfers[i].To]
	}
	sort.SliceStable(c.Transfers, func(i, j int) bool {
		a, b := c.Transfers[i], c.Transfers[j]
		if a.From != b.From {
			return a.From < b.From
		}
		return a.To < b.To
	})
}
