package analysis

import (
	"strconv"

	"github.com/partons/partons/analysis/openhours"
	"github.com/partons/partons/datasets/table"
)

// OpenHoursTable is the population aggregates of the open-hour metrics,
// per travel mode (straight, road), category, threshold and level
// (all, country, area): one row per slot with the share of people with a
// service open in the slot within the threshold (population yes, no and
// unknown), and one row (slot empty) with the border gain in open hours
// (population-weighted mean hours a week with every service, with the
// services at home, and their difference). Empty without opening hours.
func (r *Result) OpenHoursTable() table.Table {
	cols := []table.Column{{Name: "mode"}, {Name: "category"}, {Name: "slot"},
		{Name: "threshold", Kind: table.Number, Decimals: -1}, {Name: "unit"}, {Name: "level"}, {Name: "code"},
		{Name: "villages", Kind: table.Number, Unit: "villages"},
		{Name: "population_yes", Kind: table.Number, Decimals: -1, Unit: "people"},
		{Name: "population_no", Kind: table.Number, Decimals: -1, Unit: "people"},
		{Name: "population_unknown", Kind: table.Number, Decimals: -1, Unit: "people"},
		{Name: "share_open", Kind: table.Number, Decimals: DecimalsShare, Unit: "share"},
		{Name: "mean_open_hours", Kind: table.Number, Decimals: DecimalsHours, Unit: "h"},
		{Name: "mean_domestic_open_hours", Kind: table.Number, Decimals: DecimalsHours, Unit: "h"},
		{Name: "mean_gain_open_hours", Kind: table.Number, Decimals: DecimalsHours, Unit: "h"},
		{Name: "villages_unknown", Kind: table.Number, Unit: "villages"}}
	var rows [][]table.Cell
	for _, b := range r.hoursBlocks() {
		mode := "straight"
		if b.infix == "_road" {
			mode = "road"
		}
		var ts []float64
		if len(b.res.Categories) > 0 {
			for _, w := range b.res.Categories[0].Within {
				ts = append(ts, w.Threshold)
			}
		}
		for _, s := range openhours.SlotShares(b.res, r.Villages, ts) {
			rows = append(rows, []table.Cell{table.Str(mode), table.Str(s.Category), table.Str(s.Slot),
				table.Float(s.Threshold, -1), table.Str(b.unit), table.Str(s.Level), table.Str(s.Code),
				table.Int(s.Villages), table.Float(s.Yes, -1), table.Float(s.No, -1), table.Float(s.Unknown, -1),
				table.Float(s.Share, DecimalsShare), table.NullCell, table.NullCell, table.NullCell, table.NullCell})
		}
		for _, g := range openhours.Gains(b.res, r.Villages) {
			rows = append(rows, []table.Cell{table.Str(mode), table.Str(g.Category), table.NullCell,
				table.Float(g.Threshold, -1), table.Str(b.unit), table.Str(g.Level), table.Str(g.Code),
				table.Int(g.Villages), table.NullCell, table.NullCell, table.NullCell, table.NullCell,
				table.Float(g.MeanHours, DecimalsHours), table.Float(g.MeanDomestic, DecimalsHours),
				table.Float(g.MeanGain, DecimalsHours), table.Int(g.Unknown)})
		}
	}
	return table.FromRows(cols, rows)
}

// ThresholdLabel names a threshold with its unit ("1200m", "15min").
func ThresholdLabel(t float64, unit string) string { return strconv.FormatFloat(t, 'f', -1, 64) + unit }
