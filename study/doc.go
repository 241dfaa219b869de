// Package study is the application: what a command of partons does, as
// library functions a command line (or a test) calls with its options.
// It resolves a run's settings (Spec, NewJob), reads its inputs once
// (ReadInputs: OpenStreetMap extracts read once for places, services,
// boundaries and roads), merges contributions, maps categories and opens
// travel modes; its subpackages run the commands (study/run,
// study/scenario, study/locate, study/access…) and write their reports
// through the one registry of output files, render/files
// (study/results).
//
// Every function that reads or computes takes a context.Context and stops
// when it is cancelled. Errors keep their kind: invalid input data wraps
// datasets.ErrInvalid, a bad choice of options is a *usage.Error naming
// each option by its key in the run spec ("thresholds_m"), never by a
// command-line flag; a cancellation is context.Canceled.
//
// Nothing here is safe for concurrent use, except where said.
package study

// Version is the version of partons written into manifests; the binary
// sets it at start-up.
var Version = "dev"

// OptionName names an option, given by its key in the run spec, in the
// notes a report carries (manifest caveats): the key itself unless the
// binary names options otherwise (by their flags). Set it before any
// command runs.
var OptionName = func(key string) string { return key }
