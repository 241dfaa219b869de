package results

import (
	"path/filepath"

	"github.com/partons/partons/analysis"
	"github.com/partons/partons/datasets/westhoek"
	"github.com/partons/partons/render/qml"
	"github.com/partons/partons/render/report/input"
	"github.com/partons/partons/study"
)

// ReportInput gathers what report.html and partons.gpkg show, from the run
// itself, never from manifest.json (an output): the title and language
// asked for (j.spec), the categories' labels and the files read (in), the
// region (the embedded sample's name, else left to the report: the
// villages' countries), and every data source with its own date, "unknown"
// when the source has none (dataSources). Input files of the user are
// listed as sources of unknown date: partons cannot know it.
func ReportInput(j *study.Job, in *study.Inputs, res *analysis.Result, aggs []analysis.Aggregate) input.Input {
	lang, _ := qml.ParseLang(j.Spec.Lang)
	src := study.DataSources(j, in, res)
	ri := input.Input{Result: res, Aggregates: aggs, Lang: lang, Title: j.Spec.Title,
		Attributions: study.Attributions(src), Translations: sourceTexts, Provenance: study.ServiceProvenance(j, in)}
	if j.Meta != nil {
		ri.Caveats, ri.Coverage = j.Meta.Caveats, input.CoverageFromWesthoek(j.Meta.Coverage)
	}
	for _, e := range in.Mapping {
		if e.Label != "" {
			if ri.Labels == nil {
				ri.Labels = map[string]string{}
			}
			ri.Labels[e.Category] = e.Label
		}
	}
	if study.EmbeddedRun(&j.Spec) {
		ri.Subtitle = "Westhoek"
		ri.Translations = westhoek.Translations
	} else {
		for _, f := range in.Files {
			if f.Kind == "osm" {
				continue // dated by the extracts' own source below
			}
			ri.Sources = append(ri.Sources, input.Source{Name: filepath.Base(f.Name) + " (" + lang.Lookup(kindNames, f.Kind) + ")"})
		}
	}
	for _, d := range src {
		ri.Sources = append(ri.Sources, input.Source{Name: d.Name, Vintage: study.Day(d.Vintage), Licence: d.Licence, Attribution: d.Attribution})
	}
	return ri
}

// kindNames name the kinds of input file in nl, fr, en.
var kindNames = map[string][3]string{
	"villages":   {"dorpen", "villages", "villages"},
	"services":   {"diensten", "services", "services"},
	"boundaries": {"grenzen", "limites", "boundaries"},
}

// sourceTexts translates the names of the sources a run adds itself.
var sourceTexts = map[string][3]string{
	study.OSMRoadSource:    {"OpenStreetMap-wegennet", "Réseau routier OpenStreetMap", study.OSMRoadSource},
	study.OSMExtractSource: {"OpenStreetMap-uittreksels: dorpen, diensten, grenzen", "Extraits OpenStreetMap : villages, services, limites", study.OSMExtractSource},
	study.UserDataSource:   {"door de gebruiker aangeleverde gegevens", "données fournies par l'utilisateur", study.UserDataSource},
}
