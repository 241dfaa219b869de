package main

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/paulmach/orb"
	"github.com/spf13/cobra"

	"github.com/partons/partons/analysis"
	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/output"
)

// exitGuard is the exit code when a --fail-if guard trips.
const exitGuard = 4

// guardError is a tripped --fail-if guard.
type guardError struct{ msg string }

func (e guardError) Error() string { return e.msg }

type diffOptions struct {
	out    string
	failIf []string
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

--fail-if guards let a CI pipeline flag a regression: each is a condition on
the change (new − old) of an overall indicator, e.g.
  --fail-if 'pharmacy_within_3750m_share < -0.02'   (lost 2 points of coverage)
  --fail-if 'post_median_m > 500'
When one holds, partons exits with code 4 after writing the report.`,
		Args: wrapArgs(cobra.ExactArgs(2)),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runDiff(o, args[0], args[1], cmd.OutOrStdout())
		},
	}
	cmd.Flags().StringVarP(&o.out, "out", "o", "partons-diff", "report directory (replaced atomically)")
	cmd.Flags().StringArrayVar(&o.failIf, "fail-if", nil, "exit 4 when this condition on an indicator's change holds; repeatable")
	return cmd
}

func readReportCSV(dir, name string, required bool) (analysis.CSV, error) {
	path := filepath.Join(dir, name)
	f, err := os.Open(path)
	if err != nil {
		if !required && errors.Is(err, os.ErrNotExist) {
			return analysis.CSV{}, nil
		}
		return analysis.CSV{}, err
	}
	defer f.Close()
	recs, err := csv.NewReader(bufio.NewReader(f)).ReadAll()
	if err != nil {
		return analysis.CSV{}, &datasets.RecordError{Source: path, Feature: -1, Reason: err.Error()}
	}
	if len(recs) == 0 {
		return analysis.CSV{}, &datasets.RecordError{Source: path, Feature: -1, Reason: "empty file"}
	}
	return analysis.CSV{Header: recs[0], Rows: recs[1:]}, nil
}

func readReport(dir string) (*analysis.Report, error) {
	v, err := readReportCSV(dir, "villages.csv", true)
	if err != nil {
		return nil, err
	}
	a, err := readReportCSV(dir, "areas.csv", true)
	if err != nil {
		return nil, err
	}
	s, err := readReportCSV(dir, "services.csv", false)
	if err != nil {
		return nil, err
	}
	return &analysis.Report{Villages: v, Areas: a, Services: s}, nil
}

func runDiff(o *diffOptions, oldDir, newDir string, stdout io.Writer) error {
	var guards []analysis.Guard
	for _, e := range o.failIf {
		g, err := analysis.ParseGuard(e)
		if err != nil {
			return usageError{err}
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
	vt, coords := d.VillageTable()
	geoms := make([]orb.Geometry, len(coords))
	for i, c := range coords {
		geoms[i] = orb.Point(c)
	}
	dir, err := output.Create(o.out)
	if err != nil {
		return err
	}
	defer dir.Abort()
	type guardResult struct {
		Expr    string  `json:"expr"`
		Change  float64 `json:"change"`
		Tripped bool    `json:"tripped"`
	}
	var results []guardResult
	var tripped []string
	for _, g := range guards {
		hit, change, err := d.Check(g)
		if err != nil {
			return usagef("--fail-if %q: %v", g.Expr, err)
		}
		results = append(results, guardResult{g.Expr, change, hit})
		if hit {
			tripped = append(tripped, fmt.Sprintf("%s (change %.4g)", g.Expr, change))
		}
	}
	m := map[string]any{"generator": "partons", "version": version, "command": "diff",
		"old": oldDir, "new": newDir, "categories": d.Categories, "thresholds_m": d.Thresholds, "guards": results}
	writers := []fileWriter{
		{"delta_villages.csv", func(w *bufio.Writer) error { return output.WriteCSV(w, vt) }},
		{"delta_villages.geojson", func(w *bufio.Writer) error {
			return output.WriteGeoJSON(w, vt, geoms, output.GeoJSONOptions{Name: "delta_villages"})
		}},
		{"areas_delta.csv", func(w *bufio.Writer) error { return output.WriteCSV(w, d.AreaTable()) }},
		{"services_delta.csv", func(w *bufio.Writer) error { return output.WriteCSV(w, d.ServiceTable()) }},
		{"manifest.json", func(w *bufio.Writer) error { return output.WriteJSON(w, m) }},
	}
	if err := writeReportFiles(dir, "", writers); err != nil {
		return err
	}
	if err := dir.Commit(); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "partons: diff %s → %s: %d categories compared → %s\n", oldDir, newDir, len(d.Categories), o.out)
	for _, r := range results {
		fmt.Fprintf(stdout, "  %-45s change %+.4g  %s\n", r.Expr, r.Change, map[bool]string{true: "TRIPPED", false: "ok"}[r.Tripped])
	}
	if len(tripped) > 0 {
		return guardError{fmt.Sprintf("%d guard(s) tripped: %v", len(tripped), tripped)}
	}
	return nil
}
