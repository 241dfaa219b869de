package ch

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

type pair struct{ d1, d2 float64 }

func lessPair(a, b pair) bool { return a.d1 < b.d1 || (a.d1 == b.d1 && a.d2 < b.d2) }

var inf = pair{math.Inf(1), math.Inf(1)}

// bellman returns the lexicographically shortest (w1, w2) from s to every
// vertex over arcs, by Bellman–Ford: the slow obvious oracle.
func bellman(n int, arcs []Arc, s int32) []pair {
	d := slices.Repeat([]pair{inf}, n)
	d[s] = pair{}
	for range n {
		for _, a := range arcs {
			if c := (pair{d[a.Tail].d1 + a.W1, d[a.Tail].d2 + a.W2}); lessPair(c, d[a.Head]) {
				d[a.Head] = c
			}
		}
	}
	return d
}

// upDown returns the shortest s→t distance over up–core–down paths of h:
// every vertex reachable upward from s along Out arcs and then within the
// core, met by those reachable likewise from t along In arcs.
func upDown(h *Hierarchy, s, t int32) pair {
	up := func(start int32, off []int32, arcs []Up) map[int32]pair {
		d := map[int32]pair{h.Pos[start]: {}}
		relax := func(p int32) bool {
			dp, ok := d[p]
			if !ok {
				return false
			}
			changed := false
			for _, a := range arcs[off[p]:off[p+1]] {
				c := pair{dp.d1 + a.W1, dp.d2 + a.W2}
				if old, ok := d[a.Other]; !ok || lessPair(c, old) {
					d[a.Other], changed = c, true
				}
			}
			return changed
		}
		for p := h.Pos[start]; p >= int32(h.Core); p-- { // positions decrease upward
			relax(p)
		}
		for changed := true; changed; { // the core, by Bellman–Ford
			changed = false
			for p := range int32(h.Core) {
				changed = relax(p) || changed
			}
		}
		return d
	}
	fs, bt := up(s, h.OutOff, h.Out), up(t, h.InOff, h.In)
	best := inf
	for p, a := range fs {
		if b, ok := bt[p]; ok {
			if c := (pair{a.d1 + b.d1, a.d2 + b.d2}); lessPair(c, best) {
				best = c
			}
		}
	}
	return best
}

// randomArcs returns about deg·n arcs between nearby vertices with small
// integer weights (sums are exact), many ties, parallel arcs and loops.
func randomArcs(rng *rand.Rand, n, deg int) []Arc {
	var arcs []Arc
	for range deg * n {
		a := int32(rng.IntN(n))
		b := int32(min(n-1, max(0, int(a)+rng.IntN(9)-4)))
		arcs = append(arcs, Arc{a, b, float64(rng.IntN(5)), float64(rng.IntN(7))})
		if rng.IntN(3) == 0 {
			arcs = append(arcs, Arc{b, a, float64(rng.IntN(5)), float64(rng.IntN(7))})
		}
	}
	return arcs
}

// gridArcs returns a side × side lattice of two-way arcs with small
// integer weights, as the road networks whose contraction leaves a core.
func gridArcs(rng *rand.Rand, side int) []Arc {
	var arcs []Arc
	for v := range int32(side * side) {
		for _, w := range []int32{v + 1, v + int32(side)} {
			if (w == v+1 && int(w)%side == 0) || int(w) >= side*side {
				continue
			}
			arcs = append(arcs, Arc{v, w, float64(1 + rng.IntN(3)), float64(rng.IntN(4))}, Arc{w, v, float64(1 + rng.IntN(3)), float64(rng.IntN(4))})
		}
	}
	return arcs
}

// TestUpDownMatchesBellmanFord checks, on random graphs whose sums are
// exact, that every pair's up–down distance in the hierarchy is its
// lexicographic shortest distance.
func TestUpDownMatchesBellmanFord(t *testing.T) {
	cores := 0
	for seed := range uint64(6) {
		rng := rand.New(rand.NewPCG(seed, 3))
		n := 20 + rng.IntN(60)
		arcs := randomArcs(rng, n, 2)
		if seed%2 == 1 { // a lattice, whose remaining graph gets denser: cores
			side := 5 + rng.IntN(4)
			n, arcs = side*side, gridArcs(rng, side)
		}
		for _, cfg := range []Config{{WitnessSettled: 1}, {WitnessSettled: 3}, {WitnessSettled: 50},
			{WitnessSettled: 50, CoreDegree: 1e-9}, {WitnessSettled: 3, CoreDegree: 7.2}, {WitnessSettled: 50, CoreDegree: 7.6}, {WitnessSettled: 50, CoreDegree: 8}} {
			h, err := Build(n, arcs, cfg)
			if err != nil {
				t.Fatal(err)
			}
			if err := h.Check(); err != nil {
				t.Fatal(err)
			}
			switch {
			case cfg.CoreDegree == 0 && h.Core != 0:
				t.Fatalf("seed %d: core of %d without CoreDegree", seed, h.Core)
			case cfg.CoreDegree == 1e-9 && h.Core != n:
				t.Fatalf("seed %d: core of %d, not all %d vertices", seed, h.Core, n)
			case h.Core > 0 && h.Core < n:
				cores++
			}
			for s := range int32(n) {
				want := bellman(n, arcs, s)
				for v := range int32(n) {
					if got := upDown(h, s, v); got != want[v] {
						t.Fatalf("seed %d, n=%d, %+v, core %d: %d→%d up–down %v, shortest %v", seed, n, cfg, h.Core, s, v, got, want[v])
					}
				}
			}
		}
	}
	if cores < 4 {
		t.Fatalf("only %d hierarchies with a core strictly between none and all", cores)
	}
}

// TestCoreLayout checks that a core keeps its arcs at both ends and that
// contraction stops as soon as the average degree reaches CoreDegree: on
// a two-way 4-cycle every vertex has 4 arcs (2 in, 2 out), so CoreDegree
// 4 keeps them all and 4.5 contracts them all.
func TestCoreLayout(t *testing.T) {
	var arcs []Arc
	for v := range int32(4) {
		w := (v + 1) % 4
		arcs = append(arcs, Arc{v, w, 1, 1}, Arc{w, v, 1, 1})
	}
	h, err := Build(4, arcs, Config{WitnessSettled: 10, CoreDegree: 4})
	if err != nil {
		t.Fatal(err)
	}
	if err := h.Check(); err != nil {
		t.Fatal(err)
	}
	if h.Core != 4 || len(h.Out) != 8 || len(h.In) != 8 || !slices.Equal(h.Vert, []int32{0, 1, 2, 3}) {
		t.Fatalf("core %d, %d out and %d in arcs, order %v; want 4, 8, 8, [0 1 2 3]", h.Core, len(h.Out), len(h.In), h.Vert)
	}
	if h.Arcs() != 8 || h.Shortcuts != 0 {
		t.Errorf("all core: %d arcs, %d shortcuts; want the 8 input arcs, counted once", h.Arcs(), h.Shortcuts)
	}
	h2, _ := Build(4, arcs, Config{WitnessSettled: 10, CoreDegree: 4.5})
	if h2.Core != 0 {
		t.Fatalf("core %d at CoreDegree 4.5, want 0", h2.Core)
	}
	if h2.Arcs() != 8+h2.Shortcuts || h2.Arcs() != len(h2.Out)+len(h2.In) {
		t.Errorf("no core: %d arcs, %d shortcuts, %d listed; want 8 plus the shortcuts, each listed once", h2.Arcs(), h2.Shortcuts, len(h2.Out)+len(h2.In))
	}
	// A core arc listed towards a non-core position is refused.
	bad := *h
	bad.Core = 2
	if bad.Check() == nil {
		t.Fatal("a core of 2 whose arcs reach positions 2 and 3 passed Check")
	}
	bad.Core = 5
	if bad.Check() == nil {
		t.Fatal("a core of 5 among 4 positions passed Check")
	}
}

// TestBuildDeterministic builds the same graph twice.
func TestBuildDeterministic(t *testing.T) {
	arcs := randomArcs(rand.New(rand.NewPCG(9, 9)), 300, 3)
	a, err := Build(300, arcs, Config{Margin: 1e-9, WitnessSettled: 20})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Build(300, arcs, Config{Margin: 1e-9, WitnessSettled: 20})
	if !slices.Equal(a.Vert, b.Vert) || !slices.Equal(a.Out, b.Out) || !slices.Equal(a.In, b.In) || !slices.Equal(a.OutOff, b.OutOff) {
		t.Fatal("two builds of one graph differ")
	}
	if a.Shortcuts == 0 {
		t.Fatal("no shortcut: the graph proves nothing")
	}
}

// TestHandGraph checks a path a→b→c (weights 1+2) beside a direct arc a→c
// of 5: contracting b first needs the shortcut a→c of 3, which must
// exist unless b ranks above a or c.
func TestHandGraph(t *testing.T) {
	arcs := []Arc{{0, 1, 1, 10}, {1, 2, 2, 20}, {0, 2, 5, 1}, {3, 1, 1, 1}}
	h, err := Build(4, arcs, Config{WitnessSettled: 10})
	if err != nil {
		t.Fatal(err)
	}
	if err := h.Check(); err != nil {
		t.Fatal(err)
	}
	if got := upDown(h, 0, 2); got != (pair{3, 30}) {
		t.Fatalf("a→c = %v, want (3, 30)", got)
	}
	if got := upDown(h, 3, 2); got != (pair{3, 21}) {
		t.Fatalf("d→c = %v, want (3, 21)", got)
	}
	if got := upDown(h, 2, 0); got != inf {
		t.Fatalf("c→a = %v, want unreachable", got)
	}
}

func TestBuildErrors(t *testing.T) {
	for _, tc := range []struct {
		arcs []Arc
		cfg  Config
	}{
		{[]Arc{{0, 5, 1, 1}}, Config{WitnessSettled: 1}},
		{[]Arc{{0, 1, -1, 1}}, Config{WitnessSettled: 1}},
		{[]Arc{{0, 1, math.NaN(), 1}}, Config{WitnessSettled: 1}},
		{[]Arc{{0, 1, 1, 1}}, Config{WitnessSettled: 0}},
	} {
		if _, err := Build(2, tc.arcs, tc.cfg); err == nil {
			t.Errorf("Build(%v, %+v) succeeded", tc.arcs, tc.cfg)
		}
	}
}
