// Command graphmem reports the memory of a road graph read from a graph
// file: the live heap after garbage collection, per edge, once the graph is
// read and again once its snapping index is built (by a first Snap), and
// the CPU time of snapping random points in the graph's bounding box:
//
//	go run ./benchmarks/graphmem -profile car g.graph
//
// It uses only the public API of geo/road, so the same file measures older
// commits.
package main

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"runtime"
	"time"

	"github.com/paulmach/orb"

	"github.com/partons/partons/geo/road"
	"github.com/partons/partons/geo/road/graphfile"
)

func liveHeap() uint64 {
	var m runtime.MemStats
	runtime.GC()
	runtime.GC()
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

func main() {
	profile := flag.String("profile", "car", "profile to read")
	queries := flag.Int("queries", 100000, "random snaps to time")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: graphmem [-profile car] FILE.graph")
		os.Exit(2)
	}
	f, err := os.Open(flag.Arg(0))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	h0 := liveHeap()
	g, _, err := graphfile.ReadProfile(f, road.Profile(*profile))
	f.Close()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	h1 := liveHeap()
	lo, hi := g.Vertex(0), g.Vertex(0)
	for v := range int32(g.NumVertices()) {
		p := g.Vertex(v)
		lo = orb.Point{min(lo[0], p[0]), min(lo[1], p[1])}
		hi = orb.Point{max(hi[0], p[0]), max(hi[1], p[1])}
	}
	t0 := time.Now()
	g.Snap(lo, 0)
	build := time.Since(t0)
	h2 := liveHeap()
	rng := rand.New(rand.NewPCG(1, 2))
	qs := make([]orb.Point, *queries)
	for i := range qs {
		qs[i] = orb.Point{lo[0] + (hi[0]-lo[0])*rng.Float64(), lo[1] + (hi[1]-lo[1])*rng.Float64()}
	}
	var sum float64
	t1 := time.Now()
	for _, q := range qs {
		if s, ok := g.Snap(q, 0); ok {
			sum += s.DistM
		}
	}
	per := time.Since(t1) / time.Duration(max(1, len(qs)))
	e := float64(g.NumEdges())
	fmt.Printf("%s: %d vertices, %d edges, %d geometry points\n", *profile, g.NumVertices(), g.NumEdges(), len(g.Arrays().Geometry))
	fmt.Printf("graph %.1f B/edge, snapping index %.1f B/edge (built in %v), total %.1f B/edge; MemoryBytes %.1f B/edge\n",
		float64(h1-h0)/e, float64(h2-h1)/e, build.Round(time.Millisecond), float64(h2-h0)/e, float64(g.MemoryBytes())/e)
	fmt.Printf("snap: %v per query (%d queries, mean distance %.1f m)\n", per, len(qs), sum/float64(len(qs)))
	runtime.KeepAlive(g)
}
