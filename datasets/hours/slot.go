package hours

import (
	"fmt"
	"regexp"
	"strings"
)

// Tri is a yes / no / unknown answer.
type Tri int8

// Answers.
const (
	No      Tri = 0
	Yes     Tri = 1
	Unknown Tri = -1
)

// String is "yes", "no" or "unknown".
func (t Tri) String() string {
	switch t {
	case Yes:
		return "yes"
	case No:
		return "no"
	}
	return "unknown"
}

// Slot is a named time of the week a resident may want a service: the
// same window [Start, End) in minutes from midnight on each of its days.
type Slot struct {
	Name  string
	Days  [7]bool // Monday … Sunday
	Start int
	End   int
	// MinMinutes is how long a service must be open inside the window, on
	// at least one of the days, to count as open in the slot.
	MinMinutes int
}

// DefaultMinMinutes is a slot's MinMinutes when the config gives none.
const DefaultMinMinutes = 60

// DefaultSlots are the slots used when the config names none: weekday
// mornings, weekday evenings after 18:00 (for people who work office
// hours) and Saturday mornings.
func DefaultSlots() []Slot {
	return []Slot{
		mustSlot("weekday_morning", "Mo-Fr 08:00-12:00"),
		mustSlot("weekday_evening", "Mo-Fr 18:00-21:00"),
		mustSlot("saturday_morning", "Sa 09:00-12:00"),
	}
}

func mustSlot(name, spec string) Slot {
	s, err := ParseSlot(name, spec, DefaultMinMinutes)
	if err != nil {
		panic(err) // programmer error: the defaults above are constants
	}
	return s
}

var (
	slotName = regexp.MustCompile(`^[a-z][a-z0-9_]{0,39}$`)
	slotSpec = regexp.MustCompile(`^([A-Za-z,\-]+) (\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})$`)
	dayIndex = map[string]int{"mo": 0, "tu": 1, "we": 2, "th": 3, "fr": 4, "sa": 5, "su": 6}
)

// ParseSlot reads a slot named name (lower case letters, digits and _) from
// "DAYS HH:MM-HH:MM", DAYS a comma list of weekdays or ranges (Mo-Fr,Sa),
// the window inside one day. minMinutes ≤ 0 means DefaultMinMinutes.
func ParseSlot(name, spec string, minMinutes int) (Slot, error) {
	s := Slot{Name: name, MinMinutes: minMinutes}
	if s.MinMinutes <= 0 {
		s.MinMinutes = DefaultMinMinutes
	}
	if !slotName.MatchString(name) {
		return s, fmt.Errorf("slot name %q: want lower case letters, digits and _", name)
	}
	m := slotSpec.FindStringSubmatch(strings.Join(strings.Fields(spec), " "))
	if m == nil {
		return s, fmt.Errorf("slot %s: %q is not \"DAYS HH:MM-HH:MM\" (e.g. \"Mo-Fr 18:00-21:00\")", name, spec)
	}
	for _, item := range strings.Split(m[1], ",") {
		a, b, ok := strings.Cut(strings.ToLower(item), "-")
		i, okA := dayIndex[a]
		j := i
		okB := true
		if ok {
			j, okB = dayIndex[b]
		}
		if !okA || !okB {
			return s, fmt.Errorf("slot %s: %q is not a weekday or a range of weekdays", name, item)
		}
		for k := i; ; k = (k + 1) % 7 {
			s.Days[k] = true
			if k == j {
				break
			}
		}
	}
	var err error
	if s.Start, err = clock(m[2], m[3], 24); err != nil {
		return s, fmt.Errorf("slot %s: %v", name, err)
	}
	if s.End, err = clock(m[4], m[5], 24); err != nil {
		return s, fmt.Errorf("slot %s: %v", name, err)
	}
	if s.End <= s.Start {
		return s, fmt.Errorf("slot %s: the window %q ends before it starts", name, spec)
	}
	if s.MinMinutes > s.End-s.Start {
		return s, fmt.Errorf("slot %s: %d minutes required in a %d-minute window", name, s.MinMinutes, s.End-s.Start)
	}
	return s, nil
}

// Windows returns the slot's windows in week minutes, Monday first.
func (s Slot) Windows() []Interval {
	var out []Interval
	for d, on := range s.Days {
		if on {
			out = append(out, Interval{d*DayMinutes + s.Start, d*DayMinutes + s.End})
		}
	}
	return out
}

// OpenIn says whether the schedule is open in the slot: Yes when it is open
// at least MinMinutes inside the window on one of the slot's days; Unknown
// when that could be so counting its unknown minutes, or when the schedule
// is not known; No otherwise.
func (s Schedule) OpenIn(sl Slot) Tri {
	if !s.IsKnown() {
		return Unknown
	}
	maybe := false
	for _, w := range sl.Windows() {
		o := overlap(s.Open, w)
		if o >= sl.MinMinutes {
			return Yes
		}
		if o+overlap(s.Unknown, w) >= sl.MinMinutes {
			maybe = true
		}
	}
	if maybe {
		return Unknown
	}
	return No
}

// overlap is the number of minutes of iv inside w.
func overlap(iv []Interval, w Interval) int {
	n := 0
	for _, i := range iv {
		a, b := max(i.Start, w.Start), min(i.End, w.End)
		if b > a {
			n += b - a
		}
	}
	return n
}
