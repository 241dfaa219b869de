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
// An Index is immutable once built and safe for concurrent searches, each
// with its own Workspace; a Workspace is not safe for concurrent use.
package search
