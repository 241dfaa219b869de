package hours

import (
	"fmt"
	"strings"
	"time"
)

// maxHolidayWeeks bounds the search for a week without public holidays
// (no country has holidays in eight weeks running).
const maxHolidayWeeks = 8

// DefaultWeek is the reference week taken from the data date: the ISO
// week holding date, or, when that week holds a public holiday in one of
// countries (those with a Calendar), the first later week that holds
// none, so that a default never measures a holiday week. reason says
// which week was taken and why, for the run's records.
func DefaultWeek(date time.Time, countries []string) (w Week, reason string) {
	w = WeekOf(date)
	var cals []*Calendar
	for _, c := range countries {
		if cal := CalendarFor(c); cal != nil {
			cals = append(cals, cal)
		}
	}
	first := w
	var skipped []string
	for range maxHolidayWeeks {
		hols := w.holidays(cals)
		if len(hols) == 0 {
			break
		}
		skipped = append(skipped, fmt.Sprintf("%s (%s)", w, strings.Join(hols, ", ")))
		w.Monday = w.Monday.AddDate(0, 0, 7)
	}
	day := date.Format(time.DateOnly)
	if len(skipped) == 0 {
		return w, fmt.Sprintf("the week of the data date %s, without public holidays", day)
	}
	if len(w.holidays(cals)) > 0 {
		return first, fmt.Sprintf("the week of the data date %s; every week up to %s holds a public holiday", day, w)
	}
	return w, fmt.Sprintf("the first week after the data date %s without public holidays: %s skipped", day, strings.Join(skipped, "; "))
}

// holidays lists "COUNTRY date name" of every public holiday of cals in w.
func (w Week) holidays(cals []*Calendar) []string {
	var out []string
	for d := range 7 {
		day := w.Day(d)
		for _, c := range cals {
			if c.IsHoliday(day) {
				out = append(out, fmt.Sprintf("%s %s %s", c.Country, day.Format(time.DateOnly), c.HolidayName(day)))
			}
		}
	}
	return out
}
