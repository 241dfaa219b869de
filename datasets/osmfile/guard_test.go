package osmfile

import (
	"bytes"
	"context"
	"errors"
	"io"
	"testing"

	"github.com/partons/partons/datasets"
)

// benchFile is the extract whose blocks BenchmarkCheckBlocks walks.
const benchFile = "liechtenstein-2013-08-03.osm.pbf"

// BenchmarkCheckBlocks is the walk of the block check alone over the
// inflated blocks of the same extract (bytes are inflated bytes).
func BenchmarkCheckBlocks(b *testing.B) {
	blocks := dataBlocks(b, readTestdata(b, benchFile))
	var n int64
	for _, bl := range blocks {
		n += int64(len(bl))
	}
	b.SetBytes(n)
	for b.Loop() {
		for _, bl := range blocks {
			if _, err := checkPrimitiveBlock(bl); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// FuzzPBFBlock feeds arbitrary bytes as the inflated PrimitiveBlock of a
// file, so that mutations reach the block check and the decoder instead of
// failing in zlib. Property: a block the check accepts decodes without a
// panic. Rejected blocks are not decoded: each decoder start allocates a
// 32 MiB buffer, and skipping them multiplies the executions per second.
//
// Run: go test -run=^$ -fuzz=FuzzPBFBlock -fuzztime=60s ./datasets/osmfile/
func FuzzPBFBlock(f *testing.F) {
	f.Add([]byte(okBlock().encode()))
	for _, name := range []string{"monaco-tiny.osm.pbf", "town.osm.pbf"} {
		for _, b := range dataBlocks(f, readTestdata(f, name)) {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, block []byte) {
		if _, err := checkPrimitiveBlock(block); err != nil {
			return
		}
		decodePBFNoPanic(t, pbfFile(t, block))
	})
}

// decodePBFNoPanic decodes every object of b, with no skips or filters:
// either it succeeds or fails with an error wrapping datasets.ErrInvalid.
func decodePBFNoPanic(t *testing.T, b []byte) {
	t.Helper()
	src := bytesSource("fuzz.osm.pbf", b)
	if _, err := Read(context.Background(), []Source{src}, 1, &keepAll{}); err != nil && !errors.Is(err, datasets.ErrInvalid) {
		t.Fatalf("error not wrapping ErrInvalid: %v", err)
	}
}

// TestTruncatedPBFEverywhere cuts the Monaco extract at many offsets: each
// cut inside a block is an error, never a panic or a partial read. A
// cut exactly between blocks is undetectable in the PBF format (it has no
// end marker) and must give a subset of the full read.
func TestTruncatedPBFEverywhere(t *testing.T) {
	t.Parallel()
	monaco := readTestdata(t, "monaco-2015-04-28.osm.pbf")
	ends := blockEnds(t, monaco)
	for n := 0; n < len(monaco); n += 9973 {
		rep, err := Read(context.Background(), []Source{bytesSource("m.osm.pbf", monaco[:n])}, 0, &keepAll{})
		if ends[n] {
			if err != nil {
				t.Errorf("cut at block end %d: %v", n, err)
			}
			continue
		}
		if err == nil {
			t.Errorf("cut at %d: no error, report %v", n, rep)
		}
	}
}

// blockEnds returns the offsets at which a PBF fileblock ends.
func blockEnds(tb testing.TB, b []byte) map[int]bool {
	tb.Helper()
	g := newPBFGuard(bytes.NewReader(b), nil, 0, 1)
	ends := map[int]bool{}
	for {
		j := g.block()
		if j.err == io.EOF {
			return ends
		}
		if j.err != nil {
			tb.Fatal(j.err)
		}
		ends[int(g.off)] = true
	}
}
