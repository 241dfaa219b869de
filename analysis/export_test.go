package analysis

import "github.com/partons/partons/datasets/table"

// The tables of a Result are built by package analysis/tables and its
// aggregates by analysis/aggregates, which import this package, so the
// tests here cannot import them. They reach them through these functions, which hooks_test.go (package
// analysis_test, compiled into the same test binary) sets before any
// test runs.
var (
	VillageTableOf    func(*Result) table.Table
	AccessTableOf     func(*Result) table.Table
	AreaTableOf       func(*Result, []Aggregate) table.Table
	ServiceTableOf    func(*Result) table.Table
	OpenHoursTableOf  func(*Result) table.Table
	InequalityTableOf func(*Result) table.Table

	// The aggregates are package analysis/aggregates' (Of, For, From).
	AggregatesOf     func(*Result) []Aggregate
	AggregatesForOf  func(*Result, ...Basis) []Aggregate
	AggregatesFromOf func(r, base *Result, baseAggs []Aggregate) []Aggregate
)
