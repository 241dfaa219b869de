// Package datasets holds partons' record types (villages, service points,
// boundaries), their validation, and the errors that name the file, record
// and field at fault. Readers and writers for each file format live in
// sub-packages (geojsonio, csvio, …); the embedded Westhoek sample lives in
// datasets/westhoek.
//
// Units: coordinates are WGS84 longitude/latitude in degrees (EPSG:4326,
// RFC 7946 axis order); population is a head count; capacity is in
// whatever unit the service data uses (documented per source).
//
// Concurrency: record values are plain data; slices returned by readers
// belong to the caller.
package datasets
