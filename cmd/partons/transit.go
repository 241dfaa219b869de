package main

import (
	"github.com/spf13/pflag"

	"github.com/partons/partons/study/runspec"
	"github.com/partons/partons/travel/transit"
)

// addTransitFlags adds the public-transport options of run.
func addTransitFlags(f *pflag.FlagSet, t *runspec.Options) {
	f.StringArrayVar(&t.Transit, "transit", nil, "GTFS feed (.zip or folder) for public-transport columns {cat}_transit_*; repeatable")
	f.StringVar(&t.Depart, "depart", "", `with --transit: departure window "YYYY-MM-DD HH:MM-HH:MM" (default: a typical weekday inside every feed's service period, 07:00-09:00)`)
	f.Float64Var(&t.MaxWalkM, "max-walk-m", transit.DefaultMaxWalkM, "with --transit: longest walk to, from or between stops (metres, straight line)")
	f.IntVar(&t.MaxTransfers, "max-transfers", transit.DefaultMaxTransfers, "with --transit: most transfers of a journey")
	f.Float64Var(&t.MaxTransitMin, "max-transit-min", transit.DefaultMaxTravelSec/60, "with --transit: longest door-to-door journey (minutes)")
	f.IntSliceVar(&t.TransitThresholdsMin, "transit-thresholds-min", []int{30, 60}, "with --transit: minutes T of {cat}_transit_share_{T}min and of the public-transport shares in areas.csv and report.html, ascending")
	f.StringVar(&t.FlexZones, "flex-zones", "", "with --transit: on-demand bus zones (GeoJSON: one polygon per zone with hours, max_walk_m, max_ride_factor, booking_lead_min, max_transfers) for {cat}_transit_flex_min")
	limitFlag(f, positive, "max-walk-m", "max-transit-min", "transit-thresholds-min")
	limitFlag(f, nonNegative, "max-transfers")
}
