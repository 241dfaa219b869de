package analysis_test

import (
	"context"
	"math"
	"testing"

	"github.com/partons/partons/analysis"
	"github.com/partons/partons/analysis/analysistest"
	"github.com/partons/partons/geo/road"
)

// TestValuesIsValue: Values gives Value of every village, bit for bit,
// for every basis and category position (the basket included), with and
// without cross-border metrics and with categories blanked by coverage.
func TestValuesIsValue(t *testing.T) {
	for _, cross := range []bool{true, false} {
		vs, ss := analysistest.RandomRegion(11, 700, 45)
		p := analysis.DefaultParams()
		p.CrossBorder = cross
		p.Road = analysis.DefaultRoadParams(road.Car)
		// bakery covered in France only: blanked, or domestic only, in Belgium.
		p.Coverage = analysis.Coverage{"bakery": {"FR": true, "BE": false}}
		r, err := analysis.Compute(context.Background(), vs, ss, p)
		if err != nil {
			t.Fatal(err)
		}
		d := make([]float64, len(vs))
		bases := append(r.Bases(), analysis.BasisDomestic)
		for _, basis := range bases {
			for c := 0; c <= len(r.Categories); c++ {
				for v := range d {
					d[v] = -12345.5 // overwritten
				}
				r.Values(basis, c, d)
				for v := range d {
					want := r.Value(basis, v, c)
					if math.Float64bits(d[v]) != math.Float64bits(want) && !(math.IsNaN(d[v]) && math.IsNaN(want)) {
						t.Fatalf("cross %v basis %s category %d village %d: %v, Value %v", cross, basis, c, v, d[v], want)
					}
				}
			}
		}
	}
}
