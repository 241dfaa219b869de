package search

import (
	"math"
	"math/bits"
)

// radixHeap is a monotone priority queue of labels (Ahuja, Mehlhorn, Orlin
// and Tarjan 1990) keyed on the IEEE bits of d1, which order like the
// non-negative costs they encode. Dijkstra only pushes labels no smaller
// than the last popped one, which is all a radix heap needs. An entry sits
// in bucket bits.Len64(key ^ last): bucket 0 holds keys equal to the last
// popped key, bucket b > 0 keys that first differ from it at bit b-1. When
// bucket 0 is empty, pop moves the first non-empty bucket down around its
// minimum. An entry only ever moves to a lower bucket, so a pop costs O(1)
// amortised plus O(64) per entry over its lifetime, with branches far more
// predictable than a d-ary heap's. Bucket 0, whose entries tie on d1, is a
// binary heap on (d2, seed): a grid of equal edges has many exact ties.
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

// key returns the bits of a cost ≥ 0; -0 is 0, whose bits would sort last.
func key(d1 float64) uint64 {
	if d1 == 0 {
		return 0
	}
	return math.Float64bits(d1)
}

// add files it in its bucket.
func (h *radixHeap) add(it hitem) {
	b := bits.Len64(key(it.d1) ^ h.last)
	if b == 0 {
		h.push0(it)
		return
	}
	h.buckets[b] = append(h.buckets[b], it)
	h.mask |= 1 << (b - 1)
}

// push adds it, whose d1 must be ≥ the last popped d1.
func (h *radixHeap) push(it hitem) {
	h.add(it)
	h.n++
}

// pop removes and returns the least entry; h must not be empty.
func (h *radixHeap) pop() hitem {
	if len(h.buckets[0]) == 0 {
		b := bits.TrailingZeros64(h.mask) + 1
		src := h.buckets[b]
		m := 0
		for k := 1; k < len(src); k++ {
			if src[k].d1 < src[m].d1 {
				m = k
			}
		}
		h.last = key(src[m].d1)
		h.buckets[b] = src[:0] // entries move to lower buckets only
		h.mask &^= 1 << (b - 1)
		for _, it := range src {
			h.add(it)
		}
	}
	h.n--
	return h.pop0()
}

// push0 adds it to bucket 0, a binary min-heap on (d2, seed).
func (h *radixHeap) push0(it hitem) {
	z := append(h.buckets[0], it)
	i := len(z) - 1
	for i > 0 {
		p := (i - 1) / 2
		if !hless(&it, &z[p]) {
			break
		}
		z[i] = z[p]
		i = p
	}
	z[i] = it
	h.buckets[0] = z
}

// pop0 removes the least entry of bucket 0, which must not be empty.
func (h *radixHeap) pop0() hitem {
	z := h.buckets[0]
	top, last := z[0], z[len(z)-1]
	z = z[:len(z)-1]
	h.buckets[0] = z
	n := len(z)
	if n == 0 {
		return top
	}
	i := 0
	for {
		c := 2*i + 1
		if c >= n {
			break
		}
		if c+1 < n && hless(&z[c+1], &z[c]) {
			c++
		}
		if !hless(&z[c], &last) {
			break
		}
		z[i] = z[c]
		i = c
	}
	z[i] = last
	return top
}
