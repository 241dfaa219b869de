package main

import (
	"github.com/partons/partons/analysis/indicators"
	"slices"
	"sort"
	"strings"

	"github.com/partons/partons/analysis"
	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/reportdir"
	"github.com/partons/partons/datasets/taxonomy"
	"github.com/partons/partons/render/files"
)

func buildManifest(j *job, in *inputs, res *analysis.Result) *manifest {
	p := res.Params
	m := &manifest{
		Generator: "partons", Version: version, ManifestVersion: reportdir.Version, Command: "run",
		Inputs: in.files,
		Parameters: manifestParams{
			Distance:      "WGS84 ellipsoidal geodesic, metres (Karney 2013)",
			ThresholdsM:   p.ThresholdsM,
			CrossBorder:   p.CrossBorder,
			Categories:    res.Categories,
			Basket:        basketRecord(p.Basket),
			BasketPresent: res.BasketCategories,
			Schemas: map[string]any{
				"villages": j.cfg.Villages, "services": j.cfg.Services, "boundaries": j.cfg.Boundaries,
			},
		},
		Run:      &j.spec,
		Mapping:  in.mapping,
		Unmapped: unmapped(in.mapping),
		Coverage: manifestCoverage{Source: coverageSource, Pairs: coverageRecord(res.CoveragePairs())},
		Counts:   counts(in),
		Assigned: reportdir.AssignStats(in.assign),
		Outputs:  runOutputs(),
	}
	attachContributions(m, in.contrib)
	m.IndicatorSets = indicators.Describe(indicatorSets(j.spec.Indicators))
	if m.Parameters.BasketPresent == nil {
		m.Parameters.BasketPresent = [][]string{}
	}
	for _, s := range analysis.StatusDoc() {
		m.Statuses = append(m.Statuses, manifestStatus{Code: s.Code, Meaning: s.Meaning})
	}
	if j.meta != nil {
		m.Coverage.Notes = j.meta.Coverage
		m.Caveats = j.meta.Caveats
	}
	m.Data = dataSources(j, in, res)
	if rp := p.Road; rp != nil {
		info := in.roads
		if info == nil {
			info = &roadInfo{Source: "estimate", Profile: string(rp.Profile), DetourFactor: rp.DetourFactor, SpeedKmh: rp.SpeedKmh,
				EstimateNote: "no road network given: *_road_m_est = straight line × detour factor, *_road_min_est at a constant speed (see README)"}
		} else {
			// A copy: the counts below are this result's, and a scenario
			// builds one manifest per variant from the same inputs.
			c := *info
			info = &c
			info.RouteBy = rp.RouteBy.String()
			info.LegSpeedKmh = rp.SpeedKmh
			info.SnapM, info.MaxRoadM, info.MaxTimeMin = rp.SnapM, rp.MaxRoadM, rp.MaxTimeMin
			for v := range res.Villages {
				if !(res.SnapM(v) <= rp.SnapM) {
					info.UnsnappedVills++
				}
			}
			for s := range res.Services {
				if !res.ServiceSnapped(s) {
					info.UnsnappedSvcs++
				}
			}
		}
		info.Border = "open"
		if rp.ClosedBorder {
			info.Border = "closed"
		}
		m.Roads = info
	}
	m.Attribution = attributions(m.Data)
	if m.Data == nil {
		m.Data = []manifestSource{}
	}
	return m
}

func counts(in *inputs) manifestCounts {
	c := manifestCounts{
		Villages: len(in.villages), Services: len(in.services), Boundaries: len(in.boundaries),
		VillagesPerCountry: map[string]int{}, ServicesPerCategory: map[string]int{}, ServicesPerCountry: map[string]int{},
	}
	for i := range in.villages {
		c.VillagesPerCountry[in.villages[i].Country]++
		if !in.villages[i].HasPopulation {
			c.VillagesPopulationUnknown++
		}
	}
	for i := range in.services {
		c.ServicesPerCategory[in.services[i].Category]++
		c.ServicesPerCountry[in.services[i].Country]++
	}
	return c
}

// mapCategories maps every service's raw category through the taxonomy
// and then to its column-safe name (in place; see taxonomy.Name) and
// lists which raw value went to which category. Labels whose names
// collide, or that give no usable name, are invalid input naming the
// services (one error per label).
func mapCategories(t *taxonomy.Taxonomy, names *taxonomy.Names, services []datasets.Service) ([]mappingEntry, error) {
	type key struct{ raw, cat string }
	n := map[key]*mappingEntry{}
	var errs datasets.ErrorList
	bad := map[string]bool{}
	for i := range services {
		s := &services[i]
		if s.Raw == "" {
			s.Raw = s.Category
		}
		r := t.Resolve(s.Raw)
		cat, err := names.Add(r.Category, where(s.Origin))
		if err != nil {
			if !bad[r.Category] {
				bad[r.Category] = true
				errs.Add(categoryError(s.Origin, err))
			}
			continue
		}
		s.Category = cat
		k := key{strings.TrimSpace(s.Raw), cat}
		e := n[k]
		if e == nil {
			v := "unmapped"
			if r.Known {
				v = r.Vocabulary
				if v == "" {
					v = "taxonomy"
				}
			}
			e = &mappingEntry{Raw: k.raw, Category: k.cat, Vocabulary: v, Via: r.Via, Ambiguous: r.Ambiguous}
			if r.Category != cat {
				e.Label = r.Category
			}
			n[k] = e
		}
		e.Services++
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	out := make([]mappingEntry, 0, len(n))
	for _, e := range n {
		out = append(out, *e)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Raw != out[j].Raw {
			return out[i].Raw < out[j].Raw
		}
		return out[i].Category < out[j].Category
	})
	return out, nil
}

func sortStrings(s []string) { sort.Strings(s) }

// runOutputs describes every file a run's report may hold, in order,
// from the registry of report files.
func runOutputs() []manifestOutput {
	var out []manifestOutput
	for _, f := range files.Of(files.Run) {
		out = append(out, manifestOutput{File: f.Name, Description: f.Description})
	}
	return out
}

// filterOutputs keeps the descriptions of the files written.
func filterOutputs(all []manifestOutput, written []string, models bool) []manifestOutput {
	var out []manifestOutput
	for _, o := range all {
		f, _ := files.Lookup(o.File)
		if o.File == "manifest.json" || slices.Contains(written, o.File) || (o.File == "inequality.csv" && models) ||
			(f.Beside != "" && slices.Contains(written, f.Beside)) {
			out = append(out, o)
		}
	}
	return out
}
