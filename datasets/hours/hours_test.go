package hours

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// week parses a --when value or fails the test.
func week(tb testing.TB, when string) Week {
	tb.Helper()
	w, err := ParseWhen(when)
	if err != nil {
		tb.Fatal(err)
	}
	return w
}

// ivs turns "Mo 08:30-12:00" items into week intervals (end may pass 24:00).
func ivs(tb testing.TB, items ...string) []Interval {
	tb.Helper()
	days := map[string]int{"Mo": 0, "Tu": 1, "We": 2, "Th": 3, "Fr": 4, "Sa": 5, "Su": 6}
	var out []Interval
	for _, it := range items {
		var d string
		var h1, m1, h2, m2 int
		if _, err := fmt.Sscanf(it, "%2s %d:%d-%d:%d", &d, &h1, &m1, &h2, &m2); err != nil {
			tb.Fatalf("bad interval %q: %v", it, err)
		}
		base := days[d] * DayMinutes
		out = append(out, Interval{base + h1*60 + m1, base + h2*60 + m2})
	}
	return out
}

func eval(tb testing.TB, value, country, when string) Schedule {
	tb.Helper()
	h, err := Parse(value)
	if err != nil {
		tb.Fatalf("Parse(%q): %v", value, err)
	}
	return h.Evaluate(week(tb, when), CalendarFor(country))
}

// Real values from Belgian and French OSM data, evaluated by hand.
func TestEvaluateRealValues(t *testing.T) {
	const (
		plain   = "2026-12-07" // Dec 7-13 2026: no public holiday in BE or FR
		w14july = "2026-07-13" // Tue 14 July: French national day
		w21july = "2026-07-20" // Tue 21 July: Belgian national day
		w8may   = "2026-05-04" // Fri 8 May: French Victory day
		w11nov  = "2026-11-09" // Wed 11 November: Armistice, both
	)
	post := "Mo-Fr 08:30-12:00,13:30-17:30; Sa 09:00-12:00; PH off"
	postWeek := func(skip string) []string {
		var out []string
		for _, d := range []string{"Mo", "Tu", "We", "Th", "Fr"} {
			if d != skip {
				out = append(out, d+" 08:30-12:00", d+" 13:30-17:30")
			}
		}
		return append(out, "Sa 09:00-12:00")
	}
	tests := []struct {
		name, value, country, when string
		open, unknown              []string
		hours                      float64
	}{
		{"post office BE", post, "BE", plain, postWeek(""), nil, 40.5},
		{"post office FR", post, "FR", plain, postWeek(""), nil, 40.5},
		{"post office 14 July FR closed", post, "FR", w14july, postWeek("Tu"), nil, 33},
		{"post office 14 July BE open", post, "BE", w14july, postWeek(""), nil, 40.5},
		{"post office 21 July BE closed", post, "BE", w21july, postWeek("Tu"), nil, 33},
		{"post office 21 July FR open", post, "FR", w21july, postWeek(""), nil, 40.5},
		{"post office 8 May FR closed", post, "FR", w8may, postWeek("Fr"), nil, 33},
		{"post office 8 May BE open", post, "BE", w8may, postWeek(""), nil, 40.5},
		{"post office 11 Nov BE closed", post, "BE", w11nov, postWeek("We"), nil, 33},
		{"post office 11 Nov FR closed", post, "FR", w11nov, postWeek("We"), nil, 33},
		{"agency two mornings", "Tu,Th 09:00-11:30", "FR", plain, []string{"Tu 09:00-11:30", "Th 09:00-11:30"}, nil, 5},
		{"no PH rule: open on 14 July", "Tu,Th 09:00-11:30", "FR", w14july, []string{"Tu 09:00-11:30", "Th 09:00-11:30"}, nil, 5},
		{"24/7", "24/7", "BE", plain, []string{"Mo 00:00-168:00"}, nil, 168},
		{"24/7 on a holiday", "24/7", "FR", w14july, []string{"Mo 00:00-168:00"}, nil, 168},
		{"odd weeks mornings, even weeks afternoons (W50)", "week 01-53/2 Mo-Fr 09:00-12:00; week 02-52/2 Mo-Fr 14:00-17:00", "BE", plain,
			[]string{"Mo 14:00-17:00", "Tu 14:00-17:00", "We 14:00-17:00", "Th 14:00-17:00", "Fr 14:00-17:00"}, nil, 15},
		{"odd weeks mornings (W49)", "week 01-53/2 Mo-Fr 09:00-12:00; week 02-52/2 Mo-Fr 14:00-17:00", "BE", "2026-W49",
			[]string{"Mo 09:00-12:00", "Tu 09:00-12:00", "We 09:00-12:00", "Th 09:00-12:00", "Fr 09:00-12:00"}, nil, 15},
		{"; replaces the day", "Mo-Fr 09:00-18:00; We 09:00-12:00", "BE", plain,
			[]string{"Mo 09:00-18:00", "Tu 09:00-18:00", "We 09:00-12:00", "Th 09:00-18:00", "Fr 09:00-18:00"}, nil, 39},
		{", adds to the day", "Mo-Fr 09:00-12:00, We 14:00-16:00", "BE", plain,
			[]string{"Mo 09:00-12:00", "Tu 09:00-12:00", "We 09:00-12:00", "We 14:00-16:00", "Th 09:00-12:00", "Fr 09:00-12:00"}, nil, 17},
		{"off with times closes only them", "Mo-Fr 10:00-20:00; We 12:00-14:00 off", "FR", plain,
			[]string{"Mo 10:00-20:00", "Tu 10:00-20:00", "We 10:00-12:00", "We 14:00-20:00", "Th 10:00-20:00", "Fr 10:00-20:00"}, nil, 48},
		{"bakery closed Monday", "Tu-Sa 07:00-13:00,15:00-19:00; Su 07:00-12:30; Mo off", "FR", plain,
			[]string{"Tu 07:00-13:00", "Tu 15:00-19:00", "We 07:00-13:00", "We 15:00-19:00", "Th 07:00-13:00", "Th 15:00-19:00",
				"Fr 07:00-13:00", "Fr 15:00-19:00", "Sa 07:00-13:00", "Sa 15:00-19:00", "Su 07:00-12:30"}, nil, 55.5},
		{"past midnight", "Fr,Sa 22:00-02:00", "BE", plain, []string{"Fr 22:00-26:00", "Sa 22:00-26:00"}, nil, 8},
		{"comment only: unknown", `"sur rendez-vous"`, "FR", plain, nil, []string{"Mo 00:00-168:00"}, 0},
		{"fallback comment", `Mo-Fr 08:00-12:00 || "sur rendez-vous"`, "FR", plain,
			[]string{"Mo 08:00-12:00", "Tu 08:00-12:00", "We 08:00-12:00", "Th 08:00-12:00", "Fr 08:00-12:00"}, []string{"Mo 00:00-08:00", "Mo 12:00-32:00", "Tu 12:00-32:00", "We 12:00-32:00", "Th 12:00-32:00", "Fr 12:00-72:00"}, 20},
		{"selector with comment: unknown", `Mo-Fr 08:00-12:00; Sa "sur rendez-vous"`, "FR", plain,
			[]string{"Mo 08:00-12:00", "Tu 08:00-12:00", "We 08:00-12:00", "Th 08:00-12:00", "Fr 08:00-12:00"}, []string{"Sa 00:00-24:00"}, 20},
		{"times with comment: open", `Tu 14:00-16:00 "sur rendez-vous"`, "FR", plain, []string{"Tu 14:00-16:00"}, nil, 2},
		{"unknown rule", "Mo-Fr 08:00-12:00; Sa unknown", "BE", plain,
			[]string{"Mo 08:00-12:00", "Tu 08:00-12:00", "We 08:00-12:00", "Th 08:00-12:00", "Fr 08:00-12:00"}, []string{"Sa 00:00-24:00"}, 20},
		{"Sa,PH list keeps Saturday (FR 14 July)", "Mo,We 08:00-12:00; Sa,PH 09:00-11:00", "FR", w14july,
			[]string{"Mo 08:00-12:00", "Tu 09:00-11:00", "We 08:00-12:00", "Sa 09:00-11:00"}, nil, 12},
		{"Sa,PH list (BE, no holiday)", "Mo,We 08:00-12:00; Sa,PH 09:00-11:00", "BE", w14july,
			[]string{"Mo 08:00-12:00", "We 08:00-12:00", "Sa 09:00-11:00"}, nil, 10},
		{"PH hours", "Mo-Fr 08:00-12:00; PH 10:00-11:00", "FR", w14july,
			[]string{"Mo 08:00-12:00", "Tu 10:00-11:00", "We 08:00-12:00", "Th 08:00-12:00", "Fr 08:00-12:00"}, nil, 17},
		{"a later rule overrides PH off", "Mo-Fr 08:00-12:00; PH off; Tu 14:00-15:00", "FR", w14july,
			[]string{"Mo 08:00-12:00", "Tu 14:00-15:00", "We 08:00-12:00", "Th 08:00-12:00", "Fr 08:00-12:00"}, nil, 17},
		{"date off", "Mo-Fr 08:00-12:00; Dec 25 off", "BE", "2026-12-21",
			[]string{"Mo 08:00-12:00", "Tu 08:00-12:00", "We 08:00-12:00", "Th 08:00-12:00"}, nil, 16},
		{"month ranges", "Jan-Mar Mo-Fr 08:00-12:00; Apr-Dec Mo-Fr 09:00-17:00", "BE", plain,
			[]string{"Mo 09:00-17:00", "Tu 09:00-17:00", "We 09:00-17:00", "Th 09:00-17:00", "Fr 09:00-17:00"}, nil, 40},
		{"first Monday", "Mo[1] 09:00-12:00", "BE", plain, []string{"Mo 09:00-12:00"}, nil, 3},
		{"first Monday, next week", "Mo[1] 09:00-12:00", "BE", "2026-12-14", nil, nil, 0},
		{"open end: unknown for 10 hours", "Sa 20:00+", "BE", plain, nil, []string{"Sa 20:00-30:00"}, 0},
		{"open end before 17:00: unknown to midnight", "Sa 10:00+", "BE", plain, nil, []string{"Sa 10:00-24:00"}, 0},
		{"a later rule closes yesterday's spill", "Mo 23:00-01:00; Tu off", "BE", plain, []string{"Mo 23:00-24:00"}, nil, 1},
		{"a later rule replaces yesterday's spill", "Mo 22:00-02:00; Tu 10:00-11:00", "BE", plain, []string{"Mo 22:00-24:00", "Tu 10:00-11:00"}, nil, 3},
		{"spaces and single-digit hours", "Mo-Fr 8:00 - 12:00 , 14:00 - 18:00", "FR", plain,
			[]string{"Mo 08:00-12:00", "Mo 14:00-18:00", "Tu 08:00-12:00", "Tu 14:00-18:00", "We 08:00-12:00", "We 14:00-18:00",
				"Th 08:00-12:00", "Th 14:00-18:00", "Fr 08:00-12:00", "Fr 14:00-18:00"}, nil, 40},
		{"off", "off", "BE", plain, nil, nil, 0},
		{"times alone add to the day", "Sa 09:00-12:00; 13:00-14:00", "BE", plain,
			[]string{"Mo 13:00-14:00", "Tu 13:00-14:00", "We 13:00-14:00", "Th 13:00-14:00", "Fr 13:00-14:00", "Sa 09:00-12:00", "Sa 13:00-14:00", "Su 13:00-14:00"}, nil, 10},
		{"dotted times", "Sa 08.30-12.00", "FR", plain, []string{"Sa 08:30-12:00"}, nil, 3.5},
		{"colon after months (Monaco)", "Jan-Mar: Mo-Su 10:00-18:00; Apr-Dec: Sa 10:00-19:00; Dec 25 off", "FR", plain, []string{"Sa 10:00-19:00"}, nil, 9},
		{"weekdays only: all day", "Mo-Fr", "BE", plain, []string{"Mo 00:00-120:00"}, nil, 120},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := eval(t, tc.value, tc.country, tc.when)
			if s.Status != Known {
				t.Fatalf("status %s (%s)", s.Status, s.Reason)
			}
			if want := ivs(t, tc.open...); !reflect.DeepEqual(s.Open, want) {
				t.Errorf("open\n got %v\nwant %v", s.Open, want)
			}
			if want := ivs(t, tc.unknown...); !reflect.DeepEqual(s.Unknown, want) {
				t.Errorf("unknown\n got %v\nwant %v", s.Unknown, want)
			}
			if got := float64(s.OpenMinutes()) / 60; got != tc.hours {
				t.Errorf("hours %v, want %v", got, tc.hours)
			}
		})
	}
}

func TestEvaluateUnsupported(t *testing.T) {
	tests := []struct{ value, country, reason string }{
		{"sunrise-sunset", "BE", "sunrise"},
		{"Mo-Fr 08:00-12:00; SH off", "FR", "school holidays"},
		{"Mo-Fr 08:00-12:00; PH off", "", "holiday calendar"},
		{"Mo-Fr 08:00-12:00; PH off", "XX", "holiday calendar"},
	}
	for _, tc := range tests {
		s := eval(t, tc.value, tc.country, "2026-12-07")
		if s.Status != Unsupported || !strings.Contains(s.Reason, tc.reason) || s.Open != nil {
			t.Errorf("%q in %q: %+v, want unsupported (%s)", tc.value, tc.country, s, tc.reason)
		}
		if s.OpenIn(DefaultSlots()[0]) != Unknown {
			t.Errorf("%q: an unsupported schedule must be unknown in every slot", tc.value)
		}
	}
	// without PH, a country without a calendar is fine
	if s := eval(t, "Mo-Fr 08:00-12:00", "", "2026-12-07"); s.Status != Known || s.OpenMinutes() != 20*60 {
		t.Errorf("no PH, no country: %+v", s)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ value, reason string }{
		{"", "empty"},
		{"   ", "empty"},
		{"Mo-Fr 25:00-26:00", "hour above 24"},
		{"Mo-Fr 10:00-50:00", "hour above 48"},
		{"Mo 10:60-11:00", "minutes above 59"},
		{"Mo 10:00-", "not HH:MM-HH:MM"},
		{"Mo 10:00", "has no end"},
		{"Mo-Fr 09h00-17h00", "selector"},
		{"garbage here", "selector"},
		{"Xy 10:00-12:00", "selector"},
		{"Mo,Do,Fr 08:00-12:00", `"Do" is not an opening_hours selector word`},
		{"Mo-Fr 10:00-12:00 Sa", "selector"},
		{`Mo 10:00-12:00 "unclosed`, "unclosed quote"},
		{`"a" Mo 10:00-12:00`, "comment must close"},
		{"Mo 10:00-12:00/01:00", "periodic"},
		{"24/7 10:00-12:00", "24/7 with times"},
		{"Mo 10:00-12:00\x00", "control"},
		{strings.Repeat("Mo 10:00-12:00;", 100), "longer than"},
	}
	for _, tc := range tests {
		_, err := Parse(tc.value)
		var pe *Error
		if !errors.As(err, &pe) || !errors.Is(err, ErrSyntax) {
			t.Errorf("Parse(%q) = %v, want an *Error", tc.value, err)
			continue
		}
		if !strings.Contains(err.Error(), tc.reason) {
			t.Errorf("Parse(%q) = %q, want it to say %q", tc.value, err, tc.reason)
		}
	}
}

func TestParseRuleNumberInError(t *testing.T) {
	_, err := Parse("Mo-Fr 08:00-12:00; Sa 09:00-12:60")
	var pe *Error
	if !errors.As(err, &pe) || pe.Rule != 2 {
		t.Fatalf("error %v, want one naming rule 2", err)
	}
}

func TestSplitRules(t *testing.T) {
	tests := []struct {
		value string
		rules []string
		joins []joiner
	}{
		{"Mo-Fr 08:00-12:00,13:00-17:00; Sa 09:00-12:00", []string{"Mo-Fr 08:00-12:00,13:00-17:00", "Sa 09:00-12:00"}, []joiner{normal, normal}},
		{"Mo,We 08:00-12:00, Sa 09:00-12:00", []string{"Mo,We 08:00-12:00", "Sa 09:00-12:00"}, []joiner{normal, additional}},
		{`Mo 08:00-12:00 || "on; call"`, []string{"Mo 08:00-12:00", `"on; call"`}, []joiner{normal, fallback}},
		{"Mo-Fr 08:00-12:00, 14:00-18:00", []string{"Mo-Fr 08:00-12:00, 14:00-18:00"}, []joiner{normal}},
		{"Mo off, Tu 10:00-11:00", []string{"Mo off", "Tu 10:00-11:00"}, []joiner{normal, additional}},
		{";; Mo 10:00-11:00 ;", []string{"Mo 10:00-11:00"}, []joiner{normal}},
	}
	for _, tc := range tests {
		rules, joins, err := splitRules(tc.value)
		if err != nil || !reflect.DeepEqual(rules, tc.rules) || !reflect.DeepEqual(joins, tc.joins) {
			t.Errorf("splitRules(%q) = %q %v %v, want %q %v", tc.value, rules, joins, err, tc.rules, tc.joins)
		}
	}
}

// The calendars of the two sides differ on the same dates.
func TestHolidaysBothSides(t *testing.T) {
	be, fr := CalendarFor("BE"), CalendarFor("FR")
	tests := []struct {
		date   string
		be, fr bool
	}{
		{"2026-07-14", false, true}, // Fête nationale
		{"2026-07-21", true, false}, // Nationale feestdag
		{"2026-05-08", false, true}, // Victoire 1945
		{"2026-11-11", true, true},  // Armistice
		{"2026-11-01", true, true},  // All Saints
		{"2026-05-14", true, true},  // Ascension 2026
		{"2026-05-25", true, true},  // Whit Monday 2026
		{"2026-04-06", true, true},  // Easter Monday 2026
		{"2026-12-08", false, false},
		{"2026-12-26", false, false}, // not national on either side
	}
	for _, tc := range tests {
		d := week(t, tc.date).Monday
		d = d.AddDate(0, 0, int(mustDate(t, tc.date).Sub(d).Hours()/24))
		if got := be.IsHoliday(d); got != tc.be {
			t.Errorf("BE %s: %v, want %v", tc.date, got, tc.be)
		}
		if got := fr.IsHoliday(d); got != tc.fr {
			t.Errorf("FR %s: %v, want %v", tc.date, got, tc.fr)
		}
	}
	if CalendarFor("XX") != nil {
		t.Error("a calendar for XX")
	}
	if got := fr.HolidayName(mustDate(t, "2026-07-14")); got == "" {
		t.Error("no name for 14 July")
	}
}
