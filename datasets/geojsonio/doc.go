// Package geojsonio reads villages, service points and boundaries from
// RFC 7946 GeoJSON FeatureCollections, strictly. Tables are written as
// FeatureCollections by package collection, which also reads the data
// date a file states in its head.
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
// The input is read into memory once and walked by a hand-written JSON
// scanner that accepts exactly what encoding/json accepts; records are
// built straight from the bytes (coordinates parsed in place, only the
// schema's properties looked at, repeated strings such as country codes
// shared). A document with a file-level problem (bad JSON, not a
// FeatureCollection, …) is walked again by a json.Decoder, which words
// the problem; feature problems are found by the same code on both walks.
// The scanner lives in internal/jsonscan and the geometry parser in
// internal/geometry; this package frames features and reads properties.
// Memory is the input bytes plus the returned records.
//
// Units: coordinates are WGS84 longitude/latitude in degrees (RFC 7946 axis
// order); an altitude (third number) is accepted and dropped. A UTF-8 byte
// order mark is skipped. A legacy "crs" member naming anything but WGS84
// is rejected.
//
// Concurrency: the readers keep no shared state and may run concurrently
// on different inputs.
package geojsonio
