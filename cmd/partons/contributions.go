package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/contributions"
	"github.com/partons/partons/study"
)

// validateContributions reads one contributions file for validate,
// printing its problems, and returns how many there were.
func validateContributions(w io.Writer, f validateFile, all *[]contributions.Report) (int, error) {
	ff := []fileFields{{Kind: "contributions", Path: f.path, Fields: f.fields}}
	reps, _, err := study.ReadContributions([]string{f.path}, ff)
	var list datasets.ErrorList
	switch {
	case err == nil:
		fmt.Fprintf(w, "%s: ok (%d contributions)\n", f.path, len(reps))
		*all = append(*all, reps...)
		return 0, nil
	case errors.As(err, &list):
		printGrouped(w, list, "contributions", fileColumns(f.path))
		fmt.Fprintf(w, "%s: %d problems (read as contributions)\n", f.path, len(list))
		return len(list), nil
	}
	return 0, err
}
