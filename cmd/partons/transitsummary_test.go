package main

import (
	"encoding/csv"
	"path/filepath"
	"strings"
	"testing"
)

// TestTransitThresholds: --transit-thresholds-min sets the share columns,
// the areas.csv shares and the summary's columns, and a replayed manifest
// keeps them. From Esen every time from 20 to 49 minutes occurs 4 times
// in the 120 departure minutes (TestRunTransit): within 20 minutes 4 of
// 120 (0.0333), within 45 minutes 104 of 120 (0.8667).
func TestTransitThresholds(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "a")
	code, stdout, stderr := runCLI(t, "run", "-q", "--transit", "testdata/gtfs/westhoek", "--transit-thresholds-min", "20,45",
		"--outputs", "villages.csv,areas.csv", "--out", out)
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
	if _, ok := col["post_transit_share_60min"]; ok {
		t.Error("the default threshold 60 is still a column")
	}
	for _, r := range rows[1:] {
		if r[col["name"]] == "Esen" && (r[col["post_transit_share_20min"]] != "0.0333" || r[col["post_transit_share_45min"]] != "0.8667") {
			t.Errorf("Esen shares %q %q, want 0.0333 0.8667", r[col["post_transit_share_20min"]], r[col["post_transit_share_45min"]])
		}
	}
	areas := readFile(t, filepath.Join(out, "areas.csv"))
	head := strings.SplitN(areas, "\n", 2)[0]
	for _, c := range []string{"share_within_20min", "share_within_45min", "villages_no_service", "population_unsnapped"} {
		if !strings.Contains(head+",", ","+c+",") {
			t.Errorf("areas.csv lacks %s: %s", c, head)
		}
	}
	if !strings.Contains(areas, ",post,transit_min,") {
		t.Error("areas.csv has no transit_min rows")
	}
	for _, want := range []string{"≤20min", "≤45min", "median_min", "no service", "transit_min"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("summary lacks %q:\n%s", want, stdout)
		}
	}
	replay := filepath.Join(dir, "b")
	if code, _, stderr := runCLI(t, "run", "-q", "--manifest", filepath.Join(out, "manifest.json"), "--out", replay); code != 0 {
		t.Fatalf("replay exit %d: %s", code, stderr)
	}
	if readFile(t, filepath.Join(replay, "areas.csv")) != areas {
		t.Error("the replayed run's areas.csv differs")
	}
	if code, _, _ := runCLI(t, "run", "--transit-thresholds-min", "30", "--out", filepath.Join(dir, "c")); code != 2 {
		t.Errorf("thresholds without a feed: exit %d, want 2", code)
	}
	if code, _, _ := runCLI(t, "run", "--transit", "testdata/gtfs/westhoek", "--transit-thresholds-min", "60,30", "--out", filepath.Join(dir, "c")); code != 2 {
		t.Errorf("descending thresholds: exit %d, want 2", code)
	}
	// Without public transport the summary has no transit table.
	if code, stdout, _ := runCLI(t, "run", "-q", "--outputs", "villages.csv", "--out", filepath.Join(dir, "d")); code != 0 || strings.Contains(stdout, "transit") {
		t.Errorf("summary without transit: exit %d\n%s", code, stdout)
	}
}
