package analysis

import (
	"context"
	"fmt"
	"math"

	"github.com/paulmach/orb"

	"github.com/partons/partons/analysis/access"
	"github.com/partons/partons/datasets/table"
	"github.com/partons/partons/geo/road"
	"github.com/partons/partons/travel"
)

// ModelSpec is an accessibility model computed for every category in a
// run (see analysis/access): its values go to `{cat}_access_{name}`.
type ModelSpec struct {
	Model access.Model
	Decay access.Decay
}

// Name is the model's column suffix ("2sfca", "nearest3", …).
func (m ModelSpec) Name() string { return m.Model.String() }

// modelOut is one category's values for one model.
type modelOut struct {
	values     []float64 // per village; NaN when the model gives no value
	perService map[int32]access.ServiceStat
}

// costUnit is the unit of the costs the models see: "min" on a road
// network routed by time, "m" otherwise.
func (r *Result) costUnit() string {
	if rp := r.Params.Road; rp != nil && rp.Graph != nil && rp.RouteBy == road.Time {
		return "min"
	}
	return "m"
}

// computeModels runs every model for every category. Costs are road
// costs on a network (minutes when routed by time, metres by length),
// otherwise straight-line geodesic metres, within Params.Catchment.
// Demand is village population; villages of unknown population add no
// demand (they still get the access their catchment offers). Supply is
// capacity, 1 when unknown.
//
// Coverage: where the data does not cover a category in a village's own
// country, that village neither adds demand (its people use services the
// data does not list) nor gets a value; where only another country is not
// covered (status abroad_not_covered) the value ignores the services
// abroad that the data lacks, as the status says.
func (r *Result) computeModels(ctx context.Context, cats []*catIndex) error {
	p := r.Params
	if len(p.Models) == 0 {
		return nil
	}
	catchment := p.Catchment
	vpts := make([]orb.Point, len(r.Villages))
	demand := make([]float64, len(r.Villages))
	for i := range r.Villages {
		vpts[i] = r.Villages[i].Location
		if r.Villages[i].HasPopulation {
			demand[i] = r.Villages[i].Population
		}
	}
	r.models = make([][]modelOut, len(cats))
	for c, ci := range cats {
		home := make([]bool, len(r.Villages))
		dem := make([]float64, len(r.Villages))
		for i := range r.Villages {
			st := r.Rows[i].Cats[c].Status
			home[i] = st != StatusNotCovered && st != StatusDomesticNotCovered
			if home[i] {
				dem[i] = demand[i]
			}
		}
		var svc []int32
		for _, part := range ci.parts {
			svc = append(svc, part.svc...)
		}
		spts := make([]orb.Point, len(svc))
		supply := make([]float64, len(svc))
		for k, s := range svc {
			spts[k] = r.Services[s].Location
			supply[k] = 1
			if r.Services[s].HasCapacity {
				supply[k] = r.Services[s].Capacity
			}
		}
		var costs *travel.Costs
		var err error
		if r.road != nil {
			// The road mode the metrics used: the same snaps, and a closed
			// border stays closed for the models too.
			costs, err = r.road.snapped.Costs(ctx, svc, catchment)
		} else {
			costs, err = travel.GeodesicCosts(ctx, vpts, spts, catchment, p.Workers)
		}
		if err != nil {
			return fmt.Errorf("analysis: %s: %w", ci.name, err)
		}
		for _, ms := range p.Models {
			m := ms.Model
			m.MaxCost = catchment
			values, ok, per, err := access.Compute(costs, dem, supply, m, ms.Decay)
			if err != nil {
				return fmt.Errorf("analysis: %s %s: %w", ci.name, ms.Name(), err)
			}
			out := modelOut{values: values, perService: map[int32]access.ServiceStat{}}
			for i := range out.values {
				if !ok[i] || !home[i] {
					out.values[i] = math.NaN()
				}
			}
			for k, s := range svc {
				out.perService[s] = per[k]
			}
			r.models[c] = append(r.models[c], out)
		}
	}
	return nil
}

// modelDecimals formats model values: costs in their unit, ratios and
// weighted sums with eight decimals (2SFCA ratios are around 1e-4).
func (r *Result) modelDecimals(m ModelSpec) int {
	if m.Model.Kind == access.Nearest {
		if r.costUnit() == "min" {
			return DecimalsMin
		}
		return DecimalsM
	}
	return 8
}

// InequalityTable is inequality.csv: per level (area, country, all),
// category and model, the population-weighted distribution of access:
// mean, Gini, Theil, Palma, percentiles, and the population left without
// a value (no service within the catchment).
func (r *Result) InequalityTable() table.Table {
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
		name  Level
		group func(v int) string
	}{
		{LevelArea, func(v int) string { return r.Villages[v].AreaCode }},
		{LevelCountry, func(v int) string { return r.Villages[v].Country }},
		{LevelAll, func(int) string { return "" }},
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
			if st := r.Rows[v].Cats[c].Status; st == StatusNotCovered || st == StatusDomesticNotCovered {
				w[v] = math.NaN() // not covered at home: unknown, not "no access"
			}
		}
		for mi, ms := range r.Params.Models {
			values := r.models[c][mi].values
			for _, lv := range levels {
				groups := make([]string, len(r.Villages))
				for v := range groups {
					groups[v] = lv.group(v)
				}
				keys, stats := access.InequalityByGroup(values, w, groups, math.Inf(1))
				for k, st := range stats {
					if lv.name == LevelArea && keys[k] == "" {
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
