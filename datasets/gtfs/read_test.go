package gtfs

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/partons/partons/datasets"
)

func day0(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func readTiny(t *testing.T, date string) *Timetable {
	t.Helper()
	var d time.Time
	if date != "" {
		d = day0(date)
	}
	tt, err := Read(context.Background(), []Source{{Path: "testdata/tiny"}}, d)
	if err != nil {
		t.Fatal(err)
	}
	checkRows(t, tt)
	return tt
}

// TestTinyWednesday checks every trip, time and transfer of the tiny feed
// on Wednesday 2026-01-07 against values worked out by hand.
func TestTinyWednesday(t *testing.T) {
	tt := readTiny(t, "2026-01-07")
	var ids []string
	for _, s := range tt.Stops {
		ids = append(ids, s.ID)
	}
	if want := []string{"tiny:P1", "tiny:P2", "tiny:X", "tiny:Y", "tiny:Z"}; !reflect.DeepEqual(ids, want) {
		t.Fatalf("stops %v, want %v", ids, want)
	}
	if tt.Stops[0].Parent != "tiny:ST" || tt.Stops[2].Parent != "" {
		t.Errorf("parents %q %q", tt.Stops[0].Parent, tt.Stops[2].Parent)
	}
	type trip struct {
		id          string
		freq, exact bool
		times       []StopTime
	}
	h := func(hh, mm, ss int32) int32 { return hh*3600 + mm*60 + ss }
	st := func(stop, arr, dep int32) StopTime { return StopTime{Stop: stop, Arrival: arr, Departure: dep} }
	want := []trip{
		// NIGHT of Tuesday, after midnight: X at 23:50 is cut; 24:10 → 00:10.
		{"tiny:NIGHT@prev", false, false, []StopTime{st(0, h(0, 10, 0), h(0, 12, 0)), st(1, h(0, 20, 0), h(0, 20, 0))}},
		{"tiny:F0#070000", true, false, []StopTime{st(1, h(7, 0, 0), h(7, 0, 0)), st(2, h(7, 5, 0), h(7, 5, 0))}},
		{"tiny:F1#070000", true, true, []StopTime{st(0, h(7, 0, 0), h(7, 0, 0)), st(3, h(7, 7, 0), h(7, 7, 0))}},
		{"tiny:F1#071500", true, true, []StopTime{st(0, h(7, 15, 0), h(7, 15, 0)), st(3, h(7, 22, 0), h(7, 22, 0))}},
		{"tiny:F0#072000", true, false, []StopTime{st(1, h(7, 20, 0), h(7, 20, 0)), st(2, h(7, 25, 0), h(7, 25, 0))}},
		{"tiny:F0#074000", true, false, []StopTime{st(1, h(7, 40, 0), h(7, 40, 0)), st(2, h(7, 45, 0), h(7, 45, 0))}},
		// Y has no time: 556 m of 1101 m along X→Y→P1, 540 s → 08:01:00 + 272.7 s.
		{"tiny:T1", false, false, []StopTime{st(2, h(8, 0, 0), h(8, 1, 0)), st(3, h(8, 5, 33), h(8, 5, 33)), st(0, h(8, 10, 0), h(8, 10, 0))}},
		{"tiny:NIGHT", false, false, []StopTime{st(2, h(23, 50, 0), h(23, 50, 0)), st(0, h(24, 10, 0), h(24, 12, 0)), st(1, h(24, 20, 0), h(24, 20, 0))}},
	}
	if len(tt.Trips) != len(want) {
		for _, tr := range tt.Trips {
			t.Logf("%s %v", tr.ID, tr.Times)
		}
		t.Fatalf("%d trips, want %d", len(tt.Trips), len(want))
	}
	for i, w := range want {
		g := tt.Trips[i]
		if g.ID != w.id || g.Frequency != w.freq || g.Exact != w.exact || !reflect.DeepEqual(g.Times, w.times) || g.RouteType != 3 {
			t.Errorf("trip %d: got %s freq=%v exact=%v %v, want %s %v %v %v", i, g.ID, g.Frequency, g.Exact, g.Times, w.id, w.freq, w.exact, w.times)
		}
	}
	// Station-wide minimum time, overridden for P1→P2 by the stop-level ban.
	wantX := []Transfer{{0, 0, 2, 180}, {0, 1, 3, 0}, {1, 0, 2, 180}, {1, 1, 2, 180}}
	if !reflect.DeepEqual(tt.Transfers, wantX) {
		t.Errorf("transfers %v, want %v", tt.Transfers, wantX)
	}
	wantC := map[string]int{"stations": 1, "entrances": 1, "stops_not_served": 1, "trips_previous_day": 1, "frequency_trips": 5,
		"stop_times_interpolated": 1, "trips_no_service_on_date": 1, "transfers_forbidden": 1}
	if !reflect.DeepEqual(tt.Counts, wantC) {
		t.Errorf("counts %v, want %v", tt.Counts, wantC)
	}
	wantF := map[string]string{
		"stops.txt":          "7 4 map[entrance:1 station:1 stop_not_served:1]",
		"trips.txt":          "5 4 map[no_service_on_date:1]",
		"stop_times.txt":     "12 10 map[trip_not_running:2]",
		"calendar.txt":       "1 1 map[]",
		"calendar_dates.txt": "3 0 map[other_date:3]",
		"frequencies.txt":    "2 2 map[]",
		"transfers.txt":      "2 2 map[]",
		"routes.txt":         "2 2 map[]",
		"agency.txt":         "1 1 map[]",
	}
	for _, f := range tt.Files {
		if g := fmtRows(f); g != wantF[f.File] {
			t.Errorf("%s: %s, want %s", f.File, g, wantF[f.File])
		}
	}
	if len(tt.Files) != len(wantF) || len(tt.Warnings) != 0 || !tt.Feeds[0].Running {
		t.Errorf("%d files, warnings %q, running %v", len(tt.Files), tt.Warnings, tt.Feeds[0].Running)
	}
	f := tt.Feeds[0]
	if f.Name != "tiny" || f.Timezone != "Europe/Brussels" || !f.Start.Equal(day0("2026-01-05")) || !f.End.Equal(day0("2026-01-30")) {
		t.Errorf("feed %+v", f)
	}
}

func fmtRows(f FileRows) string {
	var b strings.Builder
	b.WriteString(strings.TrimSpace(strings.Join([]string{itoa(f.Read), itoa(f.Used)}, " ")))
	b.WriteString(" map[")
	keys := []string{}
	for k := range f.Unused {
		keys = append(keys, k)
	}
	sortStrings(keys)
	for i, k := range keys {
		if i > 0 {
			b.WriteString(" ")
		}
		b.WriteString(k + ":" + itoa(f.Unused[k]))
	}
	b.WriteString("]")
	return b.String()
}

// TestTinyHoliday: Wednesday 2026-01-14 is removed by calendar_dates, so
// only Tuesday's night trip runs, and the feed is reported as not running.
func TestTinyHoliday(t *testing.T) {
	tt := readTiny(t, "2026-01-14")
	if len(tt.Trips) != 1 || tt.Trips[0].ID != "tiny:NIGHT@prev" {
		t.Fatalf("trips %v", tt.Trips)
	}
	if tt.Feeds[0].Running || len(tt.Warnings) != 1 || !strings.Contains(tt.Warnings[0], `feed "tiny"`) ||
		!strings.Contains(tt.Warnings[0], "no trip on 2026-01-14") {
		t.Errorf("running %v, warnings %q", tt.Feeds[0].Running, tt.Warnings)
	}
}

// TestTinySaturday: a service given by calendar_dates only.
func TestTinySaturday(t *testing.T) {
	tt := readTiny(t, "2026-01-10")
	if len(tt.Trips) != 2 || tt.Trips[0].ID != "tiny:NIGHT@prev" || tt.Trips[1].ID != "tiny:S1" {
		t.Fatalf("trips %v", tt.Trips)
	}
}

func TestDefaultDate(t *testing.T) {
	tt := readTiny(t, "")
	// Every weekday of the period has the same 4 trips but the 14th: the first, Monday 5th.
	if got := tt.Date.Format(time.DateOnly); got != "2026-01-05" {
		t.Errorf("default date %s, want 2026-01-05", got)
	}
	if len(tt.Warnings) != 1 || !strings.Contains(tt.Warnings[0], "2026-01-05 (Monday)") {
		t.Errorf("warnings %q", tt.Warnings)
	}
}

// TestTwoFeeds merges the tiny feed with itself under another name:
// ids are namespaced, nothing collides, indices stay consistent.
func TestTwoFeeds(t *testing.T) {
	tt, err := Read(context.Background(), []Source{{Path: "testdata/tiny"}, {Path: "testdata/tiny", Name: "other"}}, day0("2026-01-07"))
	if err != nil {
		t.Fatal(err)
	}
	checkRows(t, tt)
	if len(tt.Stops) != 10 || len(tt.Trips) != 16 || len(tt.Transfers) != 8 || tt.Stops[0].ID != "other:P1" {
		t.Fatalf("%d stops (%s first), %d trips, %d transfers", len(tt.Stops), tt.Stops[0].ID, len(tt.Trips), len(tt.Transfers))
	}
	for _, tr := range tt.Trips {
		prefix := tt.Feeds[tr.Feed].Name + ":"
		for _, s := range tr.Times {
			if !strings.HasPrefix(tt.Stops[s.Stop].ID, prefix) || !strings.HasPrefix(tr.ID, prefix) || !strings.HasPrefix(tr.RouteID, prefix) {
				t.Fatalf("trip %s (feed %d) calls at %s", tr.ID, tr.Feed, tt.Stops[s.Stop].ID)
			}
		}
	}
	if _, err := Load(context.Background(), []Source{{Path: "testdata/tiny"}, {Path: "testdata/tiny"}}); err == nil || !strings.Contains(err.Error(), "both named") {
		t.Errorf("same name twice: %v", err)
	}
	if _, err := Load(context.Background(), []Source{{Path: "testdata/tiny", Name: ScenarioFeed}}); err == nil || !strings.Contains(err.Error(), "kept for the routes scenarios add") {
		t.Errorf("reserved name: %v", err)
	}
}

// broken copies the tiny feed into a temporary folder with some files
// replaced (content "" removes the file).
func broken(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "feed")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	ents, _ := os.ReadDir("testdata/tiny")
	for _, e := range ents {
		b, err := os.ReadFile(filepath.Join("testdata/tiny", e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, e.Name()), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for n, c := range files {
		p := filepath.Join(dir, n)
		if c == "" {
			os.Remove(p)
			continue
		}
		if err := os.WriteFile(p, []byte(c), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestBadFeeds(t *testing.T) {
	const stHead = "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n"
	for _, tc := range []struct {
		name  string
		files map[string]string
		want  []string // "file:line:field:reason fragment"
	}{
		{"missing file", map[string]string{"stops.txt": ""}, []string{"stops.txt:0::required file missing"}},
		{"no calendar at all", map[string]string{"calendar.txt": "", "calendar_dates.txt": ""}, []string{"calendar.txt:0::required file missing: a feed needs calendar.txt or calendar_dates.txt"}},
		{"missing column", map[string]string{"routes.txt": "route_id,route_short_name\nR1,1\nR2,2\n"},
			[]string{"routes.txt:1:route_type:required column missing"}},
		{"unknown stop", map[string]string{"stop_times.txt": stHead + "T1,08:00:00,08:00:00,X,1\nT1,08:05:00,08:05:00,NOPE,2\n"},
			[]string{`stop_times.txt:3:stop_id:unknown stop "NOPE"`}},
		{"time going back", map[string]string{"stop_times.txt": stHead + "T1,08:00:00,08:02:00,X,1\nT1,08:01:00,08:01:00,Y,2\n"},
			[]string{`stop_times.txt:3:arrival_time:trip "T1" arrives at 08:01:00, before it left the previous stop at 08:02:00 (line 2)`}},
		{"departs before arriving", map[string]string{"stop_times.txt": stHead + "T1,08:00:00,07:59:00,X,1\nT1,08:01:00,08:01:00,Y,2\n"},
			[]string{`stop_times.txt:2:departure_time:trip "T1" departs at 07:59:00, before it arrives at 08:00:00`}},
		{"calendar without dates", map[string]string{"calendar.txt": "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\nWK,1,1,1,1,1,0,0,20260105,\n"},
			[]string{"calendar.txt:2:end_date:required value is empty"}},
		{"unparsable time", map[string]string{"stop_times.txt": stHead + "T1,8h00,08:00:00,X,1\nT1,08:01:00,08:01:00,Y,2\n"},
			[]string{`stop_times.txt:2:arrival_time:time "8h00": want HH:MM:SS`}},
		{"duplicate ids", map[string]string{"routes.txt": "route_id,route_short_name,route_type\nR1,1,3\nR1,2,3\nR2,2,3\n"},
			[]string{`routes.txt:3:route_id:duplicate id "R1"`}},
		{"entrance in stop_times", map[string]string{"stop_times.txt": stHead + "T1,08:00:00,08:00:00,E1,1\nT1,08:01:00,08:01:00,Y,2\n"},
			[]string{`stop_times.txt:2:stop_id:"E1" has location_type 2`}},
		{"entrance without parent", map[string]string{"stops.txt": "stop_id,stop_name,stop_lat,stop_lon,location_type\nX,x,50,2,0\nY,y,50,2,0\nP1,p,50,2,0\nP2,p,50,2,0\nST,s,50,2,1\nE,e,50,2,2\n"},
			[]string{"stops.txt:7:parent_station:required for location_type 2"}},
		{"latitude out of range", map[string]string{"stops.txt": "stop_id,stop_name,stop_lat,stop_lon\nX,x,95,2\nY,y,50,2\nP1,p,50,2\nP2,p,50,2\nST,s,50,2\n"},
			[]string{`stops.txt:2:stop_lat:"95": want a number of degrees`}},
		{"frequency bomb", map[string]string{"frequencies.txt": "trip_id,start_time,end_time,headway_secs\n" + strings.Repeat("F0,00:00:00,239:00:00,1\n", 70)},
			[]string{`frequencies.txt:31:headway_secs:frequencies expand to more than 50000000 stop times in this feed (here 860400 departures every 1 s)`}},
		{"null island", map[string]string{"stops.txt": "stop_id,stop_name,stop_lat,stop_lon\nX,x,0,0\nY,y,50,2\nP1,p,50,2\nP2,p,50,2\nST,s,50,2\n"},
			[]string{`stops.txt:2:stop_lat:stop "X" at 0, 0`}},
		{"malformed csv", map[string]string{"routes.txt": "route_id,route_short_name,route_type\nR1,\"1,3\nR2,2,3\n"},
			[]string{"routes.txt:2::malformed CSV"}},
		{"bad frequency", map[string]string{"frequencies.txt": "trip_id,start_time,end_time,headway_secs,exact_times\nF0,08:00:00,07:00:00,600,2\n"},
			[]string{`frequencies.txt:2:exact_times:"2": want 0 or 1`}},
		{"several problems at once", map[string]string{
			"routes.txt":     "route_id,route_short_name,route_type\nR1,1,3\nR1,1,3\nR2,2,x\n",
			"stop_times.txt": stHead + "T1,08:00:00,08:00:00,X,1\nT1,08:01:00,08:01:00,Q,2\n"},
			[]string{`routes.txt:3:route_id:duplicate id "R1"`, `routes.txt:4:route_type:"x": want a whole number`, `stop_times.txt:3:stop_id:unknown stop "Q"`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := broken(t, tc.files)
			_, err := Load(context.Background(), []Source{{Path: dir}})
			if !errors.Is(err, datasets.ErrInvalid) {
				t.Fatalf("err %v, want invalid data", err)
			}
			probs, _, verr := Validate(context.Background(), []Source{{Path: dir}})
			if verr != nil {
				t.Fatal(verr)
			}
			var got []string
			for _, e := range probs {
				var re *datasets.RecordError
				if !errors.As(e, &re) {
					t.Fatalf("%T %v", e, e)
				}
				if !strings.HasPrefix(re.Source, dir+"/") {
					t.Errorf("source %q does not name the feed", re.Source)
				}
				got = append(got, strings.Join([]string{strings.TrimPrefix(re.Source, dir+"/"), itoa(re.Line), re.Field, re.Reason}, ":"))
			}
			if len(got) != len(tc.want) {
				t.Fatalf("problems:\n%s\nwant %d", strings.Join(got, "\n"), len(tc.want))
			}
			for i, w := range tc.want {
				if !strings.Contains(got[i], w) {
					t.Errorf("problem %d: %s\nwant %s", i, got[i], w)
				}
			}
		})
	}
}

// TestDefaultDateTypical: an extra service on the first weekday makes it
// atypical; the next weekday, with the usual services, is chosen.
func TestDefaultDateTypical(t *testing.T) {
	b, err := os.ReadFile("testdata/tiny/calendar_dates.txt")
	if err != nil {
		t.Fatal(err)
	}
	dir := broken(t, map[string]string{"calendar_dates.txt": string(b) + "SAT,20260105,1\n"})
	fs, err := Load(context.Background(), []Source{{Path: dir}})
	if err != nil {
		t.Fatal(err)
	}
	d, warn := fs.DefaultDate()
	if got := d.Format(time.DateOnly); got != "2026-01-06" || len(warn) != 1 {
		t.Errorf("default date %s (%q), want 2026-01-06", got, warn)
	}
	// Two feeds whose periods do not meet: the best weekday of either, said.
	cal := "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\nWK,1,1,1,1,1,0,0,20260302,20260331\nSAT,0,0,0,0,0,1,0,20260307,20260307\n"
	later := broken(t, map[string]string{"calendar.txt": cal, "calendar_dates.txt": ""})
	fs, err = Load(context.Background(), []Source{{Path: "testdata/tiny"}, {Path: later, Name: "later"}})
	if err != nil {
		t.Fatal(err)
	}
	d, warn = fs.DefaultDate()
	if len(warn) != 2 || !strings.Contains(warn[0], "share no weekday: tiny 2026-01-05 to 2026-01-30, later 2026-03-02 to 2026-03-31") {
		t.Errorf("%s %q", d.Format(time.DateOnly), warn)
	}
}

// TestTransferPairsBound: a station-to-station transfer between two
// stations of 3,200 platforms each would be 10.2 million pairs.
func TestTransferPairsBound(t *testing.T) {
	var b strings.Builder
	b.WriteString("stop_id,stop_name,stop_lat,stop_lon,location_type,parent_station\nX,x,50,2,0,\nY,y,50,2,0,\nP1,p,50,2,0,\nP2,p,50,2,0,\nST,s,50,2,1,\n")
	for i := 0; i < 3200; i++ {
		fmt.Fprintf(&b, "Q%d,q,50,2,0,ST\n", i)
	}
	dir := broken(t, map[string]string{"stops.txt": b.String(), "transfers.txt": "from_stop_id,to_stop_id,transfer_type\nST,ST,0\n"})
	probs, _, err := Validate(context.Background(), []Source{{Path: dir}})
	if err != nil || len(probs) != 1 || !strings.Contains(probs[0].Error(), "transfers.txt:2: field \"from_stop_id\": transfers between stations expand to more than 10000000 pairs") {
		t.Errorf("%v %v", err, probs)
	}
}

// TestTooFast: Z is 5.7 km from P1. A trip from P1 to Z in one minute
// (343 km/h) is plausible, in 30 s (687 km/h) or no time it is not; all
// are read, the last two are counted.
func TestTooFast(t *testing.T) {
	const head = "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n"
	for _, tc := range []struct {
		arr  string
		want int
	}{{"08:01:00", 0}, {"08:00:30", 1}, {"08:00:00", 1}} {
		dir := broken(t, map[string]string{"stop_times.txt": head + "T1,08:00:00,08:00:00,P1,1\nT1," + tc.arr + "," + tc.arr + ",Z,2\n"})
		tt, err := Read(context.Background(), []Source{{Path: dir}}, day0("2026-01-07"))
		if err != nil {
			t.Fatal(err)
		}
		if got := tt.Counts["trips_faster_than_400kmh"]; got != tc.want {
			t.Errorf("arrival %s: %d fast trips, want %d", tc.arr, got, tc.want)
		}
	}
}

// TestCancel: a cancelled context stops the read with its error, not with
// problems caused by the files left half read.
func TestCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Read(ctx, []Source{{Path: "testdata/tiny"}}, day0("2026-01-07")); !errors.Is(err, context.Canceled) {
		t.Errorf("err %v", err)
	}
}
