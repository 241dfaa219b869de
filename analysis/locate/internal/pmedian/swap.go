package pmedian

import (
	"context"

	"github.com/partons/partons/analysis/locate/internal/core"
)

// swapper evaluates the greedy additions and the interchange swaps of the
// p-median heuristic over the sparse useful part of the costs: a pair
// (i, u) changes the total only when u is cheaper for i than its second
// nearest open site (nearest for an addition), and those sites are a
// prefix of i's row, sorted by cost. Scanning the rows' prefixes in
// demand order and accumulating per candidate site gives every candidate
// exactly the terms, in exactly the order, of the column-by-column
// evaluation over all its demand points (Whitaker 1983), so the sums are
// bit for bit the same; the work falls from every pair to
// Σ_i (rank of i's second nearest open site). A swapper is used by one
// goroutine.
type swapper struct {
	pr   *core.Problem
	cand []bool  // per site: free and not open in the current pass
	gain []ext   // per site: the total after adding it (greedy) or A(u) (interchange)
	corr []ext   // per site × slot: R(f) + C(u, f), u-major
	pos  []int32 // per site: its slot among the open new sites, or -1
	loss []ext   // per slot: R(f)
}

func newSwapper(pr *core.Problem) *swapper {
	m := pr.In.NumSites()
	return &swapper{pr: pr, cand: make([]bool, m), gain: make([]ext, m), pos: make([]int32, m)}
}

// markCandidates sets cand to the free sites not open in s.
func (sw *swapper) markCandidates(s *medState) {
	for _, u := range sw.pr.FreeIDs {
		sw.cand[u] = !s.open[u]
	}
}

// greedyStep returns the closed free site whose opening gives the lowest
// total (ties to the smaller index). O(Σ_i rank of i's nearest open site
// + m).
func (sw *swapper) greedyStep(s *medState) int32 {
	pr, in := sw.pr, sw.pr.In
	sw.markCandidates(s)
	cur := s.total()
	for _, u := range pr.FreeIDs {
		sw.gain[u] = cur
	}
	for i, ok := range pr.Active {
		if !ok {
			continue
		}
		w, d1 := in.W[i], s.d1[i]
		row, costs := in.Row(int32(i))
		for k, u := range row {
			c := costs[k]
			if c >= d1 {
				break
			}
			if sw.cand[u] {
				sw.gain[u] = sw.gain[u].sub(weighted(w, d1)).add(weighted(w, c))
			}
		}
	}
	best, bestT := int32(-1), ext{}
	for _, u := range pr.FreeIDs {
		if !sw.cand[u] {
			continue
		}
		if t := sw.gain[u]; best < 0 || t.less(bestT, 0) {
			best, bestT = u, t
		}
	}
	return best
}

// interchange applies the best improving swap until none improves the
// total by more than the tolerance. For a candidate u, the change of the
// swap (u in, f out) is A(u) + R(f) + C(u, f), where A(u) is the gain of
// adding u, R(f) the loss of removing f and C(u, f) corrects the points
// whose nearest site is f and that u reaches. Ties go to the earlier
// (u, f) pair in (site, slot) order. One pass costs O(Σ_i rank of i's
// second nearest open site + m·p).
func (sw *swapper) interchange(ctx context.Context, s *medState, sites []int32) error {
	p := len(sites)
	if p == 0 {
		return nil
	}
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		sw.evaluate(s, sites)
		eps := core.Tol(s.total().v)
		var bestD ext
		bu, bq := int32(-1), -1
		for _, u := range sw.pr.FreeIDs {
			if !sw.cand[u] {
				continue
			}
			add, delta := sw.gain[u], sw.corr[int(u)*p:int(u+1)*p]
			for q := range delta {
				if d := add.add(delta[q]); d.less(bestD, eps) {
					bestD, bu, bq = d, u, q
				}
			}
		}
		if bu < 0 {
			return nil
		}
		s.open[sites[bq]] = false
		s.open[bu] = true
		sites[bq] = bu
		s.refresh()
	}
}

// evaluate fills gain[u] with A(u) and corr[u·p+q] with R(f) + C(u, f)
// for every candidate u and slot q of the open new sites.
func (sw *swapper) evaluate(s *medState, sites []int32) {
	pr, in, p := sw.pr, sw.pr.In, len(sites)
	if len(sw.loss) != p {
		sw.loss = make([]ext, p)
	}
	if m := in.NumSites(); len(sw.corr) < m*p {
		sw.corr = make([]ext, m*p)
	}
	core.SitePositions(sw.pos, sites)
	sw.markCandidates(s)
	clear(sw.loss)
	for i, ok := range pr.Active {
		if !ok {
			continue
		}
		if q := posOf(sw.pos, s.n1[i]); q >= 0 {
			w := in.W[i]
			sw.loss[q] = sw.loss[q].add(weighted(w, s.d2[i])).sub(weighted(w, s.d1[i]))
		}
	}
	for _, u := range pr.FreeIDs {
		if sw.cand[u] {
			sw.gain[u] = ext{}
			copy(sw.corr[int(u)*p:int(u+1)*p], sw.loss)
		}
	}
	for i, ok := range pr.Active {
		if !ok {
			continue
		}
		w, d1, d2 := in.W[i], s.d1[i], s.d2[i]
		q := posOf(sw.pos, s.n1[i])
		row, costs := in.Row(int32(i))
		for k, u := range row {
			c := costs[k]
			if c >= d2 {
				break
			}
			if !sw.cand[u] {
				continue
			}
			if c < d1 {
				sw.gain[u] = sw.gain[u].add(weighted(w, c)).sub(weighted(w, d1))
			}
			if q >= 0 {
				// actual: min(d2,c) − d1; counted: min(d1,c) − d1 + d2 − d1.
				cr := weighted(w, c).sub(weighted(w, minf(d1, c))).sub(weighted(w, d2)).add(weighted(w, d1))
				x := &sw.corr[int(u)*p+int(q)]
				*x = x.add(cr)
			}
		}
	}
}
