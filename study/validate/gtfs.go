package validate

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/gtfs"
	"github.com/partons/partons/datasets/gtfs/flex"
)

// IsGTFS reports whether path is a GTFS feed: a .zip file or a folder
// holding GTFS .txt files.
func IsGTFS(path string) bool {
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

// readGTFS lists every problem of a GTFS feed (feed, file, line, field),
// those of its GTFS-Flex files with them.
func readGTFS(ctx context.Context, path string) (*Result, error) {
	res := &Result{Path: path, Kind: "gtfs"}
	var probs []error
	fs, err := gtfs.Load(ctx, []gtfs.Source{{Path: path}})
	var gl datasets.ErrorList
	switch {
	case err == nil:
		res.Notes = fs.Notes()
	case ctx.Err() != nil:
		return nil, ctx.Err()
	case errors.As(err, &gl):
		probs = gl.Unwrap()
	case errors.Is(err, datasets.ErrInvalid):
		probs = []error{err}
	default:
		return nil, err
	}
	// The GTFS-Flex files, read by their own package; a problem both
	// readers see (a malformed stop_times line) is listed once.
	if _, ferr := flex.Read(ctx, gtfs.Source{Path: path}); ferr != nil {
		var fl datasets.ErrorList
		if !errors.As(ferr, &fl) {
			return nil, ferr
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
	if len(probs) == 0 {
		res.Summary = feedSummary(fs)
		return res, nil
	}
	for _, e := range probs {
		if re, ok := e.(*datasets.RecordError); ok {
			res.Problems = append(res.Problems, re)
		} else {
			res.Problems = append(res.Problems, &datasets.RecordError{Source: path, Feature: -1, Reason: e.Error()})
		}
	}
	return res, nil
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
