// Package output writes partons' reports: tables as CSV and as GeoJSON
// (RFC 7946) feature collections, JSON documents such as the manifest, all
// into a report directory that appears atomically.
//
// Determinism: the bytes depend only on the tables (whose numbers are
// already formatted, see datasets/table) and geometries; there are no
// timestamps. One feature per line keeps GeoJSON diffs readable.
//
// Concurrency: a Dir is used from one goroutine.
package output
