package main

import (
	"github.com/spf13/pflag"

	"github.com/partons/partons/datasets/gtfs"
	"github.com/partons/partons/study"
	"github.com/partons/partons/travel/transit"
)

// transitFlags are the public-transport options of run.
type transitFlags struct {
	feeds         []string
	depart        string
	maxWalkM      float64
	maxTransfers  int
	maxTransitMin float64
	thresholdsMin []int
	flexZones     string
}

func addTransitFlags(f *pflag.FlagSet, t *transitFlags) {
	f.StringArrayVar(&t.feeds, "transit", nil, "GTFS feed (.zip or folder) for public-transport columns {cat}_transit_*; repeatable")
	f.StringVar(&t.depart, "depart", "", `with --transit: departure window "YYYY-MM-DD HH:MM-HH:MM" (default: a typical weekday inside every feed's service period, 07:00-09:00)`)
	f.Float64Var(&t.maxWalkM, "max-walk-m", transit.DefaultMaxWalkM, "with --transit: longest walk to, from or between stops (metres, straight line)")
	f.IntVar(&t.maxTransfers, "max-transfers", transit.DefaultMaxTransfers, "with --transit: most transfers of a journey")
	f.Float64Var(&t.maxTransitMin, "max-transit-min", transit.DefaultMaxTravelSec/60, "with --transit: longest door-to-door journey (minutes)")
	f.IntSliceVar(&t.thresholdsMin, "transit-thresholds-min", []int{30, 60}, "with --transit: minutes T of {cat}_transit_share_{T}min and of the public-transport shares in areas.csv and report.html, ascending")
	f.StringVar(&t.flexZones, "flex-zones", "", "with --transit: on-demand bus zones (GeoJSON: one polygon per zone with hours, max_walk_m, max_ride_factor, booking_lead_min, max_transfers) for {cat}_transit_flex_min")
	limitFlag(f, positive, "max-walk-m", "max-transit-min", "transit-thresholds-min")
	limitFlag(f, nonNegative, "max-transfers")
}

// transitSpec copies the public-transport flags into the run.
func transitSpec(s *study.Spec, o *runOptions) error {
	t := o.transit
	if len(t.feeds) == 0 {
		for _, f := range []string{"depart", "max-walk-m", "max-transfers", "max-transit-min", "transit-thresholds-min", "flex-zones"} {
			if o.changed(f) {
				return usagef("--%s needs at least one --transit feed", f)
			}
		}
		return nil
	}
	if t.depart != "" {
		if _, err := gtfs.ParseDepart(t.depart); err != nil {
			return usagef("--depart: %v", err)
		}
	}
	s.Transit, s.Depart, s.FlexZones = t.feeds, t.depart, t.flexZones
	s.MaxWalkM, s.MaxTransfers, s.MaxTransitMin = t.maxWalkM, t.maxTransfers, t.maxTransitMin
	for i, m := range t.thresholdsMin {
		if m <= 0 || (i > 0 && m <= t.thresholdsMin[i-1]) {
			return usagef("--transit-thresholds-min %v: minutes must be positive and strictly ascending", t.thresholdsMin)
		}
	}
	s.TransitThresholdsMin = t.thresholdsMin
	return nil
}
