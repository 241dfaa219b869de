package locate

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize/convex/lp"
)

// dense is an independent, obvious representation of an instance for the
// brute-force oracle: a full cost matrix with +Inf for missing pairs.
type dense struct {
	w    []float64
	c    [][]float64 // [demand][site]
	m    int
	arcs []arc
}

func randomDense(rng *rand.Rand) dense {
	n, m := 1+rng.IntN(12), 1+rng.IntN(8)
	d := dense{w: make([]float64, n), c: make([][]float64, n), m: m}
	density := 0.4 + 0.6*rng.Float64()
	integer := rng.IntN(2) == 0 // integer costs make many ties
	for i := range d.w {
		switch rng.IntN(6) {
		case 0:
			d.w[i] = 0
		default:
			d.w[i] = float64(1 + rng.IntN(50))
		}
		d.c[i] = make([]float64, m)
		for j := range d.c[i] {
			d.c[i][j] = math.Inf(1)
			if rng.Float64() < density {
				v := rng.Float64() * 10
				if integer {
					v = math.Floor(v)
				}
				d.c[i][j] = v
				d.arcs = append(d.arcs, arc{int32(i), int32(j), v})
			}
		}
	}
	rng.Shuffle(len(d.arcs), func(a, b int) { d.arcs[a], d.arcs[b] = d.arcs[b], d.arcs[a] })
	return d
}

// value is the model's objective for an open set, from the definitions
// (+Inf for an infeasible p-median/p-center, -1 for an LSCP set that
// leaves a coverable point uncovered).
func (d dense) value(cfg Config, open []bool, allowed []bool) float64 {
	v := 0.0
	for i, row := range d.c {
		cnt, near, reach, coverable := 0, math.Inf(1), false, false
		for j, c := range row {
			if allowed[j] && !math.IsInf(c, 1) {
				reach = true
				if c <= cfg.Radius {
					coverable = true
				}
			}
			if !open[j] {
				continue
			}
			near = math.Min(near, c)
			if c <= cfg.Radius {
				cnt++
			}
		}
		switch cfg.Model {
		case MCLP:
			if cnt >= 1 {
				v += d.w[i]
			}
		case Backup:
			if cnt >= 2 {
				v += d.w[i]
			}
		case PMedian:
			if d.w[i] > 0 && reach {
				v += d.w[i] * near
			}
		case PCenter:
			if reach {
				v = math.Max(v, near)
			}
		case LSCP:
			if coverable && cnt == 0 {
				return -1
			}
		}
	}
	if cfg.Model == LSCP {
		n := 0
		for j, o := range open {
			if o && !slices.Contains(cfg.Fixed, int32(j)) {
				n++
			}
		}
		return float64(n)
	}
	return v
}

// transport solves the capacitated assignment of an open set with gonum's
// simplex: minimise Σ c·f subject to Σ_j f_ij = w_i, Σ_i f_ij + s_j = cap_j.
// Points no allowed site reaches are left out, as Solve does.
func (d dense) transport(t testing.TB, open, allowed []bool, capa []float64) float64 {
	type pair struct{ i, j int }
	var vars []pair
	var dem []int
	for i, row := range d.c {
		reach := false
		for j, c := range row {
			reach = reach || (allowed[j] && !math.IsInf(c, 1))
		}
		if d.w[i] == 0 || !reach {
			continue
		}
		dem = append(dem, i)
		n := len(vars)
		for j, c := range row {
			if open[j] && !math.IsInf(c, 1) {
				vars = append(vars, pair{i, j})
			}
		}
		if len(vars) == n {
			return math.Inf(1) // no open site reaches i
		}
	}
	if len(dem) == 0 {
		return 0
	}
	var sites []int
	for j, o := range open {
		if o {
			sites = append(sites, j)
		}
	}
	nv := len(vars) + len(sites)
	rows := len(dem) + len(sites)
	A := mat.NewDense(rows, nv, nil)
	b := make([]float64, rows)
	c := make([]float64, nv)
	for k, p := range vars {
		c[k] = d.c[p.i][p.j]
		A.Set(slices.Index(dem, p.i), k, 1)
		A.Set(len(dem)+slices.Index(sites, p.j), k, 1)
	}
	for q, j := range sites {
		A.Set(len(dem)+q, len(vars)+q, 1)
		b[len(dem)+q] = capa[j]
	}
	for q, i := range dem {
		b[q] = d.w[i]
	}
	opt, _, err := lp.Simplex(c, A, b, 1e-10, nil)
	if errors.Is(err, lp.ErrInfeasible) {
		return math.Inf(1)
	}
	if err != nil {
		t.Fatalf("simplex: %v", err)
	}
	return opt
}

// brute enumerates every set of P free sites (every set, by size, for
// LSCP) and returns the optimum, or NaN when nothing is feasible.
func (d dense) brute(t testing.TB, cfg Config) float64 {
	allowed := make([]bool, d.m)
	for j := range allowed {
		allowed[j] = !slices.Contains(cfg.Excluded, int32(j))
	}
	var free []int
	for j := 0; j < d.m; j++ {
		if allowed[j] && !slices.Contains(cfg.Fixed, int32(j)) {
			free = append(free, j)
		}
	}
	best := math.NaN()
	for mask := 0; mask < 1<<len(free); mask++ {
		open := make([]bool, d.m)
		k := 0
		for b, j := range free {
			if mask>>b&1 == 1 {
				open[j] = true
				k++
			}
		}
		if cfg.Model != LSCP && k != cfg.P {
			continue
		}
		for _, j := range cfg.Fixed {
			open[j] = true
		}
		var v float64
		if cfg.Capacity != nil {
			v = d.transport(t, open, allowed, cfg.Capacity)
		} else {
			v = d.value(cfg, open, allowed)
		}
		if cfg.Model == LSCP && v < 0 || math.IsInf(v, 1) {
			continue
		}
		if math.IsNaN(best) || (cfg.Model.Maximise() && v > best) || (!cfg.Model.Maximise() && v < best) {
			best = v
		}
	}
	return best
}

func randomConfig(rng *rand.Rand, d dense, model Model) Config {
	cfg := Config{Model: model, Radius: math.Floor(rng.Float64()*10) + 0.5*float64(rng.IntN(2))}
	perm := rng.Perm(d.m)
	nf, nx := 0, 0
	if d.m >= 3 {
		nf, nx = rng.IntN(2), rng.IntN(2)
	}
	for _, j := range perm[:nf] {
		cfg.Fixed = append(cfg.Fixed, int32(j))
	}
	for _, j := range perm[nf : nf+nx] {
		cfg.Excluded = append(cfg.Excluded, int32(j))
	}
	free := d.m - nf - nx
	cfg.P = rng.IntN(free + 1)
	if cfg.P == 0 && nf == 0 {
		cfg.P = 1
	}
	return cfg
}

func near(a, b float64) bool {
	return a == b || math.Abs(a-b) <= 1e-9*math.Max(1, math.Max(math.Abs(a), math.Abs(b)))
}

// TestBruteForce checks every model and solver against enumeration of all
// site subsets on random small instances: exact solvers find the optimum
// (any tied optimum is accepted: the value is compared), heuristics never
// beat it, and every reported bound is on the right side of it.
func TestBruteForce(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(1, 2))
	models := []Model{MCLP, PMedian, PCenter, LSCP, Backup}
	solvers := []struct {
		s     Solver
		nodes int64
		work  int64
		time  time.Duration
	}{{Exact, 0, 0, 0}, {Auto, 0, 0, 0}, {Heuristic, 0, 0, 0}, {Auto, 1, 0, 0}, {Auto, 3, 0, 0},
		{Auto, 0, 1, 0}, {Auto, 0, 0, time.Nanosecond}}
	counts := map[string]int{}
	for trial := 0; trial < 600; trial++ {
		d := randomDense(rng)
		in, err := newInstance(d.w, d.m, d.arcs)
		if err != nil {
			t.Fatal(err)
		}
		for _, model := range models {
			cfg := randomConfig(rng, d, model)
			if model == PMedian && rng.IntN(4) == 0 {
				cfg.Capacity = make([]float64, d.m)
				for j := range cfg.Capacity {
					cfg.Capacity[j] = float64(rng.IntN(150))
				}
			}
			opt := d.brute(t, cfg)
			for _, sv := range solvers {
				cfg.Solver, cfg.MaxNodes, cfg.MaxWork, cfg.TimeLimit = sv.s, sv.nodes, sv.work, sv.time
				if sv.time > 0 && (model == PCenter || cfg.Capacity != nil) {
					continue // no time limit there
				}
				name := fmt.Sprintf("trial %d %v P=%d R=%v fixed=%v excl=%v cap=%v solver=%v/%d/%d/%v", trial, model, cfg.P, cfg.Radius, cfg.Fixed, cfg.Excluded, cfg.Capacity != nil, sv.s, sv.nodes, sv.work, sv.time)
				sol, err := Solve(context.Background(), in, cfg)
				if errors.Is(err, ErrNodeLimit) && sv.nodes > 0 {
					counts["node limit"]++ // a tiny limit may settle nothing
					continue
				}
				if math.IsNaN(opt) {
					if !errors.Is(err, ErrInfeasible) {
						t.Fatalf("%s: brute force finds no feasible set, Solve: %v", name, err)
					}
					counts["infeasible"]++
					continue
				}
				if err != nil {
					t.Fatalf("%s: %v (optimum %v)", name, err, opt)
				}
				checkSolution(t, name, d, cfg, sol, opt)
				counts[model.String()]++
				if sol.Optimal {
					counts["optimal"]++
				}
				if sol.Stopped != "" {
					counts[sol.Stopped]++
				}
			}
		}
	}
	t.Logf("checked: %v", counts)
}

func checkSolution(t *testing.T, name string, d dense, cfg Config, sol *Solution, opt float64) {
	t.Helper()
	if cfg.Model != LSCP && len(sol.Sites) != cfg.P {
		t.Fatalf("%s: %d sites, want %d", name, len(sol.Sites), cfg.P)
	}
	open := make([]bool, d.m)
	allowed := make([]bool, d.m)
	for j := range allowed {
		allowed[j] = !slices.Contains(cfg.Excluded, int32(j))
	}
	for _, j := range sol.Sites {
		if open[j] || !allowed[j] || slices.Contains(cfg.Fixed, j) {
			t.Fatalf("%s: site %d repeated, excluded or fixed (%v)", name, j, sol.Sites)
		}
		open[j] = true
	}
	for _, j := range cfg.Fixed {
		open[j] = true
	}
	var v float64
	if cfg.Capacity != nil {
		v = d.transport(t, open, allowed, cfg.Capacity)
	} else {
		v = d.value(cfg, open, allowed)
	}
	if !near(v, sol.Objective) {
		t.Fatalf("%s: reported objective %v, sites %v are worth %v", name, sol.Objective, sol.Sites, v)
	}
	if cfg.Model == LSCP && v < 0 {
		t.Fatalf("%s: sites %v leave a coverable point uncovered", name, sol.Sites)
	}
	max := cfg.Model.Maximise()
	// objective never better than the optimum, bound never worse.
	if max && (sol.Objective > opt+1e-9*math.Max(1, opt) || sol.Bound < opt-1e-9*math.Max(1, opt)) ||
		!max && (sol.Objective < opt-1e-9*math.Max(1, opt) || sol.Bound > opt+1e-9*math.Max(1, opt)) {
		t.Fatalf("%s: objective %v bound %v, optimum %v (sites %v)", name, sol.Objective, sol.Bound, opt, sol.Sites)
	}
	if sol.Optimal && !near(sol.Objective, opt) {
		t.Fatalf("%s: claims optimal %v, optimum is %v (sites %v)", name, sol.Objective, opt, sol.Sites)
	}
	if (cfg.Solver == Exact) && !near(sol.Objective, opt) {
		t.Fatalf("%s: exact solver found %v, optimum %v (sites %v)", name, sol.Objective, opt, sol.Sites)
	}
	if sol.Gap < 0 || (sol.Optimal && sol.Gap != 0) {
		t.Fatalf("%s: gap %v (optimal %v)", name, sol.Gap, sol.Optimal)
	}
	// A search cut short says why; a finished one proves optimality.
	if sol.Method == "branch-and-bound" && sol.Optimal != (sol.Stopped == "") {
		t.Fatalf("%s: optimal %v but stopped %q", name, sol.Optimal, sol.Stopped)
	}
	if sol.Stopped != "" && sol.Optimal {
		t.Fatalf("%s: optimal yet stopped %q", name, sol.Stopped)
	}
}
