package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/partons/partons/datasets/reportdir"
	"github.com/partons/partons/study"
)

const westhoekReports = "../../datasets/westhoek/data/contributions.csv"

// setToday fixes the date reports are checked against for one test.
func setToday(t *testing.T, date string) {
	t.Helper()
	d, err := time.Parse("2006-01-02", date)
	if err != nil {
		t.Fatal(err)
	}
	old := study.Today
	study.Today = func() time.Time { return d }
	t.Cleanup(func() { study.Today = old })
}

// TestRunContributionsWesthoek merges the example reports into the
// embedded sample: the confirmed closure (2024) of an Ieper baker newer
// than the 2015 OpenStreetMap data applies, a confirmed 2019 closure of a
// post agency is superseded by La Poste's 2020 list, proposed and rejected
// reports change nothing, and every service says where it comes from.
func TestRunContributionsWesthoek(t *testing.T) {
	setToday(t, "2026-01-15")
	out := filepath.Join(t.TempDir(), "report")
	code, _, stderr := runCLI(t, "run", "-q", "--contributions", westhoekReports, "--out", out)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	header, reports := readCSV(t, filepath.Join(out, "contributions.csv"))
	for id, want := range map[string]string{"wh-001": "applied", "wh-002": "applied", "wh-003": "listed", "wh-004": "superseded",
		"wh-005": "listed", "wh-006": "rejected", "wh-007": "listed"} {
		if got := cell(t, header, reports[id], "outcome"); got != want {
			t.Errorf("%s: outcome %q, want %q", id, got, want)
		}
	}
	if got := cell(t, header, reports["wh-006"], "note"); got != "Reported closed, but the branch is still open (checked on site)." {
		t.Errorf("note %q", got)
	}
	// A closure is placed where the closed baker was; a move where the
	// report says.
	for id, want := range map[string][4]string{
		"wh-001": {"2.890616", "50.844907", "service", "Fijnbakker Bart"},
		"wh-005": {"2.884120", "50.849980", "report", "Slagerij Rudi en Sandra"},
	} {
		r := reports[id]
		if got := [4]string{cell(t, header, r, "lon"), cell(t, header, r, "lat"), cell(t, header, r, "located_by"), cell(t, header, r, "name")}; got != want {
			t.Errorf("%s: %q, want %q", id, got, want)
		}
	}
	sh, services := readCSV(t, filepath.Join(out, "services.csv"))
	if _, ok := services["osm-node-1325330182"]; ok {
		t.Error("the closed baker is still in services.csv")
	}
	for id, want := range map[string][3]string{
		"wh-002":              {"contributions.csv", "2025-06-01", "wh-002"},
		"laposte-10685A":      {"laposte-2020", "2020", ""},
		"osm-node-1827742124": {"osm-2015-pois", "2015-11", ""}, // a proposed move changes nothing
	} {
		row, ok := services[id]
		if !ok {
			t.Fatalf("no service %s", id)
		}
		got := [3]string{cell(t, sh, row, "source"), cell(t, sh, row, "source_date"), cell(t, sh, row, "reports")}
		if got != want {
			t.Errorf("%s: source, date, reports = %q, want %q", id, got, want)
		}
	}
	if got := cell(t, sh, services["wh-002"], "category"); got != "bakery" {
		t.Errorf("the new baker's category is %q", got)
	}
	if got := cell(t, sh, services["osm-node-1827742124"], "lon"); got != "2.8857075" {
		t.Errorf("the butcher moved on a proposed report: lon %s", got)
	}
	var m struct {
		Inputs []struct {
			Name, Kind, SHA256 string
			Records            int
		} `json:"inputs"`
		Contributions reportdir.Contributions `json:"contributions"`
		Outputs       []study.ManifestOutput  `json:"outputs"`
	}
	if err := json.Unmarshal([]byte(readFile(t, filepath.Join(out, "manifest.json"))), &m); err != nil {
		t.Fatal(err)
	}
	last := m.Inputs[len(m.Inputs)-1]
	if last.Kind != "contributions" || last.Records != 7 || len(last.SHA256) != 64 {
		t.Errorf("contributions input %+v", last)
	}
	counts := map[string]int{}
	for _, c := range m.Contributions.Counts {
		counts[c.Kind+"/"+c.Status] = c.Reports
	}
	if len(m.Contributions.Counts) != 18 || counts["closed/confirmed"] != 2 || counts["closed/rejected"] != 1 || counts["opened/confirmed"] != 1 ||
		counts["moved/proposed"] != 1 || counts["hours_changed/proposed"] != 1 || counts["wrong_category/proposed"] != 1 {
		t.Errorf("counts %v", counts)
	}
	if o := m.Contributions.Outcomes; o["applied"] != 2 || o["listed"] != 3 || o["superseded"] != 1 || o["rejected"] != 1 {
		t.Errorf("outcomes %v", o)
	}
	if strings.Join(m.Contributions.Closed, ",") != "osm-node-1325330182" || strings.Join(m.Contributions.Added, ",") != "wh-002" {
		t.Errorf("closed %v, added %v", m.Contributions.Closed, m.Contributions.Added)
	}
	listed := false
	for _, o := range m.Outputs {
		listed = listed || (o.File == "contributions.csv" && len(o.SHA256) == 64)
	}
	if !listed {
		t.Error("the manifest does not list contributions.csv with its checksum")
	}

	// The manifest replays the run byte for byte, from another folder.
	again := filepath.Join(t.TempDir(), "again")
	if code, _, stderr := runCLI(t, "run", "-q", "--manifest", filepath.Join(out, "manifest.json"), "--out", again); code != exitOK {
		t.Fatalf("replay: exit %d: %s", code, stderr)
	}
	for _, f := range []string{"contributions.csv", "services.csv", "villages.csv"} {
		if readFile(t, filepath.Join(out, f)) != readFile(t, filepath.Join(again, f)) {
			t.Errorf("replayed %s differs", f)
		}
	}
}

// A report observed after the date of the run is refused: the clock is
// the one the test sets.
func TestRunContributionsFutureDate(t *testing.T) {
	setToday(t, "2025-05-31")
	code, _, stderr := runCLI(t, "run", "-q", "--contributions", westhoekReports, "--out", filepath.Join(t.TempDir(), "r"))
	if code != exitInvalid || !strings.Contains(stderr, `contributions.csv:3: field "observed_on": report "wh-002": observed on 2025-06-01, after the date of the run (2025-05-31)`) {
		t.Errorf("exit %d: %s", code, stderr)
	}
}

// validate lists every problem of a contributions file, and checks the
// reports against the services given with them.
func TestValidateContributions(t *testing.T) {
	setToday(t, "2026-01-15")
	code, stdout, _ := runCLI(t, "validate", "--contributions", "../../datasets/contributions/testdata/bad.csv")
	if code != exitInvalid || !strings.Contains(stdout, "bad.csv: 16 problems (read as contributions)") {
		t.Errorf("exit %d:\n%s", code, stdout)
	}
	code, stdout, _ = runCLI(t, "validate", "--services", "../../datasets/westhoek/data/services.geojson",
		"--contributions", westhoekReports, "--contributions", "../../datasets/contributions/testdata/reports.csv")
	if code != exitInvalid || !strings.Contains(stdout, "contributions.csv: ok (7 contributions)") ||
		!strings.Contains(stdout, `reports.csv:2: field "service_id": report "r1": no service has id "osm-node-1"`) {
		t.Errorf("exit %d:\n%s", code, stdout)
	}
}

// A scenario variant "if residents are right" applies the proposed
// reports: the butcher moves, the Spar becomes a bakery; the base keeps
// them as they are.
func TestScenarioProposedReports(t *testing.T) {
	setToday(t, "2026-01-15")
	dir := t.TempDir()
	abs, err := filepath.Abs(westhoekReports)
	if err != nil {
		t.Fatal(err)
	}
	scn := writeFile(t, dir, "s.yaml", "base:\n  contributions: ["+abs+"]\nvariants:\n  - name: residents-right\n    changes:\n      - use_proposed_reports: true\n")
	out := filepath.Join(dir, "out")
	if code, _, stderr := runCLI(t, "scenario", "-q", scn, "--out", out, "--variant-outputs", variantReports); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	bh, base := readCSV(t, filepath.Join(out, "base", "services.csv"))
	vh, variant := readCSV(t, filepath.Join(out, "residents-right", "services.csv"))
	for _, c := range []struct{ id, col, base, variant string }{
		{"osm-node-1827742124", "lon", "2.8857075", "2.8841200"},
		{"osm-node-1037527004", "category", "grocery", "bakery"},
	} {
		if b, v := cell(t, bh, base[c.id], c.col), cell(t, vh, variant[c.id], c.col); b != c.base || v != c.variant {
			t.Errorf("%s %s: base %s, variant %s; want %s, %s", c.id, c.col, b, v, c.base, c.variant)
		}
	}
	// The variant's own files say which reports it applied.
	if got := cell(t, vh, variant["osm-node-1827742124"], "reports"); got != "wh-005" {
		t.Errorf("variant: the moved butcher's reports %q", got)
	}
	ch, vreports := readCSV(t, filepath.Join(out, "residents-right", "contributions.csv"))
	_, breports := readCSV(t, filepath.Join(out, "base", "contributions.csv"))
	if cell(t, ch, vreports["wh-005"], "outcome") != "applied" || cell(t, ch, breports["wh-005"], "outcome") != "listed" ||
		cell(t, ch, vreports["wh-006"], "outcome") != "rejected" {
		t.Errorf("outcomes: variant %v, base %v", vreports["wh-005"], breports["wh-005"])
	}
	// Without contributions in the base the change is an error naming it.
	scn = writeFile(t, dir, "bad.yaml", "variants:\n  - name: v\n    changes:\n      - use_proposed_reports: true\n")
	code, _, stderr := runCLI(t, "scenario", "-q", scn, "--out", filepath.Join(dir, "out2"))
	if code != exitInvalid || !strings.Contains(stderr, "bad.yaml:4: variant \"v\": change 1: use_proposed_reports needs contributions in the base") {
		t.Errorf("exit %d: %s", code, stderr)
	}
}

// TestContributionsExportNotes exports the example's confirmed report
// about an OpenStreetMap baker as a note, and checks the file against the
// notes API: the create call's parameters (lat, lon, text of at most 2000
// characters, the point of the geometry) and, member by member, the JSON
// types of a note as the API's GeoJSON gives it
// (testdata/osmnotes/api-notes.json, in the form GET /api/0.6/notes.json
// answers, from the API's documentation).
func TestContributionsExportNotes(t *testing.T) {
	setToday(t, "2026-01-15")
	dir := t.TempDir()
	out := filepath.Join(dir, "notes.geojson")
	code, stdout, stderr := runCLI(t, "contributions", "export", "--contributions", westhoekReports, "--out", out)
	if code != exitOK || !strings.Contains(stdout, "1 notes from 7 reports") {
		t.Fatalf("exit %d: %s%s", code, stdout, stderr)
	}
	var got, api struct {
		Type     string `json:"type"`
		Features []struct {
			Type     string `json:"type"`
			Geometry struct {
				Type        string    `json:"type"`
				Coordinates []float64 `json:"coordinates"`
			} `json:"geometry"`
			Properties map[string]json.RawMessage `json:"properties"`
		} `json:"features"`
	}
	for _, f := range []struct {
		path string
		v    any
	}{{out, &got}, {"testdata/osmnotes/api-notes.json", &api}} {
		if err := json.Unmarshal([]byte(readFile(t, f.path)), f.v); err != nil {
			t.Fatal(err)
		}
	}
	if got.Type != "FeatureCollection" || len(got.Features) != 1 {
		t.Fatalf("got %+v", got)
	}
	f := got.Features[0]
	var p struct {
		Lat, Lon  float64
		Text      string
		OSMObject string `json:"osm_object"`
		ReportID  string `json:"report_id"`
	}
	b, _ := json.Marshal(f.Properties)
	if err := json.Unmarshal(b, &p); err != nil {
		t.Fatal(err)
	}
	if f.Type != "Feature" || f.Geometry.Type != "Point" || len(f.Geometry.Coordinates) != 2 ||
		f.Geometry.Coordinates[0] != p.Lon || f.Geometry.Coordinates[1] != p.Lat || p.Lon != 2.8906163 || p.Lat != 50.8449071 {
		t.Errorf("feature %+v, properties %+v", f, p)
	}
	if n := len([]rune(p.Text)); n == 0 || n > 2000 || !strings.Contains(p.Text, "is gesloten") || p.OSMObject != "node/1325330182" || p.ReportID != "wh-001" {
		t.Errorf("properties %+v", p)
	}
	kind := func(raw json.RawMessage) byte { return strings.TrimSpace(string(raw))[0] }
	shared := 0
	for k, v := range api.Features[0].Properties {
		if mine, ok := f.Properties[k]; ok {
			shared++
			if kind(mine) != kind(v) {
				t.Errorf("property %q is %s here, %s in the API", k, mine, v)
			}
		}
	}
	if shared != 3 { // date_created, status, comments
		t.Errorf("%d members shared with the API's note, want 3", shared)
	}
	var comments []map[string]json.RawMessage
	if err := json.Unmarshal(f.Properties["comments"], &comments); err != nil || len(comments) != 1 {
		t.Fatalf("comments %s", f.Properties["comments"])
	}
	var apiComments []map[string]json.RawMessage
	_ = json.Unmarshal(api.Features[0].Properties["comments"], &apiComments)
	for k, v := range comments[0] {
		if a, ok := apiComments[0][k]; !ok || kind(a) != kind(v) {
			t.Errorf("comment member %q: %s, API %s", k, v, a)
		}
	}
	// The file is the command's own: a second export replaces it, while a
	// file it did not write is left alone.
	if code, _, stderr := runCLI(t, "contributions", "export", "--contributions", westhoekReports, "--out", out); code != exitOK {
		t.Errorf("second export: exit %d: %s", code, stderr)
	}
	other := writeFile(t, dir, "other.geojson", `{"type":"FeatureCollection","features":[]}`)
	if code, _, _ := runCLI(t, "contributions", "export", "--contributions", westhoekReports, "--out", other); code == exitOK {
		t.Error("export replaced a file it did not write")
	}
}

// The embedded sample's example reports are merged with
// --sample-contributions, from any folder, and replay from the manifest.
func TestRunSampleContributions(t *testing.T) {
	setToday(t, "2026-01-15")
	out := filepath.Join(t.TempDir(), "report")
	if code, _, stderr := runCLI(t, "run", "-q", "--sample-contributions", "--outputs", "services.csv", "--out", out); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	h, reports := readCSV(t, filepath.Join(out, "contributions.csv"))
	if len(reports) != 7 || cell(t, h, reports["wh-001"], "outcome") != "applied" || cell(t, h, reports["wh-001"], "file") != "contributions.csv" {
		t.Errorf("contributions.csv: %v", reports)
	}
	again := filepath.Join(t.TempDir(), "again")
	if code, _, stderr := runCLI(t, "run", "-q", "--manifest", filepath.Join(out, "manifest.json"), "--out", again); code != exitOK {
		t.Fatalf("replay: exit %d: %s", code, stderr)
	}
	if readFile(t, filepath.Join(out, "contributions.csv")) != readFile(t, filepath.Join(again, "contributions.csv")) {
		t.Error("replay differs")
	}
	code, _, stderr := runCLI(t, "contributions", "export", "--out", filepath.Join(t.TempDir(), "n.geojson"))
	if code != exitUsage || !strings.Contains(stderr, "give --contributions FILE") {
		t.Errorf("export without reports: exit %d: %s", code, stderr)
	}
}
