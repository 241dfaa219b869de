// Command locatebench times the p-median solver of package locate on a
// deterministic synthetic instance (clustered demand in a square region,
// candidates a random subset of the demand points, planar metres, every
// pair stored) and prints one JSON line per solver: wall time, CPU time of
// the process during the solve, objective, bound, gap, nodes.
//
// It uses only the API that every version of package locate since the
// p-median solver has (NewInstance, Solve, Config{Model, P, Solver}), so
// benchmarks/locate.sh can build it against an older commit as the
// baseline of the same run.
//
//	go run ./benchmarks/locatebench -n 8000 -m 2000 -p 20 -solvers heuristic,auto -deadline 10m
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"runtime/pprof"
	"strings"
	"syscall"
	"time"

	"github.com/partons/partons/analysis/locate"
	"github.com/partons/partons/travel"
)

type result struct {
	Label     string  `json:"label"`
	N         int     `json:"n"`
	M         int     `json:"m"`
	P         int     `json:"p"`
	Solver    string  `json:"solver"`
	WallS     float64 `json:"wall_s"`
	CPUS      float64 `json:"cpu_s"`
	Objective float64 `json:"objective"`
	Bound     float64 `json:"bound"`
	GapPct    float64 `json:"gap_pct"`
	Optimal   bool    `json:"optimal"`
	Method    string  `json:"method"`
	Nodes     int64   `json:"nodes"`
	Error     string  `json:"error,omitempty"`
}

func main() {
	n := flag.Int("n", 8000, "demand points")
	m := flag.Int("m", 2000, "candidate sites")
	p := flag.Int("p", 20, "sites to open")
	solvers := flag.String("solvers", "heuristic,auto", "comma-separated solvers")
	deadline := flag.Duration("deadline", 10*time.Minute, "give up on a solver after this long (reported as an error)")
	label := flag.String("label", "", "label of the build being measured")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile of the solves to this file")
	flag.Parse()
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		defer pprof.StopCPUProfile()
	}
	inst, err := instance(*n, *m)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	for _, name := range strings.Split(*solvers, ",") {
		s, err := locate.ParseSolver(name)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return
		}
		r := result{Label: *label, N: *n, M: *m, P: *p, Solver: name}
		ctx, cancel := context.WithTimeout(context.Background(), *deadline)
		cpu0, t0 := cpuSeconds(), time.Now()
		sol, err := locate.Solve(ctx, inst, locate.Config{Model: locate.PMedian, P: *p, Solver: s})
		r.WallS, r.CPUS = time.Since(t0).Seconds(), cpuSeconds()-cpu0
		cancel()
		switch {
		case errors.Is(err, context.DeadlineExceeded):
			r.Error = fmt.Sprintf("no answer within %v", *deadline)
		case err != nil:
			r.Error = err.Error()
		default:
			r.Objective, r.Bound, r.GapPct, r.Optimal = sol.Objective, sol.Bound, sol.Gap*100, sol.Optimal
			r.Method, r.Nodes = sol.Method, sol.Nodes
		}
		b, _ := json.Marshal(r)
		fmt.Println(string(b))
	}
}

// cpuSeconds is the user + system CPU time of the process so far.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return math.NaN()
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()).Seconds()
}

// instance is n demand points in a 40 × 40 km square (two thirds around
// 12 centres with σ = 2.5 km, populations 200–3,200; one third uniform,
// 50–550) and m candidates drawn among them; costs are planar metres
// between every pair. Deterministic (fixed seeds).
func instance(n, m int) (*locate.Instance, error) {
	const side = 40000.0
	rng := rand.New(rand.NewPCG(2026, 5))
	type pt struct{ x, y float64 }
	centres := make([]pt, 12)
	for k := range centres {
		centres[k] = pt{rng.Float64() * side, rng.Float64() * side}
	}
	pts := make([]pt, n)
	w := make([]float64, n)
	for i := range pts {
		if rng.IntN(3) == 0 {
			pts[i] = pt{rng.Float64() * side, rng.Float64() * side}
			w[i] = float64(50 + rng.IntN(500))
		} else {
			c := centres[rng.IntN(len(centres))]
			pts[i] = pt{c.x + rng.NormFloat64()*2500, c.y + rng.NormFloat64()*2500}
			w[i] = float64(200 + rng.IntN(3000))
		}
	}
	if m > n {
		return nil, fmt.Errorf("locatebench: %d candidates among %d points", m, n)
	}
	perm := rng.Perm(n)[:m]
	entries := make([]travel.Entry, 0, n*m)
	for i, q := range pts {
		for j, k := range perm {
			entries = append(entries, travel.Entry{Demand: int32(i), Supply: int32(j), Cost: math.Hypot(q.x-pts[k].x, q.y-pts[k].y)})
		}
	}
	costs, err := travel.NewCosts(n, m, entries)
	if err != nil {
		return nil, err
	}
	return locate.NewInstance(w, costs)
}
