// Package geometry parses the geometry of a GeoJSON feature straight from
// its bytes, strictly: arrays where arrays belong, numbers in positions, 2
// or 3 numbers per position (an altitude is dropped), finite longitudes
// and latitudes in range, rings of at least 4 positions that are closed.
// Errors are reasons for a record error on the "geometry" field.
//
// Units: WGS84 longitude/latitude in degrees (RFC 7946 axis order).
// Concurrency: Parse keeps no state.
package geometry
