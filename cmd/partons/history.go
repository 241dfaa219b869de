package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"strconv"
	"time"

	"github.com/spf13/cobra"

	"github.com/partons/partons/analysis"
	"github.com/partons/partons/analysis/history"
	"github.com/partons/partons/datasets/reportdir"
	"github.com/partons/partons/render/files"
	"github.com/partons/partons/render/output"
)

type historyOptions struct {
	out    string
	csvRaw bool
}

func newHistoryCmd() *cobra.Command {
	o := &historyOptions{}
	cmd := &cobra.Command{
		Use:   "history [YEAR=]RUN_DIR...",
		Short: "Set the reports of several years side by side",
		Long: `Reads the reports of runs of different years (each checked against its
manifest.json) and writes trends.csv (village × category × year: nearest
distance, the nearest service and its side of the border, coverage, the
change from the year before and from the first year to the last),
trends_areas.csv (the same per area) and service_changes.csv (services that
appeared, disappeared, moved or changed category between consecutive
years). A village or category missing from a year is marked, never filled
in.

Each report's year is its data date: the OpenStreetMap extracts' date of
a run with --osm or the road network's, else give it as YEAR=RUN_DIR.`,
		Example: `  partons history reports/2024 reports/2025 reports/2026 --out trends
  partons history 2024=reports/2024 2025=reports/2025 --out trends`,
		Args: wrapArgs(cobra.MinimumNArgs(2)),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runHistory(cmd.Context(), o, args, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	cmd.Flags().StringVarP(&o.out, "out", "o", "partons-history", "report directory (replaced atomically)")
	addCSVRawFlag(cmd, &o.csvRaw)
	return cmd
}

// yearArg is YEAR=DIR.
var yearArg = regexp.MustCompile(`^([0-9]{4})=(.+)$`)

type historyRun struct {
	Dir      string `json:"dir"`
	Year     int    `json:"year"`
	DataDate string `json:"data_date"`
	From     string `json:"year_from"` // "argument" or the manifest's source of the date
}

func runHistory(ctx context.Context, o *historyOptions, args []string, stdout, stderr io.Writer) error {
	var dirs []output.Path
	var years []history.Year
	var runs []historyRun
	for _, a := range args {
		dir, year := a, 0
		if m := yearArg.FindStringSubmatch(a); m != nil {
			dir = m[2]
			year, _ = strconv.Atoi(m[1])
		}
		dirs = append(dirs, output.Path{Flag: "RUN_DIR", Path: dir})
		if st, err := os.Stat(dir); err != nil || !st.IsDir() {
			return usagef("history: %s is not a report folder (give the folders partons run wrote)", dir)
		}
		r, err := reportdir.Open(dir)
		if err != nil {
			return err
		}
		date, from := reportDataDate(r.Manifest)
		switch {
		case year != 0:
			from = "argument"
			if date == "" {
				date = strconv.Itoa(year)
			}
		case date == "":
			return usagef("history: cannot tell the year of %s: its data has no date (a run without --osm or --roads); give it as YEAR=%s", dir, dir)
		default:
			y, err := strconv.Atoi(date[:4])
			if err != nil {
				return usagef("history: %s: data date %q has no year; give it as YEAR=%s", dir, date, dir)
			}
			year = y
		}
		y := history.Year{Year: year, Source: dir, DataDate: date}
		for _, f := range []struct {
			name string
			dst  *analysis.CSV
			opt  bool
		}{{"villages.csv", &y.Villages, false}, {"areas.csv", &y.Areas, false}, {"services.csv", &y.Services, true}} {
			if f.opt && !r.Lists(f.name) {
				continue
			}
			if *f.dst, err = readReportCSV(r, f.name); err != nil {
				return err
			}
		}
		years = append(years, y)
		runs = append(runs, historyRun{Dir: dir, Year: year, DataDate: date, From: from})
	}
	if err := checkOutputs("history", []output.Path{outDir("--out", o.out)}, dirs); err != nil {
		return err
	}
	h, err := history.New(years)
	if errors.Is(err, history.ErrYears) {
		return usageError{err}
	}
	if err != nil {
		return err
	}
	for i := range runs {
		runs[i].Dir = reportdir.RelativePath(o.out, runs[i].Dir)
	}
	d, err := output.Create(ctx, o.out, output.Options{Command: "history", Log: stderr})
	if err != nil {
		return err
	}
	defer d.Abort()
	var outs []manifestOutput
	for _, f := range files.Of(files.History) {
		outs = append(outs, manifestOutput{File: f.Name, Description: f.Description})
	}
	m := map[string]any{"generator": "partons", "version": version, "manifest_version": reportdir.Version, "command": "history",
		"runs": runs, "categories": h.Categories, "thresholds_m": h.Thresholds, "caveats": append([]string{}, h.Caveats...), "csv_raw": o.csvRaw}
	c := &files.Content{Trends: h.Trends(), TrendsAreas: h.Areas(), ServiceChanges: h.Services(), RawCSV: o.csvRaw}
	sums := reportdir.Sums{}
	for _, f := range files.Of(files.History) {
		write := f.Writer(c)
		if f.Name == "manifest.json" {
			write = func(w *bufio.Writer) error {
				sums.Fill(outs)
				m["outputs"] = outs
				return output.WriteJSON(w, m)
			}
		} else {
			write = sums.Hashing(f.Name, write)
		}
		if err := d.WriteFile(f.Name, write); err != nil {
			return err
		}
	}
	if err := d.Commit(); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "partons: history of %s → %s\n", h, o.out)
	for _, c := range h.Caveats {
		fmt.Fprintf(stdout, "  note: %s\n", c)
	}
	return nil
}

// reportDataDate is the date of a report's data: its OpenStreetMap
// extracts' (a run with --osm), else its road network's, as a day; "" when
// neither is known. from says which.
func reportDataDate(m *manifest) (date, from string) {
	for _, s := range m.Data {
		if s.Name == osmExtractSource && s.Vintage != "" {
			return day(s.Vintage), "osm extracts"
		}
	}
	if m.Roads != nil && m.Roads.DataDate != "" {
		if _, err := time.Parse("2006-01-02", day(m.Roads.DataDate)); err == nil {
			return day(m.Roads.DataDate), "road network"
		}
	}
	return "", ""
}
