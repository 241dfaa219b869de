package core

import (
	"fmt"
	"math"
	"slices"
	"time"
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

// UsesP reports whether the model takes a number of sites P.
func (m Model) UsesP() bool { return m != LSCP }

// UsesRadius reports whether the model takes a coverage radius.
func (m Model) UsesRadius() bool { return m == MCLP || m == LSCP || m == Backup }

// Solver selects the solution method.
type Solver uint8

// Solvers.
const (
	// Auto runs the heuristic, then branch and bound seeded with its
	// solution until optimality is proven or a limit is reached (MaxNodes
	// nodes, MaxWork for the p-median, TimeLimit if set); the result then
	// carries the best bound, the gap and Stopped.
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

// DefaultMaxWork is the work limit of the Auto solver's p-median branch
// and bound, in work units: one unit per demand→site pair, demand point
// and candidate site visited by the Lagrangian relaxation (a few
// nanoseconds each). On 8,000 demand points × 2,000 candidates with
// P = 20 it stops after about 25 s of CPU time (shared by the cores) with
// a gap of 0.3 %, its bound from the root (twice the work gives the
// same answer and bound); instances of a few hundred thousand pairs
// rarely reach it.
const DefaultMaxWork = 5_000_000_000

// Why branch and bound stopped before proving optimality
// (Solution.Stopped).
const (
	StoppedNodes = "node_limit"
	StoppedWork  = "work_limit"
	StoppedTime  = "time_limit"
)

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
	// (≤ 0: DefaultMaxNodes), and MaxWork the work of Auto's p-median
	// branch and bound (≤ 0: DefaultMaxWork). Both are deterministic:
	// equal inputs and limits give equal solutions on every machine.
	Solver   Solver
	MaxNodes int64
	MaxWork  int64
	// TimeLimit, when > 0, also stops Auto's branch and bound (MCLP,
	// uncapacitated PMedian, LSCP, Backup) once that much wall-clock time
	// has passed since Solve began; the heuristic and the root node
	// always complete. Opt-in because a result cut by the clock depends on
	// the machine and its load: the same input may give a different
	// (equally proven) answer from one run to the next.
	TimeLimit time.Duration
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
	// Stopped says why branch and bound stopped before a proof:
	// StoppedNodes, StoppedWork or StoppedTime; "" when it proved
	// optimality or did not run (Heuristic).
	Stopped string
	// Method names the algorithm that produced the solution; Nodes counts
	// branch-and-bound nodes, Work the p-median relaxation's work units
	// (see Config.MaxWork).
	Method string
	Nodes  int64
	Work   int64
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

// Problem is a validated instance and configuration, shared read-only by
// the solvers.
type Problem struct {
	In       *Instance
	Cfg      Config
	Allowed  []bool // may be open (not excluded)
	Fixed    []bool
	FixedIDs []int32 // ascending
	FreeIDs  []int32 // allowed and not fixed, ascending
	Active   []bool  // demand points the objective runs over
	Uncov    []int32
	Cov      *Coverage // MCLP, LSCP, Backup
	K        int       // coverage multiplicity: 1, or 2 for Backup
	Deadline time.Time // Cfg.TimeLimit after NewProblem; zero: none
}

// NewProblem validates cfg against in. Configuration problems wrap
// ErrInvalid.
func NewProblem(in *Instance, cfg Config) (*Problem, error) {
	if in == nil {
		return nil, fmt.Errorf("%w: nil instance", ErrInvalid)
	}
	if int(cfg.Model) >= len(modelNames) || int(cfg.Solver) >= len(solverNames) {
		return nil, fmt.Errorf("%w: unknown model %v or solver %v", ErrInvalid, cfg.Model, cfg.Solver)
	}
	m := in.NumSites()
	pr := &Problem{In: in, Cfg: cfg, Allowed: make([]bool, m), Fixed: make([]bool, m), K: 1}
	for j := range pr.Allowed {
		pr.Allowed[j] = true
	}
	for _, j := range cfg.Excluded {
		if j < 0 || int(j) >= m {
			return nil, fmt.Errorf("%w: excluded site %d out of range", ErrInvalid, j)
		}
		pr.Allowed[j] = false
	}
	for _, j := range cfg.Fixed {
		if j < 0 || int(j) >= m {
			return nil, fmt.Errorf("%w: fixed site %d out of range", ErrInvalid, j)
		}
		if !pr.Allowed[j] {
			return nil, fmt.Errorf("%w: site %d is both fixed and excluded", ErrInvalid, j)
		}
		pr.Fixed[j] = true
	}
	for j := int32(0); int(j) < m; j++ {
		switch {
		case pr.Fixed[j]:
			pr.FixedIDs = append(pr.FixedIDs, j)
		case pr.Allowed[j]:
			pr.FreeIDs = append(pr.FreeIDs, j)
		}
	}
	if cfg.Model.UsesP() {
		if cfg.P < 0 || cfg.P > len(pr.FreeIDs) {
			return nil, fmt.Errorf("%w: p = %d, but %d candidate sites can be opened", ErrInvalid, cfg.P, len(pr.FreeIDs))
		}
		if cfg.P == 0 && len(pr.FixedIDs) == 0 && cfg.Model != MCLP && cfg.Model != Backup {
			return nil, fmt.Errorf("%w: p = 0 and no fixed site: nothing to measure", ErrInvalid)
		}
	}
	if cfg.Model.UsesRadius() && (math.IsNaN(cfg.Radius) || math.IsInf(cfg.Radius, 0) || cfg.Radius < 0) {
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
	switch {
	case cfg.TimeLimit < 0:
		return nil, fmt.Errorf("%w: time limit %v (want > 0, or 0 for none)", ErrInvalid, cfg.TimeLimit)
	case cfg.TimeLimit > 0 && cfg.Solver != Auto:
		return nil, fmt.Errorf("%w: a time limit applies to the auto solver, not %v", ErrInvalid, cfg.Solver)
	case cfg.TimeLimit > 0 && (cfg.Model == PCenter || cfg.Capacity != nil):
		return nil, fmt.Errorf("%w: a time limit applies to mclp, uncapacitated pmedian, lscp and backup", ErrInvalid)
	}
	if cfg.TimeLimit > 0 {
		pr.Deadline = time.Now().Add(cfg.TimeLimit)
	}
	if cfg.Model == Backup {
		pr.K = 2
	}
	n := in.NumDemand()
	pr.Active = make([]bool, n)
	if cfg.Model.UsesRadius() {
		pr.Cov = NewCoverage(in, cfg.Radius, pr.Allowed)
	}
	for i := int32(0); int(i) < n; i++ {
		var ok bool
		switch cfg.Model {
		case MCLP, Backup, LSCP:
			ok = len(pr.Cov.Sites(i)) >= pr.K
		case PMedian:
			ok = in.W[i] == 0 || pr.Reachable(i)
		case PCenter:
			ok = pr.Reachable(i)
		}
		pr.Active[i] = ok && (cfg.Model != PMedian || in.W[i] > 0)
		if !ok {
			pr.Uncov = append(pr.Uncov, i)
		}
	}
	return pr, nil
}

// Reachable reports whether demand i has an arc to an allowed site.
func (pr *Problem) Reachable(i int32) bool {
	s, _ := pr.In.Row(i)
	for _, j := range s {
		if pr.Allowed[j] {
			return true
		}
	}
	return false
}

// MaxNodes is the node limit of branch and bound (-1: none).
func (pr *Problem) MaxNodes() int64 {
	switch pr.Cfg.Solver {
	case Exact:
		return -1
	case Heuristic:
		return 0
	}
	if pr.Cfg.MaxNodes > 0 {
		return pr.Cfg.MaxNodes
	}
	return DefaultMaxNodes
}

// MaxWork is the work limit of the p-median branch and bound (-1: none).
func (pr *Problem) MaxWork() int64 {
	switch pr.Cfg.Solver {
	case Exact:
		return -1
	case Heuristic:
		return 0
	}
	if pr.Cfg.MaxWork > 0 {
		return pr.Cfg.MaxWork
	}
	return DefaultMaxWork
}

// PastDeadline reports whether the time limit, if any, has passed.
func (pr *Problem) PastDeadline() bool {
	return !pr.Deadline.IsZero() && !time.Now().Before(pr.Deadline)
}

// OpenSet returns the open flags of fixed ∪ sites.
func (pr *Problem) OpenSet(sites []int32) []bool {
	open := slices.Clone(pr.Fixed)
	for _, j := range sites {
		open[j] = true
	}
	return open
}

// Objective evaluates the model's objective for the new sites, from
// scratch, in a fixed summation order: the value reported. O(A).
func (pr *Problem) Objective(sites []int32) float64 {
	in, open := pr.In, pr.OpenSet(sites)
	switch pr.Cfg.Model {
	case LSCP:
		return float64(len(sites))
	case MCLP, Backup:
		v := 0.0
		for i := int32(0); int(i) < in.NumDemand(); i++ {
			if pr.Covered(i, open) {
				v += in.W[i]
			}
		}
		return v
	}
	v := 0.0
	for i := int32(0); int(i) < in.NumDemand(); i++ {
		if !pr.Active[i] {
			continue
		}
		_, c := pr.NearestOpen(i, open)
		if pr.Cfg.Model == PCenter {
			v = max(v, c)
		} else {
			v += in.W[i] * c
		}
	}
	return v
}

// Covered reports whether demand i is within Radius of at least k open
// sites.
func (pr *Problem) Covered(i int32, open []bool) bool {
	c := 0
	for _, j := range pr.Cov.Sites(i) {
		if open[j] {
			c++
		}
	}
	return c >= pr.K
}

// NearestOpen returns demand i's nearest open site (ties: smaller index)
// and its cost, or (-1, +Inf).
func (pr *Problem) NearestOpen(i int32, open []bool) (int32, float64) {
	s, c := pr.In.Row(i)
	for k, j := range s {
		if open[j] {
			return j, c[k]
		}
	}
	return -1, math.Inf(1)
}

// Finish fills the solution's derived fields: sorted sites, objective
// recomputed canonically, gap, assignment and coverage.
func (pr *Problem) Finish(sol *Solution) {
	in := pr.In
	sol.Model = pr.Cfg.Model
	slices.Sort(sol.Sites)
	sol.Fixed = slices.Clone(pr.FixedIDs)
	sol.Uncoverable = pr.Uncov
	sol.TotalWeight = in.TotalWeight()
	if pr.Cfg.Capacity == nil {
		sol.Objective = pr.Objective(sol.Sites)
	}
	if sol.Optimal {
		sol.Bound, sol.Stopped = sol.Objective, ""
	}
	if pr.Cfg.Model.Maximise() {
		sol.Bound = max(min(sol.Bound, sol.TotalWeight), sol.Objective)
	} else {
		sol.Bound = min(sol.Bound, sol.Objective)
	}
	if math.Abs(sol.Bound-sol.Objective) <= Tol(sol.Objective) {
		// Equal up to rounding: the solution is optimal.
		sol.Bound, sol.Optimal, sol.Stopped = sol.Objective, true, ""
	}
	sol.Gap = Gap(sol.Objective, sol.Bound)
	open := pr.OpenSet(sol.Sites)
	if sol.Assign == nil {
		sol.Assign = make([]Assignment, in.NumDemand())
		for i := int32(0); int(i) < in.NumDemand(); i++ {
			j, c := pr.NearestOpen(i, open)
			if j < 0 {
				c = math.NaN()
			}
			sol.Assign[i] = Assignment{Demand: i, Site: j, Cost: c, Weight: in.W[i]}
		}
	}
	if pr.Cov != nil {
		for i := int32(0); int(i) < in.NumDemand(); i++ {
			if pr.Covered(i, open) {
				sol.CoveredWeight += in.W[i]
				sol.CoveredPoints++
			}
		}
	}
}

// Gap is the relative distance between an objective and its bound.
func Gap(obj, bound float64) float64 {
	d := math.Abs(obj - bound)
	if d == 0 {
		return 0
	}
	if math.IsInf(d, 0) || math.IsNaN(d) {
		return math.Inf(1)
	}
	return d / max(math.Abs(obj), math.Abs(bound))
}

// Tol is the absolute tolerance under which two objective values of
// magnitude v are considered equal: improvements smaller than this are
// ignored, so floating-point noise cannot make a search cycle.
// Non-finite values get 0, so that comparisons with ±Inf stay exact.
func Tol(v float64) float64 {
	if math.IsInf(v, 0) || math.IsNaN(v) {
		return 0
	}
	return 1e-9 * max(1, math.Abs(v))
}
