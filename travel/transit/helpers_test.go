package transit

import (
	"testing"

	"github.com/partons/partons/datasets/gtfs"
	"github.com/partons/partons/travel/transit/transittest"
)

// Shorthands of the hand-built timetables of transittest.
type (
	tstop transittest.Stop
	ttrip transittest.Trip
)

func hm(h, m int) int32 { return transittest.HM(h, m) }

func timetable(_ testing.TB, stops []tstop, trips []ttrip, transfers []gtfs.Transfer) *gtfs.Timetable {
	return transittest.Timetable(transittest.Stops(stops), transittest.Trips(trips), transfers)
}

func farStops(ids ...string) []tstop { return transittest.FarStops[tstop](ids...) }
