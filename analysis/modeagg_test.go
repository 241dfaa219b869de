package analysis

import (
	"context"
	"math"
	"testing"

	"github.com/partons/partons/datasets"
	"github.com/partons/partons/travel"
)

// fixedMode is a transit-like mode whose answer per village is given: a
// status code, the reached service's cost (minutes) and its median
// metric (NaN for walk_only, whose metrics are empty), and whether
// reaching nothing is a fact (Definite). It answers every part alike.
type fixedMode struct {
	code     []travel.Code
	cost     []float64
	min      []float64
	definite bool
}

var _ travel.Mode = (*fixedMode)(nil)

func (m *fixedMode) Schema() travel.Schema {
	return travel.Schema{Name: "transit", Unit: travel.Minutes, Split: "min",
		Metrics: []travel.Metric{{Name: "min", Unit: travel.Minutes, Decimals: 2, Aggregate: true},
			{Name: "best_min", Unit: travel.Minutes, Decimals: 2}},
		Statuses: []travel.StatusDoc{{Code: "walk_only", Meaning: "on foot"}, {Code: "no_service", Meaning: "none in time"},
			{Code: "unsnapped", Meaning: "off"}}}
}

func (m *fixedMode) Snap(ctx context.Context, villages, services []travel.Place) (travel.Snapped, error) {
	return fixedSnapped{m}, ctx.Err()
}

type fixedSnapped struct{ m *fixedMode }

func (s fixedSnapped) Village(i int) travel.Snap {
	return travel.Snap{OK: s.m.code[i] != 3, DistM: math.NaN()}
}
func (s fixedSnapped) Service(int) travel.Snap { return travel.Snap{OK: true} }
func (s fixedSnapped) VillageValue(int, int) float64 {
	return math.NaN()
}
func (s fixedSnapped) Costs(context.Context, []int32, float64) (*travel.Costs, error) {
	return travel.NewCosts(len(s.m.code), 0, nil)
}

func (s fixedSnapped) Nearest(_ context.Context, cats []travel.Category) ([][]travel.Reach, error) {
	out := make([][]travel.Reach, len(cats))
	for c, cat := range cats {
		for range cat.Parts {
			r := travel.NewReach(len(s.m.code), 2, 2)
			if s.m.definite {
				r.Definite = make([]bool, len(s.m.code))
			}
			for i, code := range s.m.code {
				r.Status[i] = code
				switch code {
				case travel.CodeOK, 1:
					r.Service[i], r.Cost[i] = 0, s.m.cost[i]
					r.Metrics[0][i], r.Metrics[1][i] = s.m.min[i], s.m.min[i]
				case 2:
					if r.Definite != nil {
						r.Definite[i] = true
					}
				}
			}
			out[c] = append(out[c], r)
		}
	}
	return out, nil
}

// TestModeAggregatesHandComputed: six villages of one country, one post
// office, public transport with thresholds 30 and 60 minutes.
//
//	v0 area A1, 100 people, ok 20 min        within 30 and 60
//	v1 area A1, 200 people, ok 45 min        within 60
//	v2 area A1, 300 people, walk_only 25 min within 30 and 60 (on foot)
//	v3 area A2, 400 people, no_service       beyond every threshold when definite
//	v4 area A2, 500 people, unsnapped        unknown
//	v5 area A2, population unknown, ok 10 min
//
// All villages, no_service definite: 1,500 people known, 1,000 measured
// (v4's 500 unknown); within 30 min 100 + 300 = 400 (0.4), within 60 min
// 600 (0.6); the weighted median is 45 min (cumulative 100, 400, 600 of
// 1,000 at 20, 25, 45), the mean and p90 unknown (v3 reaches none).
// Area A2: 400 measured, nobody within 60 minutes. Not definite: v3 is
// unknown too, 600 measured, within 30 min 400/600.
func TestModeAggregatesHandComputed(t *testing.T) {
	nan := math.NaN()
	vs := []datasets.Village{village("v0", "AA", 0.01, 100), village("v1", "AA", 0.02, 200), village("v2", "AA", 0.03, 300),
		village("v3", "AA", 0.04, 400), village("v4", "AA", 0.05, 500), village("v5", "AA", 0.06, nan)}
	for i := range vs {
		vs[i].AreaCode = map[bool]string{true: "A1", false: "A2"}[i < 3]
	}
	svc := []datasets.Service{service("s0", "post", "AA", 0)}
	for _, definite := range []bool{true, false} {
		m := &fixedMode{code: []travel.Code{0, 0, 1, 2, 3, 0}, cost: []float64{20, 45, 25, nan, nan, 10},
			min: []float64{20, 45, nan, nan, nan, 10}, definite: definite}
		p := DefaultParams()
		p.CrossBorder = false
		p.Modes = []travel.Mode{m}
		p.ModeThresholdsMin = map[string][]float64{"transit": {30, 60}}
		r, err := Compute(context.Background(), vs, svc, p)
		if err != nil {
			t.Fatal(err)
		}
		get := func(level Level, code string) Aggregate {
			for _, a := range AggregatesForOf(r, "transit_min") {
				if a.Level == level && a.Code == code && a.Category == "post" {
					return a
				}
			}
			t.Fatalf("no transit_min aggregate %s %s", level, code)
			return Aggregate{}
		}
		all, a1, a2 := get(LevelAll, ""), get(LevelArea, "A1"), get(LevelArea, "A2")
		type want struct {
			measured, unknown float64
			known             int
			shares            []float64
			median            float64
		}
		check := func(name string, a Aggregate, w want) {
			t.Helper()
			if a.PopulationMeasured != w.measured || a.PopulationAccessUnknown != w.unknown || a.VillagesKnown != w.known {
				t.Errorf("definite=%v %s: measured %v unknown %v known %d, want %v %v %d", definite, name,
					a.PopulationMeasured, a.PopulationAccessUnknown, a.VillagesKnown, w.measured, w.unknown, w.known)
			}
			if len(a.ShareWithin) != len(w.shares) {
				t.Fatalf("%s: %d shares, want %d", name, len(a.ShareWithin), len(w.shares))
			}
			for k := range w.shares {
				if math.Abs(a.ShareWithin[k]-w.shares[k]) > 1e-12 {
					t.Errorf("definite=%v %s: share within %v min %v, want %v", definite, name, p.ModeThresholdsMin["transit"][k], a.ShareWithin[k], w.shares[k])
				}
			}
			if !(a.Median == w.median || math.IsNaN(a.Median) && math.IsNaN(w.median)) {
				t.Errorf("definite=%v %s: median %v, want %v", definite, name, a.Median, w.median)
			}
		}
		if definite {
			check("all", all, want{1000, 500, 5, []float64{0.4, 0.6}, 45})
			check("A2", a2, want{400, 500, 2, []float64{0, 0}, nan})
			if !math.IsNaN(all.Mean) || !math.IsNaN(all.P90) {
				t.Errorf("mean %v p90 %v with a village reaching none, want unknown", all.Mean, all.P90)
			}
		} else {
			check("all", all, want{600, 900, 4, []float64{400.0 / 600, 1}, 25})
			check("A2", a2, want{0, 900, 1, []float64{nan, nan}, nan})
		}
		check("A1", a1, want{600, 0, 3, []float64{400.0 / 600, 1}, 25})
		wantStatus := []StatusCount{{"walk_only", 1, 300}, {"no_service", 1, 400}, {"unsnapped", 1, 500}}
		for k, w := range wantStatus {
			if k >= len(all.Statuses) || all.Statuses[k] != w {
				t.Errorf("definite=%v statuses %v, want %v", definite, all.Statuses, wantStatus)
				break
			}
		}
		if got := r.Thresholds("transit_min"); len(got) != 2 || got[0] != 30 || got[1] != 60 {
			t.Errorf("Thresholds(transit_min) = %v", got)
		}
		if got := r.ModeValue("transit_min", 2, 0); got != 25 {
			t.Errorf("walk_only village's value %v, want its walking time 25", got)
		}

		// areas.csv: the transit rows fill their own thresholds and
		// count each status; the nearest rows leave them empty.
		ar := AreaTableOf(r, AggregatesOf(r))
		for _, name := range []string{"share_within_30min", "share_within_60min", "villages_no_service", "population_unsnapped"} {
			if ar.Index(name) < 0 {
				t.Fatalf("areas table lacks %s", name)
			}
		}
		if ar.Index("share_within_5min") >= 0 {
			t.Error("areas table has the default road thresholds although no basis uses them")
		}
		for i := range ar.Len {
			row := ar.Row(i, nil)
			cell := func(name string) string { return row[ar.Index(name)].Text() }
			if cell("level") != "all" {
				continue
			}
			switch cell("basis") {
			case "transit_min":
				w30 := map[bool]string{true: "0.4000", false: "0.6667"}[definite]
				if cell("share_within_30min") != w30 || cell("villages_walk_only") != "1" || cell("population_no_service") != "400" {
					t.Errorf("definite=%v transit row %v", definite, row)
				}
			case "nearest":
				if cell("share_within_30min") != "" || cell("villages_no_service") != "" {
					t.Errorf("nearest row has transit figures: %v", row)
				}
			}
		}
	}
}

// Without thresholds of its own, a mode's minute bases keep the road's
// (or the default) thresholds, and ModeThresholdsMin is checked.
func TestModeThresholdsValidate(t *testing.T) {
	p := DefaultParams()
	p.Modes = []travel.Mode{&fixedMode{}}
	for _, bad := range []map[string][]float64{{"bus": {0}}, {"road": {30}}, {"transit": {}}, {"transit": {60, 30}},
		{"transit": {0}}, {"transit": {math.Inf(1)}}} {
		p.ModeThresholdsMin = bad
		if err := p.Validate(); err == nil {
			t.Errorf("thresholds %v accepted", bad)
		}
	}
	p.ModeThresholdsMin = map[string][]float64{"transit": {30, 60}}
	if err := p.Validate(); err != nil {
		t.Error(err)
	}
}

// The long table carries every transit metric of the wide table with the
// same value, under the village's transit status for its category, and
// no separate status metric; the no_service and unsnapped villages keep
// their rows, with empty values.
func TestModeLongTableMatchesWide(t *testing.T) {
	nan := math.NaN()
	vs := []datasets.Village{village("v0", "AA", 0.01, 100), village("v1", "AA", 0.02, 200), village("v2", "AA", 0.03, 300),
		village("v3", "AA", 0.04, 400)}
	m := &fixedMode{code: []travel.Code{0, 1, 2, 3}, cost: []float64{20, 25, nan, nan}, min: []float64{20, nan, nan, nan}, definite: true}
	p := DefaultParams()
	p.CrossBorder = false
	p.Modes = []travel.Mode{m}
	r, err := Compute(context.Background(), vs, []datasets.Service{service("s0", "post", "AA", 0)}, p)
	if err != nil {
		t.Fatal(err)
	}
	vt, at := VillageTableOf(r), AccessTableOf(r)
	wide := map[[2]string]string{}
	status := map[string]string{}
	for v := range vs {
		row := vt.Row(v, nil)
		for col, c := range vt.Columns {
			if len(c.Name) > len("post_transit_") && c.Name[:len("post_transit_")] == "post_transit_" {
				wide[[2]string{vs[v].ID, c.Name[len("post_"):]}] = row[col].Text()
			}
		}
		status[vs[v].ID] = row[vt.Index("post_transit_status")].Text()
	}
	seen := 0
	for i := range at.Len {
		row := at.Row(i, nil)
		id, metric := row[0].Text(), row[2].Text()
		w, ok := wide[[2]string{id, metric}]
		if !ok {
			continue
		}
		seen++
		if row[1].Text() != "post" || row[3].Text() != w || row[4].Text() != status[id] {
			t.Errorf("long row %v, want value %q status %q", row, w, status[id])
		}
	}
	if want := len(wide) - len(vs); seen != want { // every column but the status
		t.Errorf("%d long transit rows, want %d", seen, want)
	}
	for id, want := range map[string]string{"v0": "ok", "v1": "walk_only", "v2": "no_service", "v3": "unsnapped"} {
		if status[id] != want {
			t.Errorf("%s post_transit_status %q, want %q", id, status[id], want)
		}
	}
}
