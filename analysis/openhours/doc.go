// Package openhours computes whether residents can reach a service while
// it is open: per service, its open hours in the reference week and
// whether it is open in each named slot; per village and category, the
// cost to the nearest service open in each slot and the hours a week at
// least one service within each threshold is open (with the services of
// the village's own country only, for the border gain); and their
// population aggregates per country and area.
//
// Travel costs come from a travel.Snapped (straight line, road, any
// mode), in the mode's unit; thresholds are in that unit too. Schedules
// come from datasets/hours, one per service, evaluated over the run's
// reference week.
//
// # Unknown hours
//
// A service whose hours are missing, unreadable or unsupported, or whose
// week has unknown stretches, is never taken as open nor as closed: a
// village answer that such a service could change has status
// hours_unknown and no value (NaN). The nearest service open in a slot is
// known when no service that may be open in it (unknown) is nearer; the
// hours within a threshold are known when no unknown stretch of a service
// within the threshold could add to them.
//
// # Properties
//
// Hours within a threshold never decrease when the threshold grows, and
// closing a service (fewer open minutes) never adds open hours nor brings
// the nearest open service nearer: tests check both on random instances.
//
// # Cost and concurrency
//
// Compute makes one Nearest query (two categories per slot and category)
// and one Costs query per category, then O(pairs × intervals log
// intervals) work. Functions are safe for concurrent use; results are
// not shared.
package openhours
