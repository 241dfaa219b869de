package main

import (
	"github.com/partons/partons/analysis"
	"github.com/partons/partons/datasets/reportdir"
)

// The records of a report folder live in datasets/reportdir, which every
// reader of finished reports shares; the commands keep their short names.
type (
	manifest         = reportdir.Manifest
	manifestParams   = reportdir.Params
	mappingEntry     = reportdir.MappingEntry
	manifestCoverage = reportdir.Coverage
	manifestCounts   = reportdir.Counts
	manifestSource   = reportdir.Source
	manifestStatus   = reportdir.Status
	manifestOutput   = reportdir.Output
	runSpec          = reportdir.Run
	fileFields       = reportdir.FileFields
	roadInfo         = reportdir.RoadInfo
	roadFile         = reportdir.RoadFile
)

// basketRecord is the basket as the manifest records it.
func basketRecord(b []analysis.BasketMember) []reportdir.BasketMember {
	if b == nil {
		return nil
	}
	out := make([]reportdir.BasketMember, len(b))
	for i, m := range b {
		out[i] = reportdir.BasketMember{Name: m.Name, Categories: m.Categories}
	}
	return out
}

// basketParams is a recorded basket as the analysis takes it.
func basketParams(b []reportdir.BasketMember) []analysis.BasketMember {
	if b == nil {
		return nil
	}
	out := make([]analysis.BasketMember, len(b))
	for i, m := range b {
		out[i] = analysis.BasketMember{Name: m.Name, Categories: m.Categories}
	}
	return out
}

// coverageRecord is the coverage as the manifest records it.
func coverageRecord(pairs []analysis.CoveragePair) []reportdir.CoveragePair {
	if pairs == nil {
		return nil
	}
	out := make([]reportdir.CoveragePair, len(pairs))
	for i, p := range pairs {
		out[i] = reportdir.CoveragePair{Category: p.Category, Country: p.Country, Covered: p.Covered, Rule: string(p.Rule)}
	}
	return out
}
