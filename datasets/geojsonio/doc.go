// Package geojsonio reads villages, service points and boundaries from
// RFC 7946 GeoJSON FeatureCollections, strictly.
//
// Unlike general GeoJSON decoders, which accept a one-number position, an
// unclosed ring or a latitude of 95 without a word, every reader here
// validates the raw JSON before building orb geometries and reports every
// problem in the file at once, as a datasets.ErrorList of
// *datasets.RecordError naming the source, the 0-based feature index, the
// 1-based JSON line where the feature starts, and the property at fault.
// errors.Is(err, datasets.ErrInvalid) holds for such errors; failures of the
// underlying reader are returned wrapped instead.
//
// Features are decoded one at a time from a stream, so memory is the
// returned records plus one feature.
//
// Units: coordinates are WGS84 longitude/latitude in degrees (RFC 7946 axis
// order); an altitude (third number) is accepted and dropped. A UTF-8 byte
// order mark is skipped. A legacy "crs" member naming anything but WGS84
// is rejected.
//
// Concurrency: the readers keep no shared state and may run concurrently
// on different inputs.
package geojsonio
