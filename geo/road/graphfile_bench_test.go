package road_test

import (
	"bytes"
	"flag"
	"os"
	"testing"

	"github.com/partons/partons/geo/road"
	"github.com/partons/partons/geo/road/graphfile"
)

// The graph file benchmarks live here, with the benchmark grid of this
// package, so that their commands in benchmarks/RESULTS.md stay as they
// are.

var gridGraphOut = flag.String("road.gridgraph", "", "write the 1M-vertex benchmark grid to this graph file (TestWriteGridGraph)")

// TestWriteGridGraph writes the benchmark grid as a graph file, to time
// whole runs of the binary on a big network (benchmarks/RESULTS.md):
//
//	go test -run TestWriteGridGraph ./geo/road -road.gridgraph grid.graph
func TestWriteGridGraph(t *testing.T) {
	if *gridGraphOut == "" {
		t.Skip("no -road.gridgraph")
	}
	g, _ := road.GridGraph1M(t)
	g.Meta = map[string]string{"source": "synthetic 1000 x 1000 grid (geo/road benchmarks)"}
	out, err := os.Create(*gridGraphOut)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := graphfile.Write(out, g); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
}

// BenchmarkReadGraph1M decodes the same graph from its file bytes.
func BenchmarkReadGraph1M(b *testing.B) {
	grid, edges := road.GridGraph1M(b)
	var buf bytes.Buffer
	if _, err := graphfile.Write(&buf, grid); err != nil {
		b.Fatal(err)
	}
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	cpu := road.CPUTime()
	for range b.N {
		g, err := graphfile.Read(bytes.NewReader(data))
		if err != nil {
			b.Fatal(err)
		}
		if g.NumEdges() != edges {
			b.Fatal("edge count differs")
		}
	}
	b.ReportMetric((road.CPUTime()-cpu).Seconds()/float64(b.N), "cpu-s/op")
	b.ReportMetric(float64(len(data))/float64(edges), "file-B/edge")
}

// BenchmarkWriteGraph1M encodes the graph.
func BenchmarkWriteGraph1M(b *testing.B) {
	grid, _ := road.GridGraph1M(b)
	var buf bytes.Buffer
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		buf.Reset()
		if _, err := graphfile.Write(&buf, grid); err != nil {
			b.Fatal(err)
		}
	}
	b.SetBytes(int64(buf.Len()))
}
