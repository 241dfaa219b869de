package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/partons/partons/analysis"
	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/hours"
	"github.com/partons/partons/datasets/reportdir"
)

// runHours evaluates the opening hours of res's services and the open-hour
// metrics when any service has hours, --when is given or the config names
// slots, and records what it did in m. The reference week is --when, or
// the week of the data date (the first later week without public
// holidays in the data's countries); without a data date, --when is
// required.
func runHours(ctx context.Context, j *job, in *inputs, res *analysis.Result, m *manifest) error {
	spec := j.spec
	if spec.When == "" && len(spec.Slots) == 0 && !analysis.AnyHours(res.Services) {
		res.OpenHours = nil // a variant whose changes removed every value
		return nil
	}
	var week hours.Week
	reason := "given (when)"
	if spec.When != "" {
		w, err := hours.ParseWhen(spec.When)
		if err != nil {
			return usagef("--when: %v", err)
		}
		week = w
	} else {
		date := dataDate(j, in, res)
		if date.Equal(time.Unix(0, 0).UTC()) {
			// Never a default week nobody chose (1 January 1970 is a
			// holiday); unreadable values are reported first, as data.
			if err := res.ComputeOpenHours(ctx, hours.NewEvaluator(hours.WeekOf(date), spec.LenientHours), nil); err != nil {
				return hoursError(err)
			}
			res.OpenHours = nil
			return usagef("opening hours: the inputs give no data date to take the reference week from: give --when (a date YYYY-MM-DD or an ISO week YYYY-Www)")
		}
		week, reason = hours.DefaultWeek(date, res.Countries)
	}
	slots, err := specSlots(spec.Slots)
	if err != nil {
		return err
	}
	if err := res.ComputeOpenHours(ctx, hours.NewEvaluator(week, spec.LenientHours), slots); err != nil {
		return hoursError(err)
	}
	c := res.OpenHours.Counts
	info := &reportdir.HoursInfo{Week: week.String(), Monday: week.Monday.Format("2006-01-02"), WeekReason: reason, Lenient: spec.LenientHours,
		Counts: map[string]int{"ok": c.Known, "partly_unknown": c.Partial, "missing": c.Missing, "invalid": c.Invalid, "unsupported": c.Unsupported}}
	for _, s := range slots {
		info.Slots = append(info.Slots, reportdir.Slot{Name: s.Name, When: slotWhen(s), MinMinutes: s.MinMinutes})
	}
	m.Hours = info
	return nil
}

// hoursError adds a hint to unreadable opening hours.
func hoursError(err error) error {
	if errors.Is(err, datasets.ErrInvalid) {
		return fmt.Errorf("%w\n(--lenient-hours reads the opening_hours values partons cannot read as unknown, and counts them)", err)
	}
	return err
}

// specSlots turns the run's slots into hours slots; none: the defaults.
func specSlots(ss []reportdir.Slot) ([]hours.Slot, error) {
	if len(ss) == 0 {
		return hours.DefaultSlots(), nil
	}
	out := make([]hours.Slot, 0, len(ss))
	seen := map[string]bool{}
	for _, s := range ss {
		sl, err := hours.ParseSlot(s.Name, s.When, s.MinMinutes)
		if err != nil {
			return nil, usagef("slots: %v", err)
		}
		if seen[s.Name] {
			return nil, usagef("slots: %q appears twice", s.Name)
		}
		seen[s.Name] = true
		out = append(out, sl)
	}
	return out, nil
}

// slotWhen writes a slot back as "DAYS HH:MM-HH:MM".
func slotWhen(s hours.Slot) string {
	names := [7]string{"Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"}
	days := ""
	for d := 0; d < 7; d++ {
		if !s.Days[d] {
			continue
		}
		e := d
		for e+1 < 7 && s.Days[e+1] {
			e++
		}
		if days != "" {
			days += ","
		}
		days += names[d]
		if e > d {
			days += "-" + names[e]
		}
		d = e
	}
	return fmt.Sprintf("%s %02d:%02d-%02d:%02d", days, s.Start/60, s.Start%60, s.End/60, s.End%60)
}

// printHoursProblems prints every opening_hours value partons cannot read,
// naming its file, line or feature and the field, and returns how many.
func printHoursProblems(w io.Writer, services []datasets.Service) int {
	n := 0
	for i := range services {
		s := &services[i]
		if s.OpeningHours == "" {
			continue
		}
		if _, err := hours.Parse(s.OpeningHours); err != nil {
			e := &datasets.RecordError{Source: s.Origin.Source, Line: s.Origin.Line, Feature: s.Origin.Feature,
				Field: "opening_hours", Reason: fmt.Sprintf("service %q: %v", s.ID, err)}
			fmt.Fprintln(w, e.Error())
			n++
		}
	}
	return n
}
