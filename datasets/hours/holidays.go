package hours

import (
	"sort"
	"time"

	"github.com/rickar/cal/v2"
	"github.com/rickar/cal/v2/be"
	"github.com/rickar/cal/v2/de"
	"github.com/rickar/cal/v2/fr"
	"github.com/rickar/cal/v2/lu"
	"github.com/rickar/cal/v2/nl"
)

// Calendar holds the national public holidays of one country, from
// github.com/rickar/cal/v2 (BSD-3). Regional holidays (Alsace-Moselle's
// 26 December, the Flemish 11 July) are not public holidays here.
type Calendar struct {
	Country string
	cal     *cal.Calendar
}

var calendars = map[string][]*cal.Holiday{
	"BE": be.Holidays,
	"DE": de.Holidays,
	"FR": fr.Holidays,
	"LU": lu.Holidays,
	"NL": nl.Holidays,
}

// Countries lists the ISO 3166-1 alpha-2 codes with a holiday calendar.
func Countries() []string {
	out := make([]string, 0, len(calendars))
	for c := range calendars {
		out = append(out, c)
	}
	sort.Strings(out)
	return out
}

// CalendarFor returns the calendar of country (ISO 3166-1 alpha-2, upper
// case), or nil when there is none.
func CalendarFor(country string) *Calendar {
	hs, ok := calendars[country]
	if !ok {
		return nil
	}
	c := &cal.Calendar{Name: country}
	c.AddHoliday(hs...)
	return &Calendar{Country: country, cal: c}
}

// IsHoliday reports whether the date of t (its year, month and day) is a
// public holiday. Safe for concurrent use.
func (c *Calendar) IsHoliday(t time.Time) bool {
	if c == nil {
		return false
	}
	d := time.Date(t.Year(), t.Month(), t.Day(), 12, 0, 0, 0, time.UTC)
	actual, _, _ := c.cal.IsHoliday(d)
	return actual
}

// HolidayName returns the holiday's name on the date of t, or "".
func (c *Calendar) HolidayName(t time.Time) string {
	if c == nil {
		return ""
	}
	d := time.Date(t.Year(), t.Month(), t.Day(), 12, 0, 0, 0, time.UTC)
	actual, _, h := c.cal.IsHoliday(d)
	if !actual || h == nil {
		return ""
	}
	return h.Name
}
