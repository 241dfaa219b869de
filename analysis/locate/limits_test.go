package locate

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"
)

// clustered is n demand points around five centres with m candidates
// among them (planar metres, every pair): with seed 6, n = 150, m = 40
// and P = 5, a p-median whose root relaxation leaves a gap, so that
// branch and bound needs 13 nodes.
func clustered(tb testing.TB, n, m int, seed uint64) *Instance {
	tb.Helper()
	rng := rand.New(rand.NewPCG(seed, 9))
	type pt struct{ x, y float64 }
	centres := make([]pt, 5)
	for k := range centres {
		centres[k] = pt{rng.Float64() * 20000, rng.Float64() * 20000}
	}
	pts := make([]pt, n)
	w := make([]float64, n)
	for i := range pts {
		c := centres[rng.IntN(len(centres))]
		pts[i] = pt{c.x + rng.NormFloat64()*3000, c.y + rng.NormFloat64()*3000}
		w[i] = float64(1 + rng.IntN(1000))
	}
	var arcs []arc
	for i, p := range pts {
		for j := range m {
			q := pts[j*n/m]
			arcs = append(arcs, arc{int32(i), int32(j), math.Hypot(p.x-q.x, p.y-q.y)})
		}
	}
	inst, err := newInstance(w, m, arcs)
	if err != nil {
		tb.Fatal(err)
	}
	return inst
}

// checkCut checks a solution cut short by a limit against the proven
// optimum: not optimal, says why, objective ≥ optimum ≥ bound, and the
// gap is theirs.
func checkCut(tb testing.TB, sol *Solution, stopped string, opt float64) {
	tb.Helper()
	if sol.Optimal || sol.Stopped != stopped {
		tb.Fatalf("optimal %v, stopped %q; want not optimal, stopped %q", sol.Optimal, sol.Stopped, stopped)
	}
	if sol.Objective < opt-1e-9*opt || sol.Bound > opt+1e-9*opt || !(sol.Bound < sol.Objective) {
		tb.Fatalf("objective %v, bound %v, optimum %v", sol.Objective, sol.Bound, opt)
	}
	if want := (sol.Objective - sol.Bound) / sol.Objective; math.Abs(sol.Gap-want) > 1e-12 {
		tb.Fatalf("gap %v, want %v", sol.Gap, want)
	}
}

func TestWorkLimit(t *testing.T) {
	t.Parallel()
	inst := clustered(t, 150, 40, 6)
	ctx := context.Background()
	full, err := Solve(ctx, inst, Config{Model: PMedian, P: 5})
	if err != nil {
		t.Fatal(err)
	}
	if !full.Optimal || full.Stopped != "" || full.Nodes != 13 || full.Work <= 0 {
		t.Fatalf("default limits: optimal %v, stopped %q, %d nodes, work %d; want optimal after 13 nodes",
			full.Optimal, full.Stopped, full.Nodes, full.Work)
	}
	// The root's relaxation takes one step; the next node finds the
	// budget spent.
	first, err := Solve(ctx, inst, Config{Model: PMedian, P: 5, MaxWork: 1})
	if err != nil {
		t.Fatal(err)
	}
	checkCut(t, first, StoppedWork, full.Objective)
	if first.Nodes != 2 {
		t.Fatalf("work limit 1: %d nodes, want 2 (the root, then the stop)", first.Nodes)
	}
	// Never worse than the heuristic solver's answer.
	heur, err := Solve(ctx, inst, Config{Model: PMedian, P: 5, Solver: Heuristic})
	if err != nil {
		t.Fatal(err)
	}
	if first.Objective > heur.Objective {
		t.Fatalf("cut short: objective %v, the heuristic's %v", first.Objective, heur.Objective)
	}
	// Halfway: a bound no worse, and the same answer every time (the
	// work count does not depend on the clock or the cores).
	half := Config{Model: PMedian, P: 5, MaxWork: full.Work / 2}
	a, err := Solve(ctx, inst, half)
	if err != nil {
		t.Fatal(err)
	}
	if a.Optimal {
		if a.Nodes >= full.Nodes {
			t.Fatalf("half the work proved optimality after %d nodes, the full search takes %d", a.Nodes, full.Nodes)
		}
	} else {
		checkCut(t, a, StoppedWork, full.Objective)
		if a.Nodes < first.Nodes || a.Nodes >= full.Nodes || a.Bound < first.Bound {
			t.Fatalf("half the work: %d nodes, bound %v; the first stop: %d nodes, bound %v; full: %d nodes",
				a.Nodes, a.Bound, first.Nodes, first.Bound, full.Nodes)
		}
	}
	for range 3 {
		b, err := Solve(ctx, inst, half)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(a, b) {
			t.Fatalf("equal inputs and work limit, different solutions:\n%+v\n%+v", a, b)
		}
	}
	s := Summarise(first, inst, Config{Model: PMedian, P: 5, MaxWork: 1}, Labels{SiteIDs: make([]string, 40)})
	if s.Optimal || s.Stopped != StoppedWork || s.Parameters["max_work"] != int64(1) || s.Bound == nil || s.Gap == nil {
		t.Fatalf("summary: optimal %v, stopped %q, max_work %v, bound %v, gap %v", s.Optimal, s.Stopped, s.Parameters["max_work"], s.Bound, s.Gap)
	}
}

func TestTimeLimit(t *testing.T) {
	t.Parallel()
	inst := clustered(t, 150, 40, 6)
	ctx := context.Background()
	full, err := Solve(ctx, inst, Config{Model: PMedian, P: 5, Solver: Exact})
	if err != nil {
		t.Fatal(err)
	}
	// A deadline already past when the search starts: the heuristic and
	// the root still run, the next node stops.
	cut, err := Solve(ctx, inst, Config{Model: PMedian, P: 5, TimeLimit: time.Nanosecond})
	if err != nil {
		t.Fatal(err)
	}
	checkCut(t, cut, StoppedTime, full.Objective)
	if cut.Nodes != 2 {
		t.Fatalf("%d nodes, want 2", cut.Nodes)
	}
	s := Summarise(cut, inst, Config{Model: PMedian, P: 5, TimeLimit: 1500 * time.Millisecond}, Labels{SiteIDs: make([]string, 40)})
	if s.Stopped != StoppedTime || s.Parameters["time_limit_s"] != 1.5 {
		t.Fatalf("summary: stopped %q, time_limit_s %v", s.Stopped, s.Parameters["time_limit_s"])
	}
	for _, cfg := range []Config{
		{Model: PMedian, P: 5, Solver: Exact, TimeLimit: time.Second},
		{Model: PMedian, P: 5, Solver: Heuristic, TimeLimit: time.Second},
		{Model: PCenter, P: 5, TimeLimit: time.Second},
		{Model: PMedian, P: 5, TimeLimit: -time.Second},
	} {
		if _, err := Solve(ctx, inst, cfg); !errors.Is(err, ErrInvalid) {
			t.Errorf("%v solver %v time limit %v: %v, want ErrInvalid", cfg.Model, cfg.Solver, cfg.TimeLimit, err)
		}
	}
}
