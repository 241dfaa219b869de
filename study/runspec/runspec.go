package runspec

import (
	"slices"
	"strings"

	"github.com/partons/partons/datasets/config"
	"github.com/partons/partons/datasets/hours"
	"github.com/partons/partons/datasets/reportdir"
	"github.com/partons/partons/geo/crs"
	"github.com/partons/partons/render/files"
	"github.com/partons/partons/study"
	"github.com/partons/partons/study/usage"
)

// Fields are the field mappings given over the schemas of the
// configuration file: FIELD=COLUMN pairs for every village or service
// file, and the EPSG code of CSV x/y columns (0: the file's).
type Fields struct {
	VillageFields, ServiceFields []string
	VillagesEPSG, ServicesEPSG   int
}

// Options are the settings of a run as a command line gives them. A value
// not given holds its default; Given says which options were given, by
// key, for those the configuration file can also set.
type Options struct {
	Config string // configuration file; "": none
	Fields

	Villages, Services   []string // FILE[:field=col,…]
	Boundaries, Roads    []string
	OSM, Population      []string
	Apportion            bool
	Contributions        []string // FILE[:field=col,…]
	SampleContributions  bool
	Indicators           []string
	ThresholdsM          []float64
	CrossBorder          bool
	Categories           []string
	Profile, RouteBy     string
	Border               string
	ExactRoads           bool
	SnapM, MaxRoadM      float64
	MaxTimeMin           float64
	TimeThresholdsMin    []float64
	When                 string
	LenientHours         bool
	Outputs              []string
	Format               string // "" or gpkg
	Attributions         []string
	Models               []string
	Decay                string
	Catchment            float64
	Lang, Title          string
	CSVRaw               bool
	Transit              []string
	Depart               string
	MaxWalkM             float64
	MaxTransfers         int
	MaxTransitMin        float64
	TransitThresholdsMin []int
	FlexZones            string

	// Given holds the keys of the options given ("thresholds_m").
	Given map[string]bool
}

// Config reads the configuration file path ("": the defaults) and applies
// f over its schemas.
func Config(path string, f Fields) (config.Config, error) {
	cfg := config.Default()
	if path != "" {
		c, err := config.Load(path)
		if err != nil {
			return cfg, err
		}
		cfg = c
	}
	return cfg, ApplyFields(&cfg, f)
}

// ApplyFields applies the FIELD=COLUMN pairs and EPSG codes of f over the
// schemas of c.
func ApplyFields(c *config.Config, f Fields) error {
	set := func(key string, pairs []string, setter func(field, column string) error) error {
		for _, kv := range pairs {
			k, v, ok := strings.Cut(kv, "=")
			if !ok {
				return usage.Errorf("{%s} %q: want FIELD=COLUMN", key, kv)
			}
			if err := setter(strings.TrimSpace(k), strings.TrimSpace(v)); err != nil {
				return usage.Errorf("{%s} %q: %v", key, kv, err)
			}
		}
		return nil
	}
	if err := set("village_field", f.VillageFields, c.Villages.Set); err != nil {
		return err
	}
	if err := set("service_field", f.ServiceFields, c.Services.Set); err != nil {
		return err
	}
	for _, e := range []struct {
		key  string
		code int
		dst  *int
	}{{"villages_epsg", f.VillagesEPSG, &c.Villages.Coords.EPSG}, {"services_epsg", f.ServicesEPSG, &c.Services.Coords.EPSG}} {
		if e.code == 0 {
			continue
		}
		if _, err := crs.Name(e.code); err != nil {
			return usage.Errorf("{%s} %d: %v", e.key, e.code, err)
		}
		*e.dst = e.code
	}
	return nil
}

// Resolve is the spec of the run o describes: its options over its
// configuration file over study.DefaultSpec.
func Resolve(o Options) (study.Spec, error) {
	s := study.DefaultSpec()
	cfg, err := Config(o.Config, o.Fields)
	if err != nil {
		return s, err
	}
	given := func(key string) bool { return o.Given[key] }
	s.VillageSchema, s.ServiceSchema, s.BoundarySchema = cfg.Villages, cfg.Services, cfg.Boundaries
	s.Villages, s.Services, s.FileFields = study.InputFiles(cfg, o.Villages, o.Services)
	s.Boundaries, s.Roads = o.Boundaries, o.Roads
	s.Contributions, s.FileFields = study.ContributionFiles(o.Contributions, s.FileFields)
	s.SampleContributions = o.SampleContributions
	s.Indicators = cfg.Indicators
	if given("indicators") {
		s.Indicators = o.Indicators
	}
	s.OSM, s.Population, s.Apportion = o.OSM, o.Population, o.Apportion
	switch {
	case given("thresholds_m"):
		s.ThresholdsM = o.ThresholdsM
	case len(cfg.ThresholdsM) > 0:
		s.ThresholdsM = cfg.ThresholdsM
	}
	switch {
	case given("cross_border"):
		s.CrossBorder = o.CrossBorder
	case cfg.CrossBorder != nil:
		s.CrossBorder = *cfg.CrossBorder
	}
	s.Categories = o.Categories
	if len(cfg.Basket) > 0 {
		s.Basket = nil
		for _, m := range cfg.Basket {
			s.Basket = append(s.Basket, reportdir.BasketMember{Name: m.Name, Categories: m.Categories})
		}
	}
	s.CategoryMap = cfg.Categories
	s.Coverage = cfg.Coverage
	s.Profile, s.RouteBy, s.Border, s.ExactRoads = o.Profile, o.RouteBy, o.Border, o.ExactRoads
	s.SnapM, s.MaxRoadM, s.MaxTimeMin = o.SnapM, o.MaxRoadM, o.MaxTimeMin
	s.TimeThresholdsMin = o.TimeThresholdsMin
	s.When, s.LenientHours = strings.TrimSpace(o.When), o.LenientHours
	if s.When != "" {
		if _, err := hours.ParseWhen(s.When); err != nil {
			return s, usage.Errorf("{when}: %v", err)
		}
	}
	for _, sl := range cfg.Slots {
		s.Slots = append(s.Slots, reportdir.Slot{Name: sl.Name, When: sl.When, MinMinutes: sl.MinMinutes})
	}
	if (given("snap_m") || given("max_road_m") || given("max_time_min") || given("route_by")) && len(o.Roads) == 0 && len(o.OSM) == 0 {
		return s, usage.Errorf("{snap_m}, {max_road_m}, {max_time_min} and {route_by} need a road network ({roads} or {osm})")
	}
	outputs, err := Outputs(o.Outputs)
	if err != nil {
		return s, err
	}
	s.Outputs = outputs
	s.ForceReport = given("outputs") && slices.Contains(outputs, "report.html")
	s.Attributions = o.Attributions
	s.Models, s.Decay, s.Catchment = o.Models, o.Decay, o.Catchment
	s.Lang = o.Lang
	s.Title = strings.TrimSpace(o.Title)
	s.CSVRaw = o.CSVRaw
	switch o.Format {
	case "":
	case "gpkg":
		s.Outputs = append(s.Outputs, "partons.gpkg")
	default:
		return s, usage.Errorf("{format} %q: the only extra format is gpkg", o.Format)
	}
	if err := transitSpec(&s, o, cfg); err != nil {
		return s, err
	}
	s.Normalize()
	return s, nil
}

// Outputs checks a list of report files against those a run can select,
// dropping repeats.
func Outputs(list []string) ([]string, error) {
	if len(list) == 0 {
		return nil, usage.Errorf("{outputs}: name at least one of %s", strings.Join(files.Selectable(), ", "))
	}
	var out []string
	seen := map[string]bool{}
	for _, name := range list {
		name = strings.TrimSpace(name)
		if !slices.Contains(files.Selectable(), name) {
			return nil, usage.Errorf("{outputs}: %q is not one of %s", name, strings.Join(files.Selectable(), ", "))
		}
		if !seen[name] {
			seen[name] = true
			out = append(out, name)
		}
	}
	return out, nil
}

// SpecError is err with a *study.SpecError written as a usage error naming
// the option its key belongs to ("thresholds_m[1]" is {thresholds_m}), for
// a spec resolved from options; other errors are returned as they are.
func SpecError(err error) error {
	se, ok := err.(*study.SpecError)
	if !ok {
		return err
	}
	key, _, _ := strings.Cut(se.Key, "[")
	key, _, _ = strings.Cut(key, ".")
	return usage.Errorf("{%s}: %s", key, se.Reason)
}
