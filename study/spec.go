package study

import (
	"slices"
	"strconv"
	"strings"

	"github.com/partons/partons/analysis/indicators"
	"github.com/partons/partons/study/speccheck"
	"github.com/partons/partons/study/usage"

	"github.com/partons/partons/analysis"
	"github.com/partons/partons/analysis/access"
	"github.com/partons/partons/datasets/config"
	"github.com/partons/partons/datasets/load"
	"github.com/partons/partons/datasets/reportdir"
	"github.com/partons/partons/datasets/taxonomy"
	"github.com/partons/partons/datasets/westhoek"
	"github.com/partons/partons/geo/road"
	"github.com/partons/partons/render/files"
	"github.com/partons/partons/render/qml"
	"github.com/partons/partons/travel"
)

// DefaultSpec is a run with every default: the embedded sample, car.
func DefaultSpec() Spec {
	c := config.Default()
	s := Spec{
		VillageSchema: c.Villages, ServiceSchema: c.Services, BoundarySchema: c.Boundaries,
		ThresholdsM: append([]float64(nil), analysis.DefaultThresholdsM...), CrossBorder: true,
		Profile: string(road.Car), RouteBy: "time", SnapM: 1000, Border: "open", Lang: "en",
		TimeThresholdsMin: append([]float64(nil), analysis.DefaultTimeThresholdsMin...),
		Outputs:           append([]string(nil), ReportFiles...),
	}
	for _, m := range taxonomy.DefaultBasket() {
		s.Basket = append(s.Basket, reportdir.BasketMember{Name: m.Name, Categories: m.Categories})
	}
	return s
}

// NewJob turns a resolved run into sources and analysis parameters.
func NewJob(s Spec, workers int) (*Job, error) {
	s.Normalize()
	if err := speccheck.Validate(&s); err != nil {
		return nil, err
	}
	for _, name := range s.Indicators {
		if _, ok := indicators.Lookup(name); !ok {
			return nil, usage.Errorf("indicator set %q: want one of %s", name, strings.Join(indicators.Names(), ", "))
		}
	}
	j := &Job{Spec: s, Attributions: s.Attributions, RoadFiles: s.Roads}
	j.Config = config.Config{Villages: s.VillageSchema, Services: s.ServiceSchema, Boundaries: s.BoundarySchema, Categories: s.CategoryMap}
	switch {
	case len(s.OSM) > 0:
		if len(s.Villages) > 0 || len(s.Services) > 0 || len(s.Boundaries) > 0 {
			return nil, usage.Errorf("{osm} gives the villages, services and boundaries: drop {villages}, {services} and {boundaries}")
		}
		if len(s.Roads) == 0 {
			j.RoadFiles = s.OSM
		}
	case len(s.Population) > 0 || s.Apportion:
		return nil, usage.Errorf("{population} and {apportion} go with {osm} (for other villages, put the population in the village file)")
	case len(s.Villages) == 0 && len(s.Services) == 0:
		j.Embedded = true
		j.VillageSrcs = []load.Source{load.Bytes(westhoek.VillagesFile, westhoek.Villages())}
		j.ServiceSrcs = []load.Source{load.Bytes(westhoek.ServicesFile, westhoek.Services())}
		md, err := westhoek.ReadMetadata()
		if err != nil {
			return nil, err
		}
		j.Meta = &md
	case len(s.Villages) == 0 || len(s.Services) == 0:
		return nil, usage.Errorf("give both {villages} and {services}, or neither to analyse the embedded Westhoek sample")
	default:
		if err := speccheck.CheckFileFields(s.FileFields); err != nil {
			return nil, err
		}
		for _, f := range s.Villages {
			src := load.File(f)
			src.Fields = speccheck.FieldsFor(s.FileFields, "villages", f)
			j.VillageSrcs = append(j.VillageSrcs, src)
		}
		for _, f := range s.Services {
			src := load.File(f)
			src.Fields = speccheck.FieldsFor(s.FileFields, "services", f)
			j.ServiceSrcs = append(j.ServiceSrcs, src)
		}
	}
	for _, f := range s.Boundaries {
		j.BoundarySrcs = append(j.BoundarySrcs, load.File(f))
	}
	tax, err := taxonomy.Default().With(s.CategoryMap)
	if err != nil {
		return nil, usage.Errorf("category overrides: %v", err)
	}
	j.Tax = tax
	if j.Names, err = categoryNames(s.CategoryMap); err != nil {
		return nil, err
	}

	p := analysis.DefaultParams()
	p.Workers = workers
	p.ThresholdsM = s.ThresholdsM
	p.CrossBorder = s.CrossBorder
	p.Categories = s.Categories
	p.Basket = BasketParams(s.Basket)
	cov, err := namedCoverage(s.Coverage)
	if err != nil {
		return nil, err
	}
	p.Coverage, p.CoverageRules = givenCoverage(cov, j.Meta)
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
			return nil, usage.Errorf("{model} %q: %v", name, err)
		}
		d := access.DefaultDecay(m)
		if s.Decay != "" {
			if d, err = access.ParseDecay(s.Decay); err != nil {
				return nil, usage.Errorf("{decay} %q: %v", s.Decay, err)
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
		return nil, &usage.Error{Text: err.Error()}
	}
	if _, err := qml.ParseLang(s.Lang); err != nil {
		return nil, usage.Errorf("{lang} %q: want nl, fr or en", s.Lang)
	}
	for _, o := range s.Outputs {
		if !slices.Contains(ReportFiles, o) && o != "partons.gpkg" {
			return nil, usage.Errorf("outputs: %q is not one of %v", o, ReportFiles)
		}
	}
	j.Params = p
	return j, nil
}

// InputFiles lists the village and service files of the config
// (villages_files, services_files) and then of the flags, splitting
// FILE:field=col arguments (see speccheck.SplitFileArg), with the mappings of
// single files.
func InputFiles(cfg config.Config, villages, services []string) (vs, ss []string, ff []FileFields) {
	add := func(kind string, list *[]string, path string, fields map[string]string) {
		*list = append(*list, path)
		if len(fields) > 0 {
			ff = append(ff, FileFields{Kind: kind, Path: path, Fields: fields})
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
			path, fields := speccheck.SplitFileArg(a)
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
func roadParams(s Spec) (*analysis.RoadParams, error) {
	profile, err := travel.ParseProfile(s.Profile)
	if err != nil {
		return nil, usage.Errorf("%v", err)
	}
	rp := analysis.DefaultRoadParams(profile)
	if rp.RouteBy, err = travel.ParseRouteBy(s.RouteBy); err != nil {
		return nil, usage.Errorf("%v", err)
	}
	switch s.Border {
	case "open":
	case "closed":
		if len(s.Roads) == 0 && len(s.OSM) == 0 {
			return nil, usage.Errorf("a closed border needs a road network ({roads} or {osm})")
		}
		rp.ClosedBorder = true
	default:
		return nil, usage.Errorf("border %q: want open or closed", s.Border)
	}
	rp.SnapM, rp.MaxRoadM, rp.MaxTimeMin = s.SnapM, s.MaxRoadM, s.MaxTimeMin
	rp.TimeThresholdsMin = s.TimeThresholdsMin
	return rp, nil
}

// ReportFiles are the report files run writes by default, in manifest
// order (partons.gpkg only when the GeoPackage is asked for).
var ReportFiles = files.Defaults()
