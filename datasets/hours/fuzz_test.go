package hours

import (
	"errors"
	"testing"
)

// FuzzParse checks that Parse and Evaluate never panic and that every
// schedule they give is well formed.
//
//	go test -run '^$' -fuzz '^FuzzParse$' -fuzztime 30s ./datasets/hours/
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"Mo-Fr 08:30-12:00,13:30-17:30; Sa 09:00-12:00; PH off",
		"Tu,Th 09:00-11:30", "24/7", "off", `"sur rendez-vous"`,
		"week 01-53/2 Mo-Fr 09:00-12:00; week 02-52/2 Mo-Fr 14:00-17:00",
		`Mo-Fr 08:00-12:00 || "on call"`, "Mo,We 08:00-12:00; Sa,PH 09:00-11:00",
		"Fr,Sa 22:00-02:00", "Jan-Mar Mo-Fr 08:00-12:00; Dec 25 off", "Mo[1] 09:00-12:00",
		"Sa 20:00+", "sunrise-sunset", "PH +1 day off", "Mo-Fr 10:00-20:00; We 12:00-14:00 off",
		"easter -2 days-easter +1 day off", "2026 Mo-Fr 08:00-12:00", "Mo 10:00-12:00 \"a;b\"",
	} {
		f.Add(s)
	}
	w, _ := ParseWhen("2026-07-13")
	cals := []*Calendar{CalendarFor("FR"), CalendarFor("BE"), nil}
	f.Fuzz(func(t *testing.T, v string) {
		h, err := Parse(v)
		if err != nil {
			if !errors.Is(err, ErrSyntax) {
				t.Fatalf("Parse(%q): error %v does not wrap ErrSyntax", v, err)
			}
			return
		}
		for _, c := range cals {
			s := h.Evaluate(w, c)
			if s.Status != Known {
				if s.Open != nil || s.Unknown != nil || s.Reason == "" {
					t.Fatalf("%q: %s schedule with intervals or no reason: %+v", v, s.Status, s)
				}
				continue
			}
			checkIntervals(t, v, s.Open)
			checkIntervals(t, v, s.Unknown)
			if s.OpenMinutes()+s.UnknownMinutes() > WeekMinutes {
				t.Fatalf("%q: open and unknown overlap", v)
			}
		}
	})
}

func checkIntervals(t *testing.T, v string, iv []Interval) {
	t.Helper()
	last := -1
	for _, i := range iv {
		if i.Start <= last || i.End <= i.Start || i.Start < 0 || i.End > WeekMinutes {
			t.Fatalf("%q: bad intervals %v", v, iv)
		}
		last = i.End
	}
}
