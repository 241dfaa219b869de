// Package benchmarks holds partons' end-to-end benchmarks and the
// synthetic data they run on. Each benchmark has a baseline measured in
// the same run (a naive implementation or a peer tool), and results are
// recorded in RESULTS.md with the command that produced them.
//
// The synthetic region is the Westhoek box (lon 2.0–3.3, lat 50.55–51.2)
// with a straight "border" so that half the villages and services are in
// BE and half in FR. Data are generated from a fixed seed: the same
// arguments always give the same bytes.
package benchmarks
