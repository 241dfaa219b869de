package core

import (
	"fmt"
	"slices"
)

// Wrapf wraps sentinel with a formatted reason.
func Wrapf(sentinel error, format string, args ...any) error {
	return fmt.Errorf("%w: %s", sentinel, fmt.Sprintf(format, args...))
}

// CmpFloat orders a before b when a < b; NaN compares equal to anything.
func CmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Pad completes chosen with the smallest-index closed free sites up to P
// (extra open sites never lower a coverage value).
func Pad(pr *Problem, chosen []int32, open []bool) []int32 {
	out := slices.Clone(chosen)
	for _, j := range pr.FreeIDs {
		if len(out) >= pr.Cfg.P {
			break
		}
		if !open[j] {
			out = append(out, j)
		}
	}
	return out
}

// SitePositions sets pos[j] to j's index in sites, or -1 for a site not
// in it: the interchanges' map from a site to its swap slot.
func SitePositions(pos, sites []int32) {
	for q := range pos {
		pos[q] = -1
	}
	for q, f := range sites {
		pos[f] = int32(q)
	}
}
