package gtfs

import (
	"fmt"
	"github.com/partons/partons/datasets/gtfs/internal/raw"
	"sort"
	"time"
)

// Timetable builds the timetable of the service day date (its calendar
// date is used; the time of day is ignored). It does not change fs and
// may be called for several days. O(stop times + expanded trips).
func (fs *Feeds) Timetable(date time.Time) *Timetable {
	d := raw.DayOf(date)
	tt := &Timetable{Date: d.Time(), Counts: map[string]int{}}
	type key struct {
		feed int
		stop int32
	}
	// Boarding points of every feed, sorted by namespaced id.
	index := map[key]int32{}
	for fi, f := range fs.feeds {
		for si, s := range f.Stops {
			if s.Boarding() {
				st := Stop{ID: f.Name + ":" + s.ID, Name: s.Name, Lon: s.Lon, Lat: s.Lat, Feed: int32(fi)}
				if s.Parent >= 0 {
					st.Parent = f.Name + ":" + f.Stops[s.Parent].ID
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
		for si, s := range f.Stops {
			if s.Boarding() {
				index[key{fi, int32(si)}] = byID[f.Name+":"+s.ID]
			}
		}
	}
	offsets := map[string]bool{}
	for fi, f := range fs.feeds {
		b := &builder{f: f, fi: int32(fi), d: d, tt: tt, stop: func(si int32) int32 { return index[key{fi, si}] }}
		b.trips()
		b.transfers()
		b.account()
		ff := Feed{Name: f.Name, Path: f.Path, Agencies: f.Agencies, Timezone: f.TZ, Start: f.Start.Time(), End: f.End.Time(),
			Running: b.running, Ignored: f.Ignored}
		tt.Feeds = append(tt.Feeds, ff)
		tt.Warnings = append(tt.Warnings, f.Notes...)
		if !b.running {
			flex := 0
			for _, t := range f.Trips {
				if t.Flex && t.Service >= 0 && f.Services[t.Service].Runs(d) {
					flex++
				}
			}
			what := "no trip"
			if flex > 0 {
				what = fmt.Sprintf("no fixed-schedule trip (but %d GTFS-Flex trips)", flex)
			}
			tt.Warnings = append(tt.Warnings, fmt.Sprintf("feed %q (%s) has %s on %s (%s); its service runs %s to %s",
				f.Name, f.Path, what, d, d.Time().Weekday(), f.Start, f.End))
		}
		if loc, err := time.LoadLocation(f.TZ); err == nil {
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
	f       *raw.Feed
	fi      int32
	d       raw.Day
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
	b.tripUse = make([]uint8, len(f.Trips))
	b.freqUsed = make([]bool, len(f.Freqs))
	b.served = make([]bool, len(f.Stops))
	fq := map[int32][]int{}
	for i, fr := range f.Freqs {
		fq[fr.Trip] = append(fq[fr.Trip], i)
	}
	for ti := range f.Trips {
		tr := &f.Trips[ti]
		if tr.Flex || tr.Service < 0 || tr.End-tr.First < 2 {
			continue
		}
		sv := &f.Services[tr.Service]
		if sv.Runs(b.d) {
			if b.emit(int32(ti), fq[int32(ti)], 0) > 0 {
				b.tripUse[ti] = 1
				b.running = true
			}
		}
		if sv.Runs(b.d - 1) {
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
	tr := &f.Trips[ti]
	rows := f.StopTimes[tr.First:tr.End]
	route := raw.Route{Type: 3}
	if tr.Route >= 0 {
		route = f.Routes[tr.Route]
	}
	base := Trip{ID: b.f.Name + ":" + tr.ID, RouteID: b.f.Name + ":" + route.ID, Feed: b.fi, RouteType: route.Type}
	if shift != 0 {
		base.ID += "@prev"
	}
	one := func(id string, delta int32) bool {
		t := base
		t.ID = id
		for k := range rows {
			r := &rows[k]
			dep := r.Dep + delta + shift
			if dep < 0 {
				continue
			}
			t.Times = append(t.Times, StopTime{Stop: b.stop(r.Stop), Arrival: r.Arr + delta + shift, Departure: dep,
				NoPickup: r.Pickup == 1, NoDropOff: r.DropOff == 1})
		}
		if len(t.Times) < 2 {
			return false
		}
		if shift != 0 {
			b.tt.Counts["trips_previous_day"]++
		}
		for k := range rows {
			b.served[rows[k].Stop] = true
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
		fr := f.Freqs[i]
		base.Frequency, base.Exact = true, fr.Exact
		for s := fr.Start; s < fr.End; s += fr.Headway {
			id := fmt.Sprintf("%s#%02d%02d%02d", base.ID, s/3600, s/60%60, s%60)
			if one(id, s-rows[0].Dep) {
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
	for si, s := range f.Stops {
		if s.Type == raw.LocStop && s.Parent >= 0 {
			children[s.Parent] = append(children[s.Parent], int32(si))
		}
	}
	expand := func(si int32) ([]int32, int, string) {
		switch f.Stops[si].Type {
		case raw.LocStop:
			return []int32{si}, 1, ""
		case raw.LocStation:
			c := children[si]
			if f.Stops[si].Board > 0 {
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
	b.xferUse = make([]string, len(f.Transfers))
	for i, r := range f.Transfers {
		switch {
		case r.Specific:
			b.xferUse[i] = "trip_or_route_specific"
			continue
		case r.Type >= 4:
			b.xferUse[i] = "in_seat"
			continue
		}
		from, rf, why := expand(r.From)
		to, rt, why2 := expand(r.To)
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
				t := Transfer{From: p.from, To: p.to, Type: r.Type, MinSeconds: r.Min}
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
