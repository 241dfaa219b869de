package main

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// byName reads a report CSV into rows keyed by "name" (and "category",
// when the file has one): column → value.
func byName(t *testing.T, path string) map[string]map[string]string {
	t.Helper()
	rows, err := csv.NewReader(strings.NewReader(readFile(t, path))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]map[string]string{}
	for _, r := range rows[1:] {
		m := map[string]string{}
		for i, h := range rows[0] {
			m[h] = r[i]
		}
		key := m["name"]
		if c, ok := m["category"]; ok {
			key += "/" + c
		}
		out[key] = m
	}
	return out
}

// TestScenarioTransit runs scenarios on the embedded sample with the
// hand-built feed of TestRunTransit: route R1 from Esen to the post office
// every 30 minutes (07:10 … 09:10, 20 minutes' ride), window 07:00–09:00.
//
//   - remove_routes R1: Esen has no bus left and the post office is far
//     beyond walking: no_service, figures empty;
//   - scale_frequency R1 ×2: a bus every 15 minutes (07:10, 07:25, …,
//     09:10). Leaving at 07:00 … 08:59 the door-to-door time is the wait
//     plus 20: 30 … 20 from 07:00 to 07:10, then 34 … 20 seven times over,
//     then 34 … 31: the 60th of the 120 sorted times (nearest rank) is 27
//     minutes against 34 in the base (-7), and 88 of 120 minutes reach it
//     within 30 minutes (0.7333, against 44 of 120);
//   - a variant without changes equals the base byte for byte.
func TestScenarioTransit(t *testing.T) {
	dir := t.TempDir()
	feed, err := filepath.Abs("testdata/gtfs/westhoek")
	if err != nil {
		t.Fatal(err)
	}
	sc := writeFile(t, dir, "s.yaml", strings.Join([]string{
		"base:",
		"  transit: [" + feed + "]",
		"  outputs: [villages.csv, areas.csv]",
		"variants:",
		"  - name: no-change",
		"  - name: no-bus",
		"    changes:",
		"      - remove_routes: {routes: [R1]}",
		"  - name: twice-as-often",
		"    changes:",
		"      - scale_frequency: {routes: [westhoek:R1], factor: 2}",
		"  - name: closed-and-twice",
		"    changes:",
		"      - close_services: {ids: [laposte-10833A]}",
		"      - scale_frequency: {routes: [R1], factor: 2}",
	}, "\n")+"\n")
	out := filepath.Join(dir, "out")
	if code, _, stderr := runCLI(t, "scenario", "-q", sc, "--out", out, "--variant-outputs", variantReports); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	base := byName(t, filepath.Join(out, "base", "villages.csv"))
	if got := base["Esen"]["post_transit_min"]; got != "34.00" {
		t.Fatalf("base Esen post_transit_min %q, want 34.00", got)
	}
	for variant, want := range map[string]map[string]string{
		"no-bus": {"post_transit_status": "no_service", "post_transit_min": "", "post_transit_share_30min": "", "post_transit_id": ""},
		"twice-as-often": {"post_transit_status": "ok", "post_transit_min": "27.00", "post_transit_best_min": "20.00",
			"post_transit_share_30min": "0.7333", "stop_departures": "8"},
		"closed-and-twice": {"post_transit_min": "27.00"},
	} {
		got := byName(t, filepath.Join(out, variant, "villages.csv"))["Esen"]
		for k, w := range want {
			if got[k] != w {
				t.Errorf("%s: Esen %s = %q, want %q", variant, k, got[k], w)
			}
		}
	}
	// The deltas say who gains and who loses.
	for variant, want := range map[string]map[string]string{
		"no-bus": {"base_transit_status": "ok", "variant_transit_status": "no_service", "base_transit_min": "34.00",
			"variant_transit_min": "", "delta_transit_min": "", "transit_coverage_30min": ""}, // 34 minutes was already beyond 30
		"twice-as-often": {"base_transit_min": "34.00", "variant_transit_min": "27.00", "delta_transit_min": "-7.00",
			"transit_coverage_30min": "gained", "delta_nearest_m": "0.0"},
	} {
		got := byName(t, filepath.Join(out, variant, "delta_villages.csv"))["Esen/post"]
		for k, w := range want {
			if got[k] != w {
				t.Errorf("%s delta: Esen post %s = %q, want %q", variant, k, got[k], w)
			}
		}
	}
	// comparison.csv: public-transport headline figures per variant.
	cmp := readFile(t, filepath.Join(out, "comparison.csv"))
	header := strings.Split(strings.SplitN(cmp, "\n", 2)[0], ",")
	for _, c := range []string{"transit_share_within_30min", "transit_median_min", "transit_people_losing_30min", "transit_people_gaining_30min"} {
		if !strings.Contains(","+strings.Join(header, ",")+",", ","+c+",") {
			t.Errorf("comparison.csv lacks %s: %v", c, header)
		}
	}
	// A variant without changes reproduces the base byte for byte.
	ents, err := os.ReadDir(filepath.Join(out, "base"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		if e.Name() == "manifest.json" {
			continue
		}
		if readFile(t, filepath.Join(out, "base", e.Name())) != readFile(t, filepath.Join(out, "no-change", e.Name())) {
			t.Errorf("no-change/%s differs from base/%s", e.Name(), e.Name())
		}
	}
	// The manifest says which variants edited the timetable, and each
	// variant's manifest records its public transport.
	var m struct {
		Variants []struct {
			Name      string `json:"name"`
			Timetable bool   `json:"timetable_edited"`
		} `json:"variants"`
	}
	if err := json.Unmarshal([]byte(readFile(t, filepath.Join(out, "manifest.json"))), &m); err != nil {
		t.Fatal(err)
	}
	for _, v := range m.Variants {
		if want := v.Name != "no-change"; v.Timetable != want {
			t.Errorf("%s: timetable_edited %v", v.Name, v.Timetable)
		}
	}
	if !strings.Contains(readFile(t, filepath.Join(out, "twice-as-often", "manifest.json")), `"window": "07:00-09:00"`) {
		t.Error("the variant's manifest has no public-transport record")
	}
}

// TestScenarioTransitErrors: an unknown route or stop is invalid data
// naming the file, line, variant, change and the id.
func TestScenarioTransitErrors(t *testing.T) {
	dir := t.TempDir()
	feed, err := filepath.Abs("testdata/gtfs/westhoek")
	if err != nil {
		t.Fatal(err)
	}
	for change, want := range map[string]string{
		"remove_routes: {routes: [R9]}": `s.yaml:7: variant "v": change 2: remove_routes: route "westhoek:R9" has no trip on 2026-01-05`,
		"add_route: {id: x, stops: [{stop: ESEN}, {stop: NOPE}], run_min: [5], headway_min: 30, first: '07:00', last: '08:00'}": `s.yaml:7: variant "v": change 2: add_route "x": stop 2: unknown stop "westhoek:NOPE"`,
	} {
		sc := writeFile(t, dir, "s.yaml", "base:\n  transit: ["+feed+"]\nvariants:\n  - name: v\n    changes:\n      - {close_services: {ids: [laposte-10833A]}}\n      - "+change+"\n")
		code, _, stderr := runCLI(t, "scenario", "-q", sc, "--out", filepath.Join(dir, "out"))
		if code != exitInvalid || !strings.Contains(stderr, want) {
			t.Errorf("exit %d, %s\nwant %s", code, stderr, want)
		}
	}
}
