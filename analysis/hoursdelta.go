package analysis

import (
	"math"

	"github.com/partons/partons/analysis/openhours"
	"github.com/partons/partons/datasets/table"
)

// OpenHoursDelta compares the open-hour metrics of a scenario variant with
// its base, village by village (matched by id): one row per village,
// travel mode, category and metric whose value or status changed —
// the cost to the nearest service open in a slot (m or min) and the
// hours a week a service within a threshold is open (h). Empty when
// either has no opening hours. Rows follow the variant's villages, then
// the modes, categories and metrics in column order.
func OpenHoursDelta(base, variant *Result) table.Table {
	cols := []table.Column{{Name: "village_id"}, {Name: "mode"}, {Name: "category"}, {Name: "metric"}, {Name: "unit"},
		{Name: "base", Kind: table.Number, Decimals: -1}, {Name: "variant", Kind: table.Number, Decimals: -1},
		{Name: "change", Kind: table.Number, Decimals: -1}, {Name: "base_status"}, {Name: "variant_status"}}
	var rows [][]table.Cell
	bb, vb := base.hoursBlocks(), variant.hoursBlocks()
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
					add("open_hours_within_"+ThresholdLabel(vc.Within[w].Threshold, v.unit), "h", DecimalsHours,
						bc.Within[w].Minutes[bi]/60, vc.Within[w].Minutes[vi]/60,
						string(bc.Within[w].Status[bi]), string(vc.Within[w].Status[vi]))
				}
			}
		}
	}
	return table.FromRows(cols, rows)
}
