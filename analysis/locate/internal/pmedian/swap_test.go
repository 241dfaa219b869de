package pmedian

import (
	"context"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/partons/partons/analysis/locate/internal/core"
	"github.com/partons/partons/travel"
)

// randomProblem is a p-median problem on a random sparse instance: some
// pairs missing, integer costs half the time (many ties), zero weights,
// fixed and excluded sites.
func randomProblem(tb testing.TB, rng *rand.Rand) *core.Problem {
	tb.Helper()
	n, m := 1+rng.IntN(40), 2+rng.IntN(25)
	density := 0.3 + 0.7*rng.Float64()
	integer := rng.IntN(2) == 0
	var entries []travel.Entry
	w := make([]float64, n)
	for i := range n {
		if rng.IntN(7) > 0 {
			w[i] = float64(1+rng.IntN(100)) * (0.5 + rng.Float64())
		}
		for j := range m {
			if rng.Float64() < density {
				c := rng.Float64() * 1000
				if integer {
					c = float64(rng.IntN(8))
				}
				entries = append(entries, travel.Entry{Demand: int32(i), Supply: int32(j), Cost: c})
			}
		}
	}
	costs, err := travel.NewCosts(n, m, entries)
	if err != nil {
		tb.Fatal(err)
	}
	in, err := core.NewInstance(w, costs)
	if err != nil {
		tb.Fatal(err)
	}
	cfg := core.Config{Model: core.PMedian}
	for j := int32(1); j < int32(m); j++ { // site 0 stays free
		switch rng.IntN(8) {
		case 0:
			cfg.Fixed = append(cfg.Fixed, j)
		case 1:
			cfg.Excluded = append(cfg.Excluded, j)
		}
	}
	free := m - len(cfg.Fixed) - len(cfg.Excluded)
	cfg.P = 1 + rng.IntN(free)
	pr, err := core.NewProblem(in, cfg)
	if err != nil {
		tb.Fatal(err)
	}
	return pr
}

// denseGreedyStep is the column-by-column greedy step over every pair of
// each candidate's column: the reference the sparse swapper must equal.
func denseGreedyStep(s *medState) int32 {
	pr, in := s.pr, s.pr.In
	best, bestT := int32(-1), ext{}
	cur := s.total()
	for _, u := range pr.FreeIDs {
		if s.open[u] {
			continue
		}
		t := cur
		dem, cost := in.Col(u)
		for k, i := range dem {
			if !pr.Active[i] || cost[k] >= s.d1[i] {
				continue
			}
			t = t.sub(weighted(in.W[i], s.d1[i])).add(weighted(in.W[i], cost[k]))
		}
		if best < 0 || t.less(bestT, 0) {
			best, bestT = u, t
		}
	}
	return best
}

// denseSwaps is Whitaker's swap evaluation column by column over every
// pair: A(u) and R(f) + C(u, f) for each closed free site u (u-major).
func denseSwaps(s *medState, sites []int32) (gain map[int32]ext, corr map[int32][]ext) {
	pr, in, p := s.pr, s.pr.In, len(sites)
	pos := make([]int32, in.NumSites())
	core.SitePositions(pos, sites)
	loss := make([]ext, p)
	for i, ok := range pr.Active {
		if !ok {
			continue
		}
		if q := posOf(pos, s.n1[i]); q >= 0 {
			w := in.W[i]
			loss[q] = loss[q].add(weighted(w, s.d2[i])).sub(weighted(w, s.d1[i]))
		}
	}
	gain, corr = map[int32]ext{}, map[int32][]ext{}
	for _, u := range pr.FreeIDs {
		if s.open[u] {
			continue
		}
		var add ext
		delta := slices.Clone(loss)
		dem, cost := in.Col(u)
		for k, i := range dem {
			if !pr.Active[i] {
				continue
			}
			w, c, d1, d2 := in.W[i], cost[k], s.d1[i], s.d2[i]
			if c < d1 {
				add = add.add(weighted(w, c)).sub(weighted(w, d1))
			}
			if q := posOf(pos, s.n1[i]); q >= 0 && c < d2 {
				cr := weighted(w, c).sub(weighted(w, minf(d1, c))).sub(weighted(w, d2)).add(weighted(w, d1))
				delta[q] = delta[q].add(cr)
			}
		}
		gain[u], corr[u] = add, delta
	}
	return gain, corr
}

// sameExt is bit-for-bit equality (NaN never occurs).
func sameExt(a, b ext) bool {
	return a.n == b.n && math.Float64bits(a.v) == math.Float64bits(b.v)
}

// TestSparseSwapsEqualDense checks, on random instances and random open
// sets, that the row-prefix evaluation gives exactly (bit for bit) the
// greedy choice, the gains A(u) and the swap values R(f) + C(u, f) of
// the evaluation over every pair of every column.
func TestSparseSwapsEqualDense(t *testing.T) {
	rng := rand.New(rand.NewPCG(17, 2026))
	for trial := range 3000 {
		pr := randomProblem(t, rng)
		sw := newSwapper(pr)
		// greedy steps from the fixed sites up to P.
		s := newMedState(pr, slices.Clone(pr.Fixed))
		var sites []int32
		for len(sites) < pr.Cfg.P {
			got, want := sw.greedyStep(s), denseGreedyStep(s)
			if got != want {
				t.Fatalf("trial %d: greedy step %d, dense %d", trial, got, want)
			}
			s.open[got] = true
			sites = append(sites, got)
			s.refresh()
		}
		// swaps from a random set of P free sites.
		free := slices.Clone(pr.FreeIDs)
		rng.Shuffle(len(free), func(a, b int) { free[a], free[b] = free[b], free[a] })
		sites = free[:pr.Cfg.P]
		s = newMedState(pr, pr.OpenSet(sites))
		sw.evaluate(s, sites)
		gain, corr := denseSwaps(s, sites)
		for u, g := range gain {
			if !sameExt(sw.gain[u], g) {
				t.Fatalf("trial %d: A(%d) = %v, dense %v", trial, u, sw.gain[u], g)
			}
			for q, c := range corr[u] {
				if got := sw.corr[int(u)*len(sites)+q]; !sameExt(got, c) {
					t.Fatalf("trial %d: swap (%d in, slot %d out) = %v, dense %v", trial, u, q, got, c)
				}
			}
		}
	}
}

// TestSparseHeuristicEqualsDense runs the whole heuristic both ways.
func TestSparseHeuristicEqualsDense(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 17))
	for trial := range 500 {
		pr := randomProblem(t, rng)
		got, err := medianHeuristic(context.Background(), pr)
		if err != nil {
			t.Fatal(err)
		}
		want := denseHeuristic(pr)
		if !slices.Equal(got, want) {
			t.Fatalf("trial %d: sites %v, dense %v", trial, got, want)
		}
	}
}

// denseHeuristic is greedy then best-improvement interchange with the
// column-by-column evaluation.
func denseHeuristic(pr *core.Problem) []int32 {
	s := newMedState(pr, slices.Clone(pr.Fixed))
	var sites []int32
	for len(sites) < pr.Cfg.P {
		u := denseGreedyStep(s)
		s.open[u] = true
		sites = append(sites, u)
		s.refresh()
	}
	for len(sites) > 0 {
		gain, corr := denseSwaps(s, sites)
		eps := core.Tol(s.total().v)
		var bestD ext
		bu, bq := int32(-1), -1
		for _, u := range pr.FreeIDs {
			if s.open[u] {
				continue
			}
			for q := range corr[u] {
				if d := gain[u].add(corr[u][q]); d.less(bestD, eps) {
					bestD, bu, bq = d, u, q
				}
			}
		}
		if bu < 0 {
			break
		}
		s.open[sites[bq]] = false
		s.open[bu] = true
		sites[bq] = bu
		s.refresh()
	}
	return sites
}
