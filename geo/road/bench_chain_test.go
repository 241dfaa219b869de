package road

import (
	"flag"
	"math/rand/v2"
	"runtime"
	"sync"
	"testing"

	"github.com/paulmach/orb"
)

// chainFixture is gridSpecs(side) with every link cut into one to four
// edges (ways meeting end to end, as OSM ways do at bridges, name and
// speed changes): most vertices then lie inside chains.
func chainFixture(tb testing.TB, side int) *benchFixture {
	vs, grid := gridSpecs(side, 1)
	rng := rand.New(rand.NewPCG(3, 2024))
	es := make([]EdgeSpec, 0, 3*len(grid))
	for _, e := range grid {
		a, b := vs[e.From], vs[e.To]
		pieces := 1 + rng.IntN(4)
		from := e.From
		for k := 1; k <= pieces; k++ {
			to := e.To
			if k < pieces {
				t := float64(k) / float64(pieces)
				to = int32(len(vs))
				vs = append(vs, orb.Point{a[0] + t*(b[0]-a[0]), a[1] + t*(b[1]-a[1])})
			}
			p := e
			p.From, p.To = from, to
			p.Geometry = orb.LineString{vs[from], vs[to]}
			p.LengthM = polylineM(p.Geometry)
			es = append(es, p)
			from = to
		}
	}
	g, err := Build(Car, vs, es)
	if err != nil {
		tb.Fatal(err)
	}
	if !collapseBench {
		g.chains = false
		g.compress()
	}
	f := &benchFixture{vs: vs, es: es, g: g}
	rng = rand.New(rand.NewPCG(7, 7))
	snapAll := func(n int) []Snap {
		out := make([]Snap, 0, n)
		for len(out) < n {
			if s, ok := g.Snap(orb.Point{2.36 + 0.88*rng.Float64(), 50.66 + 0.48*rng.Float64()}, 500); ok {
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

// collapseBench collapses the chains in BenchmarkNearestChains, as Build
// does; -road.chains=false gives the full graph, the baseline.
var collapseBench = true

func init() {
	flag.BoolVar(&collapseBench, "road.chains", true, "collapse chains in BenchmarkNearestChains")
}

var (
	fixChains  *benchFixture
	onceChains sync.Once
)

// BenchmarkNearestChains: BenchmarkNearest1M's four searches (2 workers,
// workspaces reused) on a 600 × 600 grid whose links are cut into 1–4
// edges: 1.25M vertices, 1.77M edges. It also reports the live heap of
// the graph and two workspaces per edge (snapping index excluded).
func BenchmarkNearestChains(b *testing.B) {
	onceChains.Do(func() { fixChains = chainFixture(b, 600) })
	f := fixChains
	jobs := make([]Job, len(f.cats))
	for c := range jobs {
		jobs[c] = Job{Seeds: f.cats[c], Search: Search{Weight: Time}, Targets: f.villages}
	}
	if err := f.g.NearestMany(jobs, 2); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	cpu := cpuTime()
	for range b.N {
		if err := f.g.NearestMany(jobs, 2); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	b.ReportMetric((cpuTime()-cpu).Seconds()/float64(b.N), "cpu-s/op")
	grew, keep := heapGrowth(func() any {
		g, _ := Build(Car, f.vs, f.es)
		if !collapseBench {
			g.chains = false
			g.compress()
		}
		return []any{g, NewWorkspace(g), NewWorkspace(g)}
	})
	runtime.KeepAlive(keep)
	b.ReportMetric(float64(grew)/float64(len(f.es)), "B/edge")
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
	runtime.KeepAlive(f)
}
