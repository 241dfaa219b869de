// Package core holds what every location-allocation solver shares: the
// Instance (demand weights and demand→site costs in CSR form both ways),
// the Model, Solver, Config and Solution types, and Problem, an instance
// validated against a configuration, with the canonical objective and the
// finishing of a solution (assignment, coverage, gap).
//
// It is internal to analysis/locate, which re-exports the public types;
// the solvers live in internal/pmedian and internal/covering.
//
// Units: costs in the instance's unit; weights in people (or any
// non-negative measure). Concurrency: an Instance and a Problem are
// read-only once built and safe for concurrent use.
package core
