// Package pmedian solves the p-median problem on a core.Problem:
// greedy construction and vertex substitution (Teitz–Bart with Whitaker's
// fast swap evaluation), branch and bound on the Lagrangian relaxation of
// the assignment constraints, and the capacitated variant by min-cost flow
// (successive shortest paths). See analysis/locate for the methods in
// full.
//
// Units: costs in the instance's unit, weights in people. Concurrency:
// each Solve call uses its own state; many may run on one Problem.
package pmedian
