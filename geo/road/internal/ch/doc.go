// Package ch builds contraction hierarchies (Geisberger et al. 2008) over a
// directed graph whose arcs carry a pair of weights (w1, w2), compared
// lexicographically: w1 is minimised, w2 breaks its ties. Package
// geo/road/internal/search answers one-to-all searches on them with PHAST
// sweeps; this package knows nothing of roads.
//
// # Order and shortcuts
//
// Vertices are contracted one at a time, lowest priority first: twice the
// edge difference (shortcuts added minus arcs removed), plus the number of
// neighbours already contracted, plus the vertex's level; recomputed for
// the neighbours of each contracted vertex, and lazily when a vertex
// reaches the top of the queue. Contracting v adds a shortcut u→w for a path
// u→v→w unless a witness search from u that avoids v (Dijkstra on w1,
// bounded by WitnessSettled settled vertices, stopped once every head is
// settled) finds a path to w whose w1
// is below the shortcut's by more than the relative Margin. Everything is
// deterministic: ties are broken by vertex id, and the same input gives
// the same hierarchy.
//
// # Rounding
//
// Weights are float64 and a shortcut's weights are sums, so a path's
// weight in the hierarchy is summed in another order than a search adding
// arcs one by one would sum it. A witness only removes a shortcut when it
// is shorter even after both sums' worst rounding (Margin, see
// search.Index.BuildHierarchy), so in exact arithmetic the hierarchy keeps
// for every pair of vertices an up–down path that is a lexicographically
// shortest path of the input graph. Parallel arcs and shortcuts are kept.
//
// # Concurrency
//
// Build is single-threaded; a Hierarchy is immutable and may be read by any
// number of goroutines.
package ch
