// Package road is partons' routing core: a compact road graph in compressed
// sparse row (CSR) form, snapping of points onto road segments, and
// multi-source Dijkstra searches that give, for every village, the cheapest
// road trip to the nearest service of a category.
//
// # Model
//
// A Graph is built once per travel Profile (car, bicycle, foot) from the
// vertices and EdgeSpecs produced by a reader (datasets/osmroad). Vertices
// and edges keep their dense int32 ids: edge e of the graph is edges[e] of
// the Build input. An edge is routable when it may be travelled in at least
// one direction; non-routable edges are kept (so ids stay stable) but are
// neither searched nor snapped to. Parallel edges are all kept: Dijkstra
// takes the cheapest one by itself, and each keeps its own geometry for
// snapping.
//
// # Units and precision
//
// Lengths are metres, travel times seconds, coordinates WGS84 lon/lat
// degrees. Edge lengths and times are stored as float64 (authoritative; they
// round-trip through files exactly). Speeds are held as a table of their
// distinct values, and geometry points on OSM's 1e-7° grid as int32 pairs,
// when every value allows it; both give back the input's float64 values bit
// for bit (speeds.go, geometry.go). The CSR arcs used by searches carry
// float32 copies: each arc is then off by at most 2⁻²⁴ (6·10⁻⁸) of its own
// length, and since costs are summed in float64 a route is off by at most
// 6·10⁻⁸ of its total, i.e. 6 mm over 100 km. Integer centimetres would
// instead accumulate up to 5 mm per edge.
//
// Snapping measures distances in a local equirectangular projection centred
// on the query point with the WGS84 ellipsoid's meridional and normal radii
// of curvature as scale factors. Within 1 km of the query this agrees with
// the ellipsoidal geodesic to better than 0.03 % (see SnapFunc). A snap is
// the nearest point of any accepted segment in that metric, the first in
// edge order among exact ties, as a scan of every segment would find it;
// the index that finds it is a packed static R-tree of about 5 bytes per
// segment (segindex.go). Longitudes must not cross the antimeridian.
//
// # Searches
//
// Nearest runs one multi-source search: seeded at every snapped service of a
// category on the reverse graph, it gives afterwards for any snapped village
// the cheapest village→service cost, the service reached and the secondary
// quantity (time of the shortest path, or length of the fastest). Costs
// honour one-way streets, partial edges at both ends, and a village and a
// service on the same edge; with Search.LegSpeedKmh they also include the
// straight legs between each point and its snap (Snap.DistM), so that a
// route is never shorter than the straight line between its ends. Ties are broken lexicographically on (cost,
// secondary, seed index), so results do not depend on adjacency order.
//
// Searches run on junctions only: a vertex with two routable edges of the
// same directions (ways meeting end to end) lies inside a chain, and each
// chain is one arc (OSRM's compressed edges) that adds its edges' float32
// weights one by one. Snaps still name an input edge and a fraction of it;
// costs are those of the full graph, bit for bit (see
// geo/road/internal/search, the search core). On OSM extracts this removes
// 10–23 % of the vertices a search visits.
//
// Graph.BuildHierarchy adds a contraction hierarchy for one weight (opt
// in; CoreDegree leaves its densest top uncontracted as a core): searches
// by that weight then run as PHAST sweeps over every junction in rank
// order, with a Dijkstra within the core, instead of Dijkstra, whose costs they match
// within Graph.RoundingBound (relative, 2.7·10⁻⁸ on 60M edges) rather than
// bit for bit; ClosedBorders and Search.Exact searches keep Dijkstra.
//
// # Files
//
// Package geo/road/graphfile stores graphs in partons' versioned,
// checksummed binary format, through Arrays and FromArrays: the flat input
// arrays a graph is built from, which FromArrays checks as Build does.
//
// # Concurrency
//
// A Graph is immutable after Build or FromArrays, except for Meta and
// SetVertexLabels, which must be called before the graph is shared. A
// read-only Graph is safe for concurrent use by any number of goroutines:
// Snap (which builds its index lazily, once) and Nearest with one Workspace
// per goroutine. A Workspace is not safe for concurrent use. NearestMany
// runs independent searches on a bounded pool of goroutines.
package road
