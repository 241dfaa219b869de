package road_test

import (
	"context"
	"math/rand/v2"
	"path/filepath"
	"testing"

	"github.com/partons/partons/datasets/osmfile"
	"github.com/partons/partons/datasets/osmroad"
	"github.com/partons/partons/geo/road"
	"github.com/partons/partons/geo/road/roadtest"
)

// TestCompressedMatchesFullOSM compares the compressed graph with the full
// one on the committed OSM extracts, every profile, for every vertex and
// for villages snapped at random; then searches on its contraction
// hierarchies with Dijkstra, within the rounding bound.
func TestCompressedMatchesFullOSM(t *testing.T) {
	if testing.Short() {
		t.Skip("reads three OSM extracts")
	}
	for _, file := range []string{
		"../../datasets/osmroad/testdata/monaco-2015-04-28.osm.pbf",
		"../../datasets/osmroad/testdata/liechtenstein-2013-08-03.osm.pbf",
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
				road.WithChains(t, g)
				t.Logf("%d vertices, %d junctions (%.0f %%), %d edges", g.NumVertices(), road.Junctions(g),
					100*float64(road.Junctions(g))/float64(g.NumVertices()), g.NumEdges())
				if road.Junctions(g) >= g.NumVertices()*95/100 {
					t.Errorf("%d junctions for %d vertices: the extract should have chains", road.Junctions(g), g.NumVertices())
				}
				rng := rand.New(rand.NewPCG(1, uint64(len(p))))
				var lo, hi [2]float64
				for i, v := range net.Vertices {
					if i == 0 {
						lo, hi = v, v
					}
					lo = [2]float64{min(lo[0], v[0]), min(lo[1], v[1])}
					hi = [2]float64{max(hi[0], v[0]), max(hi[1], v[1])}
				}
				snap := func(n int) []road.Snap {
					var out []road.Snap
					for _, s := range roadtest.SnapAll(g, roadtest.RandomPoints(rng, n, lo[0], lo[1], hi[0]-lo[0], hi[1]-lo[1]), 0) {
						if s.Edge >= 0 {
							out = append(out, s)
						}
					}
					return out
				}
				services, villages := snap(8), snap(300)
				for _, s := range []road.Search{
					{Weight: road.Length}, {Weight: road.Time},
					{Weight: road.Time, Origins: true, LegSpeedKmh: 5},
				} {
					if r := road.CompareFull(t, g, services, villages, s); r < len(villages)/2 {
						t.Errorf("%+v: only %d of %d villages reached", s, r, len(villages))
					}
				}
				for _, core := range road.CoreNames {
					road.BuildCore(t, g, core)
					for _, s := range []road.Search{
						{Weight: road.Length}, {Weight: road.Time}, {Weight: road.Length, Origins: true},
						{Weight: road.Time, Origins: true, LegSpeedKmh: 5}, {Weight: road.Time, Cutoff: 300},
					} {
						r, rel := road.CompareHierarchy(t, g, services, villages, s)
						if r < len(villages)/2 && s.Cutoff == 0 {
							t.Errorf("%s, %+v: only %d of %d villages reached on the hierarchy", core, s, r, len(villages))
						}
						arcs, sc := g.HierarchySizes(s.Weight)
						t.Logf("%s, %+v: hierarchy of %d arcs (%d shortcuts, core %d); largest relative difference %.3g (bound %.3g)",
							core, s, arcs, sc, g.HierarchyCore(s.Weight), rel, g.RoundingBound())
					}
				}
			})
		}
	}
}
