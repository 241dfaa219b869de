package gtfs

import "github.com/partons/partons/datasets/gtfs/internal/raw"

// ParseTime parses a GTFS time "H:MM:SS" or "HH:MM:SS" (hours may pass
// 24, up to 240) into seconds.
func ParseTime(s string) (int32, error) { return raw.ParseTime(s) }

// FormatTime writes seconds as a GTFS time "HH:MM:SS" (negative times,
// of the previous day's trips, as "-HH:MM:SS").
func FormatTime(t int32) string { return raw.FormatTime(t) }

// MaxExpandedStopTimes bounds the stop times that one feed's
// frequencies.txt may expand to on a day (about 600 MB of timetable), so
// a tiny file cannot ask for billions of trips.
const MaxExpandedStopTimes = raw.MaxExpandedStopTimes

// MaxTransferPairs bounds the pairs of stops one feed's transfers.txt may
// expand to (a transfer between stations applies to every pair of their
// stops).
const MaxTransferPairs = raw.MaxTransferPairs
