package config

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/partons/partons/datasets"
)

func TestReadOverridesDefaults(t *testing.T) {
	src := `
villages:
  id: code
  population: pop
  epsg: 31370
thresholds_m: [500, 1000]
basket:
  - name: food
    categories: [bakery, grocery]
categories:
  "shop=deli": grocery
coverage:
  pharmacy: [BE]
cross_border: false
`
	c, err := Read("cfg.yaml", strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	if c.Villages.ID != "code" || c.Villages.Population != "pop" || c.Villages.Coords.EPSG != 31370 {
		t.Errorf("village schema = %+v", c.Villages)
	}
	if c.Villages.Name != "name" {
		t.Errorf("unset field lost its default: name = %q", c.Villages.Name)
	}
	if c.Services.Category != "category" {
		t.Errorf("service schema default lost: %+v", c.Services)
	}
	if len(c.ThresholdsM) != 2 || c.ThresholdsM[1] != 1000 {
		t.Errorf("thresholds = %v", c.ThresholdsM)
	}
	if c.CrossBorder == nil || *c.CrossBorder {
		t.Errorf("cross_border = %v", c.CrossBorder)
	}
	if c.Categories["shop=deli"] != "grocery" || c.Coverage["pharmacy"][0] != "BE" {
		t.Errorf("maps = %v %v", c.Categories, c.Coverage)
	}
}

func TestReadRejects(t *testing.T) {
	cases := []struct{ name, src, want string }{
		{"unknown key", "thresholds: [1]\n", "not found"},
		{"wrong type", "thresholds_m: abc\n", "cannot unmarshal"},
		{"bad country", "coverage:\n  pharmacy: [be]\n", "alpha-2"},
		{"digits for a country", "coverage:\n  pharmacy: ['12']\n", `"12" is not an ISO 3166-1 alpha-2 code`},
		{"two-byte letter for a country", "coverage:\n  pharmacy: [ß]\n", `"ß" is not an ISO 3166-1 alpha-2 code`},
		{"empty", "  \n", "empty configuration"},
		{"basket without categories", "basket:\n  - name: food\n", "at least one category"},
		{"syntax", "villages: [\n", "line"},
		{"file without path", "services_files:\n  - fields: {category: TYPEQU}\n", "a file needs a path"},
		{"negative epsg", "villages_files:\n  - {path: v.csv, epsg: -1}\n", "villages_files[0].epsg"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Read("cfg.yaml", strings.NewReader(tc.src))
			if err == nil {
				t.Fatal("accepted")
			}
			if !errors.Is(err, datasets.ErrInvalid) {
				t.Errorf("error %v does not wrap ErrInvalid", err)
			}
			if !strings.Contains(err.Error(), tc.want) || !strings.HasPrefix(err.Error(), "cfg.yaml") {
				t.Errorf("error %q should start with the file name and mention %q", err, tc.want)
			}
		})
	}
}

// TestReadRejectsAtLine: a bad value names the file, its line and key.
func TestReadRejectsAtLine(t *testing.T) {
	cases := []struct {
		name, src string
		line      int
		field     string
		want      string
	}{
		{"negative threshold", "# thresholds\nthresholds_m:\n  - 100\n  - -5\n", 4, "thresholds_m[1]", "threshold -5 m: must be a positive finite number"},
		{"NaN threshold", "thresholds_m: [100, .nan]\n", 1, "thresholds_m[1]", "positive finite"},
		{"descending thresholds", "thresholds_m: [1000, 500]\n", 1, "thresholds_m[1]", "strictly ascending"},
		{"fractional threshold", "thresholds_m: [1000.5]\n", 1, "thresholds_m[0]", "whole number"},
		{"duplicate basket name", "basket:\n  - {name: food, categories: [bakery]}\n  - name: food\n    categories: [grocery]\n", 3, "basket[1].name", `member "food" appears twice`},
		{"empty basket category", "basket:\n  - name: food\n    categories: [bakery, \"\"]\n", 3, "basket[0].categories[1]", "empty category"},
		{"unsupported epsg", "villages:\n  id: code\n  epsg: 3857\n", 3, "villages.epsg", "EPSG:3857"},
		{"bad coverage", "coverage:\n  pharmacy:\n    - BE\n    - fr\n", 4, "coverage.pharmacy[1]", "alpha-2"},
		{"empty category mapping", "categories:\n  \"shop=deli\": \"\"\n", 2, "categories.shop=deli", "cannot be empty"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Read("cfg.yaml", strings.NewReader(tc.src))
			var re *datasets.RecordError
			if !errors.As(err, &re) {
				t.Fatalf("error %v is not a RecordError", err)
			}
			if re.Source != "cfg.yaml" || re.Line != tc.line || re.Field != tc.field || !strings.Contains(re.Reason, tc.want) {
				t.Errorf("got %s (line %d, field %q), want line %d, field %q, %q", re, re.Line, re.Field, tc.line, tc.field, tc.want)
			}
		})
	}
}

func TestLine(t *testing.T) {
	var root yaml.Node
	src := "a:\n  b:\n    - x\n    - y\nc: &r\n  d: 1\ne: *r\n"
	if err := yaml.Unmarshal([]byte(src), &root); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		path []any
		want int
	}{
		{[]any{"a"}, 1}, {[]any{"a", "b"}, 2}, {[]any{"a", "b", 1}, 4},
		{[]any{"a", "b", 7}, 2}, // missing index: the deepest existing node
		{[]any{"e", "d"}, 6},    // through an alias, to where it points
		{[]any{"zz"}, 0},
	}
	for _, tc := range tests {
		if got := Line(&root, tc.path...); got != tc.want {
			t.Errorf("Line(%v) = %d, want %d", tc.path, got, tc.want)
		}
	}
}

// Load reads the per-file blocks and resolves their relative paths
// against the configuration file's folder.
func TestLoadInputFiles(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "c.yaml")
	src := "services_files:\n  - path: fr/bpe.csv\n    fields: {category: TYPEQU}\n    epsg: 2154\n  - path: /abs/be.csv\n"
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	want := []InputFile{
		{Path: filepath.Join(dir, "fr", "bpe.csv"), Fields: map[string]string{"category": "TYPEQU"}, EPSG: 2154},
		{Path: "/abs/be.csv"},
	}
	if !reflect.DeepEqual(c.ServicesFiles, want) || len(c.VillagesFiles) != 0 {
		t.Errorf("files = %+v, want %+v", c.ServicesFiles, want)
	}
}

// TestLoadTransit: the public-transport keys are read, and the paths of
// feeds and zones resolved against the folder of the file.
func TestLoadTransit(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "c.yaml")
	src := "transit: [feeds/a.zip, /abs/b]\ndepart: \"07:30-09:00\"\nmax_walk_m: 800\nmax_transfers: 0\n" +
		"max_transit_min: 75\ntransit_thresholds_min: [15, 30]\nflex_zones: zones.geojson\n"
	if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := Load(p)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{filepath.Join(dir, "feeds/a.zip"), "/abs/b"}; !reflect.DeepEqual(c.Transit, want) {
		t.Errorf("transit = %v, want %v", c.Transit, want)
	}
	if c.FlexZones != filepath.Join(dir, "zones.geojson") || c.Depart != "07:30-09:00" {
		t.Errorf("flex_zones %q, depart %q", c.FlexZones, c.Depart)
	}
	if c.MaxWalkM == nil || *c.MaxWalkM != 800 || c.MaxTransfers == nil || *c.MaxTransfers != 0 ||
		c.MaxTransitMin == nil || *c.MaxTransitMin != 75 || !reflect.DeepEqual(c.TransitThresholdsMin, []int{15, 30}) {
		t.Errorf("limits %v %v %v %v", c.MaxWalkM, c.MaxTransfers, c.MaxTransitMin, c.TransitThresholdsMin)
	}
	if err := c.Problem("needs a feed", "max_walk_m"); err.Error() != p+`:3: field "max_walk_m": needs a feed` {
		t.Errorf("Problem = %q", err)
	}
	d := Default()
	if d.MaxWalkM != nil || d.Transit != nil {
		t.Error("the defaults set public transport")
	}
}
