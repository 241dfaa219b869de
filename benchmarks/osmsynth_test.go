package benchmarks

import (
	"bytes"
	"context"
	"io"
	"testing"

	"github.com/paulmach/orb"

	"github.com/partons/partons/datasets/osmfile"
	"github.com/partons/partons/datasets/osmroad"
	"github.com/partons/partons/geo/road"
)

// TestSynthRoads reads a small synthetic network back and checks the
// structure it promises: same bytes for the same seed, every reference
// resolved, one-ways, chains of ways meeting end to end, a connected
// network with few crossings of the border, and places in both countries.
func TestSynthRoads(t *testing.T) {
	net := SynthRoads{Nodes: 60000, Seed: 3}
	var a, b bytes.Buffer
	st, err := net.WriteOSM(&a)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := net.WriteOSM(&b); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("two writes of the same network differ")
	}
	if st.Nodes < 45000 || st.Nodes > 80000 {
		t.Errorf("%d nodes written for about 60000", st.Nodes)
	}
	data := a.Bytes()
	src := osmfile.Source{Name: "synth.osm.pbf", Open: func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(data)), nil }}
	nets, rep, err := osmroad.ReadAll(context.Background(), []osmfile.Source{src},
		osmroad.Options{Country: func(p orb.Point) string { return net.CountryAt(p[0], p[1]) }})
	if err != nil {
		t.Fatal(err)
	}
	if rep.DanglingNodes != 0 || rep.WaysKept != st.Ways {
		t.Errorf("dangling %d, ways kept %d of %d", rep.DanglingNodes, rep.WaysKept, st.Ways)
	}
	car := nets[road.Car]
	deg := make([]int, len(car.Vertices))
	oneway, motorway := 0, 0
	for _, e := range car.Edges {
		deg[e.From]++
		deg[e.To]++
		if e.Forward != e.Backward {
			oneway++
		}
		if e.SpeedKmh > 100 {
			motorway++
		}
	}
	chain := 0
	for _, d := range deg {
		if d == 2 {
			chain++
		}
	}
	if oneway == 0 || motorway == 0 || chain < len(deg)/10 {
		t.Errorf("%d one-way edges, %d motorway edges, %d of %d vertices with two edges", oneway, motorway, chain, len(deg))
	}
	g, err := road.Build(road.Car, car.Vertices, car.Edges)
	if err != nil {
		t.Fatal(err)
	}
	if _, largest := g.Components(); largest < g.NumVertices()*9/10 {
		t.Errorf("largest component %d of %d vertices", largest, g.NumVertices())
	}
	pr := rep.Profile(road.Car)
	if pr.BorderEdges == 0 || pr.BorderEdges > len(car.Edges)/50 {
		t.Errorf("%d border-crossing edges of %d", pr.BorderEdges, len(car.Edges))
	}
	v, s, bnd := net.Places(500, 100)
	for _, c := range []string{`"country":"FR"`, `"country":"BE"`} {
		if !bytes.Contains(v, []byte(c)) || !bytes.Contains(bnd, []byte(c)) {
			t.Errorf("no %s in the villages or boundaries", c)
		}
	}
	if n := bytes.Count(s, []byte("\n")); n != 101 {
		t.Errorf("services CSV has %d lines, want 101", n)
	}
}
