// Package collection writes tables (datasets/table) as RFC 7946 GeoJSON
// FeatureCollections, and reads back the data date such a file states in
// its head. The readers are in package geojsonio.
//
// Write puts one feature per line (diffs stay readable), the properties
// in column order with the table's digits, positions spelled as
// encoding/json spells them, no timestamps: the bytes depend only on the
// table, the geometries and the Options. Rows stream, formatted on all
// cores for a Concurrent table.
//
// The collection's foreign members (Options: name, attribution,
// data_date) come before "features", so HeadDataDate finds the data date
// in the first bytes of a file without reading it whole.
//
// Units: geometries are WGS84 longitude/latitude in degrees.
//
// Concurrency: Write and HeadDataDate keep no shared state and may run
// concurrently on different inputs.
package collection
