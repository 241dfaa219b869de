package analysis

import (
	"bytes"
	"context"
	"math"
	"testing"

	"github.com/paulmach/orb"

	"github.com/partons/partons/analysis/analysistest"
	"github.com/partons/partons/analysis/variant"
	"github.com/partons/partons/datasets"
	"github.com/partons/partons/geo/road"
	"github.com/partons/partons/travel"
)

// TestRoadIsAModeBlock: road results are the first mode block, read by
// the tables, the aggregates and the variants as any mode's. On the
// border line (vertices every centidegree, BE at 0.00–0.02, FR at
// 0.03–0.04), by length:
//   - "be" (BE, vertex 0) reaches be-post (vertex 2) in 2 edges, and
//     fr-post (vertex 4) abroad in 4;
//   - "fr" (FR, vertex 3) reaches fr-post in 1 edge and be-post abroad
//     in 1: a tie, won by the lower service index, be-post;
//   - "off" lies a degree north of the line, beyond the 1 km snapping
//     tolerance: unsnapped.
//
// A variant that changes the further mode computes that mode again and
// keeps the road's block, with the same report as a full computation.
func TestRoadIsAModeBlock(t *testing.T) {
	ctx := context.Background()
	off := datasets.Village{ID: "off", Name: "off", Country: "BE", Location: orb.Point{0.01, 1}, Geometry: orb.Point{0.01, 1},
		Population: 7, HasPopulation: true}
	villages := []datasets.Village{village("be", "BE", 0.00, 100), village("fr", "FR", 0.03, 50), off}
	services := []datasets.Service{service("be-post", "post", "BE", 0.02), service("fr-post", "post", "FR", 0.04)}
	bus := func(scale float64) *idMode {
		return analysistest.IDModeOf(map[string][]float64{"be-post": {5, 20, 30}, "fr-post": {25, 3, 30}}, scale)
	}
	p := DefaultParams()
	p.Road = DefaultRoadParams(road.Car)
	p.Road.Graph, p.Road.RouteBy = borderLine(t), road.Length
	p.Road.CountryLabel = func(c string) uint8 { return map[string]uint8{"BE": 1, "FR": 2}[c] }
	p.Modes = []travel.Mode{bus(1)}
	base, err := Compute(ctx, villages, services, p)
	if err != nil {
		t.Fatal(err)
	}
	if len(base.Modes) != 2 || base.Modes[0] != base.RoadBlock() || base.Modes[1].Schema.Name != "bus" || base.Mode("road") != base.RoadBlock() {
		t.Fatalf("mode blocks %d, want road then bus", len(base.Modes))
	}
	rb := base.RoadBlock()
	m, mn := rb.Schema.MetricIndex("m"), rb.Schema.MetricIndex("min")
	cell := rb.Cells[0][0]
	if cell.Status != "ok" || base.Services[cell.Service].ID != "be-post" {
		t.Errorf("be: %+v, want ok to be-post", cell)
	}
	near(t, "be road m", cell.Metrics[m], 2*metresPerCentiDegree)
	near(t, "be road min", cell.Metrics[mn], 2*metresPerCentiDegree/(50/3.6)/60)
	near(t, "be road domestic m", cell.Domestic, 2*metresPerCentiDegree)
	near(t, "be road abroad m", cell.Abroad, 4*metresPerCentiDegree)
	cell = rb.Cells[1][0]
	if cell.Status != "ok" || base.Services[cell.Service].ID != "be-post" {
		t.Errorf("fr: %+v, want ok to be-post", cell)
	}
	near(t, "fr road m", cell.Metrics[m], metresPerCentiDegree)
	near(t, "fr road domestic m", cell.Domestic, metresPerCentiDegree)
	near(t, "fr road abroad m", cell.Abroad, metresPerCentiDegree)
	if cell = rb.Cells[2][0]; cell.Status != "unsnapped" || cell.Service != -1 || !math.IsNaN(cell.Metrics[m]) || cell.None {
		t.Errorf("off: %+v, want unsnapped, no service, unknown", cell)
	}
	if got := base.ModeValue(BasisRoadM, 2, 0); !math.IsNaN(got) {
		t.Errorf("off on road_m: %v, want unknown", got)
	}

	// The road_m aggregate of everything counts the unsnapped village and
	// its 7 people, and measures the 150 others.
	var all *Aggregate
	aggs := AggregatesForOf(base, BasisRoadM)
	for i := range aggs {
		if aggs[i].Level == LevelAll {
			all = &aggs[i]
		}
	}
	if all == nil {
		t.Fatal("no road_m aggregate of everything")
	}
	want := []StatusCount{{"unsnapped", 1, 7}, {"unreachable", 0, 0}}
	if len(all.Statuses) != 2 || all.Statuses[0] != want[0] || all.Statuses[1] != want[1] || all.PopulationMeasured != 150 {
		t.Errorf("road_m statuses %+v, measured %v; want %+v, 150", all.Statuses, all.PopulationMeasured, want)
	}

	// The bus twice as fast: the bus block again, the road's kept.
	p.Coverage, p.CoverageRules = base.Coverage, base.CoverageRules
	pm := p
	pm.Modes = []travel.Mode{bus(0.5)}
	v, err := variant.Apply(villages, services, []variant.Change{{Modes: true}}, func(s string) string { return s })
	if err != nil {
		t.Fatal(err)
	}
	inc, err := Recompute(ctx, base, v, pm)
	if err != nil {
		t.Fatal(err)
	}
	full, err := Compute(ctx, v.Villages, v.Services, pm)
	if err != nil {
		t.Fatal(err)
	}
	if a, b := csvBytes(t, inc), csvBytes(t, full); !bytes.Equal(a, b) {
		t.Fatalf("incremental and full differ:\n%s\n---\n%s", a, b)
	}
	if len(inc.Modes) != 2 || inc.RoadBlock() != inc.Modes[0] || inc.Modes[1].Schema.Name != "bus" {
		t.Fatalf("variant mode blocks: %d, want road then bus", len(inc.Modes))
	}
	if g := inc.Mode("bus").Cells[1][0].Metrics[0]; g != 1.5 {
		t.Errorf("fr post by the faster bus %v min, want 1.5", g)
	}
}

// TestRoadStatusPrecedence: a village off the network says so before the
// coverage of its category, and stays unknown (never "no service") even
// under a closed border in front of a country without the service; its
// village status names the road's reason only, before a further mode's.
// Post is offered in FR only (vertex 4); "be" (BE, vertex 0) is on the
// network, "off" (BE) a degree north of it; the bus reaches nothing.
func TestRoadStatusPrecedence(t *testing.T) {
	ctx := context.Background()
	off := datasets.Village{ID: "off", Name: "off", Country: "BE", Location: orb.Point{0.01, 1}, Geometry: orb.Point{0.01, 1},
		Population: 7, HasPopulation: true}
	villages := []datasets.Village{village("be", "BE", 0.00, 100), off}
	frPost, bePost := service("fr-post", "post", "FR", 0.04), service("be-post", "post", "BE", 0.02)
	inf := math.Inf(1)
	for _, tc := range []struct {
		name              string
		services          []datasets.Service
		declared, closed  bool
		beStatus          string
		beValue, offValue float64
		offVillage        string
	}{
		// Without a declared coverage, post is taken as covered in FR only.
		{name: "partial coverage", services: []datasets.Service{frPost}, beStatus: "domestic_not_covered",
			beValue: math.NaN(), offValue: math.NaN(), offVillage: "post:domestic_not_covered"},
		// Declared in both: BE has no post; the closed border keeps "be"
		// from the French one (none, for a fact), "off" is unknown.
		{name: "closed border", services: []datasets.Service{frPost}, declared: true, closed: true, beStatus: "unreachable",
			beValue: inf, offValue: math.NaN(), offVillage: "post:no_domestic_service"},
		// A post office on each side: "off" is fine by straight line,
		// off the road network and unreachable by bus; its status gives
		// the road's reason only.
		{name: "both sides", services: []datasets.Service{bePost, frPost}, beStatus: "ok",
			beValue: 2 * metresPerCentiDegree, offValue: math.NaN(), offVillage: "post:unsnapped"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := DefaultParams()
			p.Road = DefaultRoadParams(road.Car)
			p.Road.Graph, p.Road.RouteBy, p.Road.ClosedBorder = borderLine(t), road.Length, tc.closed
			p.Road.CountryLabel = func(c string) uint8 { return map[string]uint8{"BE": 1, "FR": 2}[c] }
			p.Modes = []travel.Mode{analysistest.IDModeOf(map[string][]float64{"fr-post": {inf, inf}, "be-post": {inf, inf}}, 1)}
			if tc.declared {
				p.Coverage = Coverage{"post": {"BE": true, "FR": true}}
			}
			r, err := Compute(ctx, villages, tc.services, p)
			if err != nil {
				t.Fatal(err)
			}
			rb := r.RoadBlock()
			if got := rb.Cells[0][0].Status; got != tc.beStatus {
				t.Errorf("be road status %q, want %q", got, tc.beStatus)
			}
			if got := rb.Cells[1][0].Status; got != "unsnapped" {
				t.Errorf("off road status %q, want unsnapped", got)
			}
			for v, want := range []float64{tc.beValue, tc.offValue} {
				got := r.ModeValue(BasisRoadM, v, 0)
				if same := got == want || (math.IsNaN(got) && math.IsNaN(want)) || math.Abs(got-want) < 1e-6; !same {
					t.Errorf("%s on road_m: %v, want %v", villages[v].ID, got, want)
				}
			}
			vt := VillageTableOf(r)
			if got := vt.Row(1, nil)[vt.Index("status")].Text(); got != tc.offVillage {
				t.Errorf("off village status %q, want %q", got, tc.offVillage)
			}
		})
	}
}
