package analysis

import (
	"context"
	"math"
	"testing"

	"github.com/partons/partons/analysis/access"
)

// TestModelsConserveSupply: in a run, 2SFCA's Σ_i P_i·A_i equals the
// capacity of the services that have demand in their catchment, per
// category (the invariant of the floating catchment).
func TestModelsConserveSupply(t *testing.T) {
	vs, ss := randomRegion(4, 500, 150)
	for i := range ss {
		if i%4 == 0 {
			ss[i].Capacity, ss[i].HasCapacity = float64(1+i%3), true
		}
	}
	p := DefaultParams()
	p.Models = []ModelSpec{{Model: access.Model{Kind: access.TwoStep}, Decay: access.Step{T: 8000}}}
	p.Catchment = 8000
	r, err := Compute(context.Background(), vs, ss, p)
	if err != nil {
		t.Fatal(err)
	}
	for c, cat := range r.Categories {
		var sumPA, sumS float64
		vals := r.models[c][0].values
		for v := range vs {
			if vs[v].HasPopulation && !math.IsNaN(vals[v]) {
				sumPA += vs[v].Population * vals[v]
			}
		}
		for s, st := range r.models[c][0].perService {
			if st.Weighted > 0 {
				if ss[s].HasCapacity {
					sumS += ss[s].Capacity
				} else {
					sumS++
				}
			}
		}
		if sumS == 0 || math.Abs(sumPA-sumS) > 1e-9*sumS {
			t.Errorf("%s: Σ P·A = %v, Σ S = %v", cat, sumPA, sumS)
		}
	}
	// Values are in the village table, and inequality rows exist.
	vt := VillageTableOf(r)
	if vt.Index("post_access_2sfca") < 0 {
		t.Fatal("no post_access_2sfca column")
	}
	if it := InequalityTableOf(r); it.Len == 0 {
		t.Fatal("empty inequality table")
	}
}
