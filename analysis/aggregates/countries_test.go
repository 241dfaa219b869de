package aggregates

import (
	"context"
	"fmt"
	"testing"

	"github.com/partons/partons/analysis"
	"github.com/partons/partons/analysis/analysistest"
	"github.com/partons/partons/geo/road"
)

// TestCountriesIsForAtCountryLevel: Countries gives exactly the
// country-level aggregates of For, in order, on the same bases, with
// and without cross-border metrics, with areas, unknown populations,
// fractional populations (which keep the sort) and a basket.
func TestCountriesIsForAtCountryLevel(t *testing.T) {
	for _, tc := range []struct {
		name       string
		cross      bool
		fractional bool
		bases      []analysis.Basis
	}{
		{"cross-border, summary bases", true, false, []analysis.Basis{analysis.BasisNearest, analysis.BasisDomestic}},
		{"no border, summary bases", false, false, []analysis.Basis{analysis.BasisNearest, analysis.BasisDomestic}},
		{"every basis", true, false, nil},
		{"fractional populations", true, true, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			vs, ss := analysistest.RandomRegion(7, 900, 60)
			if tc.fractional {
				for i := range vs {
					vs[i].Population += 0.25
				}
			}
			p := analysis.DefaultParams()
			p.CrossBorder = tc.cross
			p.Road = analysis.DefaultRoadParams(road.Car)
			r, err := analysis.Compute(context.Background(), vs, ss, p)
			if err != nil {
				t.Fatal(err)
			}
			var want []analysis.Aggregate
			for _, a := range For(r, tc.bases...) {
				if a.Level == analysis.LevelCountry {
					want = append(want, a)
				}
			}
			got := Countries(r, tc.bases...)
			if len(want) == 0 || len(got) != len(want) {
				t.Fatalf("%d aggregates, want %d (not none)", len(got), len(want))
			}
			for i := range want {
				// %#v prints NaN as NaN, so equal values print equal.
				if g, w := fmt.Sprintf("%#v", got[i]), fmt.Sprintf("%#v", want[i]); g != w {
					t.Fatalf("aggregate %d:\n got %s\nwant %s", i, g, w)
				}
			}
		})
	}
}
