package flex

import (
	"github.com/paulmach/orb"

	"github.com/partons/partons/datasets/gtfs"
	"github.com/partons/partons/datasets/hours"
)

// Flex is the on-demand service of one GTFS-Flex feed, or of one zone
// configuration file. Ids are namespaced as in package gtfs
// ("feedname:id").
type Flex struct {
	// Feed is the namespace: the feed's name, or the configuration file's
	// name without extension.
	Feed string
	// Zones are the areas served: locations.geojson features, or the
	// zones of a configuration file (which alone carry the On-demand
	// rules).
	Zones []Zone
	// Groups are location_groups.txt with their stops
	// (location_group_stops.txt).
	Groups []Group
	// BookingRules are booking_rules.txt.
	BookingRules []BookingRule
	// Windows are the GTFS-Flex stop_times rows (pickup and drop-off
	// windows), by trip then stop_sequence.
	Windows []Window
	// Files accounts for every row (or feature) of every file read:
	// Read = Used + the sum of Unused ("fixed_schedule" for the rows that
	// package gtfs reads as timetabled trips).
	Files []gtfs.FileRows

	idx *index // ids to positions, for Zone, Group and BookingRule
}

// Zone is an area where a vehicle picks up or drops off anywhere.
type Zone struct {
	ID   string // namespaced
	Name string
	// Area is the zone's polygon(s), WGS84 lon/lat, rings closed.
	Area orb.MultiPolygon
	// Bound is Area's bounding box.
	Bound orb.Bound
	// OnDemand holds the rules of a configured zone; nil for a GTFS-Flex
	// zone, whose rules are its Windows and BookingRules.
	OnDemand *OnDemand
}

// OnDemand are the rules of a configured on-demand zone (see
// ReadZones for the file format and defaults).
type OnDemand struct {
	// Hours is the operating time, an OpenStreetMap opening_hours value
	// ("Mo-Fr 07:00-19:00; Sa 08:00-13:00"); Parsed is it read.
	Hours  string
	Parsed *hours.Hours
	// Country (ISO 3166-1 alpha-2) gives the public holidays that PH
	// rules of Hours name; "" when they name none.
	Country string
	// MaxWalkM is the longest walk to or from a pick-up point, metres.
	MaxWalkM float64
	// MaxRideFactor bounds the ride: at most MaxRideFactor × the direct
	// car time between pick-up and drop-off.
	MaxRideFactor float64
	// BookingLeadMin is how long before departure a ride must be booked,
	// minutes.
	BookingLeadMin int
	// MaxTransfers is how many transfers to or from fixed-route public
	// transport a journey with this service may make.
	MaxTransfers int
}

// Group is a GTFS-Flex location group: stops served as one.
type Group struct {
	ID    string // namespaced
	Name  string
	Stops []string // namespaced stop ids, in file order
}

// BookingRule is a booking_rules.txt row.
type BookingRule struct {
	ID string // namespaced
	// Type is booking_type: 0 real time, 1 up to same-day, 2 up to prior
	// day(s).
	Type int
	// PriorNoticeMinMin and PriorNoticeMaxMin bound a same-day booking
	// (minutes before departure; 0 when not given).
	PriorNoticeMinMin, PriorNoticeMaxMin int
	// PriorNoticeLastDay and PriorNoticeLastTime are the last day (days
	// before the service day) and time (GTFS seconds) to book a prior-day
	// booking; PriorNoticeStartDay and PriorNoticeStartTime the earliest.
	PriorNoticeLastDay, PriorNoticeStartDay   int
	PriorNoticeLastTime, PriorNoticeStartTime int32
	Message, Phone, InfoURL, BookingURL       string
}

// LeadSeconds is the shortest time, in seconds, between booking and a
// departure at dep (GTFS seconds of the service day): 0 in real time, the
// minimum notice for same-day bookings, and up to the last time of the
// last day for prior-day bookings.
func (b *BookingRule) LeadSeconds(dep int32) int32 {
	switch b.Type {
	case 1:
		return int32(b.PriorNoticeMinMin) * 60
	case 2:
		return int32(b.PriorNoticeLastDay)*86400 + dep - b.PriorNoticeLastTime
	}
	return 0
}

// Window is one GTFS-Flex stop_times row: where and when a trip picks up
// or drops off.
type Window struct {
	Trip, Route, Service string // namespaced (Service is a service_id, see gtfs.Feeds.ServiceRuns)
	Sequence             int
	// Exactly one of Zone (a locations.geojson id), Group (a
	// location_groups id) and Stop is set, namespaced.
	Zone, Group, Stop string
	// Start and End bound the window (GTFS seconds); a row with
	// arrival_time and departure_time instead gives those.
	Start, End int32
	// PickupType and DropOffType are GTFS pickup_type and drop_off_type
	// (0 regular, 1 none, 2 phone the agency, 3 ask the driver).
	PickupType, DropOffType uint8
	// PickupRule and DropOffRule name booking rules (namespaced), or "".
	PickupRule, DropOffRule string
	// The ride's duration is MeanFactor × the direct car time +
	// MeanOffsetS seconds on average, SafeFactor × … + SafeOffsetS at
	// worst (the GTFS-Flex duration fields of the row, else of its trip);
	// HasDuration is false when neither gives them.
	MeanFactor, MeanOffsetS, SafeFactor, SafeOffsetS float64
	HasDuration                                      bool
}
