package main

import (
	"slices"
	"strings"

	"github.com/partons/partons/datasets/config"
	"github.com/partons/partons/datasets/hours"
	"github.com/partons/partons/datasets/reportdir"
	"github.com/partons/partons/render/files"
	"github.com/partons/partons/study"
)

// specFromFlags resolves flags over the config file over the defaults.
func specFromFlags(o *runOptions) (study.Spec, error) {
	s := study.DefaultSpec()
	cfg := config.Default()
	if o.configPath != "" {
		c, err := config.Load(o.configPath)
		if err != nil {
			return s, err
		}
		cfg = c
	}
	if err := applyFields(&cfg, o); err != nil {
		return s, err
	}
	s.VillageSchema, s.ServiceSchema, s.BoundarySchema = cfg.Villages, cfg.Services, cfg.Boundaries
	s.Villages, s.Services, s.FileFields = study.InputFiles(cfg, o.villages, o.services)
	s.Boundaries, s.Roads = o.boundaries, o.roads
	s.Contributions, s.FileFields = study.ContributionFiles(o.contributions, s.FileFields)
	s.SampleContributions = o.sampleContrib
	s.Indicators = cfg.Indicators
	if o.changed("indicators") {
		s.Indicators = o.indicators
	}
	s.OSM, s.Population, s.Apportion = o.osm, o.population, o.apportion
	switch {
	case o.changed("thresholds-m"):
		s.ThresholdsM = o.thresholdsM
	case len(cfg.ThresholdsM) > 0:
		s.ThresholdsM = cfg.ThresholdsM
	}
	switch {
	case o.changed("cross-border"):
		s.CrossBorder = o.crossBorder
	case cfg.CrossBorder != nil:
		s.CrossBorder = *cfg.CrossBorder
	}
	s.Categories = o.categories
	if len(cfg.Basket) > 0 {
		s.Basket = nil
		for _, m := range cfg.Basket {
			s.Basket = append(s.Basket, reportdir.BasketMember{Name: m.Name, Categories: m.Categories})
		}
	}
	s.CategoryMap = cfg.Categories
	s.Coverage = cfg.Coverage
	s.Profile, s.RouteBy, s.Border = o.profile, o.routeBy, o.border
	s.SnapM, s.MaxRoadM, s.MaxTimeMin = o.snapM, o.maxRoadM, o.maxTimeMin
	s.TimeThresholdsMin = o.timeThresholdsMin
	s.When, s.LenientHours = strings.TrimSpace(o.when), o.lenientHours
	if s.When != "" {
		if _, err := hours.ParseWhen(s.When); err != nil {
			return s, usagef("--when: %v", err)
		}
	}
	for _, sl := range cfg.Slots {
		s.Slots = append(s.Slots, reportdir.Slot{Name: sl.Name, When: sl.When, MinMinutes: sl.MinMinutes})
	}
	if (o.changed("snap-m") || o.changed("max-road-m") || o.changed("max-time-min") || o.changed("route-by")) && len(o.roads) == 0 && len(o.osm) == 0 {
		return s, usagef("--snap-m, --max-road-m, --max-time-min and --route-by need a road network (--roads or --osm)")
	}
	outputs, err := parseOutputs(o.outputs)
	if err != nil {
		return s, err
	}
	s.Outputs = outputs
	s.ForceReport = o.changed("outputs") && slices.Contains(outputs, "report.html")
	s.Attributions = o.attributions
	s.Models, s.Decay, s.Catchment = o.models, o.decay, o.catchment
	s.Lang = o.lang
	s.Title = strings.TrimSpace(o.title)
	s.CSVRaw = o.csvRaw
	switch o.format {
	case "":
	case "gpkg":
		s.Outputs = append(s.Outputs, "partons.gpkg")
	default:
		return s, usagef("--format %q: the only extra format is gpkg", o.format)
	}
	if err := transitSpec(&s, o); err != nil {
		return s, err
	}
	s.Normalize()
	return s, nil
}

// flagSpecError names the flag a bad spec value came from: "thresholds_m[1]"
// comes from --thresholds-m. Other errors are returned as they are.
func flagSpecError(err error) error {
	se, ok := err.(*study.SpecError)
	if !ok {
		return err
	}
	key, _, _ := strings.Cut(se.Key, "[")
	key, _, _ = strings.Cut(key, ".")
	return usagef("--%s: %s", strings.ReplaceAll(key, "_", "-"), se.Reason)
}

// parseOutputs checks --outputs against the report files.
func parseOutputs(list []string) ([]string, error) {
	if len(list) == 0 {
		return nil, usagef("--outputs: name at least one of %s", strings.Join(files.Selectable(), ", "))
	}
	var out []string
	seen := map[string]bool{}
	for _, name := range list {
		name = strings.TrimSpace(name)
		if !slices.Contains(files.Selectable(), name) {
			return nil, usagef("--outputs: %q is not one of %s", name, strings.Join(files.Selectable(), ", "))
		}
		if !seen[name] {
			seen[name] = true
			out = append(out, name)
		}
	}
	return out, nil
}
