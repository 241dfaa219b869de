package results

import (
	"slices"

	"github.com/partons/partons/analysis/indicators"
	"github.com/partons/partons/study"
	"github.com/partons/partons/study/contrib"

	"github.com/partons/partons/analysis"
	"github.com/partons/partons/datasets/reportdir"
	"github.com/partons/partons/render/files"
)

func BuildManifest(j *study.Job, in *study.Inputs, res *analysis.Result) *study.Manifest {
	p := res.Params
	m := &study.Manifest{
		Generator: "partons", Version: study.Version, ManifestVersion: reportdir.Version, Command: "run",
		Inputs: in.Files,
		Parameters: study.ManifestParams{
			Distance:      "WGS84 ellipsoidal geodesic, metres (Karney 2013)",
			ThresholdsM:   p.ThresholdsM,
			CrossBorder:   p.CrossBorder,
			Categories:    res.Categories,
			Basket:        study.BasketRecord(p.Basket),
			BasketPresent: res.BasketCategories,
			Schemas: map[string]any{
				"villages": j.Config.Villages, "services": j.Config.Services, "boundaries": j.Config.Boundaries,
			},
		},
		Run:      &j.Spec,
		Mapping:  in.Mapping,
		Unmapped: unmapped(in.Mapping),
		Coverage: study.ManifestCoverage{Source: coverageSource, Pairs: study.CoverageRecord(res.CoveragePairs())},
		Counts:   counts(in),
		Assigned: reportdir.AssignStats(in.Assign),
		Outputs:  RunOutputs(),
	}
	contrib.Attach(m, in.Contrib)
	m.IndicatorSets = indicators.Describe(IndicatorSets(j.Spec.Indicators))
	if m.Parameters.BasketPresent == nil {
		m.Parameters.BasketPresent = [][]string{}
	}
	for _, s := range analysis.StatusDoc() {
		m.Statuses = append(m.Statuses, study.ManifestStatus{Code: s.Code, Meaning: s.Meaning})
	}
	if j.Meta != nil {
		m.Coverage.Notes = j.Meta.Coverage
		m.Caveats = j.Meta.Caveats
	}
	m.Data = study.DataSources(j, in, res)
	if rp := p.Road; rp != nil {
		info := in.Roads
		if info == nil {
			info = &study.RoadInfo{Source: "estimate", Profile: string(rp.Profile), DetourFactor: rp.DetourFactor, SpeedKmh: rp.SpeedKmh,
				EstimateNote: "no road network given: *_road_m_est = straight line × detour factor, *_road_min_est at a constant speed (see README)"}
		} else {
			// A copy: the counts below are this result's, and a scenario
			// builds one manifest per variant from the same inputs.
			c := *info
			info = &c
			info.RouteBy = rp.RouteBy.String()
			if h := info.Hierarchy; h != nil {
				c := *h
				switch {
				case c.Note != "":
				case rp.ClosedBorder:
					c.Note = "closed border: Dijkstra searches"
				case c.Weight != info.RouteBy:
					c.Note = "route_by " + info.RouteBy + ": Dijkstra searches"
				default:
					c.Used, c.RoundingBound = true, rp.Graph.RoundingBound()
				}
				info.Hierarchy = &c
			}
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
	m.Attribution = study.Attributions(m.Data)
	if m.Data == nil {
		m.Data = []study.Source{}
	}
	return m
}

func counts(in *study.Inputs) study.ManifestCounts {
	c := study.ManifestCounts{
		Villages: len(in.Villages), Services: len(in.Services), Boundaries: len(in.Boundaries),
		VillagesPerCountry: map[string]int{}, ServicesPerCategory: map[string]int{}, ServicesPerCountry: map[string]int{},
	}
	for i := range in.Villages {
		c.VillagesPerCountry[in.Villages[i].Country]++
		if !in.Villages[i].HasPopulation {
			c.VillagesPopulationUnknown++
		}
	}
	for i := range in.Services {
		c.ServicesPerCategory[in.Services[i].Category]++
		c.ServicesPerCountry[in.Services[i].Country]++
	}
	return c
}

// RunOutputs describes every file a run's report may hold, in order,
// from the registry of report files.
func RunOutputs() []study.ManifestOutput {
	var out []study.ManifestOutput
	for _, f := range files.Of(files.Run) {
		out = append(out, study.ManifestOutput{File: f.Name, Description: f.Description})
	}
	return out
}

// FilterOutputs keeps the descriptions of the files written.
func FilterOutputs(all []study.ManifestOutput, written []string, models bool) []study.ManifestOutput {
	var out []study.ManifestOutput
	for _, o := range all {
		f, _ := files.Lookup(o.File)
		if o.File == "manifest.json" || slices.Contains(written, o.File) || (o.File == "inequality.csv" && models) ||
			(f.Beside != "" && slices.Contains(written, f.Beside)) {
			out = append(out, o)
		}
	}
	return out
}
