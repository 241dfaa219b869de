package analysis_test

import (
	"github.com/partons/partons/analysis"
	"github.com/partons/partons/analysis/aggregates"
	"github.com/partons/partons/analysis/tables"
)

func init() {
	analysis.VillageTableOf = tables.Villages
	analysis.AccessTableOf = tables.Access
	analysis.AreaTableOf = tables.Areas
	analysis.ServiceTableOf = tables.Services
	analysis.OpenHoursTableOf = tables.OpenHours
	analysis.InequalityTableOf = tables.Inequality
	analysis.AggregatesOf = aggregates.Of
	analysis.AggregatesForOf = aggregates.For
	analysis.AggregatesFromOf = aggregates.From
}
