package analysis

import (
	"context"
	"errors"
	"math"
	"testing"

	"github.com/paulmach/orb"

	"github.com/partons/partons/datasets"
	"github.com/partons/partons/geo/road"
	"github.com/partons/partons/travel"
)

// resultWith builds a Result by hand: one category, the given nearest
// distances (NaN = unknown through coverage) and populations (NaN = unknown).
func resultWith(area []string, country []string, pops, dists []float64) *Result {
	r := &Result{Params: DefaultParams(), Categories: []string{"gp"}}
	r.Params.ThresholdsM = []float64{1000, 3000}
	r.Params.CrossBorder = false
	for i := range pops {
		v := datasets.Village{ID: itoa(i), AreaCode: area[i], AreaName: "area " + area[i], Country: country[i]}
		if !math.IsNaN(pops[i]) {
			v.Population, v.HasPopulation = pops[i], true
		}
		r.Villages = append(r.Villages, v)
		cr := CategoryResult{NearestM: dists[i]}
		if math.IsNaN(dists[i]) {
			cr.Status = StatusNotCovered
		}
		r.Rows = append(r.Rows, VillageResult{Cats: []CategoryResult{cr}})
	}
	return r
}

func TestAggregatesHandComputed(t *testing.T) {
	nan := math.NaN()
	r := resultWith(
		[]string{"X", "X", "X", "X", "Y"},
		[]string{"AA", "AA", "AA", "AA", "BB"},
		[]float64{100, 200, nan, 300, 50},
		[]float64{500, 2000, 100, nan, 4000},
	)
	aggs := AggregatesOf(r)
	// Levels: areas X, Y; countries AA, BB; all.
	if len(aggs) != 5 {
		t.Fatalf("%d aggregates, want 5", len(aggs))
	}
	x := aggs[0]
	if x.Level != LevelArea || x.Code != "X" || x.Country != "AA" {
		t.Fatalf("first aggregate %+v, want area X", x)
	}
	checks := []struct {
		name      string
		got, want float64
	}{
		{"villages", float64(x.Villages), 4},
		{"villages known", float64(x.VillagesKnown), 3}, // unknown population still has a distance
		{"population unknown villages", float64(x.VillagesPopulationUnknown), 1},
		{"population known", x.PopulationKnown, 600},
		{"population measured", x.PopulationMeasured, 300},
		{"access unknown", x.PopulationAccessUnknown, 300},
		{"share ≤1000", x.ShareWithin[0], 100.0 / 300},
		{"share ≤3000", x.ShareWithin[1], 1},
		{"mean", x.Mean, (500*100 + 2000*200) / 300.0},
		// Weighted empirical quantile: cumulative weights 1/3 at 500 m, 1 at 2000 m.
		{"median", x.Median, 2000},
		{"p90", x.P90, 2000},
	}
	for _, c := range checks {
		if math.Abs(c.got-c.want) > 1e-9 {
			t.Errorf("area X %s = %v, want %v", c.name, c.got, c.want)
		}
	}
	all := aggs[4]
	if all.Level != LevelAll || all.Villages != 5 || all.PopulationMeasured != 350 {
		t.Errorf("all = %+v", all)
	}
	if got, want := all.ShareWithin[1], 300.0/350; math.Abs(got-want) > 1e-12 {
		t.Errorf("all share ≤3000 = %v, want %v", got, want)
	}
	// Lower quantile: cumulative 100/350 at 500, 300/350 at 2000, 1 at 4000.
	if all.Median != 2000 || all.P90 != 4000 {
		t.Errorf("all median/p90 = %v/%v, want 2000/4000", all.Median, all.P90)
	}
}

func TestAggregatesNoServiceIsInfiniteNotZero(t *testing.T) {
	r := resultWith([]string{"X", "X"}, []string{"AA", "AA"}, []float64{10, 30}, []float64{200, math.NaN()})
	r.Rows[1].Cats[0].Status = StatusNoService // covered, none exists
	a := AggregatesOf(r)[0]
	if a.PopulationMeasured != 40 {
		t.Fatalf("measured = %v, want 40 (no service is a known answer)", a.PopulationMeasured)
	}
	if a.ShareWithin[1] != 0.25 {
		t.Errorf("share = %v, want 0.25", a.ShareWithin[1])
	}
	if !math.IsNaN(a.Mean) || !math.IsNaN(a.Median) {
		t.Errorf("mean/median = %v/%v; with 3/4 of people unserved both are infinite, reported NaN", a.Mean, a.Median)
	}
}

func TestAggregatesSharesMonotonic(t *testing.T) {
	r := resultWith([]string{"X", "X", "X"}, []string{"AA", "AA", "AA"}, []float64{1, 2, 3}, []float64{10, 1500, 9000})
	for _, a := range AggregatesOf(r) {
		for k := 1; k < len(a.ShareWithin); k++ {
			if a.ShareWithin[k] < a.ShareWithin[k-1] {
				t.Fatalf("%s %s: shares %v not monotonic", a.Level, a.Code, a.ShareWithin)
			}
		}
	}
}

// An unreachable village has no road distance: it is unknown in the
// aggregates (no route found), except when a cut-off or a closed border
// in front of a country without the service says there is none.
func TestAggregatesRoadUnreachable(t *testing.T) {
	for _, c := range []struct {
		name       string
		cutoff     bool
		closed     bool
		status     Status
		known      int
		measured   float64
		shareWithN float64
	}{
		{name: "no route: unknown", status: StatusOK, known: 1, measured: 10, shareWithN: 1},
		{name: "closed border, services at home: unknown", closed: true, status: StatusOK, known: 1, measured: 10, shareWithN: 1},
		{name: "closed border, none at home: none", closed: true, status: StatusNoDomesticService, known: 2, measured: 40, shareWithN: 0.25},
		{name: "beyond the cut-off: none", cutoff: true, status: StatusOK, known: 2, measured: 40, shareWithN: 0.25},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := resultWith([]string{"X", "X"}, []string{"AA", "AA"}, []float64{10, 30}, []float64{200, 300})
			rp := DefaultRoadParams(road.Car)
			rp.Graph = tinyGraph(t) // the figures below are set by hand
			rp.ClosedBorder = c.closed
			if c.cutoff {
				rp.MaxTimeMin = 20
			}
			r.Params.Road = rp
			r.Rows[1].Cats[0].Status = c.status
			// The road's answer, as travel.Road gives it: village 0
			// reaches service 0 (500 m, 2 min), village 1 nothing; a
			// cut-off makes that a fact (Definite).
			reach := travel.NewReach(2, 2, travel.RoadUnreachable)
			reach.Service[0], reach.Cost[0], reach.Status[0] = 0, 2, travel.CodeOK
			reach.Metrics[0][0], reach.Metrics[1][0] = 500, 2
			if c.cutoff {
				reach.Definite = []bool{false, true}
			}
			ci := &catIndex{name: "gp", parts: []catPart{{svc: []int32{0}}}}
			b, err := r.block(context.Background(), travel.RoadSchema(road.Time, c.closed),
				answered{reach: [][]travel.Reach{{reach}}}, []*catIndex{ci})
			if err != nil {
				t.Fatal(err)
			}
			b.road = true
			r.Modes = []*ModeBlock{b}
			var a *Aggregate
			aggs := AggregatesForOf(r, BasisRoadM)
			for i := range aggs {
				if aggs[i].Level == LevelArea {
					a = &aggs[i]
				}
			}
			if a == nil {
				t.Fatal("no area aggregate on road_m")
			}
			if a.VillagesKnown != c.known || a.PopulationMeasured != c.measured || a.ShareWithin[0] != c.shareWithN {
				t.Errorf("known %d, measured %v, share ≤1000 m %v; want %d, %v, %v",
					a.VillagesKnown, a.PopulationMeasured, a.ShareWithin[0], c.known, c.measured, c.shareWithN)
			}
		})
	}
}

// tinyGraph is one 100 m street.
func tinyGraph(tb testing.TB) *road.Graph {
	tb.Helper()
	vs := []orb.Point{{0, 0}, {0.0009, 0}}
	g, err := road.Build(road.Car, vs, []road.EdgeSpec{{From: 0, To: 1, LengthM: 100, Forward: true, Backward: true, SpeedKmh: 30, Geometry: orb.LineString(vs)}})
	if err != nil {
		tb.Fatal(err)
	}
	return g
}

// answered is a travel.Snapped whose Nearest gives a fixed answer, with
// every place joined.
type answered struct{ reach [][]travel.Reach }

func (answered) Village(int) travel.Snap       { return travel.Snap{DistM: 0, OK: true} }
func (answered) Service(int) travel.Snap       { return travel.Snap{DistM: 0, OK: true} }
func (answered) VillageValue(int, int) float64 { return 0 }
func (a answered) Nearest(context.Context, []travel.Category) ([][]travel.Reach, error) {
	return a.reach, nil
}
func (answered) Costs(context.Context, []int32, float64) (*travel.Costs, error) {
	return nil, errors.New("no costs")
}
