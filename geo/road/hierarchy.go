package road

import (
	"fmt"

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
// vertices) 3.3 CPU-s for time and 32 CPU-s for length, whose lattice has
// no fast roads to build on; 16 CPU-s on a 40k-vertex grid (see
// benchmarks/RESULTS.md). Memory: 24 bytes per arc of the hierarchy
// (arcs plus shortcuts, 1.8–2.6 per arc between junctions) and 8 per junction,
// plus 24 per junction in each Workspace that runs a PHAST search.
func (g *Graph) BuildHierarchy(w Weight) error {
	if w != Length && w != Time {
		return fmt.Errorf("road: unknown weight %v: %w", w, ErrInvalid)
	}
	if err := g.ix.BuildHierarchy(w == Time); err != nil {
		return fmt.Errorf("road: hierarchy: %v: %w", err, ErrInvalid)
	}
	g.hier[w], g.stored[w] = true, false
	return nil
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

// HierarchySizes returns the arcs (input arcs between junctions plus
// shortcuts) and the shortcuts of the hierarchy for w; zeros without one.
func (g *Graph) HierarchySizes(w Weight) (arcs, shortcuts int) {
	a, s, _ := g.ix.HierarchySizes(w == Time)
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
	// Vert[p] is the junction at position p, by decreasing rank (position
	// 0 was contracted last): a permutation of the junctions.
	Vert []int32
	// The arcs leaving (Out) and entering (In) position p, each towards a
	// smaller position, are Out[OutOff[p]:OutOff[p+1]] and
	// In[InOff[p]:InOff[p+1]].
	OutOff, InOff []int32
	Out, In       []HierarchyArc
	Shortcuts     int // arcs added by the contraction
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
		Out: conv(h.Out), In: conv(h.In), Shortcuts: h.Shortcuts}, true
}

func clone32(s []int32) []int32 { return append([]int32(nil), s...) }

// SetHierarchyArrays installs a hierarchy for w that HierarchyArrays
// returned for a graph of the same Arrays (labels included), as
// BuildHierarchy would have built it, without contracting. It checks
// that Vert is a permutation of this graph's junctions, that offsets are
// non-decreasing and span the arcs, that every arc leads to a position of
// higher rank, that every weight is finite and ≥ 0 and that Shortcuts is
// within the arcs; an error wraps ErrInvalid and the graph is left as it
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
		Out: conv(a.Out), In: conv(a.In), Shortcuts: a.Shortcuts}
	if err := g.ix.SetHierarchy(w == Time, h); err != nil {
		return fmt.Errorf("road: hierarchy for %v: %v: %w", w, err, ErrInvalid)
	}
	g.hier[w], g.stored[w] = true, true
	return nil
}
