package analysis

import (
	"context"
	"reflect"
	"testing"

	"github.com/partons/partons/datasets"
)

// Declaring the coverage of one category leaves the others to inference:
// declaring post used to blank pharmacy and gp everywhere.
func TestComputePartialCoverageInfersTheRest(t *testing.T) {
	villages := []datasets.Village{village("v0", "AA", 0.01, 1), village("v1", "BB", 0.05, 1)}
	services := []datasets.Service{
		service("p0", "post", "AA", 0.02),
		service("ph0", "pharmacy", "AA", 0.02),
		service("g0", "gp", "AA", 0.02),
		service("g1", "gp", "BB", 0.06),
	}
	p := DefaultParams()
	p.Coverage = Coverage{}
	p.Coverage.Set("post", "AA", true)
	p.Coverage.Set("post", "BB", true)
	p.Coverage["school"] = map[string]bool{} // declared: covered nowhere
	p.CoverageRules = map[string]CoverageRule{"school": CoverageMetadata}
	res, err := Compute(context.Background(), villages, services, p)
	if err != nil {
		t.Fatal(err)
	}
	status := func(v int, cat string) Status {
		t.Helper()
		for c, name := range res.Categories {
			if name == cat {
				return res.Rows[v].Cats[c].Status
			}
		}
		t.Fatalf("no category %q in %v", cat, res.Categories)
		return 0
	}
	for _, tc := range []struct {
		v    int
		cat  string
		want Status
	}{
		{0, "gp", StatusOK}, {1, "gp", StatusOK}, // inferred: covered on both sides
		{0, "pharmacy", StatusAbroadNotCovered}, // inferred: AA only
		{1, "pharmacy", StatusDomesticNotCovered},
		{1, "post", StatusNoDomesticService}, // declared: BB truly has none
	} {
		if got := status(tc.v, tc.cat); got != tc.want {
			t.Errorf("v%d %s = %v, want %v", tc.v, tc.cat, got, tc.want)
		}
	}
	want := []CoveragePair{
		{"gp", "AA", true, CoverageInferred}, {"gp", "BB", true, CoverageInferred},
		{"pharmacy", "AA", true, CoverageInferred}, {"pharmacy", "BB", false, CoverageInferred},
		{"post", "AA", true, CoverageDeclared}, {"post", "BB", true, CoverageDeclared},
		{"school", "AA", false, CoverageMetadata}, {"school", "BB", false, CoverageMetadata},
	}
	if got := res.CoveragePairs(); !reflect.DeepEqual(got, want) {
		t.Errorf("CoveragePairs =\n%v\nwant\n%v", got, want)
	}
}
