package locate

import (
	"context"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/paulmach/orb"

	"github.com/partons/partons/analysis"
	"github.com/partons/partons/analysis/aggregates"
	"github.com/partons/partons/analysis/locate"
	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/table"
	"github.com/partons/partons/geo/road"
	"github.com/partons/partons/render/files"
	"github.com/partons/partons/render/output"
	"github.com/partons/partons/render/qml"
	"github.com/partons/partons/render/report/input"
	"github.com/partons/partons/study"
)

// siteCategory is the category of the chosen sites in a locate report.
const siteCategory = "site"

// locateReport is what report.html (and partons.gpkg with --format gpkg)
// of a locate report with village geometry show: the villages measured
// against the chosen sites, and the sites with the people each brings
// within reach; nil without village geometry.
func locateReport(o *Options, in *locInput, cfg locate.Config, sol *locate.Solution) (*input.Input, error) {
	if in.villages == nil || len(in.villages) != len(in.demandPts) {
		return nil, nil
	}
	lang, _ := qml.ParseLang(o.Lang)
	chosen := append(slices.Clone(sol.Sites), sol.Fixed...)
	served := make([]float64, len(in.sitePts))
	for _, a := range sol.Assign {
		if a.Site >= 0 && (!(cfg.Radius > 0) || a.Cost <= cfg.Radius) && in.villages[a.Demand].HasPopulation {
			served[a.Site] += in.villages[a.Demand].Population
		}
	}
	var services []datasets.Service
	var sites []input.Site
	for _, j := range chosen {
		name := in.labels.SiteIDs[j]
		if in.labels.SiteNames != nil && in.labels.SiteNames[j] != "" {
			name = in.labels.SiteNames[j]
		}
		services = append(services, datasets.Service{ID: in.labels.SiteIDs[j], Name: name, Category: siteCategory,
			Raw: siteCategory, Location: in.sitePts[j]})
		sites = append(sites, input.Site{Name: name, Category: siteCategory, Location: in.sitePts[j], PeopleServed: served[j]})
	}
	p := analysis.DefaultParams()
	p.CrossBorder = false
	if cfg.Radius > 0 && in.costUnit == "m" {
		p.ThresholdsM = []float64{math.Round(cfg.Radius)}
	}
	res, err := locateResult(o, in, cfg, sol, services, chosen, p)
	if err != nil {
		return nil, err
	}
	aggs := aggregates.Of(res)
	rin := input.Input{Result: res, Aggregates: aggs, Lang: lang, Sites: sites, MainCategory: siteCategory,
		Attributions: in.attrib, Subtitle: "partons locate, model " + o.Model, Provenance: in.siteProvenance}
	if locate.NoDemandWeight(sol, in.inst) {
		w := fmt.Sprintf(locate.NoWeightWarning, sol.Model)
		rin.Warnings = append(rin.Warnings, w)
		rin.Translations = map[string][3]string{w: {
			fmt.Sprintf("Geen enkel vraagpunt heeft een gekend inwonertal (of het is nul): %s weegt inwoners, dus elke keuze van locaties scoort 0 "+
				"en de getoonde locaties zijn willekeurig, geen aanbeveling; geef inwonertallen, of gebruik pcenter of lscp, die ze negeren.", sol.Model),
			fmt.Sprintf("Aucun point de demande n'a de population connue (ou elle est nulle) : %s pondère par les habitants, donc tout choix de sites "+
				"obtient 0 et les sites indiqués sont arbitraires, pas une recommandation ; donnez les populations, ou utilisez pcenter ou lscp, "+
				"qui les ignorent.", sol.Model),
			w}}
	}
	return &rin, nil
}

// locateResult measures the villages against the chosen sites for the
// report. On roads the report shows what locate computed, not a new
// search: each village's assigned site and its road cost (a length or a
// time, as routed), with the straight line to that site beside it. In a
// straight line locate's costs are the geodesics to the nearest open site,
// which the straight-line analysis finds again.
func locateResult(o *Options, in *locInput, cfg locate.Config, sol *locate.Solution, services []datasets.Service, chosen []int32, p analysis.Params) (*analysis.Result, error) {
	if in.roads == nil {
		return analysis.Compute(context.Background(), in.villages, services, p)
	}
	rp := analysis.DefaultRoadParams(road.Profile(o.Profile))
	rp.Graph, rp.SnapM, rp.RouteBy = in.roads, o.SnapM, road.Length
	if in.costUnit == "min" {
		rp.RouteBy = road.Time
		if cfg.Radius > 0 {
			rp.TimeThresholdsMin = []float64{cfg.Radius}
		}
	}
	p.Road = rp
	pos := make(map[int32]int32, len(chosen))
	for k, j := range chosen {
		pos[j] = int32(k)
	}
	// One site per village: with capacities a village's people may be
	// split between sites, and the site taking most of them stands for it.
	assigned := make([]analysis.Assigned, len(in.villages))
	weight := make([]float64, len(in.villages))
	for v := range assigned {
		assigned[v], weight[v] = analysis.Assigned{Service: -1, Cost: math.NaN()}, -1
	}
	for _, a := range sol.Assign {
		k, ok := pos[a.Site]
		if a.Site < 0 || !ok || a.Weight <= weight[a.Demand] && assigned[a.Demand].Service >= 0 {
			continue
		}
		assigned[a.Demand], weight[a.Demand] = analysis.Assigned{Service: k, Cost: a.Cost}, a.Weight
	}
	return analysis.FromAssignment(in.villages, services, p, assigned)
}

// writeLocate writes the report directory atomically.
func writeLocate(ctx context.Context, o *Options, in *locInput, cfg locate.Config, sol *locate.Solution, stderr io.Writer) error {
	lb := in.labels
	s := locate.Summarise(sol, in.inst, cfg, lb)
	s.Generator, s.Cost, s.CostUnit, s.Inputs, s.Attribution = output.Generator, in.costKind, in.costUnit, in.inputs, in.attrib
	s.Parameters["fixed"], s.Parameters["excluded"] = append([]string{}, o.Fixed...), append([]string{}, o.Exclude...)
	if o.MaxCost > 0 {
		s.Parameters["max_cost"] = o.MaxCost
	}
	sites := locate.SitesTable(sol, in.inst, lb)
	assign, rows := locate.AssignmentTable(sol, in.inst, lb)
	d, err := output.Create(ctx, o.Out, output.Options{Command: "locate", Log: stderr})
	if err != nil {
		return err
	}
	defer d.Abort()
	c := &files.Content{Sites: files.Layer{Table: sites}, Assignment: assign, Summary: s, RawCSV: o.CSVRaw,
		Attribution: strings.Join(in.attrib, "; "),
		Manifest: map[string]any{"generator": output.Generator, "version": study.Version, "command": "locate",
			"csv_raw": o.CSVRaw, "inputs": in.inputs, "outputs": locateOutputs(o, in)}}
	if in.demandPts != nil {
		var sg, lines []orb.Geometry
		for _, j := range append(slices.Clone(sol.Sites), sol.Fixed...) {
			sg = append(sg, in.sitePts[j])
		}
		var keep []int // assignment rows with a site: one line each
		for r, a := range rows {
			if a.Site >= 0 {
				keep = append(keep, r)
				lines = append(lines, orb.LineString{in.demandPts[a.Demand], in.sitePts[a.Site]})
			}
		}
		c.Sites.Geometries = sg
		c.AssignmentLines = files.Layer{Geometries: lines, Table: table.Table{Columns: assign.Columns, Len: len(keep),
			Row: func(r int, dst []table.Cell) []table.Cell { return assign.Row(keep[r], dst) }}}
	}
	rin, err := locateReport(o, in, cfg, sol)
	if err != nil {
		return err
	}
	if rin != nil {
		c.Report, c.DataDate = *rin, time.Unix(0, 0).UTC()
	}
	outs := append(locateOutputs(o, in), "manifest.json")
	for _, f := range files.Of(files.Locate) {
		if slices.Contains(outs, f.Name) {
			if err := d.WriteFile(f.Name, f.Writer(c)); err != nil {
				return err
			}
		}
	}
	return d.Commit()
}

// locateOutputs lists the files a locate report holds (manifest.json
// aside), in the order its manifest lists them.
func locateOutputs(o *Options, in *locInput) []string {
	out := []string{"sites.csv", "assignment.csv", "summary.json"}
	if in.demandPts != nil {
		out = append(out, "sites.geojson", "assignment.geojson")
	}
	if in.villages != nil && len(in.villages) == len(in.demandPts) {
		out = append(out, "report.html")
		if o.Format == "gpkg" {
			out = append(out, "partons.gpkg")
		}
	}
	return out
}

// siteProvenance names the file a site was read from (without its
// folder) and the data date the file states, "" when none: the source
// and source_date of the report's services (the chosen sites).
func (in *locInput) siteProvenance(id string) (source, date string, reports []string) {
	k, ok := in.siteIndex[id]
	if !ok || int(k) >= len(in.siteSource) {
		return "", "", nil
	}
	name := in.siteSource[k]
	for _, f := range in.inputs {
		if f.Name == name {
			date = study.Day(f.DataDate)
			break
		}
	}
	return filepath.Base(name), date, nil
}
