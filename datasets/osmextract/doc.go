// Package osmextract turns OpenStreetMap extracts (PBF, XML, bzip2- or
// gzip-compressed XML) into the three inputs of a partons analysis:
// villages (populated places), service points (shops, post offices,
// doctors, schools…) and administrative boundaries (countries and
// municipalities), with no GIS preprocessing.
//
// Several extracts are read as one data set (e.g. Belgium and
// Nord-Pas-de-Calais): every object is merged by OSM type and id, the
// highest version winning, so a commune cut in two by the edge of one
// extract is whole again when the other extract holds the rest.
//
// # What is extracted
//
//   - Villages: nodes, closed ways and multipolygon/boundary relations
//     tagged place=city|town|village|hamlet (Options.Places), with name,
//     name:nl, name:fr, the population tag where it is a plain integer,
//     the country and the municipality containing the place.
//   - Services: nodes, closed ways and multipolygon/boundary relations
//     carrying a key=value tag the taxonomy maps (amenity=pharmacy,
//     shop=bakery, …; see datasets/taxonomy). Tags are matched exactly, as
//     osmium tags-filter does. An area is reduced to geo.PointOnSurface.
//     One object with tags of two categories (a shop with a post counter)
//     gives one service per category.
//   - Boundaries: relations type=boundary or multipolygon, with
//     boundary=administrative and admin_level 2 (countries, coded by
//     ISO3166-1:alpha2 or ISO3166-1) or 8 (municipalities, coded by ref:INS
//     in Belgium and ref:INSEE in France; Options.AreaCodeKeys; a
//     municipality without such a tag is coded by its OSM id,
//     "relation/123"), assembled into polygons.
//
// # Ring assembly
//
// A relation's outer (role "outer" or "") and inner member ways are joined
// end to end by shared end nodes into closed rings (a way that is closed by
// itself is a ring). Each inner ring is put in the smallest outer ring
// containing it. Outer rings are written counter-clockwise, holes
// clockwise (RFC 7946). A relation whose member ways or nodes are missing
// (cut by the extract edge), or whose rings do not close, is not written:
// it is listed in the Report with the reason, never silently dropped and
// never written as a partial polygon. Shapes the greedy join cannot resolve
// (rings crossing themselves) are passed through as joined.
//
// # Duplicates
//
// A shop is often mapped twice: as a node and on its building. A node
// service and an area service (closed way or relation) are merged when
// they have the same category and the same name after normalisation
// (trimmed, inner white space collapsed, lower case) and the node lies
// inside the area or at most Options.MergeDistanceM metres (default 50 m,
// WGS84 geodesic) from the area's representative point. Two unnamed
// services merge only when the node lies inside the area. The node is kept
// (it marks the entrance or the counter); the area's id is listed in its
// merged_with property. Villages follow the same rule with the place name
// (both names non-empty). The Report gives counts before and after
// merging; the counts before merging equal what osmium tags-filter and
// osmium export find.
//
// # Passes, memory and time
//
// One call reads each source three times: relations, then ways (tagged
// ones and members of kept relations), then nodes (tagged ones and those
// referenced by kept ways). Memory is O(kept objects + referenced nodes),
// never O(all nodes): 28 bytes per referenced node and 8 per way-node
// reference, plus the kept objects' tags. Time is
// O(S + K log K) for S bytes of input and K kept objects, plus the ring
// assembly, O(m log m) per relation of m member ways, and one
// point-in-polygon search per place and service.
//
// # Units
//
// Coordinates are WGS84 lon/lat degrees (orb.Point); distances metres
// (WGS84 ellipsoidal geodesic, geo/geodesic).
//
// # Errors
//
// A malformed, truncated or unsupported file is an error naming the file
// and the byte offset or the last element read (an *osmfile.FileError,
// wrapping datasets.ErrInvalid). Extract-edge artefacts — missing nodes,
// missing relation members, rings that do not close — are not errors: they
// are counted per kind in the Report.
//
// # Determinism and concurrency
//
// Output order is fixed: villages and services by OSM type (node, way,
// relation), then id, then category; boundaries municipalities first, then
// countries, each by id (partons assigns an area by the first boundary
// containing a point). Extract runs on the calling goroutine plus
// Options.Procs PBF decoding goroutines; separate calls may run
// concurrently. Results belong to the caller.
//
// The reading of tags (which objects are places, services or boundaries,
// their categories, codes and populations) lives in internal/tags; this
// package reads, merges and assembles the objects.
//
// Data read with this package is © OpenStreetMap contributors, available
// under the ODbL 1.0; outputs carry Attribution.
package osmextract
