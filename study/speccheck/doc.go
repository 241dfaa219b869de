// Package speccheck checks a run spec before any work starts: every value
// (Validate, whose *Error names the bad value by its key in the run
// section of manifest.json) and the field mappings of single files given
// as FILE[:field=col,…] (SplitFileArg, CheckFileFields, FieldsFor).
//
// Functions are pure but for SplitFileArg, which asks whether a path
// exists; safe for concurrent use. Distances in metres, times in minutes.
package speccheck
