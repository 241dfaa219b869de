package analysis

import (
	"context"
	"fmt"

	"github.com/partons/partons/analysis/openhours"
	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/hours"
	"github.com/partons/partons/geo/road"
	"github.com/partons/partons/travel"
)

// DecimalsHours: hours a week to the minute and a bit.
const DecimalsHours = 2

// OpenHours is the opening-hours part of a run: every service's week and
// the open-hour metrics of every village by straight line, with the run's
// distance thresholds.
type OpenHours struct {
	Week      hours.Week
	Slots     []hours.Slot
	Schedules []hours.Schedule    // one per service
	Services  []openhours.Service // one per service
	Straight  *openhours.Result
	// Road is the same by road, when the run is routed, in RoadUnit ("m"
	// by length, "min" by time) with the thresholds of that unit.
	Road     *openhours.Result
	RoadUnit string
	Counts   HoursCounts
}

// HoursCounts counts the services by the status of their hours.
type HoursCounts struct {
	Known       int `json:"known"`
	Partial     int `json:"partly_unknown"` // known, with unknown stretches (comments, "unknown" rules, open ends)
	Missing     int `json:"missing"`
	Invalid     int `json:"invalid"`     // unreadable, counted with lenient reading
	Unsupported int `json:"unsupported"` // sun times, school holidays, PH without a calendar
}

// AnyHours reports whether a service of vs has an opening_hours value.
func AnyHours(vs []datasets.Service) bool {
	for i := range vs {
		if vs[i].OpeningHours != "" {
			return true
		}
	}
	return false
}

// ComputeOpenHours evaluates every service's opening hours with ev and the
// open-hour metrics of every village and category in slots, and keeps
// them in r.OpenHours for the tables. A value ev cannot read is an error
// naming the service's file, line or feature and the field (every such
// value is listed, up to datasets.MaxProblems).
func (r *Result) ComputeOpenHours(ctx context.Context, ev *hours.Evaluator, slots []hours.Slot) error {
	oh := &OpenHours{Week: ev.Week(), Slots: slots, Schedules: make([]hours.Schedule, len(r.Services))}
	var errs datasets.ErrorList
	for j := range r.Services {
		s := &r.Services[j]
		sch, err := ev.Schedule(s.OpeningHours, s.Country)
		if err != nil {
			if len(errs) < datasets.MaxProblems {
				errs.Add(&datasets.RecordError{Source: s.Origin.Source, Line: s.Origin.Line, Feature: s.Origin.Feature,
					Field: "opening_hours", Reason: fmt.Sprintf("service %q: %v", s.ID, err)})
			}
			continue
		}
		oh.Schedules[j] = sch
		switch {
		case sch.Status == hours.Known && sch.UnknownMinutes() > 0:
			oh.Counts.Partial++
		case sch.Status == hours.Known:
			oh.Counts.Known++
		case sch.Status == hours.Missing:
			oh.Counts.Missing++
		case sch.Status == hours.Invalid:
			oh.Counts.Invalid++
		default:
			oh.Counts.Unsupported++
		}
	}
	if err := errs.Err(); err != nil {
		return err
	}
	oh.Services = openhours.Services(oh.Schedules, slots)
	sn, err := travel.Straight{Workers: r.Params.Workers}.Snap(ctx, villagePlaces(r.Villages), servicePlaces(r.Services))
	if err != nil {
		return err
	}
	oh.Straight, err = openhours.Compute(ctx, sn, r.Villages, r.Services, oh.Schedules,
		openhours.Config{Categories: r.Categories, Slots: slots, Thresholds: r.Params.ThresholdsM})
	if err != nil {
		return err
	}
	if r.road != nil && r.road.snapped != nil {
		ts := r.Params.ThresholdsM
		oh.RoadUnit = "m"
		if r.Params.Road.RouteBy == road.Time {
			oh.RoadUnit, ts = "min", r.Params.Road.TimeThresholdsMin
		}
		oh.Road, err = openhours.Compute(ctx, r.road.snapped, r.Villages, r.Services, oh.Schedules,
			openhours.Config{Categories: r.Categories, Slots: slots, Thresholds: ts})
		if err != nil {
			return err
		}
	}
	r.OpenHours = oh
	return nil
}
