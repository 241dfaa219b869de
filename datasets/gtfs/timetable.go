package gtfs

import "time"

// Timetable is the public-transport service of one or more GTFS feeds on
// one service day, ready for a journey planner. Every id is namespaced by
// its feed ("feedname:id"), so feeds merge without collisions.
//
// Times are GTFS times: seconds since "noon minus 12 h" of Date in the
// feed's time zone (so they may exceed 86 400 for trips running past
// midnight). Trips of the previous service day whose times pass 24:00 are
// included, shifted by -86 400 s, keeping only their stop times at or
// after 0; trips of Date are included whole.
//
// Stops, Trips and Transfers are sorted (Stops by ID; Trips by first
// departure, then ID; Transfers by From, To) so that the same feeds give
// the same Timetable.
type Timetable struct {
	// Date is the service day (midnight UTC of that calendar date).
	Date time.Time
	// Feeds lists the inputs in the order given.
	Feeds []Feed
	// Stops are the boarding points (GTFS location_type 0, stop or
	// platform). Stations, entrances and generic nodes are not boarding
	// points: they are reachable through Parent only. (A station that
	// stop_times name directly, which GTFS forbids but some feeds do, is
	// a boarding point too, with a warning and the count
	// stations_as_stops.)
	Stops []Stop
	// Trips run on Date, with calendar, calendar_dates and frequencies
	// resolved: a frequencies.txt entry becomes one trip per departure.
	Trips []Trip
	// Transfers come from transfers.txt, between boarding points (a
	// transfer between stations applies to every pair of their stops).
	Transfers []Transfer
	// Counts are what the reader saw and did not turn into trips (unused
	// stops, trips with no service on Date, …), by a short snake_case key,
	// for the manifest: nothing is dropped silently. Some count oddities
	// of the feeds rather than of Date (stop_times_interpolated,
	// trips_faster_than_400kmh: a wrong time or a misplaced stop).
	Counts map[string]int
	// Files accounts for every row of every file read, per feed: Read =
	// Used + the sum of Unused (added with the reader; see FileRows).
	Files []FileRows
	// Warnings are recoverable problems the caller should show (a feed
	// with no service on Date, feeds in time zones of different offsets),
	// one sentence each naming the feed.
	Warnings []string
}

// FileRows accounts for the rows of one file of one feed on Date.
type FileRows struct {
	Feed, File string
	// Read is the number of data rows (the header excluded).
	Read int
	// Used rows became part of the Timetable (a stop served on Date, a
	// trip running on Date, a transfer between boarding points, …).
	Used int
	// Unused counts the other rows by reason ("flex", "no_service_on_date",
	// "station", …); Read == Used + the sum of Unused.
	Unused map[string]int
}

// Feed describes one input feed.
type Feed struct {
	// Name is the namespace of the feed's ids (by default the file name
	// without extension; unique across the inputs).
	Name string
	// Path is the input as given (a .zip or a folder).
	Path string
	// Agencies are the agency names, in file order.
	Agencies []string
	// Timezone is the IANA zone of the feed's first agency.
	Timezone string
	// Start and End bound the feed's service period (calendar and
	// calendar_dates together), inclusive.
	Start, End time.Time
	// Running reports whether any trip of the feed runs on Date.
	Running bool
	// Ignored lists the feed's files this package does not read
	// (shapes.txt, fare files, GTFS-Flex files read by package flex, …).
	Ignored []string
}

// Stop is a boarding point.
type Stop struct {
	ID       string // namespaced
	Name     string
	Lon, Lat float64 // WGS84 degrees
	Feed     int32   // index in Timetable.Feeds
	Parent   string  // namespaced parent station id, or ""
}

// Trip is one vehicle journey on Date.
type Trip struct {
	// ID is namespaced; a trip expanded from frequencies gets "#HHMMSS"
	// appended (its first departure, GTFS time), and a trip of the
	// previous service day "@prev".
	ID      string
	RouteID string // namespaced
	Feed    int32
	// RouteType is GTFS route_type (0 tram, 2 rail, 3 bus, …).
	RouteType int
	// Frequency reports whether the trip was expanded from
	// frequencies.txt; Exact is its exact_times (false: headway-based).
	Frequency, Exact bool
	// Times are in stop_sequence order; Arrival ≤ Departure, and
	// non-decreasing along the trip. Times left empty in stop_times.txt
	// between timed stops are interpolated by straight-line distance
	// (counted as stop_times_interpolated). The first stop time of a trip
	// of the previous day may keep a negative Arrival.
	Times []StopTime
}

// StopTime is one call of a trip at a boarding point.
type StopTime struct {
	Stop      int32 // index in Timetable.Stops
	Arrival   int32 // GTFS time, seconds
	Departure int32 // GTFS time, seconds
	// NoPickup and NoDropOff are GTFS pickup_type / drop_off_type 1
	// (no pickup / no drop-off here).
	NoPickup, NoDropOff bool
}

// Transfer is a transfers.txt rule between two boarding points.
type Transfer struct {
	From, To int32 // indices in Timetable.Stops
	// Type is GTFS transfer_type: 0 recommended, 1 timed, 2 minimum time
	// (MinSeconds), 3 not possible.
	Type       uint8
	MinSeconds int32
}
