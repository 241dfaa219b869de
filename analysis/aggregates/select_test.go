package aggregates

import (
	"cmp"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestSelectedQuantilesMatchSorted: the radix selection gives, bit for
// bit, the weighted quantiles of the pairs sorted by distance, on groups
// below and above the size where it sorts, with many ties, zeros, +Inf,
// negative distances, zero weights (all of them too) and distances that
// differ only in their last bits or not at all, and equal weights whose
// running sums land exactly on p·Σw.
func TestSelectedQuantilesMatchSorted(t *testing.T) {
	rng := rand.New(rand.NewPCG(41, 42))
	var s selector
	ps := []float64{0, 0.1, 0.5, 0.9, 0.99, 1}
	got := make([]float64, len(ps))
	for trial := 0; trial < 900; trial++ {
		n := 1 + rng.IntN(3*selectMin)
		if trial%5 == 0 {
			n = selectMin + rng.IntN(20000)
		}
		pairs := make([]pair, n)
		levels := 1 + rng.IntN(60)
		base := 1e4 * rng.Float64()
		for i := range pairs {
			var x float64
			switch k := rng.IntN(levels + 4); {
			case k == levels && trial%2 == 0:
				x = math.Inf(1)
			case k == levels+1:
				x = 0
			case k == levels+2 && trial%3 == 0:
				x = -float64(rng.IntN(5)) - 0.5
			case k == levels+3:
				x = 5e4 * rng.Float64() // distinct values
			default:
				switch trial % 4 {
				case 0: // neighbouring floats: keys differ in their last bits
					x = math.Float64frombits(math.Float64bits(base) + uint64(k))
				case 1: // one distance for all
					x = base
				default:
					x = float64(k)*1234.5 + float64(trial)
				}
			}
			var w float64
			switch trial % 6 {
			case 0: // no population at all
			case 1: // equal weights: running sums land on p·Σw
				w = 1
			case 2:
				w = float64(1 + rng.IntN(3))
			default:
				if rng.IntN(4) > 0 {
					w = float64(rng.IntN(5000))
				}
			}
			pairs[i] = pair{x, w}
		}
		sorted := slices.Clone(pairs)
		slices.SortStableFunc(sorted, func(a, b pair) int { return cmp.Compare(a.x, b.x) })
		s.quantiles(slices.Clone(pairs), ps, got)
		for i, p := range ps {
			want, ok := exactQuantile(p, sorted)
			if !ok {
				t.Fatalf("trial %d: exactQuantile declined", trial)
			}
			if math.Float64bits(got[i]) != math.Float64bits(want) && !(math.IsNaN(got[i]) && math.IsNaN(want)) {
				t.Fatalf("trial %d n %d p %v: selected %v, sorted %v", trial, n, p, got[i], want)
			}
		}
	}
}
