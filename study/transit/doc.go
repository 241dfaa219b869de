// Package transit is the public transport of a run or scenario: it reads
// the run's GTFS feeds, builds the network and the travel mode
// (travel/transit) with walks on the foot network when the run has roads,
// adds on-demand buses (GTFS-Flex and the zone configuration) and the
// round trips of the opening-hours slots, and records it all for the
// manifest. Scenario variants build their own mode from the base's
// (Transit.Variant).
//
// Times are seconds and minutes as the run spec gives them, distances
// metres. Load and Attach change the Job they are given (its modes, their
// thresholds and its transit sources); Variant does not change the
// Transit.
package transit
