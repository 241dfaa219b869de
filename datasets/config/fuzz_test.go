package config

import (
	"bytes"
	"errors"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/partons/partons/datasets"
)

// FuzzRead feeds arbitrary bytes to the configuration reader: it never
// panics, fails only with a *datasets.RecordError naming the file (invalid
// input), and what it accepts satisfies the documented rules.
//
// Run: go test -run=^$ -fuzz=FuzzRead -fuzztime=60s ./datasets/config/
func FuzzRead(f *testing.F) {
	f.Add([]byte("villages:\n  id: code\n  population: pop\n  epsg: 31370\nthresholds_m: [500, 1000]\n" +
		"basket:\n  - name: food\n    categories: [bakery, grocery]\ncategories:\n  \"shop=deli\": grocery\n" +
		"coverage:\n  pharmacy: [BE]\ncross_border: false\n"))
	f.Add([]byte("thresholds_m: [1000, 500]\n"))
	f.Add([]byte("a: &a [x, *a]\n"))
	f.Add([]byte(""))
	hostile, err := filepath.Glob("../../testdata/hostile/*/config-*.yaml")
	if err != nil || len(hostile) == 0 {
		f.Fatalf("no hostile configuration files (%v)", err)
	}
	for _, name := range append(hostile, "../../testdata/hostile/mapping/coverage-pharmacy.yaml", "../../testdata/hostile/inputs/alias-bomb.yaml") {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		c, err := Read("fuzz.yaml", bytes.NewReader(b))
		if err != nil {
			var re *datasets.RecordError
			if !errors.As(err, &re) || re.Source != "fuzz.yaml" || !errors.Is(err, datasets.ErrInvalid) {
				t.Fatalf("error %v is not a RecordError naming fuzz.yaml", err)
			}
			return
		}
		if c.Villages.ID == "" || c.Villages.Name == "" || c.Services.ID == "" || c.Services.Category == "" {
			t.Fatalf("empty id, name or category column accepted: %+v %+v", c.Villages, c.Services)
		}
		for i, th := range c.ThresholdsM {
			if !(th > 0) || math.IsInf(th, 0) || th != math.Trunc(th) || (i > 0 && th <= c.ThresholdsM[i-1]) {
				t.Fatalf("thresholds %v accepted", c.ThresholdsM)
			}
		}
		names := map[string]bool{}
		for _, m := range c.Basket {
			if m.Name == "" || len(m.Categories) == 0 || names[m.Name] {
				t.Fatalf("basket %+v accepted", c.Basket)
			}
			names[m.Name] = true
		}
		for cat, cs := range c.Coverage {
			for _, cc := range cs {
				if len(cc) != 2 || cc[0] < 'A' || cc[0] > 'Z' || cc[1] < 'A' || cc[1] > 'Z' {
					t.Fatalf("coverage %s: %q accepted", cat, cc)
				}
			}
		}
	})
}
