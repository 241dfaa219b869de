package openhours

import (
	"context"
	"fmt"
	"math"
	"slices"

	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/hours"
	"github.com/partons/partons/travel"
)

// Status is the status of one village answer.
type Status string

// Statuses of village answers.
const (
	OK           Status = "ok"
	HoursUnknown Status = "hours_unknown" // a service with unknown hours could change the answer
	NoneOpen     Status = "none_open"     // no reachable service is open in the slot
	NoneWithin   Status = "none_within"   // no service within the threshold
	Unsnapped    Status = "unsnapped"     // the village did not join the travel mode
	NoCountry    Status = "no_country"    // the village has no country: no domestic value
)

// Config says what to compute.
type Config struct {
	Categories []string     // in column order
	Slots      []hours.Slot // in column order
	Thresholds []float64    // in the mode's unit, ascending, positive
}

// Service is one service's week.
type Service struct {
	Status      hours.Status
	OpenMinutes int         // -1 when the schedule is not known
	Slots       []hours.Tri // one per Config.Slots
}

// Services returns each service's open minutes and slot answers.
func Services(schedules []hours.Schedule, slots []hours.Slot) []Service {
	out := make([]Service, len(schedules))
	for j, s := range schedules {
		o := Service{Status: s.Status, OpenMinutes: -1, Slots: make([]hours.Tri, len(slots))}
		if s.IsKnown() {
			o.OpenMinutes = s.OpenMinutes()
		}
		for k, sl := range slots {
			o.Slots[k] = s.OpenIn(sl)
		}
		out[j] = o
	}
	return out
}

// Result holds the village answers of every category.
type Result struct {
	Categories []Category
}

// Category holds the village answers of one category.
type Category struct {
	Name   string
	Slots  []SlotReach // one per Config.Slots
	Within []Within    // one per Config.Thresholds
}

// SlotReach is, for every village, the nearest service open in a slot.
type SlotReach struct {
	Slot    string
	Service []int32   // index into the services, -1 when none or unknown
	Cost    []float64 // in the mode's unit, NaN when none or unknown
	Status  []Status
	// YesCost is the cost to the nearest service known to be open in the
	// slot and MaybeCost to the nearest that is or may be (NaN: none),
	// whatever Status says: the bounds the aggregates use.
	YesCost, MaybeCost []float64
}

// Within is, for every village, the minutes a week at least one service
// of the category within Threshold is open.
type Within struct {
	Threshold float64
	Minutes   []float64 // NaN unless Status is OK or NoneWithin (0)
	Status    []Status
	// Domestic counts only services of the village's country; NaN when
	// unknown or when the village has no country (DomesticStatus says).
	Domestic       []float64
	DomesticStatus []Status
}

// Gain returns the minutes a week the other side of the border adds for
// village i (Minutes − Domestic), NaN when either is unknown.
func (w Within) Gain(i int) float64 { return w.Minutes[i] - w.Domestic[i] }

// Validate checks a configuration.
func (c Config) Validate() error {
	for k, t := range c.Thresholds {
		if !(t > 0) || math.IsInf(t, 0) || (k > 0 && t <= c.Thresholds[k-1]) {
			return fmt.Errorf("openhours: thresholds must be positive, finite and ascending: %v: %w", c.Thresholds, travel.ErrInvalid)
		}
	}
	seen := map[string]bool{}
	for _, s := range c.Slots {
		if seen[s.Name] {
			return fmt.Errorf("openhours: slot %q twice: %w", s.Name, travel.ErrInvalid)
		}
		seen[s.Name] = true
	}
	return nil
}

// Compute answers cfg for every village and category. schedules has one
// entry per service, in the order given to the mode's Snap; villages and
// services are those given to Snap.
func Compute(ctx context.Context, sn travel.Snapped, villages []datasets.Village, services []datasets.Service, schedules []hours.Schedule, cfg Config) (*Result, error) {
	if len(schedules) != len(services) {
		return nil, fmt.Errorf("openhours: %d schedules for %d services: %w", len(schedules), len(services), travel.ErrInvalid)
	}
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	svc := Services(schedules, cfg.Slots)
	res := &Result{}
	for _, cat := range cfg.Categories {
		var members []int32
		for j, s := range services {
			if s.Category == cat {
				members = append(members, int32(j))
			}
		}
		c := Category{Name: cat}
		slots, err := nearestOpen(ctx, sn, len(villages), members, svc, cfg.Slots)
		if err != nil {
			return nil, err
		}
		c.Slots = slots
		c.Within, err = within(ctx, sn, villages, services, schedules, members, cfg.Thresholds)
		if err != nil {
			return nil, err
		}
		res.Categories = append(res.Categories, c)
	}
	return res, nil
}

// nearestOpen asks the mode, per slot, for the nearest service open in it
// (Yes) and the nearest that may be (Yes or Unknown).
func nearestOpen(ctx context.Context, sn travel.Snapped, nv int, members []int32, svc []Service, slots []hours.Slot) ([]SlotReach, error) {
	var q []travel.Category
	for k, sl := range slots {
		var yes, maybe []int32
		for _, j := range members {
			switch svc[j].Slots[k] {
			case hours.Yes:
				yes = append(yes, j)
				maybe = append(maybe, j)
			case hours.Unknown:
				maybe = append(maybe, j)
			}
		}
		q = append(q, travel.Category{Name: sl.Name + "/yes", Parts: []travel.Part{{Services: yes}}},
			travel.Category{Name: sl.Name + "/maybe", Parts: []travel.Part{{Services: maybe}}})
	}
	reach, err := sn.Nearest(ctx, q)
	if err != nil {
		return nil, err
	}
	if len(reach) != len(q) {
		return nil, fmt.Errorf("openhours: the mode answered %d categories for %d", len(reach), len(q))
	}
	out := make([]SlotReach, len(slots))
	for k, sl := range slots {
		yes, maybe := reach[2*k][0], reach[2*k+1][0]
		r := SlotReach{Slot: sl.Name, Service: make([]int32, nv), Cost: make([]float64, nv), Status: make([]Status, nv),
			YesCost: make([]float64, nv), MaybeCost: make([]float64, nv)}
		for i := range nv {
			r.Service[i], r.Cost[i] = -1, math.NaN()
			r.YesCost[i], r.MaybeCost[i] = yes.Cost[i], maybe.Cost[i]
			if yes.Service[i] < 0 {
				r.YesCost[i] = math.NaN()
			}
			if maybe.Service[i] < 0 {
				r.MaybeCost[i] = math.NaN()
			}
			switch {
			case !sn.Village(i).OK:
				r.Status[i] = Unsnapped
			case maybe.Service[i] >= 0 && (yes.Service[i] < 0 || maybe.Cost[i] < yes.Cost[i]):
				r.Status[i] = HoursUnknown
			case yes.Service[i] >= 0:
				r.Status[i], r.Service[i], r.Cost[i] = OK, yes.Service[i], yes.Cost[i]
			default:
				r.Status[i] = NoneOpen
			}
		}
		out[k] = r
	}
	return out, nil
}

// within computes, per threshold, the union of the open minutes of the
// services within it.
func within(ctx context.Context, sn travel.Snapped, villages []datasets.Village, services []datasets.Service, schedules []hours.Schedule, members []int32, thresholds []float64) ([]Within, error) {
	nv := len(villages)
	out := make([]Within, len(thresholds))
	for k, t := range thresholds {
		out[k] = Within{Threshold: t, Minutes: make([]float64, nv), Status: make([]Status, nv),
			Domestic: make([]float64, nv), DomesticStatus: make([]Status, nv)}
	}
	if len(thresholds) == 0 {
		return out, nil
	}
	costs, err := sn.Costs(ctx, members, thresholds[len(thresholds)-1])
	if err != nil {
		return nil, err
	}
	for i := range nv {
		if i%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		sup, cost := costs.Demand(i)
		for k, t := range thresholds {
			var all, home []int32
			for n, s := range sup {
				if cost[n] <= t {
					j := members[s]
					all = append(all, j)
					if villages[i].Country != "" && services[j].Country == villages[i].Country {
						home = append(home, j)
					}
				}
			}
			w := &out[k]
			w.Minutes[i], w.Status[i] = openUnion(all, schedules)
			w.Domestic[i], w.DomesticStatus[i] = openUnion(home, schedules)
			switch {
			case !sn.Village(i).OK:
				w.Minutes[i], w.Status[i] = math.NaN(), Unsnapped
				w.Domestic[i], w.DomesticStatus[i] = math.NaN(), Unsnapped
			case villages[i].Country == "":
				w.Domestic[i], w.DomesticStatus[i] = math.NaN(), NoCountry
			}
		}
	}
	return out, nil
}

// openUnion returns the minutes of the week at least one of the services
// is open, and OK; or NaN and HoursUnknown when a service's unknown
// stretches or unknown schedule could add to them; 0 and NoneWithin for
// no service.
func openUnion(js []int32, schedules []hours.Schedule) (float64, Status) {
	if len(js) == 0 {
		return 0, NoneWithin
	}
	var open, maybe []hours.Interval
	for _, j := range js {
		s := schedules[j]
		if !s.IsKnown() {
			maybe = append(maybe, hours.Interval{Start: 0, End: hours.WeekMinutes})
			continue
		}
		open = append(open, s.Open...)
		maybe = append(maybe, s.Open...)
		maybe = append(maybe, s.Unknown...)
	}
	o := unionMinutes(open)
	if unionMinutes(maybe) > o {
		return math.NaN(), HoursUnknown
	}
	return float64(o), OK
}

// unionMinutes is the length of the union of iv. It sorts iv in place.
func unionMinutes(iv []hours.Interval) int {
	slices.SortFunc(iv, func(a, b hours.Interval) int { return a.Start - b.Start })
	n, end := 0, -1
	for _, x := range iv {
		if x.Start > end {
			n += x.End - x.Start
			end = x.End
		} else if x.End > end {
			n += x.End - end
			end = x.End
		}
	}
	return n
}
