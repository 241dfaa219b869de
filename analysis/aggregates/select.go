package aggregates

import (
	"cmp"
	"math"
	"math/bits"
	"slices"
)

// Quantiles without sorting.
//
// With whole weights (exactWeights) a weighted quantile is the smallest
// distance x with Σ{w : d ≤ x} ≥ p·Σw (see quantile.go), a function of
// the pairs as a set: their order does not matter. A group's median and
// 90th percentile are then found from its pairs in any order by a radix
// selection: the weights are summed per bucket of the distances' top
// varying bits, the buckets walked to the one where the running sum
// reaches p·Σw, and the search goes on in that bucket's pairs alone, on
// their next bits, until a few pairs are left to sort. Every sum is
// exact, so the answer is the one exactQuantile gives on the sorted
// pairs, bit for bit.

// selectBits is the width of a bucket's digit: 4,096 buckets.
const selectBits = 12

// selectMin is the number of pairs under which they are simply sorted.
const selectMin = 64

// keyed is a pair with its distance as sortKey.
type keyed struct {
	k uint64
	w float64
}

// selector holds the buffers of the radix selection, reused.
type selector struct {
	all, in, next []keyed
	weight        [1 << selectBits]float64
}

// sortKey maps a distance (never NaN nor −0) to bits in the same order.
func sortKey(x float64) uint64 {
	b := math.Float64bits(x)
	if b>>63 != 0 {
		return ^b
	}
	return b | 1<<63
}

// fromKey is the distance of a sortKey.
func fromKey(k uint64) float64 {
	if k>>63 != 0 {
		return math.Float64frombits(k &^ (1 << 63))
	}
	return math.Float64frombits(^k)
}

// quantiles returns weightedQuantile(p, sorted) for each p of ps (in
// [0, 1]) into out, where sorted would be pairs sorted by distance:
// pairs are in any order, not empty, hold no NaN and no −0 distance, and
// whole, non-negative weights totalling less than 2^53 (exactWeights).
// Small groups are sorted in place. O(len(pairs)) per quantile.
func (s *selector) quantiles(pairs []pair, ps []float64, out []float64) {
	if len(pairs) < selectMin {
		slices.SortFunc(pairs, func(a, b pair) int { return cmp.Compare(a.x, b.x) })
		for i, p := range ps {
			out[i] = weightedQuantile(p, pairs)
		}
		return
	}
	var sum float64
	s.all = slices.Grow(s.all[:0], len(pairs))[:len(pairs)]
	for i, e := range pairs {
		s.all[i] = keyed{sortKey(e.x), e.w}
		sum += e.w
	}
	for i, p := range ps {
		out[i] = finite(s.quantile(p * sum))
	}
}

// quantile is the smallest distance of s.all whose running weight
// reaches fidx (= p·Σw, at most Σw).
func (s *selector) quantile(fidx float64) float64 {
	const mask = 1<<selectBits - 1
	cur := s.all
	if fidx <= 0 {
		// The first pair reaches it: the smallest distance.
		k := cur[0].k
		for _, e := range cur {
			k = min(k, e.k)
		}
		return fromKey(k)
	}
	// cum is the weight of the pairs below every pair of cur, less than
	// fidx; cum plus the weight of cur reaches it.
	var cum float64
	in, next := s.in, s.next
	defer func() { s.in, s.next = in, next }()
	for len(cur) >= selectMin {
		and, or := ^uint64(0), uint64(0)
		for _, e := range cur {
			and &= e.k
			or |= e.k
		}
		diff := and ^ or
		if diff == 0 {
			return fromKey(cur[0].k) // one distance: the sum reaches fidx there
		}
		// The digit is the selectBits bits from the top bit where the
		// keys differ down (all of them when they differ lower down):
		// the keys share every bit above it, so it orders them.
		shift := max(0, bits.Len64(diff)-selectBits)
		clear(s.weight[:])
		for _, e := range cur {
			s.weight[(e.k>>shift)&mask] += e.w
		}
		// The bucket where the running sum first reaches fidx holds
		// the answer: before it every running sum is below fidx, and
		// its last pair's reaches it.
		d := 0
		for ; d < mask; d++ {
			if cum+s.weight[d] >= fidx {
				break
			}
			cum += s.weight[d]
		}
		next = next[:0]
		for _, e := range cur {
			if int((e.k>>shift)&mask) == d {
				next = append(next, e)
			}
		}
		cur, in, next = next, next, in
	}
	slices.SortFunc(cur, func(a, b keyed) int { return cmp.Compare(a.k, b.k) })
	for _, e := range cur {
		cum += e.w
		if cum >= fidx {
			return fromKey(e.k)
		}
	}
	return math.NaN() // not reached: the weight of cur reaches fidx
}

// finite is x, or NaN for ±Inf (the quantile person reaches no service).
func finite(x float64) float64 {
	if math.IsInf(x, 0) {
		return math.NaN()
	}
	return x
}
