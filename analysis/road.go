package analysis

import (
	"context"
	"fmt"
	"math"

	"github.com/partons/partons/datasets"
	"github.com/partons/partons/geo/road"
	"github.com/partons/partons/travel"
)

// RoadParams configure road metrics. With Graph nil, road distances and
// times are estimated from straight-line distances (DetourFactor,
// SpeedKmh) and written in columns marked _est.
type RoadParams struct {
	Graph   *road.Graph  // the routable network, one profile
	Profile road.Profile // travel mode (for estimates and the manifest)

	// RouteBy is what routes minimise: road.Time (default: the fastest
	// route) or road.Length (the shortest).
	RouteBy road.Weight

	// SnapM is the snapping tolerance in metres: a village or service
	// farther from every routable edge is unsnapped.
	SnapM float64

	// MaxRoadM and MaxTimeMin cut searches off (0: none); services beyond
	// are unreachable for that village.
	MaxRoadM, MaxTimeMin float64

	// ClosedBorder forbids crossing a national border (the graph must
	// carry country labels, see road.Graph.SetVertexLabels). CountryLabel
	// gives the vertex label of a country code (0: unknown); villages and
	// services then snap only onto edges of their own country.
	ClosedBorder bool
	CountryLabel func(country string) uint8

	// TimeThresholdsMin are the travel-time thresholds of the coverage
	// shares in areas.csv, ascending.
	TimeThresholdsMin []float64

	// DetourFactor and SpeedKmh turn straight-line distances into the
	// estimates used when Graph is nil. With a Graph, SpeedKmh is the
	// speed of the legs between each village or service and its point on
	// the network: road lengths and times include both legs (see
	// road.Search.LegSpeedKmh), so a road figure is never below the
	// straight line.
	DetourFactor, SpeedKmh float64
}

// DefaultTimeThresholdsMin are 5, 10, 15 and 30 minutes.
var DefaultTimeThresholdsMin = []float64{5, 10, 15, 30}

// Estimate is the documented default of the straight-line estimate for a
// profile: route length = straight line × detour factor, at a constant
// speed. 15 real cross-border car routes of 17–124 km around Lille,
// Dunkerque and Ypres had route/straight ratios of 1.12–1.29 (median 1.18)
// at a median 66 km/h; trips between villages are shorter, more circuitous
// and slower, hence 1.3 and 45 km/h by car. Bicycle and foot use the
// routing profiles' speeds (15 and 4.8 km/h: 1.2 km in 15 minutes, as the
// Flemish indicator assumes).
func Estimate(p road.Profile) (detour, speedKmh float64) {
	switch p {
	case road.Bicycle:
		return 1.3, 15
	case road.Foot:
		return 1.3, 4.8
	}
	return 1.3, 45
}

// DefaultRoadParams returns the defaults for a profile, without a graph.
func DefaultRoadParams(p road.Profile) *RoadParams {
	d, s := Estimate(p)
	return &RoadParams{Profile: p, RouteBy: road.Time, SnapM: 1000,
		TimeThresholdsMin: append([]float64(nil), DefaultTimeThresholdsMin...), DetourFactor: d, SpeedKmh: s}
}

func (rp *RoadParams) validate() error {
	if rp == nil {
		return nil
	}
	if !(rp.SnapM > 0) || math.IsInf(rp.SnapM, 0) {
		return fmt.Errorf("analysis: snapping tolerance %v m: must be positive", rp.SnapM)
	}
	if rp.MaxRoadM < 0 || rp.MaxTimeMin < 0 || math.IsNaN(rp.MaxRoadM) || math.IsNaN(rp.MaxTimeMin) {
		return fmt.Errorf("analysis: road cut-offs must be ≥ 0")
	}
	if rp.MaxRoadM > 0 && rp.MaxTimeMin > 0 {
		return fmt.Errorf("analysis: give either a distance or a time cut-off, not both")
	}
	for i, t := range rp.TimeThresholdsMin {
		if !(t > 0) || math.IsInf(t, 0) || (i > 0 && t <= rp.TimeThresholdsMin[i-1]) {
			return fmt.Errorf("analysis: time thresholds must be positive and strictly ascending, got %v", rp.TimeThresholdsMin)
		}
	}
	if rp.Graph == nil && !(rp.DetourFactor >= 1) {
		return fmt.Errorf("analysis: estimates need a detour factor ≥ 1")
	}
	if !(rp.SpeedKmh > 0) || math.IsInf(rp.SpeedKmh, 0) {
		return fmt.Errorf("analysis: estimates and the legs to the road network need a positive speed, got %v km/h", rp.SpeedKmh)
	}
	return nil
}

// RoadBlock returns the road's mode block (Result.Modes[0] when the
// run was routed on a network), or nil. Its cells follow travel.RoadSchema:
// status, route length ("m") and time ("min"), the chosen service, and
// the best route length at home and abroad.
func (r *Result) RoadBlock() *ModeBlock {
	if len(r.Modes) > 0 && r.Modes[0].road {
		return r.Modes[0]
	}
	return nil
}

// roadState is what Compute keeps of the road run.
type roadState struct {
	snapped     travel.Snapped
	services    []travel.Place // the places snapped (for SnapReusing)
	villageSnap []road.Snap
	villageOK   []bool
	serviceSnap []road.Snap
	serviceOK   []bool
}

// SnapM returns village v's distance to the road network in metres (NaN
// without a network or when no routable road exists).
func (r *Result) SnapM(v int) float64 {
	if r.road == nil {
		return math.NaN()
	}
	return r.road.villageSnap[v].DistM // NaN when no routable road exists
}

// ServiceSnapM returns service s's distance to the road network in metres.
func (r *Result) ServiceSnapM(s int) float64 {
	if r.road == nil || r.road.serviceSnap[s].Edge < 0 {
		return math.NaN()
	}
	return r.road.serviceSnap[s].DistM
}

// RoadSnapped reports whether villages and services were snapped onto a
// road network in this computation (SnapM, ServiceSnapM): a routed run,
// not a location model's assignment.
func (r *Result) RoadSnapped() bool { return r.road != nil }

// ServiceSnapped reports whether service s was snapped within tolerance.
func (r *Result) ServiceSnapped(s int) bool { return r.road != nil && r.road.serviceOK[s] }

// computeRoads snaps villages and services onto the network (the one
// border-aware snapping path of package travel) and runs one multi-source
// search per category and country, seeded at that country's snapped
// services, for every snapped village. With prev, the road state of a
// result over the same villages, their snaps and those of the services
// found again are reused when the settings snap the same way.
func (r *Result) computeRoads(ctx context.Context, cats []*catIndex, prev *roadState) error {
	rp := r.Params.Road
	mode := &travel.Road{Graph: rp.Graph, RouteBy: rp.RouteBy, SnapM: rp.SnapM, ClosedBorder: rp.ClosedBorder,
		CountryLabel: rp.CountryLabel, LegSpeedKmh: rp.SpeedKmh, Workers: r.Workers()}
	switch {
	case rp.MaxRoadM > 0:
		if rp.RouteBy == road.Time {
			return fmt.Errorf("analysis: a distance cut-off needs routes by length")
		}
		mode.MaxCost = rp.MaxRoadM
	case rp.MaxTimeMin > 0:
		if rp.RouteBy == road.Length {
			return fmt.Errorf("analysis: a time cut-off needs routes by time")
		}
		mode.MaxCost = rp.MaxTimeMin
	}
	var sn travel.Snapped
	var err error
	sp := servicePlaces(r.Services)
	if prev != nil {
		sn, err = mode.SnapReusing(ctx, prev.snapped, prev.services, villagePlaces(r.Villages), sp)
	} else {
		sn, err = mode.Snap(ctx, villagePlaces(r.Villages), sp)
	}
	if err != nil {
		return fmt.Errorf("analysis: snapping: %w", err)
	}
	st := &roadState{snapped: sn, services: sp}
	st.villageSnap, st.serviceSnap, _ = travel.RoadSnaps(sn)
	st.villageOK, st.serviceOK = make([]bool, len(r.Villages)), make([]bool, len(r.Services))
	for v := range st.villageOK {
		st.villageOK[v] = sn.Village(v).OK
	}
	for s := range st.serviceOK {
		st.serviceOK[s] = sn.Service(s).OK
	}
	r.road = st

	b, err := r.block(ctx, mode.Schema(), sn, cats)
	if err != nil {
		return fmt.Errorf("analysis: routing: %w", err)
	}
	b.road = true
	r.Modes = append(r.Modes, b)
	return nil
}

// villagePlaces and servicePlaces are the places a travel mode joins.
func villagePlaces(vs []datasets.Village) []travel.Place {
	out := make([]travel.Place, len(vs))
	for i := range vs {
		out[i] = travel.Place{ID: vs[i].ID, Location: vs[i].Location, Country: vs[i].Country}
	}
	return out
}

func servicePlaces(ss []datasets.Service) []travel.Place {
	out := make([]travel.Place, len(ss))
	for i := range ss {
		out[i] = travel.Place{ID: ss[i].ID, Location: ss[i].Location, Country: ss[i].Country}
	}
	return out
}
