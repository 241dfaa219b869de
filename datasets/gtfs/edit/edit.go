package edit

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/gtfs"
)

// ScenarioFeed is the feed name of the stops, routes and trips that
// AddRoute creates (gtfs.Load refuses it for a real feed).
const ScenarioFeed = gtfs.ScenarioFeed

func editError(format string, args ...any) error {
	return fmt.Errorf("%w: %s", datasets.ErrInvalid, fmt.Sprintf(format, args...))
}

// clone copies the Timetable's slices and maps (not the gtfs.StopTime slices).
func clone(tt *gtfs.Timetable) *gtfs.Timetable {
	c := *tt
	c.Feeds = append([]gtfs.Feed(nil), tt.Feeds...)
	c.Stops = append([]gtfs.Stop(nil), tt.Stops...)
	c.Trips = append([]gtfs.Trip(nil), tt.Trips...)
	c.Transfers = append([]gtfs.Transfer(nil), tt.Transfers...)
	c.Files = append([]gtfs.FileRows(nil), tt.Files...)
	c.Warnings = append([]string(nil), tt.Warnings...)
	if tt.Counts != nil {
		c.Counts = make(map[string]int, len(tt.Counts))
		for k, v := range tt.Counts {
			c.Counts[k] = v
		}
	}
	return &c
}

// routeSet resolves route ids: "feed:route", or a bare "route" when the
// gtfs.Timetable has one feed. Every id must have a trip on the Timetable's day.
func routeSet(tt *gtfs.Timetable, ids []string, edit string) (map[string]bool, error) {
	has := map[string]bool{}
	for _, t := range tt.Trips {
		has[t.RouteID] = true
	}
	set := map[string]bool{}
	for _, id := range ids {
		if !strings.Contains(id, ":") {
			if len(tt.Feeds) != 1 {
				return nil, editError("%s: route %q: name its feed (feed:route), there are %d feeds", edit, id, len(tt.Feeds))
			}
			id = tt.Feeds[0].Name + ":" + id
		}
		if !has[id] {
			return nil, editError("%s: route %q has no trip on %s (unknown id, or not running that day)", edit, id, tt.Date.Format("2006-01-02"))
		}
		set[id] = true
	}
	return set, nil
}

// RemoveRoutes removes every trip of the routes (their stops stay, and
// transfers with them).
func RemoveRoutes(tt *gtfs.Timetable, routes []string) (*gtfs.Timetable, error) {
	set, err := routeSet(tt, routes, "remove_routes")
	if err != nil {
		return nil, err
	}
	c := clone(tt)
	c.Trips = c.Trips[:0:0]
	for _, t := range tt.Trips {
		if !set[t.RouteID] {
			c.Trips = append(c.Trips, t)
		}
	}
	return c, nil
}

// MaxScaleFactor bounds ScaleFrequency's factor (a tenfold service is
// already a new line; a huge factor would ask for millions of trips).
const MaxScaleFactor = 20

// ScaleFrequency multiplies the number of trips of the routes by factor,
// pattern by pattern (a pattern is a route's trips calling at the same
// stops in the same order); each pattern keeps its first trip:
//   - factor < 1 keeps trips evenly: trip i (in departure order, from 0)
//     is kept when ⌊i·factor⌋ > ⌊(i−1)·factor⌋, so 0.5 keeps trips 0, 2,
//     4, …;
//   - factor > 1 inserts ⌊(i+1)(factor−1)⌋ − ⌊i(factor−1)⌋ trips evenly in
//     the gap after trip i, each a copy of trip i (same running and
//     dwell times) shifted in time, id suffixed "+1", "+2", …; so 2
//     inserts one trip half-way in every gap (n trips become 2n−1).
//
// A pattern with one trip has no gap to fill: a warning says so.
func ScaleFrequency(tt *gtfs.Timetable, routes []string, factor float64) (*gtfs.Timetable, error) {
	if !(factor > 0) || factor > MaxScaleFactor {
		return nil, editError("scale_frequency: factor %v: want a number above 0 and at most %d (remove_routes removes a route)", factor, MaxScaleFactor)
	}
	set, err := routeSet(tt, routes, "scale_frequency")
	if err != nil {
		return nil, err
	}
	if factor == 1 {
		return clone(tt), nil
	}
	c := clone(tt)
	patterns := map[string][]int{} // pattern key → trip indices in tt.Trips (sorted by departure)
	var keys []string
	c.Trips = c.Trips[:0:0]
	for i, t := range tt.Trips {
		if !set[t.RouteID] {
			c.Trips = append(c.Trips, t)
			continue
		}
		var b strings.Builder
		b.WriteString(t.RouteID)
		for _, s := range t.Times {
			fmt.Fprintf(&b, "|%d", s.Stop)
		}
		k := b.String()
		if _, ok := patterns[k]; !ok {
			keys = append(keys, k)
		}
		patterns[k] = append(patterns[k], i)
	}
	fl := func(x float64) float64 { return math.Floor(x + 1e-9) }
	for _, k := range keys {
		idx := patterns[k]
		if factor < 1 {
			for i, ti := range idx {
				if i == 0 || fl(float64(i)*factor) > fl(float64(i-1)*factor) {
					c.Trips = append(c.Trips, tt.Trips[ti])
				}
			}
			continue
		}
		if len(idx) == 1 {
			c.Warnings = append(c.Warnings, fmt.Sprintf("scale_frequency: route %s runs one trip (%s) on this pattern: no gap to add trips in",
				tt.Trips[idx[0]].RouteID, tt.Trips[idx[0]].ID))
		}
		for i, ti := range idx {
			t := tt.Trips[ti]
			c.Trips = append(c.Trips, t)
			if i == len(idx)-1 {
				break
			}
			extra := int(fl(float64(i+1)*(factor-1)) - fl(float64(i)*(factor-1)))
			gap := float64(tt.Trips[idx[i+1]].Times[0].Departure - t.Times[0].Departure)
			for j := 1; j <= extra; j++ {
				shift := int32(math.Round(gap * float64(j) / float64(extra+1)))
				n := t
				n.ID = fmt.Sprintf("%s+%d", t.ID, j)
				n.Times = make([]gtfs.StopTime, len(t.Times))
				for s, st := range t.Times {
					st.Arrival += shift
					st.Departure += shift
					n.Times[s] = st
				}
				c.Trips = append(c.Trips, n)
			}
		}
	}
	sortTrips(c.Trips)
	return c, nil
}

func sortTrips(trips []gtfs.Trip) {
	sort.SliceStable(trips, func(i, j int) bool {
		a, b := &trips[i], &trips[j]
		if a.Times[0].Departure != b.Times[0].Departure {
			return a.Times[0].Departure < b.Times[0].Departure
		}
		return a.ID < b.ID
	})
}
