package results

// The writing of a run's report folder (also each folder of a scenario):
// which files, from the registry in render/files, and in what order.

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/partons/partons/analysis/indicators"
	"github.com/partons/partons/render/report/input"
	"github.com/partons/partons/study"
	"github.com/partons/partons/study/contrib"

	"github.com/partons/partons/analysis"
	"github.com/partons/partons/datasets/reportdir"
	"github.com/partons/partons/render/files"
	"github.com/partons/partons/render/output"
)

// MaxReportVillages bounds the villages report.html maps by default: its
// SVG maps hold one shape per village and category (58 MB and 2.7 s of CPU
// for 100,000 villages). Larger runs skip it unless the outputs asked for name it.
const MaxReportVillages = 20000

// SkipReport says whether report.html is left out, and notes it.
func SkipReport(res *analysis.Result, m *study.Manifest) bool {
	if len(res.Villages) <= MaxReportVillages || m.Run.ForceReport || !slices.Contains(m.Run.Outputs, "report.html") {
		return false
	}
	m.Caveats = append(m.Caveats, fmt.Sprintf("report.html was not written: %d villages is more than the %d it maps by default; "+
		"name it in %s to write it anyway (or restrict %s), or open partons.gpkg in QGIS", len(res.Villages), MaxReportVillages,
		study.OptionName("outputs"), study.OptionName("categories")))
	m.Outputs = slices.DeleteFunc(m.Outputs, func(o study.ManifestOutput) bool { return o.File == "report.html" })
	return true
}

// WriteReport writes the requested files (and always manifest.json) into
// a new report directory, each file on its own goroutine, and moves the
// directory into place when all succeeded.
func WriteReport(ctx context.Context, dir string, j *study.Job, in *study.Inputs, res *analysis.Result, aggs []analysis.Aggregate, m *study.Manifest, stderr io.Writer) error {
	d, err := output.Create(ctx, dir, output.Options{Command: "run", Log: stderr})
	if err != nil {
		return err
	}
	defer d.Abort()
	if err := WriteFiles(d, "", Writers(j, in, res, aggs, m)); err != nil {
		return err
	}
	return d.Commit()
}

// FileWriter writes one file of a report.
type FileWriter struct {
	Name  string
	Write func(w *bufio.Writer) error
}

// Writers are the writers of a run's report files (outputs, each
// with the files written beside it, then manifest.json), from the one
// registry of report files.
func Writers(j *study.Job, in *study.Inputs, res *analysis.Result, aggs []analysis.Aggregate, m *study.Manifest, extra ...func(*input.Input)) []FileWriter {
	ri := ReportInput(j, in, res, aggs)
	c := &files.Content{Result: res, Aggregates: aggs, Report: ri, DataDate: study.DataDate(j, in, res),
		Attribution: strings.Join(ri.Attributions, "; "), RawCSV: j.Spec.CSVRaw, Manifest: m}
	for _, f := range extra {
		f(&c.Report)
	}
	var ws []FileWriter
	add := func(name string) {
		f, _ := files.Lookup(name)
		ws = append(ws, FileWriter{name, f.Writer(c)})
	}
	for _, name := range j.Spec.Outputs {
		if name == "report.html" && len(res.Villages) > MaxReportVillages && !j.Spec.ForceReport {
			continue // see SkipReport
		}
		add(name)
		for _, f := range files.Of(files.Run) {
			if f.Beside == name {
				add(f.Name) // villages.qml, the default QGIS style beside the GeoJSON
			}
		}
	}
	if len(res.Params.Models) > 0 {
		add("inequality.csv")
	}
	if res.OpenHours != nil {
		add("open_hours.csv")
		ListOutput(m, "open_hours.csv")
	}
	if len(m.Run.Indicators) > 0 {
		c.Indicators = indicators.Table(res, IndicatorSets(m.Run.Indicators))
		add("indicators.csv")
		ListOutput(m, "indicators.csv")
	}
	if cr := contrib.For(m); cr != nil {
		c.Contributions = cr.Table()
		add("contributions.csv")
		ListOutput(m, "contributions.csv")
	}
	if files.Areas(in.Boundaries).Table.Len > 0 {
		c.Boundaries = in.Boundaries
		add("areas.geojson")
		ListOutput(m, "areas.geojson")
	}
	sums := reportdir.Sums{}
	for i := range ws {
		ws[i].Write = sums.Hashing(ws[i].Name, ws[i].Write)
	}
	add("manifest.json")
	mw := ws[len(ws)-1].Write
	ws[len(ws)-1].Write = func(w *bufio.Writer) error {
		sums.Fill(m.Outputs)
		return mw(w)
	}
	return ws
}

// WriteFiles runs the writers one after the other into d under
// prefix. Each file is formatted on all cores (output.WriteCSV and
// collection.Write format concurrent tables in parallel chunks), so writing
// files at the same time would only add memory: a 100k-village run
// stays under 500 MB this way.
func WriteFiles(d *output.Dir, prefix string, writers []FileWriter) error {
	for _, fw := range writers {
		if err := d.WriteFile(prefix+fw.Name, fw.Write); err != nil {
			return err
		}
	}
	return nil
}

// ListOutput adds the registry's description of a file written with a
// report to the manifest's outputs, before manifest.json, unless listed.
func ListOutput(m *study.Manifest, name string) {
	if slices.ContainsFunc(m.Outputs, func(o study.ManifestOutput) bool { return o.File == name }) {
		return
	}
	f, _ := files.Lookup(name)
	at := len(m.Outputs)
	if at > 0 && m.Outputs[at-1].File == "manifest.json" {
		at--
	}
	m.Outputs = slices.Insert(m.Outputs, at, study.ManifestOutput{File: name, Description: f.Description})
}

// IndicatorSets are the named sets of a run (checked by jobFromSpec).
func IndicatorSets(names []string) []indicators.Set {
	var out []indicators.Set
	for _, n := range names {
		if s, ok := indicators.Lookup(n); ok {
			out = append(out, s)
		}
	}
	return out
}
