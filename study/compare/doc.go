// Package compare sets finished reports side by side: two of them, before
// and after, village by village (Diff), or the reports of several years
// (History). Every file it reads from a report is first checked against the
// SHA-256 and size the report's manifest.json records; a file that does not
// match is refused with an error naming it (datasets.ErrInvalid).
//
// Distances are in metres, as the reports hold them. The functions write a
// report directory atomically (render/output): on an error or a cancelled
// context nothing is left half-written. They are safe to call from several
// goroutines on distinct output directories.
package compare
