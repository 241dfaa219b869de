package covering

import (
	"cmp"
	"math"
	"slices"

	"github.com/partons/partons/analysis/locate/internal/core"
)

// mclpLag bounds MCLP subtrees by the Lagrangian relaxation of the
// covering constraints y_i ≤ Σ_{j covers i} x_j with multipliers λ ≥ 0:
//
//	L(λ) = value(open) + Σ_{i uncovered} max(0, w_i − λ_i) + (the r largest
//	       s_j = Σ_{i uncovered, j covers i} λ_i over the free sites),
//
// an upper bound for every λ ≥ 0 whose minimum equals the LP relaxation's
// value. Multipliers are kept between calls (a warm start: any λ ≥ 0 is
// valid). Used by one goroutine.
type mclpLag struct {
	pr    *core.Problem
	lam   []float64
	g     []float64
	score []float64 // per site
	free  []int32
	best  []int32 // free sites of the best L, by score
}

func newMclpLag(pr *core.Problem) *mclpLag {
	n := pr.In.NumDemand()
	ml := &mclpLag{pr: pr, lam: make([]float64, n), g: make([]float64, n), score: make([]float64, pr.In.NumSites())}
	for i := range ml.lam {
		ml.lam[i] = pr.In.W[i] / 2
	}
	return ml
}

// solve minimises L by at most iters projected subgradient steps for the
// subtree with state s (open sites) where excl sites are closed and r
// more open; lb is a known feasible value. It returns the smallest L
// found and the r free sites of its relaxed solution. Stops early when
// L ≤ lb (the subtree cannot improve). O(iters · (A_R + m log m)).
func (ml *mclpLag) solve(s *covState, excl []bool, r int, lb float64, iters int) (float64, []int32) {
	pr, in := ml.pr, ml.pr.In
	ml.free = ml.free[:0]
	for _, j := range pr.FreeIDs {
		if !s.open[j] && !excl[j] {
			ml.free = append(ml.free, j)
		}
	}
	r = min(r, len(ml.free))
	best, theta, stall := math.Inf(1), 2.0, 0
	for it := 0; it < iters && theta > 1e-4; it++ {
		L := s.value
		for i, lam := range ml.lam {
			ml.g[i] = 0
			if s.cnt[i] == 0 {
				L += max(0, in.W[i]-lam)
				if in.W[i] > lam {
					ml.g[i] = -1
				}
			}
		}
		for _, j := range ml.free {
			v := 0.0
			for _, i := range pr.Cov.Dems(j) {
				if s.cnt[i] == 0 {
					v += ml.lam[i]
				}
			}
			ml.score[j] = v
		}
		slices.SortFunc(ml.free, func(a, b int32) int {
			return cmp.Or(-core.CmpFloat(ml.score[a], ml.score[b]), cmp.Compare(a, b))
		})
		for _, j := range ml.free[:r] {
			L += ml.score[j]
			for _, i := range pr.Cov.Dems(j) {
				if s.cnt[i] == 0 {
					ml.g[i]++
				}
			}
		}
		if L < best-core.Tol(best) {
			best, stall = L, 0
			ml.best = append(ml.best[:0], ml.free[:r]...)
		} else if stall++; stall >= 5 {
			theta, stall = theta/2, 0
		}
		if best <= lb+core.Tol(lb) {
			break
		}
		norm := 0.0
		for i, x := range ml.g {
			if ml.lam[i] == 0 && x > 0 { // projection: λ stays ≥ 0
				ml.g[i] = 0
				continue
			}
			norm += x * x
		}
		if norm == 0 {
			break // the relaxed solution is feasible: L is its value
		}
		t := theta * (L - lb) / norm
		for i := range ml.lam {
			ml.lam[i] = max(0, ml.lam[i]-t*ml.g[i])
		}
	}
	return best, ml.best
}
