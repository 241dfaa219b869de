package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestRunIndicators writes both official indicator sets for the embedded
// sample, side by side for villages of both countries: Ieper (BE) at
// home has a food shop, a pharmacy and a school within 1.2 km but its
// nearest GP in the 2015 OpenStreetMap data is 13.2 km away, so it is not
// served by the Flemish yardstick. The sets come from the config file
// too, and an unknown set is a usage error.
func TestRunIndicators(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "r")
	if code, _, stderr := runCLI(t, "run", "-q", "--indicators", "flemish_basic_services,insee_gamme_proximite", "--outputs", "villages.csv", "--out", out); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	got := readFile(t, filepath.Join(out, "indicators.csv"))
	for _, want := range []string{
		"village_id,name,country,indicator,basis,member,status,nearest_m,nearest_id,nearest_country,road_min,within_1200m,within_3750m\n",
		"osm-node-1637737203,Ieper,BE,flemish_basic_services,domestic,gp,ok,13225.4,osm-node-3164477024,BE,,false,false\n",
		"osm-node-1637737203,Ieper,BE,flemish_basic_services,domestic,all,ok,13225.4,,,,false,false\n",
		// Across the border the data does not cover everything: not guessed.
		"osm-node-1637737203,Ieper,BE,flemish_basic_services,nearest,all,incomplete,,,,,,\n",
		",FR,insee_gamme_proximite,domestic,",
		// A type of the gamme partons has no category for is written, not dropped.
		"osm-node-1637737203,Ieper,BE,insee_gamme_proximite,nearest,coiffure,not_measured,,,,,,\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("indicators.csv lacks %q", want)
		}
	}
	if m := readFile(t, filepath.Join(out, "manifest.json")); !strings.Contains(m, `"indicator_sets"`) || !strings.Contains(m, `"file": "indicators.csv"`) {
		t.Error("the manifest does not describe the sets or list indicators.csv")
	}
	cfg := writeFile(t, dir, "c.yaml", "indicators: [insee_gamme_proximite]\n")
	out2 := filepath.Join(dir, "r2")
	if code, _, stderr := runCLI(t, "run", "-q", "--config", cfg, "--outputs", "villages.csv", "--out", out2); code != exitOK {
		t.Fatalf("config: exit %d: %s", code, stderr)
	}
	if got := readFile(t, filepath.Join(out2, "indicators.csv")); strings.Contains(got, "flemish") || !strings.Contains(got, "insee_gamme_proximite") {
		t.Error("the config's set was not the one written")
	}
	code, _, stderr := runCLI(t, "run", "-q", "--indicators", "oecd", "--out", filepath.Join(dir, "r3"))
	if code != exitUsage || !strings.Contains(stderr, `indicator set "oecd": want one of flemish_basic_services, insee_gamme_proximite, insee_gamme_intermediaire, insee_gamme_superieure`) {
		t.Errorf("exit %d: %s", code, stderr)
	}
}
