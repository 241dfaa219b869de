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

// upDown returns the shortest s→t distance over up–down paths of h: every
// vertex reachable upward from s along Out arcs, met by those reachable
// upward from t along In arcs.
func upDown(h *Hierarchy, s, t int32) pair {
	up := func(start int32, off []int32, arcs []Up) map[int32]pair {
		d := map[int32]pair{h.Pos[start]: {}}
		for p := h.Pos[start]; p >= 0; p-- { // positions decrease upward
			dp, ok := d[p]
			if !ok {
				continue
			}
			for _, a := range arcs[off[p]:off[p+1]] {
				c := pair{dp.d1 + a.W1, dp.d2 + a.W2}
				if old, ok := d[a.Other]; !ok || lessPair(c, old) {
					d[a.Other] = c
				}
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

// TestUpDownMatchesBellmanFord checks, on random graphs whose sums are
// exact, that every pair's up–down distance in the hierarchy is its
// lexicographic shortest distance.
func TestUpDownMatchesBellmanFord(t *testing.T) {
	for seed := range uint64(6) {
		rng := rand.New(rand.NewPCG(seed, 3))
		n := 20 + rng.IntN(60)
		arcs := randomArcs(rng, n, 2)
		for _, settled := range []int{1, 3, 50} {
			h, err := Build(n, arcs, Config{WitnessSettled: settled})
			if err != nil {
				t.Fatal(err)
			}
			if err := h.Check(); err != nil {
				t.Fatal(err)
			}
			for s := range int32(n) {
				want := bellman(n, arcs, s)
				for v := range int32(n) {
					if got := upDown(h, s, v); got != want[v] {
						t.Fatalf("seed %d, n=%d, settled %d: %d→%d up–down %v, shortest %v", seed, n, settled, s, v, got, want[v])
					}
				}
			}
		}
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
