// Package roads opens the road networks of a study: OpenStreetMap
// extracts read once for every reader that needs them (places, services,
// boundaries, roads, country polygons; ReadOSM), or a graph file from
// partons prepare (ReadGraphProfile), built into a road.Graph whose
// vertices carry country labels when a closed border needs them (Load).
// A Cache opens each network once per profile for the variants of a
// scenario.
//
// Distances are metres, times minutes. Nothing here is safe for
// concurrent use unless said so.
package roads
