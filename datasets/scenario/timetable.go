package scenario

import (
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/config"
	"github.com/partons/partons/datasets/gtfs"
	"github.com/partons/partons/datasets/gtfs/edit"
)

// Timetable changes edit the base's public-transport timetable. Routes
// are named as the timetable names them: "feed:route", feed being the
// feed's name (its file or folder name without extension) and route the
// route_id of its routes.txt; a bare route_id is enough when the base has
// one feed. Stops are named the same way ("feed:stop_id").

// RemoveRoutes removes every trip of the routes.
type RemoveRoutes struct {
	Routes []string `yaml:"routes" json:"routes,omitempty"`
}

// ScaleFrequency multiplies the number of trips of the routes by Factor
// (0.5 keeps every other trip, 2 inserts one half-way in every gap; see
// edit.ScaleFrequency).
type ScaleFrequency struct {
	Routes []string `yaml:"routes" json:"routes,omitempty"`
	Factor float64  `yaml:"factor" json:"factor,omitempty"`
}

// AddRoute adds a route run at a fixed headway through existing stops or
// new ones.
type AddRoute struct {
	// ID names the route: it becomes "scenario:ID".
	ID string `yaml:"id" json:"id,omitempty"`
	// RouteType is the GTFS route_type; absent: 3 (bus).
	RouteType *int `yaml:"route_type" json:"route_type,omitempty"`
	// Stops are called in this order.
	Stops []RouteStop `yaml:"stops" json:"stops,omitempty"`
	// RunMin are the running times between consecutive stops, minutes
	// (one fewer than the stops).
	RunMin []float64 `yaml:"run_min" json:"run_min,omitempty"`
	// HeadwayMin separates departures from the first stop, minutes.
	HeadwayMin float64 `yaml:"headway_min" json:"headway_min,omitempty"`
	// First and Last are the first and the latest departure from the
	// first stop, "HH:MM" or "HH:MM:SS" (past 24:00 for the night).
	First string `yaml:"first" json:"first,omitempty"`
	Last  string `yaml:"last" json:"last,omitempty"`
	// BothWays adds the return direction at the same departure times.
	BothWays bool `yaml:"both_ways" json:"both_ways,omitempty"`
}

// RouteStop is an existing stop (Stop, "feed:stop_id") or a new one at
// Lon, Lat.
type RouteStop struct {
	Stop string   `yaml:"stop" json:"stop,omitempty"`
	Name string   `yaml:"name" json:"name,omitempty"`
	Lon  *float64 `yaml:"lon" json:"lon,omitempty"`
	Lat  *float64 `yaml:"lat" json:"lat,omitempty"`
}

// fieldError is a problem at a path below a change ("add_route", "stops", 1).
type fieldError struct {
	path   []any
	reason string
}

// Error writes the path as "add_route.stops[1].lon".
func (e *fieldError) Error() string { return config.PathKey(e.path) + ": " + e.reason }

func checkRoutes(key string, routes []string) *fieldError {
	if len(routes) == 0 {
		return &fieldError{[]any{key, "routes"}, "give at least one route id (feed:route_id)"}
	}
	seen := map[string]bool{}
	for i, r := range routes {
		switch {
		case strings.TrimSpace(r) == "" || r != strings.TrimSpace(r):
			return &fieldError{[]any{key, "routes", i}, fmt.Sprintf("route id %q: empty or with surrounding spaces", r)}
		case seen[r]:
			return &fieldError{[]any{key, "routes", i}, fmt.Sprintf("route %q named twice", r)}
		}
		seen[r] = true
	}
	return nil
}

// checkTimetable checks the timetable change of c, if any.
func (c *Change) checkTimetable() *fieldError {
	switch {
	case c.RemoveRoutes != nil:
		return checkRoutes("remove_routes", c.RemoveRoutes.Routes)
	case c.ScaleFrequency != nil:
		if e := checkRoutes("scale_frequency", c.ScaleFrequency.Routes); e != nil {
			return e
		}
		if f := c.ScaleFrequency.Factor; !(f > 0) || f > edit.MaxScaleFactor {
			return &fieldError{[]any{"scale_frequency", "factor"},
				fmt.Sprintf("%v: want a number above 0 and at most %d (remove_routes removes a route)", f, edit.MaxScaleFactor)}
		}
	case c.AddRoute != nil:
		if _, err := c.AddRoute.NewRoute(); err != nil {
			var fe *fieldError
			if errors.As(err, &fe) {
				return fe
			}
			return &fieldError{[]any{"add_route"}, err.Error()}
		}
	}
	return nil
}

// clock reads "HH:MM" or "HH:MM:SS" as GTFS seconds.
func clock(s string) (int32, error) {
	if strings.Count(s, ":") == 1 {
		s += ":00"
	}
	t, err := gtfs.ParseTime(s)
	if err != nil {
		return 0, fmt.Errorf("%q: want HH:MM or HH:MM:SS", strings.TrimSuffix(s, ":00"))
	}
	return t, nil
}

// seconds turns minutes into whole seconds, which must be above 0.
func seconds(min float64) (int32, bool) {
	if !(min > 0) || min > 48*60 {
		return 0, false
	}
	s := math.Round(min * 60)
	return int32(s), s > 0
}

// NewRoute is the route as edit.AddRoute takes it, checked: a problem is
// an error naming the field ("add_route.stops[2].lon: …"). Stops named by
// id are checked against a timetable only by edit.AddRoute.
func (a *AddRoute) NewRoute() (edit.NewRoute, error) {
	bad := func(reason string, path ...any) (edit.NewRoute, error) {
		return edit.NewRoute{}, &fieldError{append([]any{"add_route"}, path...), reason}
	}
	r := edit.NewRoute{ID: a.ID, Type: 3, BothWays: a.BothWays}
	switch {
	case strings.TrimSpace(a.ID) == "" || strings.ContainsAny(a.ID, ":#") || a.ID != strings.TrimSpace(a.ID):
		return bad(fmt.Sprintf("%q: a route needs an id, without ':' or '#' or surrounding spaces", a.ID), "id")
	case len(a.Stops) < 2:
		return bad(fmt.Sprintf("%d stops: a route needs at least 2", len(a.Stops)), "stops")
	case len(a.RunMin) != len(a.Stops)-1:
		return bad(fmt.Sprintf("%d running times for %d stops: want one between each two consecutive stops (%d)",
			len(a.RunMin), len(a.Stops), len(a.Stops)-1), "run_min")
	}
	if a.RouteType != nil {
		if *a.RouteType < 0 || *a.RouteType > 1702 {
			return bad(fmt.Sprintf("%d: not a GTFS route_type", *a.RouteType), "route_type")
		}
		r.Type = *a.RouteType
	}
	for k, s := range a.Stops {
		switch {
		case s.Stop != "" && (s.Lon != nil || s.Lat != nil || s.Name != ""):
			return bad("give either stop (an existing stop's id) or lon and lat (and a name) of a new stop, not both", "stops", k)
		case s.Stop != "": // a bare stop_id gets the feed's name when the base has one feed
			r.Stops = append(r.Stops, edit.RouteStop{ID: s.Stop})
		case s.Lon == nil || s.Lat == nil:
			return bad("give stop (an existing stop's id, feed:stop_id) or both lon and lat", "stops", k)
		case math.IsNaN(*s.Lon) || *s.Lon < -180 || *s.Lon > 180:
			return bad(fmt.Sprintf("%v: longitude out of [-180, 180]", *s.Lon), "stops", k, "lon")
		case math.IsNaN(*s.Lat) || *s.Lat < -90 || *s.Lat > 90:
			return bad(fmt.Sprintf("%v: latitude out of [-90, 90]", *s.Lat), "stops", k, "lat")
		case *s.Lon == 0 && *s.Lat == 0:
			return bad("0, 0 is not a place (missing coordinates?)", "stops", k)
		default:
			r.Stops = append(r.Stops, edit.RouteStop{Name: s.Name, Lon: *s.Lon, Lat: *s.Lat})
		}
	}
	for k, m := range a.RunMin {
		s, ok := seconds(m)
		if !ok {
			return bad(fmt.Sprintf("%v: a running time is above 0 and at most 2880 minutes", m), "run_min", k)
		}
		r.RunSeconds = append(r.RunSeconds, s)
	}
	h, ok := seconds(a.HeadwayMin)
	if !ok {
		return bad(fmt.Sprintf("%v: a headway is above 0 and at most 2880 minutes", a.HeadwayMin), "headway_min")
	}
	r.HeadwaySeconds = h
	var err error
	if r.First, err = clock(a.First); err != nil {
		return bad(err.Error(), "first")
	}
	if r.Last, err = clock(a.Last); err != nil {
		return bad(err.Error(), "last")
	}
	if r.Last < r.First {
		return bad(fmt.Sprintf("%s is before the first departure %s", a.Last, a.First), "last")
	}
	if (r.Last-r.First)/r.HeadwaySeconds > 100_000 {
		return bad("more than 100000 departures: check the headway", "headway_min")
	}
	return r, nil
}

// ChangesTimetable reports whether the variant edits the timetable.
func (v *Variant) ChangesTimetable() bool {
	for i := range v.Changes {
		c := &v.Changes[i]
		if c.RemoveRoutes != nil || c.ScaleFrequency != nil || c.AddRoute != nil {
			return true
		}
	}
	return false
}

// TimetableError is a timetable change that the timetable refuses (an
// unknown route or stop): Change is 1-based.
type TimetableError struct {
	Change int
	Err    error
}

func (e *TimetableError) Error() string { return fmt.Sprintf("change %d: %s", e.Change, e.Reason()) }

// Reason is the problem, without the change's number.
func (e *TimetableError) Reason() string {
	return strings.TrimPrefix(e.Err.Error(), datasets.ErrInvalid.Error()+": ")
}
func (e *TimetableError) Unwrap() error { return e.Err }

// EditTimetable applies the variant's timetable changes, in order, to tt
// and returns the result (tt itself when the variant edits nothing). A
// route or stop the timetable does not know is a *TimetableError
// wrapping datasets.ErrInvalid that names it.
func (v *Variant) EditTimetable(tt *gtfs.Timetable) (*gtfs.Timetable, error) {
	return v.editTimetable(tt, true)
}

// EditOtherDay applies the variant's timetable changes to the timetable
// of another day than the one EditTimetable checked them on (the days of
// the opening-hours slots): a route with no trip that day has nothing to
// remove or scale there and is passed over, and add_route runs that day
// too, at the same times.
func (v *Variant) EditOtherDay(tt *gtfs.Timetable) (*gtfs.Timetable, error) {
	return v.editTimetable(tt, false)
}

func (v *Variant) editTimetable(tt *gtfs.Timetable, strict bool) (*gtfs.Timetable, error) {
	out := tt
	for i := range v.Changes {
		c := &v.Changes[i]
		var err error
		switch {
		case c.RemoveRoutes != nil:
			routes := qualify(out, c.RemoveRoutes.Routes)
			if !strict {
				if routes = running(out, routes); len(routes) == 0 {
					continue
				}
			}
			out, err = edit.RemoveRoutes(out, routes)
		case c.ScaleFrequency != nil:
			routes := qualify(out, c.ScaleFrequency.Routes)
			if !strict {
				if routes = running(out, routes); len(routes) == 0 {
					continue
				}
			}
			out, err = edit.ScaleFrequency(out, routes, c.ScaleFrequency.Factor)
		case c.AddRoute != nil:
			var r edit.NewRoute
			if r, err = c.AddRoute.NewRoute(); err == nil {
				for k := range r.Stops {
					if id := r.Stops[k].ID; id != "" && !strings.Contains(id, ":") && len(out.Feeds) > 0 {
						r.Stops[k].ID = out.Feeds[0].Name + ":" + id
						if n := realFeeds(out); n != 1 {
							err = fmt.Errorf("%w: add_route %q: stop %q: name its feed (feed:stop_id), there are %d feeds", datasets.ErrInvalid, r.ID, id, n)
						}
					}
				}
			}
			if err == nil {
				out, err = edit.AddRoute(out, r)
			}
		default:
			continue
		}
		if err != nil {
			return nil, &TimetableError{Change: i + 1, Err: err}
		}
	}
	return out, nil
}

// qualify names bare route ids with the feed when the timetable read one
// feed (an add_route earlier in the variant adds the scenario's own).
func qualify(tt *gtfs.Timetable, routes []string) []string {
	if realFeeds(tt) != 1 || len(tt.Feeds) == 1 {
		return routes
	}
	out := make([]string, len(routes))
	for i, r := range routes {
		out[i] = r
		if !strings.Contains(r, ":") {
			out[i] = tt.Feeds[0].Name + ":" + r
		}
	}
	return out
}

// realFeeds counts the feeds that were read (not the scenario's own).
func realFeeds(tt *gtfs.Timetable) int {
	n := 0
	for _, f := range tt.Feeds {
		if f.Name != edit.ScenarioFeed {
			n++
		}
	}
	return n
}

// running keeps the routes with a trip on tt's day, each named with its
// feed (a bare id names the first feed, as the day EditTimetable checked
// allowed only when there is one).
func running(tt *gtfs.Timetable, routes []string) []string {
	has := map[string]bool{}
	for _, t := range tt.Trips {
		has[t.RouteID] = true
	}
	var out []string
	for _, r := range routes {
		if !strings.Contains(r, ":") && len(tt.Feeds) > 0 {
			r = tt.Feeds[0].Name + ":" + r
		}
		if has[r] {
			out = append(out, r)
		}
	}
	return out
}
