package main

// The writing of a run's report folder (also each folder of a scenario):
// which files, from the registry in render/files, and in what order.

import (
	"bufio"
	"context"
	"fmt"
	"github.com/partons/partons/analysis/indicators"
	"io"
	"slices"
	"strings"

	"github.com/partons/partons/analysis"
	"github.com/partons/partons/datasets/reportdir"
	"github.com/partons/partons/render/files"
	"github.com/partons/partons/render/output"
	"github.com/partons/partons/render/report"
)

// maxReportVillages bounds the villages report.html maps by default: its
// SVG maps hold one shape per village and category (58 MB and 2.7 s of CPU
// for 100,000 villages). Larger runs skip it unless --outputs names it.
const maxReportVillages = 20000

// skipReport says whether report.html is left out, and notes it.
func skipReport(res *analysis.Result, m *manifest) bool {
	if len(res.Villages) <= maxReportVillages || m.Run.ForceReport || !slices.Contains(m.Run.Outputs, "report.html") {
		return false
	}
	m.Caveats = append(m.Caveats, fmt.Sprintf("report.html was not written: %d villages is more than the %d it maps by default; "+
		"name it in --outputs to write it anyway (or restrict --categories), or open partons.gpkg in QGIS", len(res.Villages), maxReportVillages))
	m.Outputs = slices.DeleteFunc(m.Outputs, func(o manifestOutput) bool { return o.File == "report.html" })
	return true
}

// reportFiles are the report files run writes by default, in manifest
// order (partons.gpkg only with --format gpkg).
var reportFiles = files.Defaults()

// writeReport writes the requested files (and always manifest.json) into
// a new report directory, each file on its own goroutine, and moves the
// directory into place when all succeeded.
func writeReport(ctx context.Context, dir string, j *job, in *inputs, res *analysis.Result, aggs []analysis.Aggregate, m *manifest, stderr io.Writer) error {
	d, err := output.Create(ctx, dir, output.Options{Command: "run", Log: stderr})
	if err != nil {
		return err
	}
	defer d.Abort()
	if err := writeReportFiles(d, "", reportWriters(j, in, res, aggs, m)); err != nil {
		return err
	}
	return d.Commit()
}

// fileWriter writes one file of a report.
type fileWriter struct {
	name  string
	write func(w *bufio.Writer) error
}

// reportWriters are the writers of a run's report files (outputs, each
// with the files written beside it, then manifest.json), from the one
// registry of report files.
func reportWriters(j *job, in *inputs, res *analysis.Result, aggs []analysis.Aggregate, m *manifest, extra ...func(*report.Input)) []fileWriter {
	ri := reportInput(j, in, res, aggs)
	c := &files.Content{Result: res, Aggregates: aggs, Report: ri, DataDate: dataDate(j, in, res),
		Attribution: strings.Join(ri.Attributions, "; "), RawCSV: j.spec.CSVRaw, Manifest: m}
	for _, f := range extra {
		f(&c.Report)
	}
	var ws []fileWriter
	add := func(name string) {
		f, _ := files.Lookup(name)
		ws = append(ws, fileWriter{name, f.Writer(c)})
	}
	for _, name := range j.spec.Outputs {
		if name == "report.html" && len(res.Villages) > maxReportVillages && !j.spec.ForceReport {
			continue // see skipReport
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
		listOutput(m, "open_hours.csv")
	}
	if len(m.Run.Indicators) > 0 {
		c.Indicators = indicators.Table(res, indicatorSets(m.Run.Indicators))
		add("indicators.csv")
		listOutput(m, "indicators.csv")
	}
	if cr := contribFor(m); cr != nil {
		c.Provenance, c.Contributions = cr.provenance, contributionsTable(cr)
		add("contributions.csv")
		listOutput(m, "contributions.csv")
	}
	if files.Areas(in.boundaries).Table.Len > 0 {
		c.Boundaries = in.boundaries
		add("areas.geojson")
		listOutput(m, "areas.geojson")
	}
	sums := reportdir.Sums{}
	for i := range ws {
		ws[i].write = sums.Hashing(ws[i].name, ws[i].write)
	}
	add("manifest.json")
	mw := ws[len(ws)-1].write
	ws[len(ws)-1].write = func(w *bufio.Writer) error {
		sums.Fill(m.Outputs)
		return mw(w)
	}
	return ws
}

// writeReportFiles runs the writers one after the other into d under
// prefix. Each file is formatted on all cores (output.WriteCSV and
// geojsonio.Write format concurrent tables in parallel chunks), so writing
// files at the same time would only add memory: a 100k-village run
// stays under 500 MB this way.
func writeReportFiles(d *output.Dir, prefix string, writers []fileWriter) error {
	for _, fw := range writers {
		if err := d.WriteFile(prefix+fw.name, fw.write); err != nil {
			return err
		}
	}
	return nil
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
