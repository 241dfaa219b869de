package road

import (
	"math"
	"math/bits"
)

// radixHeap is a monotone priority queue of labels (Ahuja, Mehlhorn, Orlin
// and Tarjan 1990) keyed on the IEEE bits of d1, which order like the
// non-negative costs they encode. Dijkstra only pushes labels no smaller
// than the last popped one, which is all a radix heap needs. An entry sits
// in bucket bits.Len64(key ^ last): bucket 0 holds keys equal to the last
// popped key, bucket b > 0 keys that first differ from it at bit b-1. Pop
// takes the least entry of bucket 0 (ties on d1 resolved on (d2, seed) by
// a scan, usually of one entry); when bucket 0 is empty it moves the first
// non-empty bucket down around its minimum. An entry only ever moves to a
// lower bucket, so a pop costs O(1) amortised plus O(64) per entry over
// its lifetime, with branches far more predictable than a d-ary heap's.
type radixHeap struct {
	last    uint64
	n       int
	mask    uint64 // bit b-1 set when bucket b > 0 is non-empty
	buckets [65][]hitem
}

func (h *radixHeap) reset() {
	for b := range h.buckets {
		h.buckets[b] = h.buckets[b][:0]
	}
	h.last, h.n, h.mask = 0, 0, 0
}

func (h *radixHeap) bucket(d1 float64) int {
	return bits.Len64(math.Float64bits(d1) ^ h.last)
}

// push adds it, whose d1 must be ≥ the last popped d1.
func (h *radixHeap) push(it hitem) {
	b := h.bucket(it.d1)
	h.buckets[b] = append(h.buckets[b], it)
	if b > 0 {
		h.mask |= 1 << (b - 1)
	}
	h.n++
}

// pop removes and returns the least entry; h must not be empty.
func (h *radixHeap) pop() hitem {
	if len(h.buckets[0]) == 0 {
		b := bits.TrailingZeros64(h.mask) + 1
		src := h.buckets[b]
		m := 0
		for k := 1; k < len(src); k++ {
			if hless(&src[k], &src[m]) {
				m = k
			}
		}
		h.last = math.Float64bits(src[m].d1)
		for _, it := range src {
			nb := h.bucket(it.d1)
			h.buckets[nb] = append(h.buckets[nb], it)
			if nb > 0 {
				h.mask |= 1 << (nb - 1)
			}
		}
		h.buckets[b] = src[:0]
		h.mask &^= 1 << (b - 1)
	}
	z := h.buckets[0]
	m := 0
	for k := 1; k < len(z); k++ {
		if hless(&z[k], &z[m]) {
			m = k
		}
	}
	top := z[m]
	z[m] = z[len(z)-1]
	h.buckets[0] = z[:len(z)-1]
	h.n--
	return top
}
