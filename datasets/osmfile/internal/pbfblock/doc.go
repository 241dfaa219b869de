// Package pbfblock checks the PrimitiveBlocks of an OSM PBF file at the
// protobuf wire level, before github.com/paulmach/osm/osmpbf decodes
// them: osmpbf v0.8.0 trusts what it decodes and panics on a decoder
// goroutine (where no recover can catch it) on a string index out of
// range, parallel arrays of unequal lengths or non-dense nodes. Check
// rejects every such block with an error wrapping ErrMalformed (non-dense
// nodes: ErrUnsupported) and reports the kinds of elements a good block
// holds, so that a pass can skip blocks it does not want.
//
// It reads bytes only: no file, no element. Safe for concurrent use.
package pbfblock
