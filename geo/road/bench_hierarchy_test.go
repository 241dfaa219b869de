package road

import (
	"math"
	"sync"
	"testing"
)

// The hierarchy benchmarks run on a copy of the 100k grid (fixture100k) that
// carries a hierarchy for time, built once:
//
//	go test -run='^$' -bench='Hierarchy' -benchtime=3x ./geo/road/

var (
	hier100k     *Graph
	hier100kOnce sync.Once
)

func hierarchy100k(tb testing.TB) *Graph {
	f := fixture100k(tb)
	hier100kOnce.Do(func() {
		g, err := Build(Car, f.vs, f.es)
		if err != nil {
			tb.Fatal(err)
		}
		if err := g.BuildHierarchy(Time); err != nil {
			tb.Fatal(err)
		}
		hier100k = g
	})
	return hier100k
}

// BenchmarkHierarchyBuild100k contracts the 100k grid for time and reports
// the shortcuts per input arc and the hierarchy's bytes per edge.
func BenchmarkHierarchyBuild100k(b *testing.B) {
	f := fixture100k(b)
	g, err := Build(Car, f.vs, f.es)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	cpu := cpuTime()
	for range b.N {
		if err := g.BuildHierarchy(Time); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric((cpuTime()-cpu).Seconds()/float64(b.N), "cpu-s/op")
	b.StopTimer()
	arcs, sc := g.HierarchySizes(Time)
	_, _, in := g.ix.Sizes()
	in /= 2 // Sizes counts the forward and reverse adjacencies
	b.ReportMetric(float64(sc)/float64(in), "shortcuts/arc")
	b.ReportMetric(float64(arcs*24+g.NumVertices()*8)/float64(len(f.es)), "B/edge")
}

// BenchmarkHierarchyNearest100k runs BenchmarkNearest1M's searches (4
// categories of 200 services by time, 1000 villages, one worker) with
// Dijkstra and with PHAST on the same graph, alternately, and checks
// that the results agree within the rounding bound.
func BenchmarkHierarchyNearest100k(b *testing.B) {
	f := fixture100k(b)
	g := hierarchy100k(b)
	jobs := func(exact bool) []Job {
		jobs := make([]Job, len(f.cats))
		for c := range jobs {
			jobs[c] = Job{Seeds: f.cats[c], Search: Search{Weight: Time, Exact: exact}, Targets: f.villages}
		}
		return jobs
	}
	want := jobs(true)
	if err := g.NearestMany(want, 1); err != nil {
		b.Fatal(err)
	}
	for _, bc := range []struct {
		name  string
		exact bool
	}{{"dijkstra", true}, {"phast", false}} {
		b.Run(bc.name, func(b *testing.B) {
			js := jobs(bc.exact)
			if err := g.NearestMany(js, 1); err != nil { // workspaces grown
				b.Fatal(err)
			}
			b.ReportAllocs()
			b.ResetTimer()
			cpu := cpuTime()
			for range b.N {
				if err := g.NearestMany(js, 1); err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			b.ReportMetric((cpuTime()-cpu).Seconds()/float64(b.N), "cpu-s/op")
			b.ReportMetric(maxRelDiff(b, g, want, js)/0x1p-52, "max-rel-diff-eps")
		})
	}
}

// maxRelDiff returns the largest relative difference of the primary
// costs of two runs of the same jobs, failing beyond the rounding bound
// or when they reach different targets.
func maxRelDiff(tb testing.TB, g *Graph, a, b []Job) float64 {
	tb.Helper()
	worst := 0.0
	for j := range a {
		for k, ra := range a[j].Results {
			rb := b[j].Results[k]
			if ra.Reached != rb.Reached {
				tb.Fatalf("job %d target %d: %+v and %+v", j, k, ra, rb)
			}
			pa, pb := primary(ra, a[j].Search.Weight), primary(rb, a[j].Search.Weight)
			if d := math.Abs(pa - pb); d > 0 {
				rel := d / math.Max(pa, pb)
				if rel > g.RoundingBound() {
					tb.Fatalf("job %d target %d: %+v and %+v beyond the bound %g", j, k, ra, rb, g.RoundingBound())
				}
				worst = math.Max(worst, rel)
			}
		}
	}
	return worst
}
