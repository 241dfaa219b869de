package aggregates

import (
	"cmp"
	"math"
	"slices"

	"github.com/partons/partons/datasets"
)

// Sorting villages by distance for the quantiles.
//
// The aggregates' medians and 90th percentiles are gonum's empirical
// weighted quantiles over the members sorted by distance: the first
// distance whose running sum of populations reaches p times their total.
// Among equal distances the order of the villages decides nothing when
// every running sum is exact, that is when the populations are whole,
// non-negative numbers whose total is below 2^53: the answer is then the
// smallest distance x with Σ{w : d ≤ x} ≥ p·Σw, whatever the order of the
// ties. Such data (populations are head counts) is sorted by a stable
// radix sort on the distances' bits, several times faster than a
// comparison sort through the index; other data keeps the comparison sort
// whose tie order earlier results came from.

// exactWeights reports whether the populations of the villages make every
// running sum of weights exact (see above).
func exactWeights(villages []datasets.Village) bool {
	var sum float64
	for i := range villages {
		v := &villages[i]
		if !v.HasPopulation {
			continue
		}
		w := v.Population
		if !(w >= 0) || w != math.Trunc(w) {
			return false
		}
		sum += w
	}
	return sum < 1<<53
}

// sortByDistance sorts order (village indexes) by d[v]: with radix when
// exact is true (exactWeights) and no distance is −0, else with the
// comparison sort. scratch is reused between calls.
func sortByDistance(order []int32, d []float64, exact bool, scratch *radixScratch) {
	if exact && len(order) > 64 {
		if scratch.sort(order, d) {
			return
		}
	}
	slices.SortFunc(order, func(a, b int32) int { return cmp.Compare(d[a], d[b]) })
}

// radixScratch holds the buffers of a radix sort.
type radixScratch struct {
	keys, keys2 []uint64
	ids2        []int32
	count       *[1 << 16]int32
}

// sort sorts order by d[v] with a stable least-significant-digit radix
// sort on 16-bit digits of the distances' order-preserving bit patterns,
// skipping digits every key shares. It returns false, leaving order
// as it was, when a distance is −0 (whose order against +0 the
// comparison sort leaves open). d must hold no NaN.
func (s *radixScratch) sort(order []int32, d []float64) bool {
	n := len(order)
	s.keys, s.keys2 = slices.Grow(s.keys[:0], n)[:n], slices.Grow(s.keys2[:0], n)[:n]
	s.ids2 = slices.Grow(s.ids2[:0], n)[:n]
	and, or := ^uint64(0), uint64(0)
	for i, v := range order {
		x := d[v]
		b := math.Float64bits(x)
		if b == 1<<63 { // −0
			return false
		}
		if b>>63 != 0 {
			b = ^b
		} else {
			b |= 1 << 63
		}
		s.keys[i] = b
		and &= b
		or |= b
	}
	keys, keys2 := s.keys, s.keys2
	ids, ids2 := order, s.ids2
	if s.count == nil {
		s.count = new([1 << 16]int32)
	}
	count := s.count
	for shift := uint(0); shift < 64; shift += 16 {
		if (and>>shift)&0xffff == (or>>shift)&0xffff {
			continue // every key has this digit
		}
		clear(count[:])
		for _, k := range keys {
			count[(k>>shift)&0xffff]++
		}
		pos := int32(0)
		for i, c := range count {
			count[i] = pos
			pos += c
		}
		for i, k := range keys {
			j := count[(k>>shift)&0xffff]
			count[(k>>shift)&0xffff]++
			keys2[j] = k
			ids2[j] = ids[i]
		}
		keys, keys2 = keys2, keys
		ids, ids2 = ids2, ids
	}
	if &ids[0] != &order[0] {
		copy(order, ids)
		s.ids2 = ids
	} else {
		s.ids2 = ids2
	}
	s.keys, s.keys2 = keys, keys2
	return true
}

// exactQuantile is weightedQuantile without copying the pairs, for whole,
// non-negative weights totalling less than 2^53: gonum's empirical
// quantile (the first x whose running weight reaches p·Σw) with every sum
// exact, so its summation order, which gonum's assembly does not share
// with a plain loop, cannot matter. ok is false for other weights and for
// no pairs (gonum's panic), left to weightedQuantile.
func exactQuantile(p float64, sorted []pair) (q float64, ok bool) {
	var sum float64
	prev := math.Inf(-1)
	for _, e := range sorted {
		if !(e.w >= 0) || e.w != math.Trunc(e.w) || !(e.x >= prev) {
			return 0, false // gonum answers NaN or panics, or sums inexactly
		}
		sum += e.w
		prev = e.x
	}
	if !(sum < 1<<53) || len(sorted) == 0 || !(p >= 0 && p <= 1) {
		return 0, false
	}
	fidx := p * sum
	var cum float64
	for _, e := range sorted {
		cum += e.w
		if cum >= fidx {
			if math.IsInf(e.x, 0) {
				return math.NaN(), true
			}
			return e.x, true
		}
	}
	return 0, false // not reached: cum ends at sum >= fidx
}
