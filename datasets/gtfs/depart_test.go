package gtfs

import (
	"strings"
	"testing"
	"time"
)

func TestParseDepart(t *testing.T) {
	date := time.Date(2026, 3, 10, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		in       string
		date     time.Time
		from, to int32
		str, err string
	}{
		{"2026-03-10 07:00-09:00", date, 25200, 32400, "2026-03-10 07:00-09:00", ""},
		{"2026-03-10", date, DefaultFrom, DefaultTo, "2026-03-10 07:00-09:00", ""},
		{"06:30-08:15:30", time.Time{}, 23400, 29730, "06:30-08:15:30", ""},
		{"  2026-03-10   23:00-25:30 ", date, 82800, 91800, "2026-03-10 23:00-25:30", ""},
		{"2026-02-30 07:00-09:00", time.Time{}, 0, 0, "", `"2026-02-30" is not a date`},
		{"2026-03-10 09:00-07:00", time.Time{}, 0, 0, "", "ends at or before it starts"},
		{"2026-03-10 7h-9h", time.Time{}, 0, 0, "", `"7h" is not a time HH:MM`},
		{"2026-03-10 0700", time.Time{}, 0, 0, "", "wants HH:MM-HH:MM"},
		{"07:00-49:00", time.Time{}, 0, 0, "", `"49:00" is not a time`},
		{"", time.Time{}, 0, 0, "", "want"},
		{"2026-03-10 07:00-09:00 extra", time.Time{}, 0, 0, "", "want"},
	} {
		d, err := ParseDepart(tc.in)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%q: %v, want %q", tc.in, err, tc.err)
			}
			continue
		}
		if err != nil || !d.Date.Equal(tc.date) || d.From != tc.from || d.To != tc.to || d.String() != tc.str {
			t.Errorf("%q: %+v %q %v", tc.in, d, d.String(), err)
		}
	}
}
