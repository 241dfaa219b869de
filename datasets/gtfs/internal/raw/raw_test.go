package raw

import (
	"reflect"
	"testing"
	"time"

	"github.com/partons/partons/datasets/gtfs/internal/feedio"
)

func parseTiny(t *testing.T) *Feed {
	t.Helper()
	a, err := feedio.Open("../../testdata/tiny")
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	var p feedio.Problems
	f := Parse(a, "tiny", &p)
	if err := p.Err(); err != nil {
		t.Fatal(err)
	}
	return f
}

func date(s string) Day {
	d, err := parseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// TestParseTiny checks the rows of the tiny feed against its files.
func TestParseTiny(t *testing.T) {
	f := parseTiny(t)
	if f.Name != "tiny" || f.TZ != "Europe/Brussels" || !reflect.DeepEqual(f.Agencies, []string{"Tiny Bus"}) {
		t.Errorf("feed %q, zone %q, agencies %q", f.Name, f.TZ, f.Agencies)
	}
	// The calendar runs 2026-01-05 to 01-30; the added Saturdays lie inside.
	if f.Start != date("20260105") || f.End != date("20260130") {
		t.Errorf("period %s to %s", f.Start, f.End)
	}
	if len(f.Stops) != 7 || len(f.Routes) != 2 || len(f.Trips) != 5 || len(f.StopTimes) != 12 || len(f.Freqs) != 2 || len(f.Transfers) != 2 {
		t.Errorf("%d stops, %d routes, %d trips, %d stop times, %d frequencies, %d transfers",
			len(f.Stops), len(f.Routes), len(f.Trips), len(f.StopTimes), len(f.Freqs), len(f.Transfers))
	}
	// P1 is a platform of the station ST; E1 an entrance, not a boarding point.
	p1, st, e1 := f.Stops[1], f.Stops[0], f.Stops[3]
	if p1.ID != "P1" || p1.Parent != 0 || !p1.Boarding() || st.Type != LocStation || st.Boarding() || e1.Boarding() {
		t.Errorf("stops %+v %+v %+v", p1, st, e1)
	}
	// T1 calls at X, Y, P1; Y's time is interpolated: 556 m of 1101 m
	// along X→Y→P1, 540 s after 08:01:00 → 08:05:33.
	t1 := f.Trips[0]
	times := f.StopTimes[t1.First:t1.End]
	if t1.ID != "T1" || len(times) != 3 || times[1].Arr != 8*3600+5*60+33 || times[1].Dep != times[1].Arr || f.Interp != 1 {
		t.Errorf("T1 %+v: %+v, %d interpolated", t1, times, f.Interp)
	}
	if f.Rows["stop_times.txt"] != 12 || f.Rows["calendar_dates.txt"] != 3 {
		t.Errorf("rows %v", f.Rows)
	}
}

// TestServiceRuns: the weekday service WK runs Monday to Friday but not
// on its removed date; SAT runs only on its two added dates.
func TestServiceRuns(t *testing.T) {
	f := parseTiny(t)
	wk, ok1 := f.Service("WK")
	sat, ok2 := f.Service("SAT")
	if _, ok := f.Service("NOPE"); ok || !ok1 || !ok2 {
		t.Fatalf("services %v %v", ok1, ok2)
	}
	for _, tc := range []struct {
		day     string
		wk, sat bool
	}{
		{"20260105", true, false}, {"20260107", true, false}, {"20260110", false, true},
		{"20260111", false, false}, {"20260114", false, false}, {"20260117", false, true},
		{"20260130", true, false}, {"20260202", false, false}, {"20260102", false, false},
	} {
		d := date(tc.day)
		if wk.Runs(d) != tc.wk || sat.Runs(d) != tc.sat {
			t.Errorf("%s (%s): WK %v SAT %v, want %v %v", d, d.Time().Weekday(), wk.Runs(d), sat.Runs(d), tc.wk, tc.sat)
		}
	}
}

func TestDay(t *testing.T) {
	d := DayOf(time.Date(2026, 1, 7, 23, 59, 0, 0, time.UTC))
	if d != date("20260107") || d.String() != "2026-01-07" || d.Weekday() != 2 || DayOf(d.Time()) != d {
		t.Errorf("%d %s weekday %d", d, d, d.Weekday())
	}
	for _, s := range []string{"2026017", "20260230", "2026-1-7"} {
		if _, err := parseDate(s); err == nil {
			t.Errorf("%q parsed", s)
		}
	}
}

func TestParseTime(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int32
		ok   bool
	}{
		{"08:00:00", 28800, true}, {"8:00:00", 28800, true}, {"25:30:15", 91815, true}, {"00:00:00", 0, true},
		{"100:00:00", 360000, true}, {"241:00:00", 0, false}, {"08:60:00", 0, false}, {"08:00", 0, false},
		{"", 0, false}, {"-1:00:00", 0, false}, {"08:00:00 ", 0, false}, {"0800:00:00", 0, false},
	} {
		got, err := ParseTime(tc.in)
		if (err == nil) != tc.ok || got != tc.want {
			t.Errorf("ParseTime(%q) = %d, %v", tc.in, got, err)
		}
	}
	if FormatTime(91815) != "25:30:15" || FormatTime(-600) != "-00:10:00" {
		t.Error(FormatTime(91815), FormatTime(-600))
	}
}
