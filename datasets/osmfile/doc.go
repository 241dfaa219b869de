// Package osmfile opens OpenStreetMap files (PBF, XML, bzip2- or
// gzip-compressed XML) and reads them once for every reader of the
// module that needs them: the extract of places, services and boundaries
// (datasets/osmextract) and the road network builder (datasets/osmroad)
// are Consumers of one shared read (Read), which makes at most three
// passes over each file (relations, ways, nodes), each pass feeding every
// consumer that wants it. A PBF block is inflated and checked once per
// read, and decoded only in the passes that want a kind of element it
// holds: about one decoding of the file for all its readers.
//
// The format is chosen by the file name, else by its first bytes. Each
// pass hashes the raw bytes (SHA-256, for the manifest) and later passes
// check that they did not change.
//
// # Errors
//
// A malformed, truncated or unsupported file fails the whole read with a
// *FileError naming the source (with byte offset or last element when
// known) and wrapping ErrMalformed, ErrUnsupported, ErrChanged or
// ErrCoordinate, all of which wrap datasets.ErrInvalid.
//
// # Concurrency
//
// A read runs on the calling goroutine, plus the given number of PBF
// decoding goroutines of github.com/paulmach/osm/osmpbf, on which the
// consumers' Keep filters run, as many goroutines checking PBF blocks
// and one reading the file ahead of them. Separate reads may run
// concurrently.
//
// osmpbf v0.8.0 trusts the blocks it decodes: a string table index out of
// range, parallel arrays of unequal lengths or a block of non-dense nodes
// make it panic on a decoder goroutine, where no recover can catch it.
// Every PBF block is therefore inflated and checked once before the
// decoder sees it; a bad block fails the read with ErrMalformed (non-dense
// nodes: ErrUnsupported) and its byte offset. A panic on the calling
// goroutine (where osmpbf decodes the header block) is recovered into the
// same kind of error. The block check itself lives in internal/pbfblock.
package osmfile
