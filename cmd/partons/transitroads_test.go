package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/partons/partons/study"
)

// loopOSM is a network on the equator (0.001° of longitude is 111.32 m):
// a footway from node 1 (0, 0) north to node 2 (0, 0.002), east to node 3
// (0.004, 0.002) and south to node 4 (0.004, 0), where bus stop S1 is:
// 890.5 m on foot for 445.3 m as the crow flies. A residential road far to
// the east (nodes 5 and 6) carries the stop S2 and the post office, so that
// the run's car graph is not empty.
const loopOSM = `<?xml version="1.0" encoding="UTF-8"?>
<osm version="0.6">
  <node id="1" version="1" lat="0" lon="0"/>
  <node id="2" version="1" lat="0.002" lon="0"/>
  <node id="3" version="1" lat="0.002" lon="0.004"/>
  <node id="4" version="1" lat="0" lon="0.004"/>
  <node id="5" version="1" lat="0" lon="0.1"/>
  <node id="6" version="1" lat="0" lon="0.102"/>
  <way id="10" version="1"><nd ref="1"/><nd ref="2"/><nd ref="3"/><nd ref="4"/><tag k="highway" v="footway"/></way>
  <way id="11" version="1"><nd ref="5"/><nd ref="6"/><tag k="highway" v="residential"/></way>
</osm>
`

// TestRunTransitWalksOnRoads runs --transit with a real --roads network:
// the walks to the stops follow the foot network, the car times the car
// network, and the manifest says so. The village is 11.1 m west of node 1; one bus leaves S1 at 08:10 and
// reaches S2, where the post office is, at 08:30; departures 07:30-08:10
// (40 minutes).
//
//   - on the foot network the walk to S1 is 11.1 m to node 1 and 890.5 m
//     on the footway, about 900 m at 4.8 km/h: 11¼ minutes. The last
//     departure minute that catches the bus is 07:58: best 32 minutes;
//     the 29 minutes from 07:30 take 60 … 32 minutes, the median (20th of
//     40) is 51;
//   - without roads it is the straight line, 456.4 m × 1.3 at 4.8 km/h:
//     445 s. The last minute is 08:02: best 28, median 47.
func TestRunTransitWalksOnRoads(t *testing.T) {
	dir := t.TempDir()
	roads := writeFile(t, dir, "loop.osm", loopOSM)
	feed := filepath.Join(dir, "feed")
	if err := os.Mkdir(feed, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, text := range map[string]string{
		"agency.txt":   "agency_id,agency_name,agency_url,agency_timezone\nL,Loop,https://example.org,Europe/Brussels\n",
		"calendar.txt": "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\nWK,1,1,1,1,1,0,0,20260105,20260109\n",
		"routes.txt":   "route_id,agency_id,route_short_name,route_type\nR,L,1,3\n",
		"stops.txt":    "stop_id,stop_name,stop_lat,stop_lon\nS1,S1,0,0.004\nS2,S2,0,0.1\n",
		"trips.txt":    "route_id,service_id,trip_id\nR,WK,t1\n",
		"stop_times.txt": "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n" +
			"t1,08:10:00,08:10:00,S1,1\nt1,08:30:00,08:30:00,S2,2\n",
	} {
		writeFile(t, feed, name, text)
	}
	villages := writeFile(t, dir, "v.csv", "id,name,country,population,lon,lat\nv,West,AA,100,-0.0001,0\n")
	services := writeFile(t, dir, "s.csv", "id,name,category,country,lon,lat\np,Post,amenity=post_office,AA,0.1,0\n")
	for _, tc := range []struct {
		name    string
		roads   bool
		best    string
		median  string
		walking string
		car     string
		profile string
	}{
		{"foot network", true, "32.00", "51.00", "walking on the foot network", "car times on the car network", ""},
		// A bicycle run walks on the foot network and drives its
		// on-demand buses on the car network of the same files.
		{"bicycle run", true, "32.00", "51.00", "walking on the foot network", "car times on the car network", "bicycle"},
		{"straight line", false, "28.00", "47.00", "walking estimated", "car times estimated", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			args := []string{"run", "-q", "--villages", villages, "--services", services, "--transit", feed,
				"--depart", "2026-01-05 07:30-08:10", "--outputs", "villages.csv", "--out", out}
			if tc.roads {
				args = append(args, "--roads", roads)
			}
			if tc.profile != "" {
				args = append(args, "--profile", tc.profile)
			}
			if code, _, stderr := runCLI(t, args...); code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			vil := filepath.Join(out, "villages.csv")
			if got := col(t, vil, "v", "post_transit_status"); got != "ok" {
				t.Errorf("post_transit_status %q", got)
			}
			if got := col(t, vil, "v", "post_transit_best_min"); got != tc.best {
				t.Errorf("post_transit_best_min %q, want %q", got, tc.best)
			}
			if got := col(t, vil, "v", "post_transit_min"); got != tc.median {
				t.Errorf("post_transit_min %q, want %q", got, tc.median)
			}
			var m study.Manifest
			if err := json.Unmarshal([]byte(readFile(t, filepath.Join(out, "manifest.json"))), &m); err != nil {
				t.Fatal(err)
			}
			if m.Transit == nil || !strings.HasPrefix(m.Transit.Walking, tc.walking) || !strings.HasPrefix(m.Transit.Car, tc.car) {
				t.Fatalf("manifest transit %+v, want walking %q…, car %q…", m.Transit, tc.walking, tc.car)
			}
		})
	}
}
