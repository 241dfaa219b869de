package results

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/partons/partons/analysis"
	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/hours"
	"github.com/partons/partons/datasets/reportdir"
	"github.com/partons/partons/study"
	"github.com/partons/partons/study/usage"
)

// Hours evaluates the opening hours of res's services and the open-hour
// metrics when any service has hours, a reference week is given or the
// config names slots, and records what it did in m. The reference week is
// the one given, or the week of the data date (the first later week
// without public holidays in the data's countries); without a data date,
// a week must be given.
func Hours(ctx context.Context, j *study.Job, in *study.Inputs, res *analysis.Result, m *study.Manifest) error {
	spec := j.Spec
	if spec.When == "" && len(spec.Slots) == 0 && !analysis.AnyHours(res.Services) {
		res.OpenHours = nil // a variant whose changes removed every value
		return nil
	}
	var week hours.Week
	reason := "given (when)"
	if spec.When != "" {
		w, err := hours.ParseWhen(spec.When)
		if err != nil {
			return usage.Errorf("{when}: %v", err)
		}
		week = w
	} else {
		date := study.DataDate(j, in, res)
		if date.Equal(time.Unix(0, 0).UTC()) {
			// Never a default week nobody chose (1 January 1970 is a
			// holiday); unreadable values are reported first, as data.
			if err := res.ComputeOpenHours(ctx, hours.NewEvaluator(hours.WeekOf(date), spec.LenientHours), nil); err != nil {
				return hoursError(err)
			}
			res.OpenHours = nil
			return usage.Errorf("opening hours: the inputs give no data date to take the reference week from: give {when} (a date YYYY-MM-DD or an ISO week YYYY-Www)")
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
		return &usage.Hint{Err: err, Advice: "{lenient_hours} reads the opening_hours values partons cannot read as unknown, and counts them"}
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
			return nil, usage.Errorf("slots: %v", err)
		}
		if seen[s.Name] {
			return nil, usage.Errorf("slots: %q appears twice", s.Name)
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
