// Package analysis computes partons' accessibility metrics: for every
// village and service category, the nearest service (anywhere, in the
// village's own country, abroad), counts within distance thresholds, a
// basket of everyday services, and each village's value on every basis
// (Value) that the population-weighted summaries per area, country and
// overall of package aggregates count. Package tables lays a Result out
// as a report's tables; packages delta and variant serve scenarios,
// reportdiff compares finished reports.
//
// Travel costs come from package travel. Every travel mode gives a
// ModeBlock whose columns, statuses, aggregate bases, deltas and
// comparison columns follow its travel.Schema: the road network of
// Params.Road (travel.Road, the first block, see RoadBlock) and any
// further mode of Params.Modes (e.g. public transport) alike. The access
// models take their costs from the run's mode.
//
// Units: distances are WGS84 ellipsoidal geodesics in metres; population is
// a head count; shares are fractions in [0, 1].
//
// Honesty rules: a metric that cannot be computed is absent (NaN inside the
// package, null/empty in outputs) and its village carries a status saying
// why; missing population is never counted as zero; data that does not
// cover a category in a country never reads as "no service there".
//
// Scenario variants are data too: variant.Apply takes a list of
// variant.Change values, however they were written down, and Recompute
// reuses the base for categories a variant leaves alone; package delta
// compares the variant with its base.
//
// FromAssignment turns a location model's answer (each village's
// assigned site and cost) into a Result without a new search, so a
// report of the model shows what it computed.
//
// The package does no file I/O and imports no file format (a test at the
// root of the module checks it). Compute is safe for concurrent use on
// distinct inputs and parallelises internally over villages.
package analysis
