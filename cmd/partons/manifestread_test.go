package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/partons/partons/datasets/reportdir"
)

// TestManifestReplayAfterMove: a manifest records its inputs relative to
// its own folder, so a project folder moved elsewhere (inputs and report
// together) still replays, from any working directory.
func TestManifestReplayAfterMove(t *testing.T) {
	root := t.TempDir()
	proj := filepath.Join(root, "project")
	if err := os.MkdirAll(filepath.Join(proj, "data"), 0o755); err != nil {
		t.Fatal(err)
	}
	villages := writeFile(t, filepath.Join(proj, "data"), "v.csv", "id,name,country,population,lon,lat\na,Alpha,BE,100,2.90,50.85\nb,Beta,FR,,2.60,50.80\n")
	services := writeFile(t, filepath.Join(proj, "data"), "s.csv", "id,name,category,country,lon,lat\np1,P1,amenity=pharmacy,BE,2.91,50.86\n")
	first := filepath.Join(proj, "reports", "first")
	if code, _, e := runCLI(t, "run", "-q", "--villages", villages, "--services", services, "--out", first); code != 0 {
		t.Fatal(e)
	}
	var m struct {
		ManifestVersion int `json:"manifest_version"`
		Inputs          []struct {
			Name string `json:"name"`
		} `json:"inputs"`
		Run struct {
			Villages []string `json:"villages"`
			Services []string `json:"services"`
		} `json:"run"`
	}
	if err := json.Unmarshal([]byte(readFile(t, filepath.Join(first, "manifest.json"))), &m); err != nil {
		t.Fatal(err)
	}
	if m.ManifestVersion != reportdir.Version || len(m.Inputs) != 2 || m.Inputs[0].Name != "../../data/v.csv" ||
		m.Inputs[1].Name != "../../data/s.csv" || strings.Join(m.Run.Villages, ",") != "../../data/v.csv" ||
		strings.Join(m.Run.Services, ",") != "../../data/s.csv" {
		t.Fatalf("manifest paths are not relative to its folder: %+v", m)
	}
	moved := filepath.Join(root, "elsewhere", "project")
	if err := os.MkdirAll(filepath.Dir(moved), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(proj, moved); err != nil {
		t.Fatal(err)
	}
	again := filepath.Join(root, "again")
	if code, _, e := runCLI(t, "run", "-q", "--manifest", filepath.Join(moved, "reports", "first", "manifest.json"), "--out", again); code != 0 {
		t.Fatalf("replay after moving the project: exit %d: %s", code, e)
	}
	for _, f := range []string{"villages.csv", "areas.csv", "services.csv"} {
		if a, b := readFile(t, filepath.Join(moved, "reports", "first", f)), readFile(t, filepath.Join(again, f)); a != b {
			t.Errorf("%s differs after replaying the moved manifest", f)
		}
	}
	// The new report's manifest points at the same inputs from its own folder.
	if got := readFile(t, filepath.Join(again, "manifest.json")); !strings.Contains(got, `"../elsewhere/project/data/v.csv"`) {
		t.Errorf("replayed manifest does not record the inputs relative to %s", again)
	}
}

// TestManifestV1Replays: a manifest written before manifest_version
// existed (schemas with Go field names such as "AreaCode") still replays
// to the same report.
func TestManifestV1Replays(t *testing.T) {
	out := filepath.Join(t.TempDir(), "r")
	code, _, stderr := runCLI(t, "run", "-q", "--manifest", "../../testdata/manifests/v1-westhoek.json", "--out", out)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, f := range []string{"villages.csv", "areas.csv", "services.csv"} {
		if readFile(t, filepath.Join(out, f)) != readFile(t, filepath.Join(goldenDir, f)) {
			t.Errorf("%s of the version 1 manifest's replay differs from the golden report", f)
		}
	}
	if !strings.Contains(readFile(t, filepath.Join(out, "manifest.json")), `"area_code": "area_code"`) {
		t.Error("the replay's manifest does not use snake_case schema keys")
	}
}

func TestReadManifestRefuses(t *testing.T) {
	dir := t.TempDir()
	cases := []struct{ name, body, want string }{
		{"newer", `{"generator": "partons", "manifest_version": 99, "command": "run", "run": {}}`, "newer partons"},
		{"zero", `{"generator": "partons", "manifest_version": 0, "command": "run", "run": {}}`, "does not exist"},
		{"other tool", `{"generator": "other", "command": "run", "run": {}}`, "not a partons manifest"},
		{"nan", `{"generator": "partons", "manifest_version": 2, "counts": {"villages": NaN}}`, "not a partons manifest"},
		{"not json", `villages,services`, "not a partons manifest"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := writeFile(t, dir, "manifest.json", tc.body)
			code, _, stderr := runCLI(t, "run", "-q", "--manifest", p, "--out", filepath.Join(dir, "out"))
			if code != exitInvalid || !strings.Contains(stderr, tc.want) || !strings.Contains(stderr, p) {
				t.Errorf("exit %d %q, want exit 3 naming %s and saying %q", code, stderr, p, tc.want)
			}
		})
	}
}
