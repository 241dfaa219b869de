package analysis

import (
	"context"
	"errors"
	"fmt"

	"github.com/partons/partons/datasets"
	"github.com/partons/partons/geo/geodesic"
	"github.com/partons/partons/geo/road"
	"github.com/partons/partons/travel"
)

// Assigned is the service a location model assigned one village to and
// what reaching it costs.
type Assigned struct {
	Service int32   // index into the services; -1: none (none reachable)
	Cost    float64 // in the model's unit (see FromAssignment)
}

// FromAssignment is the Result of villages measured against services of
// one category as a location model assigned them: each village's service
// is the one it was assigned, not the nearest found by a new search, so a
// report shows what the model computed.
//
// Costs are straight-line metres without p.Road. With p.Road and its
// Graph they were measured on that network: route lengths in metres when
// p.Road.RouteBy is road.Length, travel times in minutes otherwise; the
// other road figure is then unknown (NaN), and the straight-line distance
// is the geodesic to the assigned service. A village with no service is
// unreachable: no distance, Status OK (the category is covered; nothing
// can be reached). p.CrossBorder must be false (a model has no domestic
// and abroad sides). O(villages).
func FromAssignment(villages []datasets.Village, services []datasets.Service, p Params, assigned []Assigned) (*Result, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	if p.CrossBorder {
		return nil, fmt.Errorf("analysis: an assignment has no cross-border metrics")
	}
	if len(assigned) != len(villages) {
		return nil, fmt.Errorf("analysis: %d assignments for %d villages", len(assigned), len(villages))
	}
	r := &Result{Params: p, Villages: villages, Services: services}
	r.Categories = categories(services, p.Categories)
	if len(r.Categories) != 1 {
		return nil, fmt.Errorf("analysis: an assignment measures one category, not %d", len(r.Categories))
	}
	r.Countries = countries(villages, services)
	r.Coverage, r.CoverageRules = effectiveCoverage(p, services)
	r.BasketCategories = basketCategories(p.Basket, r.Categories)
	routed := p.Road != nil && p.Road.Graph != nil
	byLength := routed && p.Road.RouteBy == road.Length
	r.Rows = make([]VillageResult, len(villages))
	var rb *ModeBlock
	if routed {
		s := travel.RoadSchema(p.Road.RouteBy, p.Road.ClosedBorder)
		rb = &ModeBlock{Schema: s, road: true, Snapped: assignedSnaps{}, Cells: make([][]ModeCell, len(villages))}
		r.Modes = []*ModeBlock{rb}
	}
	for v, a := range assigned {
		if a.Service >= int32(len(services)) || a.Service < -1 {
			return nil, fmt.Errorf("analysis: village %d assigned to service %d of %d", v, a.Service, len(services))
		}
		cr := CategoryResult{NearestM: nan, DomesticM: nan, AbroadM: nan, NearestService: -1, DomesticService: -1, AbroadService: -1}
		rr := ModeCell{Status: "unreachable", Service: -1, Metrics: []float64{nan, nan}, Cost: nan, Domestic: nan, Abroad: nan}
		if a.Service >= 0 {
			if services[a.Service].Category != r.Categories[0] {
				return nil, fmt.Errorf("analysis: village %d assigned to a service of category %q", v, services[a.Service].Category)
			}
			cr.NearestService = a.Service
			cr.NearestM = a.Cost
			if routed {
				cr.NearestM = geodesic.Distance(villages[v].Location, services[a.Service].Location)
				rr.Status, rr.Service, rr.Cost = "ok", a.Service, a.Cost
				if byLength {
					rr.Metrics[0] = a.Cost
				} else {
					rr.Metrics[1] = a.Cost
				}
			}
		}
		row := VillageResult{Cats: []CategoryResult{cr}}
		if rb != nil {
			rb.Cells[v] = []ModeCell{rr}
		}
		row.Basket = r.basket(row.Cats, false)
		r.Rows[v] = row
	}
	return r, nil
}

// assignedSnaps stands for the road snaps behind an assignment: the
// model's costs were measured on the network before, so no place has a
// snap here (NaN) and none is left out.
type assignedSnaps struct{}

func (assignedSnaps) Village(int) travel.Snap       { return travel.Snap{DistM: nan, OK: true} }
func (assignedSnaps) Service(int) travel.Snap       { return travel.Snap{DistM: nan, OK: true} }
func (assignedSnaps) VillageValue(int, int) float64 { return nan }
func (assignedSnaps) Nearest(context.Context, []travel.Category) ([][]travel.Reach, error) {
	return nil, errAssigned
}
func (assignedSnaps) Costs(context.Context, []int32, float64) (*travel.Costs, error) {
	return nil, errAssigned
}

var errAssigned = errors.New("analysis: an assignment's result answers no new query")
