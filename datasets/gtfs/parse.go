package gtfs

import (
	"fmt"
	"strings"
	"time"
	_ "time/tzdata" // agency_timezone is checked without the system's zone database

	"github.com/partons/partons/datasets/gtfs/internal/feedio"
)

// Location types of stops.txt.
const (
	locStop     = 0
	locStation  = 1
	locEntrance = 2
	locNode     = 3
	locBoarding = 4
)

type rawStop struct {
	id, name string
	lat, lon float64
	typ      int8
	parent   int32 // index in feed.stops, -1
	parentID string
	line     int
	board    int // stop_times rows naming this station directly
}

// boarding reports whether the stop is a boarding point of the Timetable:
// a stop or platform, or a station that stop_times name directly.
func (s *rawStop) boarding() bool { return s.typ == locStop || s.board > 0 }

type rawRoute struct {
	id   string
	typ  int
	used bool
}

type rawTrip struct {
	id      string
	route   int32
	service int32
	flex    bool
	first   int32 // st[first:end] are the trip's stop times
	end     int32
}

type service struct {
	id         string
	days       [7]bool
	start, end day
	calendar   bool
	exceptions map[day]int8 // 1 added, 2 removed
}

// runs reports whether the service runs on d.
func (s *service) runs(d day) bool {
	switch s.exceptions[d] {
	case 1:
		return true
	case 2:
		return false
	}
	return s.calendar && d >= s.start && d <= s.end && s.days[d.weekday()]
}

type rawStopTime struct {
	trip      int32
	stop      int32 // -1 for a GTFS-Flex row
	seq       int32
	arr, dep  int32 // -1 when empty
	line      int32
	pickup    uint8
	dropOff   uint8
	flexFlags bool
}

type freq struct {
	trip                int32
	start, end, headway int32
	exact               bool
}

type rawTransfer struct {
	from, to int32
	typ      uint8
	min      int32
	specific bool // trip- or route-level
}

// feed is one parsed feed, before a service day is chosen.
type feed struct {
	name, path string
	agencies   []string
	tz         string
	stops      []rawStop
	stopIdx    map[string]int32
	routes     []rawRoute
	routeIdx   map[string]int32
	services   []service
	svcIdx     map[string]int32
	trips      []rawTrip
	tripIdx    map[string]int32
	st         []rawStopTime
	freqs      []freq
	transfers  []rawTransfer
	rows       map[string]int // rows read per file
	ignored    []string
	start, end day
	// incomplete marks files missing or with rows left out for a problem:
	// ids they lack are not reported again where other files name them.
	incomplete map[string]bool
	interp     int // stop times whose times were interpolated
	fast       int // trips implausibly fast between two stops
	notes      []string
}

// Files of a feed read by this package; the others are listed as ignored.
var readFiles = map[string]bool{
	"agency.txt": true, "stops.txt": true, "routes.txt": true, "trips.txt": true, "stop_times.txt": true,
	"calendar.txt": true, "calendar_dates.txt": true, "frequencies.txt": true, "transfers.txt": true,
}

var requiredFile = map[string]bool{"agency.txt": true, "stops.txt": true, "routes.txt": true, "trips.txt": true, "stop_times.txt": true}

// parseFeed reads every file of an archive, reporting every problem.
func parseFeed(a *feedio.Archive, name string, p *feedio.Problems) *feed {
	f := &feed{name: name, path: a.Path, stopIdx: map[string]int32{}, routeIdx: map[string]int32{},
		svcIdx: map[string]int32{}, tripIdx: map[string]int32{}, rows: map[string]int{}, incomplete: map[string]bool{}}
	for _, n := range a.Names() {
		if !readFiles[n] {
			f.ignored = append(f.ignored, n)
		}
	}
	for _, req := range []string{"agency.txt", "stops.txt", "routes.txt", "trips.txt", "stop_times.txt"} {
		if !a.Has(req) {
			p.Add(a.Source(req), 0, "", "required file missing from the feed")
		}
	}
	if !a.Has("calendar.txt") && !a.Has("calendar_dates.txt") {
		p.Add(a.Source("calendar.txt"), 0, "", "required file missing: a feed needs calendar.txt or calendar_dates.txt")
	}
	for _, r := range []struct {
		file string
		read func(*feedio.Archive, *feedio.Problems)
	}{
		{"agency.txt", f.readAgency}, {"stops.txt", f.readStops}, {"routes.txt", f.readRoutes},
		{"calendar.txt", f.readCalendar}, {"calendar_dates.txt", f.readCalendarDates}, {"trips.txt", f.readTrips},
		{"stop_times.txt", f.readStopTimes}, {"frequencies.txt", f.readFrequencies}, {"transfers.txt", f.readTransfers},
	} {
		n := p.Len()
		r.read(a, p)
		noCalendar := !a.Has("calendar.txt") && !a.Has("calendar_dates.txt")
		if p.Len() > n || (!a.Has(r.file) && (requiredFile[r.file] || noCalendar && strings.HasPrefix(r.file, "calendar"))) {
			f.incomplete[r.file] = true
		}
	}
	f.period()
	return f
}

func (f *feed) readAgency(a *feedio.Archive, p *feedio.Problems) {
	t, ok := a.OpenTable("agency.txt", p)
	if !ok {
		return
	}
	t.Require("agency_name", "agency_url", "agency_timezone")
	ids := map[string]bool{}
	for t.Next() {
		id := t.Get("agency_id")
		if ids[id] {
			t.Errorf("agency_id", "duplicate id %q", id)
		}
		ids[id] = true
		name, _ := t.Need("agency_name")
		f.agencies = append(f.agencies, name)
		tz, ok := t.Need("agency_timezone")
		if !ok {
			continue
		}
		if _, err := time.LoadLocation(tz); err != nil {
			t.Errorf("agency_timezone", "%q is not an IANA time zone", tz)
			continue
		}
		if f.tz == "" {
			f.tz = tz
		} else if tz != f.tz {
			f.notes = append(f.notes, fmt.Sprintf("%s:%d: agency_timezone %q differs from the first agency's %q (GTFS wants one per feed): the feed's times are read in %s",
				t.Source, t.Line(), tz, f.tz, f.tz))
		}
	}
	f.rows["agency.txt"] = t.Rows
	if t.Rows == 0 && p.Len() == 0 {
		p.Add(t.Source, 0, "", "no agency")
	}
	if len(ids) > 1 && ids[""] {
		p.Add(t.Source, 0, "agency_id", "required when the feed has several agencies")
	}
}

func (f *feed) readStops(a *feedio.Archive, p *feedio.Problems) {
	t, ok := a.OpenTable("stops.txt", p)
	if !ok {
		return
	}
	t.Require("stop_id")
	for t.Next() {
		id, ok := t.Need("stop_id")
		if !ok {
			continue
		}
		if _, dup := f.stopIdx[id]; dup {
			t.Errorf("stop_id", "duplicate id %q", id)
			continue
		}
		s := rawStop{id: id, name: t.Get("stop_name"), parent: -1, parentID: t.Get("parent_station"), line: t.Line()}
		if v := t.Get("location_type"); v != "" {
			n, err := parseInt(v, 0, 4)
			if err != nil {
				t.Errorf("location_type", "%v", err)
				continue
			}
			s.typ = int8(n)
		}
		need := s.typ <= locEntrance
		var err error
		if v := t.Get("stop_lat"); v != "" || need {
			if s.lat, err = parseCoord(v, 90); err != nil {
				t.Errorf("stop_lat", "%v", err)
			}
		}
		if v := t.Get("stop_lon"); v != "" || need {
			if s.lon, err = parseCoord(v, 180); err != nil {
				t.Errorf("stop_lon", "%v", err)
			}
		}
		if need && s.lat == 0 && s.lon == 0 && t.Get("stop_lat") != "" {
			t.Errorf("stop_lat", "stop %q at 0, 0 (in the Gulf of Guinea): a missing position, not a real one", id)
		}
		switch {
		case s.typ == locStation && s.parentID != "":
			t.Errorf("parent_station", "a station (location_type 1) has no parent station")
		case s.typ >= locEntrance && s.parentID == "":
			t.Errorf("parent_station", "required for location_type %d", s.typ)
		}
		f.stopIdx[id] = int32(len(f.stops))
		f.stops = append(f.stops, s)
	}
	f.rows["stops.txt"] = t.Rows
	for i := range f.stops {
		s := &f.stops[i]
		if s.parentID == "" {
			continue
		}
		j, ok := f.stopIdx[s.parentID]
		if !ok {
			p.Add(t.Source, s.line, "parent_station", "unknown stop %q", s.parentID)
			continue
		}
		want := int8(locStation)
		if s.typ == locBoarding {
			want = locStop
		}
		if f.stops[j].typ != want {
			p.Add(t.Source, s.line, "parent_station", "%q has location_type %d; a location_type %d names a parent of location_type %d",
				s.parentID, f.stops[j].typ, s.typ, want)
			continue
		}
		s.parent = j
	}
}

func (f *feed) readRoutes(a *feedio.Archive, p *feedio.Problems) {
	t, ok := a.OpenTable("routes.txt", p)
	if !ok {
		return
	}
	t.Require("route_id", "route_type")
	for t.Next() {
		id, ok := t.Need("route_id")
		if !ok {
			continue
		}
		if _, dup := f.routeIdx[id]; dup {
			t.Errorf("route_id", "duplicate id %q", id)
			continue
		}
		if t.Get("route_short_name") == "" && t.Get("route_long_name") == "" {
			t.Errorf("route_short_name", "route %q has neither route_short_name nor route_long_name", id)
		}
		v, ok := t.Need("route_type")
		typ, err := parseInt(v, 0, 1702)
		if ok && err != nil {
			t.Errorf("route_type", "%v", err)
		}
		f.routeIdx[id] = int32(len(f.routes))
		f.routes = append(f.routes, rawRoute{id: id, typ: typ})
	}
	f.rows["routes.txt"] = t.Rows
}

var weekdays = [7]string{"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}

func (f *feed) service(id string) *service {
	if i, ok := f.svcIdx[id]; ok {
		return &f.services[i]
	}
	f.svcIdx[id] = int32(len(f.services))
	f.services = append(f.services, service{id: id})
	return &f.services[len(f.services)-1]
}

func (f *feed) readCalendar(a *feedio.Archive, p *feedio.Problems) {
	t, ok := a.OpenTable("calendar.txt", p)
	if !ok {
		return
	}
	t.Require(append([]string{"service_id", "start_date", "end_date"}, weekdays[:]...)...)
	for t.Next() {
		id, ok := t.Need("service_id")
		if !ok {
			continue
		}
		if i, dup := f.svcIdx[id]; dup && f.services[i].calendar {
			t.Errorf("service_id", "duplicate id %q", id)
			continue
		}
		var s service
		bad := false
		for d, col := range weekdays {
			v, ok := t.Need(col)
			if !ok {
				bad = true
				continue
			}
			if v != "0" && v != "1" {
				t.Errorf(col, "%q: want 0 or 1", v)
				bad = true
			}
			s.days[d] = v == "1"
		}
		for _, c := range []struct {
			col string
			d   *day
		}{{"start_date", &s.start}, {"end_date", &s.end}} {
			v, ok := t.Need(c.col)
			if !ok {
				bad = true
				continue
			}
			d, err := parseDate(v)
			if err != nil {
				t.Errorf(c.col, "%v", err)
				bad = true
			}
			*c.d = d
		}
		if !bad && s.end < s.start {
			t.Errorf("end_date", "%s is before start_date %s", s.end, s.start)
			bad = true
		}
		sv := f.service(id) // known even when its row is bad: trips naming it are not reported again
		if bad {
			continue
		}
		sv.days, sv.start, sv.end, sv.calendar = s.days, s.start, s.end, true
	}
	f.rows["calendar.txt"] = t.Rows
}

func (f *feed) readCalendarDates(a *feedio.Archive, p *feedio.Problems) {
	t, ok := a.OpenTable("calendar_dates.txt", p)
	if !ok {
		return
	}
	t.Require("service_id", "date", "exception_type")
	for t.Next() {
		id, ok1 := t.Need("service_id")
		ds, ok2 := t.Need("date")
		es, ok3 := t.Need("exception_type")
		if !ok1 || !ok2 || !ok3 {
			continue
		}
		d, err := parseDate(ds)
		if err != nil {
			t.Errorf("date", "%v", err)
			continue
		}
		if es != "1" && es != "2" {
			t.Errorf("exception_type", "%q: want 1 (added) or 2 (removed)", es)
			continue
		}
		sv := f.service(id)
		if sv.exceptions == nil {
			sv.exceptions = map[day]int8{}
		}
		if _, dup := sv.exceptions[d]; dup {
			t.Errorf("date", "duplicate date %s for service %q", d, id)
			continue
		}
		sv.exceptions[d] = int8(es[0] - '0')
	}
	f.rows["calendar_dates.txt"] = t.Rows
}

// period sets the feed's service period: calendar ranges and added dates.
func (f *feed) period() {
	first := true
	widen := func(a, b day) {
		if first || a < f.start {
			f.start = a
		}
		if first || b > f.end {
			f.end = b
		}
		first = false
	}
	for i := range f.services {
		s := &f.services[i]
		if s.calendar {
			widen(s.start, s.end)
		}
		for d, e := range s.exceptions {
			if e == 1 {
				widen(d, d)
			}
		}
	}
}

func (f *feed) String() string { return fmt.Sprintf("feed %q (%s)", f.name, f.path) }
