package analysis

import (
	"fmt"
	"math"
	"sync"

	"github.com/partons/partons/geo/road"
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

// RoadStatus says why a village's road metrics for a category are absent.
type RoadStatus uint8

// Road statuses. Coverage statuses of the category (not_covered,
// domestic_not_covered, abroad_not_covered, no_service) apply to road
// metrics too and are reported with the same codes.
const (
	RoadOK RoadStatus = iota
	// RoadUnsnapped: the village is farther than the snapping tolerance
	// from every routable road.
	RoadUnsnapped
	// RoadUnreachable: no service of the category can be reached (island,
	// disconnected network, one-way trap, closed border or cut-off).
	RoadUnreachable
	// RoadCoverage: the category's coverage status applies (see Status).
	RoadCoverage
)

// RoadResult is one village's road metrics for one category. Absent
// values are NaN, absent services -1.
type RoadResult struct {
	Status  RoadStatus
	LengthM float64 // length of the chosen route (fastest or shortest)
	TimeMin float64 // travel time of that route
	Service int32
	// Best route length to the nearest service at home / abroad.
	DomesticM, AbroadM float64
}

// roadState is what Compute keeps of the road run.
type roadState struct {
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

// ServiceSnapped reports whether service s was snapped within tolerance.
func (r *Result) ServiceSnapped(s int) bool { return r.road != nil && r.road.serviceOK[s] }

// snapAll snaps points in parallel; a point beyond tol keeps its snap (for
// the reported distance) but is not ok; no routable edge at all gives
// Edge -1.
//
// With a closed border, points never snap onto a border-crossing edge:
// the partial edge would carry them across before the search starts.
func snapAll(g *road.Graph, n int, at func(int) [2]float64, tol float64, label func(int) uint8, workers int) ([]road.Snap, []bool) {
	accept := func(int) func(int32) bool { return nil }
	if label != nil {
		accept = func(i int) func(int32) bool {
			l := label(i)
			return func(e int32) bool {
				if g.CrossesBorder(e) {
					return false
				}
				from, to := g.EdgeEnds(e)
				a, b := g.VertexLabel(from), g.VertexLabel(to)
				return l == 0 || ((a == 0 || a == l) && (b == 0 || b == l))
			}
		}
	}
	snaps, ok := make([]road.Snap, n), make([]bool, n)
	var wg sync.WaitGroup
	chunk := (n + workers - 1) / max(workers, 1)
	for w := 0; w < workers && w*chunk < n; w++ {
		wg.Add(1)
		go func(lo, hi int) {
			defer wg.Done()
			for i := lo; i < hi; i++ {
				s, found := g.SnapFunc(at(i), math.Inf(1), accept(i))
				if !found {
					s = road.Snap{Edge: -1, DistM: math.NaN()}
				}
				snaps[i], ok[i] = s, found && s.DistM <= tol
			}
		}(w*chunk, min((w+1)*chunk, n))
	}
	wg.Wait()
	return snaps, ok
}

// computeRoads runs one multi-source search per category and country,
// seeded at that country's snapped services, for every snapped village.
func (r *Result) computeRoads(cats []*catIndex) error {
	rp := r.Params.Road
	g := rp.Graph
	workers := r.workers()
	st := &roadState{}
	var vLabel, sLabel func(int) uint8
	if rp.ClosedBorder {
		cl := rp.CountryLabel
		if cl == nil {
			cl = func(string) uint8 { return 0 }
		}
		vLabel = func(i int) uint8 { return cl(r.Villages[i].Country) }
		sLabel = func(i int) uint8 { return cl(r.Services[i].Country) }
	}
	st.villageSnap, st.villageOK = snapAll(g, len(r.Villages), func(i int) [2]float64 { return r.Villages[i].Location }, rp.SnapM, vLabel, workers)
	st.serviceSnap, st.serviceOK = snapAll(g, len(r.Services), func(i int) [2]float64 { return r.Services[i].Location }, rp.SnapM, sLabel, workers)
	r.road = st

	var targets []road.Snap
	var targetVillage []int
	for v := range r.Villages {
		if st.villageOK[v] {
			targets = append(targets, st.villageSnap[v])
			targetVillage = append(targetVillage, v)
		}
	}
	search := road.Search{Weight: rp.RouteBy, ClosedBorders: rp.ClosedBorder, LegSpeedKmh: rp.SpeedKmh}
	switch {
	case rp.MaxRoadM > 0:
		search.Weight, search.Cutoff = road.Length, rp.MaxRoadM
		if rp.RouteBy == road.Time {
			return fmt.Errorf("analysis: a distance cut-off needs routes by length")
		}
	case rp.MaxTimeMin > 0:
		if rp.RouteBy == road.Length {
			return fmt.Errorf("analysis: a time cut-off needs routes by time")
		}
		search.Cutoff = rp.MaxTimeMin * 60
	}
	type partRef struct{ cat, part int }
	var jobs []road.Job
	var refs []partRef
	for c, ci := range cats {
		for p, part := range ci.parts {
			var seeds []road.Snap
			var seedSvc []int32
			for _, s := range part.svc {
				if st.serviceOK[s] {
					seeds = append(seeds, st.serviceSnap[s])
					seedSvc = append(seedSvc, s)
				}
			}
			ci.parts[p].roadSvc = seedSvc
			if len(seeds) == 0 || len(targets) == 0 {
				continue
			}
			jobs = append(jobs, road.Job{Seeds: seeds, Search: search, Targets: targets})
			refs = append(refs, partRef{c, p})
		}
	}
	if err := g.NearestMany(jobs, workers); err != nil {
		return fmt.Errorf("analysis: routing: %w", err)
	}
	// Per (village, category, part) best route, then combine like the
	// straight-line metrics.
	nParts := 0
	for _, ci := range cats {
		nParts = max(nParts, len(ci.parts))
	}
	perPart := make([][]road.Result, len(cats)*nParts)
	for j, ref := range refs {
		perPart[ref.cat*nParts+ref.part] = jobs[j].Results
	}
	index := make([]int, len(r.Villages))
	for i := range index {
		index[i] = -1
	}
	for t, v := range targetVillage {
		index[v] = t
	}
	for v := range r.Villages {
		row := &r.Rows[v]
		row.Road = make([]RoadResult, len(cats))
		for c, ci := range cats {
			row.Road[c] = r.roadOne(v, index[v], c, ci, nParts, perPart)
		}
	}
	return nil
}

func (r *Result) roadOne(v, t, c int, ci *catIndex, nParts int, perPart [][]road.Result) RoadResult {
	rr := RoadResult{LengthM: nan, TimeMin: nan, Service: -1, DomesticM: nan, AbroadM: nan}
	cr := &r.Rows[v].Cats[c]
	switch cr.Status {
	case StatusNotCovered, StatusNoService:
		rr.Status = RoadCoverage
		return rr
	}
	if t < 0 {
		rr.Status = RoadUnsnapped
		return rr
	}
	x := r.Villages[v].Country
	cross := r.Params.CrossBorder
	homeOK, abroadOK := true, true
	if cross {
		homeOK, abroadOK = ci.coveredHome[x], ci.coveredAbroad[x]
	}
	byTime := r.Params.Road.RouteBy == road.Time
	cost := func(res road.Result) float64 {
		if byTime {
			return res.TimeS
		}
		return res.LengthM
	}
	bestCost := math.Inf(1)
	for p, part := range ci.parts {
		res := perPart[c*nParts+p]
		if res == nil || !res[t].Reached {
			continue
		}
		got := res[t]
		s := part.roadSvc[got.Seed]
		home := part.country == x
		if cross {
			if home {
				rr.DomesticM = got.LengthM
			} else if math.IsNaN(rr.AbroadM) || got.LengthM < rr.AbroadM {
				rr.AbroadM = got.LengthM
			}
		}
		if (home && !homeOK) || (!home && !abroadOK) {
			continue
		}
		if k := cost(got); k < bestCost || (k == bestCost && s < rr.Service) {
			bestCost, rr.Service = k, s
			rr.LengthM, rr.TimeMin = got.LengthM, got.TimeS/60
		}
	}
	if !homeOK {
		rr.DomesticM = nan
	}
	if !abroadOK {
		rr.AbroadM = nan
	}
	switch {
	case cr.Status == StatusDomesticNotCovered || cr.Status == StatusAbroadNotCovered:
		rr.Status = RoadCoverage
		rr.LengthM, rr.TimeMin, rr.Service = nan, nan, -1
	case rr.Service < 0:
		rr.Status = RoadUnreachable
	}
	return rr
}

// roadStatusString gives the road status code of a village and category.
func (r *Result) roadStatusString(v, c int) string {
	rr := r.Rows[v].Road[c]
	switch rr.Status {
	case RoadOK:
		return "ok"
	case RoadUnsnapped:
		return "unsnapped"
	case RoadUnreachable:
		return "unreachable"
	}
	return r.Rows[v].Cats[c].Status.String()
}
