// Package access computes spatial accessibility models over a sparse
// demand × supply cost matrix: how much service capacity the people of
// each village can reach, given competition from the other villages and a
// distance-decay function.
//
// # Pieces
//
//   - Costs (travel.Costs): the reachable (village, service) pairs and
//     their travel costs, in compressed sparse row form both by service
//     (its catchment) and by village (the services it reaches), as every
//     travel mode gives them (travel.Snapped.Costs: straight line, road,
//     an external matrix, public transport) or travel.NewCosts builds
//     them. A pair that is not stored is unreachable, never cost 0.
//   - Decay: the weight f(d) of a pair at cost d (step, linear,
//     exponential, Gaussian, power, logistic, piecewise bands), written as a
//     spec string and read by ParseDecay ("step:30", "gaussian:sigma=20",
//     "power:scale=20,alpha=-2,dmin=1", "bands:10=1,20=0.68,30=0.22").
//   - Compute: cumulative opportunities, gravity, 2SFCA, E2SFCA, 3SFCA and
//     the mean cost to the N nearest services, with each service's
//     catchment population and supply-to-demand ratio (ServiceStat).
//   - Inequality: population-weighted Gini, Theil, Palma, percentiles and
//     the share of people beyond a threshold, overall or by group.
//
// # Units
//
// Costs are in whatever unit their travel mode uses (its Schema.Unit):
// metres for straight lines and roads routed by length, minutes by time,
// the file's unit for an external matrix.
// Decay parameters (thresholds, σ, scale, band uppers, β per unit) and
// Model.MaxCost are in the same unit: "step:30" is 30 minutes on minutes
// and 30 metres on metres. LuoQi's bands are in minutes. Populations and
// capacities are plain non-negative numbers (people, doctors, beds; 1 per
// service to count services).
//
// # Determinism and concurrency
//
// Results do not depend on scheduling: every sum runs in a fixed order.
// Costs and the Decay values of this package are immutable
// and safe for concurrent use; Compute and Inequality keep no shared
// state. This package does no file I/O.
package access
