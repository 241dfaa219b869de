// Package index holds partons' immutable spatial indexes on WGS84 lon/lat:
//
//   - Points answers nearest, k-nearest and within-radius queries by exact
//     WGS84 ellipsoidal geodesic distance in metres (geo/geodesic), visiting
//     items in non-decreasing distance with ties broken by the smaller id, so
//     every answer is deterministic.
//   - Polygons locates the area (municipality, section…) containing a point.
//   - Set answers Points.NearestAndCount for several Points at once (the
//     services of every category and country around one village), from one
//     rectangle search, with each member's own answers.
//
// Points and Polygons wrap a tidwall/rtree R-tree of int32 ids, the positions of the items
// in the slice they were built from. Points also packs its items in a
// static R-tree of flat arrays (flat.go) for the rectangle searches of
// NearestAndCount and CountWithinEach. A Set buckets its members' items
// in a grid of lon/lat cells (grid.go), rows stored one after the other,
// and keeps such a tree instead when some cell would be crowded.
//
// Points walks the tree best-first on a geodetic lower bound, not on the
// tree's planar box distance, which is measured in squared degrees and ranks
// candidates wrongly away from the equator (at 50.6°N a degree of longitude is
// 0.63 of a degree of latitude). The bound is the spherical point-to-rectangle
// angle scaled by the smallest radius of curvature of the ellipsoid, b²/a; the
// proof that it never exceeds the geodesic distance is in bound.go.
//
// Units: degrees in (lon, lat order, as orb.Point), metres for distances.
//
// Concurrency: an index is built once by New, NewPolygons or NewSet and never
// modified; all its methods are safe for concurrent use by many goroutines.
package index
