package ondemand

import (
	"math"
	"sync"

	"github.com/paulmach/orb"

	"github.com/partons/partons/geo/geodesic"
	"github.com/partons/partons/geo/road"
)

// Car gives direct car times from one point to several, in seconds
// (out[k] for to[k], len(out) == len(to)); -1 where there is none.
// Implementations are safe for concurrent use.
type Car interface {
	CarSeconds(from orb.Point, to []orb.Point, out []int32)
}

// Defaults of the car estimate (as the road estimate of package
// analysis).
const (
	DefaultCarDetour = 1.3
	DefaultCarKmh    = 45
)

// Estimate is the straight line × Detour at Kmh, rounded up to the
// second.
type Estimate struct{ Detour, Kmh float64 }

// CarSeconds implements Car.
func (e Estimate) CarSeconds(from orb.Point, to []orb.Point, out []int32) {
	for k, p := range to {
		d := geodesic.Distance(from, p)
		if math.IsNaN(d) {
			out[k] = -1
			continue
		}
		out[k] = int32(math.Ceil(d * e.Detour * 3.6 / e.Kmh))
	}
}

// RoadCar times rides on a car road graph: the fastest route between the
// points snapped within SnapM metres, legs to the network at
// LegSpeedKmh. A pair that does not join the graph, or that the graph
// does not connect, takes Fallback's time.
type RoadCar struct {
	Graph       *road.Graph
	SnapM       float64
	LegSpeedKmh float64
	Fallback    Estimate
	pool        sync.Pool
}

// CarSeconds implements Car: one search from `from`, stopped once every
// target is settled.
func (r *RoadCar) CarSeconds(from orb.Point, to []orb.Point, out []int32) {
	r.Fallback.CarSeconds(from, to, out)
	src, ok := r.Graph.Snap(from, r.SnapM)
	if !ok {
		return
	}
	targets := make([]road.Snap, 0, len(to))
	at := make([]int, 0, len(to))
	for k, p := range to {
		if sn, ok := r.Graph.Snap(p, r.SnapM); ok {
			targets = append(targets, sn)
			at = append(at, k)
		}
	}
	if len(targets) == 0 {
		return
	}
	ws, _ := r.pool.Get().(*road.Workspace)
	if ws == nil {
		ws = road.NewWorkspace(r.Graph)
	}
	defer r.pool.Put(ws)
	s := road.Search{Weight: road.Time, Origins: true, LegSpeedKmh: r.LegSpeedKmh}
	if err := r.Graph.NearestFor(ws, []road.Snap{src}, s, targets); err != nil {
		return
	}
	for i, t := range targets {
		if res, ok := ws.Cost(t); ok {
			out[at[i]] = int32(math.Ceil(res.TimeS))
		}
	}
}
