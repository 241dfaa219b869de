package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestTransitConfig: the public-transport options set in the
// configuration file give the same report, byte for byte, as the same
// options given as flags; a flag given wins over the file.
func TestTransitConfig(t *testing.T) {
	dir := t.TempDir()
	feed, err := filepath.Abs("testdata/gtfs/westhoek")
	if err != nil {
		t.Fatal(err)
	}
	zones, err := filepath.Abs("testdata/flex/westhoek-zones.geojson")
	if err != nil {
		t.Fatal(err)
	}
	cfg := writeFile(t, dir, "transit.yaml", "transit: ["+feed+"]\ndepart: \"2026-01-05 07:00-08:30\"\nmax_walk_m: 900\n"+
		"max_transfers: 1\nmax_transit_min: 90\ntransit_thresholds_min: [20, 45]\nflex_zones: "+zones+"\n")
	outputs := []string{"--outputs", "villages.csv,areas.csv"}
	run := func(name string, args ...string) string {
		t.Helper()
		out := filepath.Join(dir, name)
		args = append(append([]string{"run", "-q"}, args...), append(outputs, "--out", out)...)
		if code, _, stderr := runCLI(t, args...); code != exitOK {
			t.Fatalf("%s: exit %d: %s", name, code, stderr)
		}
		return out
	}
	flags := run("flags", "--transit", feed, "--depart", "2026-01-05 07:00-08:30", "--max-walk-m", "900", "--max-transfers", "1",
		"--max-transit-min", "90", "--transit-thresholds-min", "20,45", "--flex-zones", zones)
	config := run("config", "--config", cfg)
	for _, f := range []string{"villages.csv", "areas.csv"} {
		if a, b := readFile(t, filepath.Join(flags, f)), readFile(t, filepath.Join(config, f)); a != b {
			t.Errorf("%s differs between the flags and the configuration file", f)
		}
	}
	if a, b := manifestRun(t, flags), manifestRun(t, config); a != b {
		t.Errorf("the manifests record different runs:\nflags  %s\nconfig %s", a, b)
	}
	if !strings.Contains(readFile(t, filepath.Join(config, "villages.csv")), "_transit_share_45min") {
		t.Error("villages.csv lacks the thresholds of the configuration file")
	}
	over := run("over", "--config", cfg, "--max-walk-m", "700")
	if m := manifestRun(t, over); !strings.Contains(m, `"max_walk_m":700`) || !strings.Contains(m, `"max_transfers":1`) {
		t.Errorf("a flag does not win over the file, or the file was dropped: %s", m)
	}
}

// manifestRun is the run section of a report's manifest.json.
func manifestRun(t testing.TB, dir string) string {
	t.Helper()
	var m struct{ Run json.RawMessage }
	if err := json.Unmarshal([]byte(readFile(t, filepath.Join(dir, "manifest.json"))), &m); err != nil {
		t.Fatal(err)
	}
	var v any
	if err := json.Unmarshal(m.Run, &v); err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// TestTransitConfigErrors: a bad public-transport value in the
// configuration file is invalid input naming the file, the line and the
// key; a setting with no feed anywhere too.
func TestTransitConfigErrors(t *testing.T) {
	dir := t.TempDir()
	tests := []struct{ name, yaml, want string }{
		{"depart", "transit: [feed]\ndepart: \"tomorrow 7\"\n", `bad.yaml:2: field "depart": `},
		{"max walk", "transit: [feed]\nmax_walk_m: -5\n", `bad.yaml:2: field "max_walk_m": -5: want a finite number greater than 0`},
		{"transfers", "max_transfers: -1\n", `bad.yaml:1: field "max_transfers": -1: want 0 to 20`},
		{"too many transfers", "transit: [feed]\nmax_transfers: 50\n", `bad.yaml:2: field "max_transfers": 50: want 0 to 20`},
		{"too long", "transit: [feed]\nmax_transit_min: 40000000\n", `bad.yaml:2: field "max_transit_min": 4e+07: at most 1440 minutes`},
		{"thresholds", "transit_thresholds_min: [60, 30]\n", `bad.yaml:1: field "transit_thresholds_min[1]": 30: minutes must be positive and strictly ascending`},
		{"no feed", "thresholds_m: [1200]\nmax_transit_min: 90\n", `bad.yaml:2: field "max_transit_min": needs at least one GTFS feed under transit`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg := writeFile(t, dir, "bad.yaml", tc.yaml)
			code, _, stderr := runCLI(t, "run", "-q", "--config", cfg, "--out", filepath.Join(dir, "out"))
			if code != exitInvalid || !strings.Contains(stderr, tc.want) {
				t.Errorf("exit %d, stderr %q; want exit %d and %q", code, stderr, exitInvalid, tc.want)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(dir, "out")); err == nil {
		t.Error("a report was written")
	}
}

// TestTransitLimitFlags: search limits beyond what the search takes are
// usage errors naming the flag, before any feed is read.
func TestTransitLimitFlags(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--max-transfers", "50"}, "--max-transfers 50: want 0 to 20"},
		{[]string{"--max-transit-min", "4e7"}, "--max-transit-min 4e+07: at most 1440 minutes"},
	} {
		args := append([]string{"run", "-q", "--transit", "nowhere", "--out", filepath.Join(dir, "out")}, tc.args...)
		code, _, stderr := runCLI(t, args...)
		if code != exitUsage || !strings.Contains(stderr, tc.want) {
			t.Errorf("%v: exit %d, stderr %q; want exit %d and %q", tc.args, code, stderr, exitUsage, tc.want)
		}
	}
}
