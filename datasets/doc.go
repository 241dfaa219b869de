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
// Coordinates are checked against the area they claim, with these
// documented thresholds (also in the README):
//
//   - x/y in a projected CRS must lie in its EPSG area of use widened by
//     2° (crs.AreaMarginDeg); ValidateXY names the system they do fit.
//   - A village or service with a country in the built-in table of
//     bounding boxes (countries.go: the EU, EFTA, their European
//     neighbours and the southern Mediterranean shore, from Natural Earth)
//     must lie in a box of that country widened by 1° (CountryMarginDeg).
//   - A boundary with a country in the table must overlap a box of that
//     country widened by 1° (CheckBoundaries); so must a service or
//     village a scenario adds (CheckCountryPoint).
//   - One without a country (or with a code not in the table) must lie in
//     a box of some country the data names, widened by 5°
//     (RegionMarginDeg).
//   - The median straight-line distance from a village to its nearest
//     service of any category must be at most 1000 km
//     (MaxMedianNearestM).
//
// Failing points whose swapped longitude and latitude would pass are
// reported as "looks like lat,lon swapped" (CheckPlacement,
// CheckSeparation).
//
// Concurrency: record values are plain data; slices returned by readers
// belong to the caller.
package datasets
