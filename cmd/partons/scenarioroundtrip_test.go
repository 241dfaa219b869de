package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// roundTripFeed writes a feed for one week (Monday 5 to Sunday 11
// January 2026) between a village at A and a pharmacy at B, 10 km apart,
// far beyond walking:
//
//   - route OUT, A → B: 08:30 → 08:50 on weekdays, 09:10 → 09:30 on
//     Saturday;
//   - route BACK, B → A: 10:00 → 10:20 on weekdays, 11:00 → 11:20 on
//     Saturday;
//   - route X, weekdays only, between two stops far from both.
func roundTripFeed(t *testing.T, dir string) string {
	t.Helper()
	feed := filepath.Join(dir, "loop")
	if err := os.Mkdir(feed, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, text := range map[string]string{
		"agency.txt": "agency_id,agency_name,agency_url,agency_timezone\nL,Loop,https://example.org,Europe/Brussels\n",
		"calendar.txt": "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\n" +
			"WK,1,1,1,1,1,0,0,20260105,20260111\nSA,0,0,0,0,0,1,0,20260105,20260111\n",
		"routes.txt": "route_id,agency_id,route_short_name,route_type\nOUT,L,1,3\nBACK,L,2,3\nX,L,3,3\n",
		"stops.txt": "stop_id,stop_name,stop_lat,stop_lon\nA,A,50.9,2.80\nB,B,50.9,2.94\n" +
			"C,C,51.2,3.30\nD,D,51.2,3.32\n",
		"trips.txt": "route_id,service_id,trip_id\nOUT,WK,o1\nBACK,WK,b1\nOUT,SA,o2\nBACK,SA,b2\nX,WK,x1\n",
		"stop_times.txt": "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n" +
			"o1,08:30:00,08:30:00,A,1\no1,08:50:00,08:50:00,B,2\n" +
			"b1,10:00:00,10:00:00,B,1\nb1,10:20:00,10:20:00,A,2\n" +
			"o2,09:10:00,09:10:00,A,1\no2,09:30:00,09:30:00,B,2\n" +
			"b2,11:00:00,11:00:00,B,1\nb2,11:20:00,11:20:00,A,2\n" +
			"x1,08:00:00,08:00:00,C,1\nx1,08:05:00,08:05:00,D,2\n",
	} {
		writeFile(t, feed, name, text)
	}
	return feed
}

// TestScenarioTransitRoundTrip: the round trips of a variant are
// searched on the variant's timetable, every slot day, and against the
// variant's opening hours. The pharmacy opens Mo-Sa 08:00-12:00; in the
// base a resident rides out and back on weekday and Saturday mornings
// (yes), never in the evening (no bus: no).
//
//   - no-bus removes OUT, which runs on Monday and on Saturday: no round
//     trip is left on either morning;
//   - no-x removes X, which runs on weekdays only: on Saturday there is
//     nothing to remove, and nothing changes for the village;
//   - afternoon moves the pharmacy's hours to 13:00-17:00: the only bus
//     arrives at 08:50 (09:30 on Saturday), when it is closed;
//   - replaced closes the pharmacy and opens another at B, afternoons
//     only: no;
//   - no-change equals the base byte for byte.
func TestScenarioTransitRoundTrip(t *testing.T) {
	dir := t.TempDir()
	feed := roundTripFeed(t, dir)
	writeFile(t, dir, "villages.csv", "id,name,country,population,lon,lat\nv1,Aville,BE,100,2.80,50.9\n")
	writeFile(t, dir, "services.csv", "id,category,country,lon,lat,opening_hours\np1,pharmacy,BE,2.94,50.9,Mo-Sa 08:00-12:00\n")
	sc := writeFile(t, dir, "s.yaml", strings.Join([]string{
		"base:",
		"  villages: [" + filepath.Join(dir, "villages.csv") + "]",
		"  services: [" + filepath.Join(dir, "services.csv") + "]",
		"  transit: [" + feed + "]",
		"  when: \"2026-01-05\"",
		"  outputs: [villages.csv]",
		"variants:",
		"  - name: no-change",
		"  - name: no-bus",
		"    changes:",
		"      - remove_routes: {routes: [OUT]}",
		"  - name: no-x",
		"    changes:",
		"      - remove_routes: {routes: [X]}",
		"  - name: afternoon",
		"    changes:",
		`      - set_hours: {ids: [p1], opening_hours: "Mo-Sa 13:00-17:00"}`,
		"  - name: replaced",
		"    changes:",
		"      - close_services: {ids: [p1]}",
		`      - add_services: [{id: p2, category: pharmacy, country: BE, lon: 2.94, lat: 50.9, opening_hours: "Mo-Sa 13:00-17:00"}]`,
	}, "\n")+"\n")
	out := filepath.Join(dir, "out")
	if code, _, stderr := runCLI(t, "scenario", "-q", sc, "--out", out, "--variant-outputs", variantReports); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for variant, want := range map[string][3]string{
		"base":      {"yes", "no", "yes"},
		"no-change": {"yes", "no", "yes"},
		"no-bus":    {"no", "no", "no"},
		"no-x":      {"yes", "no", "yes"},
		"afternoon": {"no", "no", "no"},
		"replaced":  {"no", "no", "no"},
	} {
		path := filepath.Join(out, variant, "villages.csv")
		for k, slot := range []string{"weekday_morning", "weekday_evening", "saturday_morning"} {
			if got := col(t, path, "v1", "pharmacy_transit_roundtrip_"+slot); got != want[k] {
				t.Errorf("%s: v1 pharmacy_transit_roundtrip_%s = %q, want %q", variant, slot, got, want[k])
			}
		}
	}
	if a, b := readFile(t, filepath.Join(out, "base", "villages.csv")), readFile(t, filepath.Join(out, "no-change", "villages.csv")); a != b {
		t.Error("no-change/villages.csv differs from base/villages.csv")
	}
}
