package config

import (
	"errors"
	"strings"
	"testing"

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
		{"empty", "  \n", "empty configuration"},
		{"basket without categories", "basket:\n  - name: food\n", "at least one category"},
		{"syntax", "villages: [\n", "line"},
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
