package study

import (
	"fmt"

	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/hours"
)

// HoursProblems lists every opening_hours value partons cannot read,
// naming its file, line or feature and the field.
func HoursProblems(services []datasets.Service) datasets.ErrorList {
	var list datasets.ErrorList
	for i := range services {
		s := &services[i]
		if s.OpeningHours == "" {
			continue
		}
		if _, err := hours.Parse(s.OpeningHours); err != nil {
			list.Add(&datasets.RecordError{Source: s.Origin.Source, Line: s.Origin.Line, Feature: s.Origin.Feature,
				Field: "opening_hours", Reason: fmt.Sprintf("service %q: %v", s.ID, err)})
		}
	}
	return list
}
