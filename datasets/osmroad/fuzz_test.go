package osmroad

import (
	"context"
	"errors"
	"testing"

	"github.com/partons/partons/datasets"
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
		nets, _, err := ReadAll(context.Background(), []Source{bytesSource("fuzz.osm", b)}, Options{Country: westOf})
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

// FuzzReadPBF feeds arbitrary bytes to the PBF path (block guard, then
// osmpbf). A panic inside osmpbf's decoder goroutines would crash the
// fuzzer, so this also probes the guard.
//
// Run: go test -run=^$ -fuzz=FuzzReadPBF -fuzztime=60s ./datasets/osmroad/
func FuzzReadPBF(f *testing.F) {
	f.Add(readTestdata(f, "town.osm.pbf"))
	f.Add(readTestdata(f, "east.osm.pbf"))
	f.Add(readTestdata(f, "town-nondense.osm.pbf"))
	f.Fuzz(func(t *testing.T, b []byte) {
		_, _, err := ReadAll(context.Background(), []Source{bytesSource("fuzz.osm.pbf", b)}, Options{Procs: 1})
		if err != nil && !errors.Is(err, datasets.ErrInvalid) {
			t.Fatalf("error not wrapping ErrInvalid: %v", err)
		}
	})
}
