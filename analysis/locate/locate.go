package locate

import (
	"context"

	"github.com/partons/partons/analysis/locate/internal/core"
	"github.com/partons/partons/analysis/locate/internal/covering"
	"github.com/partons/partons/analysis/locate/internal/pmedian"
	"github.com/partons/partons/travel"
)

// The types below are defined once in internal/core, where the solvers of
// internal/pmedian and internal/covering share them; see there for their
// fields' documentation.
type (
	// Model is a location-allocation model.
	Model = core.Model
	// Solver selects the solution method.
	Solver = core.Solver
	// Config is what to solve and how.
	Config = core.Config
	// Assignment sends Weight of demand point Demand to site Site at Cost
	// per unit of weight. Site is -1 when no open site is reachable.
	Assignment = core.Assignment
	// Solution is a solved instance.
	Solution = core.Solution
)

// Models.
const (
	// MCLP, the maximal covering location problem: open P sites that
	// maximise the demand weight within Radius of at least one open site.
	MCLP = core.MCLP
	// PMedian opens P sites minimising the weighted total cost of sending
	// every demand point to its nearest open site (or, with capacities,
	// the cheapest capacity-respecting assignment).
	PMedian = core.PMedian
	// PCenter opens P sites minimising the largest cost from a demand
	// point to its nearest open site (weights are ignored).
	PCenter = core.PCenter
	// LSCP, the location set covering problem: the fewest sites such that
	// every demand point that any site covers within Radius is covered.
	// Weights are ignored; points no site covers are reported, not
	// declared infeasible.
	LSCP = core.LSCP
	// Backup maximises the demand weight within Radius of at least two
	// open sites, with P sites.
	Backup = core.Backup
)

// Solvers.
const (
	// Auto runs the heuristic, then branch and bound seeded with its
	// solution until optimality is proven or a limit is reached (MaxNodes
	// nodes, MaxWork for the p-median, TimeLimit if set); the result then
	// carries the best bound, the gap and Stopped.
	Auto = core.Auto
	// Exact runs branch and bound until optimality is proven (or the
	// context is cancelled, which is an error).
	Exact = core.Exact
	// Heuristic runs greedy construction and vertex substitution only,
	// with a bound from a relaxation.
	Heuristic = core.Heuristic
)

// DefaultMaxNodes is the branch-and-bound node limit of the Auto solver.
const DefaultMaxNodes = core.DefaultMaxNodes

// DefaultMaxWork is the work limit of the Auto solver's p-median branch
// and bound, in units of pairs, demand points and sites visited by the
// Lagrangian relaxation (a few nanoseconds each): about 25 s of CPU time
// on 8,000 demand points × 2,000 candidates with P = 20.
const DefaultMaxWork = core.DefaultMaxWork

// Why branch and bound stopped before proving optimality
// (Solution.Stopped): its node limit, its work limit or its time limit.
const (
	StoppedNodes = core.StoppedNodes
	StoppedWork  = core.StoppedWork
	StoppedTime  = core.StoppedTime
)

// MaxArcs is the largest number of demand→site costs an Instance accepts.
const MaxArcs = core.MaxArcs

var (
	// ErrInvalid marks an invalid instance or configuration.
	ErrInvalid = core.ErrInvalid
	// ErrInfeasible is returned when no choice of sites satisfies the
	// model, e.g. a p-median whose p sites cannot reach every demand point.
	ErrInfeasible = core.ErrInfeasible
	// ErrNodeLimit is returned when the node limit ran out before any
	// feasible solution was found (none is then proven not to exist).
	ErrNodeLimit = core.ErrNodeLimit
)

// ParseModel returns the model named s (mclp, pmedian, pcenter, lscp,
// backup).
func ParseModel(s string) (Model, error) { return core.ParseModel(s) }

// ParseSolver returns the solver named s (auto, exact, heuristic).
func ParseSolver(s string) (Solver, error) { return core.ParseSolver(s) }

// Instance is a location problem's data: demand weights, a number of
// candidate sites and the finite demand→site costs, stored twice in
// compressed sparse row form: by demand, each row sorted by (cost, site),
// and by site, each column sorted by demand. An Instance is immutable and
// safe for concurrent use.
type Instance struct {
	in *core.Instance
}

// NewInstance builds an instance over len(weights) demand points and the
// costs' supply locations as candidate sites; costs (from any travel mode,
// or travel.NewCosts) must have len(weights) demand locations. Weights
// must be finite and ≥ 0. Every problem is reported wrapping ErrInvalid.
// costs is not retained. O(A) time for A pairs, 24 bytes of memory per
// pair.
func NewInstance(weights []float64, costs *travel.Costs) (*Instance, error) {
	in, err := core.NewInstance(weights, costs)
	if err != nil {
		return nil, err
	}
	return &Instance{in: in}, nil
}

// NumDemand is the number of demand points.
func (inst *Instance) NumDemand() int { return inst.in.NumDemand() }

// NumSites is the number of candidate sites.
func (inst *Instance) NumSites() int { return inst.in.NumSites() }

// NumArcs is the number of finite demand→site costs.
func (inst *Instance) NumArcs() int { return inst.in.NumArcs() }

// Weight is demand point i's weight.
func (inst *Instance) Weight(i int) float64 { return inst.in.Weight(i) }

// TotalWeight is the sum of all demand weights.
func (inst *Instance) TotalWeight() float64 { return inst.in.TotalWeight() }

// Cost is the cost between demand i and site j, +Inf when unreachable.
// O(log deg(j)).
func (inst *Instance) Cost(i, j int32) float64 { return inst.in.Cost(i, j) }

// Solve solves inst under cfg. The context is checked between
// branch-and-bound nodes and interchange passes. Configuration problems
// wrap ErrInvalid; a model without any feasible solution wraps
// ErrInfeasible. Deterministic: equal inputs give equal solutions.
func Solve(ctx context.Context, inst *Instance, cfg Config) (*Solution, error) {
	var in *core.Instance
	if inst != nil {
		in = inst.in
	}
	pr, err := core.NewProblem(in, cfg)
	if err != nil {
		return nil, err
	}
	var sol *Solution
	switch cfg.Model {
	case MCLP, Backup:
		sol, err = covering.SolveCoverage(ctx, pr)
	case PMedian:
		if cfg.Capacity != nil {
			sol, err = pmedian.SolveCapacitated(ctx, pr)
		} else {
			sol, err = pmedian.Solve(ctx, pr)
		}
	case PCenter:
		sol, err = covering.SolveCenter(ctx, pr)
	case LSCP:
		sol, err = covering.SolveCover(ctx, pr)
	}
	if err != nil {
		return nil, err
	}
	pr.Finish(sol)
	return sol, nil
}
