package analysis

import (
	"bytes"
	"context"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"

	"github.com/partons/partons/analysis/analysistest"
	"github.com/partons/partons/analysis/variant"
	"github.com/partons/partons/datasets"
	"github.com/partons/partons/render/output"
)

var randomRegion = analysistest.RandomRegion

func csvBytes(t *testing.T, r *Result) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := output.WriteCSV(&b, VillageTableOf(r)); err != nil {
		t.Fatal(err)
	}
	if err := output.WriteCSV(&b, AreaTableOf(r, AggregatesOf(r))); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestRecomputeIncrementalEqualsFull: recomputing only the touched
// categories gives the same report as recomputing everything.
func TestRecomputeIncrementalEqualsFull(t *testing.T) {
	vs, ss := randomRegion(3, 400, 120)
	p := DefaultParams()
	p.Basket = []BasketMember{{Name: "b", Categories: []string{"post", "pharmacy"}}}
	ctx := context.Background()
	base, err := Compute(ctx, vs, ss, p)
	if err != nil {
		t.Fatal(err)
	}
	p.Coverage = base.Coverage
	changes := []variant.Change{
		{CloseServices: &variant.Selection{IDs: []string{"s0", "s3", "s9"}}},
		{AddServices: []datasets.Service{{ID: "new", Raw: "post", Country: "BE", Location: orb.Point{2.9, 50.9}}}},
	}
	v, err := variant.Apply(vs, ss, changes, func(s string) string { return s })
	if err != nil {
		t.Fatal(err)
	}
	if v.Full || len(v.Touched) != 1 || !v.Touched["post"] {
		t.Fatalf("touched = %v full %v", v.Touched, v.Full)
	}
	inc, err := Recompute(ctx, base, v, p)
	if err != nil {
		t.Fatal(err)
	}
	full, err := Compute(ctx, v.Villages, v.Services, p)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(csvBytes(t, inc), csvBytes(t, full)) {
		t.Fatal("incremental and full recomputation differ")
	}
	// A variant without changes equals the base byte for byte.
	same, err := variant.Apply(vs, ss, nil, func(s string) string { return s })
	if err != nil {
		t.Fatal(err)
	}
	r, err := Recompute(ctx, base, same, p)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(csvBytes(t, r), csvBytes(t, base)) {
		t.Fatal("a variant without changes differs from the base")
	}
}

// TestClosingNeverImprovesOpeningNeverWorsens on random instances.
func TestClosingNeverImprovesOpeningNeverWorsens(t *testing.T) {
	ctx := context.Background()
	for seed := uint64(1); seed <= 5; seed++ {
		vs, ss := randomRegion(seed, 300, 90)
		p := DefaultParams()
		base, err := Compute(ctx, vs, ss, p)
		if err != nil {
			t.Fatal(err)
		}
		p.Coverage = base.Coverage
		rng := rand.New(rand.NewPCG(seed, 9))
		closeIDs := []string{ss[rng.IntN(len(ss))].ID, ss[rng.IntN(len(ss))].ID}
		closed, err := variant.Apply(vs, ss, []variant.Change{{CloseServices: &variant.Selection{IDs: closeIDs}}}, func(s string) string { return s })
		if err != nil {
			t.Fatal(err)
		}
		opened, err := variant.Apply(vs, ss, []variant.Change{{AddServices: []datasets.Service{
			{ID: "n1", Raw: "post", Country: "BE", Location: orb.Point{2 + 1.3*rng.Float64(), 50.85 + 0.3*rng.Float64()}},
			{ID: "n2", Raw: "bakery", Country: "FR", Location: orb.Point{2 + 1.3*rng.Float64(), 50.55 + 0.2*rng.Float64()}}}}},
			func(s string) string { return s })
		if err != nil {
			t.Fatal(err)
		}
		rc, err := Recompute(ctx, base, closed, p)
		if err != nil {
			t.Fatal(err)
		}
		ro, err := Recompute(ctx, base, opened, p)
		if err != nil {
			t.Fatal(err)
		}
		for v := range vs {
			for c := range base.Categories {
				b := base.distance(v, c, BasisNearest)
				if x := rc.distance(v, c, BasisNearest); !(x >= b) && !(math.IsNaN(x) && math.IsNaN(b)) {
					t.Fatalf("seed %d: closing improved village %d %s: %v -> %v", seed, v, base.Categories[c], b, x)
				}
				if x := ro.distance(v, c, BasisNearest); !(x <= b) && !(math.IsNaN(x) && math.IsNaN(b)) {
					t.Fatalf("seed %d: opening worsened village %d %s: %v -> %v", seed, v, base.Categories[c], b, x)
				}
				for _, basis := range []Basis{BasisDomestic} {
					b2 := base.distance(v, c, basis)
					if x := rc.distance(v, c, basis); !(x >= b2) && !(math.IsNaN(x) && math.IsNaN(b2)) {
						t.Fatalf("closing improved the domestic distance")
					}
				}
			}
		}
	}
}
