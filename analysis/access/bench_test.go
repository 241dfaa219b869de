package access

import (
	"context"
	"github.com/partons/partons/travel"
	"math"
	"math/rand/v2"
	"sync"
	"testing"

	"github.com/paulmach/orb"

	"github.com/partons/partons/geo/geodesic"
	"github.com/partons/partons/geo/road"
	"github.com/partons/partons/geo/road/roadtest"
)

// 2SFCA for 10,000 villages and 2,000 services with a 30-minute catchment
// on a synthetic road grid (250 × 250 jittered vertices over 1.5° × 1°,
// about 105 × 111 km at 50.6°N, links 30–90 km/h), and the same on
// straight-line costs within 30 km. Each benchmark has a naive baseline
// solving the same problem the obvious way.
//
//	go test -run='^$' -bench=. -benchtime=1x ./analysis/access/

const (
	benchVillages = 10000
	benchServices = 2000
	benchCutoffS  = 30 * 60 // 30 minutes
	benchRadiusM  = 30000
)

type benchFix struct {
	g          *road.Graph
	vPts, sPts []orb.Point
	vs, ss     []road.Snap
	pop, sup   []float64
}

var (
	benchOnce sync.Once
	bench     *benchFix
)

func benchFixture(b *testing.B) *benchFix {
	benchOnce.Do(func() {
		const lon0, lat0, spanLon, spanLat = 2.0, 50.1, 1.5, 1.0
		f := &benchFix{g: roadtest.GridGraph(b, 250, lon0, lat0, spanLon, spanLat, 5)}
		rng := rand.New(rand.NewPCG(17, 18))
		f.vPts = roadtest.RandomPoints(rng, benchVillages, lon0, lat0, spanLon, spanLat)
		f.sPts = roadtest.RandomPoints(rng, benchServices, lon0, lat0, spanLon, spanLat)
		f.vs, f.ss = roadtest.SnapAll(f.g, f.vPts, 2000), roadtest.SnapAll(f.g, f.sPts, 2000)
		f.pop = make([]float64, benchVillages)
		for i := range f.pop {
			f.pop[i] = math.Round(50 + rng.ExpFloat64()*500)
		}
		f.sup = make([]float64, benchServices)
		for j := range f.sup {
			f.sup[j] = float64(1 + rng.IntN(4))
		}
		bench = f
	})
	return bench
}

// sumSupply returns Σ_i P_i·A_i, which conservation makes Σ_j S_j over
// the services with people in reach.
func sumAccess(v []float64, ok []bool, pop []float64) float64 {
	s := 0.0
	for i := range v {
		if ok[i] {
			s += pop[i] * v[i]
		}
	}
	return s
}

// BenchmarkTwoStepRoad10kx2k: one bounded Dijkstra per service (reverse
// graph), in parallel, then 2SFCA.
func BenchmarkTwoStepRoad10kx2k(b *testing.B) {
	f := benchFixture(b)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		c, err := travel.RoadCosts(context.Background(), f.g, f.vs, f.ss, road.Search{Weight: road.Time, Cutoff: benchCutoffS}, 0)
		if err != nil {
			b.Fatal(err)
		}
		v, ok, _, err := Compute(c, f.pop, f.sup, Model{Kind: TwoStep}, nil)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(c.Len()), "pairs")
		b.ReportMetric(sumAccess(v, ok, f.pop), "ΣPA")
	}
}

// BenchmarkTwoStepRoad10kx2kNaive: one bounded forward Dijkstra per
// village (5× more searches), in parallel, then 2SFCA on a dense
// village × service matrix.
func BenchmarkTwoStepRoad10kx2kNaive(b *testing.B) {
	f := benchFixture(b)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		cost := make([][]float64, len(f.vs))
		_ = travel.ParallelWith(context.Background(), len(f.vs), 0, func() *road.Workspace { return road.NewWorkspace(f.g) }, func(ws *road.Workspace, i int) {
			row := make([]float64, len(f.ss))
			for j := range row {
				row[j] = math.NaN()
			}
			cost[i] = row
			if !f.g.Routable(f.vs[i].Edge) || f.g.Nearest(ws, []road.Snap{f.vs[i]}, road.Search{Weight: road.Time, Cutoff: benchCutoffS, Origins: true}) != nil {
				return
			}
			for j, s := range f.ss {
				if r, ok := ws.Cost(s); ok {
					row[j] = r.TimeS
				}
			}
		})
		v, ok := naive(cost, f.pop, f.sup, Model{Kind: TwoStep}, Step{T: math.Inf(1)})
		pairs := 0
		for _, row := range cost {
			for _, c := range row {
				if !math.IsNaN(c) {
					pairs++
				}
			}
		}
		b.ReportMetric(float64(pairs), "pairs")
		b.ReportMetric(sumAccess(v, ok, f.pop), "ΣPA")
	}
}

// BenchmarkTwoStepGeodesic10kx2k: R-tree radius queries (geo/index) per
// village, in parallel, then 2SFCA.
func BenchmarkTwoStepGeodesic10kx2k(b *testing.B) {
	f := benchFixture(b)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		c, err := travel.GeodesicCosts(context.Background(), f.vPts, f.sPts, benchRadiusM, 0)
		if err != nil {
			b.Fatal(err)
		}
		v, ok, _, err := Compute(c, f.pop, f.sup, Model{Kind: TwoStep}, nil)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(c.Len()), "pairs")
		b.ReportMetric(sumAccess(v, ok, f.pop), "ΣPA")
	}
}

// BenchmarkTwoStepGeodesic10kx2kNaive: every one of the 20M geodesics, in
// parallel, then 2SFCA on the dense matrix.
func BenchmarkTwoStepGeodesic10kx2kNaive(b *testing.B) {
	f := benchFixture(b)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		cost := make([][]float64, len(f.vPts))
		_ = travel.Parallel(context.Background(), len(f.vPts), 0, func(i int) {
			row := make([]float64, len(f.sPts))
			for j, s := range f.sPts {
				row[j] = math.NaN()
				if d := geodesic.Distance(f.vPts[i], s); d <= benchRadiusM {
					row[j] = d
				}
			}
			cost[i] = row
		})
		v, ok := naive(cost, f.pop, f.sup, Model{Kind: TwoStep}, Step{T: math.Inf(1)})
		b.ReportMetric(sumAccess(v, ok, f.pop), "ΣPA")
	}
}
