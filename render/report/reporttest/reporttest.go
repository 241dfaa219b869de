// Package reporttest holds the fixtures the tests of report.html and of
// the GIS layers share: the embedded Westhoek sample computed as a run
// computes it, and Bus, a public-transport double with answers given by
// each village's position.
//
// Units as in analysis: metres and minutes. Demo computes the sample once
// per test binary and returns the same *analysis.Result to every caller:
// callers must not modify it. Everything else is safe for concurrent use.
package reporttest

import (
	"context"
	"fmt"
	"io"
	"math"
	"sync"
	"testing"

	"github.com/paulmach/orb"

	"github.com/partons/partons/analysis"
	"github.com/partons/partons/analysis/tables"
	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/geojsonio/collection"
	"github.com/partons/partons/datasets/load"
	"github.com/partons/partons/datasets/taxonomy"
	"github.com/partons/partons/datasets/westhoek"
	"github.com/partons/partons/travel"
)

var (
	demoOnce sync.Once
	demoRes  *analysis.Result
	demoMeta westhoek.Metadata
	demoErr  error
)

// Demo computes the embedded Westhoek sample once, as `partons run` does:
// taxonomy, default basket, the sample's coverage metadata. tb may be nil
// in examples: an error then panics.
func Demo(tb testing.TB) (*analysis.Result, westhoek.Metadata) {
	if tb != nil {
		tb.Helper()
	}
	demoOnce.Do(func() {
		villages, _, err := load.Villages([]load.Source{load.Bytes(westhoek.VillagesFile, westhoek.Villages())}, datasets.DefaultVillageSchema())
		if err != nil {
			demoErr = err
			return
		}
		services, _, err := load.Services([]load.Source{load.Bytes(westhoek.ServicesFile, westhoek.Services())}, datasets.DefaultServiceSchema())
		if err != nil {
			demoErr = err
			return
		}
		tax := taxonomy.Default()
		for i := range services {
			services[i].Category, _ = tax.Map(services[i].Raw)
		}
		if demoMeta, demoErr = westhoek.ReadMetadata(); demoErr != nil {
			return
		}
		p := analysis.DefaultParams()
		for _, m := range taxonomy.DefaultBasket() {
			p.Basket = append(p.Basket, analysis.BasketMember{Name: m.Name, Categories: m.Categories})
		}
		p.Coverage = analysis.Coverage{}
		for _, c := range demoMeta.Coverage {
			p.Coverage.Set(c.Category, c.Country, c.Covered)
		}
		demoRes, demoErr = analysis.Compute(context.Background(), villages, services, p)
	})
	if demoErr != nil {
		if tb == nil {
			panic(demoErr)
		}
		tb.Fatal(demoErr)
	}
	return demoRes, demoMeta
}

// WithBus recomputes res with Bus as a further travel mode named
// "transit", on thresholds of 30 and 60 minutes.
func WithBus(tb testing.TB, res *analysis.Result) *analysis.Result {
	tb.Helper()
	p := res.Params
	p.Modes = []travel.Mode{Bus{}}
	p.ModeThresholdsMin = map[string][]float64{"transit": {30, 60}}
	r, err := analysis.Compute(context.Background(), res.Villages, res.Services, p)
	if err != nil {
		tb.Fatal(err)
	}
	return r
}

// Bus is a public-transport mode with answers given by the village's
// position: v%5 = 0, 1 ok in BusMin(v) minutes (best 5 less), 2
// walk_only at 15 minutes, 3 no_service (a fact: beyond the longest
// journey), 4 off the network. BusCode(v) is the status code.
type Bus struct{}

var _ travel.Mode = Bus{}

// BusCode is village v's status code under Bus: 0 ok, 1 walk_only,
// 2 no_service, 3 unsnapped.
func BusCode(v int) travel.Code { return []travel.Code{0, 0, 1, 2, 3}[v%5] }

// BusMin is village v's time under Bus when it is ok: 10 + (7v mod 80)
// minutes.
func BusMin(v int) float64 { return float64(10 + (7*v)%80) }

// Schema is the public-transport schema: min (aggregated), best_min,
// statuses walk_only, no_service, unsnapped and the village column
// stop_departures.
func (Bus) Schema() travel.Schema {
	return travel.Schema{Name: "transit", Unit: travel.Minutes, Split: "min",
		Metrics: []travel.Metric{{Name: "min", Unit: travel.Minutes, Decimals: 2, Aggregate: true},
			{Name: "best_min", Unit: travel.Minutes, Decimals: 2}},
		Statuses: []travel.StatusDoc{{Code: "walk_only", Meaning: "on foot"}, {Code: "no_service", Meaning: "none in time"},
			{Code: "unsnapped", Meaning: "off"}},
		VillageColumns: []travel.Metric{{Name: "stop_departures", Unit: travel.Count, Unsnapped: true}}}
}

// Snap snaps every village but those off the network (BusCode 3).
func (Bus) Snap(ctx context.Context, villages, services []travel.Place) (travel.Snapped, error) {
	return busSnapped{len(villages)}, nil
}

type busSnapped struct{ n int }

func (s busSnapped) Village(i int) travel.Snap     { return travel.Snap{OK: BusCode(i) != 3} }
func (s busSnapped) Service(int) travel.Snap       { return travel.Snap{OK: true} }
func (s busSnapped) VillageValue(i, _ int) float64 { return float64(i % 7) }
func (s busSnapped) Costs(context.Context, []int32, float64) (*travel.Costs, error) {
	return travel.NewCosts(s.n, 0, nil)
}
func (s busSnapped) Nearest(_ context.Context, cats []travel.Category) ([][]travel.Reach, error) {
	out := make([][]travel.Reach, len(cats))
	for c, cat := range cats {
		for _, part := range cat.Parts {
			r := travel.NewReach(s.n, 2, 2)
			r.Definite = make([]bool, s.n)
			for i := range s.n {
				r.Status[i] = BusCode(i)
				switch {
				case len(part.Services) == 0:
					r.Status[i] = 2
				case BusCode(i) == 0:
					r.Service[i], r.Cost[i] = part.Services[0], BusMin(i)
					r.Metrics[0][i], r.Metrics[1][i] = BusMin(i), BusMin(i)-5
				case BusCode(i) == 1:
					r.Service[i], r.Cost[i] = part.Services[0], 15
				}
				r.Definite[i] = r.Status[i] == 2
			}
			out[c] = append(out[c], r)
		}
	}
	return out, nil
}

// Synthetic builds a Result by hand: villages with given countries,
// populations and post distances (NaN unknown, +Inf none).
func Synthetic(countries []string, pops []float64, d []float64) *analysis.Result {
	r := &analysis.Result{Categories: []string{"post"}, Countries: []string{"BE", "FR"}, Params: analysis.DefaultParams()}
	for i := range d {
		v := datasets.Village{ID: fmt.Sprint(i), Name: fmt.Sprint("v", i), Country: countries[i], Location: orb.Point{2.5 + 0.01*float64(i), 50.8}}
		if !math.IsNaN(pops[i]) {
			v.Population, v.HasPopulation = pops[i], true
		}
		r.Villages = append(r.Villages, v)
		cr := analysis.CategoryResult{Status: analysis.StatusOK, NearestM: d[i], DomesticM: d[i], AbroadM: math.NaN(), NearestService: -1}
		switch {
		case math.IsNaN(d[i]):
			cr.Status = analysis.StatusDomesticNotCovered
		case math.IsInf(d[i], 1):
			cr.Status, cr.NearestM, cr.DomesticM = analysis.StatusNoService, math.NaN(), math.NaN()
		}
		r.Rows = append(r.Rows, analysis.VillageResult{Cats: []analysis.CategoryResult{cr}})
	}
	return r
}

// PeerGeoJSON is the baseline the report and layer benchmarks are
// measured against in the same run: writing res's villages as
// villages.geojson, the cheapest output of a run.
func PeerGeoJSON(b *testing.B, res *analysis.Result) {
	g := make([]orb.Geometry, len(res.Villages))
	for v := range res.Villages {
		g[v] = res.Villages[v].Geometry
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := collection.Write(io.Discard, tables.Villages(res), g, collection.Options{Name: "villages"}); err != nil {
			b.Fatal(err)
		}
	}
}
