package access

import (
	"errors"
	"fmt"
	"math"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/paulmach/orb"

	"github.com/partons/partons/datasets/odmatrix"
	"github.com/partons/partons/geo/index"
	"github.com/partons/partons/geo/road"
)

// FromGeodesic builds the straight-line costs: every (village, service)
// pair at WGS84 geodesic distance <= maxM metres (inclusive), cost in
// metres. Points that are not valid lon/lat positions reach nothing.
// maxM must be >= 0 (+Inf keeps every pair). The services are indexed once
// (geo/index) and the villages are queried on GOMAXPROCS goroutines; the
// result does not depend on scheduling.
// O(S log S + V·(m + log S)·log S) for m services within maxM per village.
func FromGeodesic(villages, services []orb.Point, maxM float64) (*Costs, error) {
	if !(maxM >= 0) {
		return nil, fmt.Errorf("access: radius %v m must be >= 0: %w", maxM, ErrInvalid)
	}
	if len(villages) > math.MaxInt32 || len(services) > math.MaxInt32 {
		return nil, fmt.Errorf("access: too many points: %w", ErrInvalid)
	}
	ix := index.New(services)
	rows := make([][]Entry, len(villages))
	parallel(len(villages), 0, func(i int) {
		var row []Entry
		ix.Within(villages[i], maxM, func(j int32, d float64) bool {
			row = append(row, Entry{Demand: int32(i), Supply: j, Cost: d})
			return true
		})
		rows[i] = row
	})
	return NewCosts(len(villages), len(services), concat(rows))
}

// FromRoad builds the road costs: for every service, one bounded Dijkstra
// search s seeded at the service on the reverse graph (s.Origins must be
// false), so that the cost of each village is its village → service trip,
// honouring one-way streets and partial edges, and with s.LegSpeedKmh the
// legs between the points and the network. Pairs costing more than
// s.Cutoff (in s.Weight's unit: metres for road.Length, seconds for
// road.Time; <= 0: no bound) are unreachable, as are villages and services
// whose Snap is not on a routable edge (use Edge = -1 for points that did
// not snap). Scale the result to minutes with Costs.Scale(1.0/60).
//
// Searches run on workers goroutines (<= 0: GOMAXPROCS), each with its own
// road.Workspace (24 bytes per graph vertex); the result does not depend
// on scheduling. Time: one search over the vertices within the cutoff per
// service, plus O(V) Workspace.Cost look-ups per service.
func FromRoad(g *road.Graph, villageSnaps, serviceSnaps []road.Snap, search road.Search, workers int) (*Costs, error) {
	if g == nil {
		return nil, fmt.Errorf("access: nil road graph: %w", ErrInvalid)
	}
	if math.IsNaN(search.Cutoff) {
		return nil, fmt.Errorf("access: road cutoff is NaN: %w", ErrInvalid)
	}
	if search.Origins {
		return nil, fmt.Errorf("access: road costs run from villages to services, not from origins: %w", ErrInvalid)
	}
	weight := search.Weight
	if len(villageSnaps) > math.MaxInt32 || len(serviceSnaps) > math.MaxInt32 {
		return nil, fmt.Errorf("access: too many points: %w", ErrInvalid)
	}
	rows := make([][]Entry, len(serviceSnaps))
	errs := make([]error, len(serviceSnaps))
	parallelWith(len(serviceSnaps), workers, func() *road.Workspace { return road.NewWorkspace(g) }, func(ws *road.Workspace, j int) {
		sn := serviceSnaps[j]
		if !g.Routable(sn.Edge) || !(sn.Frac >= 0 && sn.Frac <= 1) {
			return
		}
		if err := g.Nearest(ws, []road.Snap{sn}, search); err != nil {
			errs[j] = fmt.Errorf("access: service %d: %w", j, err)
			return
		}
		var row []Entry
		for i, v := range villageSnaps {
			r, ok := ws.Cost(v)
			if !ok {
				continue
			}
			c := r.LengthM
			if weight == road.Time {
				c = r.TimeS
			}
			row = append(row, Entry{Demand: int32(i), Supply: int32(j), Cost: c})
		}
		rows[j] = row
	})
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return NewCosts(len(villageSnaps), len(serviceSnaps), concat(rows))
}

// FromMatrix builds costs from an external matrix: demandIDs and
// supplyIDs give the order of the demand and supply locations (typically
// the rows of the demand and supply tables), and the matrix's origins and
// destinations are looked up among them. Pairs costing more than maxCost
// are dropped (+Inf keeps all); demand or supply ids absent from the
// matrix reach nothing. An origin or destination id that is not in
// demandIDs / supplyIDs is an error wrapping ErrInvalid: call
// odmatrix.Matrix.Check first for messages naming the lines.
// O(p + ids) expected, plus NewCosts.
func FromMatrix(m *odmatrix.Matrix, demandIDs, supplyIDs []string, maxCost float64) (*Costs, error) {
	if !(maxCost >= 0) {
		return nil, fmt.Errorf("access: maximum cost %v must be >= 0: %w", maxCost, ErrInvalid)
	}
	oMap, err := lookup(m.Origins, demandIDs, "origin", "demand")
	if err != nil {
		return nil, err
	}
	dMap, err := lookup(m.Destinations, supplyIDs, "destination", "supply")
	if err != nil {
		return nil, err
	}
	entries := make([]Entry, 0, len(m.Pairs))
	for _, p := range m.Pairs {
		if p.Cost <= maxCost {
			entries = append(entries, Entry{Demand: oMap[p.O], Supply: dMap[p.D], Cost: p.Cost})
		}
	}
	return NewCosts(len(demandIDs), len(supplyIDs), entries)
}

// lookup maps each of ids to its position in table.
func lookup(ids, table []string, what, tableName string) ([]int32, error) {
	if len(table) > math.MaxInt32 {
		return nil, fmt.Errorf("access: too many %s ids: %w", tableName, ErrInvalid)
	}
	pos := make(map[string]int32, len(table))
	for k, id := range table {
		if _, dup := pos[id]; dup {
			return nil, fmt.Errorf("access: %s id %q listed twice: %w", tableName, id, ErrInvalid)
		}
		pos[id] = int32(k)
	}
	out := make([]int32, len(ids))
	for k, id := range ids {
		p, ok := pos[id]
		if !ok {
			return nil, fmt.Errorf("access: %s id %q is not in the %s table: %w", what, id, tableName, ErrInvalid)
		}
		out[k] = p
	}
	return out, nil
}

// parallel calls fn(0…n-1) on up to workers goroutines (<= 0: GOMAXPROCS).
func parallel(n, workers int, fn func(i int)) {
	parallelWith(n, workers, func() struct{} { return struct{}{} }, func(_ struct{}, i int) { fn(i) })
}

// parallelWith is parallel with per-goroutine state made by newState
// (a search workspace, say), created lazily, one per goroutine.
func parallelWith[S any](n, workers int, newState func() S, fn func(s S, i int)) {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = min(workers, n)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			var s S
			made := false
			for {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				if !made {
					s, made = newState(), true
				}
				fn(s, i)
			}
		})
	}
	wg.Wait()
}

func concat(rows [][]Entry) []Entry {
	n := 0
	for _, r := range rows {
		n += len(r)
	}
	out := make([]Entry, 0, n)
	for _, r := range rows {
		out = append(out, r...)
	}
	return out
}
