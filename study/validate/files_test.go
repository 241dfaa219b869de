package validate

import (
	"testing"

	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/config"
	"github.com/partons/partons/study/runspec"
	"github.com/partons/partons/study/usage"
)

// TestFiles: every kind in its order, FILE:field=col split, the
// mappings of the command line over the schemas.
func TestFiles(t *testing.T) {
	cfg, files, err := Files(Options{As: "auto", Villages: []string{"v.csv:population=pop"}, Services: []string{"s.csv"},
		Boundaries: []string{"b.geojson"}, Args: []string{"x.csv"}, Fields: runspec.Fields{ServiceFields: []string{"category=TYPEQU"}}})
	if err != nil {
		t.Fatal(err)
	}
	want := []File{{"v.csv", "villages", map[string]string{"population": "pop"}}, {"s.csv", "services", nil},
		{Path: "b.geojson", Kind: "boundaries"}, {"x.csv", "auto", nil}}
	if len(files) != len(want) {
		t.Fatalf("files %+v, want %+v", files, want)
	}
	for i, f := range files {
		if f.Path != want[i].Path || f.Kind != want[i].Kind || len(f.Fields) != len(want[i].Fields) {
			t.Errorf("file %d = %+v, want %+v", i, f, want[i])
		}
	}
	if cfg.Services.Category != "TYPEQU" {
		t.Errorf("service category column %q, want TYPEQU", cfg.Services.Category)
	}
	for _, o := range []Options{{As: "roads", Args: []string{"x"}}, {As: "auto"}} {
		if _, _, err := Files(o); usage.As(err) == nil {
			t.Errorf("Files(%+v) = %v, want a usage error", o, err)
		}
	}
}

// TestAcross: an unreadable opening_hours value of a service read without
// problems is found across files, naming the service's line and field.
func TestAcross(t *testing.T) {
	s := datasets.Service{ID: "p1", Category: "pharmacy", OpeningHours: "Mo-Fr 25:00-26:00",
		Origin: datasets.Origin{Source: "s.csv", Line: 3, Feature: -1}}
	probs := Across(config.Default(), nil, []datasets.Service{s}, nil, nil)
	if len(probs) != 1 || probs[0].Source != "s.csv" || probs[0].Line != 3 || probs[0].Field != "opening_hours" {
		t.Errorf("problems %v, want the opening hours of s.csv line 3", probs)
	}
}
