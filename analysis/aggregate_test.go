package analysis

import (
	"math"
	"testing"

	"github.com/partons/partons/datasets"
)

// resultWith builds a Result by hand: one category, the given nearest
// distances (NaN = unknown through coverage) and populations (NaN = unknown).
func resultWith(area []string, country []string, pops, dists []float64) *Result {
	r := &Result{Params: DefaultParams(), Categories: []string{"gp"}}
	r.Params.ThresholdsM = []float64{1000, 3000}
	r.Params.CrossBorder = false
	for i := range pops {
		v := datasets.Village{ID: itoa(i), AreaCode: area[i], AreaName: "area " + area[i], Country: country[i]}
		if !math.IsNaN(pops[i]) {
			v.Population, v.HasPopulation = pops[i], true
		}
		r.Villages = append(r.Villages, v)
		cr := CategoryResult{NearestM: dists[i]}
		if math.IsNaN(dists[i]) {
			cr.Status = StatusNotCovered
		}
		r.Rows = append(r.Rows, VillageResult{Cats: []CategoryResult{cr}})
	}
	return r
}

func TestAggregatesHandComputed(t *testing.T) {
	nan := math.NaN()
	r := resultWith(
		[]string{"X", "X", "X", "X", "Y"},
		[]string{"AA", "AA", "AA", "AA", "BB"},
		[]float64{100, 200, nan, 300, 50},
		[]float64{500, 2000, 100, nan, 4000},
	)
	aggs := r.Aggregates()
	// Levels: areas X, Y; countries AA, BB; all.
	if len(aggs) != 5 {
		t.Fatalf("%d aggregates, want 5", len(aggs))
	}
	x := aggs[0]
	if x.Level != LevelArea || x.Code != "X" || x.Country != "AA" {
		t.Fatalf("first aggregate %+v, want area X", x)
	}
	checks := []struct {
		name      string
		got, want float64
	}{
		{"villages", float64(x.Villages), 4},
		{"villages known", float64(x.VillagesKnown), 3}, // unknown population still has a distance
		{"population unknown villages", float64(x.VillagesPopulationUnknown), 1},
		{"population known", x.PopulationKnown, 600},
		{"population measured", x.PopulationMeasured, 300},
		{"access unknown", x.PopulationAccessUnknown, 300},
		{"share ≤1000", x.ShareWithin[0], 100.0 / 300},
		{"share ≤3000", x.ShareWithin[1], 1},
		{"mean", x.Mean, (500*100 + 2000*200) / 300.0},
		// Weighted empirical quantile: cumulative weights 1/3 at 500 m, 1 at 2000 m.
		{"median", x.Median, 2000},
		{"p90", x.P90, 2000},
	}
	for _, c := range checks {
		if math.Abs(c.got-c.want) > 1e-9 {
			t.Errorf("area X %s = %v, want %v", c.name, c.got, c.want)
		}
	}
	all := aggs[4]
	if all.Level != LevelAll || all.Villages != 5 || all.PopulationMeasured != 350 {
		t.Errorf("all = %+v", all)
	}
	if got, want := all.ShareWithin[1], 300.0/350; math.Abs(got-want) > 1e-12 {
		t.Errorf("all share ≤3000 = %v, want %v", got, want)
	}
	// Lower quantile: cumulative 100/350 at 500, 300/350 at 2000, 1 at 4000.
	if all.Median != 2000 || all.P90 != 4000 {
		t.Errorf("all median/p90 = %v/%v, want 2000/4000", all.Median, all.P90)
	}
}

func TestAggregatesNoServiceIsInfiniteNotZero(t *testing.T) {
	r := resultWith([]string{"X", "X"}, []string{"AA", "AA"}, []float64{10, 30}, []float64{200, math.NaN()})
	r.Rows[1].Cats[0].Status = StatusNoService // covered, none exists
	a := r.Aggregates()[0]
	if a.PopulationMeasured != 40 {
		t.Fatalf("measured = %v, want 40 (no service is a known answer)", a.PopulationMeasured)
	}
	if a.ShareWithin[1] != 0.25 {
		t.Errorf("share = %v, want 0.25", a.ShareWithin[1])
	}
	if !math.IsNaN(a.Mean) || !math.IsNaN(a.Median) {
		t.Errorf("mean/median = %v/%v; with 3/4 of people unserved both are infinite, reported NaN", a.Mean, a.Median)
	}
}

func TestAggregatesSharesMonotonic(t *testing.T) {
	r := resultWith([]string{"X", "X", "X"}, []string{"AA", "AA", "AA"}, []float64{1, 2, 3}, []float64{10, 1500, 9000})
	for _, a := range r.Aggregates() {
		for k := 1; k < len(a.ShareWithin); k++ {
			if a.ShareWithin[k] < a.ShareWithin[k-1] {
				t.Fatalf("%s %s: shares %v not monotonic", a.Level, a.Code, a.ShareWithin)
			}
		}
	}
}
