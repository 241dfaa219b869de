// Package ch builds contraction hierarchies (Geisberger et al. 2008) over a
// directed graph whose arcs carry a pair of weights (w1, w2), compared
// lexicographically: w1 is minimised, w2 breaks its ties, and runs
// one-to-all PHAST searches on them (Sweep; Delling et al. 2011), which
// package geo/road/internal/search seeds and reads. This package knows
// nothing of roads.
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
// # Core
//
// On networks whose weights vary little between road classes (bicycle,
// foot, or any network by length) the graph left grows dense near the top
// of the hierarchy, and the last vertices cost most of the time: on the
// synthetic national network's bicycle graph by time (1M OSM nodes) the
// last 10 % of the vertices took 80 % of the contraction, their average
// degree (arcs in and out) rising from 12 to 33. Config.CoreDegree stops
// the contraction once the vertices left have that average degree
// (Config.CoreSize once that few are left): they become the core
// (Geisberger et al.'s core-based hierarchies), ranked above the rest
// with every arc among them kept and listed at both ends. Measured, not
// guaranteed: a car network by time stayed below degree 8 on the 1M-node
// synthetic network and was contracted completely, while at 31.5M nodes
// its top 913 junctions became a core. Searches
// then need a Dijkstra within the core between the upward search and the
// downward sweep (Sweep.Run); costs are unchanged: the core keeps every
// arc and shortcut among its vertices, so the up–core–down routes include
// a shortest route for every pair.
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
// number of goroutines, each search with its own Sweep.
package ch
