package scenario

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/gtfs"
	"github.com/partons/partons/datasets/gtfs/edit"
)

func TestTimetableChangesParse(t *testing.T) {
	src := `variants:
  - name: t
    changes:
      - remove_routes: {routes: [tiny:R1]}
      - scale_frequency: {routes: [R2], factor: 0.5}
      - add_route:
          id: link
          stops:
            - {stop: tiny:X}
            - {name: Watou, lon: 2.62, lat: 50.86}
          run_min: [7.5]
          headway_min: 30
          first: "07:00"
          last: "24:30"
          both_ways: true
`
	f, err := Read("s.yaml", strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	v := f.Variants[0]
	if !v.ChangesTimetable() || !reflect.DeepEqual(v.Changes[0].RemoveRoutes.Routes, []string{"tiny:R1"}) || v.Changes[1].ScaleFrequency.Factor != 0.5 {
		t.Fatalf("changes = %+v", v.Changes)
	}
	r, err := v.Changes[2].AddRoute.NewRoute()
	if err != nil {
		t.Fatal(err)
	}
	want := edit.NewRoute{ID: "link", Type: 3, BothWays: true,
		Stops:      []edit.RouteStop{{ID: "tiny:X"}, {Name: "Watou", Lon: 2.62, Lat: 50.86}},
		RunSeconds: []int32{450}, First: 7 * 3600, Last: 24*3600 + 30*60, HeadwaySeconds: 1800}
	if !reflect.DeepEqual(r, want) {
		t.Errorf("NewRoute = %+v\nwant %+v", r, want)
	}
	if (&Variant{Changes: []Change{{CloseBorder: true}}}).ChangesTimetable() {
		t.Error("close_border is no timetable change")
	}
}

// TestTimetableChangesRejected: every problem names the file, its line,
// the variant, the change and the field.
func TestTimetableChangesRejected(t *testing.T) {
	head := "variants:\n  - name: v\n    changes:\n      - close_border: true\n"
	route := "      - add_route:\n          id: link\n          stops: [{stop: a:X}, {lon: 2.6, lat: 50.8}]\n          run_min: [5]\n          headway_min: 30\n          first: '07:00'\n          last: '09:00'\n"
	cases := []struct{ name, change, want string }{
		{"no routes", "      - remove_routes: {routes: []}\n", `s.yaml:5: variant "v": change 2: remove_routes.routes: give at least one route id`},
		{"blank route", "      - remove_routes:\n          routes: [a, ' ']\n", `s.yaml:6: variant "v": change 2: remove_routes.routes[1]: route id " "`},
		{"twice", "      - scale_frequency: {routes: [a, a], factor: 2}\n", `change 2: scale_frequency.routes[1]: route "a" named twice`},
		{"factor 0", "      - scale_frequency: {routes: [a], factor: 0}\n", `change 2: scale_frequency.factor: 0: want a number above 0 and at most 20`},
		{"factor huge", "      - scale_frequency:\n          routes: [a]\n          factor: 21\n", `s.yaml:7: variant "v": change 2: scale_frequency.factor: 21`},
		{"unknown key", "      - scale_frequency: {routes: [a], factr: 2}\n", "field factr not found"},
		{"two kinds", "      - {remove_routes: {routes: [a]}, close_border: true}\n", "exactly one of"},
		{"id", strings.Replace(route, "id: link", "id: 'a:b'", 1), `s.yaml:6: variant "v": change 2: add_route.id: "a:b"`},
		{"one stop", strings.Replace(route, "[{stop: a:X}, {lon: 2.6, lat: 50.8}]", "[{stop: a:X}]", 1), "add_route.stops: 1 stops"},
		{"stop and point", strings.Replace(route, "{stop: a:X}", "{stop: a:X, lon: 2}", 1), "add_route.stops[0]: give either stop"},
		{"no lat", strings.Replace(route, "{lon: 2.6, lat: 50.8}", "{lon: 2.6}", 1), "add_route.stops[1]: give stop"},
		{"bad lat", strings.Replace(route, "lat: 50.8", "lat: 95", 1), "add_route.stops[1].lat: 95: latitude"},
		{"null island", strings.Replace(route, "lon: 2.6, lat: 50.8", "lon: 0, lat: 0", 1), "add_route.stops[1]: 0, 0 is not a place"},
		{"run count", strings.Replace(route, "run_min: [5]", "run_min: [5, 6]", 1), "s.yaml:8: variant \"v\": change 2: add_route.run_min: 2 running times for 2 stops"},
		{"run 0", strings.Replace(route, "run_min: [5]", "run_min: [0]", 1), "add_route.run_min[0]: 0: a running time"},
		{"headway", strings.Replace(route, "headway_min: 30", "headway_min: -1", 1), "s.yaml:9: variant \"v\": change 2: add_route.headway_min: -1"},
		{"first", strings.Replace(route, "'07:00'", "'7h'", 1), `s.yaml:10: variant "v": change 2: add_route.first: "7h": want HH:MM`},
		{"last before first", strings.Replace(route, "'09:00'", "'06:59'", 1), `add_route.last: 06:59 is before the first departure 07:00`},
		{"route type", strings.Replace(route, "id: link", "id: link\n          route_type: -2", 1), "add_route.route_type: -2"},
		{"headway tiny", strings.Replace(strings.Replace(route, "headway_min: 30", "headway_min: 0.001", 1), "'09:00'", "'99:00'", 1), "add_route.headway_min"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Read("s.yaml", strings.NewReader(head+tc.change))
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.HasPrefix(err.Error(), "s.yaml") {
				t.Fatalf("err = %v\nwant %q", err, tc.want)
			}
			if !errors.Is(err, datasets.ErrInvalid) {
				t.Errorf("%v does not wrap ErrInvalid", err)
			}
		})
	}
}

func tinyTimetable(t *testing.T) *gtfs.Timetable {
	t.Helper()
	tt, err := gtfs.Read(context.Background(), []gtfs.Source{{Path: "../gtfs/testdata/tiny"}}, time.Date(2026, 1, 7, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	return tt
}

func TestEditTimetable(t *testing.T) {
	tt := tinyTimetable(t)
	read := func(src string) *Variant {
		t.Helper()
		f, err := Read("s.yaml", strings.NewReader(src))
		if err != nil {
			t.Fatal(err)
		}
		return &f.Variants[0]
	}
	// No timetable change: the timetable itself.
	if got, err := read("variants: [{name: v, changes: [{close_border: true}]}]\n").EditTimetable(tt); err != nil || got != tt {
		t.Errorf("no edit: %p, %v; want %p", got, err, tt)
	}
	// Changes apply in order, bare ids take the only feed's name.
	v := read(`variants: [{name: v, changes: [
  {remove_routes: {routes: [R1]}},
  {add_route: {id: link, stops: [{stop: X}, {stop: tiny:P1}], run_min: [4], headway_min: 60, first: "07:00", last: "08:00"}}]}]
`)
	got, err := v.EditTimetable(tt)
	if err != nil {
		t.Fatal(err)
	}
	routes := map[string]int{}
	for _, tr := range got.Trips {
		routes[tr.RouteID]++
	}
	if routes["tiny:R1"] != 0 || routes["scenario:link"] != 2 || routes["tiny:R2"] == 0 {
		t.Errorf("trips per route = %v", routes)
	}
	if routesOf(tt, "tiny:R1") == 0 || routesOf(tt, "scenario:link") != 0 {
		t.Error("the base timetable was changed")
	}
	// A bare route id after add_route (which adds the scenario's feed)
	// still names the one feed read.
	v = read(`variants: [{name: v, changes: [
  {add_route: {id: link, stops: [{stop: X}, {stop: P1}], run_min: [4], headway_min: 60, first: "07:00", last: "08:00"}},
  {scale_frequency: {routes: [R2], factor: 0.5}},
  {remove_routes: {routes: [R1, scenario:link]}}]}]
`)
	if got, err = v.EditTimetable(tt); err != nil || routesOf(got, "tiny:R1")+routesOf(got, "scenario:link") != 0 || routesOf(got, "tiny:R2") == 0 {
		t.Errorf("bare ids after add_route: %v", err)
	}
	// Unknown route or stop: an error naming it and the change.
	for src, want := range map[string]string{
		"variants: [{name: v, changes: [{close_border: true}, {scale_frequency: {routes: [tiny:R9], factor: 2}}]}]\n":                                                `change 2: scale_frequency: route "tiny:R9" has no trip on 2026-01-07`,
		"variants: [{name: v, changes: [{remove_routes: {routes: [nope]}}]}]\n":                                                                                      `change 1: remove_routes: route "tiny:nope"`,
		"variants: [{name: v, changes: [{add_route: {id: l, stops: [{stop: tiny:Q}, {stop: X}], run_min: [4], headway_min: 60, first: '07:00', last: '08:00'}}]}]\n": `change 1: add_route "l": stop 1: unknown stop "tiny:Q"`,
	} {
		_, err := read(src).EditTimetable(tt)
		var te *TimetableError
		if !errors.As(err, &te) || !errors.Is(err, datasets.ErrInvalid) || !strings.Contains(err.Error(), want) {
			t.Errorf("err = %v, want %q", err, want)
		}
	}
}

func routesOf(tt *gtfs.Timetable, route string) int {
	n := 0
	for _, tr := range tt.Trips {
		if tr.RouteID == route {
			n++
		}
	}
	return n
}

// On another day than the one EditTimetable checked, a route with no
// trip that day is passed over (nothing to remove or scale there) and
// the routes that do run are edited as on the study day.
func TestEditOtherDay(t *testing.T) {
	tt := tinyTimetable(t)
	read := func(src string) *Variant {
		t.Helper()
		f, err := Read("s.yaml", strings.NewReader(src))
		if err != nil {
			t.Fatal(err)
		}
		return &f.Variants[0]
	}
	v := read("variants: [{name: v, changes: [{remove_routes: {routes: [R1, R9]}}, {scale_frequency: {routes: [tiny:R8], factor: 2}}]}]\n")
	if _, err := v.EditTimetable(tt); err == nil {
		t.Fatal("EditTimetable accepted a route with no trip")
	}
	got, err := v.EditOtherDay(tt)
	if err != nil {
		t.Fatal(err)
	}
	if routesOf(got, "tiny:R1") != 0 || routesOf(got, "tiny:R2") != routesOf(tt, "tiny:R2") || routesOf(tt, "tiny:R1") == 0 {
		t.Errorf("R1 %d, R2 %d of %d", routesOf(got, "tiny:R1"), routesOf(got, "tiny:R2"), routesOf(tt, "tiny:R2"))
	}
	// Nothing runs that the variant names: the day's timetable itself.
	if got, err := read("variants: [{name: v, changes: [{remove_routes: {routes: [R9]}}]}]\n").EditOtherDay(tt); err != nil || got != tt {
		t.Errorf("nothing to edit: %p, %v; want %p", got, err, tt)
	}
}
