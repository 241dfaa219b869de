// Package ondemand turns on-demand public transport (bookable zone
// buses: the GTFS-Flex part of a feed and configured zones, both read by
// package datasets/gtfs/flex) into the rides a range search may take from
// a village (raptor.FlexLeg): a Planner answers, per village, the booked
// rides it can start and where they drop off.
//
// # The model
//
// An offer is a pick-up place, a drop-off place, the windows of the day
// when the vehicle picks up and drops off, the booking lead time, the
// ride time and the transfers allowed after the ride.
//
//   - A configured zone offers rides from anywhere in its polygon to
//     anywhere in it while it operates (its hours on the study day, each
//     ride wholly inside one operating interval). A village inside the
//     zone is picked up at its door; a village outside walks (at most the
//     zone's max_walk_m) to a stop inside the zone. The ride takes
//     max_ride_factor × the direct car time: the longest ride the
//     operator allows, so the figure does not flatter the service.
//   - A GTFS-Flex trip running on the study day offers, for every pair of
//     its stop_times rows with pickup allowed at the first and drop-off
//     at the second, rides from the first row's place (a zone: the
//     village's door when inside; a stop or location group: a walk of at
//     most the search's MaxWalkM to one of its stops) to the second's,
//     picked up inside the first row's window and dropped off inside the
//     second's. The ride takes mean_duration_factor × the direct car
//     time plus mean_duration_offset (the safe duration when only it is given,
//     the direct car time when neither is).
//   - A ride drops off at a stop (the journey goes on by bus or train
//     from it, or walks to another stop or to a service as after any
//     trip, even from a stop no trip serves: build the network with
//     raptor.NetworkOptions.FootpathsFromEveryStop) or, when the drop-off
//     is a zone, straight at a service inside it.
//
// # Booking lead time
//
// The resident decides to travel at the departure minute and books then:
// the vehicle comes at the earliest after the lead time (the zone's
// booking_lead_min; a booking rule's prior_notice_duration_min for a
// same-day booking, 0 in real time), or after the walk to the pick-up
// point when that is longer. The lead time is thus waiting, counted in
// the door-to-door time like waiting for a bus. A ride that must be
// booked on an earlier day (booking_type 2) is not a trip a resident can
// decide on in the window: it is left out, and counted
// (prior_day_booking), so the figure with on-demand buses answers "what
// can I do today" and a day-ahead service does not pass for a bus that
// comes.
//
// # Car times
//
// The direct car time comes from a Car: RoadCar on a car road graph
// (fastest route, the legs to the network at the leg speed) where both
// points join it, else Estimate: the straight line × 1.3 at 45 km/h, the
// car estimate used elsewhere in partons.
//
// Units: GTFS seconds of the service day, metres. A Planner is immutable
// and safe for concurrent use.
package ondemand
