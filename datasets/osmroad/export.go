package osmroad

import (
	"context"
	"slices"

	"github.com/paulmach/orb"
	"github.com/paulmach/osm"
	"github.com/paulmach/osm/osmpbf"
)

// This file exposes the file-opening machinery of the road reader to other
// OpenStreetMap readers of this module (format detection, decompression,
// the PBF block guard, hashing, error wrapping), so that every OSM reader
// fails the same way on the same bad file, and the node table they fill.

// BlockMemo remembers PBF blocks already checked by the guard, so that the
// second and later passes of one read over the same file skip the check.
// Not safe for concurrent use: share one memo among the passes of one read,
// run one after the other.
type BlockMemo struct{ m *blockMemo }

// NewBlockMemo returns an empty memo.
func NewBlockMemo() *BlockMemo { return &BlockMemo{m: newBlockMemo()} }

// Pass is one pass over one Source: an osm.Scanner over the decoded
// objects, with the file's SHA-256 and size computed as it is consumed.
// Use it from one goroutine; Close it when done.
type Pass struct {
	ctx context.Context
	o   *opened
	src Source
}

// OpenPass opens src, recognises its format (by name, then by content) and
// starts a pass. setup, if not nil, configures the PBF scanner (skips and
// filters, which run on decoder goroutines) before its first block is
// decoded; it is not called for XML sources, whose objects all reach the
// caller. procs is the number of PBF decoding goroutines (≥ 1). memo may be
// nil. Errors are *FileError values.
func OpenPass(ctx context.Context, src Source, procs int, memo *BlockMemo, setup func(*osmpbf.Scanner)) (*Pass, error) {
	var m *blockMemo
	if memo != nil {
		m = memo.m
	}
	if setup == nil {
		setup = func(*osmpbf.Scanner) {}
	}
	if procs < 1 {
		procs = 1
	}
	o, err := open(ctx, src, procs, m, setup)
	if err != nil {
		return nil, err
	}
	return &Pass{ctx: ctx, o: o, src: src}, nil
}

// Scanner returns the object scanner of the pass.
func (p *Pass) Scanner() osm.Scanner { return p.o.scanner }

// Format returns the format of the source.
func (p *Pass) Format() Format { return p.o.format }

// FileReport returns the source's name and format and, for PBF, the
// writing program, replication time and bounds of its header block; the
// caller completes it. Errors (a bad header) are *FileError values.
func (p *Pass) FileReport() (FileReport, error) { return p.o.fileReport(p.src) }

// Fail turns a scanner or processing error into a *FileError naming the
// source, the byte offset of the PBF block at fault when known, and the
// last element read (kind "node", "way" or "relation" and its id; kind ""
// for none). Errors not already wrapping datasets.ErrInvalid or a context
// error are wrapped with ErrMalformed.
func (p *Pass) Fail(kind string, id int64, err error) error {
	return scanErr(p.o, p.src, element{kind, id}, err)
}

// Finish ends the pass once the scanner stops. If it stopped on an error,
// or the context of OpenPass ended, Finish fails as Fail does, naming the
// last element read (kind and id); otherwise it reads the rest of the file
// (so the digest covers every byte) and returns its hex SHA-256 and size in
// bytes.
func (p *Pass) Finish(kind string, id int64) (sha256 string, size int64, err error) {
	return p.o.end(p.ctx, p.src, element{kind, id})
}

// Close releases the scanner and the file.
func (p *Pass) Close() { p.o.close() }

// NodeTable sorts ids in place and returns them without repeats, with a
// point and a version for each, the version -1 (not read yet): the table a
// reader's node pass fills, looked up with slices.BinarySearch on the ids.
func NodeTable(ids []int64) (sorted []int64, pts []orb.Point, vers []int32) {
	slices.Sort(ids)
	sorted = slices.Compact(ids)
	pts = make([]orb.Point, len(sorted))
	vers = make([]int32, len(sorted))
	for k := range vers {
		vers[k] = -1
	}
	return sorted, pts, vers
}
