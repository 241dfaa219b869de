package road

import "fmt"

// BuildHierarchy contracts the graph's junctions into a contraction
// hierarchy for weight w (geo/road/internal/ch) and keeps it: from then
// on, searches minimising w without ClosedBorders and without Exact run
// as PHAST sweeps (an upward search from the seeds, then one pass over
// every junction in rank order) instead of Dijkstra. SetVertexLabels
// rebuilds the hierarchies the graph has. Call before sharing the graph
// between goroutines.
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
	g.hier[w] = true
	return nil
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
