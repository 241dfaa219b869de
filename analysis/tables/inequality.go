package tables

import (
	"math"

	"github.com/partons/partons/analysis"
	"github.com/partons/partons/analysis/access"
	"github.com/partons/partons/datasets/table"
)

// Inequality is inequality.csv: per level (area, country, all),
// category and model, the population-weighted distribution of access:
// mean, Gini, Theil, Palma, percentiles, and the population left without
// a value (no service within the catchment).
func Inequality(r *analysis.Result) table.Table {
	cols := []table.Column{{Name: "level"}, {Name: "code"}, {Name: "category"}, {Name: "model"},
		{Name: "villages_not_covered", Kind: table.Number},
		{Name: "population", Kind: table.Number, Decimals: -1}, {Name: "population_reached", Kind: table.Number, Decimals: -1},
		{Name: "mean", Kind: table.Number, Decimals: 8}, {Name: "gini", Kind: table.Number, Decimals: 4},
		{Name: "theil", Kind: table.Number, Decimals: 4}, {Name: "palma", Kind: table.Number, Decimals: 4},
		{Name: "p10", Kind: table.Number, Decimals: 8}, {Name: "p50", Kind: table.Number, Decimals: 8}, {Name: "p90", Kind: table.Number, Decimals: 8},
		{Name: "share_without_value", Kind: table.Number, Decimals: 4}}
	var rows [][]table.Cell
	weights := make([]float64, len(r.Villages))
	levels := []struct {
		name  analysis.Level
		group func(v int) string
	}{
		{analysis.LevelArea, func(v int) string { return r.Villages[v].AreaCode }},
		{analysis.LevelCountry, func(v int) string { return r.Villages[v].Country }},
		{analysis.LevelAll, func(int) string { return "" }},
	}
	for v := range r.Villages {
		if r.Villages[v].HasPopulation {
			weights[v] = r.Villages[v].Population
		}
	}
	for c, cat := range r.Categories {
		w := make([]float64, len(weights))
		for v := range w {
			w[v] = weights[v]
			if st := r.Rows[v].Cats[c].Status; st == analysis.StatusNotCovered || st == analysis.StatusDomesticNotCovered {
				w[v] = math.NaN() // not covered at home: unknown, not "no access"
			}
		}
		for mi, ms := range r.Params.Models {
			values := r.ModelValues(c, mi)
			for _, lv := range levels {
				groups := make([]string, len(r.Villages))
				for v := range groups {
					groups[v] = lv.group(v)
				}
				keys, stats := access.InequalityByGroup(values, w, groups, math.Inf(1))
				for k, st := range stats {
					if lv.name == analysis.LevelArea && keys[k] == "" {
						continue
					}
					without := math.NaN()
					if st.Population > 0 {
						without = 1 - st.Reached/st.Population
					}
					rows = append(rows, []table.Cell{table.Str(string(lv.name)), table.Str(keys[k]), table.Str(cat), table.Str(ms.Name()),
						table.Int(st.Skipped), table.Float(st.Population, -1), table.Float(st.Reached, -1), table.Float(st.Mean, 8),
						table.Float(st.Gini, 4), table.Float(st.Theil, 4), table.Float(st.Palma, 4),
						table.Float(st.P10, 8), table.Float(st.P50, 8), table.Float(st.P90, 8), table.Float(without, 4)})
				}
			}
		}
	}
	return table.FromRows(cols, rows)
}
