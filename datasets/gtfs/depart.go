package gtfs

import (
	"fmt"
	"strings"
	"time"
)

// Default departure window, GTFS seconds: 07:00 to 09:00.
const (
	DefaultFrom int32 = 7 * 3600
	DefaultTo   int32 = 9 * 3600
)

// Depart is a departure window on a service day.
type Depart struct {
	// Date is the service day; zero when not given (then use
	// Feeds.DefaultDate).
	Date time.Time
	// From and To bound the departure times, GTFS seconds, From < To
	// (To may pass 24:00 for a window across midnight).
	From, To int32
}

// ParseDepart reads a departure window: "2026-03-10 07:00-09:00", or the
// date alone ("2026-03-10", window 07:00–09:00), or the window alone
// ("07:00-09:00", the date to be chosen by DefaultDate). Times are HH:MM
// (or HH:MM:SS), hours up to 48.
func ParseDepart(s string) (Depart, error) {
	d := Depart{From: DefaultFrom, To: DefaultTo}
	f := strings.Fields(s)
	if len(f) == 0 || len(f) > 2 {
		return d, fmt.Errorf("%q: want \"YYYY-MM-DD HH:MM-HH:MM\", a date or a window", s)
	}
	if strings.Count(f[0], "-") == 2 && !strings.Contains(f[0], ":") {
		t, err := time.Parse(time.DateOnly, f[0])
		if err != nil {
			return d, fmt.Errorf("%q: %q is not a date YYYY-MM-DD", s, f[0])
		}
		d.Date = t
		f = f[1:]
	}
	if len(f) == 0 {
		return d, nil
	}
	if len(f) > 1 {
		return d, fmt.Errorf("%q: want \"YYYY-MM-DD HH:MM-HH:MM\", a date or a window", s)
	}
	a, b, ok := strings.Cut(f[0], "-")
	if !ok {
		return d, fmt.Errorf("%q: the window %q wants HH:MM-HH:MM", s, f[0])
	}
	var err error
	if d.From, err = clock(a); err != nil {
		return d, fmt.Errorf("%q: %v", s, err)
	}
	if d.To, err = clock(b); err != nil {
		return d, fmt.Errorf("%q: %v", s, err)
	}
	if d.To <= d.From {
		return d, fmt.Errorf("%q: the window ends at or before it starts (a window past midnight goes on to 24:00 and beyond: 23:00-25:00)", s)
	}
	return d, nil
}

// clock reads HH:MM or HH:MM:SS, hours up to 48.
func clock(s string) (int32, error) {
	v := s
	if strings.Count(s, ":") == 1 {
		v += ":00"
	}
	t, err := ParseTime(v)
	if err != nil || t > 48*3600 {
		return 0, fmt.Errorf("%q is not a time HH:MM from 00:00 to 48:00", s)
	}
	return t, nil
}

// String writes the window as ParseDepart reads it.
func (d Depart) String() string {
	w := strings.TrimSuffix(FormatTime(d.From), ":00") + "-" + strings.TrimSuffix(FormatTime(d.To), ":00")
	if d.Date.IsZero() {
		return w
	}
	return d.Date.Format(time.DateOnly) + " " + w
}
