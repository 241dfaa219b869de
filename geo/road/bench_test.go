package road

import (
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"sync"
	"testing"

	"github.com/paulmach/orb"
	"gonum.org/v1/gonum/graph/path"
	"gonum.org/v1/gonum/graph/simple"
)

// Benchmarks on synthetic planar-ish grids with jittered lon/lat in the
// Westhoek box (lon 2.35–3.25, lat 50.65–51.15): side×side vertices,
// ~3 % of links missing, 10 % one-way, speeds 30–90 km/h, 20 % of edges
// bent through a middle point.
//
//	go test -run='^$' -bench=. -benchtime=1x ./geo/road/

type benchFixture struct {
	vs       []orb.Point
	es       []EdgeSpec
	g        *Graph
	cats     [4][]Snap // services per category
	villages []Snap
}

func gridSpecs(side int, seed uint64) ([]orb.Point, []EdgeSpec) {
	rng := rand.New(rand.NewPCG(seed, 2024))
	dlon, dlat := 0.9/float64(side), 0.5/float64(side)
	vs := make([]orb.Point, side*side)
	for r := 0; r < side; r++ {
		for c := 0; c < side; c++ {
			vs[r*side+c] = orb.Point{
				2.35 + (float64(c)+0.6*(rng.Float64()-0.5))*dlon,
				50.65 + (float64(r)+0.6*(rng.Float64()-0.5))*dlat,
			}
		}
	}
	es := make([]EdgeSpec, 0, 2*len(vs))
	speeds := []float64{30, 50, 70, 90}
	link := func(a, b int) {
		if rng.Float64() < 0.03 {
			return
		}
		geom := orb.LineString{vs[a], vs[b]}
		if rng.Float64() < 0.2 {
			mid := orb.Point{(vs[a][0]+vs[b][0])/2 + 0.2*dlon*(rng.Float64()-0.5), (vs[a][1]+vs[b][1])/2 + 0.2*dlat*(rng.Float64()-0.5)}
			geom = orb.LineString{vs[a], mid, vs[b]}
		}
		e := EdgeSpec{From: int32(a), To: int32(b), LengthM: polylineM(geom), Forward: true, Backward: true,
			SpeedKmh: speeds[rng.IntN(len(speeds))], Geometry: geom, WayID: int64(len(es) + 1)}
		if rng.Float64() < 0.1 {
			if rng.IntN(2) == 0 {
				e.Forward = false
			} else {
				e.Backward = false
			}
		}
		es = append(es, e)
	}
	for r := 0; r < side; r++ {
		for c := 0; c < side; c++ {
			if c+1 < side {
				link(r*side+c, r*side+c+1)
			}
			if r+1 < side {
				link(r*side+c, (r+1)*side+c)
			}
		}
	}
	return vs, es
}

func newFixture(tb testing.TB, side int) *benchFixture {
	vs, es := gridSpecs(side, 1)
	g, err := Build(Car, vs, es)
	if err != nil {
		tb.Fatal(err)
	}
	f := &benchFixture{vs: vs, es: es, g: g}
	rng := rand.New(rand.NewPCG(7, 7))
	randPoint := func() orb.Point { return orb.Point{2.36 + 0.88*rng.Float64(), 50.66 + 0.48*rng.Float64()} }
	snapAll := func(n int) []Snap {
		out := make([]Snap, 0, n)
		for len(out) < n {
			if s, ok := g.Snap(randPoint(), 500); ok {
				out = append(out, s)
			}
		}
		return out
	}
	for c := range f.cats {
		f.cats[c] = snapAll(200)
	}
	f.villages = snapAll(1000)
	return f
}

var (
	fix1M, fix100k   *benchFixture
	once1M, once100k sync.Once
)

func fixture1M(tb testing.TB) *benchFixture {
	once1M.Do(func() { fix1M = newFixture(tb, 1000) })
	return fix1M
}

func fixture100k(tb testing.TB) *benchFixture {
	once100k.Do(func() { fix100k = newFixture(tb, 316) })
	return fix100k
}

// BenchmarkNearest1M: nearest service of each of 4 categories (200 services
// each) by travel time for 1000 villages, one all-vertex multi-source search
// per category, on 1 or 2 workers. Every call starts cold, allocating its
// workspaces, except in "reused", which times calls after the first (as
// scenario variants run them).
func BenchmarkNearest1M(b *testing.B) {
	f := fixture1M(b)
	for _, bc := range []struct {
		name    string
		workers int
		reuse   bool
	}{{"workers=1", 1, false}, {"workers=2", 2, false}, {"workers=2,reused", 2, true}} {
		workers := bc.workers
		b.Run(bc.name, func(b *testing.B) {
			jobs := make([]Job, len(f.cats))
			for c := range jobs {
				jobs[c] = Job{Seeds: f.cats[c], Search: Search{Weight: Time}, Targets: f.villages}
			}
			drain := func() {
				for f.g.workspaces.Get() != nil {
				}
			}
			drain()
			if bc.reuse {
				if err := f.g.NearestMany(jobs, workers); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportAllocs()
			b.ResetTimer()
			cpu := cpuTime()
			for range b.N {
				if !bc.reuse {
					drain()
				}
				if err := f.g.NearestMany(jobs, workers); err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			b.ReportMetric((cpuTime()-cpu).Seconds()/float64(b.N), "cpu-s/op")
			for c, j := range jobs {
				reached := 0
				for _, r := range j.Results {
					if r.Reached {
						reached++
					}
				}
				if reached < len(f.villages)*9/10 {
					b.Fatalf("category %d: only %d of %d villages reached", c, reached, len(f.villages))
				}
			}
		})
	}
}

// BenchmarkTies490k: one single-source search on a 700 × 700 grid whose
// edges are all exactly 100 m ("equal": every label ties with many
// others) against the same grid with each edge's own geodesic length
// ("distinct"), the baseline.
func BenchmarkTies490k(b *testing.B) {
	const side = 700
	vs := make([]orb.Point, side*side)
	for r := range side {
		for c := range side {
			vs[r*side+c] = orb.Point{float64(c) * 0.0009, float64(r) * 0.0009}
		}
	}
	var es []EdgeSpec
	link := func(u, v int) {
		geom := orb.LineString{vs[u], vs[v]}
		es = append(es, EdgeSpec{From: int32(u), To: int32(v), LengthM: polylineM(geom), Forward: true, Backward: true, SpeedKmh: 50, Geometry: geom})
	}
	for r := range side {
		for c := range side {
			if c+1 < side {
				link(r*side+c, r*side+c+1)
			}
			if r+1 < side {
				link(r*side+c, (r+1)*side+c)
			}
		}
	}
	for _, equal := range []bool{true, false} {
		name := map[bool]string{true: "equal", false: "distinct"}[equal]
		b.Run(name, func(b *testing.B) {
			specs := slices.Clone(es)
			if equal {
				for i := range specs {
					specs[i].LengthM = 100 // within Build's 1 % + 1 m of the geometry
				}
			}
			g, err := Build(Car, vs, specs)
			if err != nil {
				b.Fatal(err)
			}
			ws := NewWorkspace(g)
			b.ResetTimer()
			for range b.N {
				if err := g.Nearest(ws, []Snap{{Edge: int32(len(specs) / 2), Frac: 0}}, Search{Weight: Length}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkNearest1MNaive is the per-village baseline: one full forward
// search from each village, reading its nearest service of every category.
// ns/op is per village; multiply by the village count for the whole job.
func BenchmarkNearest1MNaive(b *testing.B) {
	f := fixture1M(b)
	ws := NewWorkspace(f.g)
	b.ReportAllocs()
	b.ResetTimer()
	cpu := cpuTime()
	for i := range b.N {
		v := f.villages[i%len(f.villages)]
		if err := f.g.Nearest(ws, []Snap{v}, Search{Weight: Time, Origins: true}); err != nil {
			b.Fatal(err)
		}
		for _, cat := range f.cats {
			best := math.Inf(1)
			for _, s := range cat {
				if r, ok := ws.Cost(s); ok {
					best = math.Min(best, r.TimeS)
				}
			}
			if math.IsInf(best, 1) {
				b.Fatal("village reaches no service")
			}
		}
	}
	b.ReportMetric((cpuTime()-cpu).Seconds()/float64(b.N), "cpu-s/op")
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)*float64(len(f.villages))/1e9, "s/1000-villages")
}

// BenchmarkSingleSource100k and BenchmarkGonumDijkstra100k compare one
// single-source all-vertex search with gonum's DijkstraFrom, the peer.
func BenchmarkSingleSource100k(b *testing.B) {
	f := fixture100k(b)
	ws := NewWorkspace(f.g)
	b.ReportAllocs()
	b.ResetTimer()
	cpu := cpuTime()
	for i := range b.N {
		if err := f.g.Nearest(ws, f.villages[i%len(f.villages):][:1], Search{Weight: Length, Origins: true}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric((cpuTime()-cpu).Seconds()/float64(b.N), "cpu-s/op")
}

func BenchmarkGonumDijkstra100k(b *testing.B) {
	f := fixture100k(b)
	gg := simple.NewWeightedDirectedGraph(0, math.Inf(1))
	for v := range f.vs {
		gg.AddNode(simple.Node(int64(v)))
	}
	for _, e := range f.es {
		for _, d := range [][2]int32{{e.From, e.To}, {e.To, e.From}} {
			if (d[0] == e.From && e.Forward) || (d[0] == e.To && e.Backward) {
				gg.SetWeightedEdge(gg.NewWeightedEdge(simple.Node(d[0]), simple.Node(d[1]), e.LengthM))
			}
		}
	}
	b.ReportAllocs()
	b.ResetTimer()
	cpu := cpuTime()
	for i := range b.N {
		sh := path.DijkstraFrom(simple.Node(int64(f.es[f.villages[i%len(f.villages)].Edge].To)), gg)
		if math.IsInf(sh.WeightTo(0), 1) && math.IsInf(sh.WeightTo(int64(len(f.vs)-1)), 1) {
			b.Fatal("nothing reached")
		}
	}
	b.ReportMetric((cpuTime()-cpu).Seconds()/float64(b.N), "cpu-s/op")
}

// BenchmarkSnap1M snaps random points on the 1M grid with the packed
// index ("packed") and with the dynamic tidwall/rtree it replaced
// ("rtree", segindex_test.go), each checked against the other.
func BenchmarkSnap1M(b *testing.B) {
	f := fixture1M(b)
	rng := rand.New(rand.NewPCG(3, 3))
	qs := make([]orb.Point, 4096)
	for i := range qs {
		qs[i] = orb.Point{2.36 + 0.88*rng.Float64(), 50.66 + 0.48*rng.Float64()}
	}
	old := newTreeSnapper(f.g)
	for _, bc := range []struct {
		name string
		snap func(p orb.Point) (Snap, bool)
	}{
		{"packed", func(p orb.Point) (Snap, bool) { return f.g.Snap(p, 0) }},
		{"rtree", func(p orb.Point) (Snap, bool) { return old.snap(p, 0, nil) }},
	} {
		b.Run(bc.name, func(b *testing.B) {
			for _, p := range qs[:64] {
				s, _ := bc.snap(p)
				if want, _ := scanSnap(f.g, p, 0, nil); s.DistM != want.DistM {
					b.Fatalf("%v: %+v, scan %+v", p, s, want)
				}
			}
			b.ReportAllocs()
			b.ResetTimer()
			cpu := cpuTime()
			for i := range b.N {
				if _, ok := bc.snap(qs[i%len(qs)]); !ok {
					b.Fatal("no snap")
				}
			}
			b.ReportMetric((cpuTime()-cpu).Seconds()*1e9/float64(b.N), "cpu-ns/op")
		})
	}
}

// BenchmarkSnap1MNaive scans every segment.
func BenchmarkSnap1MNaive(b *testing.B) {
	f := fixture1M(b)
	rng := rand.New(rand.NewPCG(3, 3))
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		p := orb.Point{2.36 + 0.88*rng.Float64(), 50.66 + 0.48*rng.Float64()}
		kx, ky := metresPerDegree(p[1])
		best := math.Inf(1)
		for e := range f.g.eFrom {
			for i := f.g.gOff[e]; i+1 < f.g.gOff[e+1]; i++ {
				if d, _ := segDist(p, f.g.gp(i), f.g.gp(i+1), kx, ky); d < best {
					best = d
				}
			}
		}
		if math.IsInf(best, 1) {
			b.Fatal("no segment")
		}
	}
}

// heapGrowth returns the live heap bytes added by fn, which must keep its
// result reachable through keep.
func heapGrowth(fn func() any) (uint64, any) {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	keep := fn()
	runtime.GC()
	runtime.ReadMemStats(&after)
	return after.HeapAlloc - min(after.HeapAlloc, before.HeapAlloc), keep
}

// BenchmarkBuild1M builds the graph from EdgeSpecs and reports its memory
// per edge (snapping index excluded; see BenchmarkSnapIndex1M).
func BenchmarkBuild1M(b *testing.B) {
	f := fixture1M(b)
	b.ReportAllocs()
	b.ResetTimer()
	cpu := cpuTime()
	for range b.N {
		if _, err := Build(Car, f.vs, f.es); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric((cpuTime()-cpu).Seconds()/float64(b.N), "cpu-s/op")
	b.StopTimer()
	grew, keep := heapGrowth(func() any { g, _ := Build(Car, f.vs, f.es); return g })
	runtime.KeepAlive(keep)
	b.ReportMetric(float64(grew)/float64(len(f.es)), "B/edge")
}

// BenchmarkSnapIndex1M builds the packed segment index that Snap builds
// lazily ("packed"; "packed-1cpu" on one goroutine, "packed-former" the
// comparison-sort construction it replaced), and the dynamic tidwall/rtree it replaced ("rtree"),
// and reports their memory per segment.
func BenchmarkSnapIndex1M(b *testing.B) {
	f := fixture1M(b)
	segs := float64(f.g.numGeom() - len(f.g.eFrom))
	for _, bc := range []struct {
		name  string
		build func() any
	}{
		{"packed", func() any { return newSegIndex(f.g.gp, f.g.gOff, f.g.eDir) }},
		{"packed-1cpu", func() any { return packSegIndex(f.g.gp, f.g.gOff, f.g.eDir, 1) }},
		{"packed-former", func() any { s, b, l := refSegIndex(f.g.gp, f.g.gOff, f.g.eDir); return []any{s, b, l} }},
		{"rtree", func() any { return newTreeSnapper(f.g) }},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			b.ResetTimer()
			cpu := cpuTime()
			for range b.N {
				bc.build()
			}
			b.ReportMetric((cpuTime()-cpu).Seconds()/float64(b.N), "cpu-s/op")
			b.StopTimer()
			grew, keep := heapGrowth(bc.build)
			runtime.KeepAlive(keep)
			b.ReportMetric(float64(grew)/segs, "B/segment")
		})
	}
}
