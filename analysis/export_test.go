package analysis

import "github.com/partons/partons/datasets/table"

// The tables of a Result are built by package analysis/tables, which
// imports this package, so the tests here cannot import it. They reach
// the tables through these functions, which tables_test.go (package
// analysis_test, compiled into the same test binary) sets before any
// test runs.
var (
	VillageTableOf    func(*Result) table.Table
	AccessTableOf     func(*Result) table.Table
	AreaTableOf       func(*Result, []Aggregate) table.Table
	ServiceTableOf    func(*Result) table.Table
	OpenHoursTableOf  func(*Result) table.Table
	InequalityTableOf func(*Result) table.Table
)
