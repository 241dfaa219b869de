package covering

import "math"

// coverLag bounds set-covering subtrees by the Lagrangian relaxation of
// the covering constraints Σ_{j covers i} x_j ≥ 1 with multipliers u ≥ 0
// (Beasley 1990):
//
//	L(u) = Σ_{i uncovered} u_i + Σ_{j available} min(0, 1 − Σ_{i uncovered, j covers i} u_i),
//
// a lower bound on the number of sites still needed, for every u ≥ 0
// (its maximum is the LP bound). Multipliers persist between calls as a
// warm start. Used by one goroutine.
type coverLag struct {
	sc   *setCover
	u    []float64
	g    []float64
	red  []float64 // reduced cost per site
	pick []bool
}

func newCoverLag(sc *setCover) *coverLag {
	n, m := len(sc.cnt), sc.pr.In.NumSites()
	cl := &coverLag{sc: sc, u: make([]float64, n), g: make([]float64, n), red: make([]float64, m), pick: make([]bool, m)}
	for i := range cl.u {
		cl.u[i] = 1 / float64(max(1, len(sc.cov.Sites(int32(i)))))
	}
	return cl
}

// solve maximises L by at most iters subgradient steps for the current
// node (covered points and available sites of sc); ub is the number of
// further sites that would not improve the incumbent. It returns the best
// L and leaves the reduced costs of its multipliers in red.
// O(iters · covering pairs).
func (cl *coverLag) solve(ub float64, iters int) float64 {
	sc := cl.sc
	best, theta, stall := math.Inf(-1), 2.0, 0
	bestU := append([]float64(nil), cl.u...)
	for it := 0; it < iters && theta > 1e-3; it++ {
		L := cl.evaluate()
		if L > best+1e-9 {
			best, stall = L, 0
			copy(bestU, cl.u)
		} else if stall++; stall >= 5 {
			theta, stall = theta/2, 0
		}
		if best > ub-1e-9 {
			break // prunes: no need to tighten further
		}
		norm := 0.0
		for i := range cl.g {
			cl.g[i] = 0
			if !sc.active[i] || sc.cnt[i] > 0 {
				continue
			}
			g := 1.0
			for _, j := range sc.cov.Sites(int32(i)) {
				if cl.pick[j] {
					g--
				}
			}
			if cl.u[i] == 0 && g < 0 {
				g = 0
			}
			cl.g[i] = g
			norm += g * g
		}
		if norm == 0 {
			break
		}
		t := theta * (max(ub, L+1) - L) / norm
		for i, g := range cl.g {
			cl.u[i] = max(0, cl.u[i]+t*g)
		}
	}
	copy(cl.u, bestU)
	cl.evaluate() // leave red and pick at the best multipliers
	return best
}

// evaluate computes L(u), the reduced costs and the relaxed solution.
func (cl *coverLag) evaluate() float64 {
	sc := cl.sc
	L := 0.0
	for i, a := range sc.active {
		if a && sc.cnt[i] == 0 {
			L += cl.u[i]
		}
	}
	for _, j := range sc.pr.FreeIDs {
		cl.pick[j] = false
		if !sc.avail(j) {
			continue
		}
		r := 1.0
		for _, i := range sc.cov.Dems(j) {
			if sc.active[i] && sc.cnt[i] == 0 {
				r -= cl.u[i]
			}
		}
		cl.red[j] = r
		if r < 0 {
			L += r
			cl.pick[j] = true
		}
	}
	return L
}

// primal completes the relaxed solution into a cover: its sites, then the
// greedy cover of what is left, then redundant sites removed. nil when
// some point cannot be covered.
func (cl *coverLag) primal() []int32 {
	sc := cl.sc
	var added []int32
	for _, j := range sc.pr.FreeIDs {
		if cl.pick[j] && sc.avail(j) {
			sc.add(j)
			added = append(added, j)
		}
	}
	rest := sc.greedy()
	for _, j := range added {
		sc.remove(j)
	}
	if rest == nil {
		return nil
	}
	return sc.prune(append(added, rest...))
}
