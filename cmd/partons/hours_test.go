package main

import (
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// col returns row id's value in the named column of a CSV report file.
func col(t *testing.T, path, id, name string) string {
	t.Helper()
	header, rows := readCSV(t, path)
	k := slices.Index(header, name)
	if k < 0 {
		t.Fatalf("%s has no column %q", path, name)
	}
	r, ok := rows[id]
	if !ok {
		t.Fatalf("%s has no row %q", path, id)
	}
	return r[k]
}

// A run with opening hours in the week of 14 July: the French pharmacy is
// closed on the holiday, the Belgian one open; the evening slot is met
// only in France; the manifest counts the services by status.
func TestRunOpeningHours(t *testing.T) {
	dir := filepath.Join("..", "..", "testdata", "hostile", "hours")
	out := filepath.Join(t.TempDir(), "out")
	code, _, stderr := runCLI(t, "run", "-q", "--when", "2026-07-14", "--villages", filepath.Join(dir, "villages.csv"),
		"--services", filepath.Join(dir, "services.csv"), "--out", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	svc := filepath.Join(out, "services.csv")
	for _, c := range [][3]string{
		{"p1", "open_hours_week", "40.50"}, {"p2", "open_hours_week", "52.50"},
		{"p1", "open_weekday_evening", "no"}, {"p2", "open_weekday_evening", "yes"}, {"p1", "hours_status", "ok"},
	} {
		if got := col(t, svc, c[0], c[1]); got != c[2] {
			t.Errorf("services.csv %s %s = %q, want %q", c[0], c[1], got, c[2])
		}
	}
	vil := filepath.Join(out, "villages.csv")
	for _, c := range [][3]string{
		{"v1", "pharmacy_open_weekday_evening_status", "ok"},
		{"v1", "pharmacy_open_hours_within_1200m", "40.50"},
		{"v1", "pharmacy_open_hours_within_1200m_status", "ok"},
		{"v1", "pharmacy_open_hours_gain_within_1200m", "0.00"},
		{"v2", "pharmacy_open_hours_within_1200m", "52.50"},
	} {
		if got := col(t, vil, c[0], c[1]); got != c[2] {
			t.Errorf("villages.csv %s %s = %q, want %q", c[0], c[1], got, c[2])
		}
	}
	// open_hours.csv: within 1200 m only the French village has a pharmacy
	// open after 18:00 (50 of 150 people)
	found := false
	for _, r := range csvRows(t, filepath.Join(out, "open_hours.csv"))[1:] {
		if strings.Join(r[:7], ",") == "straight,pharmacy,weekday_evening,1200,m,all," {
			found = true
			if r[8] != "50" || r[9] != "100" || r[11] != "0.3333" {
				t.Errorf("open_hours.csv evening share row %v", r)
			}
		}
	}
	if !found {
		t.Error("open_hours.csv has no overall evening share within 1200 m")
	}
	if !strings.Contains(readFile(t, filepath.Join(out, "manifest.json")), `"file": "open_hours.csv"`) {
		t.Error("the manifest does not list open_hours.csv")
	}
	var m struct {
		Hours struct {
			Week     string         `json:"week"`
			Reason   string         `json:"week_reason"`
			Services map[string]int `json:"services"`
		} `json:"opening_hours"`
	}
	if err := json.Unmarshal([]byte(readFile(t, filepath.Join(out, "manifest.json"))), &m); err != nil {
		t.Fatal(err)
	}
	if m.Hours.Week != "2026-W29" || m.Hours.Reason != "given (when)" || m.Hours.Services["ok"] != 2 {
		t.Errorf("manifest opening_hours %+v", m.Hours)
	}
}

// set_hours: the Belgian pharmacy opens in the evening instead.
func TestScenarioSetHours(t *testing.T) {
	dir := filepath.Join("..", "..", "testdata", "hostile", "hours")
	abs, _ := filepath.Abs(dir)
	tmp := t.TempDir()
	sc := writeFile(t, tmp, "sc.yaml", strings.Join([]string{
		"base:",
		"  villages: [" + filepath.Join(abs, "villages.csv") + "]",
		"  services: [" + filepath.Join(abs, "services.csv") + "]",
		"  when: 2026-W29",
		"variants:",
		"  - name: evening",
		"    changes:",
		`      - set_hours: {ids: [p1], opening_hours: "Mo-Fr 17:00-20:00"}`,
		"  - name: bad",
		"    changes:",
		`      - set_hours: {ids: [p1], opening_hours: "Mo 25:00-26:00"}`,
	}, "\n")+"\n")
	out := filepath.Join(tmp, "out")
	code, _, stderr := runCLI(t, "scenario", sc, "-q", "--out", out, "--variant-outputs", variantReports)
	if code != 3 || !strings.Contains(stderr, "set_hours") {
		t.Fatalf("a bad set_hours value: exit %d, %s", code, stderr)
	}
	sc = writeFile(t, tmp, "sc.yaml", strings.Join(strings.Split(readFile(t, sc), "\n")[:8], "\n")+"\n"+strings.Join([]string{
		"  - name: evening-counter",
		"    changes:",
		`      - add_services: [{id: p3, category: pharmacy, country: BE, lon: 2.7270, lat: 50.8550, opening_hours: "Mo-Fr 18:00-20:00"}]`,
	}, "\n")+"\n")
	if code, _, stderr = runCLI(t, "scenario", sc, "-q", "--out", out, "--variant-outputs", variantReports); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if got := col(t, filepath.Join(out, "base", "services.csv"), "p1", "open_weekday_evening"); got != "no" {
		t.Errorf("base p1 evening %q", got)
	}
	if got := col(t, filepath.Join(out, "evening", "services.csv"), "p1", "open_weekday_evening"); got != "yes" {
		t.Errorf("variant p1 evening %q", got)
	}
	if got := col(t, filepath.Join(out, "evening", "villages.csv"), "v1", "pharmacy_open_weekday_evening_m"); got == "" {
		t.Errorf("variant v1 evening distance empty")
	}
	// the deltas: v1's nearest pharmacy open in the evening was the French
	// one, about 11 km away; now it is its own, 243.5 m away
	found := false
	for _, r := range csvRows(t, filepath.Join(out, "evening", "delta_open_hours.csv"))[1:] {
		if r[0] == "v1" && r[1] == "straight" && r[3] == "open_weekday_evening_m" {
			found = true
			if !strings.HasPrefix(r[5], "112") || r[6] != "243.5" || r[8] != "ok" || r[9] != "ok" {
				t.Errorf("delta row %v", r)
			}
		}
	}
	if !found {
		t.Error("delta_open_hours.csv has no evening row for v1")
	}
	if got := col(t, filepath.Join(out, "evening-counter", "services.csv"), "p3", "open_hours_week"); got != "10.00" {
		t.Errorf("added service's hours a week %q, want 10.00", got)
	}
}

// TestDefaultHoursWeek: without --when the week is the data date's, moved
// past public holidays, and the manifest says so. The embedded sample's
// date is 1 January 2026, a Thursday and a holiday on both sides: the
// week taken is the next, 2026-W02 (5–11 January).
func TestDefaultHoursWeek(t *testing.T) {
	dir := t.TempDir()
	cfg := writeFile(t, dir, "c.yaml", "slots:\n  - name: evening\n    when: \"Mo-Fr 18:00-21:00\"\n")
	out := filepath.Join(dir, "out")
	if code, _, stderr := runCLI(t, "run", "-q", "--config", cfg, "--out", out); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var m struct {
		Hours struct {
			Week   string `json:"week"`
			Monday string `json:"monday"`
			Reason string `json:"week_reason"`
		} `json:"opening_hours"`
	}
	if err := json.Unmarshal([]byte(readFile(t, filepath.Join(out, "manifest.json"))), &m); err != nil {
		t.Fatal(err)
	}
	if m.Hours.Week != "2026-W02" || m.Hours.Monday != "2026-01-05" ||
		!strings.Contains(m.Hours.Reason, "the first week after the data date 2026-01-01 without public holidays: 2026-W01 (BE 2026-01-01") {
		t.Errorf("opening_hours %+v", m.Hours)
	}
}
