package osmroad

import (
	"bytes"
	"context"
	"io"
	"runtime"
	"testing"

	"github.com/paulmach/osm"
	"github.com/paulmach/osm/osmpbf"

	"github.com/partons/partons/datasets/osmfile"
	"github.com/partons/partons/geo/road"
)

// Run: go test -run=^$ -bench=ReadPBF -benchmem ./datasets/osmroad/
//
// BenchmarkReadPBF reads the largest committed extract into the three
// networks (both passes, block checks, merging, graph assembly).
// BenchmarkReadPBFBareScan is the peer baseline: osmpbf alone scanning the
// same bytes twice (ways, then nodes), which is the least any two-pass
// reader must do.
const benchFile = "liechtenstein-2013-08-03.osm.pbf"

func BenchmarkReadPBF(b *testing.B) {
	data := readTestdata(b, benchFile)
	src := []osmfile.Source{bytesSource(benchFile, data)}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		nets, _, err := ReadAll(context.Background(), src, Options{})
		if err != nil {
			b.Fatal(err)
		}
		if n := len(nets[road.Car].Edges); n != 2930 {
			b.Fatalf("%d car edges, want 2930", n)
		}
	}
}

func BenchmarkReadPBFBareScan(b *testing.B) {
	data := readTestdata(b, benchFile)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		var ways, nodes int
		for pass := 0; pass < 2; pass++ {
			sc := osmpbf.New(context.Background(), io.Reader(bytes.NewReader(data)), runtime.GOMAXPROCS(0))
			sc.SkipRelations = true
			sc.SkipNodes, sc.SkipWays = pass == 0, pass == 1
			for sc.Scan() {
				switch sc.Object().(type) {
				case *osm.Way:
					ways++
				case *osm.Node:
					nodes++
				}
			}
			if err := sc.Err(); err != nil {
				b.Fatal(err)
			}
			sc.Close()
		}
		if ways != 7121 || nodes != 65733 {
			b.Fatalf("%d ways %d nodes, want 7121 65733", ways, nodes)
		}
	}
}
