// Package locate solves location-allocation problems: where to put P
// shared service points so that they reach the most people (MCLP), cost
// the people least in total (p-median, optionally with capacities) or
// leave nobody too far (p-center), how many points are needed so that
// nobody is farther than a radius (LSCP), and where P points cover the
// most people twice (backup coverage).
//
// # Data
//
// An Instance holds demand weights (people), candidate sites and the
// finite demand→site costs, in any unit (metres of straight line or road,
// seconds, a cost from an external matrix); a missing pair is
// unreachable. Sites can be locked open (existing services: the new sites
// complement them and do not count in P) or excluded. A demand point is
// covered by a site at cost ≤ Radius.
//
// # Solvers
//
// Every model first runs a heuristic: greedy construction then vertex
// substitution (Teitz–Bart interchange, best improvement per pass, with
// Whitaker's fast swap evaluation), restarted from the Lagrangian
// relaxation's solution for MCLP and p-median, or for LSCP a greedy cover
// with redundant sites removed. The exact solvers are branch and bound seeded
// with that solution:
//
//   - MCLP and backup: include/exclude branching on the site with the best
//     optimistic gain; bound = covered weight + the r best gains
//     Σ w_i/(k − count_i) (valid for coverage k = 1 and 2); for MCLP also
//     the Lagrangian relaxation of the covering constraints at every node
//     (its minimum is the LP bound), whose relaxed solution serves as a
//     primal heuristic;
//   - p-median: Lagrangian relaxation of the assignment constraints at
//     every node (subgradient, warm-started; a long ascent with a slowly
//     shrinking step at the root, whose bound is the one reported when
//     the search is cut short), Lagrangian variable fixing, the
//     Lagrangian solution as primal heuristic; cut short, the best set
//     and the root's relaxed solution are improved by interchange;
//   - LSCP: branching on the sites covering the uncovered point with the
//     fewest options, bound = sites open + a packing of points no site
//     covers twice;
//   - p-center: binary search over the sorted distinct costs, each radius
//     decided by the LSCP search with P as a cap;
//   - capacitated p-median: min-cost flow (successive shortest paths) for
//     the assignment, enumeration of every set of P sites when there are
//     few enough, interchange otherwise; its bound is the uncapacitated
//     Lagrangian bound.
//
// The heuristic's p-median interchange and greedy look only at the useful
// pairs: a site matters to a demand point only when it is cheaper than the
// point's second nearest open site (nearest, for an addition), a prefix of
// the point's cost-sorted row; the sums are bit for bit those of the
// evaluation over every pair.
//
// # Limits
//
// The Auto solver stops branch and bound after MaxNodes nodes and, for
// the p-median, after MaxWork work units (the pairs, demand points and
// sites its Lagrangian relaxation visits); both limits are deterministic,
// so a result cut short is the same on every machine. The work limit is
// the default stop on large instances, where a single node may scan
// millions of pairs: DefaultMaxWork lets 8,000 demand points × 2,000
// candidates with P = 20 finish in about 25 s of CPU time. A
// wall-clock TimeLimit is opt-in: it makes the answer depend on the
// machine and its load. The heuristic always completes and the root
// relaxation takes at least one step, so a solution is at least the
// heuristic's, with a proven bound. Every Solution carries its objective, a proven bound (upper when
// maximising, lower when minimising), the gap between them and, when the
// search was cut short, why (Stopped), so a result is exact or provably
// within the gap. Bound ≤ optimum ≤ objective (minimisation) always holds.
//
// # Ties and determinism
//
// Equal inputs give equal outputs. Sites are scanned in index order and a
// candidate replaces the incumbent only when it is better by more than a
// relative 1e-9, so among tied optima the first one met wins: ties in the
// greedy go to the smaller site index (after the larger exact gain for
// coverage models), ties in an interchange pass to the earlier (site in,
// site out) pair, and each demand point is assigned to its nearest open
// site, ties to the smaller site index. Other tied optima are equally
// valid; tests accept any of them.
//
// Units: costs in the instance's unit; weights in people (or any
// non-negative measure); shares in [0, 1].
//
// # Layout
//
// This package is the public face: the types, Solve, the tables and the
// summary. The shared instance and problem live in internal/core, the
// p-median solvers (uncapacitated and capacitated) in internal/pmedian and
// the covering ones (MCLP, backup, LSCP, p-center) in internal/covering.
//
// Concurrency: an Instance is immutable and safe for concurrent use; Solve
// may be called concurrently on the same Instance. Solve runs on the
// calling goroutine, except the p-median relaxation's passes on more than
// 2,048 demand points, which run on up to GOMAXPROCS goroutines over
// fixed chunks of 2,048 points: the chunks depend on the instance only,
// and their sums are added in chunk order, so results do not depend on
// the number of cores.
package locate
