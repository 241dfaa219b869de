package analysis

import (
	"bytes"
	"context"
	"math"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/paulmach/orb"

	"github.com/partons/partons/analysis/analysistest"
	"github.com/partons/partons/datasets"
	"github.com/partons/partons/render/output"
)

var randomRegion = analysistest.RandomRegion

func csvBytes(t *testing.T, r *Result) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := output.WriteCSV(&b, r.VillageTable()); err != nil {
		t.Fatal(err)
	}
	if err := output.WriteCSV(&b, r.AreaTable(r.Aggregates())); err != nil {
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
	changes := []Change{
		{CloseServices: &Selection{IDs: []string{"s0", "s3", "s9"}}},
		{AddServices: []datasets.Service{{ID: "new", Raw: "post", Country: "BE", Location: orb.Point{2.9, 50.9}}}},
	}
	v, err := ApplyChanges(vs, ss, changes, func(s string) string { return s })
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
	same, err := ApplyChanges(vs, ss, nil, func(s string) string { return s })
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
		closed, err := ApplyChanges(vs, ss, []Change{{CloseServices: &Selection{IDs: closeIDs}}}, func(s string) string { return s })
		if err != nil {
			t.Fatal(err)
		}
		opened, err := ApplyChanges(vs, ss, []Change{{AddServices: []datasets.Service{
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

func TestApplyChangesErrors(t *testing.T) {
	vs, ss := randomRegion(1, 20, 9)
	id := func(s string) string { return s }
	cases := []struct {
		name string
		c    Change
		want string
	}{
		{"unknown service", Change{CloseServices: &Selection{IDs: []string{"nope"}}}, `no service has id "nope"`},
		{"category absent", Change{CloseServices: &Selection{Category: "dentist"}}, `no service of category "dentist"`},
		{"filter selects nothing", Change{CloseServices: &Selection{Category: "post", Country: "LU"}}, "selects no service"},
		{"add new category", Change{AddServices: []datasets.Service{{ID: "x", Raw: "bank", Location: orb.Point{2.5, 50.9}}}}, "not in the base data"},
		{"duplicate id", Change{AddServices: []datasets.Service{{ID: "s1", Raw: "post", Location: orb.Point{2.5, 50.9}}}}, "unique"},
		{"unknown village", Change{MobileService: &MobileService{IDPrefix: "m", Category: "post", Villages: []string{"zz"}}}, `no village has id "zz"`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ApplyChanges(vs, ss, []Change{tc.c}, id)
			if err == nil || !bytes.Contains([]byte(err.Error()), []byte(tc.want)) {
				t.Fatalf("err = %v, want %q", err, tc.want)
			}
		})
	}
}

// A close_services filter may name the category by a raw value or label
// that maps to it, as added services do: it closes the same services.
func TestCloseFilterMapsCategory(t *testing.T) {
	vs, ss := randomRegion(1, 20, 9)
	mapCat := func(s string) string {
		if s == "amenity=post_office" || s == "Post" {
			return "post"
		}
		return s
	}
	byName, err := ApplyChanges(vs, ss, []Change{{CloseServices: &Selection{Category: "post"}}}, mapCat)
	if err != nil {
		t.Fatal(err)
	}
	if len(byName.Closed) == 0 {
		t.Fatal("closing post closed nothing")
	}
	for _, raw := range []string{"amenity=post_office", "Post"} {
		v, err := ApplyChanges(vs, ss, []Change{{CloseServices: &Selection{Category: raw}}}, mapCat)
		if err != nil {
			t.Fatalf("%s: %v", raw, err)
		}
		if !reflect.DeepEqual(v.Closed, byName.Closed) {
			t.Errorf("%s closed %v, post closed %v", raw, v.Closed, byName.Closed)
		}
	}
}
