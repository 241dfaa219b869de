package raw

import (
	"fmt"
	"math"
	"sort"

	"github.com/partons/partons/datasets/gtfs/internal/feedio"
)

func (f *Feed) readTrips(a *feedio.Archive, p *feedio.Problems) {
	t, ok := a.OpenTable("trips.txt", p)
	if !ok {
		return
	}
	t.Require("route_id", "service_id", "trip_id")
	for t.Next() {
		id, ok := t.Need("trip_id")
		if !ok {
			continue
		}
		if _, dup := f.tripIdx[id]; dup {
			t.Errorf("trip_id", "duplicate id %q", id)
			continue
		}
		tr := Trip{ID: id, Route: -1, Service: -1}
		if r, ok := t.Need("route_id"); ok {
			if i, ok := f.routeIdx[r]; ok {
				tr.Route = i
			} else {
				f.unknown(t, "route_id", "routes.txt", "route", r)
			}
		}
		if s, ok := t.Need("service_id"); ok {
			if i, ok := f.svcIdx[s]; ok {
				tr.Service = i
			} else {
				f.unknown(t, "service_id", "services", "service", s)
			}
		}
		f.tripIdx[id] = int32(len(f.Trips))
		f.Trips = append(f.Trips, tr)
	}
	f.Rows["trips.txt"] = t.Rows
}

func (f *Feed) readStopTimes(a *feedio.Archive, p *feedio.Problems) {
	t, ok := a.OpenTable("stop_times.txt", p)
	if !ok {
		return
	}
	flexCols := t.Has("location_group_id") || t.Has("location_id") || t.Has("start_pickup_drop_off_window")
	t.Require("trip_id", "stop_sequence")
	if !flexCols {
		t.Require("stop_id", "arrival_time", "departure_time")
	}
	badTrips := map[int32]bool{} // trips with a row left out: not checked as a whole
	for t.Next() {
		tid, ok := t.Need("trip_id")
		if !ok {
			continue
		}
		ti, ok := f.tripIdx[tid]
		if !ok {
			f.unknown(t, "trip_id", "trips.txt", "trip", tid)
			continue
		}
		n := p.Len()
		if !f.readStopTime(t, ti) || p.Len() > n {
			badTrips[ti] = true
		}
	}
	f.Rows["stop_times.txt"] = t.Rows
	f.checkTrips(t.Source, p, badTrips)
}

// readStopTime reads one stop_times row of trip ti; false when the row
// is left out for a problem (reported).
func (f *Feed) readStopTime(t *feedio.Table, ti int32) bool {
	{
		r := StopTime{Trip: ti, Stop: -1, Arr: -1, Dep: -1, Line: int32(t.Line())}
		if v, ok := t.Need("stop_sequence"); ok {
			n, err := parseInt(v, 0, math.MaxInt32)
			if err != nil {
				t.Errorf("stop_sequence", "%v", err)
				return false
			}
			r.Seq = int32(n)
		} else {
			return false
		}
		r.FlexFlags = t.Get("location_group_id") != "" || t.Get("location_id") != "" ||
			t.Get("start_pickup_drop_off_window") != "" || t.Get("end_pickup_drop_off_window") != ""
		if r.FlexFlags {
			f.Trips[ti].Flex = true
		}
		if sid := t.Get("stop_id"); sid != "" {
			si, ok := f.stopIdx[sid]
			switch {
			case !ok:
				f.unknown(t, "stop_id", "stops.txt", "stop", sid)
				return false
			case f.Stops[si].Type == LocStation:
				if f.Stops[si].Board == 0 {
					f.Notes = append(f.Notes, fmt.Sprintf("%s:%d: stop_id %q is a station (location_type 1), which GTFS does not let a trip call at: used as a boarding point",
						t.Source, t.Line(), sid))
				}
				f.Stops[si].Board++
			case f.Stops[si].Type != LocStop:
				t.Errorf("stop_id", "%q has location_type %d: a trip calls only at stops and platforms (location_type 0)", sid, f.Stops[si].Type)
				return false
			}
			r.Stop = si
		} else if !r.FlexFlags {
			t.Errorf("stop_id", "required value is empty")
			return false
		}
		bad := false
		for _, c := range []struct {
			col string
			v   *int32
		}{{"arrival_time", &r.Arr}, {"departure_time", &r.Dep}} {
			if v := t.Get(c.col); v != "" {
				s, err := ParseTime(v)
				if err != nil {
					t.Errorf(c.col, "%v", err)
					bad = true
				}
				*c.v = s
			}
		}
		if bad {
			return false
		}
		if r.Arr < 0 {
			r.Arr = r.Dep
		} else if r.Dep < 0 {
			r.Dep = r.Arr
		}
		if r.Arr < 0 && t.Get("timepoint") == "1" {
			t.Errorf("arrival_time", "required when timepoint is 1")
		}
		for _, c := range []struct {
			col string
			v   *uint8
		}{{"pickup_type", &r.Pickup}, {"drop_off_type", &r.DropOff}} {
			if v := t.Get(c.col); v != "" {
				n, err := parseInt(v, 0, 3)
				if err != nil {
					t.Errorf(c.col, "%v", err)
				}
				*c.v = uint8(n)
			}
		}
		f.StopTimes = append(f.StopTimes, r)
		return true
	}
}

// checkTrips sorts the stop times by trip and sequence, then checks and
// completes each fixed-schedule trip: no repeated sequence, times on the
// first and last stop, times never decreasing; missing times between
// timed stops are interpolated by straight-line distance.
func (f *Feed) checkTrips(src string, p *feedio.Problems, bad map[int32]bool) {
	sort.SliceStable(f.StopTimes, func(i, j int) bool {
		a, b := &f.StopTimes[i], &f.StopTimes[j]
		if a.Trip != b.Trip {
			return a.Trip < b.Trip
		}
		return a.Seq < b.Seq
	})
	for i := range f.Trips {
		f.Trips[i].First, f.Trips[i].End = -1, -1
	}
	for lo := 0; lo < len(f.StopTimes); {
		hi := lo
		for hi < len(f.StopTimes) && f.StopTimes[hi].Trip == f.StopTimes[lo].Trip {
			hi++
		}
		tr := &f.Trips[f.StopTimes[lo].Trip]
		tr.First, tr.End = int32(lo), int32(hi)
		if !bad[f.StopTimes[lo].Trip] {
			f.checkTrip(f.StopTimes[lo:hi], tr, src, p)
		}
		lo = hi
	}
}

func (f *Feed) checkTrip(st []StopTime, tr *Trip, src string, p *feedio.Problems) {
	for k := 1; k < len(st); k++ {
		if st[k].Seq == st[k-1].Seq {
			p.Add(src, int(st[k].Line), "stop_sequence", "trip %q has stop_sequence %d twice (also line %d)", tr.ID, st[k].Seq, st[k-1].Line)
			return
		}
	}
	if tr.Flex {
		return
	}
	for _, k := range []int{0, len(st) - 1} {
		if st[k].Arr < 0 {
			p.Add(src, int(st[k].Line), "arrival_time", "the first and last stop of trip %q need arrival and departure times", tr.ID)
			return
		}
	}
	prev := -1
	for k := range st {
		s := &st[k]
		if s.Arr < 0 {
			continue
		}
		if s.Dep < s.Arr {
			p.Add(src, int(s.Line), "departure_time", "trip %q departs at %s, before it arrives at %s", tr.ID, FormatTime(s.Dep), FormatTime(s.Arr))
			return
		}
		if prev >= 0 && s.Arr < st[prev].Dep {
			p.Add(src, int(s.Line), "arrival_time", "trip %q arrives at %s, before it left the previous stop at %s (line %d): times must not decrease",
				tr.ID, FormatTime(s.Arr), FormatTime(st[prev].Dep), st[prev].Line)
			return
		}
		if prev >= 0 && k > prev+1 {
			f.interpolate(st[prev : k+1])
		}
		prev = k
	}
	for k := 1; k < len(st); k++ {
		a, b := &f.Stops[st[k-1].Stop], &f.Stops[st[k].Stop]
		d := haversine(a.Lat, a.Lon, b.Lat, b.Lon)
		if dt := float64(st[k].Arr - st[k-1].Dep); d >= minFastMetres && (dt <= 0 || d/dt > maxSpeedMS) {
			f.Fast++
			break
		}
	}
}

// A trip is counted as implausibly fast (trips_faster_than_400kmh) when
// it covers minFastMetres or more between two stops at over maxSpeedMS
// (400 km/h, above any train in the region) in a straight line, or in no
// time: a wrong time or a misplaced stop.
const (
	maxSpeedMS    = 400 / 3.6
	minFastMetres = 2000
)

// interpolate fills the times of st[1:len-1] between two timed stops,
// in proportion to the straight-line distance along the stops.
func (f *Feed) interpolate(st []StopTime) {
	n := len(st)
	cum := make([]float64, n)
	for k := 1; k < n; k++ {
		a, b := f.Stops[st[k-1].Stop], f.Stops[st[k].Stop]
		cum[k] = cum[k-1] + haversine(a.Lat, a.Lon, b.Lat, b.Lon)
	}
	t0, t1 := float64(st[0].Dep), float64(st[n-1].Arr)
	for k := 1; k < n-1; k++ {
		frac := float64(k) / float64(n-1)
		if cum[n-1] > 0 {
			frac = cum[k] / cum[n-1]
		}
		v := int32(math.Round(t0 + frac*(t1-t0)))
		st[k].Arr, st[k].Dep = v, v
		f.Interp++
	}
}

func haversine(lat1, lon1, lat2, lon2 float64) float64 {
	const r = 6371008.8
	rad := math.Pi / 180
	dlat, dlon := (lat2-lat1)*rad, (lon2-lon1)*rad
	h := math.Sin(dlat/2)*math.Sin(dlat/2) + math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dlon/2)*math.Sin(dlon/2)
	return 2 * r * math.Asin(math.Min(1, math.Sqrt(h)))
}

// MaxExpandedStopTimes bounds the stop times that one feed's
// frequencies.txt may expand to on a day (about 600 MB of timetable), so
// a tiny file cannot ask for billions of trips.
const MaxExpandedStopTimes = 50_000_000

func (f *Feed) readFrequencies(a *feedio.Archive, p *feedio.Problems) {
	t, ok := a.OpenTable("frequencies.txt", p)
	if !ok {
		return
	}
	t.Require("trip_id", "start_time", "end_time", "headway_secs")
	var expanded int64 // stop times the rows expand to
	for t.Next() {
		tid, ok := t.Need("trip_id")
		if !ok {
			continue
		}
		ti, ok := f.tripIdx[tid]
		if !ok {
			f.unknown(t, "trip_id", "trips.txt", "trip", tid)
			continue
		}
		fr := Freq{Trip: ti}
		bad := false
		for _, c := range []struct {
			col string
			v   *int32
		}{{"start_time", &fr.Start}, {"end_time", &fr.End}} {
			v, ok := t.Need(c.col)
			if !ok {
				bad = true
				continue
			}
			s, err := ParseTime(v)
			if err != nil {
				t.Errorf(c.col, "%v", err)
				bad = true
			}
			*c.v = s
		}
		if v, ok := t.Need("headway_secs"); ok {
			h, err := parseInt(v, 1, 86400)
			if err != nil {
				t.Errorf("headway_secs", "%v", err)
				bad = true
			}
			fr.Headway = int32(h)
		} else {
			bad = true
		}
		switch v := t.Get("exact_times"); v {
		case "", "0":
		case "1":
			fr.Exact = true
		default:
			t.Errorf("exact_times", "%q: want 0 or 1", v)
			bad = true
		}
		if !bad && fr.End <= fr.Start {
			t.Errorf("end_time", "%s is not after start_time %s", FormatTime(fr.End), FormatTime(fr.Start))
			bad = true
		}
		if !bad && f.Trips[ti].Flex {
			t.Errorf("trip_id", "trip %q has GTFS-Flex pickup windows: it cannot have frequencies", tid)
			bad = true
		}
		if !bad {
			n := int64((fr.End - fr.Start + fr.Headway - 1) / fr.Headway)
			if tr := f.Trips[ti]; tr.First >= 0 {
				expanded += n * int64(tr.End-tr.First)
			}
			if expanded > MaxExpandedStopTimes {
				t.Errorf("headway_secs", "frequencies expand to more than %d stop times in this feed (here %d departures every %d s): is the headway right?",
					MaxExpandedStopTimes, n, fr.Headway)
				t.Close()
				f.Rows["frequencies.txt"] = t.Rows
				return
			}
			f.Freqs = append(f.Freqs, fr)
		}
	}
	f.Rows["frequencies.txt"] = t.Rows
	sort.SliceStable(f.Freqs, func(i, j int) bool {
		if f.Freqs[i].Trip != f.Freqs[j].Trip {
			return f.Freqs[i].Trip < f.Freqs[j].Trip
		}
		return f.Freqs[i].Start < f.Freqs[j].Start
	})
	for k := 1; k < len(f.Freqs); k++ {
		a, b := f.Freqs[k-1], f.Freqs[k]
		if a.Trip == b.Trip && b.Start < a.End {
			p.Add(t.Source, 0, "start_time", "trip %q has overlapping frequencies (%s–%s and %s–%s)", f.Trips[a.Trip].ID,
				FormatTime(a.Start), FormatTime(a.End), FormatTime(b.Start), FormatTime(b.End))
		}
	}
}

// MaxTransferPairs bounds the pairs of stops one feed's transfers.txt may
// expand to (a transfer between stations applies to every pair of their
// stops).
const MaxTransferPairs = 10_000_000

func (f *Feed) readTransfers(a *feedio.Archive, p *feedio.Problems) {
	t, ok := a.OpenTable("transfers.txt", p)
	if !ok {
		return
	}
	children := map[int32]int64{}
	for _, s := range f.Stops {
		if s.Parent >= 0 {
			children[s.Parent]++
		}
	}
	size := func(si int32) int64 { // boarding points a transfer endpoint stands for
		if si >= 0 && f.Stops[si].Type == LocStation {
			return children[si] + 1
		}
		return 1
	}
	var pairs int64
	for t.Next() {
		tr := Transfer{From: -1, To: -1}
		if v := t.Get("transfer_type"); v != "" {
			n, err := parseInt(v, 0, 5)
			if err != nil {
				t.Errorf("transfer_type", "%v", err)
				continue
			}
			tr.Type = uint8(n)
		}
		tr.Specific = t.Get("from_trip_id") != "" || t.Get("to_trip_id") != "" || t.Get("from_route_id") != "" || t.Get("to_route_id") != ""
		bad := false
		for _, c := range []struct {
			col string
			v   *int32
		}{{"from_stop_id", &tr.From}, {"to_stop_id", &tr.To}} {
			v := t.Get(c.col)
			if v == "" {
				if tr.Type < 4 {
					t.Errorf(c.col, "required value is empty")
					bad = true
				}
				continue
			}
			i, ok := f.stopIdx[v]
			if !ok {
				f.unknown(t, c.col, "stops.txt", "stop", v)
				bad = true
			}
			*c.v = i
		}
		if v := t.Get("min_transfer_time"); v != "" {
			n, err := parseInt(v, 0, 86400)
			if err != nil {
				t.Errorf("min_transfer_time", "%v", err)
				bad = true
			}
			tr.Min = int32(n)
		}
		if !bad {
			pairs += size(tr.From) * size(tr.To)
			if pairs > MaxTransferPairs {
				t.Errorf("from_stop_id", "transfers between stations expand to more than %d pairs of stops", MaxTransferPairs)
				t.Close()
				break
			}
			f.Transfers = append(f.Transfers, tr)
		}
	}
	f.Rows["transfers.txt"] = t.Rows
}

// unknown reports a reference to an id that its file lacks, unless that
// file is missing or had problems of its own (already reported).
func (f *Feed) unknown(t *feedio.Table, col, file, what, id string) {
	if f.incomplete[file] || file == "services" && (f.incomplete["calendar.txt"] || f.incomplete["calendar_dates.txt"]) {
		return
	}
	where := file
	if file == "services" {
		where = "calendar.txt or calendar_dates.txt"
	}
	t.Errorf(col, "unknown %s %q (not in %s)", what, id, where)
}
