package road_test

import (
	"encoding/csv"
	"encoding/json"
	"flag"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"testing"

	"github.com/paulmach/orb"

	"github.com/partons/partons/geo/road"
	"github.com/partons/partons/geo/road/graphfile"
)

// The contraction hierarchy benchmarks run on a synthetic network written
// by benchmarks/synth and prepared by partons prepare (RESULTS.md,
// "Contraction hierarchy and PHAST"):
//
//	go run ./benchmarks/synth -osm-nodes 1000000 -villages 1333 -services 2000 -out DIR
//	go run ./cmd/partons prepare -q DIR/roads.osm.pbf --boundaries DIR/boundaries.geojson -o DIR/g.graph
//	go test -run '^$' -bench 'SynthHierarchy' -benchtime 3x ./geo/road/ -roads.synth DIR [-roads.profile bicycle] [-roads.core 12]
var (
	synthDir     = flag.String("roads.synth", "", "directory of a synthetic network (benchmarks/synth) with its prepared g.graph")
	synthProfile = flag.String("roads.profile", "car", "the profile of g.graph the synthetic benchmarks run on")
	synthCore    = flag.Float64("roads.core", road.DefaultCoreDegree, "the core degree of the synthetic benchmarks' hierarchies (road.CoreDegree)")
)

var (
	synthOnce  sync.Once
	synthErr   error
	synthG     *road.Graph
	synthCats  map[string][]road.Snap
	synthVills []road.Snap
	synthBuild [2]float64 // CPU-s of BuildHierarchy, by weight
)

// synthInputs reads the car graph, snaps villages and services, and
// builds the graph's hierarchies for length and time.
func synthInputs(tb testing.TB) {
	tb.Helper()
	if *synthDir == "" {
		tb.Skip("no -roads.synth directory")
	}
	synthOnce.Do(func() {
		synthErr = func() error {
			f, err := os.Open(filepath.Join(*synthDir, "g.graph"))
			if err != nil {
				return err
			}
			defer f.Close()
			g, _, err := graphfile.ReadProfile(f, road.Profile(*synthProfile))
			if err != nil {
				return err
			}
			synthG = g
			cf, err := os.Open(filepath.Join(*synthDir, "services.csv"))
			if err != nil {
				return err
			}
			defer cf.Close()
			rows, err := csv.NewReader(cf).ReadAll()
			if err != nil {
				return err
			}
			synthCats = map[string][]road.Snap{}
			for _, r := range rows[1:] {
				lon, _ := strconv.ParseFloat(r[4], 64)
				lat, _ := strconv.ParseFloat(r[5], 64)
				if s, ok := g.Snap(orb.Point{lon, lat}, 0); ok {
					synthCats[r[2]] = append(synthCats[r[2]], s)
				}
			}
			vb, err := os.ReadFile(filepath.Join(*synthDir, "villages.geojson"))
			if err != nil {
				return err
			}
			var fc struct {
				Features []struct {
					Geometry struct{ Coordinates [2]float64 }
				}
			}
			if err := json.Unmarshal(vb, &fc); err != nil {
				return err
			}
			for _, ft := range fc.Features {
				if s, ok := g.Snap(orb.Point(ft.Geometry.Coordinates), 0); ok {
					synthVills = append(synthVills, s)
				}
			}
			for _, w := range []road.Weight{road.Length, road.Time} {
				c := road.CPUTime()
				if err := g.BuildHierarchy(w, road.CoreDegree(*synthCore)); err != nil {
					return err
				}
				synthBuild[w] = (road.CPUTime() - c).Seconds()
			}
			return nil
		}()
	})
	if synthErr != nil {
		tb.Fatal(synthErr)
	}
}

// BenchmarkSynthHierarchy runs 10 category searches by time, then by
// length (every village) with Dijkstra and with PHAST on the
// same graph, one worker, and checks that they agree within the rounding
// bound.
func BenchmarkSynthHierarchy(b *testing.B) {
	synthInputs(b)
	g := synthG
	var cats []string
	for c := range synthCats {
		cats = append(cats, c)
	}
	slices.Sort(cats)
	for _, w := range []road.Weight{road.Length, road.Time} {
		arcs, sc := g.HierarchySizes(w)
		b.Logf("%s, %v: %d vertices, %d junctions, %d edges, %d villages, %d categories; hierarchy built in %.2f CPU-s, %d arcs, %d shortcuts, core %d (degree %v)",
			g.Profile(), w, g.NumVertices(), road.Junctions(g), g.NumEdges(), len(synthVills), len(cats), synthBuild[w], arcs, sc, g.HierarchyCore(w), *synthCore)
	}
	for _, w := range []road.Weight{road.Time, road.Length} {
		jobs := func(exact bool) []road.Job {
			var js []road.Job
			for _, c := range cats {
				js = append(js, road.Job{Seeds: synthCats[c], Search: road.Search{Weight: w, Exact: exact}, Targets: synthVills})
			}
			return js
		}
		want := jobs(true)
		if err := g.NearestMany(want, 1); err != nil {
			b.Fatal(err)
		}
		for _, bc := range []struct {
			name  string
			exact bool
		}{{"dijkstra", true}, {"phast", false}} {
			b.Run(w.String()+"/"+bc.name, func(b *testing.B) {
				js := jobs(bc.exact)
				if err := g.NearestMany(js, 1); err != nil {
					b.Fatal(err)
				}
				b.ReportAllocs()
				b.ResetTimer()
				cpu := road.CPUTime()
				for range b.N {
					if err := g.NearestMany(js, 1); err != nil {
						b.Fatal(err)
					}
				}
				b.StopTimer()
				b.ReportMetric((road.CPUTime()-cpu).Seconds()/float64(b.N), "cpu-s/op")
				worst := 0.0
				for j := range want {
					for k, r := range want[j].Results {
						h := js[j].Results[k]
						p, q := r.LengthM, h.LengthM
						if want[j].Search.Weight == road.Time {
							p, q = r.TimeS, h.TimeS
						}
						if r.Reached != h.Reached || math.Abs(p-q) > g.RoundingBound()*math.Max(p, q) {
							b.Fatalf("job %d target %d: Dijkstra %+v, PHAST %+v", j, k, r, h)
						}
						if p != q {
							worst = math.Max(worst, math.Abs(p-q)/math.Max(p, q))
						}
					}
				}
				b.ReportMetric(worst/0x1p-52, "max-rel-diff-eps")
			})
		}
	}
}
