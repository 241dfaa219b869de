package osmroad

import (
	"bytes"
	"context"
	"slices"
	"testing"

	"github.com/partons/partons/datasets/osmfile"
	"github.com/partons/partons/geo/road"
	"github.com/partons/partons/geo/road/graphfile"
)

// TestArraysMakeTheNetworksGraph: the graph road.FromArrays keeps from
// EachArrays is the graph road.Build copies from the Network of the same
// read, byte for byte in a graph file, profile by profile; the report is
// the same, and node ids match the vertices.
func TestArraysMakeTheNetworksGraph(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"liechtenstein-2013-08-03.osm.pbf", "town.osm"} {
		t.Run(name, func(t *testing.T) {
			src := []osmfile.Source{testSource(name)}
			nets, wantRep, err := ReadAll(context.Background(), src, Options{Country: westOf})
			if err != nil {
				t.Fatal(err)
			}
			c, err := NewCollector([]road.Profile{road.Car, road.Bicycle, road.Foot}, Options{})
			if err != nil {
				t.Fatal(err)
			}
			read, err := osmfile.Read(context.Background(), src, 0, c)
			if err != nil {
				t.Fatal(err)
			}
			var got [][]byte
			rep, err := c.EachArrays(context.Background(), read, westOf, func(a road.Arrays, nodeIDs []int64) error {
				want := nets[a.Profile]
				if !slices.Equal(nodeIDs, want.NodeIDs) {
					t.Errorf("%s: node ids differ from the network's", a.Profile)
				}
				g, err := road.FromArrays(a)
				if err != nil {
					return err
				}
				got = append(got, graphBytes(t, g))
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			for i, p := range []road.Profile{road.Car, road.Bicycle, road.Foot} {
				n := nets[p]
				g, err := road.Build(p, n.Vertices, n.Edges)
				if err != nil {
					t.Fatal(err)
				}
				if g.NumEdges() == 0 || !bytes.Equal(got[i], graphBytes(t, g)) {
					t.Errorf("%s: the graph of the arrays is not the graph of the network (%d edges)", p, g.NumEdges())
				}
			}
			if rep.String() != wantRep.String() {
				t.Errorf("report\n%s\nwant\n%s", rep, wantRep)
			}
		})
	}
}

func graphBytes(tb testing.TB, g *road.Graph) []byte {
	tb.Helper()
	var b bytes.Buffer
	if _, err := graphfile.Write(&b, g); err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}
