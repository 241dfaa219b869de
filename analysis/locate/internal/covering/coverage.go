package covering

import (
	"context"
	"math"
	"slices"

	"github.com/partons/partons/analysis/locate/internal/core"
)

// covState is an open set with, per demand point, the number of open
// sites within the radius; value is the weight covered at least k times.
type covState struct {
	pr    *core.Problem
	open  []bool
	cnt   []int32
	value float64
}

func newCovState(pr *core.Problem) *covState {
	s := &covState{pr: pr, open: make([]bool, pr.In.NumSites()), cnt: make([]int32, pr.In.NumDemand())}
	for _, j := range pr.FixedIDs {
		s.add(j)
	}
	return s
}

// add opens j. O(|cover(j)|).
func (s *covState) add(j int32) {
	s.open[j] = true
	k := int32(s.pr.K)
	for _, i := range s.pr.Cov.Dems(j) {
		s.cnt[i]++
		if s.cnt[i] == k {
			s.value += s.pr.In.W[i]
		}
	}
}

// remove closes j. O(|cover(j)|).
func (s *covState) remove(j int32) {
	s.open[j] = false
	k := int32(s.pr.K)
	for _, i := range s.pr.Cov.Dems(j) {
		if s.cnt[i] == k {
			s.value -= s.pr.In.W[i]
		}
		s.cnt[i]--
	}
}

// gains returns, for a closed site j, the exact gain of opening it and an
// optimistic score Σ w_i/(k−cnt_i) over the points it covers fewer than k
// times. The score summed over any r sites bounds the gain of opening
// them together: a point needing k−cnt more sites is counted fully once
// that many of them cover it.
func (s *covState) gains(j int32) (gain, score float64) {
	k := int32(s.pr.K)
	for _, i := range s.pr.Cov.Dems(j) {
		c := s.cnt[i]
		if c >= k {
			continue
		}
		w := s.pr.In.W[i]
		if c == k-1 {
			gain += w
		}
		score += w / float64(k-c)
	}
	return gain, score
}

// coverageHeuristic opens P sites greedily (largest gain, then largest
// score, then smallest index) and improves them by best-improvement vertex
// substitution until no swap gains more than the tolerance.
func coverageHeuristic(ctx context.Context, pr *core.Problem) ([]int32, error) {
	s := newCovState(pr)
	var sites []int32
	for len(sites) < pr.Cfg.P {
		best, bg, bs := int32(-1), -1.0, -1.0
		for _, j := range pr.FreeIDs {
			if s.open[j] {
				continue
			}
			g, sc := s.gains(j)
			if g > bg || (g == bg && sc > bs) {
				best, bg, bs = j, g, sc
			}
		}
		s.add(best)
		sites = append(sites, best)
	}
	return sites, coverageInterchange(ctx, s, sites)
}

// coverageInterchange swaps one open site for one closed site while the
// best swap improves the value. For a candidate u, the change of the swap
// (u in, f out) is gain(u) + loss(f) + a correction over the points both
// cover whose count sits at k−1 or k. One pass costs O(A_R + m·p) for A_R
// covering pairs.
func coverageInterchange(ctx context.Context, s *covState, sites []int32) error {
	pr := s.pr
	k := int32(pr.K)
	p := len(sites)
	if p == 0 {
		return nil
	}
	pos := make([]int32, pr.In.NumSites())
	loss := make([]float64, p)
	delta := make([]float64, p)
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		core.SitePositions(pos, sites)
		for q, f := range sites {
			loss[q] = 0
			for _, i := range pr.Cov.Dems(f) {
				if s.cnt[i] == k {
					loss[q] -= pr.In.W[i]
				}
			}
		}
		bestD, bu, bq := core.Tol(s.value), int32(-1), -1
		for _, u := range pr.FreeIDs {
			if s.open[u] {
				continue
			}
			add := 0.0
			copy(delta, loss)
			for _, i := range pr.Cov.Dems(u) {
				c := s.cnt[i]
				if c != k-1 && c != k {
					continue
				}
				w := pr.In.W[i]
				if c == k-1 {
					add += w
					w = -w
				}
				for _, f := range pr.Cov.Sites(i) {
					if q := pos[f]; q >= 0 {
						delta[q] += w
					}
				}
			}
			for q := range delta {
				if d := add + delta[q]; d > bestD {
					bestD, bu, bq = d, u, q
				}
			}
		}
		if bu < 0 {
			return nil
		}
		s.remove(sites[bq])
		s.add(bu)
		sites[bq] = bu
	}
}

// SolveCoverage solves MCLP and Backup.
func SolveCoverage(ctx context.Context, pr *core.Problem) (*core.Solution, error) {
	sites, err := coverageHeuristic(ctx, pr)
	if err != nil {
		return nil, err
	}
	best := pr.Objective(sites)
	bound := coverageRootBound(pr)
	var ml *mclpLag
	if pr.K == 1 {
		// The Lagrangian (LP) bound, and its relaxed solution improved by
		// interchange as a second start.
		ml = newMclpLag(pr)
		s := newCovState(pr)
		L, prim := ml.solve(s, make([]bool, pr.In.NumSites()), pr.Cfg.P, best, 300)
		bound = min(bound, L)
		alt := core.Pad(pr, prim, s.open)
		for _, j := range alt {
			s.add(j)
		}
		if err := coverageInterchange(ctx, s, alt); err != nil {
			return nil, err
		}
		if v := pr.Objective(alt); v > best+core.Tol(best) {
			best, sites = v, alt
		}
	}
	sol := &core.Solution{Sites: sites, Method: "greedy+interchange", Bound: bound}
	limit := pr.MaxNodes()
	if limit == 0 {
		return sol, nil
	}
	b := &covBB{ctx: ctx, s: newCovState(pr), excl: make([]bool, pr.In.NumSites()), limit: limit, ml: ml,
		best: best, bestSites: slices.Clone(sites), pending: math.Inf(-1)}
	b.score = make([]float64, 0, len(pr.FreeIDs))
	b.dfs(nil, pr.Cfg.P, math.Inf(1))
	if b.err != nil {
		return nil, b.err
	}
	sol = &core.Solution{Sites: b.bestSites, Nodes: b.nodes, Method: "branch-and-bound"}
	if b.aborted {
		sol.Bound = min(bound, max(b.best, b.pending))
		sol.Stopped = b.stopped
	} else {
		sol.Optimal = true
	}
	return sol, nil
}

// coverageRootBound is the value of the fixed sites plus the P best
// optimistic scores.
func coverageRootBound(pr *core.Problem) float64 {
	s := newCovState(pr)
	var sc []float64
	for _, j := range pr.FreeIDs {
		_, x := s.gains(j)
		sc = append(sc, x)
	}
	slices.SortFunc(sc, func(a, b float64) int { return -core.CmpFloat(a, b) })
	v := s.value
	for _, x := range sc[:pr.Cfg.P] {
		v += x
	}
	return v
}

// covBB is a depth-first branch and bound over sites for coverage
// models: at each node the site with the best optimistic score is first
// opened, then excluded; a node is pruned when its value plus its r best
// scores cannot beat the incumbent by more than the tolerance.
type covBB struct {
	ctx       context.Context
	s         *covState
	excl      []bool
	score     []float64
	limit     int64
	nodes     int64
	best      float64
	bestSites []int32
	aborted   bool
	stopped   string   // why the search stopped early
	pending   float64  // largest bound of an unexplored subtree
	ml        *mclpLag // MCLP only: Lagrangian bound and primal at each node
	err       error
}

func (b *covBB) dfs(chosen []int32, r int, parentBound float64) {
	if b.aborted {
		return
	}
	b.nodes++
	switch {
	case b.limit > 0 && b.nodes > b.limit:
		b.stopped = core.StoppedNodes
	case b.nodes&63 == 0 && b.s.pr.PastDeadline():
		b.stopped = core.StoppedTime
	case b.nodes&1023 == 0 && b.ctx.Err() != nil:
		b.err = b.ctx.Err()
	}
	if b.stopped != "" || b.err != nil {
		b.aborted = true
		b.pending = max(b.pending, parentBound)
		return
	}
	pr, s := b.s.pr, b.s
	if s.value > b.best+core.Tol(b.best) {
		b.best = s.value
		b.bestSites = core.Pad(pr, chosen, s.open)
	}
	if r == 0 {
		return
	}
	b.score = b.score[:0]
	next, nextScore := int32(-1), 0.0
	for _, j := range pr.FreeIDs {
		if s.open[j] || b.excl[j] {
			continue
		}
		_, sc := s.gains(j)
		if sc > 0 {
			b.score = append(b.score, sc)
		}
		if sc > nextScore {
			next, nextScore = j, sc
		}
	}
	if next < 0 {
		return // no site can add anything
	}
	bound := s.value
	if len(b.score) > r {
		slices.SortFunc(b.score, func(a, b float64) int { return -core.CmpFloat(a, b) })
		b.score = b.score[:r]
	}
	for _, x := range b.score {
		bound += x
	}
	bound = min(bound, parentBound)
	if bound <= b.best+core.Tol(b.best) {
		return
	}
	if b.ml != nil {
		L, prim := b.ml.solve(s, b.excl, r, b.best, 30)
		cand := core.Pad(pr, append(slices.Clone(chosen), prim...), s.open)
		if v := pr.Objective(cand); v > b.best+core.Tol(b.best) {
			b.best, b.bestSites = v, cand
		}
		if bound = min(bound, L); bound <= b.best+core.Tol(b.best) {
			return
		}
	}
	s.add(next)
	b.dfs(append(chosen, next), r-1, bound)
	s.remove(next)
	if b.aborted {
		b.pending = max(b.pending, bound)
		return
	}
	b.excl[next] = true
	b.dfs(chosen, r, bound)
	b.excl[next] = false
}
