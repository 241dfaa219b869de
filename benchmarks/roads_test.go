package benchmarks

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/partons/partons/analysis"
	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/load"
	"github.com/partons/partons/datasets/osmfile"
	"github.com/partons/partons/datasets/osmroad"
	"github.com/partons/partons/geo/road"
	"github.com/partons/partons/geo/road/graphfile"
)

// The road benchmarks route on the real Andorra extract of 2018-03-01
// (© OpenStreetMap contributors, ODbL; testdata/README.md): 203,265 nodes,
// 9,080 ways, with French and Spanish edges. The Python peer
// (peer/roads_pyosmium_scipy.py) does the same job on the same files;
// benchmarks/run.sh writes them with
//
//	go test -run '^TestRoadInputsAndorra$' ./benchmarks/ -roads.inputs DIR
const (
	andorraPBF        = "testdata/andorra-2018-03-01.osm.pbf"
	roadVillages      = 400
	roadPerCategory   = 30
	roadInputsSeed    = 2018
	roadVillageJitter = 0.0008 // degrees, up to ~65 m east-west, ~90 m north-south
	roadServiceJitter = 0.0002
)

// roadCategories are the 4 service categories (raw OSM values).
var roadCategories = []string{"amenity=pharmacy", "amenity=post_office", "shop=bakery", "amenity=doctors"}

var roadInputsDir = flag.String("roads.inputs", "", "write the Andorra village and service CSVs of the road benchmarks into this directory")

var (
	roadOnce        sync.Once
	roadErr         error
	roadVillageCSV  []byte
	roadServiceCSV  []byte
	roadGraph       *road.Graph // car graph, for the search-only benchmark
	roadVs          []datasets.Village
	roadSs          []datasets.Service
	andorraPBFBytes int64
)

// roadInputs builds (once) the Andorra car graph and the village and
// service CSVs placed on it: villages and services are random vertices of
// the largest component (fixed seed), moved by a uniform jitter so that
// they lie near, not on, the roads.
func roadInputs(tb testing.TB) {
	tb.Helper()
	roadOnce.Do(func() {
		st, err := os.Stat(andorraPBF)
		if err != nil {
			roadErr = err
			return
		}
		andorraPBFBytes = st.Size()
		g, err := readCar()
		if err != nil {
			roadErr = err
			return
		}
		roadGraph = g
		roadVillageCSV, roadServiceCSV = placeOnRoads(g, roadInputsSeed)
		roadVs, roadSs, roadErr = parseRoadInputs()
	})
	if roadErr != nil {
		tb.Fatal(roadErr)
	}
}

// readCar reads the extract and builds its car graph, as `partons run
// --roads` does.
func readCar() (*road.Graph, error) {
	net, _, err := osmroad.Read(context.Background(), []osmfile.Source{osmfile.FileSource(andorraPBF)}, road.Car, osmroad.Options{})
	if err != nil {
		return nil, err
	}
	return road.Build(road.Car, net.Vertices, net.Edges)
}

// placeOnRoads writes roadVillages villages and roadPerCategory services
// per category as CSV, deterministic for a seed and a graph.
func placeOnRoads(g *road.Graph, seed uint64) (villages, services []byte) {
	var big []int32
	for v := range int32(g.NumVertices()) {
		if g.Component(v) == 0 {
			big = append(big, v)
		}
	}
	rng := rand.New(rand.NewPCG(seed, 7))
	at := func(jitter float64) (float64, float64) {
		p := g.Vertex(big[rng.IntN(len(big))])
		return p[0] + jitter*(2*rng.Float64()-1), p[1] + jitter*(2*rng.Float64()-1)
	}
	var v, s bytes.Buffer
	v.WriteString("id,name,country,population,lon,lat\n")
	for i := range roadVillages {
		lon, lat := at(roadVillageJitter)
		fmt.Fprintf(&v, "v%d,Village %d,AD,%d,%.7f,%.7f\n", i, i, 100+rng.IntN(3000), lon, lat)
	}
	s.WriteString("id,name,category,country,lon,lat\n")
	for i := range roadPerCategory * len(roadCategories) {
		lon, lat := at(roadServiceJitter)
		fmt.Fprintf(&s, "s%d,Service %d,%s,AD,%.7f,%.7f\n", i, i, roadCategories[i%len(roadCategories)], lon, lat)
	}
	return v.Bytes(), s.Bytes()
}

func parseRoadInputs() ([]datasets.Village, []datasets.Service, error) {
	vs, _, err := load.Villages([]load.Source{load.Bytes("villages.csv", roadVillageCSV)}, datasets.DefaultVillageSchema())
	if err != nil {
		return nil, nil, err
	}
	ss, _, err := load.Services([]load.Source{load.Bytes("services.csv", roadServiceCSV)}, datasets.DefaultServiceSchema())
	if err != nil {
		return nil, nil, err
	}
	mapAll(ss)
	return vs, ss, nil
}

// roadParams are `partons run --roads` defaults: car, fastest route,
// 1 km snapping tolerance.
func roadParams(g *road.Graph) analysis.Params {
	p := params()
	p.Road = analysis.DefaultRoadParams(road.Car)
	p.Road.Graph = g
	return p
}

// checkRouted fails unless nearly every (village, category) got a route:
// every point lies within 100 m of the largest component.
func checkRouted(b *testing.B, res *analysis.Result) {
	ok, n := 0, 0
	if rb := res.RoadBlock(); rb != nil {
		for _, row := range rb.Cells {
			for _, cell := range row {
				n++
				if cell.Status == "ok" && cell.Metrics[0] >= 0 && cell.Metrics[1] >= 0 {
					ok++
				}
			}
		}
	}
	if n != roadVillages*len(roadCategories) || ok < n*9/10 {
		b.Fatalf("%d of %d (village, category) pairs routed", ok, n)
	}
}

// BenchmarkRoadsEndToEndAndorra is `partons run --roads andorra.osm.pbf`
// in process without the report files: parse the village and service
// CSVs, read the PBF, build the car graph, snap, run one multi-source
// search per category and compute every other metric. The inputs are
// placed once, outside the timer.
func BenchmarkRoadsEndToEndAndorra(b *testing.B) {
	roadInputs(b)
	writeRoadInputs(b)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		vs, ss, err := parseRoadInputs()
		must(b, err)
		g, err := readCar()
		must(b, err)
		res, err := analysis.Compute(context.Background(), vs, ss, roadParams(g))
		must(b, err)
		checkRouted(b, res)
	}
}

// BenchmarkRoadsComputeAndorra is the routing part alone on the graph of
// the end-to-end benchmark: snapping, the searches and the straight-line
// metrics (the difference to it is the PBF read and graph build).
func BenchmarkRoadsComputeAndorra(b *testing.B) {
	roadInputs(b)
	p := roadParams(roadGraph)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		res, err := analysis.Compute(context.Background(), roadVs, roadSs, p)
		must(b, err)
		checkRouted(b, res)
	}
}

// countingWriter counts the bytes written through it.
type countingWriter struct{ n int64 }

func (w *countingWriter) Write(p []byte) (int, error) {
	w.n += int64(len(p))
	return len(p), nil
}

// BenchmarkPrepareAndorra is `partons prepare andorra.osm.pbf` without the
// file: one read of the PBF for the car, bicycle and foot networks and the
// three graph builds. MB/s is PBF megabytes per second; bytes/edge is the
// size of the graph file (graphfile.Write) per edge over the three graphs.
func BenchmarkPrepareAndorra(b *testing.B) {
	roadInputs(b) // checks the fixture
	profiles := []road.Profile{road.Car, road.Bicycle, road.Foot}
	b.ReportAllocs()
	b.SetBytes(andorraPBFBytes)
	var graphs []*road.Graph
	for b.Loop() {
		nets, _, err := osmroad.ReadProfiles(context.Background(), []osmfile.Source{osmfile.FileSource(andorraPBF)}, profiles, osmroad.Options{})
		must(b, err)
		graphs = graphs[:0]
		for _, n := range nets {
			g, err := road.Build(n.Profile, n.Vertices, n.Edges)
			must(b, err)
			graphs = append(graphs, g)
		}
	}
	b.StopTimer()
	var w countingWriter
	edges := 0
	for _, g := range graphs {
		if _, err := graphfile.Write(&w, g); err != nil {
			b.Fatal(err)
		}
		edges += g.NumEdges()
	}
	if len(graphs) != 3 || edges == 0 {
		b.Fatalf("%d graphs, %d edges", len(graphs), edges)
	}
	b.ReportMetric(float64(w.n)/float64(edges), "bytes/edge")
	b.ReportMetric(float64(edges), "edges")
}

// writeRoadInputs writes the CSVs into -roads.inputs, if given.
func writeRoadInputs(tb testing.TB) {
	tb.Helper()
	if *roadInputsDir == "" {
		return
	}
	if err := os.MkdirAll(*roadInputsDir, 0o755); err != nil {
		tb.Fatal(err)
	}
	for name, data := range map[string][]byte{"villages.csv": roadVillageCSV, "services.csv": roadServiceCSV} {
		if err := os.WriteFile(filepath.Join(*roadInputsDir, name), data, 0o644); err != nil {
			tb.Fatal(err)
		}
	}
}

// TestRoadInputsAndorra: the road benchmark inputs are deterministic, load
// as partons reads them, and every point lies within 100 m of the car
// network; with -roads.inputs DIR it also writes them for the Python peer.
func TestRoadInputsAndorra(t *testing.T) {
	roadInputs(t)
	v2, s2 := placeOnRoads(roadGraph, roadInputsSeed)
	if !bytes.Equal(v2, roadVillageCSV) || !bytes.Equal(s2, roadServiceCSV) {
		t.Fatal("placeOnRoads is not deterministic")
	}
	if len(roadVs) != roadVillages || len(roadSs) != roadPerCategory*len(roadCategories) {
		t.Fatalf("%d villages, %d services", len(roadVs), len(roadSs))
	}
	perCat := map[string]int{}
	for _, s := range roadSs {
		perCat[s.Category]++
	}
	for c, n := range perCat {
		if n != roadPerCategory {
			t.Errorf("category %q: %d services, want %d", c, n, roadPerCategory)
		}
	}
	if len(perCat) != len(roadCategories) {
		t.Errorf("categories %v, want %d", perCat, len(roadCategories))
	}
	// A jitter of j degrees moves a point at most j·√(kx²+ky²) metres
	// (kx, ky ≈ 82, 111 km per degree at 42.5°N): 111 m for villages.
	maxM := roadVillageJitter * math.Hypot(82_000, 111_200)
	for _, v := range roadVs {
		if s, ok := roadGraph.Snap(v.Location, 0); !ok || s.DistM > maxM {
			t.Errorf("village %s: %v m from the network, want ≤ %.0f", v.ID, s.DistM, maxM)
		}
	}
	writeRoadInputs(t)
}
