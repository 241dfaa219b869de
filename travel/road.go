package travel

import (
	"context"
	"errors"
	"fmt"
	"math"
	"runtime"

	"github.com/partons/partons/geo/road"
)

// Road is travel on a road graph of one profile. Places join the network
// at their nearest routable edge (Snap.DistM, within SnapM metres) and
// routes include the legs between each place and the network at
// LegSpeedKmh (0: no legs), so a road figure is never below the straight
// line.
//
// With ClosedBorder the graph must carry vertex country labels
// (road.Graph.SetVertexLabels) and CountryLabel gives the label of a
// place's country (0: unknown, joins anywhere): a place then joins only
// an edge of its own country that does not cross the border, and routes
// never cross it.
type Road struct {
	Graph   *road.Graph
	RouteBy road.Weight // what routes minimise; the unit of costs (m or min)
	SnapM   float64     // snapping tolerance, metres, > 0
	// MaxCost cuts Nearest searches off, in the cost unit (metres by
	// length, minutes by time); 0: none. A village reaching nothing
	// within it reaches nothing for a fact (Reach.Definite).
	MaxCost      float64
	ClosedBorder bool
	CountryLabel func(country string) uint8
	LegSpeedKmh  float64 // speed on the legs; 0: no legs (costs run between the points on the network)
	Workers      int     // goroutines (<= 0: GOMAXPROCS)
}

var _ Mode = (*Road)(nil)

// Road statuses (Code values of RoadSchema).
const (
	RoadUnsnapped   Code = 1
	RoadUnreachable Code = 2
)

// RoadSchema returns the schema of road results routed by w.
func RoadSchema(w road.Weight, closedBorder bool) Schema {
	return Schema{Name: "road", Unit: CostUnit(w),
		Metrics: []Metric{
			{Name: "m", Unit: Metres, Decimals: 1, Aggregate: true, Doc: "length of the chosen route (fastest or shortest)"},
			{Name: "min", Unit: Minutes, Decimals: 2, Aggregate: true, Doc: "travel time of the chosen route"},
		},
		Split: "m",
		Statuses: []StatusDoc{
			{Code: "unsnapped", Meaning: "the village is farther than the snapping tolerance from every routable road"},
			{Code: "unreachable", Meaning: "no service of the category can be reached (island, disconnected network, one-way trap, closed border or cut-off)"},
		},
		VillageColumns: []Metric{{Name: "snap_m", Unit: Metres, Decimals: 1, Unsnapped: true, Doc: "distance from the village to the road network"}},
		ClosedBorder:   closedBorder,
	}
}

// Schema implements Mode.
func (m *Road) Schema() Schema { return RoadSchema(m.RouteBy, m.ClosedBorder) }

func (m *Road) check() error {
	switch {
	case m.Graph == nil:
		return fmt.Errorf("travel: road mode without a graph: %w", ErrInvalid)
	case !(m.SnapM > 0) || math.IsInf(m.SnapM, 0):
		return fmt.Errorf("travel: snapping tolerance %v m: must be positive: %w", m.SnapM, ErrInvalid)
	case !(m.MaxCost >= 0):
		return fmt.Errorf("travel: road cut-off %v: must be >= 0: %w", m.MaxCost, ErrInvalid)
	case !(m.LegSpeedKmh >= 0) || math.IsInf(m.LegSpeedKmh, 0):
		return fmt.Errorf("travel: leg speed %v km/h: must be finite and >= 0: %w", m.LegSpeedKmh, ErrInvalid)
	}
	return nil
}

// Snap implements Mode: every place onto its nearest acceptable routable
// edge, in parallel. O((V + S)·log E).
func (m *Road) Snap(ctx context.Context, villages, services []Place) (Snapped, error) {
	if err := m.check(); err != nil {
		return nil, err
	}
	r := &roadSnapped{m: m, nv: len(villages), ns: len(services)}
	var err error
	if r.vs, r.vok, err = SnapPlaces(ctx, m.Graph, villages, m.SnapM, m.label(), m.Workers); err != nil {
		return nil, err
	}
	if r.ss, r.sok, err = SnapPlaces(ctx, m.Graph, services, m.SnapM, m.label(), m.Workers); err != nil {
		return nil, err
	}
	return r, nil
}

// SnapReusing is Snap reusing the snaps of prev: its village snaps, which
// must be of the same villages in the same order, and the snap of every
// service of prevServices (the services prev snapped, in its order) found
// again in services with the same id, location and country; only the
// other services are snapped. It is Snap when prev was snapped another way
// (not by a Road on the same graph with the same tolerance, or with a
// closed border, whose labels cannot be compared) or for another number
// of villages or services.
func (m *Road) SnapReusing(ctx context.Context, prev Snapped, prevServices, villages, services []Place) (Snapped, error) {
	p, ok := prev.(*roadSnapped)
	if !ok || p.m.Graph != m.Graph || p.m.SnapM != m.SnapM || p.m.ClosedBorder || m.ClosedBorder ||
		p.nv != len(villages) || p.ns != len(prevServices) {
		return m.Snap(ctx, villages, services)
	}
	if err := m.check(); err != nil {
		return nil, err
	}
	r := &roadSnapped{m: m, nv: len(villages), ns: len(services), vs: p.vs, vok: p.vok}
	before := make(map[string]int, len(prevServices))
	for j, s := range prevServices {
		before[s.ID] = j
	}
	r.ss, r.sok = make([]road.Snap, len(services)), make([]bool, len(services))
	var todo []Place
	var at []int
	for j, s := range services {
		if k, ok := before[s.ID]; ok && prevServices[k] == s {
			r.ss[j], r.sok[j] = p.ss[k], p.sok[k]
			continue
		}
		todo, at = append(todo, s), append(at, j)
	}
	ss, sok, err := SnapPlaces(ctx, m.Graph, todo, m.SnapM, m.label(), m.Workers)
	if err != nil {
		return nil, err
	}
	for i, j := range at {
		r.ss[j], r.sok[j] = ss[i], sok[i]
	}
	return r, nil
}

// label is the country label function of snapping: nil (anywhere) with
// an open border.
func (m *Road) label() func(string) uint8 {
	if !m.ClosedBorder {
		return nil
	}
	if m.CountryLabel == nil {
		return func(string) uint8 { return 0 }
	}
	return m.CountryLabel
}

// SnapPlaces is the one snapping path of the project: every place onto
// the nearest routable edge of g, in parallel on workers goroutines (<=
// 0: GOMAXPROCS). A place beyond tolM keeps its snap (for the reported
// distance) but is not ok; no acceptable edge at all gives Edge -1 and
// DistM NaN.
//
// With label non-nil (a closed border), a place whose country has a label
// l ≠ 0 joins only edges whose both ends are labelled l or 0, and no place
// joins a border-crossing edge: the partial edge would carry it across
// before the search starts.
func SnapPlaces(ctx context.Context, g *road.Graph, places []Place, tolM float64, label func(country string) uint8, workers int) ([]road.Snap, []bool, error) {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	snaps, ok := make([]road.Snap, len(places)), make([]bool, len(places))
	err := Parallel(ctx, len(places), workers, func(i int) {
		var accept func(int32) bool
		if label != nil {
			accept = acceptEdge(g, label(places[i].Country))
		}
		s, found := g.SnapFunc(places[i].Location, math.Inf(1), accept)
		if !found {
			s = road.Snap{Edge: -1, DistM: math.NaN()}
		}
		snaps[i], ok[i] = s, found && s.DistM <= tolM
	})
	return snaps, ok, err
}

func acceptEdge(g *road.Graph, l uint8) func(int32) bool {
	return func(e int32) bool {
		if g.CrossesBorder(e) {
			return false
		}
		from, to := g.EdgeEnds(e)
		a, b := g.VertexLabel(from), g.VertexLabel(to)
		return l == 0 || ((a == 0 || a == l) && (b == 0 || b == l))
	}
}

type roadSnapped struct {
	m        *Road
	nv, ns   int
	vs, ss   []road.Snap
	vok, sok []bool
}

func (r *roadSnapped) Village(i int) Snap { return Snap{DistM: r.vs[i].DistM, OK: r.vok[i]} }

func (r *roadSnapped) Service(j int) Snap {
	if r.ss[j].Edge < 0 {
		return Snap{DistM: nan}
	}
	return Snap{DistM: r.ss[j].DistM, OK: r.sok[j]}
}

func (r *roadSnapped) VillageValue(i, k int) float64 { return r.vs[i].DistM }

// VillageSnap and ServiceSnap return the raw snaps (for drawing the legs
// to the network).
func (r *roadSnapped) VillageSnap(i int) road.Snap { return r.vs[i] }
func (r *roadSnapped) ServiceSnap(j int) road.Snap { return r.ss[j] }

// search returns the road search of Nearest (cut off) or Costs.
func (r *roadSnapped) search(maxCost float64) road.Search {
	s := road.Search{Weight: r.m.RouteBy, ClosedBorders: r.m.ClosedBorder, LegSpeedKmh: r.m.LegSpeedKmh}
	if maxCost > 0 && !math.IsInf(maxCost, 1) {
		s.Cutoff = maxCost
		if r.m.RouteBy == road.Time {
			s.Cutoff = maxCost * 60
		}
	}
	return s
}

func (r *roadSnapped) cost(res road.Result) float64 {
	if r.m.RouteBy == road.Time {
		return res.TimeS / 60
	}
	return res.LengthM
}

// Nearest implements Snapped: one multi-source search per part, seeded
// at the part's snapped services, read at every snapped village. Jobs run
// in batches on the graph's pooled workspaces; ctx is checked between
// batches.
func (r *roadSnapped) Nearest(ctx context.Context, cats []Category) ([][]Reach, error) {
	var targets []road.Snap
	var targetVillage []int
	for v := range r.nv {
		if r.vok[v] {
			targets = append(targets, r.vs[v])
			targetVillage = append(targetVillage, v)
		}
	}
	search := r.search(r.m.MaxCost)
	type ref struct{ cat, part int }
	var jobs []road.Job
	var refs []ref
	var seedSvc [][]int32
	out := make([][]Reach, len(cats))
	for c, cat := range cats {
		out[c] = make([]Reach, len(cat.Parts))
		for p, part := range cat.Parts {
			rc := NewReach(r.nv, 2, RoadUnreachable)
			if r.m.MaxCost > 0 {
				rc.Definite = make([]bool, r.nv)
			}
			for v := range r.nv {
				if !r.vok[v] {
					rc.Status[v] = RoadUnsnapped
				} else if rc.Definite != nil {
					rc.Definite[v] = true
				}
			}
			out[c][p] = rc
			var seeds []road.Snap
			var svc []int32
			for _, j := range part.Services {
				if j < 0 || int(j) >= r.ns {
					return nil, fmt.Errorf("travel: %s: service %d outside [0, %d): %w", cat.Name, j, r.ns, ErrInvalid)
				}
				if r.sok[j] {
					seeds = append(seeds, r.ss[j])
					svc = append(svc, j)
				}
			}
			if len(seeds) == 0 || len(targets) == 0 {
				continue
			}
			jobs = append(jobs, road.Job{Seeds: seeds, Search: search, Targets: targets})
			refs = append(refs, ref{c, p})
			seedSvc = append(seedSvc, svc)
		}
	}
	workers := r.m.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	batch := 4 * workers
	for lo := 0; lo < len(jobs); lo += batch {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if err := r.m.Graph.NearestMany(jobs[lo:min(lo+batch, len(jobs))], workers); err != nil {
			return nil, fmt.Errorf("travel: routing: %w", err)
		}
	}
	for k, job := range jobs {
		rc := &out[refs[k].cat][refs[k].part]
		for t, res := range job.Results {
			if !res.Reached {
				continue
			}
			v := targetVillage[t]
			rc.Service[v], rc.Cost[v], rc.Status[v] = seedSvc[k][res.Seed], r.cost(res), CodeOK
			rc.Metrics[0][v], rc.Metrics[1][v] = res.LengthM, res.TimeS/60
			if rc.Definite != nil {
				rc.Definite[v] = false
			}
		}
	}
	return out, nil
}

// Costs implements Snapped with RoadCosts over the snapped villages and
// the listed services (unsnapped ones reach nothing), converted to
// minutes when routed by time.
func (r *roadSnapped) Costs(ctx context.Context, services []int32, maxCost float64) (*Costs, error) {
	if !(maxCost >= 0) {
		return nil, fmt.Errorf("travel: maximum cost %v must be >= 0: %w", maxCost, ErrInvalid)
	}
	vs := make([]road.Snap, r.nv)
	for i := range vs {
		vs[i] = r.vs[i]
		if !r.vok[i] {
			vs[i].Edge = -1
		}
	}
	ss := make([]road.Snap, len(services))
	for k, j := range services {
		if j < 0 || int(j) >= r.ns {
			return nil, fmt.Errorf("travel: service %d outside [0, %d): %w", j, r.ns, ErrInvalid)
		}
		ss[k] = r.ss[j]
		if !r.sok[j] {
			ss[k].Edge = -1
		}
	}
	s := r.search(maxCost)
	if maxCost == 0 {
		s.Cutoff = math.SmallestNonzeroFloat64 // a zero cut-off reads as none
	}
	c, err := RoadCosts(ctx, r.m.Graph, vs, ss, s, r.m.Workers)
	if err != nil || r.m.RouteBy != road.Time {
		return c, err
	}
	return c.Scale(1.0 / 60)
}

// RoadCosts builds road costs from snaps: for every service, one bounded
// search s seeded at the service on the reverse graph (s.Origins must be
// false), so that the cost of each village is its village → service trip,
// honouring one-way streets, partial edges, a closed border
// (s.ClosedBorders) and with s.LegSpeedKmh the legs between the points
// and the network. Pairs costing more than s.Cutoff (in s.Weight's unit:
// metres for road.Length, seconds for road.Time; <= 0: no bound) are
// unreachable, as are villages and services whose Snap is not on a
// routable edge (Edge -1 for points that did not snap).
//
// Searches run on workers goroutines (<= 0: GOMAXPROCS), each with its own
// road.Workspace (24 bytes per graph vertex); the result does not depend
// on scheduling; ctx is checked between services. Time: one search over
// the vertices within the cutoff per service, plus O(V) look-ups per
// service.
func RoadCosts(ctx context.Context, g *road.Graph, villageSnaps, serviceSnaps []road.Snap, s road.Search, workers int) (*Costs, error) {
	if g == nil {
		return nil, fmt.Errorf("travel: nil road graph: %w", ErrInvalid)
	}
	if math.IsNaN(s.Cutoff) {
		return nil, fmt.Errorf("travel: road cutoff is NaN: %w", ErrInvalid)
	}
	if s.Origins {
		return nil, fmt.Errorf("travel: road costs run from villages to services, not from origins: %w", ErrInvalid)
	}
	if len(villageSnaps) > math.MaxInt32 || len(serviceSnaps) > math.MaxInt32 {
		return nil, fmt.Errorf("travel: too many points: %w", ErrInvalid)
	}
	rows := make([][]Entry, len(serviceSnaps))
	errs := make([]error, len(serviceSnaps))
	err := ParallelWith(ctx, len(serviceSnaps), workers, func() *road.Workspace { return road.NewWorkspace(g) }, func(ws *road.Workspace, j int) {
		sn := serviceSnaps[j]
		if !g.Routable(sn.Edge) || !(sn.Frac >= 0 && sn.Frac <= 1) {
			return
		}
		if err := g.Nearest(ws, []road.Snap{sn}, s); err != nil {
			errs[j] = fmt.Errorf("travel: service %d: %w", j, err)
			return
		}
		var row []Entry
		for i, v := range villageSnaps {
			r, ok := ws.Cost(v)
			if !ok {
				continue
			}
			c := r.LengthM
			if s.Weight == road.Time {
				c = r.TimeS
			}
			row = append(row, Entry{Demand: int32(i), Supply: int32(j), Cost: c})
		}
		rows[j] = row
	})
	if err != nil {
		return nil, err
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return NewCosts(len(villageSnaps), len(serviceSnaps), concat(rows))
}

// RoadSnaps exposes the raw road snaps of a Snapped made by Road (for
// drawing legs and reporting snap distances); ok is false for other modes.
func RoadSnaps(s Snapped) (villages, services []road.Snap, ok bool) {
	r, ok := s.(*roadSnapped)
	if !ok {
		return nil, nil, false
	}
	return r.vs, r.ss, true
}
