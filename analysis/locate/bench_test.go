package locate

import (
	"context"
	"math"
	"math/rand/v2"
	"sync"
	"testing"
)

// benchInstance is a deterministic 2,000 demand points × 500 candidates
// region of 40 × 40 km with clustered population; costs are planar metres
// (every pair: 1,000,000 arcs). Candidates are a random subset of the
// demand points, as with villages as candidates.
type benchInstance struct {
	inst *Instance
	cost [][]float64 // dense [demand][site], for the naive baseline
	w    []float64
}

var (
	benchOnce sync.Once
	bench     benchInstance
)

func loadBench(tb testing.TB) benchInstance {
	tb.Helper()
	benchOnce.Do(func() {
		const n, m, side = 2000, 500, 40000.0
		rng := rand.New(rand.NewPCG(2026, 5))
		type pt struct{ x, y float64 }
		centres := make([]pt, 12)
		for k := range centres {
			centres[k] = pt{rng.Float64() * side, rng.Float64() * side}
		}
		pts := make([]pt, n)
		bench.w = make([]float64, n)
		for i := range pts {
			if rng.IntN(3) == 0 {
				pts[i] = pt{rng.Float64() * side, rng.Float64() * side}
				bench.w[i] = float64(50 + rng.IntN(500))
			} else {
				c := centres[rng.IntN(len(centres))]
				pts[i] = pt{c.x + rng.NormFloat64()*2500, c.y + rng.NormFloat64()*2500}
				bench.w[i] = float64(200 + rng.IntN(3000))
			}
		}
		perm := rng.Perm(n)[:m]
		arcs := make([]arc, 0, n*m)
		bench.cost = make([][]float64, n)
		for i, p := range pts {
			bench.cost[i] = make([]float64, m)
			for j, k := range perm {
				d := math.Hypot(p.x-pts[k].x, p.y-pts[k].y)
				bench.cost[i][j] = d
				arcs = append(arcs, arc{int32(i), int32(j), d})
			}
		}
		var err error
		if bench.inst, err = newInstance(bench.w, m, arcs); err != nil {
			panic(err)
		}
	})
	return bench
}

func runBench(b *testing.B, cfg Config) {
	d := loadBench(b)
	b.ReportAllocs()
	b.ResetTimer()
	var sol *Solution
	for b.Loop() {
		var err error
		if sol, err = Solve(context.Background(), d.inst, cfg); err != nil {
			b.Fatal(err)
		}
	}
	if sol.Gap < 0 || (sol.Optimal && sol.Gap != 0) {
		b.Fatalf("gap %v", sol.Gap)
	}
	b.ReportMetric(sol.Objective, "objective")
	b.ReportMetric(sol.Gap*100, "gap%")
	b.ReportMetric(float64(sol.Nodes), "nodes")
}

// naiveGreedy is the textbook baseline: add, P times, the site whose
// opening gives the best objective, each evaluated from scratch on the
// dense matrix (O(P·m·n)); no interchange, no bound.
func naiveGreedy(d benchInstance, model Model, p int, radius float64) float64 {
	n, m := len(d.cost), len(d.cost[0])
	best := make([]float64, n) // current nearest cost
	for i := range best {
		best[i] = math.Inf(1)
	}
	open := make([]bool, m)
	value := func(i int, c float64) float64 {
		if model == MCLP {
			if c <= radius {
				return d.w[i]
			}
			return 0
		}
		if math.IsInf(c, 1) {
			return -1e300
		}
		return -d.w[i] * c
	}
	total := 0.0
	for range p {
		bj, bv := -1, math.Inf(-1)
		for j := 0; j < m; j++ {
			if open[j] {
				continue
			}
			v := 0.0
			for i := 0; i < n; i++ {
				v += value(i, math.Min(best[i], d.cost[i][j]))
			}
			if v > bv {
				bj, bv = j, v
			}
		}
		open[bj] = true
		total = bv
		for i := 0; i < n; i++ {
			best[i] = math.Min(best[i], d.cost[i][bj])
		}
	}
	if model == PMedian {
		return -total
	}
	return total
}

func BenchmarkMCLP2000x500(b *testing.B) {
	for _, s := range []Solver{Auto, Heuristic} {
		b.Run(s.String(), func(b *testing.B) {
			runBench(b, Config{Model: MCLP, P: 10, Radius: 3000, Solver: s})
		})
	}
	b.Run("naive-greedy", func(b *testing.B) {
		d := loadBench(b)
		b.ReportAllocs()
		var v float64
		for b.Loop() {
			v = naiveGreedy(d, MCLP, 10, 3000)
		}
		b.ReportMetric(v, "objective")
	})
}

func BenchmarkPMedian2000x500(b *testing.B) {
	for _, s := range []Solver{Auto, Heuristic} {
		b.Run(s.String(), func(b *testing.B) {
			runBench(b, Config{Model: PMedian, P: 10, Solver: s})
		})
	}
	b.Run("naive-greedy", func(b *testing.B) {
		d := loadBench(b)
		b.ReportAllocs()
		var v float64
		for b.Loop() {
			v = naiveGreedy(d, PMedian, 10, 0)
		}
		b.ReportMetric(v, "objective")
	})
}
