// Package gtfs reads GTFS static timetables (a .zip or a folder) into a
// Timetable for one service day, with ids namespaced per feed so that
// feeds of several operators and both sides of a border merge.
//
// Reading is strict and streaming (encoding/csv, one record at a time):
// agency, stops, routes, trips, stop_times, calendar, calendar_dates,
// frequencies and transfers. Every problem is collected, each naming the
// feed, file, line and field (a datasets.RecordError), so Validate lists
// them all at once; Load returns them as one datasets.ErrorList. A file
// or zip entry is bounded to 1 GiB uncompressed, a line to 1 MiB, what
// frequencies expand to to 50 million stop times and what transfers
// between stations expand to to 10 million pairs; unsafe zip entry names
// (absolute, with ..) are refused.
//
// What the Timetable holds, and what it does not:
//   - Stops are the boarding points (location_type 0). Stations are kept
//     as their stops' Parent; entrances, generic nodes and boarding areas
//     are counted, not used (no pathways).
//   - Trips of the service day, and the part after midnight of the
//     previous day's trips (times past 24:00 are valid GTFS times).
//     frequencies.txt entries are expanded to one trip per departure,
//     start_time ≤ t < end_time, for exact_times 0 and 1 alike (Exact
//     tells them apart).
//   - Transfers between boarding points; a station in transfers.txt
//     stands for each of its stops, and a stop-level rule wins over a
//     station-level one. Trip- and route-level rules and in-seat
//     transfers (types 4, 5) are counted, not used.
//   - GTFS-Flex trips (pickup windows, location groups, zones) are left
//     to package flex and counted as "flex".
//
// Nothing is dropped silently: Timetable.Files accounts for every row of
// every file read (used or unused, by reason), Timetable.Counts keeps the
// oddities for the manifest, and Timetable.Warnings the sentences to show
// (a feed with no service on the day). DefaultDate chooses a typical
// weekday inside every feed's service period; ParseDepart reads a
// departure window. Package edit changes a Timetable for scenarios
// (remove routes, scale a route's frequency, add a route).
//
// Why a reader of our own: the served github.com/jamespfennell/gtfs
// (v0.1.24) takes a whole zip in memory (no folder feeds), reports CSV row
// numbers rather than lines, logs and skips bad frequencies and transfers
// instead of returning them, and drops GTFS-Flex trips.
//
// The files of one feed are parsed and checked in internal/raw; this
// package builds the Timetable of a day from those rows.
//
// Units: times are GTFS times in seconds (see Timetable); coordinates are
// WGS84 degrees. Feeds and Timetable are safe for concurrent reads.
package gtfs
