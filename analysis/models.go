package analysis

import (
	"context"
	"fmt"
	"math"

	"github.com/paulmach/orb"

	"github.com/partons/partons/analysis/access"
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

// ModelDecimals is the decimals of a model's values in outputs: costs in
// their unit, ratios and weighted sums with eight decimals (2SFCA ratios
// are around 1e-4).
func (r *Result) ModelDecimals(m ModelSpec) int {
	if m.Model.Kind == access.Nearest {
		if r.costUnit() == "min" {
			return DecimalsMin
		}
		return DecimalsM
	}
	return 8
}

// ModelValues returns model mi's (Params.Models) value per village for
// category position c: NaN where the model gives none (no service within
// the catchment, data not covering the village's country).
func (r *Result) ModelValues(c, mi int) []float64 { return r.models[c][mi].values }

// ModelServiceStats returns model mi's figures per service (by index in
// Services) for category position c.
func (r *Result) ModelServiceStats(c, mi int) map[int32]access.ServiceStat {
	return r.models[c][mi].perService
}
