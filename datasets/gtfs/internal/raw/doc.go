// Package raw parses and checks the files of one GTFS feed into its rows
// (Feed: stops, routes, services, trips, stop times, frequencies,
// transfers), before a service day is chosen; package gtfs builds the
// Timetable of a day from them.
//
// Parse reads agency, stops, routes, calendar, calendar_dates, trips,
// stop_times, frequencies and transfers in that order, reporting every
// problem to a feedio.Problems with its file, line and field; a
// reference to a file that is missing or had problems of its own is not
// reported again. It sorts stop times by trip and sequence, checks each
// fixed-schedule trip and interpolates missing times by straight-line
// distance. What frequencies expand to is bounded by MaxExpandedStopTimes,
// what transfers between stations expand to by MaxTransferPairs.
//
// Units: times are GTFS seconds (ParseTime), dates are Days since
// 1970-01-01, coordinates WGS84 degrees. A Feed is not changed after
// Parse and is then safe for concurrent reads.
package raw
