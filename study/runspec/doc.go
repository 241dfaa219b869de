// Package runspec resolves the spec of a run from the options a command
// line gives, a configuration file and the defaults: an option given wins
// over the file, which wins over the default. It knows options by their
// run-spec keys ("thresholds_m", "snap_m"), never by a command-line flag:
// its errors are *usage.Error values naming options as {key}, or invalid
// input naming the configuration file, line and key.
//
// Functions are pure but for reading the configuration file; safe for
// concurrent use.
package runspec
