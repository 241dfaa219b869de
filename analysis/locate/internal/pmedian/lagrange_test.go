package pmedian

import (
	"context"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"testing"

	"github.com/partons/partons/analysis/locate/internal/core"
)

// plainRelax is the relaxation's first pass as one loop in demand order:
// ρ_j = Σ_i min(0, w_i·c_ij − λ_i) over open and free sites, and Σ λ_i.
func plainRelax(lg *lagrange, open []bool) (float64, []float64) {
	pr, in := lg.pr, lg.pr.In
	rho := make([]float64, in.NumSites())
	L := 0.0
	for i, ok := range pr.Active {
		if !ok {
			continue
		}
		lam, w := lg.lam[i], in.W[i]
		L += lam
		sites, costs := in.Row(int32(i))
		for k, j := range sites {
			v := w*costs[k] - lam
			if v >= 0 {
				break
			}
			if open[j] || lg.isFree[j] {
				rho[j] += v
			}
		}
	}
	return L, rho
}

// randomMultipliers sets λ and the free sites of a random open set.
func randomMultipliers(rng *rand.Rand, lg *lagrange) []bool {
	pr := lg.pr
	open := slices.Clone(pr.Fixed)
	for _, j := range pr.FreeIDs {
		switch rng.IntN(3) {
		case 0:
			open[j] = true
		case 1:
			lg.isFree[j] = true
		}
		lg.inT[j] = open[j] || lg.isFree[j] && rng.IntN(2) == 0
	}
	for i := range lg.lam {
		lg.lam[i] = rng.Float64() * 2000
	}
	return open
}

// TestChunkedRelaxation checks the relaxation's passes cut into chunks:
// one chunk is bit for bit the plain loop; several chunks agree with it
// up to rounding, give exactly the same subgradient, and give bit for bit
// the same sums whatever the number of goroutines.
func TestChunkedRelaxation(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 17))
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	for trial := range 1000 {
		pr := randomProblem(t, rng)
		one := newLagrange(pr, chunkPoints)
		open := randomMultipliers(rng, one)
		wantL, wantRho := plainRelax(one, open)
		if L := one.relax(open); math.Float64bits(L) != math.Float64bits(wantL) || !slices.Equal(one.rho, wantRho) {
			t.Fatalf("trial %d: one chunk L %v ρ %v, plain loop %v %v", trial, L, one.rho, wantL, wantRho)
		}
		wantNorm := one.subgradient(open)
		per := 1 + rng.IntN(5)
		var sums [][]float64
		for _, procs := range []int{1, 4} {
			runtime.GOMAXPROCS(procs)
			many := newLagrange(pr, per)
			copy(many.lam, one.lam)
			copy(many.isFree, one.isFree)
			copy(many.inT, one.inT)
			L := many.relax(open)
			if !near(L, wantL) {
				t.Fatalf("trial %d: %d chunks L %v, plain %v", trial, len(many.chunks), L, wantL)
			}
			for j := range wantRho {
				if !near(many.rho[j], wantRho[j]) {
					t.Fatalf("trial %d: %d chunks ρ_%d %v, plain %v", trial, len(many.chunks), j, many.rho[j], wantRho[j])
				}
			}
			if norm := many.subgradient(open); norm != wantNorm || !slices.Equal(many.g, one.g) {
				t.Fatalf("trial %d: %d chunks subgradient %v (norm %v), one chunk %v (%v)", trial, len(many.chunks), many.g, norm, one.g, wantNorm)
			}
			if many.work != one.work {
				t.Fatalf("trial %d: %d chunks work %d, one chunk %d", trial, len(many.chunks), many.work, one.work)
			}
			sums = append(sums, append([]float64{L}, many.rho...))
		}
		if !slices.Equal(sums[0], sums[1]) {
			t.Fatalf("trial %d: sums differ between 1 and 4 goroutines: %v, %v", trial, sums[0], sums[1])
		}
	}
}

// TestChunkedSolveIsOptimal solves random problems exactly with tiny
// chunks and with one chunk: both prove the same optimum.
func TestChunkedSolveIsOptimal(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 4))
	for trial := range 300 {
		pr := randomProblem(t, rng)
		pr.Cfg.Solver = core.Exact
		one, err1 := solve(context.Background(), pr, chunkPoints)
		many, err2 := solve(context.Background(), pr, 1+rng.IntN(4))
		if (err1 == nil) != (err2 == nil) {
			t.Fatalf("trial %d: errors %v and %v", trial, err1, err2)
		}
		if err1 != nil {
			continue
		}
		v1, v2 := pr.Objective(one.Sites), pr.Objective(many.Sites)
		if !one.Optimal || !many.Optimal || !near(v1, v2) {
			t.Fatalf("trial %d: one chunk %v (optimal %v), chunks %v (optimal %v)", trial, v1, one.Optimal, v2, many.Optimal)
		}
	}
}

func near(a, b float64) bool {
	return a == b || math.Abs(a-b) <= 1e-9*math.Max(1, math.Max(math.Abs(a), math.Abs(b)))
}
