package traveltest

import (
	"context"
	"errors"
	"math"
	"testing"

	"github.com/partons/partons/travel"
)

// Check verifies the travel.Mode contract on villages and services: a
// valid Schema; Snap and every search return ctx.Err() when cancelled;
// Costs keeps the sparse invariants; and Nearest agrees with Costs (for
// each village and part, the best service is the cheapest pair of the
// part by Costs, ties to the lower service index, and its Cost equals the
// pair's). Modes whose Nearest ranks by something other than Costs (a
// timetable's median over departures, say) still pass: Costs must then
// report that same figure.
func Check(t testing.TB, m travel.Mode, villages, services []travel.Place, cats []travel.Category) {
	t.Helper()
	s := m.Schema()
	if err := s.Validate(); err != nil {
		t.Fatalf("Schema: %v", err)
	}
	ctx := context.Background()
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := m.Snap(cancelled, villages, services); !errors.Is(err, context.Canceled) {
		t.Errorf("Snap with a cancelled context: %v, want context.Canceled", err)
	}
	sn, err := m.Snap(ctx, villages, services)
	if err != nil {
		t.Fatalf("Snap: %v", err)
	}
	all := make([]int32, len(services))
	for j := range all {
		all[j] = int32(j)
	}
	if _, err := sn.Costs(cancelled, all, math.Inf(1)); !errors.Is(err, context.Canceled) && len(villages) > 0 {
		t.Errorf("Costs with a cancelled context: %v, want context.Canceled", err)
	}
	if _, err := sn.Nearest(cancelled, cats); !errors.Is(err, context.Canceled) && len(cats) > 0 {
		t.Errorf("Nearest with a cancelled context: %v, want context.Canceled", err)
	}
	costs, err := sn.Costs(ctx, all, math.Inf(1))
	if err != nil {
		t.Fatalf("Costs: %v", err)
	}
	if err := costs.Check(); err != nil {
		t.Fatalf("Costs invariants: %v", err)
	}
	if costs.NumDemand() != len(villages) || costs.NumSupply() != len(services) {
		t.Fatalf("Costs is %d × %d, want %d × %d", costs.NumDemand(), costs.NumSupply(), len(villages), len(services))
	}
	reach, err := sn.Nearest(ctx, cats)
	if err != nil {
		t.Fatalf("Nearest: %v", err)
	}
	if len(reach) != len(cats) {
		t.Fatalf("Nearest answered %d categories, want %d", len(reach), len(cats))
	}
	for c, cat := range cats {
		if len(reach[c]) != len(cat.Parts) {
			t.Fatalf("%s: %d parts answered, want %d", cat.Name, len(reach[c]), len(cat.Parts))
		}
		for p, part := range cat.Parts {
			r := reach[c][p]
			if len(r.Service) != len(villages) || len(r.Cost) != len(villages) || len(r.Status) != len(villages) || len(r.Metrics) != len(s.Metrics) {
				t.Fatalf("%s part %d: columns of the wrong length", cat.Name, p)
			}
			in := map[int32]bool{}
			for _, j := range part.Services {
				in[j] = true
			}
			for i := range villages {
				want, wantCost := int32(-1), math.Inf(1)
				sup, cost := costs.Demand(i)
				for k, j := range sup {
					if in[j] && (cost[k] < wantCost || cost[k] == wantCost && j < want) {
						want, wantCost = j, cost[k]
					}
				}
				got := r.Service[i]
				switch {
				case got != want:
					t.Errorf("%s part %d village %d: nearest service %d, Costs says %d", cat.Name, p, i, got, want)
				case got >= 0 && r.Cost[i] != wantCost:
					t.Errorf("%s part %d village %d: cost %v status %v, Costs says %v", cat.Name, p, i, r.Cost[i], r.Status[i], wantCost)
				case got < 0 && (!math.IsNaN(r.Cost[i]) || r.Status[i] == travel.CodeOK):
					t.Errorf("%s part %d village %d: nothing reached but cost %v status %v", cat.Name, p, i, r.Cost[i], r.Status[i])
				}
			}
		}
	}
}
