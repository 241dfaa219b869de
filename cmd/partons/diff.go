package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
	"github.com/spf13/cobra"

	"github.com/partons/partons/analysis"
	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/geojsonio"
	"github.com/partons/partons/datasets/reportdir"
	"github.com/partons/partons/render/output"
)

// exitGuard is the exit code when a --fail-if guard trips.
const exitGuard = 4

// exitGuardUnknown is the exit code when a --fail-if guard could not be
// evaluated because its indicator is unknown in either report (and
// --unknown is fail, the default).
const exitGuardUnknown = 5

// guardError is a tripped --fail-if guard.
type guardError struct{ msg string }

func (e guardError) Error() string { return e.msg }

// guardUnknownError is a --fail-if guard on an unknown indicator.
type guardUnknownError struct{ msg string }

func (e guardUnknownError) Error() string { return e.msg }

type diffOptions struct {
	out     string
	failIf  []string
	unknown string // fail or pass: a guard whose indicator is unknown
	csvRaw  bool
}

func newDiffCmd() *cobra.Command {
	o := &diffOptions{}
	cmd := &cobra.Command{
		Use:   "diff OLD_DIR NEW_DIR",
		Short: "Compare two run reports (e.g. last year's and this year's) village by village",
		Long: `Compares two report directories written by 'partons run' and writes into --out:
delta_villages.csv/.geojson (per village and category: old and new nearest
distance, the change, coverage lost or gained; villages that appeared or
disappeared), areas_delta.csv (coverage shares and medians per area, country
and overall) and services_delta.csv (services that appeared or disappeared).

Each file read is checked against the SHA-256 and size its report's
manifest.json records: a truncated, edited, missing or unlisted file, or a
missing or unreadable manifest, is refused naming the file (exit 3).

--fail-if guards let a CI pipeline flag a regression: each is a condition on
the change (new − old) of an overall indicator, e.g.
  --fail-if 'pharmacy_within_3750m_share < -0.02'   (lost 2 points of coverage)
  --fail-if 'post_median_m > 500'
When one holds, partons exits with code 4 after writing the report.
An indicator can be unknown (an empty cell in areas.csv: the access of
some people is not known, e.g. a country without data for the category).
A guard on it is neither tripped nor passed: it is reported as unknown
and partons exits with code 5 after writing the report, or lets it pass
with --unknown pass. A tripped guard (4) outranks an unknown one.`,
		Args: wrapArgs(cobra.ExactArgs(2)),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runDiff(cmd.Context(), o, args[0], args[1], cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	cmd.Flags().StringVarP(&o.out, "out", "o", "partons-diff", "report directory (replaced atomically)")
	cmd.Flags().StringArrayVar(&o.failIf, "fail-if", nil, "exit 4 when this condition on an indicator's change holds; repeatable")
	cmd.Flags().StringVar(&o.unknown, "unknown", "fail", "a --fail-if guard whose indicator is unknown: fail (exit 5) or pass")
	addCSVRawFlag(cmd, &o.csvRaw)
	return cmd
}

// readReportCSV parses a report's CSV file, read and checked by r.
func readReportCSV(r *reportdir.Report, name string) (analysis.CSV, error) {
	b, err := r.ReadVerified(name)
	if err != nil {
		return analysis.CSV{}, err
	}
	path := filepath.Join(r.Dir(), name)
	recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		return analysis.CSV{}, &datasets.RecordError{Source: path, Feature: -1, Reason: err.Error()}
	}
	if len(recs) == 0 {
		return analysis.CSV{}, &datasets.RecordError{Source: path, Feature: -1, Reason: "empty file"}
	}
	if r.CSVGuarded() {
		// The values as they were, not as a spreadsheet must see them:
		// diff's own GeoJSON keeps raw values, and its CSV guards again.
		for _, rec := range recs {
			for i, v := range rec {
				rec[i] = output.UnguardCSVText(v)
			}
		}
	}
	return analysis.CSV{Header: recs[0], Rows: recs[1:]}, nil
}

// readReport reads the files diff compares from the report folder dir,
// each checked against the report's manifest.json: villages.csv and
// areas.csv, and services.csv when the report has one.
func readReport(dir string) (*analysis.Report, error) {
	r, err := reportdir.Open(dir)
	if err != nil {
		return nil, err
	}
	v, err := readReportCSV(r, "villages.csv")
	if err != nil {
		return nil, err
	}
	if err := checkCoords(filepath.Join(dir, "villages.csv"), v); err != nil {
		return nil, err
	}
	a, err := readReportCSV(r, "areas.csv")
	if err != nil {
		return nil, err
	}
	var s analysis.CSV
	if r.Lists("services.csv") {
		if s, err = readReportCSV(r, "services.csv"); err != nil {
			return nil, err
		}
	}
	return &analysis.Report{Villages: v, Areas: a, Services: s}, nil
}

// checkCoords refuses a villages.csv row without a finite lon/lat (which
// partons never writes): it would have no place in delta_villages.geojson.
func checkCoords(path string, c analysis.CSV) error {
	lon, lat := slices.Index(c.Header, "lon"), slices.Index(c.Header, "lat")
	if lon < 0 || lat < 0 {
		return &datasets.RecordError{Source: path, Line: 1, Feature: -1, Reason: "no lon and lat columns"}
	}
	for i, r := range c.Rows {
		for _, k := range []int{lon, lat} {
			if v, err := strconv.ParseFloat(r[k], 64); err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
				return &datasets.RecordError{Source: path, Line: i + 2, Feature: -1, Field: c.Header[k],
					Reason: fmt.Sprintf("%q is not a finite number (no valid lon/lat)", r[k])}
			}
		}
	}
	return nil
}

func runDiff(ctx context.Context, o *diffOptions, oldDir, newDir string, stdout, stderr io.Writer) error {
	if o.unknown != "fail" && o.unknown != "pass" {
		return usagef("--unknown: %q is not fail or pass", o.unknown)
	}
	if err := checkOutputs("diff", []output.Path{outDir("--out", o.out)}, paths("OLD_DIR", oldDir), paths("NEW_DIR", newDir)); err != nil {
		return err
	}
	var guards []analysis.Guard
	for _, e := range o.failIf {
		g, err := analysis.ParseGuard(e)
		if err != nil {
			return usagef("--fail-if %v", err)
		}
		guards = append(guards, g)
	}
	old, err := readReport(oldDir)
	if err != nil {
		return err
	}
	nw, err := readReport(newDir)
	if err != nil {
		return err
	}
	d := analysis.NewReportDiff(old, nw)
	vt, coords, err := d.VillageTable()
	if err != nil {
		return &datasets.RecordError{Source: "villages.csv", Feature: -1, Field: "lon/lat", Reason: err.Error()}
	}
	geoms := make([]orb.Geometry, len(coords))
	for i, c := range coords {
		geoms[i] = orb.Point(c)
	}
	var results []analysis.GuardResult
	for _, g := range guards {
		r, err := d.Check(g)
		if err != nil {
			return usagef("--fail-if %q: %v", g.Expr, err)
		}
		results = append(results, r)
	}
	dir, err := output.Create(ctx, o.out, output.Options{Command: "diff", Log: stderr})
	if err != nil {
		return err
	}
	defer dir.Abort()
	// Like a run's manifest: paths relative to the manifest's folder, the
	// checksum of every other file.
	m := map[string]any{"generator": "partons", "version": version, "manifest_version": reportdir.Version, "command": "diff",
		"old": reportdir.RelativePath(o.out, oldDir), "new": reportdir.RelativePath(o.out, newDir), "categories": d.Categories, "thresholds_m": d.Thresholds,
		"unknown_guards": o.unknown, "guards": guardRecords(results), "csv_raw": o.csvRaw}
	outputs := []manifestOutput{
		{File: "delta_villages.csv", Description: "per village and category: old and new nearest distance (m), the change, coverage lost or gained per threshold; villages that appeared or disappeared"},
		{File: "delta_villages.geojson", Description: "delta_villages.csv as points"},
		{File: "areas_delta.csv", Description: "per area, country and overall: old and new coverage shares and medians and their changes"},
		{File: "services_delta.csv", Description: "services that appeared or disappeared"},
		{File: "manifest.json", Description: "this file"},
	}
	sums := reportdir.Sums{}
	guard := output.CSVGuard(!o.csvRaw)
	writers := []fileWriter{
		{"delta_villages.csv", func(w *bufio.Writer) error { return output.WriteCSV(w, vt, guard) }},
		{"delta_villages.geojson", func(w *bufio.Writer) error {
			return geojsonio.Write(w, vt, geoms, geojsonio.WriteOptions{Name: "delta_villages"})
		}},
		{"areas_delta.csv", func(w *bufio.Writer) error { return output.WriteCSV(w, d.AreaTable(), guard) }},
		{"services_delta.csv", func(w *bufio.Writer) error { return output.WriteCSV(w, d.ServiceTable(), guard) }},
	}
	for i := range writers {
		writers[i].write = sums.Hashing(writers[i].name, writers[i].write)
	}
	writers = append(writers, fileWriter{"manifest.json", func(w *bufio.Writer) error {
		sums.Fill(outputs)
		m["outputs"] = outputs
		return output.WriteJSON(w, m)
	}})
	if err := writeReportFiles(dir, "", writers); err != nil {
		return err
	}
	if err := dir.Commit(); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "partons: diff %s → %s: %d categories compared → %s\n", oldDir, newDir, len(d.Categories), o.out)
	var tripped, unknown []string
	for _, r := range results {
		switch {
		case !r.Known:
			fmt.Fprintf(stdout, "  %-45s change unknown  UNKNOWN (old %s, new %s)\n", r.Expr, fmtIndicator(r.Old), fmtIndicator(r.New))
			unknown = append(unknown, fmt.Sprintf("%s (old %s, new %s)", r.Expr, fmtIndicator(r.Old), fmtIndicator(r.New)))
		case r.Tripped:
			fmt.Fprintf(stdout, "  %-45s change %+.4g  TRIPPED\n", r.Expr, r.Change)
			tripped = append(tripped, fmt.Sprintf("%s (change %.4g)", r.Expr, r.Change))
		default:
			fmt.Fprintf(stdout, "  %-45s change %+.4g  ok\n", r.Expr, r.Change)
		}
	}
	switch {
	case len(tripped) > 0:
		msg := fmt.Sprintf("%d guard(s) tripped: %s", len(tripped), strings.Join(tripped, "; "))
		if len(unknown) > 0 {
			msg += fmt.Sprintf("; %d guard(s) on an unknown indicator: %s", len(unknown), strings.Join(unknown, "; "))
		}
		return guardError{msg}
	case len(unknown) > 0 && o.unknown == "fail":
		return guardUnknownError{fmt.Sprintf("%d guard(s) could not be evaluated, their indicator is unknown "+
			"(some people's access is not known, e.g. a country without data for the category; see areas.csv): %s; "+
			"--unknown pass lets them pass", len(unknown), strings.Join(unknown, "; "))}
	}
	return nil
}

// guardRecord is one guard in the diff's manifest.json: the indicator in
// each report and its change, null when unknown (JSON has no NaN).
type guardRecord struct {
	Expr   string   `json:"expr"`
	Old    *float64 `json:"old"`
	New    *float64 `json:"new"`
	Change *float64 `json:"change"`
	Status string   `json:"status"` // ok, tripped or unknown
}

func guardRecords(results []analysis.GuardResult) []guardRecord {
	finite := func(v float64) *float64 {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil
		}
		return &v
	}
	out := []guardRecord{}
	for _, r := range results {
		status := "ok"
		switch {
		case !r.Known:
			status = "unknown"
		case r.Tripped:
			status = "tripped"
		}
		out = append(out, guardRecord{Expr: r.Expr, Old: finite(r.Old), New: finite(r.New), Change: finite(r.Change), Status: status})
	}
	return out
}

// fmtIndicator prints an indicator's value, or "unknown".
func fmtIndicator(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "unknown"
	}
	return fmt.Sprintf("%.4g", v)
}
