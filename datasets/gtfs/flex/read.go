package flex

import (
	"context"
	"math"
	"sort"
	"strconv"

	"github.com/paulmach/orb"

	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/gtfs"
	"github.com/partons/partons/datasets/gtfs/internal/feedio"
)

type trip struct {
	route, service string
	dur            [4]float64 // mean factor, mean offset, safe factor, safe offset
	hasDur         bool
	flex           bool
	rows           int
}

type reader struct {
	a      *feedio.Archive
	p      *feedio.Problems
	fx     *Flex
	ns     string
	stops  map[string]bool
	zones  map[string]int
	groups map[string]int
	rules  map[string]int
	trips  map[string]*trip
	used   map[string]map[string]bool // file → ids referenced by windows
	// incomplete marks files with problems of their own: ids they lack
	// are not reported again where stop_times name them.
	incomplete map[string]bool
}

// Read reads the GTFS-Flex part of a feed (a .zip or a folder):
// locations.geojson zones, location_groups and location_group_stops,
// booking_rules, and the stop_times rows with pickup and drop-off windows
// or flexible locations, with their trips. A feed without GTFS-Flex gives
// an empty Flex. Problems come back all together as a
// datasets.ErrorList, each naming feed, file, line (or feature) and field.
func Read(ctx context.Context, src gtfs.Source) (*Flex, error) {
	a, err := feedio.Open(src.Path)
	if err != nil {
		var p feedio.Problems
		p.AddErr(src.Path, err)
		return nil, p.Err()
	}
	defer a.Close()
	a.SetContext(ctx)
	var p feedio.Problems
	r := &reader{a: a, p: &p, fx: &Flex{Feed: src.FeedName()}, ns: src.FeedName() + ":", stops: map[string]bool{},
		zones: map[string]int{}, groups: map[string]int{}, rules: map[string]int{}, trips: map[string]*trip{},
		used: map[string]map[string]bool{}, incomplete: map[string]bool{}}
	for _, step := range []struct {
		file string
		read func()
	}{{"stops.txt", r.readStops}, {"locations.geojson", r.readLocations}, {"location_groups.txt", r.readGroups},
		{"location_group_stops.txt", r.readGroupStops}, {"booking_rules.txt", r.readBookingRules}, {"trips.txt", r.readTrips},
		{"stop_times.txt", r.readStopTimes}} {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		n := p.Len()
		step.read()
		r.incomplete[step.file] = p.Len() > n
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := p.Err(); err != nil {
		return nil, err
	}
	r.account()
	r.fx.buildIndex()
	return r.fx, nil
}

func (r *reader) readStops() {
	t, ok := r.a.OpenTable("stops.txt", r.p)
	if !ok {
		return
	}
	for t.Next() {
		r.stops[t.Get("stop_id")] = true
	}
}

func (r *reader) readLocations() {
	const name = "locations.geojson"
	if !r.a.Has(name) {
		return
	}
	rc, err := r.a.Open(name)
	if err != nil {
		r.p.AddErr(r.a.Source(name), err)
		return
	}
	data, err := datasets.ReadAll(rc)
	rc.Close()
	if err != nil {
		r.p.AddErr(r.a.Source(name), err)
		return
	}
	ids, props, areas, _ := readFeatures(r.a.Source(name), data, r.p)
	for i, id := range ids {
		n, _ := propString(props[i], "stop_name")
		r.zones[id] = len(r.fx.Zones)
		r.fx.Zones = append(r.fx.Zones, Zone{ID: r.ns + id, Name: n, Area: areas[i], Bound: areas[i].Bound()})
	}
	r.rows(name, len(ids))
}

// rows records a file's read count; used counts are filled by account.
func (r *reader) rows(file string, n int) {
	r.fx.Files = append(r.fx.Files, gtfs.FileRows{Feed: r.fx.Feed, File: file, Read: n, Unused: map[string]int{}})
}

func (r *reader) readGroups() {
	t, ok := r.a.OpenTable("location_groups.txt", r.p)
	if !ok {
		return
	}
	t.Require("location_group_id")
	for t.Next() {
		id, ok := t.Need("location_group_id")
		if !ok {
			continue
		}
		if _, dup := r.groups[id]; dup {
			t.Errorf("location_group_id", "duplicate id %q", id)
			continue
		}
		if _, clash := r.zones[id]; clash || r.stops[id] {
			t.Errorf("location_group_id", "%q is also a stop or zone id: GTFS-Flex wants them distinct", id)
		}
		r.groups[id] = len(r.fx.Groups)
		r.fx.Groups = append(r.fx.Groups, Group{ID: r.ns + id, Name: t.Get("location_group_name")})
	}
	r.rows("location_groups.txt", t.Rows)
}

func (r *reader) readGroupStops() {
	t, ok := r.a.OpenTable("location_group_stops.txt", r.p)
	if !ok {
		return
	}
	t.Require("location_group_id", "stop_id")
	for t.Next() {
		g, ok1 := t.Need("location_group_id")
		s, ok2 := t.Need("stop_id")
		if !ok1 || !ok2 {
			continue
		}
		gi, ok := r.groups[g]
		if !ok {
			if !r.incomplete["location_groups.txt"] {
				t.Errorf("location_group_id", "unknown location group %q (not in location_groups.txt)", g)
			}
			continue
		}
		if !r.stops[s] {
			t.Errorf("stop_id", "unknown stop %q (not in stops.txt)", s)
			continue
		}
		r.fx.Groups[gi].Stops = append(r.fx.Groups[gi].Stops, r.ns+s)
	}
	r.rows("location_group_stops.txt", t.Rows)
}

func (r *reader) readBookingRules() {
	t, ok := r.a.OpenTable("booking_rules.txt", r.p)
	if !ok {
		return
	}
	t.Require("booking_rule_id", "booking_type")
	num := func(col string, lo, hi int) int {
		v := t.Get(col)
		if v == "" {
			return 0
		}
		n, err := strconv.Atoi(v)
		if err != nil || n < lo || n > hi {
			t.Errorf(col, "%q: want a whole number from %d to %d", v, lo, hi)
		}
		return n
	}
	tm := func(col string) int32 {
		v := t.Get(col)
		if v == "" {
			return 0
		}
		s, err := gtfs.ParseTime(v)
		if err != nil {
			t.Errorf(col, "%v", err)
		}
		return s
	}
	for t.Next() {
		id, ok := t.Need("booking_rule_id")
		if !ok {
			continue
		}
		if _, dup := r.rules[id]; dup {
			t.Errorf("booking_rule_id", "duplicate id %q", id)
			continue
		}
		b := BookingRule{ID: r.ns + id, Type: -1}
		if _, ok := t.Need("booking_type"); ok {
			b.Type = num("booking_type", 0, 2)
		}
		b.PriorNoticeMinMin = num("prior_notice_duration_min", 0, 1_000_000)
		b.PriorNoticeMaxMin = num("prior_notice_duration_max", 0, 1_000_000)
		b.PriorNoticeLastDay = num("prior_notice_last_day", 0, 365)
		b.PriorNoticeStartDay = num("prior_notice_start_day", 0, 365)
		b.PriorNoticeLastTime = tm("prior_notice_last_time")
		b.PriorNoticeStartTime = tm("prior_notice_start_time")
		switch {
		case b.Type == 1 && t.Get("prior_notice_duration_min") == "":
			t.Errorf("prior_notice_duration_min", "required for booking_type 1 (same-day booking)")
		case b.Type == 2 && t.Get("prior_notice_last_day") == "":
			t.Errorf("prior_notice_last_day", "required for booking_type 2 (prior-day booking)")
		case b.Type == 2 && t.Get("prior_notice_last_time") == "":
			t.Errorf("prior_notice_last_time", "required with prior_notice_last_day")
		}
		b.Message, b.Phone, b.InfoURL, b.BookingURL = t.Get("message"), t.Get("phone_number"), t.Get("info_url"), t.Get("booking_url")
		r.rules[id] = len(r.fx.BookingRules)
		r.fx.BookingRules = append(r.fx.BookingRules, b)
	}
	r.rows("booking_rules.txt", t.Rows)
}

var durCols = [4]string{"mean_duration_factor", "mean_duration_offset", "safe_duration_factor", "safe_duration_offset"}

// durations reads the GTFS-Flex duration fields of a row; ok is false
// when none is given.
func durations(t *feedio.Table) (d [4]float64, ok bool) {
	for i, c := range durCols {
		v := t.Get(c)
		if v == "" {
			continue
		}
		x, err := strconv.ParseFloat(v, 64)
		if err != nil || math.IsNaN(x) || math.IsInf(x, 0) || (i%2 == 0 && x <= 0) || math.Abs(x) > 1e6 {
			t.Errorf(c, "%q: want a number (a factor above 0; an offset in seconds)", v)
			continue
		}
		d[i], ok = x, true
	}
	return d, ok
}

func (r *reader) readTrips() {
	t, ok := r.a.OpenTable("trips.txt", r.p)
	if !ok {
		return
	}
	for t.Next() {
		d, has := durations(t)
		r.trips[t.Get("trip_id")] = &trip{route: t.Get("route_id"), service: t.Get("service_id"), dur: d, hasDur: has}
	}
	r.rows("trips.txt", t.Rows)
}

// isFlexRow reports whether the current stop_times row is GTFS-Flex.
func isFlexRow(t *feedio.Table) bool {
	return t.Get("location_group_id") != "" || t.Get("location_id") != "" ||
		t.Get("start_pickup_drop_off_window") != "" || t.Get("end_pickup_drop_off_window") != ""
}

func (r *reader) readStopTimes() {
	t, ok := r.a.OpenTable("stop_times.txt", r.p)
	if !ok {
		return
	}
	if !t.Has("location_group_id") && !t.Has("location_id") && !t.Has("start_pickup_drop_off_window") {
		for t.Next() {
		}
		r.rows("stop_times.txt", t.Rows)
		return
	}
	// Pass 1: which trips are GTFS-Flex.
	for t.Next() {
		if tr := r.trips[t.Get("trip_id")]; tr != nil {
			tr.rows++
			if isFlexRow(t) {
				tr.flex = true
			}
		}
	}
	r.rows("stop_times.txt", t.Rows)
	t, _ = r.a.OpenTable("stop_times.txt", &feedio.Problems{}) // problems of the file itself were reported in pass 1
	for t.Next() {
		tid := t.Get("trip_id")
		tr := r.trips[tid]
		if tr == nil || !tr.flex {
			continue // unknown trips are reported by package gtfs
		}
		r.window(t, tid, tr)
	}
	sort.SliceStable(r.fx.Windows, func(i, j int) bool {
		a, b := &r.fx.Windows[i], &r.fx.Windows[j]
		if a.Trip != b.Trip {
			return a.Trip < b.Trip
		}
		return a.Sequence < b.Sequence
	})
}

func (r *reader) window(t *feedio.Table, tid string, tr *trip) {
	t.SetProblems(r.p)
	w := Window{Trip: r.ns + tid, Route: r.ns + tr.route, Service: r.ns + tr.service}
	seq, err := strconv.Atoi(t.Get("stop_sequence"))
	if err != nil || seq < 0 {
		t.Errorf("stop_sequence", "%q: want a whole number from 0", t.Get("stop_sequence"))
		return
	}
	w.Sequence = seq
	set := 0
	for _, c := range []struct {
		col   string
		known func(string) bool
		to    *string
		what  string
		file  string
	}{
		{"location_id", func(id string) bool { _, ok := r.zones[id]; return ok }, &w.Zone, "zone", "locations.geojson"},
		{"location_group_id", func(id string) bool { _, ok := r.groups[id]; return ok }, &w.Group, "location group", "location_groups.txt"},
		{"stop_id", func(id string) bool { return r.stops[id] }, &w.Stop, "stop", "stops.txt"},
	} {
		id := t.Get(c.col)
		if id == "" {
			continue
		}
		set++
		if !c.known(id) {
			if !r.incomplete[c.file] {
				t.Errorf(c.col, "unknown %s %q (not in %s)", c.what, id, c.file)
			}
			return
		}
		*c.to = r.ns + id
		r.use(c.col, id)
	}
	if set != 1 {
		t.Errorf("stop_id", "want exactly one of stop_id, location_group_id and location_id, got %d", set)
		return
	}
	times := func(a, b string) (int32, int32, bool) {
		va, vb := t.Get(a), t.Get(b)
		if va == "" && vb == "" {
			return 0, 0, false
		}
		x, err1 := gtfs.ParseTime(va)
		if err1 != nil {
			t.Errorf(a, "%v", err1)
		}
		y, err2 := gtfs.ParseTime(vb)
		if err2 != nil {
			t.Errorf(b, "%v", err2)
		}
		return x, y, err1 == nil && err2 == nil
	}
	ws, we, hasW := times("start_pickup_drop_off_window", "end_pickup_drop_off_window")
	as, ad, hasT := times("arrival_time", "departure_time")
	switch {
	case hasW && hasT:
		t.Errorf("arrival_time", "a row with a pickup/drop-off window has no arrival or departure time")
		return
	case hasW:
		w.Start, w.End = ws, we
	case hasT:
		w.Start, w.End = as, ad
	default:
		if w.Zone != "" || w.Group != "" {
			t.Errorf("start_pickup_drop_off_window", "required for a location_id or location_group_id")
		} else {
			t.Errorf("arrival_time", "a GTFS-Flex trip's row needs a window or arrival and departure times")
		}
		return
	}
	if w.End < w.Start {
		t.Errorf("end_pickup_drop_off_window", "%s is before the start %s", gtfs.FormatTime(w.End), gtfs.FormatTime(w.Start))
		return
	}
	for _, c := range []struct {
		col string
		v   *uint8
	}{{"pickup_type", &w.PickupType}, {"drop_off_type", &w.DropOffType}} {
		if v := t.Get(c.col); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n < 0 || n > 3 {
				t.Errorf(c.col, "%q: want 0, 1, 2 or 3", v)
				return
			}
			*c.v = uint8(n)
		}
	}
	for _, c := range []struct {
		col string
		to  *string
	}{{"pickup_booking_rule_id", &w.PickupRule}, {"drop_off_booking_rule_id", &w.DropOffRule}} {
		if id := t.Get(c.col); id != "" {
			if _, ok := r.rules[id]; !ok {
				if !r.incomplete["booking_rules.txt"] {
					t.Errorf(c.col, "unknown booking rule %q (not in booking_rules.txt)", id)
				}
				return
			}
			*c.to = r.ns + id
			r.use("booking_rule_id", id)
		}
	}
	d, has := durations(t)
	if !has {
		d, has = tr.dur, tr.hasDur
	}
	w.MeanFactor, w.MeanOffsetS, w.SafeFactor, w.SafeOffsetS, w.HasDuration = d[0], d[1], d[2], d[3], has
	r.fx.Windows = append(r.fx.Windows, w)
}

func (r *reader) use(kind, id string) {
	if r.used[kind] == nil {
		r.used[kind] = map[string]bool{}
	}
	r.used[kind][id] = true
}

// account fills Used and Unused of every file read.
func (r *reader) account() {
	flexTrips, flexRows, fixedTrips := 0, 0, 0
	for _, tr := range r.trips {
		if tr.flex {
			flexTrips++
			flexRows += tr.rows
		} else {
			fixedTrips++
		}
	}
	for i := range r.fx.Files {
		f := &r.fx.Files[i]
		switch f.File {
		case "locations.geojson":
			f.Used = len(r.used["location_id"])
			f.Unused["not_referenced"] = f.Read - f.Used
		case "location_groups.txt":
			f.Used = len(r.used["location_group_id"])
			f.Unused["not_referenced"] = f.Read - f.Used
		case "booking_rules.txt":
			f.Used = len(r.used["booking_rule_id"])
			f.Unused["not_referenced"] = f.Read - f.Used
		case "location_group_stops.txt":
			f.Used = f.Read
		case "trips.txt":
			f.Used, f.Unused["fixed_schedule"] = flexTrips, fixedTrips
		case "stop_times.txt":
			// Rows of unknown trips are errors in package gtfs.
			f.Used, f.Unused["fixed_schedule"] = flexRows, f.Read-flexRows
		}
		for k, v := range f.Unused {
			if v == 0 {
				delete(f.Unused, k)
			}
		}
	}
	sort.Slice(r.fx.Files, func(i, j int) bool { return r.fx.Files[i].File < r.fx.Files[j].File })
}

// Contains reports whether the zone's area holds the point (even-odd rule
// on lon/lat; a point exactly on the boundary may fall either way).
func (z *Zone) Contains(p orb.Point) bool {
	if !z.Bound.Contains(p) {
		return false
	}
	for _, pg := range z.Area {
		if ringContains(pg[0], p) {
			inHole := false
			for _, h := range pg[1:] {
				if ringContains(h, p) {
					inHole = true
					break
				}
			}
			if !inHole {
				return true
			}
		}
	}
	return false
}

// ringContains is the even-odd rule on lon/lat (adequate for zones of a
// few tens of kilometres).
func ringContains(r orb.Ring, p orb.Point) bool {
	in := false
	for i, j := 0, len(r)-1; i < len(r); j, i = i, i+1 {
		a, b := r[i], r[j]
		if (a[1] > p[1]) != (b[1] > p[1]) && p[0] < (b[0]-a[0])*(p[1]-a[1])/(b[1]-a[1])+a[0] {
			in = !in
		}
	}
	return in
}
