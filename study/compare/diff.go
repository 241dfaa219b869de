package compare

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"math"

	"github.com/paulmach/orb"

	"github.com/partons/partons/analysis/reportdiff"
	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/geojsonio/collection"
	"github.com/partons/partons/datasets/reportdir"
	"github.com/partons/partons/render/output"
)

// DiffOptions are the settings of Diff.
type DiffOptions struct {
	Out         string             // the report directory written, replaced atomically
	Guards      []reportdiff.Guard // conditions on an indicator's change, evaluated on both reports
	PassUnknown bool               // a guard whose indicator is unknown passes (else it fails); recorded in the manifest
	RawCSV      bool               // CSV text cells without the formula-injection guard
	Version     string             // the generator's version, for the manifest
	Log         io.Writer          // notes of the output directory; nil for none
}

// DiffResult is what a diff found.
type DiffResult struct {
	Categories []string                 // the categories compared
	Guards     []reportdiff.GuardResult // one per DiffOptions.Guards, in order
}

// GuardError is a guard that cannot be evaluated on the two reports (an
// indicator neither holds), found before anything is written.
type GuardError struct {
	Expr string
	Err  error
}

func (e *GuardError) Error() string { return fmt.Sprintf("guard %q: %v", e.Expr, e.Err) }
func (e *GuardError) Unwrap() error { return e.Err }

// diffFiles are the files of a diff's report, in manifest order.
var diffFiles = []reportdir.Output{
	{File: "delta_villages.csv", Description: "per village and category: old and new nearest distance (m), the change, coverage lost or gained per threshold; villages that appeared or disappeared"},
	{File: "delta_villages.geojson", Description: "delta_villages.csv as points"},
	{File: "areas_delta.csv", Description: "per area, country and overall: old and new coverage shares and medians and their changes"},
	{File: "services_delta.csv", Description: "services that appeared or disappeared"},
	{File: "manifest.json", Description: "this file"},
}

// Diff compares the run reports in the folders oldDir and newDir and
// writes into o.Out: delta_villages.csv/.geojson, areas_delta.csv,
// services_delta.csv and manifest.json. Each file read is checked against
// its report's manifest. A guard that cannot be evaluated is a
// *GuardError; a tripped or unknown guard is no error: the result says it.
func Diff(ctx context.Context, oldDir, newDir string, o DiffOptions) (*DiffResult, error) {
	old, err := readReport(oldDir)
	if err != nil {
		return nil, err
	}
	nw, err := readReport(newDir)
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	d := reportdiff.New(old, nw)
	vt, coords, err := d.VillageTable()
	if err != nil {
		return nil, &datasets.RecordError{Source: "villages.csv", Feature: -1, Field: "lon/lat", Reason: err.Error()}
	}
	geoms := make([]orb.Geometry, len(coords))
	for i, c := range coords {
		geoms[i] = orb.Point(c)
	}
	res := &DiffResult{Categories: d.Categories}
	for _, g := range o.Guards {
		r, err := d.Check(g)
		if err != nil {
			return nil, &GuardError{Expr: g.Expr, Err: err}
		}
		res.Guards = append(res.Guards, r)
	}
	dir, err := output.Create(ctx, o.Out, output.Options{Command: "diff", Log: o.Log})
	if err != nil {
		return nil, err
	}
	defer dir.Abort()
	unknown := "fail"
	if o.PassUnknown {
		unknown = "pass"
	}
	// Like a run's manifest: paths relative to the manifest's folder, the
	// checksum of every other file.
	m := map[string]any{"generator": "partons", "version": o.Version, "manifest_version": reportdir.Version, "command": "diff",
		"old": reportdir.RelativePath(o.Out, oldDir), "new": reportdir.RelativePath(o.Out, newDir), "categories": d.Categories, "thresholds_m": d.Thresholds,
		"unknown_guards": unknown, "guards": guardRecords(res.Guards), "csv_raw": o.RawCSV}
	outputs := append([]reportdir.Output(nil), diffFiles...)
	sums := reportdir.Sums{}
	guard := output.CSVGuard(!o.RawCSV)
	writers := []struct {
		name  string
		write func(w *bufio.Writer) error
	}{
		{"delta_villages.csv", func(w *bufio.Writer) error { return output.WriteCSV(w, vt, guard) }},
		{"delta_villages.geojson", func(w *bufio.Writer) error {
			return collection.Write(w, vt, geoms, collection.Options{Name: "delta_villages"})
		}},
		{"areas_delta.csv", func(w *bufio.Writer) error { return output.WriteCSV(w, d.AreaTable(), guard) }},
		{"services_delta.csv", func(w *bufio.Writer) error { return output.WriteCSV(w, d.ServiceTable(), guard) }},
	}
	for _, fw := range writers {
		if err := dir.WriteFile(fw.name, sums.Hashing(fw.name, fw.write)); err != nil {
			return nil, err
		}
	}
	err = dir.WriteFile("manifest.json", func(w *bufio.Writer) error {
		sums.Fill(outputs)
		m["outputs"] = outputs
		return output.WriteJSON(w, m)
	})
	if err != nil {
		return nil, err
	}
	if err := dir.Commit(); err != nil {
		return nil, err
	}
	return res, nil
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

func guardRecords(results []reportdiff.GuardResult) []guardRecord {
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
