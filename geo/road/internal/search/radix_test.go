package search

import (
	"math"
	"math/rand/v2"
	"testing"
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
