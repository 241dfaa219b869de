package locate

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/partons/partons/analysis/locate/internal/core"
)

func TestNewInstanceRejects(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		w    []float64
		m    int
		arcs []arc
	}{
		{"negative weight", []float64{-1}, 1, nil},
		{"NaN weight", []float64{math.NaN()}, 1, nil},
		{"infinite weight", []float64{math.Inf(1)}, 1, nil},
		{"negative sites", []float64{1}, -1, nil},
		{"demand out of range", []float64{1}, 1, []arc{{1, 0, 1}}},
		{"site out of range", []float64{1}, 1, []arc{{0, 1, 1}}},
		{"negative cost", []float64{1}, 1, []arc{{0, 0, -1}}},
		{"NaN cost", []float64{1}, 1, []arc{{0, 0, math.NaN()}}},
		{"infinite cost", []float64{1}, 1, []arc{{0, 0, math.Inf(1)}}},
		{"duplicate pair", []float64{1}, 2, []arc{{0, 0, 1}, {0, 1, 2}, {0, 0, 3}}},
	}
	for _, tc := range cases {
		if _, err := newInstance(tc.w, tc.m, tc.arcs); !errors.Is(err, ErrInvalid) {
			t.Errorf("%s: %v, want ErrInvalid", tc.name, err)
		}
	}
}

func TestConfigRejects(t *testing.T) {
	t.Parallel()
	in, err := newInstance([]float64{1, 2}, 3, []arc{{0, 0, 1}, {1, 2, 2}})
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		cfg  Config
	}{
		{"p too large", Config{Model: PMedian, P: 4}},
		{"negative p", Config{Model: MCLP, P: -1, Radius: 1}},
		{"fixed and excluded", Config{Model: PMedian, P: 1, Fixed: []int32{0}, Excluded: []int32{0}}},
		{"fixed out of range", Config{Model: PMedian, P: 1, Fixed: []int32{3}}},
		{"NaN radius", Config{Model: LSCP, Radius: math.NaN()}},
		{"capacity for mclp", Config{Model: MCLP, P: 1, Radius: 1, Capacity: []float64{1, 1, 1}}},
		{"capacity length", Config{Model: PMedian, P: 1, Capacity: []float64{1}}},
		{"nothing open", Config{Model: PCenter, P: 0}},
		{"unknown model", Config{Model: Model(9), P: 1}},
	}
	for _, tc := range cases {
		if _, err := Solve(context.Background(), in, tc.cfg); !errors.Is(err, ErrInvalid) {
			t.Errorf("%s: %v, want ErrInvalid", tc.name, err)
		}
	}
}

// TestHandComputed checks each model on a line of four villages where the
// answer is obvious: weights 10, 1, 1, 10 at 0, 1, 2, 3 km.
func TestHandComputed(t *testing.T) {
	t.Parallel()
	pos := []float64{0, 1000, 2000, 3000}
	var arcs []arc
	for i, a := range pos {
		for j, b := range pos {
			arcs = append(arcs, arc{int32(i), int32(j), math.Abs(a - b)})
		}
	}
	in, err := newInstance([]float64{10, 1, 1, 10}, 4, arcs)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		cfg   Config
		obj   float64
		sites [][]int32 // any of these (tied optima)
	}{
		{Config{Model: PMedian, P: 1}, 10*1000 + 1000 + 2000*10, [][]int32{{1}}}, // 31000 at 1 or 2
		{Config{Model: PMedian, P: 2}, 2000, [][]int32{{0, 3}}},
		{Config{Model: PCenter, P: 1}, 2000, [][]int32{{1}, {2}}},
		{Config{Model: PCenter, P: 2}, 1000, [][]int32{{0, 2}, {0, 3}, {1, 2}, {1, 3}, {0, 1}, {2, 3}}},
		{Config{Model: MCLP, P: 1, Radius: 1000}, 12, [][]int32{{0}, {1}, {2}, {3}}},
		{Config{Model: MCLP, P: 2, Radius: 1000}, 22, [][]int32{{0, 2}, {0, 3}, {1, 2}, {1, 3}}},
		{Config{Model: LSCP, Radius: 1000}, 2, [][]int32{{0, 2}, {1, 2}, {1, 3}, {0, 3}}},
		// 0 and 1 cover 0 (10) and 1 (1) twice; 2 and 3 likewise.
		{Config{Model: Backup, P: 2, Radius: 1000}, 11, [][]int32{{0, 1}, {2, 3}}},
		{Config{Model: MCLP, P: 1, Radius: 1000, Fixed: []int32{0}}, 22, [][]int32{{2}, {3}}},
	}
	for _, tc := range cases {
		// PMedian P=1: 1 and 2 tie at 10·1000+1·1000+1·2000... compute:
		// site 1: 10·1000 + 0 + 1·1000 + 10·2000 = 31000; site 2 the same.
		if tc.cfg.Model == PMedian && tc.cfg.P == 1 {
			tc.obj, tc.sites = 31000, [][]int32{{1}, {2}}
		}
		for _, s := range []Solver{Exact, Heuristic} {
			tc.cfg.Solver = s
			sol, err := Solve(context.Background(), in, tc.cfg)
			if err != nil {
				t.Fatal(err)
			}
			ok := slices.ContainsFunc(tc.sites, func(w []int32) bool { return slices.Equal(w, sol.Sites) })
			if sol.Objective != tc.obj || !ok || (s == Exact && !sol.Optimal) {
				t.Errorf("%v P=%d R=%v %v: sites %v objective %v optimal %v; want %v of %v", tc.cfg.Model, tc.cfg.P,
					tc.cfg.Radius, s, sol.Sites, sol.Objective, sol.Optimal, tc.obj, tc.sites)
			}
		}
	}
}

// TestHeuristicLocalOptimum: after interchange no single swap improves
// the objective (checked by evaluating every swap from scratch).
func TestHeuristicLocalOptimum(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(7, 8))
	for trial := 0; trial < 200; trial++ {
		d := randomDense(rng)
		in, _ := newInstance(d.w, d.m, d.arcs)
		for _, model := range []Model{MCLP, Backup, PMedian} {
			cfg := randomConfig(rng, d, model)
			cfg.Solver = Heuristic
			sol, err := Solve(context.Background(), in, cfg)
			if err != nil {
				continue // infeasible p-median
			}
			pr, _ := core.NewProblem(in.in, cfg)
			for q := range sol.Sites {
				for _, u := range pr.FreeIDs {
					if slices.Contains(sol.Sites, u) {
						continue
					}
					s2 := slices.Clone(sol.Sites)
					s2[q] = u
					v := pr.Objective(s2)
					if model.Maximise() && v > sol.Objective+1e-9 || !model.Maximise() && v < sol.Objective-1e-9*max(1, sol.Objective) {
						t.Fatalf("trial %d %v: swapping %d for %d improves %v to %v", trial, model, sol.Sites[q], u, sol.Objective, v)
					}
				}
			}
		}
	}
}

// TestLargerBranchAndBound exercises deeper trees: 30 points × 14 sites
// against enumeration (C(14,5) = 2002 sets).
func TestLargerBranchAndBound(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(3, 4))
	for trial := 0; trial < 25; trial++ {
		n, m := 30, 14
		d := dense{w: make([]float64, n), c: make([][]float64, n), m: m}
		for i := range d.w {
			d.w[i] = float64(1 + rng.IntN(100))
			d.c[i] = make([]float64, m)
			for j := range d.c[i] {
				d.c[i][j] = math.Floor(rng.Float64() * 100)
				d.arcs = append(d.arcs, arc{int32(i), int32(j), d.c[i][j]})
			}
		}
		in, _ := newInstance(d.w, m, d.arcs)
		for _, cfg := range []Config{
			{Model: MCLP, P: 3, Radius: 15}, {Model: Backup, P: 5, Radius: 20}, {Model: PMedian, P: 5},
			{Model: PCenter, P: 4}, {Model: LSCP, Radius: 25},
		} {
			cfg.Solver = Exact
			opt := d.brute(t, cfg)
			sol, err := Solve(context.Background(), in, cfg)
			if err != nil {
				t.Fatal(err)
			}
			checkSolution(t, cfg.Model.String(), d, cfg, sol, opt)
		}
	}
}
