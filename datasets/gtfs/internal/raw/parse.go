package raw

import (
	"fmt"
	"strings"
	"time"
	_ "time/tzdata" // agency_timezone is checked without the system's zone database

	"github.com/partons/partons/datasets/gtfs/internal/feedio"
)

// Files of a feed read by this package; the others are listed as ignored.
var readFiles = map[string]bool{
	"agency.txt": true, "stops.txt": true, "routes.txt": true, "trips.txt": true, "stop_times.txt": true,
	"calendar.txt": true, "calendar_dates.txt": true, "frequencies.txt": true, "transfers.txt": true,
}

var requiredFile = map[string]bool{"agency.txt": true, "stops.txt": true, "routes.txt": true, "trips.txt": true, "stop_times.txt": true}

// parseFeed reads every file of an archive, reporting every problem.
func Parse(a *feedio.Archive, name string, p *feedio.Problems) *Feed {
	f := &Feed{Name: name, Path: a.Path, stopIdx: map[string]int32{}, routeIdx: map[string]int32{},
		svcIdx: map[string]int32{}, tripIdx: map[string]int32{}, Rows: map[string]int{}, incomplete: map[string]bool{}}
	for _, n := range a.Names() {
		if !readFiles[n] {
			f.Ignored = append(f.Ignored, n)
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

func (f *Feed) readAgency(a *feedio.Archive, p *feedio.Problems) {
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
		f.Agencies = append(f.Agencies, name)
		tz, ok := t.Need("agency_timezone")
		if !ok {
			continue
		}
		if _, err := time.LoadLocation(tz); err != nil {
			t.Errorf("agency_timezone", "%q is not an IANA time zone", tz)
			continue
		}
		if f.TZ == "" {
			f.TZ = tz
		} else if tz != f.TZ {
			f.Notes = append(f.Notes, fmt.Sprintf("%s:%d: agency_timezone %q differs from the first agency's %q (GTFS wants one per feed): the feed's times are read in %s",
				t.Source, t.Line(), tz, f.TZ, f.TZ))
		}
	}
	f.Rows["agency.txt"] = t.Rows
	if t.Rows == 0 && p.Len() == 0 {
		p.Add(t.Source, 0, "", "no agency")
	}
	if len(ids) > 1 && ids[""] {
		p.Add(t.Source, 0, "agency_id", "required when the feed has several agencies")
	}
}

func (f *Feed) readStops(a *feedio.Archive, p *feedio.Problems) {
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
		s := Stop{ID: id, Name: t.Get("stop_name"), Parent: -1, ParentID: t.Get("parent_station"), Line: t.Line()}
		if v := t.Get("location_type"); v != "" {
			n, err := parseInt(v, 0, 4)
			if err != nil {
				t.Errorf("location_type", "%v", err)
				continue
			}
			s.Type = int8(n)
		}
		need := s.Type <= LocEntrance
		var err error
		if v := t.Get("stop_lat"); v != "" || need {
			if s.Lat, err = parseCoord(v, 90); err != nil {
				t.Errorf("stop_lat", "%v", err)
			}
		}
		if v := t.Get("stop_lon"); v != "" || need {
			if s.Lon, err = parseCoord(v, 180); err != nil {
				t.Errorf("stop_lon", "%v", err)
			}
		}
		if need && s.Lat == 0 && s.Lon == 0 && t.Get("stop_lat") != "" {
			t.Errorf("stop_lat", "stop %q at 0, 0 (in the Gulf of Guinea): a missing position, not a real one", id)
		}
		switch {
		case s.Type == LocStation && s.ParentID != "":
			t.Errorf("parent_station", "a station (location_type 1) has no parent station")
		case s.Type >= LocEntrance && s.ParentID == "":
			t.Errorf("parent_station", "required for location_type %d", s.Type)
		}
		f.stopIdx[id] = int32(len(f.Stops))
		f.Stops = append(f.Stops, s)
	}
	f.Rows["stops.txt"] = t.Rows
	for i := range f.Stops {
		s := &f.Stops[i]
		if s.ParentID == "" {
			continue
		}
		j, ok := f.stopIdx[s.ParentID]
		if !ok {
			p.Add(t.Source, s.Line, "parent_station", "unknown stop %q", s.ParentID)
			continue
		}
		want := int8(LocStation)
		if s.Type == LocBoarding {
			want = LocStop
		}
		if f.Stops[j].Type != want {
			p.Add(t.Source, s.Line, "parent_station", "%q has location_type %d; a location_type %d names a parent of location_type %d",
				s.ParentID, f.Stops[j].Type, s.Type, want)
			continue
		}
		s.Parent = j
	}
}

func (f *Feed) readRoutes(a *feedio.Archive, p *feedio.Problems) {
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
		f.routeIdx[id] = int32(len(f.Routes))
		f.Routes = append(f.Routes, Route{ID: id, Type: typ})
	}
	f.Rows["routes.txt"] = t.Rows
}

var weekdays = [7]string{"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}

func (f *Feed) serviceOf(id string) *Service {
	if i, ok := f.svcIdx[id]; ok {
		return &f.Services[i]
	}
	f.svcIdx[id] = int32(len(f.Services))
	f.Services = append(f.Services, Service{ID: id})
	return &f.Services[len(f.Services)-1]
}

func (f *Feed) readCalendar(a *feedio.Archive, p *feedio.Problems) {
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
		if i, dup := f.svcIdx[id]; dup && f.Services[i].Calendar {
			t.Errorf("service_id", "duplicate id %q", id)
			continue
		}
		var s Service
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
			s.Days[d] = v == "1"
		}
		for _, c := range []struct {
			col string
			d   *Day
		}{{"start_date", &s.Start}, {"end_date", &s.End}} {
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
		if !bad && s.End < s.Start {
			t.Errorf("end_date", "%s is before start_date %s", s.End, s.Start)
			bad = true
		}
		sv := f.serviceOf(id) // known even when its row is bad: trips naming it are not reported again
		if bad {
			continue
		}
		sv.Days, sv.Start, sv.End, sv.Calendar = s.Days, s.Start, s.End, true
	}
	f.Rows["calendar.txt"] = t.Rows
}

func (f *Feed) readCalendarDates(a *feedio.Archive, p *feedio.Problems) {
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
		sv := f.serviceOf(id)
		if sv.Exceptions == nil {
			sv.Exceptions = map[Day]int8{}
		}
		if _, dup := sv.Exceptions[d]; dup {
			t.Errorf("date", "duplicate date %s for service %q", d, id)
			continue
		}
		sv.Exceptions[d] = int8(es[0] - '0')
	}
	f.Rows["calendar_dates.txt"] = t.Rows
}

// period sets the feed's service period: calendar ranges and added dates.
func (f *Feed) period() {
	first := true
	widen := func(a, b Day) {
		if first || a < f.Start {
			f.Start = a
		}
		if first || b > f.End {
			f.End = b
		}
		first = false
	}
	for i := range f.Services {
		s := &f.Services[i]
		if s.Calendar {
			widen(s.Start, s.End)
		}
		for d, e := range s.Exceptions {
			if e == 1 {
				widen(d, d)
			}
		}
	}
}
