package raw

import (
	"fmt"
	"strconv"
	"time"
)

// maxHours bounds GTFS times: a trip may run past 24:00 (and a few feeds
// reach 48:00), but not for days.
const maxHours = 240

// ParseTime parses a GTFS time "H:MM:SS" or "HH:MM:SS" (hours may pass
// 24) into seconds.
func ParseTime(s string) (int32, error) {
	var h, m, sec int
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		h = h*10 + int(s[i]-'0')
		i++
		if h > maxHours {
			return 0, fmt.Errorf("time %q: more than %d hours", s, maxHours)
		}
	}
	if i == 0 || i > 3 || len(s) != i+6 || s[i] != ':' || s[i+3] != ':' {
		return 0, fmt.Errorf("time %q: want HH:MM:SS", s)
	}
	for _, p := range []struct {
		v   *int
		off int
	}{{&m, i + 1}, {&sec, i + 4}} {
		a, b := s[p.off], s[p.off+1]
		if a < '0' || a > '5' || b < '0' || b > '9' {
			return 0, fmt.Errorf("time %q: want HH:MM:SS with minutes and seconds 00-59", s)
		}
		*p.v = int(a-'0')*10 + int(b-'0')
	}
	return int32(h*3600 + m*60 + sec), nil
}

// FormatTime writes seconds as a GTFS time "HH:MM:SS" (negative times,
// of the previous day's trips, as "-HH:MM:SS").
func FormatTime(t int32) string {
	sign := ""
	if t < 0 {
		sign, t = "-", -t
	}
	return fmt.Sprintf("%s%02d:%02d:%02d", sign, t/3600, t/60%60, t%60)
}

// day is a calendar date as days since 1970-01-01.
type Day int32

// parseDate parses a GTFS date YYYYMMDD.
func parseDate(s string) (Day, error) {
	if len(s) != 8 {
		return 0, fmt.Errorf("date %q: want YYYYMMDD", s)
	}
	t, err := time.Parse("20060102", s)
	if err != nil {
		return 0, fmt.Errorf("date %q: want a real date YYYYMMDD", s)
	}
	return DayOf(t), nil
}

func DayOf(t time.Time) Day {
	y, m, d := t.Date()
	return Day(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

func (d Day) Time() time.Time { return time.Unix(int64(d)*86400, 0).UTC() }

func (d Day) String() string { return d.Time().Format("2006-01-02") }

// weekday: 0 Monday … 6 Sunday (1970-01-01 was a Thursday).
func (d Day) Weekday() int { return int((int64(d)%7 + 7 + 3) % 7) }

// parseInt parses an integer in [lo, hi].
func parseInt(s string, lo, hi int) (int, error) {
	v, err := strconv.Atoi(s)
	if err != nil || v < lo || v > hi {
		return 0, fmt.Errorf("%q: want a whole number from %d to %d", s, lo, hi)
	}
	return v, nil
}

// parseCoord parses a latitude or longitude within ±lim degrees.
func parseCoord(s string, lim float64) (float64, error) {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || v != v || v < -lim || v > lim {
		return 0, fmt.Errorf("%q: want a number of degrees from %g to %g", s, -lim, lim)
	}
	return v, nil
}
