package gtfs

import (
	"sort"

	"github.com/partons/partons/datasets/gtfs/internal/raw"
)

// account fills the row accounting of the feed's files (Timetable.Files)
// and the feed's oddity counts.
func (b *builder) account() {
	f, c := b.f, b.tt.Counts
	add := func(file string, used int, unused map[string]int) {
		read, ok := f.Rows[file]
		if !ok {
			return
		}
		for k, v := range unused {
			if v == 0 {
				delete(unused, k)
			}
		}
		b.tt.Files = append(b.tt.Files, FileRows{Feed: f.Name, File: file, Read: read, Used: used, Unused: unused})
	}
	add("agency.txt", f.Rows["agency.txt"], map[string]int{})

	used, un := 0, map[string]int{}
	kinds := [...]string{"", "station", "entrance", "generic_node", "boarding_area"}
	for si, s := range f.Stops {
		if s.Type == raw.LocStation && s.Board > 0 {
			c["stations_as_stops"]++
		}
		switch {
		case s.Type != raw.LocStop && !(s.Board > 0 && b.served[si]):
			un[kinds[s.Type]]++
			c[kinds[s.Type]+"s"]++
		case b.served[si]:
			used++
		default:
			un["stop_not_served"]++
		}
	}
	add("stops.txt", used, un)

	routeUsed := make([]bool, len(f.Routes))
	used, un = 0, map[string]int{}
	stUsed, stUn := 0, map[string]int{}
	lastStart := map[int32]int32{} // latest frequency departure per trip
	for _, fr := range f.Freqs {
		last := fr.Start + (fr.End-1-fr.Start)/fr.Headway*fr.Headway
		lastStart[fr.Trip] = max(lastStart[fr.Trip], last)
	}
	for ti, t := range f.Trips {
		n := int(t.End - t.First)
		if t.First < 0 {
			n = 0
		}
		switch {
		case b.tripUse[ti] != 0:
			used++
			routeUsed[t.Route] = true
			if b.tripUse[ti] == 1 {
				stUsed += n
				break
			}
			// Only the previous day's run: rows before midnight are cut.
			delta := int32(0)
			if ls, ok := lastStart[int32(ti)]; ok {
				delta = ls - f.StopTimes[t.First].Dep
			}
			for _, r := range f.StopTimes[t.First:t.End] {
				if r.Dep+delta >= 86400 {
					stUsed++
				} else {
					stUn["before_service_day"]++
				}
			}
		case t.Flex:
			un["flex"]++
			stUn["flex"] += n
			c["trips_flex"]++
		case t.Service >= 0 && !f.Services[t.Service].Runs(b.d) && !f.Services[t.Service].Runs(b.d-1):
			un["no_service_on_date"]++
			stUn["trip_not_running"] += n
			c["trips_no_service_on_date"]++
		case n < 2:
			un["fewer_than_two_stop_times"]++
			stUn["trip_not_running"] += n
			c["trips_fewer_than_two_stop_times"]++
		default: // runs only as the previous day's trip, wholly before 0
			un["previous_day_before_midnight"]++
			stUn["trip_not_running"] += n
		}
	}
	add("trips.txt", used, un)
	add("stop_times.txt", stUsed, stUn)
	c["stop_times_interpolated"] += f.Interp
	c["trips_faster_than_400kmh"] += f.Fast

	used = 0
	for _, u := range routeUsed {
		if u {
			used++
		}
	}
	add("routes.txt", used, map[string]int{"no_trip_on_date": len(f.Routes) - used})
	c["routes_not_running"] += len(f.Routes) - used

	used = 0
	cal, dates, datesUsed := 0, 0, 0
	for _, s := range f.Services {
		if s.Calendar {
			cal++
			if s.Exceptions[b.d] == 0 && s.Runs(b.d) {
				used++
			}
		}
		for d := range s.Exceptions {
			dates++
			if d == b.d || d == b.d-1 {
				datesUsed++
			}
		}
	}
	add("calendar.txt", used, map[string]int{"not_on_date": cal - used})
	add("calendar_dates.txt", datesUsed, map[string]int{"other_date": dates - datesUsed})

	used = 0
	for _, u := range b.freqUsed {
		if u {
			used++
		}
	}
	add("frequencies.txt", used, map[string]int{"trip_not_running": len(f.Freqs) - used})

	used, un = 0, map[string]int{}
	for _, why := range b.xferUse {
		if why == "" {
			used++
		} else {
			un[why]++
			c["transfers_"+why]++
		}
	}
	add("transfers.txt", used, un)
	sort.SliceStable(b.tt.Files, func(i, j int) bool {
		return b.tt.Files[i].Feed == b.tt.Files[j].Feed && b.tt.Files[i].File < b.tt.Files[j].File
	})
	if len(f.Ignored) > 0 {
		c["ignored_files"] += len(f.Ignored)
	}
}
