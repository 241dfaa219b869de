package analysis

import (
	"bytes"
	"context"
	"testing"

	"github.com/partons/partons/analysis/variant"
	"github.com/partons/partons/datasets"
	"github.com/partons/partons/geo/road"
)

// TestRecomputeRoadsReusesVillageSnaps: on the border line, a variant
// closing the Belgian post office (BE village at 0.00 then reaches the
// French one, 4 edges away) writes the same villages.csv and areas.csv
// as a full computation, with the base's village snaps; a closed border
// computes everything again, snaps included.
func TestRecomputeRoadsReusesVillageSnaps(t *testing.T) {
	ctx := context.Background()
	villages := []datasets.Village{village("be", "BE", 0.00, 100), village("fr", "FR", 0.03, 100), village("mid", "BE", 0.015, 50)}
	services := []datasets.Service{service("be-post", "post", "BE", 0.02), service("fr-post", "post", "FR", 0.04),
		service("be-shop", "shop", "BE", 0.01)}
	p := DefaultParams()
	p.Road = DefaultRoadParams(road.Car)
	p.Road.Graph, p.Road.RouteBy = borderLine(t), road.Length
	p.Road.CountryLabel = func(c string) uint8 { return map[string]uint8{"BE": 1, "FR": 2}[c] }
	base, err := Compute(ctx, villages, services, p)
	if err != nil {
		t.Fatal(err)
	}
	p.Coverage, p.CoverageRules = base.Coverage, base.CoverageRules
	for _, tc := range []struct {
		name   string
		change variant.Change
		shared bool
	}{
		{"close be-post", variant.Change{CloseServices: &variant.Selection{IDs: []string{"be-post"}}}, true},
		{"closed border", variant.Change{CloseBorder: true}, false},
	} {
		v, err := variant.Apply(villages, services, []variant.Change{tc.change}, func(s string) string { return s })
		if err != nil {
			t.Fatal(err)
		}
		pv := p
		rp := *p.Road
		pv.Road, rp.ClosedBorder = &rp, v.CloseBorder
		inc, err := Recompute(ctx, base, v, pv)
		if err != nil {
			t.Fatal(err)
		}
		full, err := Compute(ctx, v.Villages, v.Services, pv)
		if err != nil {
			t.Fatal(err)
		}
		if a, b := csvBytes(t, inc), csvBytes(t, full); !bytes.Equal(a, b) {
			t.Errorf("%s: incremental and full differ:\n%s\n---\n%s", tc.name, a, b)
		}
		if shared := &inc.road.villageSnap[0] == &base.road.villageSnap[0]; shared != tc.shared {
			t.Errorf("%s: village snaps shared %v, want %v", tc.name, shared, tc.shared)
		}
	}
	// be now reaches fr-post: 4 edges of a centidegree each.
	v, _ := variant.Apply(villages, services, []variant.Change{{CloseServices: &variant.Selection{IDs: []string{"be-post"}}}}, func(s string) string { return s })
	inc, err := Recompute(ctx, base, v, p)
	if err != nil {
		t.Fatal(err)
	}
	near(t, "be to the post by road", inc.RoadBlock().Cells[0][0].Metrics[0], 4*metresPerCentiDegree)
}
