package main

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/partons/partons/study"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

const goldenDir = "../../testdata/golden/westhoek"

var goldenFiles = append(append([]string(nil), study.ReportFiles...), "manifest.json")

func runCLI(t testing.TB, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = execute(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

// TestRunEmbeddedGolden runs the demo on the embedded Westhoek sample and
// compares every report file with its golden copy (go test -update to
// accept a deliberate change).
func TestRunEmbeddedGolden(t *testing.T) {
	out := filepath.Join(t.TempDir(), "report")
	code, stdout, stderr := runCLI(t, "run", "--out", out, "--quiet")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stderr, "partons: coverage from the sample metadata: atm (BE), bakery (BE),") {
		t.Errorf("stderr does not give the coverage rules: %q", stderr)
	}
	if s := withoutCoverageNotes(stderr); s != "" {
		t.Errorf("stderr has more than the coverage notes with --quiet: %q", s)
	}
	if !strings.Contains(stdout, "villages (BE ") || !strings.Contains(stdout, "OpenStreetMap contributors") {
		t.Errorf("summary lacks counts or attribution:\n%s", stdout)
	}
	for _, f := range goldenFiles {
		got, err := os.ReadFile(filepath.Join(out, f))
		if err != nil {
			t.Fatal(err)
		}
		golden := filepath.Join(goldenDir, f)
		if *update {
			if err := os.WriteFile(golden, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run go test ./cmd/partons -run Golden -update)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from %s (%d vs %d bytes); inspect with diff and rerun with -update if intended",
				f, golden, len(got), len(want))
		}
	}
}

// TestRunDeterministic: the same inputs give the same bytes whatever the
// number of workers.
func TestRunDeterministic(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	if code, _, e := runCLI(t, "run", "-q", "--out", a, "--workers", "1"); code != 0 {
		t.Fatal(e)
	}
	if code, _, e := runCLI(t, "run", "-q", "--out", b, "--workers", "7"); code != 0 {
		t.Fatal(e)
	}
	for _, f := range goldenFiles {
		x, _ := os.ReadFile(filepath.Join(a, f))
		y, _ := os.ReadFile(filepath.Join(b, f))
		if len(x) == 0 || !bytes.Equal(x, y) {
			t.Errorf("%s differs between 1 and 7 workers", f)
		}
	}
}

func writeFile(t testing.TB, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestRunExitCodesAndAtomicity(t *testing.T) {
	dir := t.TempDir()
	villages := writeFile(t, dir, "v.csv", "id,name,country,population,lon,lat\nv1,Ieper,BE,35000,2.8850,50.8503\n")
	services := writeFile(t, dir, "s.csv", "id,name,category,country,lon,lat\ns1,Apotheek,amenity=pharmacy,BE,2.8860,50.8510\n")
	badServices := writeFile(t, dir, "bad.csv", "id,name,category,country,lon,lat\ns1,Apotheek,amenity=pharmacy,BE,2.8860,95\n")
	out := filepath.Join(dir, "out")

	cases := []struct {
		name string
		args []string
		code int
		want string // in stderr
	}{
		{"usage: one of villages/services", []string{"run", "--villages", villages, "--out", out}, exitUsage, "--services"},
		{"usage: unknown flag", []string{"run", "--frobnicate"}, exitUsage, "frobnicate"},
		{"usage: bad thresholds", []string{"run", "--villages", villages, "--services", services, "--thresholds-m", "500,100", "--out", out}, exitUsage, "ascending"},
		{"invalid data names file, line and field", []string{"run", "--villages", villages, "--services", badServices, "--out", out}, exitInvalid, "bad.csv:2"},
		{"missing file", []string{"run", "--villages", villages, "--services", filepath.Join(dir, "nope.csv"), "--out", out}, exitError, "nope.csv"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			code, _, stderr := runCLI(t, tc.args...)
			if code != tc.code || !strings.Contains(stderr, tc.want) {
				t.Errorf("exit %d, stderr %q; want exit %d mentioning %q", code, stderr, tc.code, tc.want)
			}
			if _, err := os.Stat(out); !os.IsNotExist(err) {
				t.Errorf("a failed run left %s behind", out)
			}
		})
	}

	// A good run writes the report; a later failed run leaves it intact.
	if code, _, e := runCLI(t, "run", "-q", "--villages", villages, "--services", services, "--out", out); code != 0 {
		t.Fatal(e)
	}
	before, _ := os.ReadFile(filepath.Join(out, "villages.csv"))
	if code, _, _ := runCLI(t, "run", "-q", "--villages", villages, "--services", badServices, "--out", out); code != exitInvalid {
		t.Fatalf("bad run exit %d", code)
	}
	after, _ := os.ReadFile(filepath.Join(out, "villages.csv"))
	if len(before) == 0 || !bytes.Equal(before, after) {
		t.Error("a failed run changed the previous report")
	}
	// A previous report is replaced by the next good run.
	if code, _, e := runCLI(t, "run", "-q", "--villages", villages, "--services", services, "--out", out, "--thresholds-m", "100"); code != 0 {
		t.Fatal(e)
	}
	replaced, _ := os.ReadFile(filepath.Join(out, "villages.csv"))
	if !strings.Contains(string(replaced), "within_100m") {
		t.Error("report not replaced")
	}

	// A directory that is not a partons report is never clobbered.
	foreign := filepath.Join(dir, "home")
	os.Mkdir(foreign, 0o755)
	writeFile(t, foreign, "thesis.tex", "precious")
	code, _, stderr := runCLI(t, "run", "-q", "--villages", villages, "--services", services, "--out", foreign)
	if code != exitError || !strings.Contains(stderr, "not a partons report") {
		t.Errorf("exit %d %q: should refuse to overwrite a foreign directory", code, stderr)
	}
	if b, _ := os.ReadFile(filepath.Join(foreign, "thesis.tex")); string(b) != "precious" {
		t.Error("foreign file touched")
	}
}

func TestRunHandChecked(t *testing.T) {
	dir := t.TempDir()
	// Two villages on the equator, a pharmacy on each side of a "border" at
	// lon 0.03: 0.01° of longitude on the equator is 1113.1949 m. The
	// countries are user-assigned ISO codes (XA, XB): real ones would put
	// the points in Belgium and France.
	villages := writeFile(t, dir, "v.csv", "id,name,country,population,lon,lat\na,Alpha,XA,100,0.01,0\nb,Beta,XB,,0.04,0\n")
	services := writeFile(t, dir, "s.csv", "id,name,category,country,lon,lat\np1,P1,amenity=pharmacy,XA,0.00,0\np2,P2,amenity=pharmacy,XB,0.05,0\n")
	out := filepath.Join(dir, "out")
	if code, _, e := runCLI(t, "run", "-q", "--villages", villages, "--services", services, "--out", out); code != 0 {
		t.Fatal(e)
	}
	b, _ := os.ReadFile(filepath.Join(out, "villages.csv"))
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	header := strings.Split(lines[0], ",")
	col := func(row int, name string) string {
		for i, h := range header {
			if h == name {
				return strings.Split(lines[row], ",")[i]
			}
		}
		t.Fatalf("no column %s in %v", name, header)
		return ""
	}
	want := []struct {
		row      int
		col, val string
	}{
		{1, "pharmacy_nearest_m", "1113.2"}, {1, "pharmacy_nearest_id", "p1"}, {1, "pharmacy_abroad_m", "4452.8"},
		{1, "pharmacy_border_gain_m", "0.0"}, {1, "pharmacy_within_1200m", "1"}, {1, "pharmacy_within_10000m", "2"},
		{2, "population", ""}, {2, "pharmacy_nearest_id", "p2"}, {2, "pharmacy_domestic_m", "1113.2"},
		{2, "pharmacy_abroad_m", "4452.8"}, {1, "status", "ok"},
	}
	for _, w := range want {
		if got := col(w.row, w.col); got != w.val {
			t.Errorf("row %d %s = %q, want %q", w.row, w.col, got, w.val)
		}
	}
}

func readFile(t testing.TB, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestRunOutputsSubset(t *testing.T) {
	out := filepath.Join(t.TempDir(), "r")
	if code, _, e := runCLI(t, "run", "-q", "--outputs", "villages.csv,areas.csv", "--out", out); code != 0 {
		t.Fatal(e)
	}
	entries, _ := os.ReadDir(out)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if strings.Join(names, " ") != ".partons-files areas.csv manifest.json villages.csv" {
		t.Errorf("files = %v", names)
	}
	// The subset has the same bytes as the full report's files.
	full := readFile(t, filepath.Join(goldenDir, "villages.csv"))
	if readFile(t, filepath.Join(out, "villages.csv")) != full {
		t.Error("villages.csv differs from the full report's")
	}
	if code, _, _ := runCLI(t, "run", "-q", "--outputs", "villages.shp", "--out", out); code != exitUsage {
		t.Errorf("unknown output: exit %d, want usage", code)
	}
}

// TestRunManifestReproduces: rerunning a manifest gives the same bytes;
// a changed input is refused.
func TestRunManifestReproduces(t *testing.T) {
	dir := t.TempDir()
	villages := writeFile(t, dir, "v.csv", "id,name,country,population,lon,lat\na,Alpha,BE,100,2.90,50.85\nb,Beta,FR,,2.60,50.80\n")
	services := writeFile(t, dir, "s.csv", "id,name,category,country,lon,lat\np1,P1,amenity=pharmacy,BE,2.91,50.86\np2,P2,Bureau de Poste,FR,2.61,50.79\n")
	cfg := writeFile(t, dir, "c.yaml", "thresholds_m: [500, 2000]\ncoverage:\n  pharmacy: [BE]\n  post: [BE, FR]\n")
	first := filepath.Join(dir, "first")
	if code, _, e := runCLI(t, "run", "-q", "--config", cfg, "--villages", villages, "--services", services,
		"--cross-border=true", "--attribution", "test data", "--out", first); code != 0 {
		t.Fatal(e)
	}
	again := filepath.Join(dir, "again")
	if code, _, e := runCLI(t, "run", "-q", "--manifest", filepath.Join(first, "manifest.json"), "--out", again); code != 0 {
		t.Fatal(e)
	}
	for _, f := range goldenFiles {
		if a, b := readFile(t, filepath.Join(first, f)), readFile(t, filepath.Join(again, f)); a != b || a == "" {
			t.Errorf("%s differs after rerunning the manifest", f)
		}
	}
	if code, _, _ := runCLI(t, "run", "-q", "--manifest", filepath.Join(first, "manifest.json"), "--villages", villages, "--out", again); code != exitUsage {
		t.Errorf("--manifest with --villages: exit %d, want usage", code)
	}
	writeFile(t, dir, "v.csv", "id,name,country,population,lon,lat\na,Alpha,BE,101,2.90,50.85\nb,Beta,FR,,2.60,50.80\n")
	code, _, stderr := runCLI(t, "run", "-q", "--manifest", filepath.Join(first, "manifest.json"), "--out", again)
	if code != exitInvalid || !strings.Contains(stderr, "v.csv has changed") {
		t.Errorf("changed input: exit %d %q", code, stderr)
	}
}

func TestRunModels(t *testing.T) {
	dir := t.TempDir()
	villages := writeFile(t, dir, "v.csv", "id,name,country,population,lon,lat\na,Alpha,XA,100,0.01,0\nb,Beta,XA,300,0.03,0\n")
	services := writeFile(t, dir, "s.csv", "id,name,category,country,capacity,lon,lat\np1,P1,amenity=pharmacy,XA,2,0.02,0\n")
	out := filepath.Join(dir, "out")
	if code, _, e := runCLI(t, "run", "-q", "--villages", villages, "--services", services, "--model", "2sfca",
		"--model", "nearest1", "--catchment", "5000", "--out", out); code != 0 {
		t.Fatal(e)
	}
	h, rows := readCSV(t, filepath.Join(out, "villages.csv"))
	// One pharmacy of capacity 2 serving 400 people within 5 km: 2/400.
	if got := cell(t, h, rows["a"], "pharmacy_access_2sfca"); got != "0.00500000" {
		t.Errorf("2sfca = %q, want 0.00500000", got)
	}
	if got := cell(t, h, rows["b"], "pharmacy_access_nearest1"); got != "1113.2" {
		t.Errorf("nearest1 = %q, want 1113.2", got)
	}
	sh, srows := readCSV(t, filepath.Join(out, "services.csv"))
	if got := cell(t, sh, srows["p1"], "people_per_unit_2sfca"); got != "200.0" {
		t.Errorf("people per unit = %q, want 200.0", got)
	}
	if !strings.Contains(readFile(t, filepath.Join(out, "inequality.csv")), "all,,pharmacy,2sfca,0,400,400,") {
		t.Errorf("inequality.csv:\n%s", readFile(t, filepath.Join(out, "inequality.csv")))
	}
	if code, _, _ := runCLI(t, "run", "-q", "--villages", villages, "--services", services, "--model", "4sfca", "--out", out); code != exitUsage {
		t.Errorf("unknown model: exit %d", code)
	}
}

func TestRunGeoPackageAndLanguage(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	for _, out := range []string{a, b} {
		if code, _, e := runCLI(t, "run", "-q", "--format", "gpkg", "--lang", "fr", "--out", out); code != 0 {
			t.Fatal(e)
		}
	}
	ga, gb := readFile(t, filepath.Join(a, "partons.gpkg")), readFile(t, filepath.Join(b, "partons.gpkg"))
	if len(ga) < 1000 || ga != gb || !strings.HasPrefix(ga, "SQLite format 3\x00") {
		t.Errorf("partons.gpkg missing, not SQLite or not deterministic (%d bytes)", len(ga))
	}
	html := readFile(t, filepath.Join(a, "report.html"))
	if !strings.Contains(html, `lang="fr"`) || strings.Contains(html, "http://") && strings.Contains(html, "<script src=") {
		t.Error("report.html is not French or loads remote resources")
	}
	if !strings.Contains(readFile(t, filepath.Join(a, "villages.qml")), "<qgis") {
		t.Error("villages.qml missing")
	}
	if code, _, _ := runCLI(t, "run", "-q", "--lang", "de", "--out", filepath.Join(dir, "c")); code != exitUsage {
		t.Errorf("--lang de: exit %d, want usage", code)
	}
	if code, _, _ := runCLI(t, "run", "-q", "--format", "shp", "--out", filepath.Join(dir, "c")); code != exitUsage {
		t.Errorf("--format shp: exit %d, want usage", code)
	}
}

// withoutCoverageNotes drops writeCoverage's lines from stderr text.
func withoutCoverageNotes(stderr string) string {
	var keep []string
	for _, l := range strings.SplitAfter(stderr, "\n") {
		if !strings.HasPrefix(l, "partons: coverage ") {
			keep = append(keep, l)
		}
	}
	return strings.Join(keep, "")
}
