package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

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
	probs, notes, err := gtfs.Validate(ctx, []gtfs.Source{{Path: path}})
	if err != nil {
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
		fmt.Fprintf(w, "%s: ok (GTFS feed)\n", path)
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
