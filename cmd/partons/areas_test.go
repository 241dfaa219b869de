package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRunWritesAreaOutlines: boundaries that name areas give the run an
// areas.geojson, listed in the manifest; a run without boundaries (the
// embedded sample) writes none.
func TestRunWritesAreaOutlines(t *testing.T) {
	dir := t.TempDir()
	in := "../../render/site/testdata/inputs/"
	out := filepath.Join(dir, "r")
	if code, _, stderr := runCLI(t, "run", "-q", "--villages", in+"villages.csv", "--services", in+"services-2026.csv",
		"--boundaries", in+"boundaries.geojson", "--outputs", "villages.csv", "--out", out); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	got := readFile(t, filepath.Join(out, "areas.geojson"))
	if n := strings.Count(got, `"type":"Feature"`); n != 3 || !strings.Contains(got, `"area_code":"245900428","area_name":"CU de Dunkerque","country":"FR"`) {
		t.Errorf("areas.geojson has %d features, want 3 (two boundaries share an area):\n%s", n, got)
	}
	if !strings.Contains(readFile(t, filepath.Join(out, "manifest.json")), `"file": "areas.geojson"`) {
		t.Error("the manifest does not list areas.geojson")
	}
	out2 := filepath.Join(dir, "s")
	if code, _, stderr := runCLI(t, "run", "-q", "--outputs", "villages.csv", "--out", out2); code != exitOK {
		t.Fatalf("sample: exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(out2, "areas.geojson")); !os.IsNotExist(err) {
		t.Errorf("the sample (no boundaries) wrote areas.geojson: %v", err)
	}
}
