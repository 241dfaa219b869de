package runspec

import (
	"github.com/partons/partons/datasets/config"
	"github.com/partons/partons/datasets/gtfs"
	"github.com/partons/partons/study"
	"github.com/partons/partons/study/usage"
)

// transitKeys are the public-transport options that need a feed.
var transitKeys = []string{"depart", "max_walk_m", "max_transfers", "max_transit_min", "transit_thresholds_min", "flex_zones"}

// transitSpec sets the public transport of s: each option given, else
// the configuration file's, else its default (o's value).
func transitSpec(s *study.Spec, o Options, cfg config.Config) error {
	given := func(key string) bool { return o.Given[key] }
	feeds := cfg.Transit
	if given("transit") {
		feeds = o.Transit
	}
	if len(feeds) == 0 {
		for _, k := range transitKeys {
			if given(k) {
				return usage.Errorf("{%s} needs at least one {transit} feed", k)
			}
		}
		for _, k := range transitKeys {
			if configSets(cfg, k) {
				return cfg.Problem("needs at least one GTFS feed under transit", k)
			}
		}
		return nil
	}
	depart, flexZones := cfg.Depart, cfg.FlexZones
	maxWalkM, maxTransfers, maxTransitMin := o.MaxWalkM, o.MaxTransfers, o.MaxTransitMin
	thresholds := o.TransitThresholdsMin
	if given("depart") || depart == "" {
		depart = o.Depart
	}
	if given("flex_zones") || flexZones == "" {
		flexZones = o.FlexZones
	}
	if !given("max_walk_m") && cfg.MaxWalkM != nil {
		maxWalkM = *cfg.MaxWalkM
	}
	if !given("max_transfers") && cfg.MaxTransfers != nil {
		maxTransfers = *cfg.MaxTransfers
	}
	if !given("max_transit_min") && cfg.MaxTransitMin != nil {
		maxTransitMin = *cfg.MaxTransitMin
	}
	if !given("transit_thresholds_min") && len(cfg.TransitThresholdsMin) > 0 {
		thresholds = cfg.TransitThresholdsMin
	}
	if depart != "" {
		if _, err := gtfs.ParseDepart(depart); err != nil {
			return usage.Errorf("{depart}: %v", err)
		}
	}
	if maxTransfers < 0 || maxTransfers > config.MaxTransfers {
		return usage.Errorf("{max_transfers} %d: want 0 to %d", maxTransfers, config.MaxTransfers)
	}
	if !(maxTransitMin <= config.MaxTransitMin) {
		return usage.Errorf("{max_transit_min} %v: at most %d minutes", maxTransitMin, config.MaxTransitMin)
	}
	s.Transit, s.Depart, s.FlexZones = feeds, depart, flexZones
	s.MaxWalkM, s.MaxTransfers, s.MaxTransitMin = maxWalkM, maxTransfers, maxTransitMin
	for i, m := range thresholds {
		if m <= 0 || (i > 0 && m <= thresholds[i-1]) {
			return usage.Errorf("{transit_thresholds_min} %v: minutes must be positive and strictly ascending", thresholds)
		}
	}
	s.TransitThresholdsMin = thresholds
	return nil
}

// configSets says whether the configuration file sets the option key.
func configSets(c config.Config, key string) bool {
	switch key {
	case "depart":
		return c.Depart != ""
	case "max_walk_m":
		return c.MaxWalkM != nil
	case "max_transfers":
		return c.MaxTransfers != nil
	case "max_transit_min":
		return c.MaxTransitMin != nil
	case "transit_thresholds_min":
		return len(c.TransitThresholdsMin) > 0
	case "flex_zones":
		return c.FlexZones != ""
	}
	return false
}
