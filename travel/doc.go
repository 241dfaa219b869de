// Package travel is the seam between the places of a study (villages,
// services, candidate sites) and the ways of travelling between them.
// Every consumer of travel costs (the accessibility metrics of package
// analysis, the models of analysis/access, location-allocation in
// analysis/locate) asks a Mode; none of them knows whether the answer
// comes from straight lines, a road graph, an external cost matrix or a
// timetable.
//
// # Implementations
//
//   - Straight: WGS84 geodesics over an R-tree (geo/index), metres.
//   - Road: a *road.Graph of one profile, with the country of every
//     vertex when a border may be closed; metres or minutes (RouteBy).
//   - travel/matrix (its own package): an external origin–destination
//     cost file, already parsed; costs in the file's unit, looked up by
//     village and service id.
//   - travel/transit (its own package): public transport from a timetable.
//
// # The contract a mode implements
//
// A Mode describes itself with a Schema and joins places with Snap:
//
//	type Mode interface {
//		Schema() Schema
//		Snap(ctx context.Context, villages, services []Place) (Snapped, error)
//	}
//
// Snap is called once per run with every village and every service, in
// the order of the study's tables; indexes into those two slices are the
// only identities the rest of the contract uses. A Place carries its
// position (lon/lat) and its country ("" when unknown). Respect the
// border the way road snapping does: when the mode knows countries (the
// Road with a closed border and labelled vertices; a transit mode whose
// stops have countries) a place joins the mode only on its own country's
// part. Return a *datasets.RecordError or an error wrapping ErrInvalid
// for bad data, ctx.Err() (unwrapped or wrapped with %w) when cancelled,
// and anything else for internal failures: callers map these kinds to
// exit codes, so never disguise one as another.
//
// The Snapped value answers three questions:
//
//   - Village(i) and Service(j): where place i (or service j) joins the
//     mode (a Snap: distance in metres, and whether it is within the
//     mode's tolerance). A place that did not join reaches nothing.
//   - Nearest(ctx, cats): for every category, every part of it (one part
//     per country when the study splits domestic and abroad, else one
//     part) and every village, the best service of the part. The answer
//     is a Reach per part, column-wise over villages: the service index
//     (-1 none), its Cost in Schema.Unit (what "best" minimises, NaN
//     when none), a Code (CodeOK, or a 1-based index into
//     Schema.Statuses; a reached service may carry a status of its own,
//     such as a transit mode's walk_only), Definite (a village that
//     reaches nothing for a reason that is a fact, not a gap in the data:
//     a cut-off) and one value per Schema.Metrics (NaN when absent). Ties
//     in Cost go to the lower service index. The consumer combines the
//     parts (nearest overall, at home, abroad: the best reached service
//     by Cost among the parts the data covers) and applies the coverage
//     of the service data. Schema.ClosedBorder declares that the mode
//     never crosses a border, so that a village whose country has no
//     service of a category reaches none for a fact.
//   - Costs(ctx, services, maxCost): the sparse village × service costs
//     (one Costs, demand = villages, supply = the listed services in the
//     listed order) of every pair whose cost is at most maxCost (+Inf:
//     every reachable pair), in Schema.Unit. Pairs not stored are
//     unreachable, never cost 0.
//
// # Declaring columns
//
// Schema says how results of a mode appear in outputs, so that tables,
// deltas and aggregates follow a new mode without edits. For a mode
// named N and each category C the village table gets, in order:
//
//	C_N_status                 "ok", a coverage status, or one of Schema.Statuses
//	C_N_<metric>               one column per Schema.Metrics (Metric.Name)
//	C_N_id, C_N_country        the nearest service (by Cost) and its country
//	C_N_domestic_<split>       with countries: Schema.Split's metric of the
//	C_N_abroad_<split>         best service at home and abroad
//
// plus Schema.VillageColumns once per village (full column names, e.g.
// the road's snap_m). A metric's Unit is "m", "min", "share" or "" (a
// count); its name carries the unit suffix (_m, _min) when it has one.
// Metrics with Aggregate set become bases of the area aggregates (named
// N_<metric>): shares of people within the run's thresholds of that unit
// (metres or minutes), mean, median and 90th percentile, per area,
// country and overall.
//
// A transit mode, for example, declares Name "transit", Unit "min",
// Metrics median_min (Aggregate), best_min, p5_min, p95_min,
// within_15min (Unit "share"), transfers, Statuses walk_only,
// no_service, unsnapped, Split "median_min", VillageColumns
// transit_stop_departures; its Reach.Cost is the median.
//
// # Using a mode in a run
//
// analysis.Params.Modes takes any number of modes besides straight lines
// and roads; analysis.Compute snaps each once, asks Nearest for every
// category and keeps a block per mode (Result.Mode(name)) from which the
// village table, its long form and the area aggregates (shares of people
// within the run's thresholds, per area, country and overall) are
// written through the Schema. Nothing in analysis names a mode.
// traveltest.Check verifies an implementation against this contract and
// traveltest.Scripted is a double for consumers' tests.
//
// # Units and concurrency
//
// Distances are metres, times minutes at this seam (a road graph's
// seconds are converted inside Road). A Mode and a Snapped are safe for
// concurrent use once built; Nearest and Costs may run their own
// goroutines and return only when they are done. Every search checks ctx
// between units of work and returns ctx.Err() when it is cancelled.
//
// # Parsing settings
//
// ParseProfile and ParseRouteBy read the travel profile names (car,
// bicycle, foot) and route criteria (time, length) of a command or run
// spec; they delegate to road.ParseProfile and road.ParseWeight, the one
// reader of those names, which the scenario file check (a datasets
// package, below travel) uses too. Error messages name the accepted
// values, never an option of a command line.
package travel
