// Package csvio reads villages and service points from delimited text
// files (CSV), strictly.
//
// The delimiter (comma, semicolon or tab) is detected from the header
// line; a UTF-8 byte order mark is skipped; invalid UTF-8 is rejected.
// Header names are trimmed and matched case-sensitively to the schema.
// Coordinates come from longitude/latitude columns in WGS84 degrees when
// the header has them, otherwise from x/y columns in the schema's EPSG
// coordinate reference system, converted with geo/crs. A decimal comma
// ("2,885") is accepted only in semicolon-separated files.
//
// OpenTable is the header and row reading underneath, exported so that
// the other CSV table readers (odmatrix) read files the same way.
//
// Every problem in the file is reported at once, as a datasets.ErrorList
// of *datasets.RecordError naming the source, the 1-based line (the header
// is line 1) and the column at fault; errors.Is(err, datasets.ErrInvalid)
// holds for such errors. Failures of the underlying reader are returned
// wrapped instead.
//
// The input is read into memory once, so that the result can be sized
// from the first rows: memory is the input bytes plus the result.
//
// Units: longitude/latitude in degrees (WGS84), x/y in the units of the
// EPSG code (metres for the projected systems partons supports).
//
// Concurrency: the readers keep no shared state and may run concurrently
// on different inputs.
package csvio
