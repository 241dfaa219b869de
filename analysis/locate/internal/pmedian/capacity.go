package pmedian

import (
	"container/heap"
	"context"
	"math"
	"slices"

	"github.com/partons/partons/analysis/locate/internal/core"
)

// flowNet is a min-cost flow network for the capacitated assignment of
// demand weight to open sites: source → demand point (its weight) →
// site (arc cost, unbounded) → sink (the site's capacity).
type flowNet struct {
	head           []int32
	to, next       []int32
	capa, cost     []float64
	src, sink, num int32
}

func (f *flowNet) arc(u, v int32, c, cost float64) {
	for _, e := range [2]struct {
		u, v    int32
		c, cost float64
	}{{u, v, c, cost}, {v, u, 0, -cost}} {
		f.to = append(f.to, e.v)
		f.capa = append(f.capa, e.c)
		f.cost = append(f.cost, e.cost)
		f.next = append(f.next, f.head[e.u])
		f.head[e.u] = int32(len(f.to) - 1)
	}
}

type pqItem struct {
	d float64
	v int32
}
type pq []pqItem

func (q pq) Len() int { return len(q) }
func (q pq) Less(a, b int) bool {
	if q[a].d != q[b].d {
		return q[a].d < q[b].d
	}
	return q[a].v < q[b].v
}
func (q pq) Swap(a, b int) { q[a], q[b] = q[b], q[a] }
func (q *pq) Push(x any)   { *q = append(*q, x.(pqItem)) }
func (q *pq) Pop() any {
	o := *q
	it := o[len(o)-1]
	*q = o[:len(o)-1]
	return it
}

// assignCapacitated sends every active point's weight to the open sites at
// least total cost within the capacities, by successive shortest paths
// with Dijkstra on reduced costs (Edmonds and Karp 1972). It returns the
// cost and the flows (demand-major, site ascending), or +Inf when the open
// sites cannot absorb every point's weight. O(F · E log V) for F
// augmentations, E the arcs between active points and open sites.
func assignCapacitated(pr *core.Problem, open []bool) (float64, []core.Assignment) {
	in, capa := pr.In, pr.Cfg.Capacity
	var dem, sites []int32
	siteNode := make(map[int32]int32)
	for i, a := range pr.Active {
		if a {
			dem = append(dem, int32(i))
		}
	}
	for j, o := range open {
		if o {
			sites = append(sites, int32(j))
		}
	}
	nd, ns := int32(len(dem)), int32(len(sites))
	f := &flowNet{src: 0, sink: nd + ns + 1, num: nd + ns + 2}
	f.head = make([]int32, f.num)
	for k := range f.head {
		f.head[k] = -1
	}
	total, scale := 0.0, 0.0
	for q, j := range sites {
		siteNode[j] = nd + 1 + int32(q)
		f.arc(nd+1+int32(q), f.sink, capa[j], 0)
	}
	for q, i := range dem {
		w := in.W[i]
		total += w
		f.arc(f.src, int32(q)+1, w, 0)
		ss, cs := in.Row(i)
		for k, j := range ss {
			if open[j] {
				f.arc(int32(q)+1, siteNode[j], math.Inf(1), cs[k])
				scale = max(scale, cs[k])
			}
		}
	}
	eps := 1e-12 * max(1, total)
	pot := make([]float64, f.num)
	dist := make([]float64, f.num)
	prev := make([]int32, f.num)
	sent, cost := 0.0, 0.0
	for total-sent > eps {
		for k := range dist {
			dist[k], prev[k] = math.Inf(1), -1
		}
		dist[f.src] = 0
		h := &pq{{0, f.src}}
		for h.Len() > 0 {
			it := heap.Pop(h).(pqItem)
			if it.d > dist[it.v] {
				continue
			}
			for e := f.head[it.v]; e >= 0; e = f.next[e] {
				if f.capa[e] <= eps {
					continue
				}
				v := f.to[e]
				// Reduced costs are ≥ 0 in exact arithmetic; clamping
				// the rounding noise keeps Dijkstra finite on zero-cost
				// cycles.
				nd := it.d + max(0, f.cost[e]+pot[it.v]-pot[v])
				if nd < dist[v] {
					dist[v], prev[v] = nd, e
					heap.Push(h, pqItem{nd, v})
				}
			}
		}
		if math.IsInf(dist[f.sink], 1) {
			return math.Inf(1), nil
		}
		for v := range pot {
			pot[v] += min(dist[v], dist[f.sink])
		}
		push := total - sent
		for v := f.sink; v != f.src; v = f.to[prev[v]^1] {
			push = min(push, f.capa[prev[v]])
		}
		for v := f.sink; v != f.src; v = f.to[prev[v]^1] {
			e := prev[v]
			f.capa[e] -= push
			f.capa[e^1] += push
			cost += push * f.cost[e]
		}
		sent += push
	}
	var flows []core.Assignment
	for q, i := range dem {
		for e := f.head[q+1]; e >= 0; e = f.next[e] {
			if e&1 == 1 || f.to[e] == f.src {
				continue
			}
			if amt := f.capa[e^1]; amt > eps {
				j := sites[f.to[e]-nd-1]
				flows = append(flows, core.Assignment{Demand: i, Site: j, Cost: f.cost[e], Weight: amt})
			}
		}
	}
	slices.SortFunc(flows, func(a, b core.Assignment) int {
		if a.Demand != b.Demand {
			return int(a.Demand - b.Demand)
		}
		return int(a.Site - b.Site)
	})
	// Recompute the cost from the flows in a fixed order.
	cost = 0
	for _, fl := range flows {
		cost += fl.Weight * fl.Cost
	}
	return cost, flows
}

// SolveCapacitated solves the capacitated p-median: by enumeration of
// every set of P sites when there are at most the node limit of them,
// otherwise by vertex substitution from the uncapacitated solution with
// every swap evaluated by a min-cost flow. The uncapacitated optimum's
// Lagrangian bound is a valid lower bound (capacities only add
// constraints).
func SolveCapacitated(ctx context.Context, pr *core.Problem) (*core.Solution, error) {
	unc, err := medianHeuristic(ctx, pr)
	if err != nil {
		return nil, err
	}
	ub := pr.Objective(unc)
	lg := newLagrange(pr, chunkPoints)
	lg.initFrom(newMedState(pr, pr.OpenSet(unc)))
	bound := math.Inf(-1)
	if !math.IsInf(ub, 1) {
		bound = lg.solve(nil, pr.Cfg.P, ub, quickRoot).L
	}
	free, P := pr.FreeIDs, pr.Cfg.P
	limit := pr.MaxNodes()
	combos := binomial(len(free), P)
	best, bestSites := math.Inf(1), []int32(nil)
	try := func(sites []int32) {
		// The uncapacitated cost of a set bounds its capacitated cost
		// from below: skip the flow when it cannot win.
		if !math.IsInf(best, 1) && pr.Objective(sites) >= best-core.Tol(best) {
			return
		}
		if c, _ := assignCapacitated(pr, pr.OpenSet(sites)); c < best-core.Tol(best) || (math.IsInf(best, 1) && c < best) {
			best, bestSites = c, slices.Clone(sites)
		}
	}
	sol := &core.Solution{}
	try(unc)
	if limit != 0 && (limit < 0 || combos <= float64(limit)) {
		idx := make([]int, P)
		for k := range idx {
			idx[k] = k
		}
		sites := make([]int32, P)
		for n := int64(0); ; n++ {
			if n&255 == 0 && ctx.Err() != nil {
				return nil, ctx.Err()
			}
			for k, q := range idx {
				sites[k] = free[q]
			}
			try(sites)
			sol.Nodes++
			k := P - 1
			for k >= 0 && idx[k] == len(free)-P+k {
				k--
			}
			if k < 0 {
				break
			}
			idx[k]++
			for q := k + 1; q < P; q++ {
				idx[q] = idx[q-1] + 1
			}
		}
		sol.Method, sol.Optimal = "enumeration + min-cost flow", true
	} else {
		sites := slices.Clone(unc)
		try(sites)
		for improved := true; improved; {
			improved = false
			for q := range sites {
				for _, u := range free {
					if ctx.Err() != nil {
						return nil, ctx.Err()
					}
					if slices.Contains(sites, u) {
						continue
					}
					old := sites[q]
					sites[q] = u
					before := best
					try(sites)
					if best < before {
						improved = true
					} else {
						sites[q] = old
					}
				}
			}
		}
		sol.Method = "interchange + min-cost flow"
	}
	if math.IsInf(best, 1) {
		return nil, core.Wrapf(core.ErrInfeasible, "no %d sites (with %d fixed) have the capacity to serve every demand point", P, len(pr.FixedIDs))
	}
	sol.Sites = bestSites
	sol.Objective, sol.Assign = assignCapacitated(pr, pr.OpenSet(bestSites))
	sol.Bound = bound
	if sol.Optimal {
		sol.Bound = sol.Objective
	}
	return sol, nil
}

// binomial is C(n, k) as a float (large values saturate harmlessly).
func binomial(n, k int) float64 {
	r := 1.0
	for q := 1; q <= k; q++ {
		r = r * float64(n-k+q) / float64(q)
	}
	return r
}
