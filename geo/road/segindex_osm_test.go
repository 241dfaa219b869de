package road_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/partons/partons/datasets/osmfile"
	"github.com/partons/partons/datasets/osmroad"
	"github.com/partons/partons/geo/road"
)

// TestSnapIndexMatchesScanOSM compares snapping with a scan of every
// segment, bit for bit, on the committed OSM extracts, every profile (see
// road.CheckSnaps: filters, limits, vertices, far points), whose geometry
// the graphs hold as 1e-7 degree integers.
func TestSnapIndexMatchesScanOSM(t *testing.T) {
	if testing.Short() {
		t.Skip("reads the OSM fixtures")
	}
	for _, file := range []string{
		"../../datasets/osmroad/testdata/monaco-2015-04-28.osm.pbf",
		"../../datasets/osmroad/testdata/liechtenstein-2013-08-03.osm.pbf",
		"../../datasets/osmroad/testdata/town.osm.pbf",
		"../../datasets/osmroad/testdata/east.osm.pbf",
		"../../datasets/osmroad/testdata/west.osm.pbf",
		"../../benchmarks/testdata/andorra-2018-03-01.osm.pbf",
	} {
		nets, _, err := osmroad.ReadAll(context.Background(), []osmfile.Source{osmfile.FileSource(file)}, osmroad.Options{})
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range []road.Profile{road.Car, road.Bicycle, road.Foot} {
			t.Run(filepath.Base(file)+"/"+string(p), func(t *testing.T) {
				net := nets[p]
				g, err := road.Build(p, net.Vertices, net.Edges)
				if err != nil {
					t.Fatal(err)
				}
				if !road.CompactGeometry(g) {
					t.Errorf("the geometry of an OSM extract is not held as 1e-7 degree integers")
				}
				compared, ties, near := road.CheckSnaps(t, g, 50, uint64(len(p)))
				t.Logf("%d edges, %d snaps compared; the former R-tree differed on %d exact ties and %d near ties", g.NumEdges(), compared, ties, near)
			})
		}
	}
}
