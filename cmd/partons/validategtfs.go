package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/gtfs"
	"github.com/partons/partons/datasets/gtfs/flex"
)

// isGTFS reports whether a validate argument is a GTFS feed: a .zip file
// or a folder holding GTFS .txt files.
func isGTFS(path string) bool {
	if strings.EqualFold(filepath.Ext(path), ".zip") {
		return true
	}
	fi, err := os.Stat(path)
	if err != nil || !fi.IsDir() {
		return false
	}
	for _, n := range []string{"stops.txt", "trips.txt", "stop_times.txt", "agency.txt"} {
		if _, err := os.Stat(filepath.Join(path, n)); err == nil {
			return true
		}
	}
	return false
}

// validateGTFS prints every problem of a GTFS feed (feed, file, line,
// field) and returns how many, and the first one for the summary.
func validateGTFS(ctx context.Context, w io.Writer, path string) (int, string, error) {
	var probs []error
	var notes []string
	fs, err := gtfs.Load(ctx, []gtfs.Source{{Path: path}})
	var gl datasets.ErrorList
	switch {
	case err == nil:
		notes = fs.Notes()
	case ctx.Err() != nil:
		return 0, "", ctx.Err()
	case errors.As(err, &gl):
		probs = gl.Unwrap()
	case errors.Is(err, datasets.ErrInvalid):
		probs = []error{err}
	default:
		return 0, "", err
	}
	// The GTFS-Flex files, read by their own package; a problem both
	// readers see (a malformed stop_times line) is listed once.
	if _, ferr := flex.Read(ctx, gtfs.Source{Path: path}); ferr != nil {
		var fl datasets.ErrorList
		if !errors.As(ferr, &fl) {
			return 0, "", ferr
		}
		seen := map[string]bool{}
		for _, e := range probs {
			seen[e.Error()] = true
		}
		for _, e := range fl {
			if !seen[e.Error()] {
				probs = append(probs, e)
			}
		}
	}
	for _, n := range notes {
		fmt.Fprintf(w, "note: %s\n", n)
	}
	if len(probs) == 0 {
		fmt.Fprintf(w, "%s: ok (GTFS feed%s)\n", path, feedSummary(fs))
		return 0, "", nil
	}
	var list datasets.ErrorList
	for _, e := range probs {
		if re, ok := e.(*datasets.RecordError); ok {
			list = append(list, re)
		} else {
			list = append(list, &datasets.RecordError{Source: path, Feature: -1, Reason: e.Error()})
		}
	}
	printGrouped(w, list, "gtfs", nil)
	fmt.Fprintf(w, "%s: %d problems (read as a GTFS feed)\n", path, len(list))
	return len(list), list[0].Error(), nil
}

// feedSummary says what a feed holds and what its default day runs:
// ", 1 agency, 5 stops; service 2026-01-05 to 2026-01-30; 7 timetabled
// trips on Monday 2026-01-05, a typical weekday".
func feedSummary(fs *gtfs.Feeds) string {
	day, _ := fs.DefaultDate()
	tt := fs.Timetable(day)
	f := tt.Feeds[0]
	plural := func(n int, what string) string {
		if n == 1 {
			return "1 " + what
		}
		if what == "agency" {
			return fmt.Sprintf("%d agencies", n)
		}
		return fmt.Sprintf("%d %ss", n, what)
	}
	flex := ""
	if n := tt.Counts["trips_flex"]; n > 0 {
		flex = fmt.Sprintf("; %s with GTFS-Flex windows", plural(n, "trip"))
	}
	return fmt.Sprintf(", %s, %s; service %s to %s; %s on %s %s, a typical weekday%s", plural(len(f.Agencies), "agency"),
		plural(len(tt.Stops), "stop"), f.Start.Format(time.DateOnly), f.End.Format(time.DateOnly),
		plural(len(tt.Trips), "timetabled trip"), day.Weekday(), day.Format(time.DateOnly), flex)
}
