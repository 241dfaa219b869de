package osmroad

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/osmfile"
)

// FuzzReadXML feeds arbitrary bytes to the XML path (as .osm) and checks
// that the reader never panics, and that it either fails with an error
// wrapping datasets.ErrInvalid or returns networks satisfying the basic
// invariants.
//
// Run: go test -run=^$ -fuzz=FuzzReadXML -fuzztime=60s ./datasets/osmroad/
func FuzzReadXML(f *testing.F) {
	f.Add(readTestdata(f, "town.osm"))
	f.Add(readTestdata(f, "east.osm"))
	f.Add([]byte(`<osm><node id="1" lat="0" lon="0"/><node id="2" lat="0" lon="1e-3"/><way id="1"><nd ref="1"/><nd ref="2"/><nd ref="1"/><tag k="highway" v="path"/></way></osm>`))
	f.Add([]byte(`<osm><way id="1"><nd ref="1"/><nd ref="1"/><tag k="highway" v="motorway"/><tag k="maxspeed" v="30 mph;BE:urban"/></way></osm>`))
	f.Add([]byte(`<osm><node id="1" lat="NaN" lon="0"/><way id="1"><nd ref="1"/><nd ref="2"/><tag k="highway" v="path"/></way></osm>`))
	f.Fuzz(func(t *testing.T, b []byte) {
		nets, _, err := ReadAll(context.Background(), []osmfile.Source{bytesSource("fuzz.osm", b)}, Options{Country: westOf})
		if err != nil {
			if !errors.Is(err, datasets.ErrInvalid) {
				t.Fatalf("error not wrapping ErrInvalid: %v", err)
			}
			return
		}
		for _, n := range nets {
			for _, e := range n.Edges {
				if e.From == e.To || len(e.Geometry) < 2 || !(e.LengthM >= 0) || !(e.SpeedKmh > 0) ||
					int(e.From) >= len(n.Vertices) || int(e.To) >= len(n.Vertices) {
					t.Fatalf("bad edge %+v", e)
				}
			}
		}
	})
}

// FuzzReadCompressedXML feeds arbitrary bytes under a name without an
// extension, so the format is recognised from the content: bzip2 and gzip
// compressed XML, plain XML or PBF. The reader never panics and fails only
// with errors wrapping datasets.ErrInvalid.
//
// Run: go test -run=^$ -fuzz=FuzzReadCompressedXML -fuzztime=60s ./datasets/osmroad/
func FuzzReadCompressedXML(f *testing.F) {
	f.Add(readTestdata(f, "town.osm.bz2"))
	f.Add(gzipBytes(f, readTestdata(f, "east.osm")))
	f.Add([]byte("BZh9"))
	f.Add([]byte{0x1f, 0x8b})
	f.Fuzz(func(t *testing.T, b []byte) {
		_, _, err := ReadAll(context.Background(), []osmfile.Source{bytesSource("fuzz", b)}, Options{Procs: 1})
		if err != nil && !errors.Is(err, datasets.ErrInvalid) {
			t.Fatalf("error not wrapping ErrInvalid: %v", err)
		}
	})
}

// FuzzReadPBF feeds arbitrary bytes to the PBF path (block guard, then
// osmpbf), as the road reader and as a pass decoding every object. A panic
// inside osmpbf's decoder goroutines would crash the fuzzer, so this probes
// the guard. Random changes rarely get through zlib: FuzzPBFBlock mutates
// the inflated block. The files that made osmpbf panic before the guard
// checked every block are seeds: the mutated extracts of the hostile corpus
// (testdata/hostile/osm at the top of the repository) and of town.osm.pbf
// (testdata/fuzz/FuzzReadPBF).
//
// Run: go test -run=^$ -fuzz=FuzzReadPBF -fuzztime=60s ./datasets/osmroad/
func FuzzReadPBF(f *testing.F) {
	f.Add(readTestdata(f, "town.osm.pbf"))
	f.Add(readTestdata(f, "east.osm.pbf"))
	f.Add(readTestdata(f, "town-nondense.osm.pbf"))
	f.Add(readTestdata(f, "monaco-tiny.osm.pbf"))
	hostile, err := filepath.Glob("../../testdata/hostile/osm/*.osm.pbf")
	if err != nil || len(hostile) == 0 {
		f.Fatalf("no hostile PBF files (%v)", err)
	}
	for _, name := range hostile {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) { readPBFNoPanic(t, b) })
}

// readPBFNoPanic reads b as the road reader does, then decodes all its
// objects: either fails with an error wrapping datasets.ErrInvalid.
func readPBFNoPanic(t *testing.T, b []byte) {
	t.Helper()
	src := bytesSource("fuzz.osm.pbf", b)
	if _, _, err := ReadAll(context.Background(), []osmfile.Source{src}, Options{Procs: 1}); err != nil && !errors.Is(err, datasets.ErrInvalid) {
		t.Fatalf("error not wrapping ErrInvalid: %v", err)
	}
	decodePBFNoPanic(t, b)
}

// decodePBFNoPanic decodes every object of b, with no skips or filters:
// either it succeeds or fails with an error wrapping datasets.ErrInvalid.
func decodePBFNoPanic(t *testing.T, b []byte) {
	t.Helper()
	src := bytesSource("fuzz.osm.pbf", b)
	if _, err := osmfile.Read(context.Background(), []osmfile.Source{src}, 1, keepAll{}); err != nil && !errors.Is(err, datasets.ErrInvalid) {
		t.Fatalf("error not wrapping ErrInvalid: %v", err)
	}
}
