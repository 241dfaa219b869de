// Package reportdir reads a finished partons report folder as an input:
// its manifest.json (the Manifest type, in every layout partons has
// written, migrated to the current one) and its other files, each checked
// against the SHA-256 and size the manifest records before anyone reads
// it. Commands that read reports back (diff, report re-rendering, history,
// the static site) open them here, so a truncated, edited or swapped file
// is refused, named, rather than compared or published.
//
// Sums is the writing side of the same contract: it hashes each report
// file as it is written so that the manifest, written last, lists them.
//
// Errors about a report's content are *datasets.RecordError values naming
// the file (datasets.ErrInvalid: invalid input data).
//
// Concurrency: a Report is read-only after Open and safe for concurrent
// ReadVerified calls; a Sums is used from one goroutine.
package reportdir
