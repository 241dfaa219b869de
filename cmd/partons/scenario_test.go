package main

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/partons/partons/study"
)

const goldenScenario = "../../testdata/golden/scenario"

// TestScenarioExampleGolden runs datasets/scenario/example.yaml on the
// embedded Westhoek sample: the post office of Hondschoote (FR) closes, and
// Belgian villages across the border lose their nearest counter.
func TestScenarioExampleGolden(t *testing.T) {
	out := filepath.Join(t.TempDir(), "s")
	code, stdout, stderr := runCLI(t, "scenario", "-q", "../../datasets/scenario/example.yaml", "--out", out, "--all-delta-rows", "--variant-outputs", variantReports)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "4 variants") {
		t.Errorf("stdout: %s", stdout)
	}
	for _, f := range []string{"comparison.csv", "manifest.json", "close-hondschoote-post/delta_villages.csv",
		"close-hondschoote-post/attribution.csv", "shared-counter-watou/attribution.csv", "mobile-post-van/delta_villages.csv"} {
		got := readFile(t, filepath.Join(out, f))
		golden := filepath.Join(goldenScenario, strings.ReplaceAll(f, "/", "__"))
		if *update {
			os.WriteFile(golden, []byte(got), 0o644)
			continue
		}
		if want := readFile(t, golden); got != want {
			t.Errorf("%s differs from %s (rerun with -update if intended)", f, golden)
		}
	}
	// The closure is attributed: Hondschoote's office was nearest to eight
	// villages (one French, seven Belgian).
	attr := readFile(t, filepath.Join(out, "close-hondschoote-post", "attribution.csv"))
	if !strings.Contains(attr, "laposte-10833A,HONDSCHOOTE BP,post,FR,8,") {
		t.Errorf("attribution:\n%s", attr)
	}
	delta := readFile(t, filepath.Join(out, "close-hondschoote-post", "delta_villages.csv"))
	var belgianLosers int
	for _, line := range strings.Split(delta, "\n") {
		if strings.Contains(line, ",BE,") && strings.HasSuffix(line, ",laposte-10833A") {
			belgianLosers++
		}
	}
	if belgianLosers != 7 {
		t.Errorf("%d Belgian villages attributed to the closure, want 7", belgianLosers)
	}
	// A variant without changes reproduces the base byte for byte.
	for _, f := range goldenFiles {
		if f == "manifest.json" {
			continue
		}
		if readFile(t, filepath.Join(out, "base", f)) != readFile(t, filepath.Join(out, "no-change", f)) {
			t.Errorf("no-change/%s differs from base/%s", f, f)
		}
	}
}

func TestScenarioErrorsNameFileVariantAndChange(t *testing.T) {
	dir := t.TempDir()
	cases := []struct{ name, src, want string }{
		{"unknown id", "variants:\n  - name: v1\n    changes:\n      - close_services: {ids: [nope]}\n", `s.yaml:4: variant "v1": change 1: no service has id "nope"`},
		{"empty filter", "variants:\n  - name: v1\n    changes:\n      - close_services: {}\n", `variant "v1": change 1: empty filter`},
		{"unknown category", "variants:\n  - name: v2\n    changes:\n      - {add_services: []}\n      - close_services: {category: cinema}\n", `s.yaml:5: variant "v2": change 2: no service of category "cinema"`},
		{"second variant", "variants:\n  - name: ok\n    changes: []\n  - name: v3\n    changes:\n      - close_services: {ids: [laposte-10833A]}\n      - mobile_service: {id_prefix: van-, category: post, villages: [nowhere]}\n", `s.yaml:7: variant "v3": change 2:`},
		{"bad base key", "base: {thresholds: [1]}\nvariants: [{name: v}]\n", "base:"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			path := writeFile(t, dir, "s.yaml", tc.src)
			code, _, stderr := runCLI(t, "scenario", "-q", path, "--out", filepath.Join(dir, "out"))
			if code != exitInvalid || !strings.Contains(stderr, tc.want) {
				t.Errorf("exit %d %q; want exit 3 mentioning %q", code, stderr, tc.want)
			}
		})
	}
}

// TestScenarioVisualReports: each variant's report.html has a scenario
// section, and its GeoPackage a delta_villages layer.
func TestScenarioVisualReports(t *testing.T) {
	dir := t.TempDir()
	path := writeFile(t, dir, "s.yaml", "base:\n  outputs: [villages.csv, report.html, partons.gpkg]\n  lang: fr\n"+
		"variants:\n  - name: closed\n    changes:\n      - close_services: {ids: [laposte-10833A]}\n")
	out := filepath.Join(dir, "out")
	if code, _, e := runCLI(t, "scenario", "-q", path, "--out", out, "--variant-outputs", "villages.csv,report.html,partons.gpkg"); code != 0 {
		t.Fatal(e)
	}
	html := readFile(t, filepath.Join(out, "closed", "report.html"))
	if !strings.Contains(html, "closed") || !strings.Contains(html, `lang="fr"`) {
		t.Error("variant report.html lacks its scenario section or language")
	}
	gpkg := readFile(t, filepath.Join(out, "closed", "partons.gpkg"))
	if !strings.Contains(gpkg, "delta_villages") {
		t.Error("variant partons.gpkg has no delta_villages layer")
	}
	if strings.Contains(readFile(t, filepath.Join(out, "base", "partons.gpkg")), "delta_villages") {
		t.Error("the base's GeoPackage has a delta layer")
	}
}

// TestScenarioSchemaListsBaseKeys keeps the base keys listed in
// datasets/scenario/schema.json in step with the run keys a base accepts.
func TestScenarioSchemaListsBaseKeys(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "datasets", "scenario", "schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	var schema struct {
		Properties struct {
			Base struct {
				Description string `json:"description"`
			} `json:"base"`
		} `json:"properties"`
	}
	if err := json.Unmarshal(b, &schema); err != nil {
		t.Fatal(err)
	}
	desc := schema.Properties.Base.Description
	rt := reflect.TypeOf(study.Spec{})
	for i := range rt.NumField() {
		key, _, _ := strings.Cut(rt.Field(i).Tag.Get("yaml"), ",")
		if key == "" || key == "-" {
			continue
		}
		if !regexp.MustCompile(`[(, ]` + key + `[,)]`).MatchString(desc) {
			t.Errorf("schema.json's base description does not list %q", key)
		}
	}
}

// TestScenarioRoadCountsPerVariant: every folder's manifest counts its own
// unsnapped villages and services; they used to add up from one variant
// to the next (7, 14, 21 for the same villages).
func TestScenarioRoadCountsPerVariant(t *testing.T) {
	dir := t.TempDir()
	pbf, err := filepath.Abs("../../datasets/osmroad/testdata/liechtenstein-2013-08-03.osm.pbf")
	if err != nil {
		t.Fatal(err)
	}
	sc := writeFile(t, dir, "s.yaml", "base:\n  osm: ["+pbf+"]\n  roads: ["+pbf+"]\n  snap_m: 20\n"+
		"variants:\n  - name: a\n    changes:\n      - set: {thresholds_m: [1000, 5000]}\n"+
		"  - name: b\n    changes:\n      - set: {thresholds_m: [1000, 6000]}\n")
	out := filepath.Join(dir, "out")
	if code, _, e := runCLI(t, "scenario", sc, "--out", out, "-q"); code != exitOK {
		t.Fatalf("exit %d: %s", code, e)
	}
	type counts struct {
		Roads struct {
			Villages int `json:"unsnapped_villages"`
			Services int `json:"unsnapped_services"`
		} `json:"roads"`
	}
	var base counts
	for _, d := range []string{"base", "a", "b"} {
		var c counts
		if err := json.Unmarshal([]byte(readFile(t, filepath.Join(out, d, "manifest.json"))), &c); err != nil {
			t.Fatal(err)
		}
		if d == "base" {
			base = c
			if c.Roads.Villages == 0 || c.Roads.Services == 0 {
				t.Fatalf("base: nothing unsnapped at 20 m (%+v): the test needs some", c.Roads)
			}
			continue
		}
		if c != base {
			t.Errorf("%s: unsnapped %+v, base %+v (same villages and services)", d, c.Roads, base.Roads)
		}
	}
}

// variantReports are the report files tests read in a variant's folder:
// a run's default outputs (--variant-outputs).
const variantReports = "villages.geojson,villages.csv,access.csv,areas.csv,services.csv,report.html"

// TestScenarioVariantOutputs: by default a variant writes the summaries
// among the base's outputs (areas.csv, report.html) besides its delta
// and attribution files, not the per-village files; --variant-outputs
// names others, or none; a name a run cannot write is a usage error
// naming the flag.
func TestScenarioVariantOutputs(t *testing.T) {
	dir := t.TempDir()
	sc := writeFile(t, dir, "s.yaml", "base:\n  outputs: [villages.csv, areas.csv]\nvariants:\n"+
		"  - name: closed\n    changes:\n      - close_services: {ids: [laposte-10833A]}\n")
	list := func(d string) string {
		es, err := os.ReadDir(d)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, e := range es {
			names = append(names, e.Name())
		}
		return strings.Join(names, " ")
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{nil, "areas.csv attribution.csv delta_villages.csv delta_villages.geojson manifest.json"},
		{[]string{"--variant-outputs", ""}, "attribution.csv delta_villages.csv delta_villages.geojson manifest.json"},
		{[]string{"--variant-outputs", "villages.geojson,access.csv"}, "access.csv attribution.csv delta_villages.csv delta_villages.geojson manifest.json villages.geojson villages.qml"},
	} {
		out := filepath.Join(dir, "out")
		args := append([]string{"scenario", "-q", sc, "--out", out}, tc.args...)
		if code, _, e := runCLI(t, args...); code != exitOK {
			t.Fatalf("%v: exit %d: %s", tc.args, code, e)
		}
		if got := list(filepath.Join(out, "closed")); got != tc.want {
			t.Errorf("%v: variant wrote %s, want %s", tc.args, got, tc.want)
		}
		if got := list(filepath.Join(out, "base")); got != "areas.csv manifest.json villages.csv" {
			t.Errorf("%v: base wrote %s", tc.args, got)
		}
	}
	code, _, e := runCLI(t, "scenario", "-q", sc, "--out", filepath.Join(dir, "bad"), "--variant-outputs", "villages.xlsx")
	if code != exitUsage || !strings.Contains(e, "--variant-outputs") || !strings.Contains(e, "villages.xlsx") {
		t.Errorf("bad name: exit %d, %q; want a usage error naming --variant-outputs and the name", code, e)
	}
}

// TestScenarioSameBytesWhateverTheWorkers: variants computed one at a
// time or several at once write the same report, byte for byte.
func TestScenarioSameBytesWhateverTheWorkers(t *testing.T) {
	dir := t.TempDir()
	read := func(workers string) map[string]string {
		out := filepath.Join(dir, "w"+workers)
		code, _, stderr := runCLI(t, "scenario", "-q", "../../datasets/scenario/example.yaml", "--out", out, "--workers", workers, "--variant-outputs", variantReports)
		if code != exitOK {
			t.Fatalf("--workers %s: exit %d: %s", workers, code, stderr)
		}
		files := map[string]string{}
		err := filepath.WalkDir(out, func(path string, e fs.DirEntry, err error) error {
			if err != nil || e.IsDir() {
				return err
			}
			rel, _ := filepath.Rel(out, path)
			files[rel] = readFile(t, path)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return files
	}
	one, four := read("1"), read("4")
	if len(one) < 5*3 {
		t.Fatalf("%d files written, want the base's and four variants'", len(one))
	}
	for name, want := range one {
		if got, ok := four[name]; !ok {
			t.Errorf("%s: not written with --workers 4", name)
		} else if got != want {
			t.Errorf("%s differs between --workers 1 and 4", name)
		}
	}
	if len(four) != len(one) {
		t.Errorf("%d files with --workers 4, %d with 1", len(four), len(one))
	}
}
