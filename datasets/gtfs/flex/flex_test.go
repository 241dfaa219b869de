package flex

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/gtfs"
)

func rowsOf(files []gtfs.FileRows) map[string]string {
	m := map[string]string{}
	for _, f := range files {
		s := []string{}
		for k, v := range f.Unused {
			s = append(s, k+":"+itoa(v))
		}
		m[f.File] = itoa(f.Read) + " " + itoa(f.Used) + " " + strings.Join(s, ",")
	}
	return m
}

func itoa(i int) string { return strconv.Itoa(i) }

// TestFlexFeed checks every record of the hand-built feed.
func TestFlexFeed(t *testing.T) {
	fx, err := Read(context.Background(), gtfs.Source{Path: "testdata/flexfeed"})
	if err != nil {
		t.Fatal(err)
	}
	checkRows(t, fx.Files)
	want := map[string]string{
		"booking_rules.txt":        "3 2 not_referenced:1",
		"location_group_stops.txt": "2 2 ",
		"location_groups.txt":      "1 1 ",
		"locations.geojson":        "1 1 ",
		"stop_times.txt":           "6 4 fixed_schedule:2",
		"trips.txt":                "3 2 fixed_schedule:1",
	}
	if got := rowsOf(fx.Files); !reflect.DeepEqual(got, want) {
		t.Errorf("rows %v, want %v", got, want)
	}
	if len(fx.Zones) != 1 || fx.Zones[0].ID != "flexfeed:ZONE" || fx.Zones[0].Name != "Heuvelland" || fx.Zones[0].OnDemand != nil {
		t.Fatalf("zones %+v", fx.Zones)
	}
	z := fx.Zones[0]
	for _, c := range []struct {
		p  orb.Point
		in bool
	}{{orb.Point{2.82, 50.80}, true}, {orb.Point{2.85, 50.80}, false}, {orb.Point{2.95, 50.80}, false}, {orb.Point{2.89, 50.84}, true}} {
		if z.Contains(c.p) != c.in {
			t.Errorf("Contains(%v) = %v", c.p, !c.in)
		}
	}
	if !reflect.DeepEqual(fx.Groups, []Group{{ID: "flexfeed:STOPS", Name: "Village stops", Stops: []string{"flexfeed:S1", "flexfeed:S2"}}}) {
		t.Errorf("groups %+v", fx.Groups)
	}
	h := func(hh int32) int32 { return hh * 3600 }
	rules := fx.BookingRules
	// Day before until 17:00, for a 07:00 ride: 24 h + 7 h − 17 h = 14 h.
	if len(rules) != 3 || rules[0].LeadSeconds(h(7)) != h(14) || rules[1].LeadSeconds(h(7)) != 3600 || rules[2].LeadSeconds(h(7)) != 0 ||
		rules[0].Message != "Book the day before until 17:00" || rules[0].Phone != "+32 50 00 00 00" {
		t.Errorf("rules %+v", rules)
	}
	wantW := []Window{
		{Trip: "flexfeed:G1", Route: "flexfeed:FLEX", Service: "flexfeed:WK", Sequence: 1, Group: "flexfeed:STOPS", Start: h(8), End: h(12),
			PickupType: 2, DropOffType: 1, PickupRule: "flexfeed:SAMEDAY", MeanFactor: 2, HasDuration: true},
		{Trip: "flexfeed:G1", Route: "flexfeed:FLEX", Service: "flexfeed:WK", Sequence: 2, Stop: "flexfeed:S2", Start: h(12) + 1800, End: h(12) + 1800,
			PickupType: 1},
		{Trip: "flexfeed:Z1", Route: "flexfeed:FLEX", Service: "flexfeed:WK", Sequence: 1, Zone: "flexfeed:ZONE", Start: h(7), End: h(19),
			PickupType: 2, DropOffType: 1, PickupRule: "flexfeed:DAYBEFORE", MeanFactor: 1.5, MeanOffsetS: 300, HasDuration: true},
		{Trip: "flexfeed:Z1", Route: "flexfeed:FLEX", Service: "flexfeed:WK", Sequence: 2, Zone: "flexfeed:ZONE", Start: h(7), End: h(19),
			PickupType: 1, DropOffType: 2, DropOffRule: "flexfeed:DAYBEFORE", MeanFactor: 1.5, MeanOffsetS: 300, HasDuration: true},
	}
	if !reflect.DeepEqual(fx.Windows, wantW) {
		t.Errorf("windows\n%+v\nwant\n%+v", fx.Windows, wantW)
	}
	// Lookups by the ids the windows name.
	if fx.BookingRule(wantW[2].PickupRule).LeadSeconds(wantW[2].Start) != h(14) || fx.Zone(wantW[2].Zone).Name != "Heuvelland" ||
		len(fx.Group(wantW[0].Group).Stops) != 2 || fx.Zone("flexfeed:NONE") != nil || fx.BookingRule("") != nil || fx.Group("x") != nil {
		t.Error("lookups")
	}
	// The same feed read by package gtfs: the bus trip only, the flex
	// trips counted.
	tt, err := gtfs.Read(context.Background(), []gtfs.Source{{Path: "testdata/flexfeed"}}, time.Date(2026, 1, 7, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	if len(tt.Trips) != 1 || tt.Trips[0].ID != "flexfeed:B1" || tt.Counts["trips_flex"] != 2 {
		t.Errorf("gtfs: %d trips, counts %v", len(tt.Trips), tt.Counts)
	}
	checkRows(t, tt.Files)
}

func TestNoFlex(t *testing.T) {
	fx, err := Read(context.Background(), gtfs.Source{Path: "../testdata/tiny"})
	if err != nil || len(fx.Zones)+len(fx.Windows)+len(fx.Groups)+len(fx.BookingRules) != 0 {
		t.Fatalf("%v %+v", err, fx)
	}
	checkRows(t, fx.Files)
}

// broken copies a folder feed with some files replaced.
func broken(t *testing.T, src string, files map[string]string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "feed")
	os.Mkdir(dir, 0o755)
	ents, _ := os.ReadDir(src)
	for _, e := range ents {
		b, _ := os.ReadFile(filepath.Join(src, e.Name()))
		os.WriteFile(filepath.Join(dir, e.Name()), b, 0o644)
	}
	for n, c := range files {
		os.WriteFile(filepath.Join(dir, n), []byte(c), 0o644)
	}
	return dir
}

func problems(t *testing.T, err error, prefix string) []string {
	t.Helper()
	var l datasets.ErrorList
	if !errors.As(err, &l) {
		t.Fatalf("err %v, want a list of problems", err)
	}
	var out []string
	for _, e := range l {
		s := strings.TrimPrefix(e.Error(), prefix)
		out = append(out, s)
	}
	return out
}

func TestBadFlexFeed(t *testing.T) {
	const head = "trip_id,stop_sequence,stop_id,location_id,location_group_id,arrival_time,departure_time,start_pickup_drop_off_window,end_pickup_drop_off_window,pickup_booking_rule_id\n"
	for _, tc := range []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{"unknown zone, rule, window backwards, two places, time and window", map[string]string{"stop_times.txt": head +
			"Z1,1,,NOZONE,,,,07:00:00,19:00:00,\n" +
			"Z1,2,,ZONE,,,,07:00:00,19:00:00,NORULE\n" +
			"Z1,3,,ZONE,,,,19:00:00,07:00:00,\n" +
			"Z1,4,S1,ZONE,,,,07:00:00,19:00:00,\n" +
			"Z1,5,,ZONE,,07:00:00,07:00:00,07:00:00,19:00:00,\n" +
			"Z1,6,,,STOPS,,,,,\n" +
			"B1,1,S1,,,08:00:00,08:00:00,,,\nB1,2,S2,,,08:10:00,08:10:00,,,\n"},
			[]string{
				`/stop_times.txt:2: field "location_id": unknown zone "NOZONE" (not in locations.geojson)`,
				`/stop_times.txt:3: field "pickup_booking_rule_id": unknown booking rule "NORULE" (not in booking_rules.txt)`,
				`/stop_times.txt:4: field "end_pickup_drop_off_window": 07:00:00 is before the start 19:00:00`,
				`/stop_times.txt:5: field "stop_id": want exactly one of stop_id, location_group_id and location_id, got 2`,
				`/stop_times.txt:6: field "arrival_time": a row with a pickup/drop-off window has no arrival or departure time`,
				`/stop_times.txt:7: field "start_pickup_drop_off_window": required for a location_id or location_group_id`,
			}},
		{"zone geometry", map[string]string{"locations.geojson": `{"type":"FeatureCollection","features":[
{"type":"Feature","id":"ZONE","properties":{},"geometry":{"type":"Polygon","coordinates":[[[2.8,50.7],[2.9,50.7],[2.9,50.8],[2.8,50.71]]]}},
{"type":"Feature","id":"Z2","properties":{},"geometry":{"type":"Point","coordinates":[2.8,50.7]}}]}`},
			[]string{`/locations.geojson: feature 0: field "geometry": zone "ZONE": ring 0 is not closed`,
				`/locations.geojson: feature 1: field "geometry": zone "Z2": a Point: a zone is a Polygon or MultiPolygon`}},
		{"group of unknown stop", map[string]string{"location_group_stops.txt": "location_group_id,stop_id\nSTOPS,S9\nNOGROUP,S1\n"},
			[]string{`/location_group_stops.txt:2: field "stop_id": unknown stop "S9"`, `/location_group_stops.txt:3: field "location_group_id": unknown location group "NOGROUP"`}},
		{"booking rule", map[string]string{"booking_rules.txt": "booking_rule_id,booking_type,prior_notice_duration_min,prior_notice_last_day\nDAYBEFORE,2,,1\nSAMEDAY,1,,\nX,5,,\n"},
			[]string{`/booking_rules.txt:2: field "prior_notice_last_time": required with prior_notice_last_day`,
				`/booking_rules.txt:3: field "prior_notice_duration_min": required for booking_type 1`,
				`/booking_rules.txt:4: field "booking_type": "5": want a whole number from 0 to 2`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := broken(t, "testdata/flexfeed", tc.files)
			_, err := Read(context.Background(), gtfs.Source{Path: dir})
			got := problems(t, err, dir)
			if len(got) != len(tc.want) {
				t.Fatalf("problems:\n%s", strings.Join(got, "\n"))
			}
			for i := range got {
				if !strings.HasPrefix(got[i], tc.want[i]) {
					t.Errorf("%s\nwant %s", got[i], tc.want[i])
				}
			}
		})
	}
}
