package transit

import (
	"context"
	"fmt"
	"time"

	"github.com/partons/partons/datasets/hours"
)

// DefaultVisitMin is the shortest visit of a round trip (RoundTrips).
const DefaultVisitMin = 30

// RoundTripConfig configures RoundTrips.
type RoundTripConfig struct {
	// Slots are the named times of the week (datasets/hours); Week the
	// reference week their days fall in.
	Slots []hours.Slot
	Week  hours.Week
	// VisitMin is how long the resident stays (0: DefaultVisitMin).
	VisitMin int
	// NetworkFor returns the network of a service day (the timetable of
	// that date); it is called once per distinct slot day.
	NetworkFor func(date time.Time) (*Network, error)
}

// RoundTrips says, per slot, village and group of services, whether a
// resident without a car can make a return trip by public transport (or
// on foot) that fits the opening hours: on the slot's first day of the
// reference week, with that day's timetable,
//
//   - leave home at a departure minute inside the slot's window,
//   - arrive at a service of the group while it is open, and find it
//     open for VisitMin minutes from the arrival,
//   - leave it at or after the end of the visit, departing before
//     midnight, and reach home (within MaxTravelSec, like every journey).
//
// Yes when some departure minute and service allow all three; Unknown
// when none does but one could if the unknown hours of a service (no
// schedule, or unknown stretches) were open, and for a village that is
// not on the walking network; No otherwise. schedules are by service,
// evaluated over cfg.Week. The answer is out[slot][village][group].
//
// Cost: per distinct slot day one range search per village over the
// slot's window and one per service from the slot's start to midnight.
func RoundTrips(ctx context.Context, villages, services []Place, schedules []hours.Schedule, groups []Group, opt Options, cfg RoundTripConfig) ([][][]hours.Tri, error) {
	if len(schedules) != len(services) {
		return nil, fmt.Errorf("transit: %d schedules for %d services", len(schedules), len(services))
	}
	visit := cfg.VisitMin
	if visit <= 0 {
		visit = DefaultVisitMin
	}
	out := make([][][]hours.Tri, len(cfg.Slots))
	for si, sl := range cfg.Slots {
		day := -1
		for d, on := range sl.Days {
			if on {
				day = d
				break
			}
		}
		if day < 0 {
			return nil, fmt.Errorf("transit: slot %s has no day", sl.Name)
		}
		net, err := cfg.NetworkFor(cfg.Week.Day(day))
		if err != nil {
			return nil, err
		}
		res, err := roundTripsDay(ctx, net, villages, services, schedules, groups, opt, sl, day, visit)
		if err != nil {
			return nil, err
		}
		out[si] = res
	}
	return out, nil
}

func roundTripsDay(ctx context.Context, net *Network, villages, services []Place, schedules []hours.Schedule, groups []Group,
	opt Options, sl hours.Slot, day, visit int) ([][]hours.Tri, error) {
	// Returns: from every service, departures from the slot's start to
	// midnight; last[j][i] is the last departure minute (index) from which
	// village i is reached, -1 none.
	back := opt
	back.From, back.To, back.OnDemand = int32(sl.Start)*60, 24*3600, nil
	last := make([][]int32, len(services))
	err := Profiles(ctx, net, services, villages, back, func(j int, snapped bool, p *Profile) {
		row := make([]int32, len(villages))
		for i := range row {
			row[i] = -1
		}
		if snapped {
			for _, i := range p.Cats {
				col := p.Column(i)
				for mi := len(col) - 1; mi >= 0; mi-- {
					if col[mi].Sec >= 0 {
						row[i] = int32(mi)
						break
					}
				}
			}
		}
		last[j] = row
	})
	if err != nil {
		return nil, err
	}
	fwd := opt
	fwd.From, fwd.To, fwd.OnDemand = int32(sl.Start)*60, int32(sl.End)*60, nil
	out := make([][]hours.Tri, len(villages))
	err = Profiles(ctx, net, villages, services, fwd, func(i int, snapped bool, p *Profile) {
		row := make([]hours.Tri, len(groups))
		for g, grp := range groups {
			if !snapped {
				row[g] = hours.Unknown
				continue
			}
			row[g] = hours.No
			for _, j := range grp {
				col := p.Column(j)
				if col == nil {
					continue
				}
				for mi, o := range col {
					if o.Sec < 0 {
						continue
					}
					arrive := sl.Start*60 + mi*60 + int(o.Sec) // seconds of the day
					t := openFor(schedules[j], day, (arrive+59)/60, visit)
					if t == hours.No {
						continue
					}
					// The return leaves at the first departure minute at or
					// after the end of the visit.
					leave := (arrive+59)/60 + visit - sl.Start
					if last[j][i] < 0 || int(last[j][i]) < leave {
						continue
					}
					if t == hours.Yes {
						row[g] = hours.Yes
						break
					}
					row[g] = hours.Unknown
				}
				if row[g] == hours.Yes {
					break
				}
			}
		}
		out[i] = row
	})
	return out, err
}

// openFor says whether schedule s is open throughout [from, from+visit)
// minutes of day d (minutes past midnight may run into the next day).
func openFor(s hours.Schedule, d, from, visit int) hours.Tri {
	if !s.IsKnown() {
		return hours.Unknown
	}
	a := d*hours.DayMinutes + from
	b := a + visit
	if b > hours.WeekMinutes {
		return hours.Unknown
	}
	covered := func(iv []hours.Interval) int {
		n := 0
		for _, x := range iv {
			lo, hi := max(x.Start, a), min(x.End, b)
			if hi > lo {
				n += hi - lo
			}
		}
		return n
	}
	o := covered(s.Open)
	switch {
	case o == visit:
		return hours.Yes
	case o+covered(s.Unknown) == visit:
		return hours.Unknown
	}
	return hours.No
}
