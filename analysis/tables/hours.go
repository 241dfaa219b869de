package tables

import (
	"math"

	"github.com/partons/partons/analysis"
	"github.com/partons/partons/analysis/openhours"
	"github.com/partons/partons/datasets/table"
)

// hoursBlocks are the open-hour results of the run's travel modes, with
// the column infix and unit of each: straight line, then road.
func hoursBlocks(r *analysis.Result) []hoursBlock {
	oh := r.OpenHours
	if oh == nil {
		return nil
	}
	out := []hoursBlock{{"", "m", analysis.DecimalsM, oh.Straight}}
	if oh.Road != nil {
		dec := analysis.DecimalsM
		if oh.RoadUnit == "min" {
			dec = analysis.DecimalsMin
		}
		out = append(out, hoursBlock{"_road", oh.RoadUnit, dec, oh.Road})
	}
	return out
}

type hoursBlock struct {
	infix, unit string
	decimals    int
	res         *openhours.Result
}

// hoursVillageColumns are the villages table's opening-hours columns, per
// travel mode and category: the nearest service open in each slot, and
// the hours a week a service within each threshold is open (with the
// border gain when the run splits domestic and abroad).
func hoursVillageColumns(r *analysis.Result) []table.Column {
	var cols []table.Column
	for _, b := range hoursBlocks(r) {
		for _, c := range b.res.Categories {
			pre := c.Name + b.infix + "_open_"
			for _, sr := range c.Slots {
				cols = append(cols, table.Column{Name: pre + sr.Slot + "_" + b.unit, Kind: table.Number, Decimals: b.decimals, Unit: b.unit},
					table.Column{Name: pre + sr.Slot + "_status"})
			}
			for _, w := range c.Within {
				t := analysis.ThresholdLabel(w.Threshold, b.unit)
				cols = append(cols, table.Column{Name: pre + "hours_within_" + t, Kind: table.Number, Decimals: analysis.DecimalsHours, Unit: "h"},
					table.Column{Name: pre + "hours_within_" + t + "_status"})
				if r.Params.CrossBorder {
					cols = append(cols, table.Column{Name: pre + "hours_gain_within_" + t, Kind: table.Number, Decimals: analysis.DecimalsHours, Unit: "h"})
				}
			}
		}
	}
	return cols
}

// hoursVillageCells appends village i's opening-hours cells.
func hoursVillageCells(r *analysis.Result, cells []table.Cell, i int) []table.Cell {
	for _, b := range hoursBlocks(r) {
		for _, c := range b.res.Categories {
			for _, sr := range c.Slots {
				cells = append(cells, table.Float(sr.Cost[i], b.decimals), table.Str(string(sr.Status[i])))
			}
			for _, w := range c.Within {
				cells = append(cells, table.Float(w.Minutes[i]/60, analysis.DecimalsHours), table.Str(string(w.Status[i])))
				if r.Params.CrossBorder {
					cells = append(cells, table.Float(w.Gain(i)/60, analysis.DecimalsHours))
				}
			}
		}
	}
	return cells
}

// OpenHours is the population aggregates of the open-hour metrics,
// per travel mode (straight, road), category, threshold and level
// (all, country, area): one row per slot with the share of people with a
// service open in the slot within the threshold (population yes, no and
// unknown), and one row (slot empty) with the border gain in open hours
// (population-weighted mean hours a week with every service, with the
// services at home, and their difference). Empty without opening hours.
func OpenHours(r *analysis.Result) table.Table {
	cols := []table.Column{{Name: "mode"}, {Name: "category"}, {Name: "slot"},
		{Name: "threshold", Kind: table.Number, Decimals: -1}, {Name: "unit"}, {Name: "level"}, {Name: "code"},
		{Name: "villages", Kind: table.Number, Unit: "villages"},
		{Name: "population_yes", Kind: table.Number, Decimals: -1, Unit: "people"},
		{Name: "population_no", Kind: table.Number, Decimals: -1, Unit: "people"},
		{Name: "population_unknown", Kind: table.Number, Decimals: -1, Unit: "people"},
		{Name: "share_open", Kind: table.Number, Decimals: analysis.DecimalsShare, Unit: "share"},
		{Name: "mean_open_hours", Kind: table.Number, Decimals: analysis.DecimalsHours, Unit: "h"},
		{Name: "mean_domestic_open_hours", Kind: table.Number, Decimals: analysis.DecimalsHours, Unit: "h"},
		{Name: "mean_gain_open_hours", Kind: table.Number, Decimals: analysis.DecimalsHours, Unit: "h"},
		{Name: "villages_unknown", Kind: table.Number, Unit: "villages"}}
	var rows [][]table.Cell
	for _, b := range hoursBlocks(r) {
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
				table.Float(s.Share, analysis.DecimalsShare), table.NullCell, table.NullCell, table.NullCell, table.NullCell})
		}
		for _, g := range openhours.Gains(b.res, r.Villages) {
			rows = append(rows, []table.Cell{table.Str(mode), table.Str(g.Category), table.NullCell,
				table.Float(g.Threshold, -1), table.Str(b.unit), table.Str(g.Level), table.Str(g.Code),
				table.Int(g.Villages), table.NullCell, table.NullCell, table.NullCell, table.NullCell,
				table.Float(g.MeanHours, analysis.DecimalsHours), table.Float(g.MeanDomestic, analysis.DecimalsHours),
				table.Float(g.MeanGain, analysis.DecimalsHours), table.Int(g.Unknown)})
		}
	}
	return table.FromRows(cols, rows)
}

// OpenHoursDelta compares the open-hour metrics of a scenario variant with
// its base, village by village (matched by id): one row per village,
// travel mode, category and metric whose value or status changed —
// the cost to the nearest service open in a slot (m or min) and the
// hours a week a service within a threshold is open (h). Empty when
// either has no opening hours. Rows follow the variant's villages, then
// the modes, categories and metrics in column order.
func OpenHoursDelta(base, variant *analysis.Result) table.Table {
	cols := []table.Column{{Name: "village_id"}, {Name: "mode"}, {Name: "category"}, {Name: "metric"}, {Name: "unit"},
		{Name: "base", Kind: table.Number, Decimals: -1}, {Name: "variant", Kind: table.Number, Decimals: -1},
		{Name: "change", Kind: table.Number, Decimals: -1}, {Name: "base_status"}, {Name: "variant_status"}}
	var rows [][]table.Cell
	bb, vb := hoursBlocks(base), hoursBlocks(variant)
	if len(bb) == 0 || len(vb) == 0 {
		return table.FromRows(cols, nil)
	}
	bpos := make(map[string]int, len(base.Villages))
	for i := range base.Villages {
		bpos[base.Villages[i].ID] = i
	}
	round := func(v float64, dec int) float64 {
		if math.IsNaN(v) {
			return v
		}
		p := math.Pow(10, float64(dec))
		return math.Round(v*p) / p
	}
	for vi := range variant.Villages {
		id := variant.Villages[vi].ID
		bi, ok := bpos[id]
		if !ok {
			continue // an added village has no base to compare with
		}
		for k, v := range vb {
			if k >= len(bb) || bb[k].infix != v.infix || bb[k].unit != v.unit {
				continue
			}
			mode := "straight"
			if v.infix == "_road" {
				mode = "road"
			}
			for _, vc := range v.res.Categories {
				var bc *openhours.Category
				for n := range bb[k].res.Categories {
					if bb[k].res.Categories[n].Name == vc.Name {
						bc = &bb[k].res.Categories[n]
					}
				}
				if bc == nil {
					continue
				}
				add := func(metric, unit string, dec int, b, vv float64, bs, vs string) {
					b, vv = round(b, dec), round(vv, dec)
					if bs == vs && (b == vv || (math.IsNaN(b) && math.IsNaN(vv))) {
						return
					}
					rows = append(rows, []table.Cell{table.Str(id), table.Str(mode), table.Str(vc.Name), table.Str(metric), table.Str(unit),
						table.Float(b, dec), table.Float(vv, dec), table.Float(vv-b, dec), table.Str(bs), table.Str(vs)})
				}
				for s := range vc.Slots {
					if s >= len(bc.Slots) || bc.Slots[s].Slot != vc.Slots[s].Slot {
						continue
					}
					add("open_"+vc.Slots[s].Slot+"_"+v.unit, v.unit, v.decimals, bc.Slots[s].Cost[bi], vc.Slots[s].Cost[vi],
						string(bc.Slots[s].Status[bi]), string(vc.Slots[s].Status[vi]))
				}
				for w := range vc.Within {
					if w >= len(bc.Within) || bc.Within[w].Threshold != vc.Within[w].Threshold {
						continue
					}
					add("open_hours_within_"+analysis.ThresholdLabel(vc.Within[w].Threshold, v.unit), "h", analysis.DecimalsHours,
						bc.Within[w].Minutes[bi]/60, vc.Within[w].Minutes[vi]/60,
						string(bc.Within[w].Status[bi]), string(vc.Within[w].Status[vi]))
				}
			}
		}
	}
	return table.FromRows(cols, rows)
}
