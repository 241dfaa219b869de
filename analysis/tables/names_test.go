package tables

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/partons/partons/analysis"
	"github.com/partons/partons/analysis/access"
	"github.com/partons/partons/analysis/analysistest"
	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/taxonomy"
	"github.com/partons/partons/geo/road"
)

// TestMetricWordsCoverColumns keeps taxonomy.MetricWords in step with the
// per-category columns of the village table: every column a category writes
// starts with the category, "_" and one of the words, which is what lets
// taxonomy.Names refuse category names that would share columns.
func TestMetricWordsCoverColumns(t *testing.T) {
	villages := []datasets.Village{analysistest.Village("v0", "AA", 0.01, 100), analysistest.Village("v1", "BB", 0.05, 50)}
	services := []datasets.Service{analysistest.Service("s0", "post", "AA", 0.00), analysistest.Service("s1", "post", "BB", 0.06)}
	p := analysis.DefaultParams()
	p.Basket = []analysis.BasketMember{{Name: "post", Categories: []string{"post"}}}
	p.Road = analysis.DefaultRoadParams(road.Car) // estimated road columns
	p.Models = []analysis.ModelSpec{{Model: access.Model{Kind: access.TwoStep}, Decay: access.Step{T: 8000}}}
	p.Catchment = 10000
	res, err := analysis.Compute(context.Background(), villages, services, p)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, c := range Villages(res).Columns {
		rest, ok := strings.CutPrefix(c.Name, "post_")
		if !ok {
			continue
		}
		n++
		word, _, _ := strings.Cut(rest, "_")
		if !slices.Contains(taxonomy.MetricWords, word) {
			t.Errorf("column %s: %q is not in taxonomy.MetricWords", c.Name, word)
		}
	}
	if n < 10 {
		t.Errorf("only %d post_ columns", n)
	}
	// The routed columns need a road graph; check their words by name.
	for _, m := range []string{"road_status", "road_m", "road_min", "road_id", "road_country", "road_domestic_m", "road_abroad_m"} {
		if w, _, _ := strings.Cut(m, "_"); !slices.Contains(taxonomy.MetricWords, w) {
			t.Errorf("routed metric %s: %q not in taxonomy.MetricWords", m, w)
		}
	}
}
