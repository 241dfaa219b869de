package hours

import (
	"testing"
	"time"
)

func mustDate(tb testing.TB, s string) time.Time {
	tb.Helper()
	d, err := time.Parse("2006-01-02", s)
	if err != nil {
		tb.Fatal(err)
	}
	return d
}

func TestParseWhen(t *testing.T) {
	tests := []struct{ in, monday, iso string }{
		{"2026-12-07", "2026-12-07", "2026-W50"},
		{"2026-12-13", "2026-12-07", "2026-W50"}, // a Sunday belongs to the week before it
		{"2026-W50", "2026-12-07", "2026-W50"},
		{"2026-W01", "2025-12-29", "2026-W01"}, // ISO week 1 starts in the year before
		{"2026-W53", "2026-12-28", "2026-W53"},
		{"2027-01-01", "2026-12-28", "2026-W53"},
	}
	for _, tc := range tests {
		w, err := ParseWhen(tc.in)
		if err != nil {
			t.Errorf("ParseWhen(%q): %v", tc.in, err)
			continue
		}
		if got := w.Monday.Format("2006-01-02"); got != tc.monday || w.String() != tc.iso {
			t.Errorf("ParseWhen(%q) = %s %s, want %s %s", tc.in, got, w, tc.monday, tc.iso)
		}
	}
	for _, bad := range []string{"", "2026-13-01", "2025-W53", "2026-W00", "2026-W5", "tomorrow", "2026-12-07x"} {
		if _, err := ParseWhen(bad); err == nil {
			t.Errorf("ParseWhen(%q): no error", bad)
		}
	}
}

func TestDefaultSlots(t *testing.T) {
	s := DefaultSlots()
	if len(s) != 3 || s[0].Name != "weekday_morning" || s[1].Name != "weekday_evening" || s[2].Name != "saturday_morning" {
		t.Fatalf("%+v", s)
	}
	if s[1].Start != 18*60 || !s[1].Days[0] || !s[1].Days[4] || s[1].Days[5] {
		t.Errorf("weekday evening: %+v", s[1])
	}
	if w := s[2].Windows(); len(w) != 1 || w[0] != (Interval{5*DayMinutes + 9*60, 5*DayMinutes + 12*60}) {
		t.Errorf("saturday morning windows %v", w)
	}
}

func TestParseSlot(t *testing.T) {
	s, err := ParseSlot("weekend", "Sa-Su 10:00-16:00", 0)
	if err != nil || !s.Days[5] || !s.Days[6] || s.Days[0] || s.MinMinutes != DefaultMinMinutes {
		t.Fatalf("%+v %v", s, err)
	}
	s, err = ParseSlot("late", "Fr-Mo 20:00-22:00", 30) // wraps over the week end
	if err != nil || !s.Days[4] || !s.Days[0] || s.Days[1] || s.MinMinutes != 30 {
		t.Fatalf("%+v %v", s, err)
	}
	for _, bad := range [][2]string{
		{"Evening", "Mo 18:00-21:00"}, {"x", "Mo"}, {"x", "Xy 10:00-11:00"},
		{"x", "Mo 12:00-11:00"}, {"x", "Mo 10:00-25:00"}, {"x", "Mo 10:00-10:30"},
	} {
		if _, err := ParseSlot(bad[0], bad[1], 0); err == nil {
			t.Errorf("ParseSlot(%q, %q): no error", bad[0], bad[1])
		}
	}
}

func TestOpenIn(t *testing.T) {
	morning, evening, saturday := DefaultSlots()[0], DefaultSlots()[1], DefaultSlots()[2]
	tests := []struct {
		value                      string
		morning, evening, saturday Tri
	}{
		{"Mo-Fr 08:30-12:00,13:30-17:30; Sa 09:00-12:00; PH off", Yes, No, Yes},
		{"Mo-Fr 09:00-18:30", Yes, No, No},  // 30 evening minutes: under an hour
		{"Mo-Fr 09:00-19:00", Yes, Yes, No}, // one evening hour
		{"We 17:00-20:00", No, Yes, No},     // one evening is enough
		{"Mo-Fr 11:30-19:00", No, Yes, No},  // 30 morning minutes a day
		{`Mo-Fr 09:00-12:00; Sa "on call"`, Yes, No, Unknown},
		{"Mo-Fr 17:30-18:00; Mo-Fr 18:00+", No, Unknown, No},
		{"24/7", Yes, Yes, Yes},
		{"off", No, No, No},
	}
	w := week(t, "2026-12-07")
	for _, tc := range tests {
		h, err := Parse(tc.value)
		if err != nil {
			t.Fatal(err)
		}
		s := h.Evaluate(w, CalendarFor("BE"))
		got := [3]Tri{s.OpenIn(morning), s.OpenIn(evening), s.OpenIn(saturday)}
		if want := [3]Tri{tc.morning, tc.evening, tc.saturday}; got != want {
			t.Errorf("%q: %v, want %v", tc.value, got, want)
		}
	}
	if (Schedule{Status: Missing}).OpenIn(morning) != Unknown {
		t.Error("a missing schedule is not unknown")
	}
}

func TestEvaluator(t *testing.T) {
	e := NewEvaluator(week(t, "2026-07-13"), false)
	s, err := e.Schedule("", "FR")
	if err != nil || s.Status != Missing {
		t.Fatalf("empty: %+v %v", s, err)
	}
	if _, err := e.Schedule("Mo 25:00-26:00", "FR"); err == nil {
		t.Fatal("strict evaluator accepted a bad value")
	}
	fr, _ := e.Schedule("Mo-Fr 08:00-12:00; PH off", "FR")
	be, _ := e.Schedule("Mo-Fr 08:00-12:00; PH off", "BE")
	if fr.OpenMinutes() != 16*60 || be.OpenMinutes() != 20*60 {
		t.Errorf("14 July: FR %d min, BE %d min", fr.OpenMinutes(), be.OpenMinutes())
	}
	lenient := NewEvaluator(week(t, "2026-07-13"), true)
	s, err = lenient.Schedule("Mo 25:00-26:00", "FR")
	if err != nil || s.Status != Invalid || s.Reason == "" {
		t.Errorf("lenient: %+v %v", s, err)
	}
}
