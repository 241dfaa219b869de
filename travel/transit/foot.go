package transit

import (
	"math"
	"sync"

	"github.com/paulmach/orb"

	"github.com/partons/partons/geo/road"
)

// DefaultMaxFootDetour bounds a walk on the foot network: at most this
// many times the straight line (a footbridge-less river or a motorway
// that makes a walk longer is no walk).
const DefaultMaxFootDetour = 3.0

// FootWalker times walks on a foot-profile road graph: the fastest path
// between the two points snapped to their nearest routable edges within
// SnapM metres (as every road figure of partons snaps), the legs between
// each point and the network at the graph's leg speed LegKmh
// (DefaultWalkKmh when 0). A walk is refused (ok false) when a point does
// not join the graph, or when the network has no path within MaxDetour
// (DefaultMaxFootDetour when 0) × the straight line at LegKmh. As a
// Snapper it refuses origins that do not join: such villages are
// unsnapped. Safe for concurrent use; a walk costs one search bounded by
// that time.
type FootWalker struct {
	Graph     *road.Graph
	SnapM     float64
	LegKmh    float64
	MaxDetour float64

	pool sync.Pool
}

var (
	_ Walker  = (*FootWalker)(nil)
	_ Snapper = (*FootWalker)(nil)
)

func (f *FootWalker) kmh() float64 {
	if f.LegKmh > 0 {
		return f.LegKmh
	}
	return DefaultWalkKmh
}

// Snaps implements Snapper.
func (f *FootWalker) Snaps(p orb.Point) bool {
	_, ok := f.Graph.Snap(p, f.SnapM)
	return ok
}

// WalkSeconds implements Walker, rounded up to the second.
func (f *FootWalker) WalkSeconds(from, to orb.Point, straightM float64) (int32, bool) {
	a, ok := f.Graph.Snap(from, f.SnapM)
	if !ok {
		return 0, false
	}
	b, ok := f.Graph.Snap(to, f.SnapM)
	if !ok {
		return 0, false
	}
	det := f.MaxDetour
	if det <= 0 {
		det = DefaultMaxFootDetour
	}
	// The cut-off leaves room for the legs when the points are close.
	cut := det*max(straightM, 1)*3.6/f.kmh() + (a.DistM+b.DistM)*3.6/f.kmh()
	ws, _ := f.pool.Get().(*road.Workspace)
	if ws == nil {
		ws = road.NewWorkspace(f.Graph)
	}
	defer f.pool.Put(ws)
	s := road.Search{Weight: road.Time, Origins: true, Cutoff: cut, LegSpeedKmh: f.kmh()}
	if err := f.Graph.NearestFor(ws, []road.Snap{a}, s, []road.Snap{b}); err != nil {
		return 0, false
	}
	r, ok := ws.Cost(b)
	if !ok || math.IsNaN(r.TimeS) {
		return 0, false
	}
	return int32(math.Ceil(r.TimeS)), true
}
