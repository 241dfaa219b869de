package analysis

import (
	"bytes"
	"context"
	"testing"

	"github.com/paulmach/orb"

	"github.com/partons/partons/analysis/variant"
	"github.com/partons/partons/datasets"
	"github.com/partons/partons/render/output"
	"github.com/partons/partons/travel"
)

// TestAggregatesFromEqualsAggregates: the aggregates of a variant that
// copy the untouched categories from the base's write the same areas.csv
// as those computed afresh, whatever the change: one category closed
// (inside or outside the basket), villages changed (every category
// computed), nothing changed; and the untouched categories are indeed
// copied.
func TestAggregatesFromEqualsAggregates(t *testing.T) {
	ctx := context.Background()
	vs, ss := randomRegion(5, 400, 90)
	p := DefaultParams()
	p.Basket = []BasketMember{{Name: "b", Categories: []string{"post", "pharmacy"}}}
	base, err := Compute(ctx, vs, ss, p)
	if err != nil {
		t.Fatal(err)
	}
	baseAggs := AggregatesOf(base)
	p.Coverage = base.Coverage
	cases := []struct {
		name    string
		changes []variant.Change
		copied  []string // categories whose aggregates must be the base's
	}{
		{"bakery, outside the basket", []variant.Change{{CloseServices: &variant.Selection{IDs: []string{"s2", "s5"}}}}, []string{"post", "pharmacy", BasketCategory}},
		{"post, in the basket", []variant.Change{{CloseServices: &variant.Selection{IDs: []string{"s0"}}}}, []string{"pharmacy", "bakery"}},
		{"added villages", []variant.Change{{AddVillages: []datasets.Village{{ID: "nv", Country: "BE", Location: orb.Point{2.6, 50.9}}}}}, nil},
		{"nothing", nil, []string{"post", "pharmacy", "bakery", BasketCategory}},
	}
	for _, tc := range cases {
		v, err := variant.Apply(vs, ss, tc.changes, func(s string) string { return s })
		if err != nil {
			t.Fatal(err)
		}
		res, err := Recompute(ctx, base, v, p)
		if err != nil {
			t.Fatal(err)
		}
		got, want := AggregatesFromOf(res, base, baseAggs), AggregatesOf(res)
		if a, b := areaCSV(t, res, got), areaCSV(t, res, want); !bytes.Equal(a, b) {
			t.Errorf("%s: areas.csv differs when the base's aggregates are reused", tc.name)
		}
		copied := map[string]bool{}
		for i := range got {
			if i < len(baseAggs) && len(got[i].ShareWithin) > 0 && len(baseAggs[i].ShareWithin) > 0 &&
				&got[i].ShareWithin[0] == &baseAggs[i].ShareWithin[0] {
				copied[got[i].Category] = true
			}
		}
		for _, c := range tc.copied {
			if !copied[c] {
				t.Errorf("%s: the aggregates of %s were computed again", tc.name, c)
			}
		}
		if len(copied) != len(tc.copied) {
			t.Errorf("%s: copied %v, want %v", tc.name, copied, tc.copied)
		}
	}
	// A result not rebuilt from this base copies nothing.
	other, err := Compute(ctx, vs, ss, p)
	if err != nil {
		t.Fatal(err)
	}
	if got := AggregatesFromOf(other, base, baseAggs); &got[0].ShareWithin[0] == &baseAggs[0].ShareWithin[0] {
		t.Error("a result not rebuilt from the base reuses its aggregates")
	}
}

// TestAggregatesFromModes: with a further travel mode, a variant closing
// a post office copies the shop's aggregates (its bus times too), and one
// changing the mode computes every category again; both equal Aggregates.
func TestAggregatesFromModes(t *testing.T) {
	ctx := context.Background()
	villages := []datasets.Village{village("v0", "AA", 0.01, 100), village("v1", "AA", 0.02, 200),
		village("v2", "BB", 0.05, 300), village("v3", "AA", 0.03, 50)}
	services := []datasets.Service{service("s0", "post", "AA", 0.00), service("s1", "post", "BB", 0.05),
		service("h0", "shop", "AA", 0.015), service("h1", "shop", "BB", 0.045)}
	p := DefaultParams()
	p.Modes = []travel.Mode{newIDMode(1)}
	base, err := Compute(ctx, villages, services, p)
	if err != nil {
		t.Fatal(err)
	}
	baseAggs := AggregatesOf(base)
	p.Coverage, p.CoverageRules = base.Coverage, base.CoverageRules
	faster := p
	faster.Modes = []travel.Mode{newIDMode(0.5)}
	for _, tc := range []struct {
		name   string
		change variant.Change
		p      Params
		shop   bool // the shop's aggregates are the base's
	}{
		{"close s0", variant.Change{CloseServices: &variant.Selection{IDs: []string{"s0"}}}, p, true},
		{"faster bus", variant.Change{Modes: true}, faster, false},
	} {
		v, err := variant.Apply(villages, services, []variant.Change{tc.change}, func(s string) string { return s })
		if err != nil {
			t.Fatal(err)
		}
		res, err := Recompute(ctx, base, v, tc.p)
		if err != nil {
			t.Fatal(err)
		}
		got := AggregatesFromOf(res, base, baseAggs)
		if !bytes.Equal(areaCSV(t, res, got), areaCSV(t, res, AggregatesOf(res))) {
			t.Errorf("%s: areas.csv differs when the base's aggregates are reused", tc.name)
		}
		shop := false
		for i := range got {
			if got[i].Category == "shop" && &got[i].ShareWithin[0] == &baseAggs[i].ShareWithin[0] {
				shop = true
			}
		}
		if shop != tc.shop {
			t.Errorf("%s: shop aggregates copied %v, want %v", tc.name, shop, tc.shop)
		}
	}
}

func areaCSV(t *testing.T, r *Result, aggs []Aggregate) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := output.WriteCSV(&b, AreaTableOf(r, aggs)); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}
