package road

import (
	"fmt"
	"math"

	"github.com/partons/partons/geo/road/internal/ch"
)

// BuildHierarchy contracts the graph's junctions into a contraction
// hierarchy for weight w (geo/road/internal/ch) and keeps it: from then
// on, searches minimising w without ClosedBorders and without Exact run
// as PHAST sweeps (an upward search from the seeds, then one pass over
// every junction in rank order) instead of Dijkstra. SetVertexLabels
// keeps the hierarchies when the new labels leave the search graph's
// junctions and arcs as they were, else rebuilds them. Call before
// sharing the graph between goroutines.
//
// Results are not bit for bit those of Dijkstra: a shortcut adds its
// edges' weights in another order, so a cost differs from Dijkstra's by
// at most RoundingBound relatively (about 4·10⁻¹⁶ per edge of the graph:
// 3 mm over 100 km on 60M edges), and when two seeds or two routes tie
// within that bound the other one may be chosen (its secondary quantity
// then may differ by more). See the package documentation.
//
// Time: the contraction's witness searches, superlinear on grid-like
// networks: on the synthetic national network of 1M OSM nodes (147k
// vertices) 3.3 CPU-s for car by time (no core), and for bicycle, whose
// speeds vary little, 4.3 CPU-s with the default core of 15 % of the
// junctions against 27 CPU-s contracting them all (see CoreDegree and
// benchmarks/RESULTS.md). A core makes PHAST searches slower (a Dijkstra
// within it): 0.109 against 0.088 CPU-s for 10 bicycle searches there,
// Dijkstra 0.36. Memory: 24 bytes per arc of the hierarchy
// (arcs plus shortcuts, 1.8–2.6 per arc between junctions) and 8 per junction,
// plus 24 per junction in each Workspace that runs a PHAST search.
func (g *Graph) BuildHierarchy(w Weight, opts ...HierarchyOption) error {
	if w != Length && w != Time {
		return fmt.Errorf("road: unknown weight %v: %w", w, ErrInvalid)
	}
	o := hierarchyOptions{coreDegree: DefaultCoreDegree}
	for _, opt := range opts {
		opt(&o)
	}
	if !(o.coreDegree >= 0) || math.IsInf(o.coreDegree, 0) || o.coreSize < 0 {
		return fmt.Errorf("road: hierarchy: core degree %v, core size %d: %w", o.coreDegree, o.coreSize, ErrInvalid)
	}
	if err := g.ix.BuildHierarchy(w == Time, o.coreDegree, o.coreSize); err != nil {
		return fmt.Errorf("road: hierarchy: %v: %w", err, ErrInvalid)
	}
	g.hier[w], g.stored[w], g.hopts[w] = true, false, o
	return nil
}

// DefaultCoreDegree is the core degree BuildHierarchy uses without
// CoreDegree: see CoreDegree.
const DefaultCoreDegree = 12

// HierarchyOption tunes BuildHierarchy.
type HierarchyOption func(*hierarchyOptions)

type hierarchyOptions struct {
	coreDegree float64
	coreSize   int
}

// CoreDegree stops the contraction once the junctions left have on
// average d arcs or more (in and out, shortcuts included) and leaves them
// as the hierarchy's core: ranked above the rest, with all their arcs
// among themselves, searched by Dijkstra within the PHAST search. 0
// contracts every junction; a small d (below any junction's degree)
// leaves the whole graph as core. Road networks start near 6; networks
// whose speeds vary little between road classes (bicycle, foot, or any
// network by length) grow dense near the top of the hierarchy, where most
// of the contraction time goes, while a car network by time stayed
// below 8 on the 1M-node synthetic network (a core of 913 junctions at
// 31.5M nodes; see benchmarks/RESULTS.md). Default DefaultCoreDegree; d must be
// finite and ≥ 0.
func CoreDegree(d float64) HierarchyOption {
	return func(o *hierarchyOptions) { o.coreDegree = d }
}

// CoreSize stops the contraction once at most k junctions are left
// (whichever of CoreDegree and CoreSize comes first): a fixed core, as
// tests use to check every core size. Default 0: no such stop; k ≥ 0.
func CoreSize(k int) HierarchyOption {
	return func(o *hierarchyOptions) { o.coreSize = k }
}

// DropHierarchy drops the hierarchy for w, if any: searches minimising w
// run Dijkstra again. Call before sharing the graph between goroutines.
func (g *Graph) DropHierarchy(w Weight) {
	if w == Length || w == Time {
		g.hier[w], g.stored[w] = false, false
		g.ix.DropHierarchy(w == Time)
	}
}

// HasHierarchy reports whether searches minimising w run on a hierarchy.
func (g *Graph) HasHierarchy(w Weight) bool {
	return (w == Length || w == Time) && g.hier[w]
}

// HierarchyCore returns the junctions left uncontracted in the core of
// the hierarchy for w (see CoreDegree); 0 without one.
func (g *Graph) HierarchyCore(w Weight) int {
	if h := g.ix.Hierarchy(w == Time); g.HasHierarchy(w) && h != nil {
		return h.Core
	}
	return 0
}

// HierarchySizes returns the arcs (input arcs between junctions plus
// shortcuts, each counted once, also in a core) and the shortcuts of the
// hierarchy for w; zeros without one.
func (g *Graph) HierarchySizes(w Weight) (arcs, shortcuts int) {
	a, s, _, _ := g.ix.HierarchySizes(w == Time)
	return a, s
}

// RoundingBound returns the relative bound between a hierarchy's costs
// and Dijkstra's on this graph: |PHAST − Dijkstra| ≤ RoundingBound ×
// Dijkstra's cost, for every vertex and target. It is 2γ/(1−γ) with
// γ = n·u/(1−n·u), u = 2⁻⁵³ and n = 2E + 4 for E routable edges, n
// bounding the float64 additions along a route (see the package
// documentation).
func (g *Graph) RoundingBound() float64 { return g.ix.RoundingBound() }

// UsedHierarchy reports whether the last search on ws ran on a hierarchy
// (PHAST) rather than Dijkstra.
func (ws *Workspace) UsedHierarchy() bool { return ws.w.UsedHierarchy() }

// HierarchyArc is an arc of a stored hierarchy (see HierarchyArrays): the
// position at its other end, of higher rank than the position it is listed
// at, and its weights (the minimised weight, then the other; seconds and
// metres).
type HierarchyArc struct {
	Other  int32
	W1, W2 float64
}

// HierarchyArrays is a contraction hierarchy in flat form, for graph
// files: what BuildHierarchy computes, so that a graph rebuilt from the
// same Arrays (FromArrays, hence the same junction numbering) can take it
// back with SetHierarchyArrays without contracting again. Junctions are
// the graph's vertices with a routable edge that are not inside a chain
// of the search index, numbered as the index numbers them.
type HierarchyArrays struct {
	// Vert[p] is the junction at position p, by decreasing rank: the
	// Core junctions left uncontracted first, then the one contracted
	// last, and so on: a permutation of the junctions.
	Vert []int32
	// The arcs leaving (Out) and entering (In) position p are
	// Out[OutOff[p]:OutOff[p+1]] and In[InOff[p]:InOff[p+1]]: outside the
	// core each towards a smaller position, listed once; within the core
	// (p < Core) towards another core position, each arc between two
	// core positions listed at both ends.
	OutOff, InOff []int32
	Out, In       []HierarchyArc
	Shortcuts     int // arcs added by the contraction, each counted once
	Core          int // positions left uncontracted (see CoreDegree)
}

// HierarchyArrays returns the hierarchy for w in flat form, false
// without one. The slices are copies. O(junctions + arcs).
func (g *Graph) HierarchyArrays(w Weight) (HierarchyArrays, bool) {
	if !g.HasHierarchy(w) {
		return HierarchyArrays{}, false
	}
	h := g.ix.Hierarchy(w == Time)
	if h == nil {
		return HierarchyArrays{}, false
	}
	conv := func(us []ch.Up) []HierarchyArc {
		out := make([]HierarchyArc, len(us))
		for i, u := range us {
			out[i] = HierarchyArc(u)
		}
		return out
	}
	return HierarchyArrays{Vert: clone32(h.Vert), OutOff: clone32(h.OutOff), InOff: clone32(h.InOff),
		Out: conv(h.Out), In: conv(h.In), Shortcuts: h.Shortcuts, Core: h.Core}, true
}

func clone32(s []int32) []int32 { return append([]int32(nil), s...) }

// SetHierarchyArrays installs a hierarchy for w that HierarchyArrays
// returned for a graph of the same Arrays (labels included), as
// BuildHierarchy would have built it, without contracting. It checks
// that Vert is a permutation of this graph's junctions, that Core is
// within them, that offsets are non-decreasing and span the arcs, that
// every arc listed outside the core leads to a position of higher rank
// and every arc listed in the core to another core position, that every
// weight is finite and ≥ 0 and that Shortcuts is within the arcs; an
// error wraps ErrInvalid and the graph is left as it
// was. It cannot check that the arcs are those BuildHierarchy would have
// built: a hierarchy of another graph with the same junction count passes
// and gives wrong costs (graph files guard against that with their
// checksum). The graph keeps the slices Vert, OutOff and InOff.
// SetVertexLabels keeps such a hierarchy when the new labels leave the
// search graph's junctions and arcs as they were, and drops it otherwise
// (it does not contract: call BuildHierarchy for that). Call before
// sharing the graph between goroutines. O(junctions + arcs).
func (g *Graph) SetHierarchyArrays(w Weight, a HierarchyArrays) error {
	if w != Length && w != Time {
		return fmt.Errorf("road: unknown weight %v: %w", w, ErrInvalid)
	}
	n := len(a.Vert)
	if len(a.OutOff) != n+1 || len(a.InOff) != n+1 {
		return fmt.Errorf("road: hierarchy: %d and %d offsets for %d positions: %w", len(a.OutOff), len(a.InOff), n, ErrInvalid)
	}
	pos := make([]int32, n)
	for i := range pos {
		pos[i] = -1
	}
	for p, v := range a.Vert {
		if v < 0 || int(v) >= n || pos[v] >= 0 {
			return fmt.Errorf("road: hierarchy: position %d holds junction %d: not a permutation of %d junctions: %w", p, v, n, ErrInvalid)
		}
		pos[v] = int32(p)
	}
	conv := func(as []HierarchyArc) []ch.Up {
		out := make([]ch.Up, len(as))
		for i, u := range as {
			out[i] = ch.Up(u)
		}
		return out
	}
	h := &ch.Hierarchy{Vert: a.Vert, Pos: pos, OutOff: a.OutOff, InOff: a.InOff,
		Out: conv(a.Out), In: conv(a.In), Shortcuts: a.Shortcuts, Core: a.Core}
	if err := g.ix.SetHierarchy(w == Time, h); err != nil {
		return fmt.Errorf("road: hierarchy for %v: %v: %w", w, err, ErrInvalid)
	}
	g.hier[w], g.stored[w] = true, true
	return nil
}
