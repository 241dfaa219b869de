package tables

import (
	"slices"
	"strconv"

	"github.com/partons/partons/analysis"
	"github.com/partons/partons/datasets/table"
)

// Areas is areas.csv: one row per aggregate (see Aggregates).
func Areas(r *analysis.Result, aggs []analysis.Aggregate) table.Table {
	ts := r.Params.ThresholdsM
	cols := []table.Column{
		{Name: "level"}, {Name: "code"}, {Name: "name"}, {Name: "country"}, {Name: "category"}, {Name: "basis"},
		{Name: "villages", Kind: table.Number}, {Name: "villages_known", Kind: table.Number},
		{Name: "villages_population_unknown", Kind: table.Number},
		{Name: "population_known", Kind: table.Number, Decimals: -1, Unit: "people"},
		{Name: "population_measured", Kind: table.Number, Decimals: -1, Unit: "people"},
		{Name: "population_access_unknown", Kind: table.Number, Decimals: -1, Unit: "people"},
	}
	for _, t := range ts {
		cols = append(cols, table.Column{Name: "share_within_" + analysis.ThresholdName(t), Kind: table.Number, Decimals: analysis.DecimalsShare, Unit: "share"})
	}
	tmin := minuteColumns(r)
	for _, t := range tmin {
		cols = append(cols, table.Column{Name: "share_within_" + strconv.FormatFloat(t, 'f', -1, 64) + "min", Kind: table.Number, Decimals: analysis.DecimalsShare, Unit: "share"})
	}
	for _, u := range []string{"m", "min"} {
		if u == "min" && tmin == nil {
			continue
		}
		dec := analysis.DecimalsM
		if u == "min" {
			dec = analysis.DecimalsMin
		}
		for _, st := range []string{"mean", "median", "p90"} {
			cols = append(cols, table.Column{Name: st + "_" + u, Kind: table.Number, Decimals: dec, Unit: u})
		}
	}
	statuses := modeStatuses(r)
	for _, st := range statuses {
		cols = append(cols, table.Column{Name: "villages_" + st, Kind: table.Number},
			table.Column{Name: "population_" + st, Kind: table.Number, Decimals: -1, Unit: "people"})
	}
	rows := make([][]table.Cell, 0, len(aggs))
	for _, a := range aggs {
		row := []table.Cell{table.Str(string(a.Level)), table.Str(a.Code), table.Str(a.Name), table.Str(a.Country),
			table.Str(a.Category), table.Str(string(a.Basis)),
			table.Int(a.Villages), table.Int(a.VillagesKnown), table.Int(a.VillagesPopulationUnknown),
			table.Float(a.PopulationKnown, -1), table.Float(a.PopulationMeasured, -1), table.Float(a.PopulationAccessUnknown, -1)}
		minutes := a.Basis.Unit() == "min"
		// Each column's threshold is looked up among the aggregate's own
		// (a further mode may have thresholds of its own).
		own := r.Thresholds(a.Basis)
		shares := func(ts []float64, on bool) {
			for _, t := range ts {
				k := slices.Index(own, t)
				if on && k >= 0 && k < len(a.ShareWithin) {
					row = append(row, table.Float(a.ShareWithin[k], analysis.DecimalsShare))
				} else {
					row = append(row, table.NullCell)
				}
			}
		}
		shares(ts, !minutes)
		shares(tmin, minutes)
		stats := func(on bool, dec int) {
			for _, v := range []float64{a.Mean, a.Median, a.P90} {
				if on {
					row = append(row, table.Float(v, dec))
				} else {
					row = append(row, table.NullCell)
				}
			}
		}
		stats(!minutes, analysis.DecimalsM)
		if tmin != nil {
			stats(minutes, analysis.DecimalsMin)
		}
		for _, st := range statuses {
			k := slices.IndexFunc(a.Statuses, func(c analysis.StatusCount) bool { return c.Status == st })
			if k < 0 {
				row = append(row, table.NullCell, table.NullCell)
				continue
			}
			row = append(row, table.Int(a.Statuses[k].Villages), table.Float(a.Statuses[k].Population, -1))
		}
		rows = append(rows, row)
	}
	return table.FromRows(cols, rows)
}

// minuteColumns are the thresholds of areas.csv's share_within_{T}min
// columns: every time basis's, ascending, each once; nil when no basis
// measures minutes.
func minuteColumns(r *analysis.Result) []float64 {
	out := slices.Clone(r.TimeThresholds())
	for _, b := range r.Modes {
		for _, t := range r.Params.ModeThresholdsMin[b.Schema.Name] {
			if !slices.Contains(out, t) {
				out = append(out, t)
			}
		}
	}
	slices.Sort(out)
	return out
}

// modeStatuses are the statuses of every further mode, each once, in
// mode and schema order: the villages_{status} and population_{status}
// columns of areas.csv.
func modeStatuses(r *analysis.Result) []string {
	var out []string
	for _, b := range r.Modes {
		for _, st := range b.Schema.Statuses {
			if !slices.Contains(out, st.Code) {
				out = append(out, st.Code)
			}
		}
	}
	return out
}
