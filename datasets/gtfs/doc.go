// Package gtfs reads GTFS static timetables (a .zip or a folder) into a
// Timetable for one service day, with ids namespaced per feed so that
// feeds of several operators and both sides of a border merge.
//
// Units: times are GTFS times in seconds (see Timetable); coordinates are
// WGS84 degrees.
package gtfs
