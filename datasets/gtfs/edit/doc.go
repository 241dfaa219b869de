// Package edit changes a gtfs.Timetable for scenarios: RemoveRoutes,
// ScaleFrequency and AddRoute. Each is a pure function: it returns a new
// Timetable and leaves its argument as it was (the two share the StopTime
// slices of unchanged trips, which neither may modify). An edit that
// changes nothing returns a Timetable deeply equal to its argument. A bad
// edit (an unknown route or stop, a factor out of range, …) is an error
// wrapping datasets.ErrInvalid.
//
// Units: times are GTFS seconds of the service day; coordinates WGS84
// degrees. Safe for concurrent use on a shared, unmodified Timetable.
package edit
