package gtfs

import (
	"fmt"
	"sort"
	"time"
)

// Timetable builds the timetable of the service day date (its calendar
// date is used; the time of day is ignored). It does not change fs and
// may be called for several days. O(stop times + expanded trips).
func (fs *Feeds) Timetable(date time.Time) *Timetable {
	d := dayOf(date)
	tt := &Timetable{Date: d.time(), Counts: map[string]int{}}
	type key struct {
		feed int
		stop int32
	}
	// Boarding points of every feed, sorted by namespaced id.
	index := map[key]int32{}
	for fi, f := range fs.feeds {
		for si, s := range f.stops {
			if s.boarding() {
				st := Stop{ID: f.name + ":" + s.id, Name: s.name, Lon: s.lon, Lat: s.lat, Feed: int32(fi)}
				if s.parent >= 0 {
					st.Parent = f.name + ":" + f.stops[s.parent].id
				}
				tt.Stops = append(tt.Stops, st)
				index[key{fi, int32(si)}] = -1
			}
		}
	}
	sort.Slice(tt.Stops, func(i, j int) bool { return tt.Stops[i].ID < tt.Stops[j].ID })
	byID := make(map[string]int32, len(tt.Stops))
	for i, s := range tt.Stops {
		byID[s.ID] = int32(i)
	}
	for fi, f := range fs.feeds {
		for si, s := range f.stops {
			if s.boarding() {
				index[key{fi, int32(si)}] = byID[f.name+":"+s.id]
			}
		}
	}
	offsets := map[string]bool{}
	for fi, f := range fs.feeds {
		b := &builder{f: f, fi: int32(fi), d: d, tt: tt, stop: func(si int32) int32 { return index[key{fi, si}] }}
		b.trips()
		b.transfers()
		b.account()
		ff := Feed{Name: f.name, Path: f.path, Agencies: f.agencies, Timezone: f.tz, Start: f.start.time(), End: f.end.time(),
			Running: b.running, Ignored: f.ignored}
		tt.Feeds = append(tt.Feeds, ff)
		tt.Warnings = append(tt.Warnings, f.notes...)
		if !b.running {
			flex := 0
			for _, t := range f.trips {
				if t.flex && t.service >= 0 && f.services[t.service].runs(d) {
					flex++
				}
			}
			what := "no trip"
			if flex > 0 {
				what = fmt.Sprintf("no fixed-schedule trip (but %d GTFS-Flex trips)", flex)
			}
			tt.Warnings = append(tt.Warnings, fmt.Sprintf("feed %q (%s) has %s on %s (%s); its service runs %s to %s",
				f.name, f.path, what, d, d.time().Weekday(), f.start, f.end))
		}
		if loc, err := time.LoadLocation(f.tz); err == nil {
			_, off := time.Date(date.Year(), date.Month(), date.Day(), 12, 0, 0, 0, loc).Zone()
			offsets[fmt.Sprintf("%+03d:%02d", off/3600, off%3600/60)] = true
		}
	}
	if len(offsets) > 1 {
		tt.Warnings = append(tt.Warnings, fmt.Sprintf("the feeds' time zones have %d different UTC offsets on %s: times are each feed's local time and are not converted", len(offsets), d))
	}
	sort.SliceStable(tt.Trips, func(i, j int) bool {
		a, b := &tt.Trips[i], &tt.Trips[j]
		if a.Times[0].Departure != b.Times[0].Departure {
			return a.Times[0].Departure < b.Times[0].Departure
		}
		return a.ID < b.ID
	})
	sort.SliceStable(tt.Transfers, func(i, j int) bool {
		a, b := tt.Transfers[i], tt.Transfers[j]
		if a.From != b.From {
			return a.From < b.From
		}
		return a.To < b.To
	})
	served := make([]bool, len(tt.Stops))
	for _, t := range tt.Trips {
		for _, s := range t.Times {
			served[s.Stop] = true
		}
	}
	for _, s := range served {
		if !s {
			tt.Counts["stops_not_served"]++
		}
	}
	for k, v := range tt.Counts {
		if v == 0 {
			delete(tt.Counts, k)
		}
	}
	return tt
}

// builder turns one feed's trips and transfers into the Timetable.
type builder struct {
	f       *feed
	fi      int32
	d       day
	tt      *Timetable
	stop    func(int32) int32
	running bool
	// per raw trip: 1 runs on d, 2 only its overnight part from d-1
	tripUse  []uint8
	freqUsed []bool
	xferUse  []string // per transfer row: "" used, else the reason
	served   []bool   // per raw stop: called at by an emitted trip
}

func (b *builder) trips() {
	f := b.f
	b.tripUse = make([]uint8, len(f.trips))
	b.freqUsed = make([]bool, len(f.freqs))
	b.served = make([]bool, len(f.stops))
	fq := map[int32][]int{}
	for i, fr := range f.freqs {
		fq[fr.trip] = append(fq[fr.trip], i)
	}
	for ti := range f.trips {
		tr := &f.trips[ti]
		if tr.flex || tr.service < 0 || tr.end-tr.first < 2 {
			continue
		}
		sv := &f.services[tr.service]
		if sv.runs(b.d) {
			if b.emit(int32(ti), fq[int32(ti)], 0) > 0 {
				b.tripUse[ti] = 1
				b.running = true
			}
		}
		if sv.runs(b.d - 1) {
			if b.emit(int32(ti), fq[int32(ti)], -86400) > 0 && b.tripUse[ti] == 0 {
				b.tripUse[ti] = 2
			}
		}
	}
}

// emit adds the runs of raw trip ti shifted by shift seconds (0 or -1
// day), one per frequency departure if it has frequencies, and returns
// how many it added.
func (b *builder) emit(ti int32, freqs []int, shift int32) int {
	f := b.f
	tr := &f.trips[ti]
	raw := f.st[tr.first:tr.end]
	route := rawRoute{typ: 3}
	if tr.route >= 0 {
		route = f.routes[tr.route]
	}
	base := Trip{ID: b.f.name + ":" + tr.id, RouteID: b.f.name + ":" + route.id, Feed: b.fi, RouteType: route.typ}
	if shift != 0 {
		base.ID += "@prev"
	}
	one := func(id string, delta int32) bool {
		t := base
		t.ID = id
		for k := range raw {
			r := &raw[k]
			dep := r.dep + delta + shift
			if dep < 0 {
				continue
			}
			t.Times = append(t.Times, StopTime{Stop: b.stop(r.stop), Arrival: r.arr + delta + shift, Departure: dep,
				NoPickup: r.pickup == 1, NoDropOff: r.dropOff == 1})
		}
		if len(t.Times) < 2 {
			return false
		}
		if shift != 0 {
			b.tt.Counts["trips_previous_day"]++
		}
		for k := range raw {
			b.served[raw[k].stop] = true
		}
		b.tt.Trips = append(b.tt.Trips, t)
		return true
	}
	if len(freqs) == 0 {
		if one(base.ID, 0) {
			return 1
		}
		return 0
	}
	n := 0
	for _, i := range freqs {
		fr := f.freqs[i]
		base.Frequency, base.Exact = true, fr.exact
		for s := fr.start; s < fr.end; s += fr.headway {
			id := fmt.Sprintf("%s#%02d%02d%02d", base.ID, s/3600, s/60%60, s%60)
			if one(id, s-raw[0].dep) {
				n++
				b.freqUsed[i] = true
				b.tt.Counts["frequency_trips"]++
			}
		}
	}
	return n
}

// transfers expands transfers.txt to boarding points: a station stands
// for each of its stops; the most specific rule of a pair wins (stop to
// stop over stop to station over station to station).
func (b *builder) transfers() {
	f := b.f
	children := map[int32][]int32{}
	for si, s := range f.stops {
		if s.typ == locStop && s.parent >= 0 {
			children[s.parent] = append(children[s.parent], int32(si))
		}
	}
	expand := func(si int32) ([]int32, int, string) {
		switch f.stops[si].typ {
		case locStop:
			return []int32{si}, 1, ""
		case locStation:
			c := children[si]
			if f.stops[si].board > 0 {
				c = append([]int32{si}, c...)
			}
			if len(c) == 0 {
				return nil, 0, "station_without_stops"
			}
			return c, 0, ""
		}
		return nil, 0, "not_stop_or_station"
	}
	type pair struct{ from, to int32 }
	best := map[pair]int{} // index in out
	var out []Transfer
	var rank []int
	b.xferUse = make([]string, len(f.transfers))
	for i, r := range f.transfers {
		switch {
		case r.specific:
			b.xferUse[i] = "trip_or_route_specific"
			continue
		case r.typ >= 4:
			b.xferUse[i] = "in_seat"
			continue
		}
		from, rf, why := expand(r.from)
		to, rt, why2 := expand(r.to)
		if why == "" {
			why = why2
		}
		if why != "" {
			b.xferUse[i] = why
			continue
		}
		for _, a := range from {
			for _, c := range to {
				p := pair{b.stop(a), b.stop(c)}
				t := Transfer{From: p.from, To: p.to, Type: r.typ, MinSeconds: r.min}
				if j, ok := best[p]; ok {
					if rf+rt > rank[j] {
						out[j], rank[j] = t, rf+rt
					}
					continue
				}
				best[p] = len(out)
				out = append(out, t)
				rank = append(rank, rf+rt)
			}
		}
	}
	for _, t := range out {
		if t.Type == 3 {
			b.tt.Counts["transfers_forbidden"]++
		}
	}
	b.tt.Transfers = append(b.tt.Transfers, out...)
}
