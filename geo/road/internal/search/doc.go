// Package search is the search core of geo/road: the compressed graph of
// junctions a road graph's searches run on, and its multi-source Dijkstra
// search. Package road validates every input and documents the behaviour;
// this package assumes valid input.
//
// Searches run on a compressed graph of junctions (OSRM's compressed
// edges). A vertex with exactly two routable edges that agree on their
// directions, and whose label equals both neighbours' labels, lies inside a
// chain: any route through it comes in by one edge and leaves by the other,
// so the search does not need it. Every other vertex with a routable edge
// is a junction. A chain is a maximal run of routable edges whose inner
// vertices all lie inside chains; it becomes one CSR arc per allowed
// direction between its end junctions. A ring of chain vertices without
// any junction gets its smallest vertex as junction.
//
// Costs are those of the full graph bit for bit: an arc adds its edges'
// float32 weights one by one from the junction it leaves, as the full
// search adds them edge by edge; a seed inside a chain offers both ends of
// its edge and spreads along the chain the same way; a target's cost is
// built from the labels the full search would give the ends of its edge
// (chainLabel). Snapping is untouched: snaps still name an input edge and
// a fraction of it. TestCompressedMatchesFull and
// TestCompressedMatchesFullOSM compare every vertex and target with the
// full graph for equality.
//
// On real OSM extracts 10–23 % of the vertices lie inside chains (ways
// meeting end to end); the grid graphs of the benchmarks have almost none.
//
// Junctions are numbered along a Hilbert curve (geo/road/internal/hilbert),
// so that a search's wavefronts touch fewer cache lines; labels wait in a
// radix heap (radix.go).
//
// # Contraction hierarchies and PHAST
//
// BuildHierarchy contracts the junction graph for one minimised weight
// (geo/road/internal/ch), possibly leaving a core of junctions
// uncontracted; a search by that weight, without closed borders and
// without Query.Exact, then runs as PHAST (Delling et al. 2011;
// ch.Sweep): the seeds' junctions are offered as by Dijkstra, an upward
// search follows arcs to higher ranks (In arcs for a reverse search, Out
// arcs for Origins), visiting each vertex outside the core once in
// increasing rank, a Dijkstra within the core follows the core's arcs
// from the labels the upward search left there, and one sweep over every
// position outside the core in decreasing rank takes each vertex's label
// from the higher-ranked ends of its other arcs. Labels are lexicographic
// (minimised, secondary, seed index), as Dijkstra's; a label beyond the
// cutoff is unreached, which is what Dijkstra's pruning gives since
// weights are ≥ 0. Labels live in an array in position order (ch.Sweep; hierarchy
// order, not Hilbert order), read through junctionLabel by Cost,
// VertexCost and chainLabel; nothing is copied back into the Dijkstra
// state. Targets do not shorten a sweep.
//
// Rounding. All weights are float32 values w_i ≥ 0 (exact in float64),
// added in float64. Dijkstra adds a route's k weights one by one onto its
// start value s (a partial edge and a leg, computed identically either
// way); the hierarchy adds s to sums of sums (an arc of a chain is summed
// from 0, a shortcut adds two arcs). Either is a summation of the same
// k+1 non-negative terms with at most k additions, whose result is
// within γ_k·S of the exact sum S, γ_k = k·u/(1−k·u), u = 2⁻⁵³ (Higham,
// Accuracy and Stability of Numerical Algorithms, §4.2; a tree-shaped sum
// of non-negative terms keeps the bound). Dijkstra returns the smallest
// rounded cost over routes (rounding is monotone, so Dijkstra on rounded
// costs is exact for them), hence lies in [(1−γ)E, (1+γ)E] around the
// exact shortest cost E. The contraction removes a shortcut only for a
// witness shorter by more than 4γ relatively, hence strictly shorter in
// exact arithmetic, so the hierarchy keeps an up–down route of exact cost
// E, and PHAST, the smallest rounded cost over up–down routes, lies in the
// same interval. With a core the argument is the same over up–core–down
// routes: the core keeps every arc and shortcut among its junctions, so
// such a route of exact cost E remains, each of its sums is again a
// summation of the same k+1 terms (the core's Dijkstra adds arcs one by
// one onto the label the upward search brought), and the Dijkstra within
// the core returns the smallest rounded cost over them (rounding is
// monotone); the same RoundingBound holds, and the exactness tests run on
// hierarchies with no core, a third of the junctions as core, and all of
// them. So |PHAST − Dijkstra| ≤ 2γ·E ≤ 2γ/(1−γ)·Dijkstra. With
// k ≤ n = 2·(routable edges) + 4 (a route without a repeated edge, its
// partial edges and legs, and Cost's final partial edge) this is
// RoundingBound: 2.7·10⁻⁸ relatively on 60M edges, under 3 mm per 100 km.
// On the test graphs and OSM extracts the largest difference seen is one
// unit in the last place. The secondary quantity is that of the route
// found: equal within the bound when the shortest route is unique beyond
// the bound, otherwise that of another route as short within the bound.
// Likewise a seed tying with another within the bound may be chosen
// instead of the lower-indexed one. Hence hierarchies are opt-in.
//
// An Index is immutable once built and safe for concurrent searches, each
// with its own Workspace; a Workspace is not safe for concurrent use.
package search
