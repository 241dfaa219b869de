// Package transit answers "how long does a resident without a car take to
// reach each service" from GTFS timetables, with range-RAPTOR (Delling,
// Pajor and Werneck, "Round-Based Public Transit Routing", 2012).
//
// The search core is package raptor (Build, Network, Search, the journey
// model); this package measures villages with it (Compute, Mode) and
// keeps the core's names under the same spelling (Build, Network, …).
// On-demand buses (bookable zone services) are package ondemand: with
// Options.OnDemand every village is measured again with the rides it may
// book (Metric.FlexMin, column flex_min), next to the fixed-route
// figures.
//
// Walking legs (access, egress, footpaths between stops, walking all the
// way) are at most MaxWalkM metres along the straight line; their time is
// given by a Walker: by default the straight line × DetourFactor at
// WalkKmh (1.3 and 4.8 km/h, as the foot estimate elsewhere in partons),
// rounded up to the second, or the foot network when the caller provides
// one.
//
// # Which figure answers which question
//
// Compute gives, per village and group of services (a category, or its
// part in one country), percentiles taken per service over the departure
// minutes, then the smallest over the group's services (as Conveyal's r5
// does, so figures compare with r5py's):
//
//   - the median (Metric.Min): someone leaving at a random minute of the
//     window, without looking at the timetable. With an hourly bus the
//     wait dominates, and where the service is within walking distance the
//     median often equals the walking time: such a pair is walk_only, its
//     figures are empty, because no bus helps.
//   - the best (BestMin): someone who plans the trip around the timetable.
//   - the 5th and 95th percentiles: the lucky and the unlucky departure.
//   - the shares within T minutes: the part of the window from which some
//     service of the group is reached in time, the question a resident
//     without a car asks ("can I get there in half an hour, and when?").
//
// A first search per village stops at an hour door to door; the village
// is searched again up to MaxTravelSec only when a group's answer lies
// beyond (the result is the same, see Compute).
//
// Units: times are GTFS seconds (see gtfs.Timetable) inside the package and
// minutes in Metrics; distances are metres.
//
// Concurrency: a Network is immutable once built and safe for concurrent
// use; a Search is a reusable workspace for one goroutine. Compute runs
// villages in parallel and its result does not depend on the number of
// workers.
package transit
