package main

import (
	"github.com/partons/partons/analysis/indicators"
	"slices"
	"strconv"
	"strings"

	"github.com/partons/partons/analysis"
	"github.com/partons/partons/analysis/access"
	"github.com/partons/partons/datasets/config"
	"github.com/partons/partons/datasets/hours"
	"github.com/partons/partons/datasets/load"
	"github.com/partons/partons/datasets/reportdir"
	"github.com/partons/partons/datasets/taxonomy"
	"github.com/partons/partons/datasets/westhoek"
	"github.com/partons/partons/geo/road"
	"github.com/partons/partons/render/qml"
	"github.com/partons/partons/travel"
)

// defaultSpec is a run with every default: the embedded sample, car.
func defaultSpec() runSpec {
	c := config.Default()
	s := runSpec{
		VillageSchema: c.Villages, ServiceSchema: c.Services, BoundarySchema: c.Boundaries,
		ThresholdsM: append([]float64(nil), analysis.DefaultThresholdsM...), CrossBorder: true,
		Profile: string(road.Car), RouteBy: "time", SnapM: 1000, Border: "open", Lang: "en",
		TimeThresholdsMin: append([]float64(nil), analysis.DefaultTimeThresholdsMin...),
		Outputs:           append([]string(nil), reportFiles...),
	}
	for _, m := range taxonomy.DefaultBasket() {
		s.Basket = append(s.Basket, reportdir.BasketMember{Name: m.Name, Categories: m.Categories})
	}
	return s
}

// jobFromSpec turns a resolved run into sources and analysis parameters.
func jobFromSpec(s runSpec, workers int) (*job, error) {
	s.Normalize()
	if err := validateSpec(&s); err != nil {
		return nil, err
	}
	for _, name := range s.Indicators {
		if _, ok := indicators.Lookup(name); !ok {
			return nil, usagef("indicator set %q: want one of %s", name, strings.Join(indicators.Names(), ", "))
		}
	}
	j := &job{spec: s, attributions: s.Attributions, roadFiles: s.Roads}
	j.cfg = config.Config{Villages: s.VillageSchema, Services: s.ServiceSchema, Boundaries: s.BoundarySchema, Categories: s.CategoryMap}
	switch {
	case len(s.OSM) > 0:
		if len(s.Villages) > 0 || len(s.Services) > 0 || len(s.Boundaries) > 0 {
			return nil, usagef("--osm gives the villages, services and boundaries: drop --villages, --services and --boundaries")
		}
		if len(s.Roads) == 0 {
			j.roadFiles = s.OSM
		}
	case len(s.Population) > 0 || s.Apportion:
		return nil, usagef("--population and --apportion go with --osm (for other villages, put the population in the village file)")
	case len(s.Villages) == 0 && len(s.Services) == 0:
		j.embedded = true
		j.villageSrcs = []load.Source{load.Bytes(westhoek.VillagesFile, westhoek.Villages())}
		j.serviceSrcs = []load.Source{load.Bytes(westhoek.ServicesFile, westhoek.Services())}
		md, err := westhoek.ReadMetadata()
		if err != nil {
			return nil, err
		}
		j.meta = &md
	case len(s.Villages) == 0 || len(s.Services) == 0:
		return nil, usagef("give both --villages and --services, or neither to analyse the embedded Westhoek sample")
	default:
		if err := checkFileFields(s.FileFields); err != nil {
			return nil, err
		}
		for _, f := range s.Villages {
			src := load.File(f)
			src.Fields = fieldsFor(s.FileFields, "villages", f)
			j.villageSrcs = append(j.villageSrcs, src)
		}
		for _, f := range s.Services {
			src := load.File(f)
			src.Fields = fieldsFor(s.FileFields, "services", f)
			j.serviceSrcs = append(j.serviceSrcs, src)
		}
	}
	for _, f := range s.Boundaries {
		j.boundSrcs = append(j.boundSrcs, load.File(f))
	}
	tax, err := taxonomy.Default().With(s.CategoryMap)
	if err != nil {
		return nil, usagef("category overrides: %v", err)
	}
	j.tax = tax
	if j.names, err = categoryNames(s.CategoryMap); err != nil {
		return nil, err
	}

	p := analysis.DefaultParams()
	p.Workers = workers
	p.ThresholdsM = s.ThresholdsM
	p.CrossBorder = s.CrossBorder
	p.Categories = s.Categories
	p.Basket = basketParams(s.Basket)
	cov, err := namedCoverage(s.Coverage)
	if err != nil {
		return nil, err
	}
	p.Coverage, p.CoverageRules = givenCoverage(cov, j.meta)
	if err := nameSettings(&p); err != nil {
		return nil, err
	}
	rp, err := roadParams(s)
	if err != nil {
		return nil, err
	}
	p.Road = rp
	for _, name := range s.Models {
		m, err := access.ParseModel(name)
		if err != nil {
			return nil, usagef("--model %q: %v", name, err)
		}
		d := access.DefaultDecay(m)
		if s.Decay != "" {
			if d, err = access.ParseDecay(s.Decay); err != nil {
				return nil, usagef("--decay %q: %v", s.Decay, err)
			}
		}
		p.Models = append(p.Models, analysis.ModelSpec{Model: m, Decay: d})
	}
	p.Catchment = s.Catchment
	if p.Catchment == 0 {
		p.Catchment = 10000
		if len(s.Roads) > 0 && s.RouteBy == "time" {
			p.Catchment = 30
		}
	}
	if err := p.Validate(); err != nil {
		return nil, usageError{err}
	}
	if _, err := qml.ParseLang(s.Lang); err != nil {
		return nil, usagef("--lang %q: want nl, fr or en", s.Lang)
	}
	for _, o := range s.Outputs {
		if !slices.Contains(reportFiles, o) && o != "partons.gpkg" {
			return nil, usagef("outputs: %q is not one of %v", o, reportFiles)
		}
	}
	j.params = p
	return j, nil
}

// inputFiles lists the village and service files of the config
// (villages_files, services_files) and then of the flags, splitting
// FILE:field=col arguments (see splitFileArg), with the mappings of
// single files.
func inputFiles(cfg config.Config, villages, services []string) (vs, ss []string, ff []fileFields) {
	add := func(kind string, list *[]string, path string, fields map[string]string) {
		*list = append(*list, path)
		if len(fields) > 0 {
			ff = append(ff, fileFields{Kind: kind, Path: path, Fields: fields})
		}
	}
	fromConfig := func(kind string, list *[]string, files []config.InputFile) {
		for _, f := range files {
			fields := map[string]string{}
			for k, v := range f.Fields {
				fields[k] = v
			}
			if f.EPSG != 0 {
				fields["epsg"] = strconv.Itoa(f.EPSG)
			}
			add(kind, list, f.Path, fields)
		}
	}
	fromFlags := func(kind string, list *[]string, args []string) {
		for _, a := range args {
			path, fields := splitFileArg(a)
			add(kind, list, path, fields)
		}
	}
	fromConfig("villages", &vs, cfg.VillagesFiles)
	fromFlags("villages", &vs, villages)
	fromConfig("services", &ss, cfg.ServicesFiles)
	fromFlags("services", &ss, services)
	return vs, ss, ff
}

// givenCoverage layers the coverage declared in the config over the
// embedded sample's metadata, category by category: a declared category
// is covered in the countries listed and nowhere else; the categories
// neither names are left to inference from the data (analysis.Compute).
func givenCoverage(declared map[string][]string, meta *westhoek.Metadata) (analysis.Coverage, map[string]analysis.CoverageRule) {
	cov := analysis.Coverage{}
	rules := map[string]analysis.CoverageRule{}
	if meta != nil {
		for _, c := range meta.Coverage {
			cov.Set(c.Category, c.Country, c.Covered)
			rules[c.Category] = analysis.CoverageMetadata
		}
	}
	for cat, countries := range declared {
		cov[cat] = map[string]bool{}
		for _, c := range countries {
			cov.Set(cat, c, true)
		}
		rules[cat] = analysis.CoverageDeclared
	}
	return cov, rules
}

// roadParams resolves the road settings. The graph itself is loaded after
// the inputs (its country labels may come from the boundaries).
func roadParams(s runSpec) (*analysis.RoadParams, error) {
	profile, err := travel.ParseProfile(s.Profile)
	if err != nil {
		return nil, usagef("%v", err)
	}
	rp := analysis.DefaultRoadParams(profile)
	if rp.RouteBy, err = travel.ParseRouteBy(s.RouteBy); err != nil {
		return nil, usagef("%v", err)
	}
	switch s.Border {
	case "open":
	case "closed":
		if len(s.Roads) == 0 && len(s.OSM) == 0 {
			return nil, usagef("a closed border needs a road network (--roads or --osm)")
		}
		rp.ClosedBorder = true
	default:
		return nil, usagef("border %q: want open or closed", s.Border)
	}
	rp.SnapM, rp.MaxRoadM, rp.MaxTimeMin = s.SnapM, s.MaxRoadM, s.MaxTimeMin
	rp.TimeThresholdsMin = s.TimeThresholdsMin
	return rp, nil
}

// specFromFlags resolves flags over the config file over the defaults.
func specFromFlags(o *runOptions) (runSpec, error) {
	s := defaultSpec()
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
	s.Villages, s.Services, s.FileFields = inputFiles(cfg, o.villages, o.services)
	s.Boundaries, s.Roads = o.boundaries, o.roads
	s.Contributions, s.FileFields = contributionFiles(o.contributions, s.FileFields)
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
