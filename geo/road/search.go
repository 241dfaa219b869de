package road

import (
	"fmt"
	"math"

	"github.com/partons/partons/geo/road/internal/search"
)

// Weight selects the quantity a search minimises.
type Weight uint8

const (
	// Length minimises road length in metres.
	Length Weight = iota
	// Time minimises travel time in seconds.
	Time
)

func (w Weight) String() string {
	switch w {
	case Length:
		return "length"
	case Time:
		return "time"
	}
	return fmt.Sprintf("Weight(%d)", uint8(w))
}

// Search configures one multi-source search.
type Search struct {
	// Weight is the quantity minimised: Length (m) or Time (s).
	Weight Weight
	// Cutoff bounds the minimised quantity, in its unit (m or s): points
	// costing more are unreached. ≤ 0 means no bound.
	Cutoff float64
	// Origins makes the seeds the trip origins: Cost then gives the cost
	// from the nearest seed to the target (forward graph). By default the
	// seeds are destinations and Cost gives the cost from the target to
	// its nearest seed (reverse graph): village → service.
	Origins bool
	// ClosedBorders forbids traversing an edge whose two vertices carry
	// different non-zero labels (see SetVertexLabels). The partial edges
	// at the seeds and at the target are not filtered: snap villages and
	// services with SnapFunc to edges of their own country if they must
	// not start on a border-crossing edge.
	ClosedBorders bool
	// LegSpeedKmh, when > 0, counts the legs between each seed or target
	// and its point on the network (Snap.DistM, a straight line) in every
	// cost: in length, and in time at this speed. Results then run from
	// the points themselves, and by the triangle inequality a result's
	// length is never below the straight line between target and seed
	// (up to SnapFunc's 0.03 %). 0 leaves the legs out.
	LegSpeedKmh float64
	// Exact runs Dijkstra even when the graph has a hierarchy for the
	// weight (see Graph.BuildHierarchy): results are then bit for bit
	// those of a graph without one.
	Exact bool
}

// Result is the outcome of a search for one target.
type Result struct {
	Seed    int32   // index in the seeds slice of the seed reached
	LengthM float64 // road length of the chosen path, metres
	TimeS   float64 // travel time of the chosen path, seconds
	Reached bool    // false: no seed within the cutoff; other fields are zero
}

// Workspace holds the state and result of one search. It is reused across
// searches without clearing (epoch stamps), costs 24 bytes per vertex plus
// the heap (24 bytes per pending label, at most one per arc, held in
// buckets that keep their capacity across searches), and must not
// be used by two goroutines at once. Vertices are in internal numbering.
type Workspace struct {
	g       *Graph
	w       *search.Workspace
	seeds   []search.Point // buffers of the last search
	targets []search.Point
}

// NewWorkspace returns a workspace for searches on g. O(V) memory.
func NewWorkspace(g *Graph) *Workspace {
	return &Workspace{g: g, w: search.NewWorkspace(g.ix)}
}

func (g *Graph) checkSnap(sn Snap) bool {
	return g.Routable(sn.Edge) && sn.Frac >= 0 && sn.Frac <= 1
}

// Nearest runs one multi-source Dijkstra search seeded at every snap in
// seeds (seed i reached gets label i). Afterwards ws.Cost(target) gives
// for any snapped target the cheapest cost to (or, with s.Origins, from)
// the nearest seed, honouring one-way edges and partial edges at both ends.
// The search settles every vertex within the cutoff and replaces the
// previous result held by ws; the seeds are copied.
//
// Time O(V + E) over the vertices and arcs within the cutoff, plus at most
// 64 radix-heap bucket moves per heap entry (at most one entry per arc); no
// allocation once ws has grown to the search's frontier. About 0.3 s of CPU
// for an all-vertex search from 200 seeds on a 1M-vertex, 2M-edge grid
// (BenchmarkNearest1M). Errors:
// ErrWorkspace, ErrNoLabels, ErrSnap for a seed off a routable edge, with
// Frac outside [0,1] or, when legs count, with a negative, NaN or infinite
// DistM; ErrInvalid for an unknown Weight or a bad LegSpeedKmh.
func (g *Graph) Nearest(ws *Workspace, seeds []Snap, s Search) error {
	return g.nearest(ws, seeds, s, nil)
}

// NearestFor is Nearest for the given targets only: the search stops as
// soon as every vertex at the ends of the targets' edges is settled, so
// afterwards Cost is exact for those targets (and for vertices settled
// by then) but not for the rest of the graph. Complexity as Nearest in
// the worst case (an unreachable target), often less.
func (g *Graph) NearestFor(ws *Workspace, seeds []Snap, s Search, targets []Snap) error {
	return g.nearest(ws, seeds, s, targets)
}

func (g *Graph) nearest(ws *Workspace, seeds []Snap, s Search, targets []Snap) error {
	if ws == nil || ws.g != g {
		return ErrWorkspace
	}
	ws.w.Invalidate()
	if s.Weight != Length && s.Weight != Time {
		return fmt.Errorf("road: unknown weight %v: %w", s.Weight, ErrInvalid)
	}
	if s.ClosedBorders && g.labels == nil {
		return ErrNoLabels
	}
	if len(seeds) > math.MaxInt32 {
		return fmt.Errorf("road: %d seeds: %w", len(seeds), ErrInvalid)
	}
	if !(s.LegSpeedKmh >= 0) || math.IsInf(s.LegSpeedKmh, 0) {
		return fmt.Errorf("road: leg speed %v km/h: %w", s.LegSpeedKmh, ErrInvalid)
	}
	for i, sn := range seeds {
		if !g.checkSnap(sn) || (s.LegSpeedKmh > 0 && !validLeg(sn.DistM)) {
			return fmt.Errorf("road: seed %d (edge %d, frac %v): %w", i, sn.Edge, sn.Frac, ErrSnap)
		}
	}
	ws.seeds = points(ws.seeds, seeds)
	var ts []search.Point
	if targets != nil {
		ws.targets = points(ws.targets, targets)
		ts = ws.targets
	}
	q := search.Query{ByTime: s.Weight == Time, Cutoff: s.Cutoff, Origins: s.Origins,
		ClosedBorders: s.ClosedBorders, LegSpeedKmh: s.LegSpeedKmh, Exact: s.Exact}
	g.ix.Nearest(ws.w, ws.seeds, q, ts)
	return nil
}

// points converts snaps into buf, reused.
func points(buf []search.Point, snaps []Snap) []search.Point {
	buf = buf[:0]
	for _, sn := range snaps {
		buf = append(buf, search.Point{Edge: sn.Edge, Frac: sn.Frac, DistM: sn.DistM})
	}
	if buf == nil {
		buf = []search.Point{}
	}
	return buf
}

// VertexCost returns the result of the last search at vertex v (with the
// seed's leg when legs count); false if v was not reached within the
// cutoff, no search ran, or v is out of range.
func (ws *Workspace) VertexCost(v int32) (Result, bool) {
	r, ok := ws.w.VertexCost(v)
	return Result(r), ok
}

// Cost returns for a snapped target the cheapest trip between it and its
// nearest seed of the last search: target → seed by default, seed →
// target with Search.Origins. It considers leaving (or reaching) the
// target's edge at either end as its directions allow, and seeds on the
// same edge reached without leaving it. Costs beyond the cutoff, targets
// off a routable edge, and calls before a successful search report false.
// O(2 + seeds on the target's edge); safe to call concurrently once the
// search has returned.
func (ws *Workspace) Cost(target Snap) (Result, bool) {
	r, ok := ws.w.Cost(search.Point{Edge: target.Edge, Frac: target.Frac, DistM: target.DistM})
	return Result(r), ok
}

// validLeg reports whether a snap distance can be counted as a leg.
func validLeg(d float64) bool { return d >= 0 && !math.IsInf(d, 0) }
