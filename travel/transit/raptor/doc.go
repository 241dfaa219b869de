// Package raptor is the search core of public transport: a GTFS
// timetable of one service day prepared as a Network (route patterns,
// stop→pattern index, footpaths and transfers.txt rules in flat CSR
// arrays indexed by int32) and range-RAPTOR (Delling, Pajor and Werneck,
// "Round-Based Public Transit Routing", 2012) over every departure minute
// of a window, from one origin to the categories of a Targets index.
//
// The journey model, shared by the search, the tests' time-expanded
// oracle and the networkx oracle of make verify:
//
//   - A journey leaves the origin at a departure minute m, walks one access
//     leg to a stop and boards a trip departing there at or after the
//     arrival on foot (pickup allowed).
//   - It alights where drop-off is allowed, then either walks one egress
//     leg to a service, or changes: one footpath to a stop (possibly the
//     same stop, whose change time is 0 unless transfers.txt says
//     otherwise) and boards another trip there at or after the arrival on
//     foot. Walks are never chained.
//   - At most MaxTransfers+1 trips, at most MaxTravel seconds door to door.
//   - Walking all the way is a journey too, and wins ties against transit.
//   - An on-demand ride (Query.Flex) counts as a trip: it drops off at a
//     stop in its own round, late enough that at most its own limit of
//     fixed-route trips follow it, or reaches a service directly. A stop
//     where only such rides drop off starts no footpath: the journey
//     boards there or walks to a service.
//   - The door-to-door time from minute m is the arrival minus m: waiting
//     at the origin or at a stop is included (Conveyal's convention).
//
// transfers.txt: transfer_type 3 removes the transfer between the two
// stops (at one stop: no change there); type 2 sets the transfer's time to
// min_transfer_time (the change time when both stops are the same); type 1
// (timed) makes it 0; type 0 adds the walking transfer even beyond
// MaxWalkM.
//
// Units: GTFS seconds of the service day, metres.
//
// Concurrency: a Network and a Targets are immutable once built and safe
// for concurrent use; a Search is a reusable workspace for one goroutine.
package raptor
