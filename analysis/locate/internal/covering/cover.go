package covering

import (
	"cmp"
	"context"
	"math"
	"slices"

	"github.com/partons/partons/analysis/locate/internal/core"
)

// setCover finds few sites covering every active demand point of a
// coverage relation, on top of the problem's fixed sites.
type setCover struct {
	pr     *core.Problem
	cov    *core.Coverage
	active []bool
	cnt    []int32
	open   []bool
	left   int // active points not covered
	// branch and bound
	ctx     context.Context
	excl    []bool
	used    []int32 // packing stamps per site
	stamp   int32
	limit   int64 // < 0: none
	nodes   int64
	lag     *coverLag // optional Lagrangian bound
	best    int       // incumbent size (or cap+1 in decision mode)
	bestSet []int32
	first   bool // stop at the first cover found (decision mode)
	found   bool
	aborted bool
	stopped string // why the search stopped early
	pending float64
	err     error
}

func newSetCover(ctx context.Context, pr *core.Problem, cov *core.Coverage, active []bool) *setCover {
	n, m := pr.In.NumDemand(), pr.In.NumSites()
	sc := &setCover{pr: pr, cov: cov, active: active, cnt: make([]int32, n), open: make([]bool, m),
		ctx: ctx, excl: make([]bool, m), used: make([]int32, m), pending: math.Inf(1)}
	for _, a := range active {
		if a {
			sc.left++
		}
	}
	for _, j := range pr.FixedIDs {
		sc.add(j)
	}
	return sc
}

func (sc *setCover) add(j int32) {
	sc.open[j] = true
	for _, i := range sc.cov.Dems(j) {
		if sc.cnt[i] == 0 && sc.active[i] {
			sc.left--
		}
		sc.cnt[i]++
	}
}

func (sc *setCover) remove(j int32) {
	sc.open[j] = false
	for _, i := range sc.cov.Dems(j) {
		sc.cnt[i]--
		if sc.cnt[i] == 0 && sc.active[i] {
			sc.left++
		}
	}
}

// newlyCovered counts the uncovered active points site j covers.
func (sc *setCover) newlyCovered(j int32) int {
	n := 0
	for _, i := range sc.cov.Dems(j) {
		if sc.cnt[i] == 0 && sc.active[i] {
			n++
		}
	}
	return n
}

// avail reports whether j may still be opened in the current subtree.
func (sc *setCover) avail(j int32) bool { return !sc.open[j] && !sc.excl[j] && !sc.pr.Fixed[j] }

// greedy covers the remaining points with the site covering most of them
// (ties: smaller index), then drops redundant sites, latest first. It
// returns nil if some point cannot be covered. The state is left as it was.
func (sc *setCover) greedy() []int32 {
	var sites []int32
	defer func() {
		for _, j := range sites {
			sc.remove(j)
		}
	}()
	for sc.left > 0 {
		best, bn := int32(-1), 0
		for _, j := range sc.pr.FreeIDs {
			if !sc.avail(j) {
				continue
			}
			if n := sc.newlyCovered(j); n > bn {
				best, bn = j, n
			}
		}
		if best < 0 {
			return nil
		}
		sc.add(best)
		sites = append(sites, best)
	}
	for _, j := range sites {
		sc.remove(j)
	}
	sites = sc.prune(sites)
	out := append([]int32{}, sites...) // non-nil: success
	sites = nil
	return out
}

// prune opens sites on top of the current state, drops those whose points
// are all covered twice, latest first, and closes them again; it returns
// the sites kept.
func (sc *setCover) prune(sites []int32) []int32 {
	sites = slices.Clone(sites)
	for _, j := range sites {
		sc.add(j)
	}
	for q := len(sites) - 1; q >= 0; q-- {
		j, redundant := sites[q], true
		for _, i := range sc.cov.Dems(j) {
			if sc.active[i] && sc.cnt[i] < 2 {
				redundant = false
				break
			}
		}
		if redundant {
			sc.remove(j)
			sites = slices.Delete(sites, q, q+1)
		}
	}
	for _, j := range sites {
		sc.remove(j)
	}
	return sites
}

// packing is a lower bound on the sites still needed: uncovered points
// taken in order of fewest available covering sites such that no site
// covers two of them each need their own site. It also returns the
// uncovered point with the fewest available sites (-1 if none) and false
// when some point has none left. O(Σ covering pairs of uncovered points).
func (sc *setCover) packing() (lb int, pick int32, ok bool) {
	type cand struct {
		i int32
		k int
	}
	var cs []cand
	for i := int32(0); int(i) < len(sc.cnt); i++ {
		if !sc.active[i] || sc.cnt[i] > 0 {
			continue
		}
		k := 0
		for _, j := range sc.cov.Sites(i) {
			if sc.avail(j) {
				k++
			}
		}
		if k == 0 {
			return 0, -1, false
		}
		cs = append(cs, cand{i, k})
	}
	if len(cs) == 0 {
		return 0, -1, true
	}
	slices.SortFunc(cs, func(a, b cand) int { return cmp.Or(cmp.Compare(a.k, b.k), cmp.Compare(a.i, b.i)) })
	sc.stamp++
	for _, c := range cs {
		free := true
		for _, j := range sc.cov.Sites(c.i) {
			if sc.avail(j) && sc.used[j] == sc.stamp {
				free = false
				break
			}
		}
		if !free {
			continue
		}
		lb++
		for _, j := range sc.cov.Sites(c.i) {
			if sc.avail(j) {
				sc.used[j] = sc.stamp
			}
		}
	}
	return lb, cs[0].i, true
}

// dfs branches on which available site covers the uncovered point with
// the fewest options; later siblings exclude the sites of earlier ones,
// so subtrees are disjoint.
func (sc *setCover) dfs(chosen []int32, parentBound float64) {
	if sc.aborted || sc.found {
		return
	}
	sc.nodes++
	switch {
	case sc.limit >= 0 && sc.nodes > sc.limit:
		sc.stopped = core.StoppedNodes
	case !sc.first && sc.nodes&63 == 0 && sc.pr.PastDeadline():
		sc.stopped = core.StoppedTime // LSCP only: p-center's decisions run to their node limit
	case sc.nodes&1023 == 0 && sc.ctx.Err() != nil:
		sc.err = sc.ctx.Err()
	}
	if sc.stopped != "" || sc.err != nil {
		sc.aborted = true
		sc.pending = min(sc.pending, parentBound)
		return
	}
	if sc.left == 0 {
		if len(chosen) < sc.best {
			sc.best, sc.bestSet = len(chosen), slices.Clone(chosen)
			sc.found = sc.first
		}
		return
	}
	lb, pick, ok := sc.packing()
	if !ok {
		return
	}
	bound := max(float64(len(chosen)+lb), parentBound)
	if int(bound) >= sc.best {
		return
	}
	var fixedOut []int32
	defer func() {
		for _, j := range fixedOut {
			sc.excl[j] = false
		}
	}()
	if sc.lag != nil {
		iters := 25
		if len(chosen) == 0 {
			iters = 300
		}
		room := float64(sc.best - len(chosen) - 1) // sites left to improve
		L := sc.lag.solve(room, iters)
		bound = max(bound, float64(len(chosen))+math.Ceil(L-1e-6))
		if int(bound) >= sc.best {
			return
		}
		if prim := sc.lag.primal(); prim != nil && len(chosen)+len(prim) < sc.best {
			sc.best, sc.bestSet = len(chosen)+len(prim), append(slices.Clone(chosen), prim...)
			if sc.found = sc.first; sc.found {
				return
			}
		}
		// Reduced-cost fixing: opening j raises the bound by red[j].
		for _, j := range sc.pr.FreeIDs {
			if sc.avail(j) && sc.lag.red[j] > 0 && float64(len(chosen))+math.Ceil(L+sc.lag.red[j]-1e-6) >= float64(sc.best) {
				sc.excl[j] = true
				fixedOut = append(fixedOut, j)
			}
		}
	}
	var opts []int32
	for _, j := range sc.cov.Sites(pick) {
		if sc.avail(j) {
			opts = append(opts, j)
		}
	}
	gain := make([]int, len(opts))
	order := make([]int, len(opts))
	for q, j := range opts {
		gain[q], order[q] = sc.newlyCovered(j), q
	}
	slices.SortStableFunc(order, func(a, b int) int {
		return cmp.Or(-cmp.Compare(gain[a], gain[b]), cmp.Compare(opts[a], opts[b]))
	})
	var done []int32
	defer func() {
		for _, j := range done {
			sc.excl[j] = false
		}
	}()
	for _, q := range order {
		j := opts[q]
		sc.add(j)
		sc.dfs(append(chosen, j), bound)
		sc.remove(j)
		if sc.aborted {
			sc.pending = min(sc.pending, bound)
			return
		}
		if sc.found {
			return
		}
		sc.excl[j] = true
		done = append(done, j)
	}
}

// SolveCover solves LSCP: the heuristic cover, then branch and bound.
func SolveCover(ctx context.Context, pr *core.Problem) (*core.Solution, error) {
	sc := newSetCover(ctx, pr, pr.Cov, pr.Active)
	sites := sc.greedy() // every active point has a covering site
	lb, _, _ := sc.packing()
	sc.lag = newCoverLag(sc)
	if L := sc.lag.solve(float64(len(sites)-1), 300); math.Ceil(L-1e-6) > float64(lb) {
		lb = int(math.Ceil(L - 1e-6))
	}
	if prim := sc.lag.primal(); prim != nil && len(prim) < len(sites) {
		sites = prim
	}
	sol := &core.Solution{Sites: sites, Method: "greedy+redundancy", Bound: float64(lb)}
	if len(sites) == lb {
		sol.Optimal = true
	}
	limit := pr.MaxNodes()
	if limit == 0 || sol.Optimal {
		return sol, nil
	}
	sc.limit, sc.best, sc.bestSet = limit, len(sites), sites
	sc.dfs(nil, math.Inf(-1))
	if sc.err != nil {
		return nil, sc.err
	}
	sol = &core.Solution{Sites: sc.bestSet, Nodes: sc.nodes, Method: "branch-and-bound"}
	if sc.aborted {
		sol.Bound = math.Ceil(min(float64(sc.best), sc.pending))
		sol.Stopped = sc.stopped
	} else {
		sol.Optimal = true
	}
	return sol, nil
}
