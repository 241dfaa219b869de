package study

import (
	"github.com/partons/partons/analysis"
	"github.com/partons/partons/datasets/reportdir"
	"github.com/partons/partons/study/speccheck"
)

// The records of a report folder live in datasets/reportdir, which every
// reader of finished reports shares; the commands keep their short names.
type (
	Manifest         = reportdir.Manifest
	ManifestParams   = reportdir.Params
	MappingEntry     = reportdir.MappingEntry
	ManifestCoverage = reportdir.Coverage
	ManifestCounts   = reportdir.Counts
	Source           = reportdir.Source
	ManifestStatus   = reportdir.Status
	ManifestOutput   = reportdir.Output
	Spec             = reportdir.Run
	FileFields       = reportdir.FileFields
	RoadInfo         = reportdir.RoadInfo
	RoadFile         = reportdir.RoadFile
)

// BasketRecord is the basket as the manifest records it.
func BasketRecord(b []analysis.BasketMember) []reportdir.BasketMember {
	if b == nil {
		return nil
	}
	out := make([]reportdir.BasketMember, len(b))
	for i, m := range b {
		out[i] = reportdir.BasketMember{Name: m.Name, Categories: m.Categories}
	}
	return out
}

// BasketParams is a recorded basket as the analysis takes it.
func BasketParams(b []reportdir.BasketMember) []analysis.BasketMember {
	if b == nil {
		return nil
	}
	out := make([]analysis.BasketMember, len(b))
	for i, m := range b {
		out[i] = analysis.BasketMember{Name: m.Name, Categories: m.Categories}
	}
	return out
}

// CoverageRecord is the coverage as the manifest records it.
func CoverageRecord(pairs []analysis.CoveragePair) []reportdir.CoveragePair {
	if pairs == nil {
		return nil
	}
	out := make([]reportdir.CoveragePair, len(pairs))
	for i, p := range pairs {
		out[i] = reportdir.CoveragePair{Category: p.Category, Country: p.Country, Covered: p.Covered, Rule: string(p.Rule)}
	}
	return out
}

// SpecError is a bad value in a run spec, named by its key (see
// speccheck.Error): NewJob returns it before any work starts.
type SpecError = speccheck.Error
