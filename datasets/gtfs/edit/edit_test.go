package edit

import (
	"context"
	"errors"
	"math"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/gtfs"
)

func readTiny(t *testing.T, date string) *gtfs.Timetable {
	t.Helper()
	d, err := time.Parse(time.DateOnly, date)
	if err != nil {
		t.Fatal(err)
	}
	tt, err := gtfs.Read(context.Background(), []gtfs.Source{{Path: "../testdata/tiny"}}, d)
	if err != nil {
		t.Fatal(err)
	}
	return tt
}

// tripsOf lists "id stop@dep stop@dep…" of the trips of one route.
func tripsOf(tt *gtfs.Timetable, route string) []string {
	var out []string
	for _, t := range tt.Trips {
		if t.RouteID != route {
			continue
		}
		s := t.ID
		for _, st := range t.Times {
			s += " " + strings.TrimPrefix(strings.TrimPrefix(tt.Stops[st.Stop].ID, "tiny:"), "scenario:") + "@" + gtfs.FormatTime(st.Departure)
		}
		out = append(out, s)
	}
	return out
}

func TestNoChangeIsIdentical(t *testing.T) {
	base := readTiny(t, "2026-01-07")
	for name, edit := range map[string]func(*gtfs.Timetable) (*gtfs.Timetable, error){
		"remove nothing": func(tt *gtfs.Timetable) (*gtfs.Timetable, error) { return RemoveRoutes(tt, nil) },
		"scale by 1":     func(tt *gtfs.Timetable) (*gtfs.Timetable, error) { return ScaleFrequency(tt, []string{"R1", "R2"}, 1) },
		"scale nothing":  func(tt *gtfs.Timetable) (*gtfs.Timetable, error) { return ScaleFrequency(tt, nil, 2) },
	} {
		got, err := edit(base)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !reflect.DeepEqual(got, base) {
			t.Errorf("%s changed the timetable", name)
		}
	}
}

func TestRemoveRoutes(t *testing.T) {
	base := readTiny(t, "2026-01-07")
	got, err := RemoveRoutes(base, []string{"R1"}) // bare id: one feed
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Trips) != 5 || len(tripsOf(got, "tiny:R1")) != 0 || len(got.Stops) != 5 || len(got.Transfers) != 4 {
		t.Errorf("%d trips (%v), %d stops, %d transfers", len(got.Trips), tripsOf(got, "tiny:R1"), len(got.Stops), len(got.Transfers))
	}
	if len(base.Trips) != 8 {
		t.Error("the argument was changed")
	}
	for _, ids := range [][]string{{"tiny:R9"}, {"other:R1"}} {
		if _, err := RemoveRoutes(base, ids); !errors.Is(err, datasets.ErrInvalid) || !strings.Contains(err.Error(), "has no trip on 2026-01-07") {
			t.Errorf("%v: %v", ids, err)
		}
	}
}

func TestScaleFrequency(t *testing.T) {
	base := readTiny(t, "2026-01-07")
	for _, tc := range []struct {
		factor float64
		want   []string // route R2 trips, in departure order
	}{
		{0.5, []string{ // F0 keeps trips 0 and 2, F1 trip 0
			"tiny:F0#070000 P2@07:00:00 X@07:05:00", "tiny:F1#070000 P1@07:00:00 Y@07:07:00", "tiny:F0#074000 P2@07:40:00 X@07:45:00"}},
		{2, []string{ // one trip half-way in each gap
			"tiny:F0#070000 P2@07:00:00 X@07:05:00", "tiny:F1#070000 P1@07:00:00 Y@07:07:00",
			"tiny:F1#070000+1 P1@07:07:30 Y@07:14:30",
			"tiny:F0#070000+1 P2@07:10:00 X@07:15:00",
			"tiny:F1#071500 P1@07:15:00 Y@07:22:00",
			"tiny:F0#072000 P2@07:20:00 X@07:25:00", "tiny:F0#072000+1 P2@07:30:00 X@07:35:00",
			"tiny:F0#074000 P2@07:40:00 X@07:45:00"}},
		{1.5, []string{ // F0: ⌊0.5⌋−⌊0⌋ = 0 in the first gap, ⌊1⌋−⌊0.5⌋ = 1 in the second; F1: none
			"tiny:F0#070000 P2@07:00:00 X@07:05:00", "tiny:F1#070000 P1@07:00:00 Y@07:07:00",
			"tiny:F1#071500 P1@07:15:00 Y@07:22:00",
			"tiny:F0#072000 P2@07:20:00 X@07:25:00", "tiny:F0#072000+1 P2@07:30:00 X@07:35:00",
			"tiny:F0#074000 P2@07:40:00 X@07:45:00"}},
		{3, []string{ // two trips in each gap, at thirds
			"tiny:F0#070000 P2@07:00:00 X@07:05:00", "tiny:F1#070000 P1@07:00:00 Y@07:07:00",
			"tiny:F1#070000+1 P1@07:05:00 Y@07:12:00", "tiny:F0#070000+1 P2@07:06:40 X@07:11:40",
			"tiny:F1#070000+2 P1@07:10:00 Y@07:17:00", "tiny:F0#070000+2 P2@07:13:20 X@07:18:20",
			"tiny:F1#071500 P1@07:15:00 Y@07:22:00",
			"tiny:F0#072000 P2@07:20:00 X@07:25:00", "tiny:F0#072000+1 P2@07:26:40 X@07:31:40",
			"tiny:F0#072000+2 P2@07:33:20 X@07:38:20", "tiny:F0#074000 P2@07:40:00 X@07:45:00"}},
	} {
		got, err := ScaleFrequency(base, []string{"tiny:R2"}, tc.factor)
		if err != nil {
			t.Fatal(err)
		}
		if g := tripsOf(got, "tiny:R2"); !reflect.DeepEqual(g, tc.want) {
			t.Errorf("factor %v:\n%s\nwant\n%s", tc.factor, strings.Join(g, "\n"), strings.Join(tc.want, "\n"))
		}
		if len(tripsOf(got, "tiny:R1")) != 3 {
			t.Errorf("factor %v changed route R1", tc.factor)
		}
	}
	// R1's patterns have one trip each: nothing to insert, and a warning.
	got, err := ScaleFrequency(base, []string{"R1"}, 2)
	if err != nil || len(got.Trips) != 8 || len(got.Warnings) != 3 || !strings.Contains(got.Warnings[0], "no gap") {
		t.Errorf("%v, %d trips, warnings %q", err, len(got.Trips), got.Warnings)
	}
	for _, f := range []float64{0, -1, 21, math.Inf(1), math.NaN()} {
		if _, err := ScaleFrequency(base, []string{"R2"}, f); !errors.Is(err, datasets.ErrInvalid) {
			t.Errorf("factor %v: %v", f, err)
		}
	}
}

func TestAddRoute(t *testing.T) {
	base := readTiny(t, "2026-01-07")
	r := NewRoute{ID: "N1", Type: 3, BothWays: true,
		Stops:      []RouteStop{{ID: "tiny:X"}, {Name: "New", Lon: 2.89, Lat: 50.87}, {ID: "tiny:Z"}},
		RunSeconds: []int32{300, 600}, First: 7 * 3600, Last: 8 * 3600, HeadwaySeconds: 1800}
	got, err := AddRoute(base, r)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"scenario:N1#070000 X@07:00:00 N1-2@07:05:00 Z@07:15:00", "scenario:N1-back#070000 Z@07:00:00 N1-2@07:10:00 X@07:15:00",
		"scenario:N1#073000 X@07:30:00 N1-2@07:35:00 Z@07:45:00", "scenario:N1-back#073000 Z@07:30:00 N1-2@07:40:00 X@07:45:00",
		"scenario:N1#080000 X@08:00:00 N1-2@08:05:00 Z@08:15:00", "scenario:N1-back#080000 Z@08:00:00 N1-2@08:10:00 X@08:15:00",
	}
	if g := tripsOf(got, "scenario:N1"); !reflect.DeepEqual(g, want) {
		t.Errorf("new trips:\n%s\nwant\n%s", strings.Join(g, "\n"), strings.Join(want, "\n"))
	}
	// The new stop sorts first: every old index moves up by one.
	if got.Stops[0].ID != "scenario:N1-2" || got.Stops[0].Name != "New" || got.Stops[0].Feed != 1 ||
		len(got.Feeds) != 2 || got.Feeds[1].Name != ScenarioFeed {
		t.Errorf("stop 0 %+v, feeds %+v", got.Stops[0], got.Feeds)
	}
	if !reflect.DeepEqual(got.Transfers, []gtfs.Transfer{{From: 1, To: 1, Type: 2, MinSeconds: 180}, {From: 1, To: 2, Type: 3, MinSeconds: 0}, {From: 2, To: 1, Type: 2, MinSeconds: 180}, {From: 2, To: 2, Type: 2, MinSeconds: 180}}) {
		t.Errorf("transfers %v", got.Transfers)
	}
	if !reflect.DeepEqual(tripsOf(got, "tiny:R1"), tripsOf(base, "tiny:R1")) || len(got.Trips) != 14 {
		t.Errorf("old trips changed: %v", tripsOf(got, "tiny:R1"))
	}
	if !reflect.DeepEqual(base, readTiny(t, "2026-01-07")) {
		t.Error("the argument was changed")
	}
	for _, tc := range []struct {
		name string
		edit func(*NewRoute)
		want string
	}{
		{"unknown stop", func(r *NewRoute) { r.Stops[0].ID = "tiny:NOPE" }, `stop 1: unknown stop "tiny:NOPE"`},
		{"bad coordinates", func(r *NewRoute) { r.Stops[1].Lat = 95 }, "stop 2: coordinates"},
		{"run times", func(r *NewRoute) { r.RunSeconds = r.RunSeconds[:1] }, "1 running times for 3 stops"},
		{"zero run", func(r *NewRoute) { r.RunSeconds[1] = 0 }, "running time 2"},
		{"headway", func(r *NewRoute) { r.HeadwaySeconds = 0 }, "headway 0 s"},
		{"last before first", func(r *NewRoute) { r.Last = r.First - 1 }, "want 0 ≤ first ≤ last"},
		{"one stop", func(r *NewRoute) { r.Stops = r.Stops[:1]; r.RunSeconds = nil }, "1 stops"},
	} {
		rr := r
		rr.Stops = append([]RouteStop(nil), r.Stops...)
		rr.RunSeconds = append([]int32(nil), r.RunSeconds...)
		tc.edit(&rr)
		if _, err := AddRoute(base, rr); !errors.Is(err, datasets.ErrInvalid) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want %q", tc.name, err, tc.want)
		}
	}
	if _, err := AddRoute(got, r); err == nil || !strings.Contains(err.Error(), "already in the timetable") {
		t.Errorf("same route twice: %v", err)
	}
}
