package locate

import (
	"context"
	"fmt"
	"math"
	"slices"
)

// Model is a location-allocation model.
type Model uint8

// Models.
const (
	// MCLP, the maximal covering location problem: open P sites that
	// maximise the demand weight within Radius of at least one open site.
	MCLP Model = iota
	// PMedian opens P sites minimising the weighted total cost of sending
	// every demand point to its nearest open site (or, with capacities,
	// the cheapest capacity-respecting assignment).
	PMedian
	// PCenter opens P sites minimising the largest cost from a demand
	// point to its nearest open site (weights are ignored).
	PCenter
	// LSCP, the location set covering problem: the fewest sites such that
	// every demand point that any site covers within Radius is covered.
	// Weights are ignored; points no site covers are reported, not
	// declared infeasible.
	LSCP
	// Backup maximises the demand weight within Radius of at least two
	// open sites, with P sites.
	Backup
)

var modelNames = [...]string{"mclp", "pmedian", "pcenter", "lscp", "backup"}

func (m Model) String() string { return enumString(modelNames[:], m, "Model") }

// ParseModel returns the model named s (mclp, pmedian, pcenter, lscp,
// backup).
func ParseModel(s string) (Model, error) {
	if i := slices.Index(modelNames[:], s); i >= 0 {
		return Model(i), nil
	}
	return 0, fmt.Errorf("%w: unknown model %q (want mclp, pmedian, pcenter, lscp or backup)", ErrInvalid, s)
}

// Maximise reports whether the model's objective is maximised.
func (m Model) Maximise() bool { return m == MCLP || m == Backup }

// Weighted reports whether the model's objective weighs demand points by
// their weight (population): MCLP, PMedian and Backup. PCenter and LSCP
// ignore weights.
func (m Model) Weighted() bool { return m == MCLP || m == PMedian || m == Backup }

// usesP reports whether the model takes a number of sites P.
func (m Model) usesP() bool { return m != LSCP }

// usesRadius reports whether the model takes a coverage radius.
func (m Model) usesRadius() bool { return m == MCLP || m == LSCP || m == Backup }

// Solver selects the solution method.
type Solver uint8

// Solvers.
const (
	// Auto runs the heuristic, then branch and bound seeded with its
	// solution until optimality is proven or MaxNodes nodes were explored;
	// the result then carries the best bound and the gap.
	Auto Solver = iota
	// Exact runs branch and bound until optimality is proven (or the
	// context is cancelled, which is an error).
	Exact
	// Heuristic runs greedy construction and vertex substitution only,
	// with a bound from a relaxation.
	Heuristic
)

var solverNames = [...]string{"auto", "exact", "heuristic"}

func (s Solver) String() string { return enumString(solverNames[:], s, "Solver") }

// ParseSolver returns the solver named s (auto, exact, heuristic).
func ParseSolver(s string) (Solver, error) {
	if i := slices.Index(solverNames[:], s); i >= 0 {
		return Solver(i), nil
	}
	return 0, fmt.Errorf("%w: unknown solver %q (want auto, exact or heuristic)", ErrInvalid, s)
}

// enumString is names[v], or typ(v) for a value without a name.
func enumString[T ~uint8](names []string, v T, typ string) string {
	if int(v) < len(names) {
		return names[v]
	}
	return fmt.Sprintf("%s(%d)", typ, uint8(v))
}

// DefaultMaxNodes is the branch-and-bound node limit of the Auto solver.
const DefaultMaxNodes = 200_000

// Config is what to solve and how.
type Config struct {
	Model Model
	// P is the number of sites to open besides the Fixed ones (all models
	// but LSCP).
	P int
	// Radius is the coverage radius for MCLP, LSCP and Backup, in the
	// cost's unit: a demand point is covered by a site at cost ≤ Radius.
	Radius float64
	// Fixed sites are open whatever the model decides (existing services);
	// they do not count in P or in LSCP's objective.
	Fixed []int32
	// Excluded sites are never opened. A site cannot be both.
	Excluded []int32
	// Capacity, for PMedian only, is each site's capacity in demand
	// weight units (len NumSites; +Inf for unlimited); nil: uncapacitated.
	Capacity []float64
	// Solver selects the method; MaxNodes bounds Auto's branch and bound
	// (≤ 0: DefaultMaxNodes).
	Solver   Solver
	MaxNodes int64
}

// Assignment sends Weight of demand point Demand to site Site at Cost per
// unit of weight. Site is -1 when no open site is reachable.
type Assignment struct {
	Demand, Site int32
	Cost         float64
	Weight       float64
}

// Solution is a solved instance.
type Solution struct {
	Model Model
	// Sites are the sites opened by the model, ascending; Fixed the
	// sites that were open anyway, ascending.
	Sites, Fixed []int32
	// Objective is covered weight (MCLP), weight covered twice (Backup),
	// weighted total cost (PMedian), largest cost (PCenter) or number of
	// new sites (LSCP). Bound is a proven bound on the optimum: upper for
	// maximised objectives, lower for minimised ones. Gap is
	// |Objective−Bound| / max(|Objective|, |Bound|) (0 when both are 0).
	Objective, Bound, Gap float64
	// Optimal reports a proof of optimality (Gap is then 0).
	Optimal bool
	// Method names the algorithm that produced the solution; Nodes counts
	// branch-and-bound nodes.
	Method string
	Nodes  int64
	// Assign has one entry per demand point in index order (the nearest
	// open site; ties go to the smaller site index), or with capacities
	// one entry per (demand, site) flow, demand-major.
	Assign []Assignment
	// CoveredWeight and CoveredPoints count demand within Radius of at
	// least one open site (twice for Backup); zero without a radius.
	CoveredWeight float64
	CoveredPoints int
	// TotalWeight is the weight of every demand point.
	TotalWeight float64
	// Uncoverable lists the demand points the model leaves out because no
	// allowed site can serve them: none within Radius (LSCP), fewer than
	// one or two within Radius (MCLP, Backup: they count as uncovered), or
	// none reachable at all (PMedian for positive weights, PCenter).
	Uncoverable []int32
}

// problem is a validated instance and configuration.
type problem struct {
	in       *Instance
	cfg      Config
	allowed  []bool // may be open (not excluded)
	fixed    []bool
	fixedIDs []int32 // ascending
	freeIDs  []int32 // allowed and not fixed, ascending
	active   []bool  // demand points the objective runs over
	uncov    []int32
	cov      *coverage // MCLP, LSCP, Backup
	k        int       // coverage multiplicity: 1, or 2 for Backup
}

// Solve solves inst under cfg. The context is checked between
// branch-and-bound nodes and interchange passes. Configuration problems
// wrap ErrInvalid; a model without any feasible solution wraps
// ErrInfeasible. Deterministic: equal inputs give equal solutions.
func Solve(ctx context.Context, inst *Instance, cfg Config) (*Solution, error) {
	pr, err := newProblem(inst, cfg)
	if err != nil {
		return nil, err
	}
	var sol *Solution
	switch cfg.Model {
	case MCLP, Backup:
		sol, err = solveCoverage(ctx, pr)
	case PMedian:
		if cfg.Capacity != nil {
			sol, err = solveCapacitated(ctx, pr)
		} else {
			sol, err = solveMedian(ctx, pr)
		}
	case PCenter:
		sol, err = solveCenter(ctx, pr)
	case LSCP:
		sol, err = solveCover(ctx, pr)
	}
	if err != nil {
		return nil, err
	}
	pr.finish(sol)
	return sol, nil
}

func newProblem(in *Instance, cfg Config) (*problem, error) {
	if in == nil {
		return nil, fmt.Errorf("%w: nil instance", ErrInvalid)
	}
	if int(cfg.Model) >= len(modelNames) || int(cfg.Solver) >= len(solverNames) {
		return nil, fmt.Errorf("%w: unknown model %v or solver %v", ErrInvalid, cfg.Model, cfg.Solver)
	}
	m := in.NumSites()
	pr := &problem{in: in, cfg: cfg, allowed: make([]bool, m), fixed: make([]bool, m), k: 1}
	for j := range pr.allowed {
		pr.allowed[j] = true
	}
	for _, j := range cfg.Excluded {
		if j < 0 || int(j) >= m {
			return nil, fmt.Errorf("%w: excluded site %d out of range", ErrInvalid, j)
		}
		pr.allowed[j] = false
	}
	for _, j := range cfg.Fixed {
		if j < 0 || int(j) >= m {
			return nil, fmt.Errorf("%w: fixed site %d out of range", ErrInvalid, j)
		}
		if !pr.allowed[j] {
			return nil, fmt.Errorf("%w: site %d is both fixed and excluded", ErrInvalid, j)
		}
		pr.fixed[j] = true
	}
	for j := int32(0); int(j) < m; j++ {
		switch {
		case pr.fixed[j]:
			pr.fixedIDs = append(pr.fixedIDs, j)
		case pr.allowed[j]:
			pr.freeIDs = append(pr.freeIDs, j)
		}
	}
	if cfg.Model.usesP() {
		if cfg.P < 0 || cfg.P > len(pr.freeIDs) {
			return nil, fmt.Errorf("%w: p = %d, but %d candidate sites can be opened", ErrInvalid, cfg.P, len(pr.freeIDs))
		}
		if cfg.P == 0 && len(pr.fixedIDs) == 0 && cfg.Model != MCLP && cfg.Model != Backup {
			return nil, fmt.Errorf("%w: p = 0 and no fixed site: nothing to measure", ErrInvalid)
		}
	}
	if cfg.Model.usesRadius() && (math.IsNaN(cfg.Radius) || math.IsInf(cfg.Radius, 0) || cfg.Radius < 0) {
		return nil, fmt.Errorf("%w: radius %v (want a finite number ≥ 0)", ErrInvalid, cfg.Radius)
	}
	if cfg.Capacity != nil {
		if cfg.Model != PMedian {
			return nil, fmt.Errorf("%w: capacities apply to pmedian only", ErrInvalid)
		}
		if len(cfg.Capacity) != m {
			return nil, fmt.Errorf("%w: %d capacities for %d sites", ErrInvalid, len(cfg.Capacity), m)
		}
		for j, c := range cfg.Capacity {
			if math.IsNaN(c) || c < 0 {
				return nil, fmt.Errorf("%w: site %d has capacity %v", ErrInvalid, j, c)
			}
		}
	}
	if cfg.Model == Backup {
		pr.k = 2
	}
	n := in.NumDemand()
	pr.active = make([]bool, n)
	if cfg.Model.usesRadius() {
		pr.cov = newCoverage(in, cfg.Radius, pr.allowed)
	}
	for i := int32(0); int(i) < n; i++ {
		var ok bool
		switch cfg.Model {
		case MCLP, Backup, LSCP:
			ok = len(pr.cov.sites(i)) >= pr.k
		case PMedian:
			ok = in.w[i] == 0 || pr.reachable(i)
		case PCenter:
			ok = pr.reachable(i)
		}
		pr.active[i] = ok && (cfg.Model != PMedian || in.w[i] > 0)
		if !ok {
			pr.uncov = append(pr.uncov, i)
		}
	}
	return pr, nil
}

// reachable reports whether demand i has an arc to an allowed site.
func (pr *problem) reachable(i int32) bool {
	s, _ := pr.in.row(i)
	for _, j := range s {
		if pr.allowed[j] {
			return true
		}
	}
	return false
}

// maxNodes is the node limit of branch and bound (-1: none).
func (pr *problem) maxNodes() int64 {
	switch pr.cfg.Solver {
	case Exact:
		return -1
	case Heuristic:
		return 0
	}
	if pr.cfg.MaxNodes > 0 {
		return pr.cfg.MaxNodes
	}
	return DefaultMaxNodes
}

// openSet returns the open flags of fixed ∪ sites.
func (pr *problem) openSet(sites []int32) []bool {
	open := slices.Clone(pr.fixed)
	for _, j := range sites {
		open[j] = true
	}
	return open
}

// objective evaluates the model's objective for the new sites, from
// scratch, in a fixed summation order: the value reported. O(A).
func (pr *problem) objective(sites []int32) float64 {
	in, open := pr.in, pr.openSet(sites)
	switch pr.cfg.Model {
	case LSCP:
		return float64(len(sites))
	case MCLP, Backup:
		v := 0.0
		for i := int32(0); int(i) < in.NumDemand(); i++ {
			if pr.covered(i, open) {
				v += in.w[i]
			}
		}
		return v
	}
	v := 0.0
	for i := int32(0); int(i) < in.NumDemand(); i++ {
		if !pr.active[i] {
			continue
		}
		_, c := pr.nearestOpen(i, open)
		if pr.cfg.Model == PCenter {
			v = max(v, c)
		} else {
			v += in.w[i] * c
		}
	}
	return v
}

// covered reports whether demand i is within Radius of at least k open
// sites.
func (pr *problem) covered(i int32, open []bool) bool {
	c := 0
	for _, j := range pr.cov.sites(i) {
		if open[j] {
			c++
		}
	}
	return c >= pr.k
}

// nearestOpen returns demand i's nearest open site (ties: smaller index)
// and its cost, or (-1, +Inf).
func (pr *problem) nearestOpen(i int32, open []bool) (int32, float64) {
	s, c := pr.in.row(i)
	for k, j := range s {
		if open[j] {
			return j, c[k]
		}
	}
	return -1, math.Inf(1)
}

// finish fills the solution's derived fields: sorted sites, objective
// recomputed canonically, gap, assignment and coverage.
func (pr *problem) finish(sol *Solution) {
	in := pr.in
	sol.Model = pr.cfg.Model
	slices.Sort(sol.Sites)
	sol.Fixed = slices.Clone(pr.fixedIDs)
	sol.Uncoverable = pr.uncov
	sol.TotalWeight = in.TotalWeight()
	if pr.cfg.Capacity == nil {
		sol.Objective = pr.objective(sol.Sites)
	}
	if sol.Optimal {
		sol.Bound = sol.Objective
	}
	if pr.cfg.Model.Maximise() {
		sol.Bound = max(min(sol.Bound, sol.TotalWeight), sol.Objective)
	} else {
		sol.Bound = min(sol.Bound, sol.Objective)
	}
	if math.Abs(sol.Bound-sol.Objective) <= tol(sol.Objective) {
		// Equal up to rounding: the solution is optimal.
		sol.Bound, sol.Optimal = sol.Objective, true
	}
	sol.Gap = gap(sol.Objective, sol.Bound)
	open := pr.openSet(sol.Sites)
	if sol.Assign == nil {
		sol.Assign = make([]Assignment, in.NumDemand())
		for i := int32(0); int(i) < in.NumDemand(); i++ {
			j, c := pr.nearestOpen(i, open)
			if j < 0 {
				c = math.NaN()
			}
			sol.Assign[i] = Assignment{Demand: i, Site: j, Cost: c, Weight: in.w[i]}
		}
	}
	if pr.cov != nil {
		for i := int32(0); int(i) < in.NumDemand(); i++ {
			if pr.covered(i, open) {
				sol.CoveredWeight += in.w[i]
				sol.CoveredPoints++
			}
		}
	}
}

// gap is the relative distance between an objective and its bound.
func gap(obj, bound float64) float64 {
	d := math.Abs(obj - bound)
	if d == 0 {
		return 0
	}
	if math.IsInf(d, 0) || math.IsNaN(d) {
		return math.Inf(1)
	}
	return d / max(math.Abs(obj), math.Abs(bound))
}

// tol is the absolute tolerance under which two objective values of
// magnitude v are considered equal: improvements smaller than this are
// ignored, so floating-point noise cannot make a search cycle.
// Non-finite values get 0, so that comparisons with ±Inf stay exact.
func tol(v float64) float64 {
	if math.IsInf(v, 0) || math.IsNaN(v) {
		return 0
	}
	return 1e-9 * max(1, math.Abs(v))
}
