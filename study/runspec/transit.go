package runspec

import (
	"github.com/partons/partons/datasets/gtfs"
	"github.com/partons/partons/study"
	"github.com/partons/partons/study/usage"
)

// transitKeys are the public-transport options that need a feed.
var transitKeys = []string{"depart", "max_walk_m", "max_transfers", "max_transit_min", "transit_thresholds_min", "flex_zones"}

// transitSpec sets the public transport of s from o.
func transitSpec(s *study.Spec, o Options) error {
	if len(o.Transit) == 0 {
		for _, k := range transitKeys {
			if o.Given[k] {
				return usage.Errorf("{%s} needs at least one {transit} feed", k)
			}
		}
		return nil
	}
	if o.Depart != "" {
		if _, err := gtfs.ParseDepart(o.Depart); err != nil {
			return usage.Errorf("{depart}: %v", err)
		}
	}
	s.Transit, s.Depart, s.FlexZones = o.Transit, o.Depart, o.FlexZones
	s.MaxWalkM, s.MaxTransfers, s.MaxTransitMin = o.MaxWalkM, o.MaxTransfers, o.MaxTransitMin
	for i, m := range o.TransitThresholdsMin {
		if m <= 0 || (i > 0 && m <= o.TransitThresholdsMin[i-1]) {
			return usage.Errorf("{transit_thresholds_min} %v: minutes must be positive and strictly ascending", o.TransitThresholdsMin)
		}
	}
	s.TransitThresholdsMin = o.TransitThresholdsMin
	return nil
}
