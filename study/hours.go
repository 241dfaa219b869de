package study

import (
	"fmt"
	"io"

	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/hours"
)

// PrintHoursProblems prints every opening_hours value partons cannot read,
// naming its file, line or feature and the field, and returns how many.
func PrintHoursProblems(w io.Writer, services []datasets.Service) int {
	n := 0
	for i := range services {
		s := &services[i]
		if s.OpeningHours == "" {
			continue
		}
		if _, err := hours.Parse(s.OpeningHours); err != nil {
			e := &datasets.RecordError{Source: s.Origin.Source, Line: s.Origin.Line, Feature: s.Origin.Feature,
				Field: "opening_hours", Reason: fmt.Sprintf("service %q: %v", s.ID, err)}
			fmt.Fprintln(w, e.Error())
			n++
		}
	}
	return n
}
