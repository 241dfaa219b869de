package covering

import (
	"context"
	"math"
	"slices"

	"github.com/partons/partons/analysis/locate/internal/core"
)

// centerSearch decides, for a radius, whether P new sites (with the fixed
// ones) can bring every reachable demand point within it: a set-covering
// question. The optimal p-center radius is the smallest arc cost for which
// the answer is yes, found by binary search over the sorted distinct costs.
type centerSearch struct {
	ctx    context.Context
	pr     *core.Problem
	radii  []float64
	budget int64 // branch-and-bound nodes left (< 0: unlimited)
	nodes  int64
}

// decision outcomes
const (
	no = iota
	yes
	unknown
)

// decide answers the question for radii[k], exactly (within the node
// budget) or, with exact false, by the greedy cover (yes) and the packing
// bound (no). sites is a cover padded to P sites when the answer is yes.
func (c *centerSearch) decide(k int, exact bool) (int, []int32, error) {
	pr := c.pr
	cov := core.NewCoverage(pr.In, c.radii[k], pr.Allowed)
	for i, a := range pr.Active {
		if a && len(cov.Sites(int32(i))) == 0 {
			return no, nil, nil
		}
	}
	sc := newSetCover(c.ctx, pr, cov, pr.Active)
	P := pr.Cfg.P
	if g := sc.greedy(); g != nil && len(g) <= P {
		return yes, core.Pad(pr, g, pr.OpenSet(g)), nil
	}
	lb, _, _ := sc.packing()
	if lb > P {
		return no, nil, nil
	}
	if !exact || c.budget == 0 {
		return unknown, nil, nil
	}
	sc.limit, sc.best, sc.first, sc.lag = c.budget, P+1, true, newCoverLag(sc)
	sc.dfs(nil, math.Inf(-1))
	c.nodes += sc.nodes
	if c.budget > 0 {
		c.budget = max(0, c.budget-sc.nodes)
	}
	switch {
	case sc.err != nil:
		return unknown, nil, sc.err
	case sc.found:
		return yes, core.Pad(pr, sc.bestSet, pr.OpenSet(sc.bestSet)), nil
	case sc.aborted:
		return unknown, nil, nil
	}
	return no, nil, nil
}

// SolveCenter solves the p-center problem.
func SolveCenter(ctx context.Context, pr *core.Problem) (*core.Solution, error) {
	in := pr.In
	lo := 0.0 // every point must reach some site: the largest nearest cost
	var radii []float64
	for i, a := range pr.Active {
		if !a {
			continue
		}
		sites, costs := in.Row(int32(i))
		near := math.Inf(1)
		for k, j := range sites {
			if pr.Allowed[j] {
				near = min(near, costs[k])
				radii = append(radii, costs[k])
			}
		}
		lo = max(lo, near)
	}
	slices.Sort(radii)
	radii = slices.Compact(radii)
	if len(radii) == 0 {
		return &core.Solution{Sites: core.Pad(pr, nil, pr.OpenSet(nil)), Method: "trivial", Optimal: true}, nil
	}
	c := &centerSearch{ctx: ctx, pr: pr, radii: radii, budget: pr.MaxNodes()}
	exact := c.budget != 0
	kLo, _ := slices.BinarySearch(radii, lo)
	kHi := len(radii) - 1
	// Heuristic: the smallest radius where the greedy cover fits in P.
	// Whether P sites can reach everybody at all is settled by branch and
	// bound even for the heuristic (with the default node limit).
	if c.budget == 0 {
		c.budget = core.DefaultMaxNodes
	}
	ans, best, err := c.decide(kHi, true)
	if !exact {
		c.budget = 0
	}
	if err != nil {
		return nil, err
	}
	switch ans {
	case no:
		return nil, core.Wrapf(core.ErrInfeasible, "%d new sites (with %d fixed) cannot reach every demand point; raise p or the cost cutoff", pr.Cfg.P, len(pr.FixedIDs))
	case unknown:
		return nil, core.Wrapf(core.ErrNodeLimit, "no %d sites reaching every demand point found", pr.Cfg.P)
	}
	// Binary search: radii below kLo are proven infeasible, kHi feasible.
	proven := true
	for kLo < kHi {
		mid := kLo + (kHi-kLo)/2
		ans, sites, err := c.decide(mid, exact)
		if err != nil {
			return nil, err
		}
		switch ans {
		case yes:
			kHi, best = mid, sites
			continue
		case no:
			kLo = mid + 1
			continue
		}
		// Unknown: look for a feasible radius above mid with the greedy
		// only; the proof stops at radii[kLo].
		proven = false
		for lo2, hi2 := mid+1, kHi; lo2 < hi2; {
			m2 := lo2 + (hi2-lo2)/2
			if a, s, _ := c.decide(m2, false); a == yes {
				hi2, kHi, best = m2, m2, s
			} else {
				lo2 = m2 + 1
			}
		}
		break
	}
	sol := &core.Solution{Sites: best, Nodes: c.nodes, Bound: radii[kLo]}
	sol.Optimal = proven
	switch {
	case exact && proven:
		sol.Method = "binary search + set-cover branch-and-bound"
	case exact:
		sol.Method = "binary search + set-cover branch-and-bound (node limit)"
		sol.Stopped = core.StoppedNodes
	default:
		sol.Method = "binary search + greedy cover"
	}
	return sol, nil
}
