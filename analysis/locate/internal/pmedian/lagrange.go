package pmedian

import (
	"cmp"
	"math"
	"slices"

	"github.com/partons/partons/analysis/locate/internal/core"
)

// lagrange computes p-median lower bounds by relaxing the assignment
// constraints Σ_j x_ij = 1 with multipliers λ_i (Cornuéjols, Fisher and
// Nemhauser 1977; Beasley 1993):
//
//	L(λ) = Σ_i λ_i + Σ_{j open} ρ_j + (the r smallest ρ_j over free sites),
//	ρ_j  = Σ_i min(0, w_i·c_ij − λ_i),
//
// which is a lower bound on the cost of every solution that opens the open
// sites and r of the free ones, for any λ. Subgradient steps raise it. A
// lagrange is used by one goroutine.
type lagrange struct {
	pr      *core.Problem
	lam     []float64 // current multipliers, per demand point
	rho     []float64 // per site
	g       []float64
	isFree  []bool
	inT     []bool
	free    []int32
	bestLam []float64
}

// lagResult is the outcome of solveNode at its best multipliers.
type lagResult struct {
	L          float64
	rho        []float64 // per site (valid for open and free sites)
	order      []int32   // free sites by (ρ, index)
	primal     []int32   // new sites of the Lagrangian solution
	infeasible bool      // no solution in this subtree
	exact      bool      // the Lagrangian solution is optimal for the subtree
}

func newLagrange(pr *core.Problem) *lagrange {
	n, m := pr.In.NumDemand(), pr.In.NumSites()
	return &lagrange{pr: pr, lam: make([]float64, n), rho: make([]float64, m), g: make([]float64, n),
		isFree: make([]bool, m), inT: make([]bool, m)}
}

// initFrom sets λ_i to point i's weighted cost in a heuristic solution.
func (lg *lagrange) initFrom(s *medState) {
	for i, ok := range lg.pr.Active {
		if ok && !math.IsInf(s.d1[i], 1) {
			lg.lam[i] = lg.pr.In.W[i] * s.d1[i]
		}
	}
}

// solve is solveNode at the root of a search with the given new sites.
func (lg *lagrange) solve(chosen []int32, p int, ub float64, iters int) lagResult {
	open := lg.pr.OpenSet(chosen)
	return lg.solveNode(open, make([]bool, lg.pr.In.NumSites()), p-len(chosen), ub, iters)
}

// solveNode maximises L over λ by at most iters subgradient steps for the
// subtree where the open sites are open, excl sites are closed and r more
// of the remaining allowed sites open. It stops early once L reaches
// ub (the subtree is pruned) or the relaxation's solution assigns every
// point exactly once (it is then optimal for the subtree). On return
// lg.lam holds the best multipliers found. O(iters·(A_λ + m log m)), A_λ
// the arcs cheaper than their point's multiplier.
func (lg *lagrange) solveNode(open, excl []bool, r int, ub float64, iters int) lagResult {
	pr, in := lg.pr, lg.pr.In
	res := lagResult{L: math.Inf(-1)}
	lg.free = lg.free[:0]
	for _, j := range pr.FreeIDs {
		lg.isFree[j] = !open[j] && !excl[j]
		if lg.isFree[j] {
			lg.free = append(lg.free, j)
		}
	}
	defer func() {
		for _, j := range lg.free {
			lg.isFree[j] = false
		}
	}()
	if len(lg.free) < r || r < 0 {
		res.infeasible = true
		return res
	}
	for i, ok := range pr.Active {
		if !ok {
			continue
		}
		sites, _ := in.Row(int32(i))
		reach := false
		for _, j := range sites {
			if open[j] || lg.isFree[j] {
				reach = true
				break
			}
		}
		if !reach {
			res.infeasible = true
			return res
		}
	}
	lg.bestLam = append(lg.bestLam[:0], lg.lam...)
	theta, stall := 2.0, 0
	for it := 0; it < iters && theta > 1e-4; it++ {
		L := 0.0
		for j := range lg.rho {
			lg.rho[j] = 0
		}
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
					lg.rho[j] += v
				}
			}
		}
		slices.SortFunc(lg.free, func(a, b int32) int {
			return cmp.Or(core.CmpFloat(lg.rho[a], lg.rho[b]), cmp.Compare(a, b))
		})
		for j, o := range open {
			if o {
				L += lg.rho[j]
			}
		}
		for _, j := range lg.free[:r] {
			L += lg.rho[j]
			lg.inT[j] = true
		}
		if L > res.L+core.Tol(res.L) || math.IsInf(res.L, -1) {
			res.L = L
			res.rho = append(res.rho[:0], lg.rho...)
			res.order = append(res.order[:0], lg.free...)
			res.primal = res.primal[:0]
			for j, o := range open {
				if o && !pr.Fixed[j] {
					res.primal = append(res.primal, int32(j))
				}
			}
			res.primal = append(res.primal, lg.free[:r]...)
			copy(lg.bestLam, lg.lam)
			stall = 0
		} else if stall++; stall >= 5 {
			theta, stall = theta/2, 0
		}
		norm := 0.0
		for i, ok := range pr.Active {
			if !ok {
				continue
			}
			lam, w := lg.lam[i], in.W[i]
			g := 1.0
			sites, costs := in.Row(int32(i))
			for k, j := range sites {
				if w*costs[k]-lam >= 0 {
					break
				}
				if open[j] || lg.inT[j] {
					g--
				}
			}
			lg.g[i] = g
			norm += g * g
		}
		for _, j := range lg.free[:r] {
			lg.inT[j] = false
		}
		if L >= ub-core.Tol(ub) {
			break
		}
		if norm == 0 {
			// Every point assigned exactly once: L is the cost of this
			// solution and a bound for the subtree, so it is optimal there.
			res.exact, res.L = true, max(res.L, L)
			res.primal = res.primal[:0]
			for j, o := range open {
				if o && !pr.Fixed[j] {
					res.primal = append(res.primal, int32(j))
				}
			}
			res.primal = append(res.primal, lg.free[:r]...)
			break
		}
		t := theta * (ub - L) / norm
		for i, ok := range pr.Active {
			if ok {
				lg.lam[i] += t * lg.g[i]
			}
		}
	}
	copy(lg.lam, lg.bestLam)
	return res
}
