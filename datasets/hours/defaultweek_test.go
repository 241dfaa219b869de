package hours

import (
	"strings"
	"testing"
	"time"
)

func TestDefaultWeek(t *testing.T) {
	date := func(s string) time.Time {
		d, err := time.Parse(time.DateOnly, s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	cases := []struct {
		date      string
		countries []string
		week      string
		reason    string
	}{
		// An ordinary week is kept.
		{"2026-01-14", []string{"BE", "FR"}, "2026-W03", "the week of the data date 2026-01-14, without public holidays"},
		// New Year's Day (Thursday 1 January 2026) moves it on a week.
		{"2026-01-01", []string{"BE", "FR"}, "2026-W02", "2026-W01 (BE 2026-01-01"},
		// 8 May is a holiday in France only: with French data the week moves,
		// with Belgian data alone it stays (Friday 8 May 2026, week 19).
		{"2026-05-06", []string{"BE"}, "2026-W19", "without public holidays"},
		{"2026-05-06", []string{"BE", "FR"}, "2026-W21", "2026-W19 (FR 2026-05-08 Fête de la Victoire); 2026-W20 (BE 2026-05-14"},
		// 14 May 2026 is Ascension in both; 25 May Whit Monday in both:
		// weeks 19, 20 and 22 hold holidays in France, 21 does not.
		{"2026-05-04", []string{"FR"}, "2026-W21", "2026-W19 (FR 2026-05-08"},
		// 1 January 1970 (no data date) is a holiday week too.
		{"1970-01-01", []string{"FR"}, "1970-W02", "1970-W01"},
		// No calendar: the data date's week.
		{"2026-01-01", []string{"XX"}, "2026-W01", "without public holidays"},
	}
	for _, tc := range cases {
		w, reason := DefaultWeek(date(tc.date), tc.countries)
		if w.String() != tc.week || !strings.Contains(reason, tc.reason) {
			t.Errorf("DefaultWeek(%s, %v) = %s (%s), want %s (%q)", tc.date, tc.countries, w, reason, tc.week, tc.reason)
		}
		for d := range 7 {
			for _, c := range tc.countries {
				if CalendarFor(c).IsHoliday(w.Day(d)) {
					t.Errorf("%s: %s is a holiday in %s", w, w.Day(d).Format(time.DateOnly), c)
				}
			}
		}
	}
}
