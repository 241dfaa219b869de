package locate

import (
	"context"
	"errors"
	"math"
	"testing"
)

// FuzzSolve builds small instances from arbitrary bytes and checks that
// Solve never panics and that, when it answers, its objective and bound
// bracket the brute-force optimum.
//
//	go test -run=^$ -fuzz=FuzzSolve -fuzztime=60s ./analysis/locate/
func FuzzSolve(f *testing.F) {
	f.Add([]byte{3, 2, 1, 5, 9, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
	f.Add([]byte{1, 1, 0, 0, 0, 0, 0})
	f.Add([]byte{6, 5, 2, 7, 200, 1, 255, 3, 0, 4, 9, 9, 9, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9})
	f.Fuzz(func(t *testing.T, b []byte) {
		if len(b) < 5 {
			return
		}
		n, m := 1+int(b[0])%8, 1+int(b[1])%6
		model := Model(b[2] % 5)
		p := int(b[3]) % (m + 1)
		radius := float64(b[4] % 16)
		b = b[5:]
		next := func() int {
			if len(b) == 0 {
				return 0
			}
			v := int(b[0])
			b = b[1:]
			return v
		}
		d := dense{w: make([]float64, n), c: make([][]float64, n), m: m}
		for i := range d.w {
			d.w[i] = float64(next() % 20)
			d.c[i] = make([]float64, m)
			for j := range d.c[i] {
				d.c[i][j] = math.Inf(1)
				if v := next(); v%4 != 0 {
					d.c[i][j] = float64(v % 16)
					d.arcs = append(d.arcs, arc{int32(i), int32(j), d.c[i][j]})
				}
			}
		}
		in, err := newInstance(d.w, m, d.arcs)
		if err != nil {
			t.Fatal(err)
		}
		cfg := Config{Model: model, P: p, Radius: radius, Solver: Solver(next() % 3), MaxNodes: int64(next() % 4)}
		sol, err := Solve(context.Background(), in, cfg)
		if err != nil {
			if !errors.Is(err, ErrInvalid) && !errors.Is(err, ErrInfeasible) && !errors.Is(err, ErrNodeLimit) {
				t.Fatalf("unexpected error %v", err)
			}
			return
		}
		opt := d.brute(t, cfg)
		if math.IsNaN(opt) {
			t.Fatalf("%+v: solution %v but brute force finds none", cfg, sol.Sites)
		}
		checkSolution(t, "fuzz", d, cfg, sol, opt)
	})
}
