package main

import (
	"encoding/json"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/partons/partons/analysis"
	"github.com/partons/partons/study"
)

// Declaring the coverage of post must not blank the Belgian pharmacies,
// GPs and grocers: undeclared categories are inferred from the data, and
// stderr and the manifest say which rule decided each one.
func TestRunCoverageDeclaredForOneCategory(t *testing.T) {
	dir := t.TempDir()
	villages := writeFile(t, dir, "v.csv", "id,name,country,population,lon,lat\n"+
		"be,Poperinge,BE,100,2.726,50.855\nfr,Bergues,FR,50,2.434,50.968\n")
	services := writeFile(t, dir, "s.csv", "id,name,category,country,lon,lat\n"+
		"ph,Apotheek,amenity=pharmacy,BE,2.727,50.856\n"+
		"gp,Huisarts,amenity=doctors,BE,2.725,50.854\n"+
		"po,Poste,amenity=post_office,FR,2.435,50.969\n")
	cfg := writeFile(t, dir, "c.yaml", "coverage:\n  post: [BE, FR]\n")
	out := filepath.Join(dir, "out")
	code, _, stderr := runCLI(t, "run", "-q", "--config", cfg, "--villages", villages, "--services", services, "--out", out)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	h, rows := readCSV(t, filepath.Join(out, "villages.csv"))
	col := func(id, name string) string {
		t.Helper()
		i := slices.Index(h, name)
		if i < 0 {
			t.Fatalf("no column %q in %v", name, h)
		}
		return rows[id][i]
	}
	for _, c := range []struct{ id, col, want string }{
		{"be", "pharmacy_status", "abroad_not_covered"}, // was not_covered
		{"be", "pharmacy_domestic_m", "131.7"},          // ≈ hypot(0.001° × 111.3 km × cos 50.855°, 0.001° × 111.3 km)
		{"be", "gp_status", "abroad_not_covered"},
		{"fr", "pharmacy_status", "domestic_not_covered"}, // inferred: BE only
		{"be", "post_status", "no_domestic_service"},      // declared: BE has none
	} {
		if got := col(c.id, c.col); got != c.want {
			t.Errorf("%s %s = %q, want %q", c.id, c.col, got, c.want)
		}
	}
	for _, want := range []string{
		"partons: coverage declared in the config: post (BE, FR)\n",
		"partons: coverage inferred from the data: gp (BE), pharmacy (BE)\n",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	var m struct {
		Coverage struct{ Pairs []analysis.CoveragePair } `json:"coverage"`
	}
	if err := json.Unmarshal([]byte(readFile(t, filepath.Join(out, "manifest.json"))), &m); err != nil {
		t.Fatal(err)
	}
	wantPairs := []analysis.CoveragePair{
		{Category: "gp", Country: "BE", Covered: true, Rule: analysis.CoverageInferred},
		{Category: "gp", Country: "FR", Covered: false, Rule: analysis.CoverageInferred},
		{Category: "pharmacy", Country: "BE", Covered: true, Rule: analysis.CoverageInferred},
		{Category: "pharmacy", Country: "FR", Covered: false, Rule: analysis.CoverageInferred},
		{Category: "post", Country: "BE", Covered: true, Rule: analysis.CoverageDeclared},
		{Category: "post", Country: "FR", Covered: true, Rule: analysis.CoverageDeclared},
	}
	if !slices.Equal(m.Coverage.Pairs, wantPairs) {
		t.Errorf("manifest coverage pairs = %+v\nwant %+v", m.Coverage.Pairs, wantPairs)
	}
}

// A bare OSM value (post_office) maps to its category; values the
// taxonomy does not know are listed on stderr and in the manifest.
func TestRunBareCategoryValues(t *testing.T) {
	dir := t.TempDir()
	villages := writeFile(t, dir, "v.csv", "id,name,country,population,lon,lat\nbe,Poperinge,BE,100,2.726,50.855\n")
	services := writeFile(t, dir, "s.csv", "id,name,category,country,lon,lat\n"+
		"po,Post,post_office,BE,2.727,50.856\nfl,Bloemen,florist,BE,2.725,50.854\nfm,Bloemen 2,florist,BE,2.725,50.853\n")
	out := filepath.Join(dir, "out")
	code, _, stderr := runCLI(t, "run", "-q", "--villages", villages, "--services", services, "--out", out)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if want := `category values not in the taxonomy, kept as categories of their own (services): "florist" (2);`; !strings.Contains(stderr, want) {
		t.Errorf("stderr lacks %q:\n%s", want, stderr)
	}
	var m struct {
		Mapping  []study.MappingEntry `json:"category_mapping"`
		Unmapped []string             `json:"unmapped_categories"`
	}
	if err := json.Unmarshal([]byte(readFile(t, filepath.Join(out, "manifest.json"))), &m); err != nil {
		t.Fatal(err)
	}
	want := []study.MappingEntry{
		{Raw: "florist", Category: "florist", Vocabulary: "unmapped", Services: 2},
		{Raw: "post_office", Category: "post", Vocabulary: "osm", Services: 1, Via: "amenity=post_office"},
	}
	if !reflect.DeepEqual(m.Mapping, want) || !slices.Equal(m.Unmapped, []string{"florist"}) {
		t.Errorf("manifest mapping = %+v, unmapped %v", m.Mapping, m.Unmapped)
	}
}
