package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"github.com/partons/partons/geo/geodesic"
	"github.com/partons/partons/study"
)

// TestRunTransit runs the embedded sample with a hand-built feed
// (testdata/gtfs/westhoek): a bus from a stop at Esen to a stop at the
// post office of osm-node-3464869410 every 30 minutes (07:10 … 09:10, 20
// minutes), and a bus from Woumen to a field where there is nothing.
//
// From Esen, leaving at 07:00 … 08:59 (120 minutes), the door-to-door
// time is the wait for the next bus plus 20 minutes: every value from 20
// to 49 four times. Nearest rank: median the 60th (34), p5 the 6th (21),
// p95 the 114th (48); within 30 minutes 44 of 120 minutes.
func TestRunTransit(t *testing.T) {
	out := filepath.Join(t.TempDir(), "report")
	code, _, stderr := runCLI(t, "run", "--transit", "testdata/gtfs/westhoek", "--outputs", "villages.csv", "--out", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"public transport on 2026-01-05, 07:00-09:00", "service day 2026-01-05 (Monday)"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	rows, err := csv.NewReader(strings.NewReader(readFile(t, filepath.Join(out, "villages.csv")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	byName := map[string][]string{}
	for _, r := range rows[1:] {
		byName[r[col["name"]]] = r
	}
	tests := []struct {
		village string
		want    map[string]string
	}{
		{"Esen", map[string]string{
			"post_transit_status": "ok", "post_transit_min": "34.00", "post_transit_best_min": "20.00",
			"post_transit_p5_min": "21.00", "post_transit_p95_min": "48.00", "post_transit_share_30min": "0.3667",
			"post_transit_share_60min": "1.0000", "post_transit_transfers": "0", "post_transit_id": "osm-node-3464869410",
			"stop_departures": "4",
		}},
		// A bus, but to nowhere: no service, and empty figures, never 0.
		{"Woumen", map[string]string{
			"post_transit_status": "no_service", "post_transit_min": "", "post_transit_best_min": "",
			"post_transit_share_30min": "", "post_transit_id": "", "stop_departures": "1",
		}},
		// No stop within walking distance.
		{"Diksmuide", map[string]string{"post_transit_status": "no_service", "post_transit_min": "", "stop_departures": "0"}},
	}
	for _, tc := range tests {
		r, ok := byName[tc.village]
		if !ok {
			t.Fatalf("no village %s", tc.village)
		}
		for name, want := range tc.want {
			c, ok := col[name]
			if !ok {
				t.Fatalf("no column %s", name)
			}
			if r[c] != want {
				t.Errorf("%s %s = %q, want %q", tc.village, name, r[c], want)
			}
		}
	}
	var m study.Manifest
	if err := json.Unmarshal([]byte(readFile(t, filepath.Join(out, "manifest.json"))), &m); err != nil {
		t.Fatal(err)
	}
	ti := m.Transit
	if ti == nil {
		t.Fatal("manifest without transit")
	}
	if ti.Date != "2026-01-05" || ti.Window != "07:00-09:00" || !strings.Contains(ti.Walking, "straight line") ||
		len(ti.Feeds) != 1 || ti.Feeds[0].Name != "westhoek" || len(ti.Feeds[0].SHA256) != 64 || !ti.Feeds[0].Running {
		t.Errorf("manifest transit %+v", ti)
	}
	rowsRead := 0
	for _, f := range ti.Files {
		if f.File == "stop_times.txt" {
			rowsRead = f.Read
			if f.Used != 12 {
				t.Errorf("stop_times used %d of %d", f.Used, f.Read)
			}
		}
	}
	if rowsRead != 12 {
		t.Errorf("stop_times.txt read %d rows, want 12 (files %+v)", rowsRead, ti.Files)
	}
}

// TestRunTransitDepartAndQuiet: a given date and window are used as they
// are, and -q keeps stderr quiet.
func TestRunTransitDepartAndQuiet(t *testing.T) {
	out := filepath.Join(t.TempDir(), "report")
	code, _, stderr := runCLI(t, "run", "-q", "--transit", "testdata/gtfs/westhoek", "--depart", "2026-01-07 08:41-08:51",
		"--outputs", "villages.csv", "--out", out)
	if code != 0 || strings.Contains(stderr, "public transport") || strings.Contains(stderr, "service day") {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	// From Esen at 08:41 … 08:50 the next bus is the 09:10: 49 … 40
	// minutes; the median is the 5th of 10 (44).
	text := readFile(t, filepath.Join(out, "villages.csv"))
	rows, err := csv.NewReader(strings.NewReader(text)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	for _, r := range rows[1:] {
		if r[col["name"]] == "Esen" {
			if got := r[col["post_transit_best_min"]] + " " + r[col["post_transit_min"]]; got != "40.00 44.00" {
				t.Errorf("Esen best, median = %s, want 40.00 44.00", got)
			}
		}
	}
	if !strings.Contains(readFile(t, filepath.Join(out, "manifest.json")), `"date": "2026-01-07"`) {
		t.Error("manifest does not record the given date")
	}
}

// TestRunTransitOnDemand adds an on-demand zone (testdata/flex) around
// Woumen and the post office: Mo-Fr 07:00-19:00, 60 minutes' booking
// lead, rides up to twice the car time. Woumen, with no bus to the post,
// books at the departure minute, waits an hour at home and rides twice
// the car estimate (straight line × 1.3 at 45 km/h); Esen keeps its bus
// figure; Diksmuide, outside the zone, has none. The feed has no bus
// back from the post office: no round trip fits. Walking on the
// straight-line estimate, the manifest says so and counts the zone.
func TestRunTransitOnDemand(t *testing.T) {
	out := filepath.Join(t.TempDir(), "report")
	code, _, stderr := runCLI(t, "run", "--transit", "testdata/gtfs/westhoek", "--flex-zones", "testdata/flex/westhoek-zones.geojson",
		"--when", "2026-01-05", "--outputs", "villages.csv", "--out", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	rows, err := csv.NewReader(strings.NewReader(readFile(t, filepath.Join(out, "villages.csv")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	get := func(village, name string) string {
		t.Helper()
		c, ok := col[name]
		if !ok {
			t.Fatalf("no column %s", name)
		}
		for _, r := range rows[1:] {
			if r[col["name"]] == village {
				return r[c]
			}
		}
		t.Fatalf("no village %s", village)
		return ""
	}
	car := math.Ceil(geodesic.Distance(orb.Point{2.8702221, 51.0012605}, orb.Point{2.952017, 50.9764738}) * 1.3 * 3.6 / 45)
	woumen := fmt.Sprintf("%.2f", (3600+2*car)/60)
	for _, c := range []struct{ village, name, want string }{
		{"Woumen", "post_transit_status", "no_service"}, {"Woumen", "post_transit_min", ""}, {"Woumen", "post_transit_flex_min", woumen},
		{"Esen", "post_transit_min", "34.00"}, {"Esen", "post_transit_flex_min", "34.00"},
		{"Diksmuide", "post_transit_flex_min", ""},
		{"Esen", "post_transit_roundtrip_weekday_morning", "no"}, {"Esen", "post_transit_roundtrip_saturday_morning", "no"},
	} {
		if got := get(c.village, c.name); got != c.want {
			t.Errorf("%s %s = %q, want %q", c.village, c.name, got, c.want)
		}
	}
	// transit_vs_car: 34 minutes by bus against the car estimate.
	if v := get("Esen", "transit_vs_car"); v == "" || v == "0.000" {
		t.Errorf("Esen transit_vs_car %q", v)
	}
	var m study.Manifest
	if err := json.Unmarshal([]byte(readFile(t, filepath.Join(out, "manifest.json"))), &m); err != nil {
		t.Fatal(err)
	}
	ti := m.Transit
	if ti == nil || ti.Counts["ondemand_zone_intervals"] != 1 || ti.Counts["ondemand_offers"] != 1 || !strings.Contains(ti.Walking, "estimated") {
		t.Fatalf("manifest transit %+v", ti)
	}
	found := false
	for _, f := range ti.Files {
		found = found || (f.File == "flex:westhoek-zones.geojson" && f.Read == 1 && f.Used == 1)
	}
	if !found {
		t.Errorf("zone file not accounted for: %+v", ti.Files)
	}
}
