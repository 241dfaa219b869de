package hours

import (
	"fmt"
	"time"

	openinghours "github.com/Daquisu/opening_hours.go"
)

// Minutes in a day and in a week.
const (
	DayMinutes  = 1440
	WeekMinutes = 7 * DayMinutes
)

// Status says whether a schedule is known.
type Status string

// Statuses of a Schedule.
const (
	Known       Status = "ok"          // evaluated; unknown stretches may remain (comments, "unknown" rules)
	Missing     Status = "missing"     // no opening_hours value
	Invalid     Status = "invalid"     // the value could not be read (lenient reading)
	Unsupported Status = "unsupported" // read, but needs data partons does not have (sun times, school holidays, a country without a holiday calendar)
)

// Interval is a stretch of a week in minutes from Monday 00:00, [Start, End).
type Interval struct{ Start, End int }

// Schedule is a service's week: where it is open and where its state is
// unknown. Open and Unknown are sorted, disjoint, merged and inside
// [0, WeekMinutes). When Status is not Known both are empty and Reason says
// why.
type Schedule struct {
	Status  Status
	Reason  string
	Open    []Interval
	Unknown []Interval
}

// OpenMinutes is the number of minutes open in the week.
func (s Schedule) OpenMinutes() int { return total(s.Open) }

// UnknownMinutes is the number of minutes of unknown state in the week.
func (s Schedule) UnknownMinutes() int { return total(s.Unknown) }

// IsKnown reports whether the schedule was evaluated.
func (s Schedule) IsKnown() bool { return s.Status == Known }

func total(iv []Interval) int {
	n := 0
	for _, i := range iv {
		n += i.End - i.Start
	}
	return n
}

// Week is a reference week, given by its Monday (a date at 00:00 UTC,
// standing for local wall-clock time).
type Week struct{ Monday time.Time }

// WeekOf returns the ISO week (Monday to Sunday) that holds day d.
func WeekOf(d time.Time) Week {
	day := time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC)
	back := (int(day.Weekday()) + 6) % 7 // Monday 0 … Sunday 6
	return Week{Monday: day.AddDate(0, 0, -back)}
}

// Day returns the date of day i of the week (0 Monday … 6 Sunday; -1 the
// Sunday before).
func (w Week) Day(i int) time.Time { return w.Monday.AddDate(0, 0, i) }

// String is the ISO week date, e.g. 2026-W50.
func (w Week) String() string {
	y, n := w.Monday.ISOWeek()
	return fmt.Sprintf("%04d-W%02d", y, n)
}

// ParseWhen reads a reference week: a date (YYYY-MM-DD, its week) or an ISO
// week (YYYY-Www).
func ParseWhen(s string) (Week, error) {
	if d, err := time.Parse("2006-01-02", s); err == nil {
		return WeekOf(d), nil
	}
	var y, n int
	if _, err := fmt.Sscanf(s, "%4d-W%2d", &y, &n); err == nil && len(s) == 8 && n >= 1 && n <= 53 {
		// the Monday of ISO week n: week 1 holds 4 January
		w := WeekOf(time.Date(y, 1, 4, 0, 0, 0, 0, time.UTC))
		w.Monday = w.Monday.AddDate(0, 0, 7*(n-1))
		if yy, nn := w.Monday.ISOWeek(); yy != y || nn != n {
			return Week{}, fmt.Errorf("week %q: %d has no week %d", s, y, n)
		}
		return w, nil
	}
	return Week{}, fmt.Errorf("week %q: want a date YYYY-MM-DD or an ISO week YYYY-Www", s)
}

// Evaluate returns the schedule of h over week w, with the public holidays
// of cal (nil: no calendar; a value that selects PH is then Unsupported).
// O(rules × 8 days) selector matches plus O(week minutes). Never panics.
func (h *Hours) Evaluate(w Week, cal *Calendar) (s Schedule) {
	defer func() {
		if r := recover(); r != nil {
			s = Schedule{Status: Unsupported, Reason: fmt.Sprintf("the selector reader failed: %v", r)}
		}
	}()
	for _, r := range h.rules {
		if r.unsure != "" {
			return Schedule{Status: Unsupported, Reason: r.unsure}
		}
	}
	if h.ph && cal == nil {
		return Schedule{Status: Unsupported, Reason: "public holidays (PH) with no holiday calendar for the country"}
	}
	phMatchers, err := h.phMatchers(cal)
	if err != nil {
		return Schedule{Status: Unsupported, Reason: err.Error()}
	}
	var week [WeekMinutes]state
	var day [DayMinutes]state
	sel := make([]bool, 8*len(h.rules)) // sel[(d+1)*n+i]: rule i selects day d (-1 … 6)
	n := len(h.rules)
	for d := -1; d < 7; d++ {
		noon := w.Day(d).Add(12 * time.Hour)
		for i := range h.rules {
			sel[(d+1)*n+i] = h.selects(i, noon, phMatchers)
		}
	}
	for d := 0; d < 7; d++ {
		h.evalDay(sel[(d+1)*n:(d+2)*n], sel[d*n:(d+1)*n], &day)
		copy(week[d*DayMinutes:], day[:])
	}
	return Schedule{Status: Known, Open: runs(week[:], open), Unknown: runs(week[:], unknown)}
}

// phMatchers parses the PH selector variants with the calendar attached:
// one fresh library value per evaluation, so that parsed Hours stay
// read-only.
func (h *Hours) phMatchers(cal *Calendar) (map[[2]int]*openinghours.OpeningHours, error) {
	if !h.ph {
		return nil, nil
	}
	out := make(map[[2]int]*openinghours.OpeningHours)
	for i, r := range h.rules {
		for j, m := range r.matchers {
			if !m.ph {
				continue
			}
			oh, err := openinghours.New(r.variants[j] + " 00:00-24:00")
			if err != nil {
				return nil, err
			}
			oh.SetHolidayChecker(cal)
			out[[2]int{i, j}] = oh
		}
	}
	return out, nil
}

// selects reports whether rule i selects the day of date (noon).
func (h *Hours) selects(i int, date time.Time, ph map[[2]int]*openinghours.OpeningHours) bool {
	r := &h.rules[i]
	if r.always {
		return true
	}
	for j, m := range r.matchers {
		oh := m.oh
		if m.ph {
			oh = ph[[2]int{i, j}]
		}
		if oh.GetState(date) {
			return true
		}
	}
	return false
}

// evalDay fills day with the rules in order, as the reference evaluator
// does: a rule counts on the days its selector takes (today), and its
// times past midnight count on the next day (yesterday's rules spill into
// today). A normal rule that takes today replaces what earlier rules set
// today, spilled times included; an "off" rule with times closes only its
// times; an additional (",") rule adds; a fallback ("||") rule sets only
// the minutes no earlier rule's times covered.
func (h *Hours) evalDay(today, yesterday []bool, day *[DayMinutes]state) {
	var covered [DayMinutes]bool
	for i := range day {
		day[i] = closed
	}
	for i := range h.rules {
		r := &h.rules[i]
		if !today[i] && !yesterday[i] {
			continue
		}
		if today[i] && r.join == normal && !(r.state == closed && len(r.spans) > 0) {
			for k := range day {
				day[k], covered[k] = closed, false
			}
		}
		set := func(from, to int, st state) {
			for m := max(from, 0); m < min(to, DayMinutes); m++ {
				if r.join == fallback && covered[m] {
					continue
				}
				day[m] = st
				covered[m] = true
			}
		}
		if len(r.spans) == 0 {
			if today[i] {
				set(0, DayMinutes, r.state)
			}
			continue
		}
		for _, sp := range r.spans {
			from, to, st := sp.Start, sp.End, r.state
			if from == to { // "HH:MM+": open end, unknown for as long as the reference evaluator guesses
				st, to = unknown, openEndUntil(from)
			}
			if today[i] {
				set(from, to, st)
			}
			if yesterday[i] && to > DayMinutes {
				set(0, to-DayMinutes, st)
			}
		}
	}
}

// openEndUntil is where an open end ("HH:MM+") starting at from stops being
// unknown: 8 hours after a start from 22:00, 10 hours after a start from
// 17:00, midnight before that (the rule of the reference evaluator).
func openEndUntil(from int) int {
	switch {
	case from >= 22*60:
		return from + 8*60
	case from >= 17*60:
		return from + 10*60
	}
	return DayMinutes
}

// runs returns the maximal runs of st in week.
func runs(week []state, st state) []Interval {
	var out []Interval
	start := -1
	for i, s := range week {
		switch {
		case s == st && start < 0:
			start = i
		case s != st && start >= 0:
			out = append(out, Interval{start, i})
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, Interval{start, len(week)})
	}
	return out
}
