package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"strconv"

	"github.com/spf13/cobra"

	"github.com/partons/partons/analysis/history"
	"github.com/partons/partons/render/output"
	"github.com/partons/partons/study/compare"
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

func runHistory(ctx context.Context, o *historyOptions, args []string, stdout, stderr io.Writer) error {
	var dirs []output.Path
	var years []*compare.Year
	for _, a := range args {
		dir, year := a, 0
		if m := yearArg.FindStringSubmatch(a); m != nil {
			dir = m[2]
			year, _ = strconv.Atoi(m[1])
		}
		dirs = append(dirs, output.Path{Name: "RUN_DIR", Path: dir})
		if st, err := os.Stat(dir); err != nil || !st.IsDir() {
			return usagef("history: %s is not a report folder (give the folders partons run wrote)", dir)
		}
		y, err := compare.ReadYear(dir, year)
		var ue *compare.UndatedError
		switch {
		case errors.As(err, &ue) && ue.Date == "":
			return usagef("history: cannot tell the year of %s: its data has no date (a run without --osm or --roads); give it as YEAR=%s", dir, dir)
		case errors.As(err, &ue):
			return usagef("history: %s: data date %q has no year; give it as YEAR=%s", dir, ue.Date, dir)
		case err != nil:
			return err
		}
		years = append(years, y)
	}
	if err := checkOutputs("history", []output.Path{outDir("--out", o.out)}, dirs); err != nil {
		return err
	}
	h, err := compare.History(ctx, years, compare.HistoryOptions{Out: o.out, RawCSV: o.csvRaw, Version: version, Log: stderr})
	if errors.Is(err, history.ErrYears) {
		return usageError{err}
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "partons: history of %s → %s\n", h, o.out)
	for _, c := range h.Caveats {
		fmt.Fprintf(stdout, "  note: %s\n", c)
	}
	return nil
}
