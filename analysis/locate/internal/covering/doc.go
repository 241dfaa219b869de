// Package covering solves the covering models on a core.Problem: MCLP and
// backup coverage (greedy, interchange, branch and bound with the
// Lagrangian bound of the covering constraints), LSCP (greedy cover with
// redundant sites removed, branch and bound with a packing bound) and
// p-center (binary search over the sorted distinct costs, each radius
// decided by the LSCP search). See analysis/locate for the methods in
// full.
//
// Units: costs and radii in the instance's unit, weights in people.
// Concurrency: each Solve call uses its own state; many may run on one
// Problem.
package covering
