package road

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"
)

// TestRadixHeapOrder checks the radix heap against a plain minimum search
// over random monotone push/pop sequences: the same entry must come out at
// every pop, including ties on d1 resolved on (d2, seed), zero keys and
// large jumps in magnitude.
func TestRadixHeapOrder(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	var h radixHeap
	for round := range 300 {
		h.reset()
		var ref []hitem
		last := 0.0
		next := int32(0)
		push := func() {
			var d float64
			switch rng.IntN(4) {
			case 0:
				d = last // tie with the last popped key
				if d == 0 && rng.IntN(2) == 0 {
					d = math.Copysign(0, -1) // equal to 0, with the sign bit set
				}
			case 1:
				d = last + float64(rng.IntN(4)) // coarse: many ties
			case 2:
				d = last + rng.Float64()*math.Pow(10, float64(rng.IntN(12)-4))
			default:
				d = last + rng.ExpFloat64()
			}
			it := hitem{d1: d, d2: float64(rng.IntN(3)), seed: int32(rng.IntN(3)), v: next}
			next++
			h.push(it)
			ref = append(ref, it)
		}
		for range 1 + rng.IntN(200) {
			push()
		}
		for len(ref) > 0 {
			if h.n != len(ref) {
				t.Fatalf("round %d: heap holds %d, want %d", round, h.n, len(ref))
			}
			m := 0
			for k := range ref {
				if hless(&ref[k], &ref[m]) || (!hless(&ref[m], &ref[k]) && ref[k].v < ref[m].v) {
					m = k
				}
			}
			got := h.pop()
			if hless(&got, &ref[m]) || hless(&ref[m], &got) {
				t.Fatalf("round %d: popped %+v, want an entry equal to %+v", round, got, ref[m])
			}
			// Remove the popped entry itself (entries of equal keys are
			// interchangeable, but each must come out once).
			found := false
			for k := range ref {
				if ref[k].v == got.v {
					ref = append(ref[:k], ref[k+1:]...)
					found = true
					break
				}
			}
			if !found {
				t.Fatalf("round %d: popped unknown entry %+v", round, got)
			}
			last = got.d1
			for range rng.IntN(2) { // 0.5 per pop on average: the heap drains
				push()
			}
		}
		if h.n != 0 || h.mask != 0 {
			t.Fatalf("round %d: empty heap has n=%d mask=%b", round, h.n, h.mask)
		}
	}
}

// A zero-length edge given as -0 (IEEE negative zero, whose bits would sort
// after every positive cost) must not delay the seed on it.
func TestNegativeZeroLength(t *testing.T) {
	a, c, d := orb.Point{0, 0}, orb.Point{0.00001, 0}, orb.Point{0.0005, 0}
	vs := []orb.Point{a, a, c, d}
	line := func(p, q orb.Point) orb.LineString { return orb.LineString{p, q} }
	es := []EdgeSpec{
		{From: 0, To: 1, LengthM: math.Copysign(0, -1), Forward: true, Backward: true, SpeedKmh: 50, Geometry: line(a, a)},
		{From: 1, To: 2, LengthM: polylineM(line(a, c)), Forward: true, Backward: true, SpeedKmh: 50, Geometry: line(a, c)},
		{From: 2, To: 3, LengthM: polylineM(line(c, d)), Forward: true, Backward: true, SpeedKmh: 50, Geometry: line(c, d)},
	}
	g, err := Build(Car, vs, es)
	if err != nil {
		t.Fatal(err)
	}
	if l := g.Edge(0).LengthM; math.Signbit(l) {
		t.Errorf("edge 0 keeps length %v", l)
	}
	ws := NewWorkspace(g)
	for _, w := range []Weight{Length, Time} {
		if err := g.Nearest(ws, []Snap{{Edge: 0, Frac: 0.5}, {Edge: 2, Frac: 0.1}}, Search{Weight: w}); err != nil {
			t.Fatal(err)
		}
		r, ok := ws.VertexCost(2)
		if want := polylineM(line(a, c)); !ok || r.Seed != 0 || math.Abs(r.LengthM-want) > 1e-6 {
			t.Errorf("%v: vertex C %+v, want seed 0 at %.3f m", w, r, want)
		}
	}
}
